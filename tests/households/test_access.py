"""Who may open a household file, on the server: the contact person of the household, the lead
of its team, an admin with a logged reason (read-only, for an hour); the rest gets 404 (a
household that is not yours looks the same as one that does not exist) or 403 (a role that
never uses these pages)."""

from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.households import assignment
from portal.households.models import AccessGrant, CaseLogEntry, Consent, HouseholdCase
from tests.households.conftest import as_, family, submit, text

BASE = "/medewerkers/huishoudens"


def log_kinds(app, household_id):
    with app.app_context():
        return db.session.scalars(
            sa.select(CaseLogEntry.kind)
            .where(CaseLogEntry.household_id == household_id)
            .order_by(CaseLogEntry.id)
        ).all()


def test_the_contact_person_opens_the_file_with_answers_outcomes_and_log(
    app, world, household, clock
):
    client = as_(app, world, "a", clock)
    page = text(client.get(f"{BASE}/{household}"))
    assert "Anouk de Vries" in page
    assert "999990019" not in page  # the BSN itself is not shown
    assert "Sinds Youssef zijn baan kwijt is" in page  # the question in their words
    assert "Rolstoel" in page or "rolstoel" in page  # an answer under its schema title
    assert "Artikel" in page
    assert "(m1)" not in page  # answers behind an outcome are named, not numbered
    assert "Contactpersoon gekozen" in page  # the assignment is in the case log
    listing = text(client.get(BASE))
    assert f"Huishouden {household}" in listing


def test_contact_person_adds_a_note_and_a_call(app, world, household, clock):
    client = as_(app, world, "a", clock)
    response = client.post(f"{BASE}/{household}/notitie", data={"kind": "call", "body": "Gebeld"})
    assert response.status_code == 303
    client.post(f"{BASE}/{household}/notitie", data={"kind": "note", "body": "Brief gestuurd"})
    assert log_kinds(app, household)[-2:] == ["call", "note"]
    assert "Brief gestuurd" in text(client.get(f"{BASE}/{household}"))
    response = client.post(f"{BASE}/{household}/notitie", data={"kind": "note", "body": ""})
    assert response.status_code == 303
    assert len(log_kinds(app, household)) == 3  # an empty note is not stored


def test_stuck_flag_with_reason_is_set_cleared_and_logged(app, world, household, clock):
    client = as_(app, world, "a", clock)
    client.post(f"{BASE}/{household}/vastgelopen", data={"reason": "Wmo en Jeugdwet botsen"})
    assert "Deze zaak zit vast." in text(client.get(f"{BASE}/{household}"))
    client.post(f"{BASE}/{household}/vastgelopen/opheffen")
    with app.app_context():
        assert db.session.get(HouseholdCase, household).stuck_reason is None
    assert log_kinds(app, household)[-2:] == ["stuck", "unstuck"]


def test_consent_is_recorded_and_withdrawn(app, world, household, clock):
    client = as_(app, world, "a", clock)
    client.post(
        f"{BASE}/{household}/toestemming",
        data={"organisation": "Schuldhulp Midden", "purpose": "Uw schulden op een rij zetten"},
    )
    with app.app_context():
        consent = db.session.scalars(
            sa.select(Consent).where(Consent.organisation == "Schuldhulp Midden")
        ).one()
        consent_id = consent.id
    assert "Schuldhulp Midden" in text(client.get(f"{BASE}/{household}"))
    client.post(f"{BASE}/{household}/toestemming/{consent_id}/intrekken")
    with app.app_context():
        assert db.session.get(Consent, consent_id).withdrawn_at is not None
    assert log_kinds(app, household)[-2:] == ["consent", "consent_withdrawn"]


def test_another_contact_person_cannot_open_note_or_hand_over(app, world, household, clock):
    """IDOR: B changes the ids in URLs and forms of A's household."""
    client = as_(app, world, "b", clock)
    before = log_kinds(app, household)
    assert client.get(f"{BASE}/{household}").status_code == 404
    assert client.get(f"{BASE}/{household + 999}").status_code == 404  # same answer
    for path, data in [
        ("notitie", {"kind": "note", "body": "ik was hier"}),
        ("vastgelopen", {"reason": "x"}),
        ("vastgelopen/opheffen", {}),
        ("toestemming", {"organisation": "X", "purpose": "Y"}),
    ]:
        assert client.post(f"{BASE}/{household}/{path}", data=data).status_code == 404
    # Handing over is for team leads: a contact person gets 403, whatever the ids.
    response = client.post(
        f"{BASE}/{household}/overdragen", data={"to": world["b"].id, "note": "mag ik hem"}
    )
    assert response.status_code == 403
    assert log_kinds(app, household) == before
    with app.app_context():
        assert assignment.contact_person_for(household).id == world["a"].id
        assert db.session.scalars(sa.select(Consent).where(Consent.organisation == "X")).all() == []
    assert f"Huishouden {household}" not in text(client.get(BASE))


def test_consent_of_another_household_cannot_be_withdrawn(app, world, household, clock):
    other = submit(app, family("2745AB", bsn_offset=7))  # B's household
    a = as_(app, world, "a", clock)
    a.post(f"{BASE}/{household}/toestemming", data={"organisation": "O", "purpose": "P"})
    with app.app_context():
        consent_id = db.session.scalars(
            sa.select(Consent.id).where(Consent.organisation == "O")
        ).one()
    b = as_(app, world, "b", clock)
    # B puts A's consent id under their own household: not found.
    assert b.post(f"{BASE}/{other}/toestemming/{consent_id}/intrekken").status_code == 404
    with app.app_context():
        assert db.session.get(Consent, consent_id).withdrawn_at is None


def test_team_lead_sees_the_team_only_and_hands_over_with_a_note(app, world, household, clock):
    south = submit(app, family("2801AB", bsn_offset=3))  # C, team Zuid
    lead = as_(app, world, "l", clock)
    assert lead.get(f"{BASE}/{household}").status_code == 200
    assert lead.get(f"{BASE}/{south}").status_code == 404
    listing = text(lead.get(BASE))
    assert f"Huishouden {household}" in listing and f"Huishouden {south}" not in listing
    # Another team's lead cannot hand over this household, nor hand it to their own people.
    other_lead = as_(app, world, "m", clock)
    response = other_lead.post(
        f"{BASE}/{household}/overdragen", data={"to": world["c"].id, "note": "naar Zuid"}
    )
    assert response.status_code == 404
    # The note is mandatory.
    response = lead.post(f"{BASE}/{household}/overdragen", data={"to": world["b"].id, "note": ""})
    assert response.status_code == 400
    assert "Schrijf een overdrachtsnotitie" in text(response)
    # Not to someone outside the team.
    response = lead.post(
        f"{BASE}/{household}/overdragen", data={"to": world["c"].id, "note": "naar C"}
    )
    assert response.status_code == 400
    response = lead.post(
        f"{BASE}/{household}/overdragen", data={"to": world["b"].id, "note": "Let op de post."}
    )
    assert response.status_code == 303
    with app.app_context():
        assert assignment.contact_person_for(household).id == world["b"].id
    # B now has it, A no longer.
    assert "Let op de post." in text(as_(app, world, "b", clock).get(f"{BASE}/{household}"))
    assert as_(app, world, "a", clock).get(f"{BASE}/{household}").status_code == 404
    assert log_kinds(app, household)[-1] == "handover"


def test_front_desk_sees_no_household(app, world, household, clock):
    client = as_(app, world, "desk", clock)
    assert client.get(f"{BASE}/{household}").status_code == 403
    assert client.get(BASE).status_code == 403


def test_admin_reads_only_with_a_logged_reason_for_an_hour(app, world, household, clock):
    client = as_(app, world, "admin", clock)
    response = client.get(f"{BASE}/{household}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{BASE}/{household}/inzage")
    assert client.get(f"{BASE}/{household + 999}/inzage").status_code == 404
    response = client.post(f"{BASE}/{household}/inzage", data={"reason": "kort"})
    assert response.status_code == 400
    # one error summary (the layout's), so a screen reader hears the problem once
    assert response.get_data(as_text=True).count('id="fouten"') == 1
    response = client.post(
        f"{BASE}/{household}/inzage", data={"reason": "Klacht van de inwoner, nr. 2026-118"}
    )
    assert response.status_code == 303
    page = client.get(f"{BASE}/{household}")
    assert page.status_code == 200
    assert "gelogde reden van inzage" in text(page)
    # Read-only: changing is not for the admin role (403).
    response = client.post(f"{BASE}/{household}/notitie", data={"kind": "note", "body": "x"})
    assert response.status_code == 403
    with app.app_context():
        grant = db.session.scalars(sa.select(AccessGrant)).one()
        assert grant.reason == "Klacht van de inwoner, nr. 2026-118"
    clock.advance(minutes=19)
    assert client.get(f"{BASE}/{household}").status_code == 200
    # After the hour, a new reason is needed (the session is kept alive by the requests).
    for _ in range(3):
        clock.advance(minutes=15)
        client.get("/medewerkers/")
    assert client.get(f"{BASE}/{household}").status_code == 302


def test_admin_configures_teams_and_members(app, world, clock):
    client = as_(app, world, "admin", clock)
    response = client.post(
        "/medewerkers/beheer/teams",
        data={"team-name": "Oost", "team-ranges": "2750-2759, 2760-2761"},
    )
    assert response.status_code == 303
    with app.app_context():
        from portal.households.models import Team

        oost = db.session.scalars(sa.select(Team).where(Team.name == "Oost")).one()
        assert [(r.start, r.end) for r in oost.ranges] == [(2750, 2759), (2760, 2761)]
        oost_id = oost.id
    response = client.post(
        "/medewerkers/beheer/teams",
        data={"member-staff": world["a"].id, "member-team": oost_id, "member-available": "y"},
    )
    assert response.status_code == 303
    with app.app_context():
        assert assignment.team_of(world["a"].id).name == "Oost"
    response = client.post(
        "/medewerkers/beheer/teams", data={"team-name": "West", "team-ranges": "abc"}
    )
    assert response.status_code == 400
    assert "Oost" in text(client.get("/medewerkers/beheer/teams"))
    other = as_(app, world, "l", clock)
    assert other.get("/medewerkers/beheer/teams").status_code == 403


def test_every_household_route_has_a_rule(app):
    """The staff meta-test covers these endpoints (nested under `staff.`); this says so."""
    endpoints = [r.endpoint for r in app.url_map.iter_rules() if ".households." in r.endpoint]
    assert len(endpoints) >= 10
    assert all(r.startswith("staff.households.") for r in endpoints)
    assert all(getattr(app.view_functions[e], "required_roles", None) for e in endpoints)


def test_the_file_shows_each_outcome_with_its_caseload_status(app, world, household, clock):
    from portal.caseload.models import HouseholdOutcome

    with app.app_context():
        count = db.session.scalar(
            sa.select(sa.func.count(HouseholdOutcome.id)).where(
                HouseholdOutcome.household_id == household
            )
        )
    assert count > 0
    page = text(as_(app, world, "a", clock).get(f"{BASE}/{household}"))
    assert page.count("Status: Nieuw") == count


def test_team_lead_chooses_a_contact_person_for_a_waiting_household(app, world, clock):
    from portal.households.models import TeamMembership

    with app.app_context():  # nobody in Noord can take a household now
        for who in ("a", "b"):
            db.session.delete(db.session.get(TeamMembership, world[who].id))
        db.session.commit()
    household = submit(app, family("2741AB"))
    with app.app_context():
        assert assignment.contact_person_for(household) is None
        db.session.add(TeamMembership(staff_id=world["a"].id, team_id=world["teams"]["noord"]))
        db.session.commit()
    lead = as_(app, world, "l", clock)
    listing = text(lead.get(BASE))
    assert f"Huishouden {household}" in listing and "Nog geen contactpersoon" in listing
    # The lead of another area does not see it.
    assert as_(app, world, "m", clock).get(f"{BASE}/{household}").status_code == 404
    response = lead.post(
        f"{BASE}/{household}/overdragen", data={"to": world["a"].id, "note": "Nieuw gezin, bel."}
    )
    assert response.status_code == 303
    with app.app_context():
        assert assignment.contact_person_for(household).id == world["a"].id


def test_a_fallback_team_needs_no_range_and_names_are_unique(app, world, clock):
    client = as_(app, world, "admin", clock)
    data = {"team-name": "Reserve", "team-ranges": "", "team-is_fallback": "y"}
    assert client.post("/medewerkers/beheer/teams", data=data).status_code == 303
    response = client.post("/medewerkers/beheer/teams", data=data)
    assert response.status_code == 400
    assert "Er is al een team met deze naam." in text(response)
