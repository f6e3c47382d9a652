"""Three households walk the whole form in a real browser, from the front page to the
confirmation, on a desktop screen and on a 360 px phone; one of them with the keyboard only.
axe-core checks every page on the way."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, MOBILE
from tests.browser.flows import assert_confirmation, open_the_form
from tests.browser.households import HOUSEHOLDS, YOUNG_WOMAN_WITH_DEBTS, Household

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "360px"])
@pytest.mark.parametrize("household", HOUSEHOLDS, ids=lambda h: h.name)
def test_household_completes_the_form(app, open_browser, household: Household, viewport):
    resident = open_browser(viewport)
    open_the_form(resident)
    resident.walk(household.steps)
    assert_confirmation(app, resident, household)
    # Every page of the journey was checked by axe, from the front page to the printable one.
    assert len(resident.checked_pages) == len(household.steps) + 4


def test_keyboard_only_journey(app, open_browser):
    """Tab, Shift+Tab, arrows, Space, Enter and typing: no mouse anywhere."""
    household = YOUNG_WOMAN_WITH_DEBTS
    resident = open_browser(DESKTOP, keyboard=True)
    open_the_form(resident)
    resident.walk(household.steps)
    assert_confirmation(app, resident, household)
