"""Submitting an intake stores it with its evaluation and files it under one household."""

import copy
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.households.models import Consent, HouseholdMatch
from portal.models import Household, HouseholdMember, Intake
from portal.services import intakes

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
AS_OF = date(2026, 3, 2)


@pytest.fixture
def family() -> dict:
    return json.loads((EXAMPLES / "intake-family.json").read_text())


def test_submission_is_stored_with_its_evaluation(app, family):
    with app.app_context():
        submitted = intakes.submit(family, as_of=AS_OF)
        stored = db.session.get(Intake, submitted.intake.id)
        assert stored.reference.startswith("SD-2026-")
        assert stored.question == family["story"]["question"]
        assert stored.verordening_id == stored.evaluation["verordening"]["id"]
        assert len(stored.verordening_hash) == 64
        assert stored.triage in {"single_question", "multi_domain", "urgent", "nothing_applies"}
        assert stored.evaluation["as_of"] == AS_OF.isoformat()
        assert [m.role for m in stored.household.members] == [m["role"] for m in family["members"]]


def test_a_verified_applicant_joins_their_existing_household(app, family):
    """Logged in with DigiD (her BSN verified) the applicant's second intake joins her file."""
    anouk = family["members"][0]["bsn"]
    with app.app_context():
        first = intakes.submit(family, as_of=AS_OF, verified_bsn=anouk)
        later = copy.deepcopy(family)
        later["story"]["question"] = "Onze dochter spijbelt nu ook."
        second = intakes.submit(later, as_of=AS_OF, verified_bsn=anouk)
        assert second.joined_existing_household
        assert second.household.id == first.household.id
        assert db.session.scalar(select(func.count(Household.id))) == 1
        assert db.session.scalar(select(func.count(Intake.id))) == 2
        # Members are not duplicated: matched by BSN, or by name and birth date without one.
        assert db.session.scalar(select(func.count(HouseholdMember.id))) == len(family["members"])


def test_a_typed_bsn_never_joins_an_existing_household(app, family):
    """The same answers without a verified identity: a file of its own and a match for staff,
    whatever BSNs it names (issue #12)."""
    anouk = family["members"][0]["bsn"]
    with app.app_context():
        first = intakes.submit(family, as_of=AS_OF, verified_bsn=anouk)
        second = intakes.submit(copy.deepcopy(family), as_of=AS_OF)  # anonymous
        assert not second.joined_existing_household
        assert second.household.id != first.household.id
        assert len(first.household.members) == len(family["members"])
        matches = db.session.scalars(select(HouseholdMatch)).all()
        with_bsn = [m for m in family["members"] if m.get("bsn")]
        assert len(matches) == len(with_bsn)
        assert {m.existing_household_id for m in matches} == {first.household.id}
        assert all(m.reason == "bsn" and m.decision is None for m in matches)


def test_a_bsn_with_another_birth_date_is_flagged(app, family):
    anouk = family["members"][0]["bsn"]
    with app.app_context():
        intakes.submit(family, as_of=AS_OF, verified_bsn=anouk)
        other = copy.deepcopy(family)
        other["members"][0]["birth_date"] = "1970-01-01"
        intakes.submit(other, as_of=AS_OF)  # anonymous
        reasons = {
            (m.existing_member.bsn, m.reason) for m in db.session.scalars(select(HouseholdMatch))
        }
        assert (anouk, "bsn_birth_date_differs") in reasons


def test_an_unknown_household_gets_a_new_file(app, family):
    with app.app_context():
        intakes.submit(family, as_of=AS_OF)
        other = copy.deepcopy(family)
        for member in other["members"]:
            member["bsn"] = None
            member["given_name"] = f"Ander {member['id']}"
        other_submitted = intakes.submit(other, as_of=AS_OF)
        assert not other_submitted.joined_existing_household
        assert db.session.scalar(select(func.count(Household.id))) == 2


def test_an_invalid_intake_is_refused_with_the_field_named(app, family):
    family["members"][0]["bsn"] = "123456789"  # fails the 11-check
    with app.app_context(), pytest.raises(intakes.IntakeRejected) as caught:
        intakes.submit(family, as_of=AS_OF)
    assert any(
        issue.code == "bsn_invalid" and issue.path == "members/0/bsn"
        for issue in caught.value.issues
    )
    with app.app_context():
        assert db.session.scalar(select(func.count(Intake.id))) == 0


def test_demo_seed_fills_an_empty_database_once(app, runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "contact@voorbeeldgemeente.example" in result.output
    assert "SD-" in result.output
    with app.app_context():
        count = db.session.scalar(select(func.count(Intake.id)))
    assert count >= 5
    again = runner.invoke(args=["seed-demo"])
    assert "already" in again.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Intake.id))) == count


def test_without_commit_the_caller_decides_both_or_neither(app, family):
    """The form marks its draft submitted in the same transaction; a failure stores nothing."""
    with app.app_context():
        intakes.submit(family, as_of=AS_OF, commit=False)
        db.session.rollback()
        assert db.session.scalar(select(func.count(Intake.id))) == 0
        assert db.session.scalar(select(func.count(Household.id))) == 0


def test_consents_given_in_the_form_are_recorded_once(app, family):
    """Issue #13: a "yes" in the form is a consent on the household (with the words the
    resident saw); a "no" or no answer is not; the same consent is not recorded twice."""
    anouk = family["members"][0]["bsn"]
    with app.app_context():
        first = intakes.submit(family, as_of=AS_OF, verified_bsn=anouk)
        intakes.submit(copy.deepcopy(family), as_of=AS_OF, verified_bsn=anouk)
        rows = db.session.scalars(
            select(Consent).where(Consent.household_id == first.household.id)
        ).all()
        given = [c for c in family["consents"] if c["given"] is True]
        assert sorted(c.purpose for c in rows) == sorted(c["wording"] for c in given)
        assert "UWV" not in {c.organisation for c in rows}  # said no
        assert all(c.withdrawn_at is None for c in rows)
