"""The meldcode in the household file (issue #12): shown when the intake signals violence,
five steps recorded with who, when and what was decided, in the case log, audited, and the
next step due in the caseload."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from portal.caseload.models import HouseholdDue, HouseholdOutcome
from portal.extensions import db
from portal.households.models import AuditEvent, CaseLogEntry, MeldcodeStep
from portal.services import due_dates
from tests.households.conftest import as_, family, submit, text, world  # noqa: F401
from tests.staff.conftest import clock  # noqa: F401

FILE = "/medewerkers/huishoudens"


def violent(app) -> int:
    answers = family("2741AB")
    answers["household"]["safety"]["domestic_violence"] = True
    return submit(app, answers)


def step(client, household: int, number: int, **extra):
    data = {
        "step": str(number),
        "who": "Contactpersoon A en collega",
        "done_on": "2026-11-20",
        "decision": f"Stap {number} besproken",
        **extra,
    }
    return client.post(f"{FILE}/{household}/meldcode", data=data)


def test_the_checklist_shows_only_when_there_are_signals(app, world, clock):  # noqa: F811
    calm = submit(app, family("2741AB"))
    client = as_(app, world, "a", clock)
    assert "Meldcode huiselijk geweld" not in text(client.get(f"{FILE}/{calm}"))
    household = violent(app)
    page = text(as_(app, world, "a", clock).get(f"{FILE}/{household}"))
    assert "Meldcode huiselijk geweld en kindermishandeling" in page
    assert "Signalen in kaart brengen" in page and "Uiterlijk" in page


def test_five_steps_are_recorded_logged_and_the_next_is_due(app, world, clock):  # noqa: F811
    household = violent(app)
    client = as_(app, world, "a", clock)
    assert step(client, household, 1).status_code == 303
    with app.app_context():
        row = db.session.scalars(sa.select(MeldcodeStep)).one()
        assert (row.step, row.who, row.done_on) == (
            1,
            "Contactpersoon A en collega",
            date(2026, 11, 20),
        )
        log = db.session.scalars(
            sa.select(CaseLogEntry.body).where(CaseLogEntry.kind == "meldcode")
        ).all()
        assert log == ["Meldcode stap 1 (Signalen in kaart brengen): Stap 1 besproken"]
        assert db.session.scalars(
            sa.select(AuditEvent.what).where(AuditEvent.what == f"meldcode_step:{row.id}")
        ).all()
    # the next step is due 5 working days after the first (Fri 20 Nov -> Fri 27 Nov); once the
    # outcomes are dealt with, it is what the caseload shows first
    with app.app_context():
        for outcome in db.session.scalars(
            sa.select(HouseholdOutcome).where(HouseholdOutcome.household_id == household)
        ):
            outcome.status = "granted"
        due_dates.refresh(household)
        db.session.commit()
        due = db.session.get(HouseholdDue, household)
        assert (due.due_kind, due.next_due_on) == ("meldcode", date(2026, 11, 27))
    assert "Meldcode: volgende stap" in text(client.get("/medewerkers/caseload"))
    page = text(client.get(f"{FILE}/{household}"))
    assert "Gedaan op 20-11-2026 door Contactpersoon A en collega" in page
    assert "Uiterlijk 27-11-2026" in page
    # step 5 needs a decision: help and/or report
    refused = step(client, household, 5)
    assert "Kies bij stap 5" in text(client.get(f"{FILE}/{household}"))
    assert refused.status_code == 303
    for number in (2, 3, 4):
        step(client, household, number)
    step(client, household, 5, outcome="help_and_report")
    page = text(client.get(f"{FILE}/{household}"))
    assert "Hulp organiseren én melden bij Veilig Thuis" in page
    assert "Uiterlijk" not in page.split("Meldcode huiselijk geweld")[1].split("Toestemming")[0]


def test_a_future_date_or_an_empty_decision_is_refused_and_nothing_saved(app, world, clock):  # noqa: F811
    household = violent(app)
    client = as_(app, world, "a", clock)
    step(client, household, 1, done_on="2099-01-01")
    assert "De datum ligt in de toekomst" in text(client.get(f"{FILE}/{household}"))
    step(client, household, 2, decision="")
    assert "Schrijf wat er is besloten." in text(client.get(f"{FILE}/{household}"))
    with app.app_context():
        assert db.session.scalars(sa.select(MeldcodeStep)).all() == []


def test_other_contact_persons_and_the_front_desk_cannot_record(app, world, clock):  # noqa: F811
    household = violent(app)
    assert step(as_(app, world, "b", clock), household, 1).status_code == 404
    assert step(as_(app, world, "desk", clock), household, 1).status_code == 403
    with app.app_context():
        assert db.session.scalars(sa.select(MeldcodeStep)).all() == []
