"""The report's figures are SQL aggregates over what was recorded (issue #17): counts, the
median time to a breakthrough (odd and even numbers of escalations), the share within three
weeks, money paid and recovered, the most frequent schotten and the council's deviations."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import sqlalchemy as sa

from portal.caseload.models import HouseholdDue, HouseholdOutcome
from portal.escalations import ledger, report, service
from portal.escalations.models import COUNCIL, MANDATE, OntschotterMandate
from portal.extensions import db
from portal.models import StaffMember
from portal.services import due_dates
from portal.services import escalations as steps
from tests.escalations.conftest import (
    BASE,
    as_,
    date_fields,
    escalate,
    family,
    platform_form,
    submit,
    text,
    version_of,
)
from tests.escalations.test_flow import TODAY

DECISION = {
    "decision": "Borg voor één maand huur",
    "effect": "Een kamer",
    "purpose_of_law": "Meedoen",
    "weighing": "Klein bedrag, groot effect",
    "route": "Handgeld",
}


def _run(app, people, clock, days: int, schot: tuple[str, str], authority: str = MANDATE):
    """One escalation of a new household, decided after `days` days (through the services)."""
    household_id = submit(app, family("2741AB", bsn_offset=days + 100))
    with app.app_context():
        by = db.session.get(StaffMember, people["a"].id)
        ontschotter = db.session.get(StaffMember, people["o"].id)
        escalation = steps.escalate(
            household_id, need="Een kamer", tried="Noodfonds", barriers=[(*schot, None)], by=by
        )
        service.save_platform(
            escalation,
            held_on=TODAY,
            first_problem="Huur",
            participants=[("Sam", "Wijkteam", "Regie")],
            by=ontschotter,
        )
        db.session.commit()
        escalation_id = escalation.id
    clock.advance(days=days)
    with app.app_context():
        from portal.escalations.models import Escalation

        escalation = db.session.get(Escalation, escalation_id)
        ontschotter = db.session.get(StaffMember, people["o"].id)
        steps.decide(escalation, by=ontschotter, authority=authority, **DECISION)
        db.session.commit()
    clock.advance(days=-days)
    return escalation_id


def test_median_share_schotten_money_and_deviations(app, people, clock):
    with app.app_context():
        db.session.add(OntschotterMandate(staff_id=people["o"].id, granted=True, set_at=clock()))
        admin = db.session.get(StaffMember, people["admin"].id)
        ledger.set_budget(2026, amount_cents=1_000_00, per_payment_limit_cents=500_00, by=admin)
        db.session.commit()
    _run(app, people, clock, 3, ("wmo", "zvw"))
    _run(app, people, clock, 10, ("zvw", "wmo"))  # the same schot, the other way round
    deviation = _run(app, people, clock, 30, ("wonen", "fonds"), authority=COUNCIL)
    with app.app_context():
        assert report.median_days(2026) == Decimal("10.0")
    _run(app, people, clock, 40, ("wmo", "zvw"))
    with app.app_context():
        built = report.build(2026)
        ontschotter = db.session.get(StaffMember, people["o"].id)
        from portal.escalations.models import Escalation

        first = db.session.get(Escalation, 1)
        paid = steps.pay(
            first,
            by=ontschotter,
            purpose="Borg",
            amount_cents=300_00,
            prefinancing=True,
            recover_from="fonds",
        )
        ledger.record_recovered(paid, amount_cents=120_00, by=ontschotter)
        db.session.commit()
        money = report.build(2026).money
    assert built.raised == 4 and built.decided == 4 and built.open == 0
    assert built.median_days == Decimal("20.0")  # (10 + 30) / 2
    assert built.within_target == 2 and built.share_within_target == Decimal("50.0")
    assert built.schotten[0] == ("wmo", "zvw", 3)
    assert [d.escalation_id for d in built.deviations] == [deviation]
    assert (money.paid_cents, money.recovered_cents, money.prefinanced_open_cents) == (
        300_00,
        120_00,
        180_00,
    )
    assert money.balance_cents == 820_00
    page = text(as_(app, people, "admin", clock).get(f"{BASE}/escalaties/rapport?jaar=2026"))
    assert "Mediaan tijd tot doorbraak 20,0 dagen" in page and "50,0% (2 / 4)" in page
    assert f"Escalatie {deviation}, besloten op" in page and "Borg voor één maand huur" in page
    assert "€ 300,00" in page and "€ 120,00" in page and "€ 180,00" in page
    assert as_(app, people, "a", clock).get(f"{BASE}/escalaties/rapport").status_code == 403


def test_an_empty_year_and_a_bad_year(app, people, clock):
    client = as_(app, people, "l", clock)
    page = text(client.get(f"{BASE}/escalaties/rapport?jaar=2031"))
    assert "Escalaties 0" in page and "Nog geen besluiten" in page
    assert client.get(f"{BASE}/escalaties/rapport?jaar=twee").status_code == 400


def test_an_action_is_the_households_next_due_item_when_it_comes_first(
    app, people, household, clock
):
    """With no running outcome term, the platform action is what the caseload shows first for
    the household; done, it leaves the caseload again."""
    with app.app_context():
        db.session.execute(sa.update(HouseholdOutcome).values(status="granted"))
        due_dates.refresh(household)
        db.session.commit()
    escalation_id = escalate(app, as_(app, people, "a", clock), household)
    ontschotter = as_(app, people, "o", clock)
    ontschotter.post(
        f"{BASE}/escalaties/{escalation_id}/casusplatform",
        data=platform_form(TODAY, version_of(app, escalation_id)),
    )
    ontschotter.post(
        f"{BASE}/escalaties/{escalation_id}/acties",
        data={
            "what": "Huurbaas bellen",
            "owner": str(people["b"].id),  # not the household's contact person
            **date_fields("due_on", TODAY + timedelta(days=2)),
        },
    )
    with app.app_context():
        due = db.session.get(HouseholdDue, household)
        assert (due.due_kind, due.next_due_on) == ("platform_action", TODAY + timedelta(days=2))
    contact = text(as_(app, people, "a", clock).get(f"{BASE}/caseload"))
    assert "Afspraak uit het casusplatform" in contact  # the household's row
    owner = as_(app, people, "b", clock)
    assert "Huurbaas bellen" in text(owner.get(f"{BASE}/caseload"))  # the owner's own list
    with app.app_context():
        action_id = db.session.scalar(sa.text("SELECT id FROM platform_action"))
    assert owner.post(f"{BASE}/escalaties/acties/{action_id}/klaar").status_code == 303
    assert "Huurbaas bellen" not in text(owner.get(f"{BASE}/caseload"))
    with app.app_context():
        assert db.session.get(HouseholdDue, household).due_kind is None
    # someone who neither owns it nor sees the escalation cannot touch it
    assert (
        as_(app, people, "c", clock).post(f"{BASE}/escalaties/acties/{action_id}/klaar").status_code
        == 404
    )
