"""The staff review of possible household matches (issue #12): who sees them, merge, keep
apart, ask, and the birth-date guard; every decision audited."""

from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.households.models import AuditEvent, CaseLogEntry, HouseholdMatch
from portal.models import Household, HouseholdMember, Intake
from tests.households.conftest import as_, family, submit, text, world  # noqa: F401
from tests.staff.conftest import clock  # noqa: F401

PAGE = "/medewerkers/huishoudens/controle"


def typed_again(app, *, birth_date: str | None = None) -> tuple[int, int]:
    """The family's DigiD file, then the same family typed in anonymously (a second intake)."""
    existing = submit(app, family("2741AB"))
    answers = family("2741AB")
    answers["story"]["question"] = "Onze dochter spijbelt nu ook."
    if birth_date:
        answers["members"][0]["birth_date"] = birth_date
    new = submit(app, answers, verified=False)
    return existing, new


def matches(app) -> list[HouseholdMatch]:
    with app.app_context():
        return db.session.scalars(sa.select(HouseholdMatch).order_by(HouseholdMatch.id)).all()


def test_merge_moves_the_intake_and_keeps_members_once(app, world, clock):  # noqa: F811
    existing, new = typed_again(app)
    assert existing != new
    client = as_(app, world, "a", clock)
    page = client.get(PAGE)
    assert page.status_code == 200
    assert f"Huishouden {existing}" in text(page) and "Zelfde BSN" in text(page)
    first = matches(app)[0]
    answer = client.post(f"{PAGE}/{first.id}", data={"decision": "merge"})
    assert answer.status_code == 303
    with app.app_context():
        assert db.session.get(Household, new) is None
        intakes = db.session.scalars(sa.select(Intake).where(Intake.household_id == existing))
        assert len(list(intakes)) == 2
        members = db.session.scalars(
            sa.select(HouseholdMember).where(HouseholdMember.household_id == existing)
        ).all()
        assert len(members) == len(family()["members"])  # nobody twice
        assert db.session.get(HouseholdMatch, first.id).decision == "merge"
        audit = db.session.scalars(
            sa.select(AuditEvent.what).where(AuditEvent.what.like("household_match:%"))
        ).all()
        assert f"household_match:{first.id}:merge" in audit
        log = db.session.scalars(
            sa.select(CaseLogEntry.body).where(CaseLogEntry.household_id == existing)
        ).all()
        assert any("toegevoegd na controle" in line for line in log)
    # the other matches of the same intake are settled by the merge: nothing left to merge twice
    again = client.post(f"{PAGE}/{first.id}", data={"decision": "merge"})
    assert again.status_code == 303
    assert "Hierover is al beslist." in text(client.get(PAGE))
    assert "Er is niets te controleren." in text(client.get(PAGE))  # all settled


def test_keep_apart_and_ask_are_recorded(app, world, clock):  # noqa: F811
    _existing, new = typed_again(app)
    client = as_(app, world, "a", clock)
    first, second = matches(app)[:2]
    assert client.post(f"{PAGE}/{first.id}", data={"decision": "ask"}).status_code == 303
    assert "wordt nagevraagd" in text(client.get(PAGE))  # still in the list
    assert client.post(f"{PAGE}/{second.id}", data={"decision": "keep_apart"}).status_code == 303
    with app.app_context():
        assert db.session.get(Household, new) is not None
        assert db.session.get(HouseholdMatch, first.id).decision == "ask"
        assert db.session.get(HouseholdMatch, second.id).decision == "keep_apart"
    assert client.post(f"{PAGE}/{second.id}", data={"decision": "oops"}).status_code == 400


def test_another_birth_date_is_never_merged(app, world, clock):  # noqa: F811
    _existing, new = typed_again(app, birth_date="1970-01-01")
    client = as_(app, world, "a", clock)
    flagged = [m for m in matches(app) if m.reason == "bsn_birth_date_differs"]
    assert flagged
    page = text(client.get(PAGE))
    assert "Zelfde BSN, andere geboortedatum: niet samenvoegen" in page
    answer = client.post(
        f"{PAGE}/{flagged[0].id}", data={"decision": "merge"}, follow_redirects=True
    )
    assert "De geboortedatum is anders" in text(answer)
    with app.app_context():
        assert db.session.get(Household, new) is not None
        assert db.session.get(HouseholdMatch, flagged[0].id).decision is None


def test_only_staff_of_either_household_see_or_decide(app, world, clock):  # noqa: F811
    typed_again(app)
    match = matches(app)[0]
    other_team = as_(app, world, "c", clock)  # team Zuid: neither household
    assert "Er is niets te controleren." in text(other_team.get(PAGE))
    assert other_team.post(f"{PAGE}/{match.id}", data={"decision": "merge"}).status_code == 404
    desk = as_(app, world, "desk", clock)
    assert desk.get(PAGE).status_code == 403
    with app.app_context():
        assert db.session.get(HouseholdMatch, match.id).decision is None
