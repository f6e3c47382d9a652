"""Assignment rules (continuity, team by postcode, fallback, caseload, urgent to available) and
the database's own rule: at most one active contact person per household."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.households import assignment
from portal.households.models import CaseLogEntry, ContactAssignment, TeamMembership
from portal.models import Household, StaffMember
from tests.households.conftest import family, submit


def contact(app, household_id: int) -> int | None:
    with app.app_context():
        person = assignment.contact_person_for(household_id)
        return person.id if person else None


def test_team_by_postcode_then_lowest_caseload(app, world):
    first = submit(app, family("2741AB", bsn_offset=1))
    second = submit(app, family("2745CD", bsn_offset=2))
    third = submit(app, family("2749EF", bsn_offset=3))
    assert contact(app, first) == world["a"].id  # equal caseload: the lowest id
    assert contact(app, second) == world["b"].id  # A has one now
    assert contact(app, third) == world["a"].id
    south = submit(app, family("2801AA", bsn_offset=4))
    assert contact(app, south) == world["c"].id


def test_continuity_a_known_household_keeps_its_contact_person(app, world):
    household = submit(app, family("2741AB"))
    assert contact(app, household) == world["a"].id
    submit(app, family("2741AB", bsn_offset=5))  # A now has two, B none
    again = submit(app, family("2741AB"))  # the same BSNs: the same household
    assert again == household
    assert contact(app, household) == world["a"].id
    with app.app_context():
        active = db.session.scalar(
            sa.select(sa.func.count()).where(
                ContactAssignment.household_id == household, ContactAssignment.ended_at.is_(None)
            )
        )
        assert active == 1


def test_no_team_covers_the_postcode_the_fallback_team_does(app, world):
    household = submit(app, family("9999ZZ"))
    assert contact(app, household) == world["f"].id


def test_without_any_team_nobody_is_assigned_and_the_log_says_so(app):
    household = submit(app, family("2741AB"))
    assert contact(app, household) is None
    with app.app_context():
        kinds = db.session.scalars(
            sa.select(CaseLogEntry.kind).where(CaseLogEntry.household_id == household)
        ).all()
        assert kinds == ["unassigned"]


def test_only_contact_persons_with_an_active_account_are_chosen(app, world):
    with app.app_context():
        db.session.get(StaffMember, world["a"].id).active = False
        db.session.commit()
    household = submit(app, family("2741AB"))
    assert contact(app, household) == world["b"].id


@pytest.mark.parametrize("triage", ["urgent", "multi_domain"])
def test_an_urgent_household_goes_to_someone_available(app, world, triage):
    with app.app_context():
        db.session.get(TeamMembership, world["a"].id).available = False
        db.session.commit()
        household = Household(postcode="2741AB", triage=triage)
        db.session.add(household)
        db.session.flush()
        chosen = assignment.assign_on_intake(household)
        db.session.commit()
        expected = world["b"].id if triage == "urgent" else world["a"].id
        assert chosen.staff_id == expected


def test_the_database_refuses_a_second_active_contact_person(app, world):
    household = submit(app, family("2741AB"))
    with app.app_context():
        db.session.add(ContactAssignment(household_id=household, staff_id=world["b"].id))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        # Ended assignments are history: any number of them is fine.
        ended = ContactAssignment(
            household_id=household,
            staff_id=world["b"].id,
            ended_at=sa.func.now(),
        )
        db.session.add(ended)
        db.session.commit()


def test_handover_needs_a_note_and_keeps_the_history(app, world):
    household = submit(app, family("2741AB"))
    with app.app_context():
        lead = db.session.get(StaffMember, world["l"].id)
        b = db.session.get(StaffMember, world["b"].id)
        for note in ("", "   "):
            with pytest.raises(assignment.HandoverRefused):
                assignment.hand_over(household, b, by=lead, note=note)
        assert assignment.contact_person_for(household).id == world["a"].id
        assignment.hand_over(household, b, by=lead, note="Bel haar na 16 uur; zij werkt.")
        assert assignment.contact_person_for(household).id == world["b"].id
        past = assignment.history(household)
        assert [a.staff_id for a in past] == [world["a"].id, world["b"].id]
        assert past[0].ended_at is not None and past[1].ended_at is None
        assert past[1].note == "Bel haar na 16 uur; zij werkt."
        assert past[1].assigned_by_id == world["l"].id


def test_handover_only_to_a_contact_person_of_the_same_team(app, world):
    household = submit(app, family("2741AB"))
    with app.app_context():
        lead = db.session.get(StaffMember, world["l"].id)
        for other in ("c", "l"):
            with pytest.raises(assignment.HandoverRefused):
                assignment.hand_over(
                    household, db.session.get(StaffMember, world[other].id), by=lead, note="x"
                )
