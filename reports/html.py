"""The self-contained HTML report of ``drift compare``.

One file, no network request of any kind: the CSS and JavaScript are package data inlined
into the page, and a Content-Security-Policy ``<meta>`` allows only the inline script whose
hash is computed here, so text injected into a statement can neither load anything nor run.
All statement text reaches the page through jinja2 with autoescape on.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from compare.models import Comparison
from reports.view import build_report

CSP_BASE = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The jinja2 environment of drift's reports (templates are package data)."""
    return Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # package data does not change while drift runs: no stat per include
    )


def static_text(name: str) -> str | None:
    """The text of ``reports/static/<name>``, or None when the package has no such file."""
    resource = resources.files("reports").joinpath("static", name)
    if not resource.is_file():
        return None
    return resource.read_text(encoding="utf-8")


def script_hash(script: str) -> str:
    """The CSP source expression allowing exactly this inline script.

    >>> script_hash("alert(1)")
    "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    """
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(scripts: list[str]) -> str:
    """The policy of the page: nothing from the network, only these inline scripts."""
    sources = " ".join(script_hash(s) for s in scripts) or "'none'"
    return f"{CSP_BASE}; script-src {sources}; base-uri 'none'; form-action 'none'"


def _assets(with_themes: bool) -> tuple[list[str], list[str]]:
    styles = [static_text("base.css") or "", static_text("compare.css") or ""]
    scripts = [static_text("compare.js") or ""]
    if with_themes:
        styles.append(static_text("themes.css") or "")
        scripts.append(static_text("themes.js") or "")
    for text in styles:
        if "</style" in text.lower():
            msg = "a stylesheet of the report contains '</style'"
            raise ValueError(msg)
    for text in scripts:
        if "</script" in text.lower() or "<!--" in text:
            msg = "a script of the report contains '</script' or '<!--'"
            raise ValueError(msg)
    return [s for s in styles if s], [s for s in scripts if s]


def render_compare_html(comparison: Comparison, *, generated: str | None = None) -> str:
    """The whole report page for one comparison, as a string.

    ``generated`` (e.g. a date) is printed in the footer when given; without it the output
    depends on the comparison alone, byte for byte.
    """
    if generated is not None and not isinstance(generated, str):
        msg = f"generated must be a string or None: {generated!r}"
        raise TypeError(msg)
    report = build_report(comparison, generated=generated)
    styles, scripts = _assets(comparison.themes is not None)
    template = environment().get_template("compare.html")
    return template.render(
        report=report,
        themes=comparison.themes,
        csp=content_security_policy(scripts),
        styles=[Markup(s) for s in styles],
        scripts=[Markup(s) for s in scripts],
    )
