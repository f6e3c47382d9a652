"""The household budget and the network picture in a real browser (issue #17): a contact person
adds a budget with the keyboard only, gets the error summary for a negative amount (what was
typed still there), books an expense, and reads the household file with the budget and the
network picture. axe-core finds no WCAG 2.0/2.1 A or AA violation on the budget page, the page
with the error summary and the household file; at 1280 px and at 360 px (no sideways scroll)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.browser.conftest import DESKTOP, MOBILE
from tests.browser.resident import Date
from tests.browser.staff import log_in
from tests.households.conftest import app, household, world  # noqa: F401  (fixtures)


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["1280px", "360px"])
def test_contact_person_keeps_the_budget_and_sees_the_network(
    open_browser,
    world,  # noqa: F811
    household,  # noqa: F811
    viewport,
):
    person = open_browser(viewport, keyboard=True)
    log_in(person, world["a"])
    budget = f"/medewerkers/huishoudens/{household}/budget"
    person.goto(budget)  # axe: the empty budget page
    assert "Nog geen budget vastgelegd." in person.text()
    this_year = date.today().year
    person.answer(
        {
            "provision": "integrated",
            "period_start": Date(date(this_year, 1, 1)),
            "period_end": Date(date(this_year, 12, 31)),
            "allocated": "-500",
        },
        rest=None,
    )
    person.press("Budget toevoegen")  # axe: the page with the error summary
    assert "Het bedrag kan niet negatief zijn." in person.text(".error-summary")
    assert person.page.locator('input[name="allocated"]').input_value() == "-500"
    person.answer({"allocated": "12.000"}, rest=None)
    person.press("Budget toevoegen")
    assert "Budget toegevoegd: Gezinsbudget." in person.text()
    person.answer(
        {
            "line": person.page.locator('select[name="line"] option').nth(1).get_attribute("value"),
            "booked_on": Date(date(this_year, 1, 15)),
            "amount": "1.250,50",
            "description": "Begeleiding januari",
        },
        rest=None,
    )
    person.press("Uitgave boeken")
    assert "Begeleiding januari" in person.text()

    person.goto(f"/medewerkers/huishoudens/{household}")  # axe: the file with both
    assert "€ 12.000,00" in person.text("#budget") and "€ 1.250,50" in person.text("#budget")
    picture = person.page.locator('#netwerk svg[role="img"]')
    assert picture.count() == 1
    box = picture.bounding_box()
    assert box["width"] <= viewport["width"]
    assert "Anouk de Vries" in person.text("#netwerk table")
    assert {budget, f"/medewerkers/huishoudens/{household}"} <= set(person.checked_pages)
