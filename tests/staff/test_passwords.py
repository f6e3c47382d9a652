"""Password care: changing one's own password, a reset code made by an admin and used once,
throttled like log-in, ending sessions, optionally re-linking the app; the account log."""

from __future__ import annotations

import re

import sqlalchemy as sa

from portal.extensions import db
from portal.models import StaffMember
from portal.staff.models import AccountEvent, PasswordReset
from tests.staff.conftest import Account, login, make_staff, password_step, text

NEW = "een nieuwe zin als wachtwoord voor later"


def change(client, current, new=NEW, repeat=None):
    data = {"current": current, "new": new, "repeat": repeat if repeat is not None else new}
    return client.post("/medewerkers/wachtwoord", data=data)


def events(app) -> list[tuple]:
    with app.app_context():
        rows = db.session.scalars(sa.select(AccountEvent).order_by(AccountEvent.id)).all()
        return [(r.action, r.staff_id, r.actor_id) for r in rows]


def test_change_own_password_ends_other_sessions(app, clock):
    person = make_staff(app, "wijzig@test.example", "contact_person")
    here, elsewhere = app.test_client(), app.test_client()
    login(here, person, clock)
    login(elsewhere, person, clock)
    response = change(here, person.password)
    assert response.status_code == 303
    assert here.get("/medewerkers/").status_code == 200  # this browser goes on
    assert elsewhere.get("/medewerkers/").status_code == 302  # the other one is logged out
    assert events(app) == [("password_changed", person.id, person.id)]
    fresh = app.test_client()
    assert password_step(fresh, person).status_code == 400  # the old password is gone
    login(fresh, Account(person.id, person.email, person.secret, NEW), clock)


def test_change_needs_the_current_password_and_the_same_rules(app, client, clock):
    person = make_staff(app, "regels@test.example", "contact_person")
    login(client, person, clock)
    wrong = change(client, "niet mijn wachtwoord")
    assert wrong.status_code == 400 and "Dit is niet uw huidige wachtwoord" in text(wrong)
    short = change(client, person.password, new="kort")
    assert short.status_code == 400 and "minstens 12 tekens" in text(short)
    common = change(client, person.password, new="password1234")
    assert common.status_code == 400 and "veel gebruikt" in text(common)
    differs = change(client, person.password, repeat=NEW + "x")
    assert differs.status_code == 400 and "niet gelijk" in text(differs)
    same = change(client, person.password, new=person.password)
    assert same.status_code == 400 and "ander wachtwoord dan uw huidige" in text(same)
    assert events(app) == []


def test_wrong_current_passwords_are_throttled(app, client, clock):
    person = make_staff(app, "gok@test.example", "contact_person")
    login(client, person, clock)
    for _ in range(5):
        assert change(client, "geraden wachtwoord").status_code == 400
    assert change(client, person.password).status_code == 429


def issue(client, staff_id: int, *, reset_totp: bool = False) -> str:
    data = {"reset_totp": "y"} if reset_totp else {}
    response = client.post(f"/medewerkers/beheer/{staff_id}/wachtwoord-herstellen", data=data)
    assert response.status_code == 200
    return re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", text(response)).group(0)


def use(client, email: str, code: str, new: str = NEW):
    data = {"email": email, "code": code, "new": new, "repeat": new}
    return client.post("/medewerkers/wachtwoord-herstellen", data=data)


def test_an_admin_resets_a_password_with_a_one_time_code(app, admin, clock):
    person = make_staff(app, "vergeten@test.example", "contact_person")
    theirs = app.test_client()
    login(theirs, person, clock)
    beheer = app.test_client()
    login(beheer, admin, clock)
    assert "wachtwoord-herstellen" in beheer.get("/medewerkers/beheer").get_data(as_text=True)
    code = issue(beheer, person.id)
    # At once: logged out everywhere, and the old password no longer works.
    assert theirs.get("/medewerkers/").status_code == 302
    assert password_step(app.test_client(), person).status_code == 400
    with app.app_context():
        stored = db.session.scalars(sa.select(PasswordReset)).one()
        assert code.replace("-", "") not in stored.code_hash and len(stored.code_hash) == 64
    visitor = app.test_client()
    response = use(visitor, person.email, code.lower().replace("-", " "))  # typed loosely
    assert response.status_code == 303 and response.headers["Location"].endswith("/inloggen")
    login(visitor, Account(person.id, person.email, person.secret, NEW), clock)  # same app
    assert (
        use(app.test_client(), person.email, code, "weer een andere lange zin").status_code == 400
    )
    assert events(app) == [
        ("password_reset_issued", person.id, admin.id),
        ("password_reset_used", person.id, None),
    ]


def test_a_reset_can_also_relink_the_app(app, admin, clock):
    person = make_staff(app, "nieuwetelefoon@test.example", "contact_person")
    beheer = app.test_client()
    login(beheer, admin, clock)
    code = issue(beheer, person.id, reset_totp=True)
    visitor = app.test_client()
    assert use(visitor, person.email, code).status_code == 303
    with app.app_context():
        account = db.session.get(StaffMember, person.id)
        assert account.totp_secret is None and not account.totp_confirmed
    response = visitor.post("/medewerkers/inloggen", data={"email": person.email, "password": NEW})
    assert response.headers["Location"].endswith("/medewerkers/koppelen")


def test_the_admin_reads_when_the_code_expires_in_dutch_time(app, admin, clock):
    person = make_staff(app, "tijd@test.example", "contact_person")
    beheer = app.test_client()
    login(beheer, admin, clock)  # 09:00 UTC on 23 November is 10:00 in the Netherlands
    response = beheer.post(f"/medewerkers/beheer/{person.id}/wachtwoord-herstellen", data={})
    assert "24 november 2026, 10:00" in text(response)


def test_a_code_expires_and_a_newer_one_voids_the_older(app, admin, clock):
    person = make_staff(app, "verlopen@test.example", "contact_person")
    beheer = app.test_client()
    login(beheer, admin, clock)
    first = issue(beheer, person.id)
    second = issue(beheer, person.id)
    assert use(app.test_client(), person.email, first).status_code == 400
    clock.advance(hours=25)
    response = use(app.test_client(), person.email, second)
    assert response.status_code == 400 and "verlopen" in text(response)


def test_the_code_is_only_for_its_own_account_and_weak_passwords_are_refused(app, admin, clock):
    person = make_staff(app, "eigen@test.example", "contact_person")
    other = make_staff(app, "ander@test.example", "contact_person")
    beheer = app.test_client()
    login(beheer, admin, clock)
    code = issue(beheer, person.id)
    assert use(app.test_client(), other.email, code).status_code == 400
    weak = use(app.test_client(), person.email, code, "wachtwoord")
    assert weak.status_code == 400 and "minstens 12 tekens" in text(weak)
    assert use(app.test_client(), person.email, code).status_code == 303  # still usable


def test_guessing_codes_is_throttled_like_log_in(app, admin, clock):
    person = make_staff(app, "raden@test.example", "contact_person")
    beheer = app.test_client()
    login(beheer, admin, clock)
    code = issue(beheer, person.id)
    visitor = app.test_client()
    for n in range(5):
        assert use(visitor, person.email, f"AAAA-BBBB-CCCC-DDD{n + 2}").status_code == 400
    assert use(visitor, person.email, code).status_code == 429  # even the right code, for now
    clock.advance(minutes=16)
    assert use(visitor, person.email, code).status_code == 303


def test_an_admin_cannot_reset_their_own_password_this_way(app, admin, clock):
    beheer = app.test_client()
    login(beheer, admin, clock)
    response = beheer.post(f"/medewerkers/beheer/{admin.id}/wachtwoord-herstellen")
    assert response.status_code == 303 and response.headers["Location"].endswith("/wachtwoord")
    assert events(app) == []


def test_only_admins_make_codes(app, clock):
    person = make_staff(app, "collega@test.example", "contact_person,team_lead")
    client = app.test_client()
    login(client, person, clock)
    assert client.post(f"/medewerkers/beheer/{person.id}/wachtwoord-herstellen").status_code == 403
