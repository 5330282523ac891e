"""A real headless Chromium (Debian's, driven by Playwright) for the report tests.

One browser per test session keeps the suite fast; each test gets a fresh context, so no state
leaks between tests. Every page opened through :func:`open_report` records its console errors,
uncaught page errors and every request other than the report file itself; any such request is
aborted before it leaves the machine, so a report that tries to load something is caught even
when the test machine is offline.

On a machine without chromium or playwright the browser tests are skipped with the reason; under
CI (``CI=true``) the same situation is a failure, so a broken CI image cannot pass silently.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from policydrift.cli import cli

# Debian's chromium; DRIFT_CHROMIUM names another binary (e.g. /usr/bin/chromium-browser).
CHROMIUM = Path(os.environ.get("DRIFT_CHROMIUM", "/usr/bin/chromium"))
REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Wiring the test hook: every way a payload could call out is turned into a record.
XSS_HOOK = """
window.__xss = [];
const __record = (how) => function (...args) { window.__xss.push([how, String(args[0])]); };
window.alert = __record('alert');
window.confirm = __record('confirm');
window.prompt = __record('prompt');
"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder drives the browser: mark them so ``-m 'not browser'`` works."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run in CI)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium, headless, launched once per session."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright for Python is not installed (pip install -e '.[test]')")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Loaded:
    """A report opened in the browser, with what it did while loading and afterwards."""

    page: object
    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def visible_count(self, selector: str) -> int:
        """How many elements matching ``selector`` are rendered (not display:none, non-empty box)."""
        return self.page.eval_on_selector_all(
            selector,
            "els => els.filter(e => e.checkVisibility ? e.checkVisibility()"
            " : !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)).length",
        )

    def xss_records(self) -> list:
        return self.page.evaluate("window.__xss || []")

    def assert_clean(self) -> None:
        """No page error, console error or network request since the page was opened."""
        assert self.page_errors == [], self.page_errors
        assert self.console_errors == [], self.console_errors
        assert self.requests == [], self.requests


@pytest.fixture(scope="module")
def open_report(browser) -> Iterator[Callable[..., Loaded]]:
    """Open a report file in a fresh context; ``bypass_csp=True`` proves escaping alone holds.

    Contexts are closed at the end of the test module, so a module may share one page.
    """
    contexts = []

    def _open(
        path: Path, *, bypass_csp: bool = False, hook: bool = True, javascript: bool = True
    ) -> Loaded:
        url = Path(path).resolve().as_uri()
        context = browser.new_context(
            bypass_csp=bypass_csp,
            java_script_enabled=javascript,
            viewport={"width": 1280, "height": 900},
            locale="en-GB",
        )
        contexts.append(context)
        loaded = Loaded(page=None, url=url)

        def _route(route) -> None:
            if route.request.url == url:
                route.continue_()
            else:
                route.abort()

        context.route("**/*", _route)
        page = context.new_page()
        loaded.page = page
        if hook:
            page.add_init_script(XSS_HOOK)
        page.on(
            "console",
            lambda msg: loaded.console_errors.append(msg.text) if msg.type == "error" else None,
        )
        page.on("pageerror", lambda exc: loaded.page_errors.append(str(exc)))
        page.on("dialog", lambda dialog: (loaded.dialogs.append(dialog.message), dialog.dismiss()))
        page.on(
            "request",
            lambda req: loaded.requests.append(req.url) if req.url != url else None,
        )
        page.goto(url, wait_until="load")
        return loaded

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def page(report, open_report) -> Iterator[Loaded]:
    """One page for the module, on its ``report`` fixture's file (``(path, data)``): tests that
    change filters put them back as they found them; no error or request by the end."""
    loaded = open_report(report[0])
    yield loaded
    loaded.assert_clean()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """The git-ignored folder at the repo root where screenshots and PDFs are kept."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def _run_drift(*args: object) -> str:
    """Run the real CLI in-process; fail the test with drift's own message if it fails."""
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, f"drift {' '.join(map(str, args))}: {result.output}"
    return result.stdout


@pytest.fixture(scope="session")
def drift() -> Callable[..., str]:
    """``drift(*args)``: the real CLI in-process, its stdout; a failure fails the test."""
    return _run_drift
