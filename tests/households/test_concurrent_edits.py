"""Issue #14, lost updates on household data and assignments: two staff sessions open the same
household (or outcome) and both save. The second save, on the version it read, answers 409 with
what is saved now beside what that person typed; nothing is overwritten and nothing typed is
lost; saving again from that page (it carries the current version) lands."""

from __future__ import annotations

import re

import sqlalchemy as sa

from portal.caseload.models import HouseholdOutcome
from portal.extensions import db
from portal.households import assignment
from portal.households.models import HouseholdCase
from portal.models import Household, HouseholdMember
from tests.households.conftest import as_, join, text
from tests.staff.conftest import make_staff

BASE = "/medewerkers/huishoudens"
CONFLICT = "Iemand anders heeft dit intussen veranderd"


def version_on(page: str, action: str) -> str:
    """The version the form posting to `action` carries, as the browser would send it."""
    form = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', page, flags=re.S)
    assert form, f"no form for {action}"
    found = re.search(r'name="revision" value="(\d+)"', form.group(1))
    assert found, f"the form for {action} carries no version"
    return found.group(1)


def textarea(page: str, name: str) -> str:
    found = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', page, flags=re.S)
    assert found, f"no textarea {name}"
    return found.group(1).strip()


def html(response) -> str:
    return response.get_data(as_text=True)


def household_row(app, household_id: int) -> Household:
    with app.app_context():
        row = db.session.get(Household, household_id)
        db.session.expunge(row)
        return row


def test_two_staff_protect_the_same_household_the_second_sees_both(app, world, household, clock):
    a = as_(app, world, "a", clock)  # the contact person
    lead = as_(app, world, "l", clock)  # the team lead of the same team
    action = f"{BASE}/{household}/afschermen"
    read_by_a = version_on(html(a.get(f"{BASE}/{household}")), action)
    read_by_lead = version_on(html(lead.get(f"{BASE}/{household}")), action)

    first = lead.post(action, data={"reason": "Ex-partner zoekt haar.", "revision": read_by_lead})
    assert first.status_code == 303
    second = a.post(action, data={"reason": "Buurman dreigt.", "revision": read_by_a})

    assert second.status_code == 409
    page = html(second)
    assert CONFLICT in text(second)
    assert "Wat nu is opgeslagen" in page and "Ex-partner zoekt haar." in page  # what is saved
    assert textarea(page, "reason") == "Buurman dreigt."  # what A typed, still in the form
    assert household_row(app, household).protected_reason == "Ex-partner zoekt haar."
    # A saves again from the conflict page: it carries the current version, so it lands
    again = a.post(action, data={"reason": "Buurman dreigt.", "revision": version_on(page, action)})
    assert again.status_code == 303
    assert household_row(app, household).protected_reason == "Buurman dreigt."


def test_a_stuck_flag_set_meanwhile_is_not_overwritten(app, world, household, clock):
    a = as_(app, world, "a", clock)
    lead = as_(app, world, "l", clock)
    action = f"{BASE}/{household}/vastgelopen"
    read_by_a = version_on(html(a.get(f"{BASE}/{household}")), action)
    read_by_lead = version_on(html(lead.get(f"{BASE}/{household}")), action)

    assert (
        lead.post(action, data={"reason": "Wacht op CAK.", "revision": read_by_lead}).status_code
        == 303
    )
    second = a.post(action, data={"reason": "Inwoner reageert niet.", "revision": read_by_a})

    assert second.status_code == 409
    page = html(second)
    assert "Wacht op CAK." in page and "Inwoner reageert niet." in page
    with app.app_context():
        assert db.session.get(HouseholdCase, household).stuck_reason == "Wacht op CAK."
    # the lifting button on the conflict page carries the current version too
    unstuck = f"{BASE}/{household}/vastgelopen/opheffen"
    assert a.post(unstuck, data={"revision": version_on(page, unstuck)}).status_code == 303
    with app.app_context():
        assert db.session.get(HouseholdCase, household).stuck_reason is None


def test_a_member_moved_by_a_colleague_meanwhile_gives_409_not_a_second_move(
    app, world, household, clock
):
    with app.app_context():
        child = db.session.scalars(
            sa.select(HouseholdMember.id).where(
                HouseholdMember.household_id == household, HouseholdMember.role == "child"
            )
        ).first()
    a = as_(app, world, "a", clock)
    lead = as_(app, world, "l", clock)
    action = f"{BASE}/{household}/lid-verhuizen"
    read_by_a = version_on(html(a.get(f"{BASE}/{household}")), action)
    read_by_lead = version_on(html(lead.get(f"{BASE}/{household}")), action)
    move = {"member": child, "destination": "new"}

    first = lead.post(action, data={**move, "reason": "Wordt 18.", "revision": read_by_lead})
    assert first.status_code == 303
    second = a.post(action, data={**move, "reason": "Gaat op kamers.", "revision": read_by_a})

    assert second.status_code == 409
    page = html(second)
    assert "Leden van het huishouden" in page  # the members as they are now
    assert textarea(page, "reason") == "Gaat op kamers."
    with app.app_context():
        moved_to = db.session.get(HouseholdMember, child).household_id
        assert moved_to != household
        # one move, one new household: the stale save did not move the child a second time
        assert db.session.scalar(sa.select(sa.func.count(Household.id))) == 2


def test_two_team_leads_hand_over_at_once_the_second_sees_who_has_it_now(
    app, world, household, clock
):
    second_lead = make_staff(app, "l2@test.example", "team_lead")
    join(app, second_lead, world["teams"]["noord"], leads=True)
    world = {**world, "l2": second_lead}
    lead = as_(app, world, "l", clock)
    other_lead = as_(app, world, "l2", clock)
    action = f"{BASE}/{household}/overdragen"
    read_by_lead = version_on(html(lead.get(action)), action)
    read_by_other = version_on(html(other_lead.get(action)), action)
    b = world["b"].id

    first = lead.post(
        action, data={"to": b, "note": "Zij kent de familie.", "revision": read_by_lead}
    )
    assert first.status_code == 303
    second = other_lead.post(
        action, data={"to": b, "note": "Past bij de school.", "revision": read_by_other}
    )

    assert second.status_code == 409
    page = html(second)
    assert CONFLICT in text(second) and "Zij kent de familie." in page
    assert textarea(page, "note") == "Past bij de school."
    with app.app_context():
        history = assignment.history(household)
        assert [h.staff_id for h in history] == [world["a"].id, b]  # one handover, not two
        assert history[-1].note == "Zij kent de familie."


def test_an_outcome_status_changed_on_another_device_is_not_stepped_over(
    app, world, household, clock
):
    with app.app_context():
        outcome = db.session.scalars(
            sa.select(HouseholdOutcome).where(HouseholdOutcome.household_id == household)
        ).first()
        outcome_id = outcome.id
    phone = as_(app, world, "a", clock)  # the same contact person, on two devices
    desk = as_(app, world, "a", clock)
    action = f"/medewerkers/uitkomsten/{outcome_id}"
    read_on_phone = version_on(html(phone.get(action)), action)
    read_at_desk = version_on(html(desk.get(action)), action)

    first = phone.post(
        action, data={"status": "in_onderzoek", "note": "Gebeld.", "revision": read_on_phone}
    )
    assert first.status_code == 303
    second = desk.post(
        action, data={"status": "in_onderzoek", "note": "Brief gestuurd.", "revision": read_at_desk}
    )

    assert second.status_code == 409
    page = html(second)
    assert CONFLICT in text(second) and "Wat nu is opgeslagen" in page
    assert "Brief gestuurd." in page  # the note typed at the desk is still in the form
    with app.app_context():
        assert db.session.get(HouseholdOutcome, outcome_id).status == "in_onderzoek"
    # from the conflict page (current version) the next step lands
    again = desk.post(
        action,
        data={"status": "granted", "note": "Brief gestuurd.", "revision": version_on(page, action)},
    )
    assert again.status_code == 303
    with app.app_context():
        assert db.session.get(HouseholdOutcome, outcome_id).status == "granted"
