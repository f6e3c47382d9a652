"""Real-browser fixtures: the real app served over HTTP, one Chromium per session (per xdist
worker), a fresh browser context per test.

The browser is Debian's `chromium` (/usr/bin/chromium) driven by the `playwright` package; no
browser is ever downloaded (see shared/recipes/browser-tests.md). Without chromium the tests
skip with a message, unless EENLOKET_REQUIRE_BROWSER=1 (CI sets it): then they fail loudly.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from tests.conftest import make_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REQUIRE_BROWSER = os.environ.get("EENLOKET_REQUIRE_BROWSER") == "1"

DESKTOP = {"width": 1280, "height": 900}
#: The browser's own language (Accept-Language) per portal language.
LOCALES = {"nl": "nl-NL", "en": "en-GB", "ar": "ar-MA", "tr": "tr-TR", "pl": "pl-PL", "uk": "uk-UA"}
MOBILE = {"width": 360, "height": 740}


def _why_no_browser() -> str | None:
    if not CHROMIUM.exists():
        return (
            f"{CHROMIUM} is missing: install Debian's chromium "
            "(sudo apt-get install chromium) to run the real-browser tests"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing: pip install -c requirements.lock -e '.[dev]'"
    return None


@pytest.fixture(scope="session")
def browser_available() -> None:
    reason = _why_no_browser()
    if reason is None:
        return
    if REQUIRE_BROWSER:
        pytest.fail(f"EENLOKET_REQUIRE_BROWSER=1, but {reason}", pytrace=False)
    pytest.skip(reason)


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code="-", size="-") -> None:  # no access log in the test output
        pass


@pytest.fixture(scope="session")
def live_server(browser_available, migrated: dict) -> Iterator[str]:
    """The real app on 127.0.0.1 and a free port, against this worker's test database."""
    app = make_app(migrated)
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser(browser_available):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_browser(browser, live_server, app):
    """Opens a fresh browser context (no cookies: a new device) and returns a `Resident` on it.

    Depends on `app` so that the tables are emptied after the test, as for every other test.
    """
    from tests.browser.resident import Resident, install_axe

    contexts = []

    def open_(
        viewport: dict = DESKTOP,
        *,
        keyboard: bool = False,
        language: str = "nl",
        javascript: bool = True,
    ):
        context = browser.new_context(
            base_url=live_server,
            viewport=viewport,
            locale=LOCALES[language],
            java_script_enabled=javascript,
        )
        context.set_default_timeout(10_000)
        install_axe(context)
        contexts.append(context)
        axe_page = None
        if not javascript:  # axe needs JavaScript: it checks a copy of each page (resident.py)
            axe_context = browser.new_context(viewport=viewport)
            install_axe(axe_context)
            contexts.append(axe_context)
            axe_page = axe_context.new_page()
        mobile = viewport["width"] < 600
        return Resident(context.new_page(), keyboard=keyboard, mobile=mobile, axe_page=axe_page)

    yield open_
    for context in contexts:
        context.close()
