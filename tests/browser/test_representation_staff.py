"""Staff register a written authorisation (issue #19) in Chromium: the household file's
"Machtigingen" page and the front desk's page pass axe-core, and a form sent empty puts the
focus on the error summary (keyboard-first), which names every problem."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP
from tests.browser.staff import log_in
from tests.households.conftest import app, household, world  # noqa: F401  (fixtures)
from tests.staff.conftest import make_staff

pytestmark = pytest.mark.browser

FOCUSED = "() => document.activeElement && document.activeElement.id"


def _send_empty(person) -> None:
    person.press("Machtiging vastleggen")
    person.page.wait_for_selector(".error-summary")
    person.check_page()
    assert person.page.evaluate(FOCUSED) == "fouten"
    summary = person.text(".error-summary")
    assert "Vul de naam van de gemachtigde in." in summary
    assert "Kies wat de gemachtigde mag doen." in summary


def test_the_contact_persons_page(open_browser, world, household):  # noqa: F811
    person = open_browser(DESKTOP, keyboard=True)
    log_in(person, world["a"])
    person.goto(f"/medewerkers/huishoudens/{household}")
    person.follow("Machtigingen bekijken of vastleggen")
    person.check_page()
    assert "Er is nog geen machtiging vastgelegd." in person.text()
    _send_empty(person)


def test_the_front_desk_page(open_browser, app, world):  # noqa: F811
    desk = make_staff(app, "balie@test.example", "front_desk")
    person = open_browser(DESKTOP, keyboard=True)
    log_in(person, desk)
    person.goto("/balie/")
    person.follow("Iemand wil namens een inwoner handelen: een machtiging vastleggen")
    person.check_page()
    _send_empty(person)
