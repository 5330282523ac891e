"""The one page renderer of every HTML report: templates, inlined assets, Content-Security-Policy.

Every report is one self-contained file: the CSS and JavaScript are package data inlined into
the page, and a Content-Security-Policy ``<meta>`` allows only the inline scripts whose hashes
are computed here, so text injected into a statement can neither load anything nor run. All
statement text reaches the page through jinja2 with autoescape on.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import BytecodeCache, Environment, PackageLoader, StrictUndefined
from jinja2.bccache import Bucket
from markupsafe import Markup

CSP_BASE = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_SETTINGS = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
}


class SignedBytecodeCache(BytecodeCache):
    """Compiled templates kept between runs (compiling them is most of a small report's
    rendering time), as signed entries of :class:`policydrift.corpus.derived_cache.DerivedStore`.

    An entry is keyed by the template's name and file, jinja2's version and the environment's
    settings; jinja2 itself checks the template source's checksum and the Python version.
    """

    def __init__(self, store=None) -> None:
        from policydrift.corpus.derived_cache import DerivedStore

        self.store = store if store is not None else DerivedStore("templates")

    def _key(self, bucket: Bucket) -> str:
        from policydrift.corpus.derived_cache import digest

        return digest(jinja2.__version__, repr(sorted(_SETTINGS.items())), bucket.key)

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.store.get(self._key(bucket))
        if data is not None:
            bucket.bytecode_from_string(data)  # ignored when the source or Python differs

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store.put(self._key(bucket), bucket.bytecode_to_string())


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The jinja2 environment of drift's reports (templates are package data)."""
    return Environment(
        loader=PackageLoader("policydrift.reports", "templates"),
        undefined=StrictUndefined,
        auto_reload=False,  # package data does not change while drift runs: no stat per include
        bytecode_cache=SignedBytecodeCache(),
        **_SETTINGS,
    )


def static_text(name: str) -> str | None:
    """The text of ``reports/static/<name>``, or None when the package has no such file."""
    resource = Path(__file__).with_name("static") / name  # not importlib.resources: 4 ms to import
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


def inline_assets(names: list[str], closing: str) -> list[str]:
    """The non-empty texts of these static files, refused if one could close its element early."""
    texts = [static_text(name) or "" for name in names]
    for name, text in zip(names, texts, strict=True):
        if closing in text.lower() or "<!--" in text:
            msg = f"the report asset {name} contains {closing!r} or '<!--'"
            raise ValueError(msg)
    return [text for text in texts if text]


def render_page(template: str, *, styles: list[str], scripts: list[str], **context: Any) -> str:
    """Render one report template with these static stylesheets and scripts inlined."""
    css = inline_assets(styles, "</style")
    js = inline_assets(scripts, "</script")
    return (
        environment()
        .get_template(template)
        .render(
            csp=content_security_policy(js),
            styles=[Markup(s) for s in css],
            scripts=[Markup(s) for s in js],
            **context,
        )
    )


def check_generated(generated: str | None) -> None:
    """Refuse a footer stamp that is not a string (a report is reproducible without one)."""
    if generated is not None and not isinstance(generated, str):
        msg = f"generated must be a string or None: {generated!r}"
        raise TypeError(msg)
