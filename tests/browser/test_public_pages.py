"""axe-core on the public pages, in Dutch and in English."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, MOBILE

pytestmark = pytest.mark.browser

PAGES = ["/", "/regels/", "/regels/artikel/6.4", "/regels/bedragen-en-termijnen"]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "360px"])
def test_public_pages_have_no_wcag_violations(open_browser, language, viewport):
    resident = open_browser(viewport, language=language)
    for path in PAGES:
        resident.goto(path)  # fails with each violation's id, impact and selectors
        assert resident.page.locator("html").get_attribute("lang") == language
    assert resident.checked_pages == PAGES


def test_axe_check_reports_id_impact_and_selector(open_browser):
    """The check itself works: a picture without a text alternative is caught and named."""
    resident = open_browser(DESKTOP)
    resident.goto("/")
    resident.page.evaluate(
        "() => { const img = document.createElement('img'); img.id = 'no-alt'; "
        "img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw='; "
        "document.querySelector('main').append(img); }"
    )
    with pytest.raises(AssertionError) as failure:
        resident.check_page()
    assert "image-alt (critical)" in str(failure.value)
    assert "#no-alt" in str(failure.value)
