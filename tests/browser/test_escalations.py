"""The ontschotter's pages in a real browser (issue #17): the contact person escalates a
household with the keyboard only (a mistake first: the error summary), the ontschotter records
the casusplatform; axe-core finds no WCAG 2.0/2.1 A or AA violation on the escalation form (with
and without errors), the escalation page, the list, the ledger and the report; at 1280 px and
at 360 px (no sideways scrolling)."""

from __future__ import annotations

from datetime import date

import pytest

from portal.escalations.models import OntschotterMandate
from portal.extensions import db
from tests.browser.conftest import DESKTOP, MOBILE
from tests.browser.resident import Date
from tests.browser.staff import log_in
from tests.households.conftest import app, household, world  # noqa: F401  (fixtures)
from tests.staff.conftest import make_staff

NEED = "Een verhoogde plantenbak, zodat meneer vanuit de rolstoel zijn tuin bijhoudt."


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["1280px", "360px"])
def test_escalate_and_hold_the_platform(
    open_browser,
    app,  # noqa: F811
    world,  # noqa: F811
    household,  # noqa: F811
    viewport,
):
    contact = open_browser(viewport, keyboard=True)
    log_in(contact, world["a"])
    contact.goto(f"/medewerkers/huishoudens/{household}")
    contact.follow("Escaleren naar de ontschotter")  # axe: the escalation form
    contact.expect_at(f"/medewerkers/huishoudens/{household}/escaleren")
    contact.answer({"tried": "Dagbesteding aangevraagd."}, rest=None)
    contact.press("Escaleren")  # axe: the form with its error summary
    summary = contact.text(".error-summary")
    assert "Schrijf wat de inwoner nodig heeft." in summary
    assert "Kies minstens één schot" in summary
    assert contact.page.evaluate("() => document.activeElement.id") == "fouten"
    contact.answer(
        {"need": NEED, "barriers-0-side_a": "wmo", "barriers-0-side_b": "zvw"}, rest=None
    )
    contact.press("Escaleren")  # axe: the escalation page
    assert "Dag 0 van 21" in contact.text()
    escalation_page = contact.path

    account = make_staff(app, "ontschotter@browser.example", "ontschotter")
    with app.app_context():
        from portal import clock

        db.session.add(OntschotterMandate(staff_id=account.id, granted=True, set_at=clock.now()))
        db.session.commit()
    ontschotter = open_browser(viewport, keyboard=True)
    log_in(ontschotter, account)
    ontschotter.goto("/medewerkers/escalaties")  # axe: the list
    ontschotter.goto(escalation_page)  # axe: the page with every form of the ontschotter
    ontschotter.answer(
        {
            "held_on": Date(date.today()),
            "participants-0-name": "Tessa Wijkteam",
            "participants-0-organisation": "Sociaal wijkteam",
            "participants-0-role": "Contactpersoon",
            "first_problem": "Meneer komt de deur niet uit.",
        },
        rest=None,
    )
    ontschotter.press("Casusplatform opslaan")  # axe: back on the page, with the action form
    assert "Het casusplatform is vastgelegd." in ontschotter.text()
    assert "Sociaal wijkteam" in ontschotter.text("#casusplatform")
    ontschotter.goto("/medewerkers/handgeld")  # axe: the ledger
    ontschotter.goto("/medewerkers/escalaties/rapport")  # axe: the report
    assert "Escalaties 1" in " ".join(ontschotter.text().split())
