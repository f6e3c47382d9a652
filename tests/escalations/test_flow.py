"""The whole flow of issue #17's first half, as the people doing it see it: the contact person
escalates from the household file, the clock of three weeks runs, the ontschotter holds the
casusplatform, an action lands in the owner's caseload, a decision without mandate is refused
with every word kept, the admin gives the mandate, the decision stops the clock, handgeld is
paid and recovered, the platform is evaluated and the report counts it."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from portal.escalations.models import CasePlatform, Escalation, HandgeldPayment
from portal.extensions import db
from portal.households.models import AuditEvent, CaseLogEntry
from tests.escalations.conftest import (
    BASE,
    as_,
    date_fields,
    decision_form,
    escalate,
    grant,
    platform_form,
    set_budget,
    text,
    version_of,
)

TODAY = date(2026, 11, 23)  # the frozen clock's day (tests/staff/conftest.START)


def test_escalation_to_evaluated_breakthrough(app, people, household, clock):
    contact = as_(app, people, "a", clock)
    file_page = text(contact.get(f"{BASE}/huishoudens/{household}"))
    assert "Dit huishouden is niet geëscaleerd." in file_page
    assert "Escaleren naar de ontschotter" in file_page

    escalation_id = escalate(app, contact, household)
    page = text(contact.get(f"{BASE}/escalaties/{escalation_id}"))
    assert "Dag 0 van 21" in page and "nog 21 dagen" in page
    assert "Wmo 2015 (gemeente) × Zorgverzekeraar (Zvw)" in page
    assert "14 december 2026" in page  # the three-week target
    file_page = text(contact.get(f"{BASE}/huishoudens/{household}"))
    assert f"Escalatie {escalation_id}" in file_page and "Geëscaleerd" in file_page
    # a second escalation while this one runs goes to the running one
    again = contact.get(f"{BASE}/huishoudens/{household}/escaleren")
    assert again.status_code == 303 and again.headers["Location"].endswith(f"/{escalation_id}")

    clock.advance(days=5)
    ontschotter = as_(app, people, "o", clock)
    listing = text(ontschotter.get(f"{BASE}/escalaties"))
    assert f"Escalatie {escalation_id}" in listing and "Dag 5 van 21" in listing

    response = ontschotter.post(
        f"{BASE}/escalaties/{escalation_id}/casusplatform",
        data=platform_form(TODAY + timedelta(days=5), version_of(app, escalation_id)),
    )
    assert response.status_code == 303, text(response)[:1500]
    page = text(ontschotter.get(f"{BASE}/escalaties/{escalation_id}"))
    assert "Fysiotherapie De Brug" in page and "Fysiotherapeut" in page

    # an action for contact person A, due in three days: in A's caseload
    response = ontschotter.post(
        f"{BASE}/escalaties/{escalation_id}/acties",
        data={
            "what": "Offerte plantenbakken opvragen",
            "owner": str(people["a"].id),
            **date_fields("due_on", TODAY + timedelta(days=8)),
        },
    )
    assert response.status_code == 303, text(response)[:1500]
    contact = as_(app, people, "a", clock)  # days passed: a new log-in
    caseload = text(contact.get(f"{BASE}/caseload"))
    assert "Uw acties uit een casusplatform" in caseload
    assert "Offerte plantenbakken opvragen" in caseload

    # no mandate yet: refused, 403, with every word typed still there
    typed = decision_form(version_of(app, escalation_id))
    response = ontschotter.post(f"{BASE}/escalaties/{escalation_id}/besluit", data=typed)
    assert response.status_code == 403
    refused = text(response)
    assert "U heeft geen mandaat om dit te besluiten of te betalen." in refused
    for key in ("decision", "effect", "purpose_of_law", "weighing", "route"):
        assert typed[key] in refused
    with app.app_context():
        assert db.session.get(CasePlatform, 1).decided_at is None

    admin = as_(app, people, "admin", clock)
    grant(app, admin, people["o"])
    assert set_budget(admin, 2026, "5.000", "1.000").status_code == 303
    clock.advance(days=2)
    ontschotter, contact = as_(app, people, "o", clock), as_(app, people, "a", clock)
    response = ontschotter.post(
        f"{BASE}/escalaties/{escalation_id}/besluit",
        data=decision_form(version_of(app, escalation_id)),
    )
    assert response.status_code == 303, text(response)[:1500]
    page = text(ontschotter.get(f"{BASE}/escalaties/{escalation_id}"))
    assert "Doorbraak na 7 dagen (binnen drie weken)" in page
    assert "De Wmo wil dat iemand meedoet" in page

    # handgeld in Dutch notation
    response = ontschotter.post(
        f"{BASE}/escalaties/{escalation_id}/handgeld",
        data={
            "purpose": "Twee verhoogde plantenbakken",
            "amount": "450,50",
            "prefinancing": "y",
            "recover_from": "wmo",
        },
    )
    assert response.status_code == 303, text(response)[:1500]
    ledger = text(ontschotter.get(f"{BASE}/handgeld?jaar=2026"))
    assert "€ 450,50" in ledger and "€ 4.549,50" in ledger  # paid and the balance
    with app.app_context():
        payment = db.session.scalars(sa.select(HandgeldPayment)).one()
        assert payment.amount_cents == 45050 and payment.approved_by_id == people["o"].id
    response = ontschotter.post(f"{BASE}/handgeld/{payment.id}/terug", data={"recovered": "450,50"})
    assert response.status_code == 303
    assert "€ 5.000,00" in text(ontschotter.get(f"{BASE}/handgeld?jaar=2026"))  # back in

    response = ontschotter.post(
        f"{BASE}/escalaties/{escalation_id}/evaluatie",
        data={
            "outcome": "worked",
            "schot": "Dagbesteding werd alleen als vervoer plus groep gezien.",
            "note": "Vraag eerst wat iemand graag doet.",
            "revision": str(version_of(app, escalation_id)),
        },
    )
    assert response.status_code == 303, text(response)[:1500]
    page = text(ontschotter.get(f"{BASE}/escalaties/{escalation_id}"))
    assert "Ja, het werkte" in page and "7 dagen" in page

    # the owner marks the action done: it leaves the caseload
    with app.app_context():
        action_id = db.session.scalar(sa.text("SELECT id FROM platform_action"))
    assert (
        contact.post(
            f"{BASE}/escalaties/acties/{action_id}/klaar", data={"terug": "werklijst"}
        ).status_code
        == 303
    )
    assert "Offerte plantenbakken opvragen" not in text(contact.get(f"{BASE}/caseload"))

    lead = as_(app, people, "l", clock)  # a team lead reads the report
    report = text(lead.get(f"{BASE}/escalaties/rapport?jaar=2026"))
    assert "Escalaties 1" in report and "Met doorbraakbesluit 1" in report
    assert "Mediaan tijd tot doorbraak 7,0 dagen" in report
    assert "100,0% (1 / 1)" in report
    assert "€ 450,50" in report  # paid and recovered
    assert "Wmo 2015 (gemeente) × Zorgverzekeraar (Zvw): 1 keer" in report

    with app.app_context():
        kinds = db.session.scalars(
            sa.select(CaseLogEntry.kind).where(CaseLogEntry.household_id == household)
        ).all()
        assert {"escalation", "breakthrough", "handgeld"} <= set(kinds)
        audited = db.session.scalars(
            sa.select(AuditEvent.what).where(AuditEvent.household_id == household)
        ).all()
        assert f"escalation:{escalation_id}" in audited
        assert any(w.startswith("handgeld_payment:") for w in audited)
        assert db.session.get(Escalation, escalation_id).status == "evaluated"


def test_a_late_escalation_shows_it_is_past_three_weeks(app, people, household, clock):
    escalation_id = escalate(app, as_(app, people, "a", clock), household)
    clock.advance(days=24)
    page = text(as_(app, people, "o", clock).get(f"{BASE}/escalaties"))
    assert "Dag 24: te laat" in page and "3 dagen over de drie weken" in page
    assert f"Escalatie {escalation_id}" in page


def test_the_demo_has_one_escalated_household(app, runner, clock):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "Demo escalation 1: household" in result.output
    with app.app_context():
        escalation = db.session.get(Escalation, 1)
        assert len(escalation.barriers) == 2 and len(escalation.platform.actions) == 1
        assert escalation.platform.actions[0].owner_id != escalation.platform.convened_by_id
