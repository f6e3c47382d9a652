"""Members who move between households (issue #4): the contact person or team lead moves a
member to a new household of their own or to another household they may also open, with a
reason; the history is kept, both case logs say so, and an audit row is written (no BSN)."""

from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.households import assignment
from portal.households.models import AuditEvent, CaseLogEntry, HouseholdMembershipChange
from portal.models import Household, HouseholdMember
from tests.households.conftest import as_, family, submit, text

BASE = "/medewerkers/huishoudens"


def member_id(app, household_id: int, role: str) -> int:
    with app.app_context():
        return db.session.scalars(
            sa.select(HouseholdMember.id)
            .where(HouseholdMember.household_id == household_id, HouseholdMember.role == role)
            .order_by(HouseholdMember.id)
        ).first()


def household_of(app, member: int) -> int:
    with app.app_context():
        return db.session.get(HouseholdMember, member).household_id


def log_kinds(app, household_id: int) -> list[str]:
    with app.app_context():
        return db.session.scalars(
            sa.select(CaseLogEntry.kind).where(CaseLogEntry.household_id == household_id)
        ).all()


def changes(app) -> list[HouseholdMembershipChange]:
    with app.app_context():
        rows = db.session.scalars(sa.select(HouseholdMembershipChange)).all()
        db.session.expunge_all()
        return rows


def move(client, household_id: int, member: int, *, reason="Wordt 18 en woont zelfstandig", **kw):
    data = {"member": member, "destination": "new", "reason": reason, **kw}
    return client.post(f"{BASE}/{household_id}/lid-verhuizen", data=data)


def test_a_child_moves_to_a_new_household_of_their_own(app, world, household, clock):
    child = member_id(app, household, "child")
    client = as_(app, world, "a", clock)
    response = move(client, household, child)
    assert response.status_code == 303
    new = household_of(app, child)
    assert new != household
    [change] = changes(app)
    assert (change.member_id, change.from_household_id, change.to_household_id) == (
        child,
        household,
        new,
    )
    assert change.reason == "Wordt 18 en woont zelfstandig"
    assert change.staff_id == world["a"].id
    assert change.at is not None
    assert "member_out" in log_kinds(app, household)
    assert "member_in" in log_kinds(app, new)
    with app.app_context():
        contact = assignment.active_assignment(new)
        assert contact is not None  # team Noord covers 2741: the rules chose someone
        assert contact.team_id == world["teams"]["noord"]
        assert db.session.get(HouseholdMember, child).role == "applicant"
    page = text(client.get(f"{BASE}/{household}"))
    assert f"naar huishouden {new}" in page
    assert "Wordt 18 en woont zelfstandig" in page


def test_the_team_lead_moves_a_partner_to_another_household_of_the_team(
    app, world, household, clock
):
    other = submit(app, family("2742CD", bsn_offset=1))  # also team Noord
    partner = member_id(app, household, "partner")
    client = as_(app, world, "l", clock)
    response = move(client, household, partner, destination="existing", target=other)
    assert response.status_code == 303
    assert household_of(app, partner) == other
    [change] = changes(app)
    assert (change.from_household_id, change.to_household_id) == (household, other)
    assert "member_out" in log_kinds(app, household)
    assert "member_in" in log_kinds(app, other)
    page = text(client.get(f"{BASE}/{other}"))
    assert f"uit huishouden {household}" in page


def test_a_reason_is_required(app, world, household, clock):
    child = member_id(app, household, "child")
    client = as_(app, world, "a", clock)
    response = move(client, household, child, reason="  ")
    assert response.status_code == 303
    assert household_of(app, child) == household
    assert changes(app) == []
    page = text(client.get(f"{BASE}/{household}"))
    assert "Schrijf waarom deze persoon weggaat." in page


def test_a_target_household_the_contact_person_may_not_open_is_refused(
    app, world, household, clock
):
    elsewhere = submit(app, family("2801AB", bsn_offset=2))  # team Zuid, contact person C
    child = member_id(app, household, "child")
    client = as_(app, world, "a", clock)
    response = move(client, household, child, destination="existing", target=elsewhere)
    assert response.status_code == 404
    assert household_of(app, child) == household
    assert changes(app) == []


def test_another_contact_person_cannot_move_a_member_out_of_a_household_not_theirs(
    app, world, household, clock
):
    own = submit(app, family("2801AB", bsn_offset=3))  # contact person C
    child = member_id(app, household, "child")
    client = as_(app, world, "c", clock)
    # Their own household in the URL, a member of A's household in the form.
    assert move(client, own, child).status_code == 404
    # A's household in the URL.
    assert move(client, household, child).status_code == 404
    # Into their own household, from A's.
    response = move(client, household, child, destination="existing", target=own)
    assert response.status_code == 404
    assert household_of(app, child) == household
    assert changes(app) == []


def test_the_last_member_and_the_only_applicant_cannot_leave(app, world, household, clock):
    client = as_(app, world, "a", clock)
    applicant = member_id(app, household, "applicant")
    response = move(client, household, applicant)
    assert response.status_code == 303
    assert household_of(app, applicant) == household
    page = text(client.get(f"{BASE}/{household}"))
    assert "Deze persoon kan niet weg" in page
    with app.app_context():
        others = db.session.scalars(
            sa.select(HouseholdMember.id).where(
                HouseholdMember.household_id == household, HouseholdMember.id != applicant
            )
        ).all()
    for other in others:
        assert move(client, household, other).status_code == 303
        assert household_of(app, other) != household
    move(client, household, applicant)
    assert household_of(app, applicant) == household
    assert len(changes(app)) == len(others)


def test_no_bsn_in_the_audit_rows(app, world, household, clock):
    with app.app_context():
        bsns = [b for b in db.session.scalars(sa.select(HouseholdMember.bsn)) if b]
    assert bsns
    client = as_(app, world, "a", clock)
    move(client, household, member_id(app, household, "partner"))
    with app.app_context():
        rows = db.session.scalars(sa.select(AuditEvent)).all()
        moved = [r for r in rows if r.what.startswith("household_membership_change:")]
        assert len(moved) == 1 and moved[0].household_id == household
        for row in rows:
            values = " ".join(str(v) for v in (row.what, row.action, row.acting_for, row.role))
            assert not any(bsn in values for bsn in bsns)


def outcomes_by_household(app, household_id: int) -> list[tuple]:
    from portal.caseload.models import HouseholdOutcome

    with app.app_context():
        rows = db.session.scalars(
            sa.select(HouseholdOutcome).where(HouseholdOutcome.household_id == household_id)
        ).all()
        return sorted(((o.member_id, o.rule_id, o.status) for o in rows), key=str)


def test_a_member_takes_their_own_open_outcomes_along(app, world, household, clock):
    from portal.caseload import service
    from portal.caseload.models import HouseholdDue, HouseholdOutcome
    from portal.models import Intake
    from portal.services import outcomes

    before = outcomes_by_household(app, household)
    partner_rules = {rule for member, rule, _ in before if member == "m2"}
    assert partner_rules  # the example intake has outcomes for the partner (m2)
    with app.app_context():  # one of them is already closed: it stays with the old file
        closed = db.session.scalars(
            sa.select(HouseholdOutcome).where(
                HouseholdOutcome.household_id == household,
                HouseholdOutcome.member_id == "m2",
                HouseholdOutcome.rule_id == "ref_uwv_ww",
            )
        ).one()
        for status in ("referred", "closed"):
            outcomes.change_status(closed, status, staff_id=world["a"].id)
        db.session.commit()
    partner = member_id(app, household, "partner")
    client = as_(app, world, "a", clock)
    assert move(client, household, partner, reason="Gaat apart wonen").status_code == 303
    new = household_of(app, partner)
    moved = outcomes_by_household(app, new)
    assert {rule for _, rule, _ in moved} == partner_rules - {"ref_uwv_ww"}
    assert {member for member, _, _ in moved} == {"m2"}
    stayed = outcomes_by_household(app, household)
    assert ("m2", "ref_uwv_ww", "closed") in stayed
    assert not [r for m, r, s in stayed if m == "m2" and s != "closed"]
    assert [m for m, _, _ in stayed if m in (None, "m1", "m3", "m4")]  # the others stay
    with app.app_context():
        # Both summaries are refreshed: the new household has the partner's terms due.
        new_due = db.session.get(HouseholdDue, new)
        old_due = db.session.get(HouseholdDue, household)
        assert new_due is not None and new_due.next_due_on is not None
        assert new_due.open_outcomes == len(moved)
        assert ",wmo," in new_due.regimes
        assert old_due.open_outcomes == sum(1 for _, _, s in stayed if s in service.RUNNING)
        # The intake itself stays in the old household's file.
        assert db.session.scalars(sa.select(Intake.household_id)).all() == [household]
    assert "Uitkomsten van" in text(client.get(f"{BASE}/{household}"))


def test_protection_goes_along_with_who_leaves_a_protected_household(app, world, clock):
    """Issue #12: protection is for people. The partner who leaves a household where home is not
    safe takes it along: the new file is protected too, with the reason in its case log."""
    answers = family("2741AB")
    answers["household"]["safety"]["domestic_violence"] = True
    protected = submit(app, answers)
    partner = member_id(app, protected, "partner")
    client = as_(app, world, "a", clock)
    assert move(client, protected, partner, reason="Woont nu ergens anders").status_code == 303
    new = household_of(app, partner)
    with app.app_context():
        household = db.session.get(Household, new)
        assert household.protected_since is not None
        assert f"afgeschermd huishouden {protected}" in household.protected_reason
    assert "Meegenomen" in " ".join(log_texts(app, new))


def test_nothing_is_carried_from_a_household_that_is_not_protected(app, world, household, clock):
    child = member_id(app, household, "child")
    client = as_(app, world, "a", clock)
    assert move(client, household, child).status_code == 303
    with app.app_context():
        assert db.session.get(Household, household_of(app, child)).protected_since is None


def log_texts(app, household_id: int) -> list[str]:
    with app.app_context():
        return db.session.scalars(
            sa.select(CaseLogEntry.body).where(CaseLogEntry.household_id == household_id)
        ).all()
