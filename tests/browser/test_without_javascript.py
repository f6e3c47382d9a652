"""The whole resident journey with JavaScript switched off (issue #20): a resident whose phone
or browser blocks scripts can still ask for help, from the front page to the confirmation and
the printable summary, and every page passes axe (run by the test, not by the page)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, MOBILE
from tests.browser.flows import assert_confirmation, open_the_form
from tests.browser.households import HOUSEHOLDS, Household

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "360px"])
@pytest.mark.parametrize("household", HOUSEHOLDS[:2], ids=lambda h: h.name)
def test_the_journey_works_without_javascript(app, open_browser, household: Household, viewport):
    resident = open_browser(viewport, javascript=False)
    open_the_form(resident)
    resident.walk(household.steps)
    assert_confirmation(app, resident, household)
    assert len(resident.checked_pages) == len(household.steps) + 4
