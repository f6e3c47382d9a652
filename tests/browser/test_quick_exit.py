"""'Snel weg' (quick exit) on resident pages, issue #12: one tap or three presses of Shift
leave for a neutral site, and Back does not return to the page that was open."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, MOBILE

pytestmark = pytest.mark.browser

NEUTRAL = "https://www.google.nl/"


@pytest.fixture
def resident(open_browser):
    def open_(viewport=DESKTOP):
        resident = open_browser(viewport)
        # the neutral site is answered here: the tests need no internet
        resident.page.context.route(
            f"{NEUTRAL}**", lambda route: route.fulfill(body="<title>Google</title>neutraal")
        )
        return resident

    return open_


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "360px"])
def test_one_tap_leaves_and_back_does_not_return(resident, viewport):
    page = resident(viewport).page
    page.goto("/")
    page.goto("/regels/")
    button = page.get_by_role("link", name="Snel weg")
    assert button.is_visible()
    box = button.bounding_box()
    assert box["y"] < 200  # at the top, in view without scrolling
    button.click()
    page.wait_for_url(NEUTRAL)
    page.go_back()
    page.wait_for_load_state()
    assert page.url.endswith("/") and "/regels/" not in page.url  # the rules page is gone


def test_three_presses_of_shift_leave_too(resident):
    page = resident().page
    page.goto("/")
    page.goto("/aanvraag/")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL)


def test_without_javascript_it_is_a_plain_link(browser, live_server, app):
    context = browser.new_context(base_url=live_server, java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto("/")
    assert page.get_by_role("link", name="Snel weg").get_attribute("href") == NEUTRAL
    context.close()


def test_staff_pages_have_no_quick_exit(resident):
    page = resident().page
    page.goto("/medewerkers/inloggen")
    assert page.get_by_role("link", name="Snel weg").count() == 0
