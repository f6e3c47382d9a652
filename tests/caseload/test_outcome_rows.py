"""Filing an intake writes one outcome row per outcome, with due dates counted as the law counts
them, and keeps the household's summary (what is due first) up to date."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select

from portal.caseload import service
from portal.caseload.models import HouseholdDue, HouseholdOutcome, HouseholdOutcomeStatusChange
from portal.dutch_time import dutch_date
from portal.extensions import db
from portal.services import intakes, outcomes
from tests.caseload.conftest import (
    AWB_8_WEEKS,
    LEERPLICHT_5,
    WMO_6_WEEKS,
    file_intake,
    outcome,
)
from verordening.deadlines import due_date

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def test_submit_writes_a_row_per_outcome_with_its_due_date(app):
    family = json.loads((EXAMPLES / "intake-family.json").read_text())
    with app.app_context():
        submitted = intakes.submit(family, as_of=date(2026, 3, 2))
        evaluation = submitted.intake.evaluation
        expected = [o for m in evaluation["members"] for o in m["outcomes"]]
        expected += evaluation["household"]["outcomes"]
        rows = db.session.scalars(select(HouseholdOutcome)).all()
        assert len(rows) == len(expected) > 0
        started = dutch_date(submitted.intake.submitted_at)
        by_key = {(r.rule_id, r.member_id): r for r in rows}
        for item in expected:
            row = by_key[(item["rule_id"], item["member_id"])]
            assert (row.household_id, row.intake_id) == (
                submitted.household.id,
                submitted.intake.id,
            )
            assert row.regime == item["regime"]["id"]
            assert row.provision_id == item["provision"]["id"]
            assert (row.kind, row.urgency, row.status) == (item["kind"], item["urgency"], "new")
            assert row.started_on == started
            deadline = item["deadline"]
            assert row.due_on == (due_date(deadline, started) if deadline else None)
        due = db.session.get(HouseholdDue, submitted.household.id)
        running = [r.due_on for r in rows if r.due_on]
        assert due.next_due_on == min(running)
        assert due.latest_reference == submitted.intake.reference
        assert due.triage == submitted.intake.triage
        assert due.open_outcomes == len(rows)
        assert ",wmo," in due.regimes and ",jeugdwet," in due.regimes


def test_due_dates_follow_the_algemene_termijnenwet(app):
    with app.app_context():
        # 6 weeks from Tuesday 24 March 2026 ends on 5 May: Bevrijdingsdag (every year under
        # the Atw), so the term moves to Wednesday 6 May.
        intake = file_intake(
            submitted_on=date(2026, 3, 24),
            outcomes=[
                outcome("wmo_scootmobiel", deadline=WMO_6_WEEKS),
                outcome("leerplicht_verzuim", regime="leerplicht", deadline=LEERPLICHT_5),
                outcome("ref_zvw", regime="zvw", deadline=None, kind="referral"),
            ],
        )
        rows = {r.rule_id: r for r in db.session.scalars(select(HouseholdOutcome))}
        assert rows["wmo_scootmobiel"].due_on == date(2026, 5, 6)
        assert rows["leerplicht_verzuim"].due_on == date(2026, 3, 31)  # 5 working days
        assert rows["ref_zvw"].due_on is None
        due = db.session.get(HouseholdDue, intake.household_id)
        assert due.next_due_on == date(2026, 3, 31)
        assert due.next_due_outcome_id == rows["leerplicht_verzuim"].id


def test_the_submission_date_is_the_dutch_date(app):
    # 23:30 UTC on 23 March is 00:30 on 24 March in the Netherlands.
    assert dutch_date(datetime(2026, 3, 23, 23, 30, tzinfo=UTC)) == date(2026, 3, 24)
    assert dutch_date(datetime(2026, 3, 23, 22, 30, tzinfo=UTC)) == date(2026, 3, 23)


def test_a_later_intake_adds_rows_and_never_replaces(app):
    with app.app_context():
        first = file_intake(submitted_on=date(2026, 3, 2), outcomes=[outcome("wmo_scootmobiel")])
        later = file_intake(
            submitted_on=date(2026, 3, 9),
            household=first.household,
            outcomes=[outcome("jeugd_jeugdhulp", regime="jeugdwet", deadline=AWB_8_WEEKS)],
            triage="urgent",
        )
        rows = db.session.scalars(select(HouseholdOutcome).order_by(HouseholdOutcome.id)).all()
        assert [(r.rule_id, r.intake_id) for r in rows] == [
            ("wmo_scootmobiel", first.id),
            ("jeugd_jeugdhulp", later.id),
        ]
        due = db.session.get(HouseholdDue, first.household_id)
        assert due.next_due_on == date(2026, 4, 13)  # the first intake's term still comes first
        assert (due.latest_reference, due.triage) == (later.reference, "urgent")
        assert due.regimes == ",jeugdwet,wmo,"


def test_status_changes_are_logged_and_update_what_is_due(app, contact):
    with app.app_context():
        intake = file_intake(
            submitted_on=date(2026, 3, 2),
            outcomes=[
                outcome("wmo_scootmobiel", urgency="urgent"),
                outcome("jeugd_jeugdhulp", regime="jeugdwet", deadline=AWB_8_WEEKS),
            ],
        )
        due = db.session.get(HouseholdDue, intake.household_id)
        assert (due.next_due_on, due.urgent) == (date(2026, 4, 13), True)
        wmo = db.session.scalars(
            select(HouseholdOutcome).where(HouseholdOutcome.rule_id == "wmo_scootmobiel")
        ).one()
        outcomes.change_status(wmo, "in_onderzoek", staff_id=contact.id)
        assert db.session.get(HouseholdDue, intake.household_id).next_due_on == date(2026, 4, 13)
        outcomes.change_status(wmo, "granted", staff_id=contact.id, note="Besluit verstuurd")
        due = db.session.get(HouseholdDue, intake.household_id)
        # Decided: its term no longer runs; the Jeugdwet term is next (8 weeks end on Monday 27
        # April, Koningsdag, so Tuesday 28 April), and nothing is urgent any more.
        assert (due.next_due_on, due.urgent) == (date(2026, 4, 28), False)
        outcomes.change_status(wmo, "closed", staff_id=contact.id)
        assert wmo.closed_at is not None
        assert db.session.get(HouseholdDue, intake.household_id).regimes == ",jeugdwet,"
        changes = db.session.scalars(select(HouseholdOutcomeStatusChange)).all()
        assert [(c.from_status, c.to_status) for c in changes] == [
            ("new", "in_onderzoek"),
            ("in_onderzoek", "granted"),
            ("granted", "closed"),
        ]
        assert changes[1].note == "Besluit verstuurd"
        assert {c.changed_by_staff_id for c in changes} == {contact.id}


def test_a_status_cannot_skip_or_go_back(app, contact):
    import pytest

    with app.app_context():
        file_intake(submitted_on=date(2026, 3, 2), outcomes=[outcome()])
        row = db.session.scalars(select(HouseholdOutcome)).one()
        for wrong in ("granted", "closed", "new", "bogus"):
            with pytest.raises(service.StatusChangeRefused):
                outcomes.change_status(row, wrong, staff_id=contact.id)
        assert row.status == "new"
