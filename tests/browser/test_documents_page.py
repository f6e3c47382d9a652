"""Issue #19, documents on Mijn aanvraag in Chromium: at 360 px (and 1280 px) the upload page,
a refused file (the error summary first) and the page after a good upload have no WCAG 2.1
A/AA violation (axe-core) and nothing scrolls sideways; with JavaScript switched off a
resident sends a file all the same."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, MOBILE
from tests.browser.test_resident_page import resident_server  # noqa: F401  (fixture)
from tests.documents.conftest import disguised_executable, pdf
from tests.households.conftest import world  # noqa: F401  (fixture)
from tests.residents.conftest import family, submit
from tests.staff.conftest import clock  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


def _log_in(page, server: str, issuer: str) -> None:
    page.goto("/mijn/inloggen")
    page.locator("a[href='/mijn/inloggen/digid']").click()
    page.wait_for_url(f"{issuer}/oauth2/authorize?**")
    page.get_by_role("button", name="anouk", exact=True).click()
    page.wait_for_url(f"{server}/mijn/")


@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["360px", "desktop"])
def test_the_upload_page_is_accessible_with_and_after_an_error(
    app,
    world,  # noqa: F811
    browser,
    resident_server,  # noqa: F811
    viewport,
    tmp_path,
):
    from tests.browser.resident import Resident, install_axe

    server, issuer = resident_server
    submit(app, family())
    context = browser.new_context(base_url=server, viewport=viewport, locale="nl-NL")
    context.set_default_timeout(10_000)
    install_axe(context)
    try:
        resident = Resident(context.new_page(), mobile=viewport["width"] < 600)
        page = resident.page
        _log_in(page, server, issuer)
        page.locator("a[href='/mijn/documenten/']").click()
        resident.expect_at("/mijn/documenten/")
        resident.check_page()
        disguised = tmp_path / "loonstrook.pdf"
        disguised.write_bytes(disguised_executable())
        page.locator("main input[type='radio']").first.check()
        page.locator("#bestand").set_input_files(str(disguised))
        page.locator("#description").fill("Loonstrook oktober")
        page.get_by_role("button", name="Document sturen").click()
        page.wait_for_selector(".error-summary")
        resident.check_page()
        assert "Dit is geen PDF, JPG of PNG" in page.locator(".error-summary").inner_text()
        assert page.locator("#description").input_value() == "Loonstrook oktober"
        assert page.evaluate("() => document.activeElement.id") == "fouten"
        good = tmp_path / "huurcontract.pdf"
        good.write_bytes(pdf())
        page.locator("#bestand").set_input_files(str(good))
        page.get_by_role("button", name="Document sturen").click()
        page.wait_for_selector("main table")
        resident.check_page()
        assert "huurcontract.pdf" in page.locator("main table").inner_text()
    finally:
        context.close()


def test_without_javascript_a_resident_sends_a_file(
    app,
    world,  # noqa: F811
    browser,
    resident_server,  # noqa: F811
    tmp_path,
):
    server, issuer = resident_server
    submit(app, family())
    context = browser.new_context(
        base_url=server, viewport=MOBILE, locale="nl-NL", java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        _log_in(page, server, issuer)
        page.goto("/mijn/documenten/")
        good = tmp_path / "scan.pdf"
        good.write_bytes(pdf())
        page.locator("main input[type='radio']").first.check()
        page.locator("#bestand").set_input_files(str(good))
        page.get_by_role("button", name="Document sturen").click()
        page.wait_for_selector("main table")
        assert "scan.pdf" in page.locator("main table").inner_text()
        assert "Wij hebben uw document bewaard" in page.locator("main").inner_text()
    finally:
        context.close()
