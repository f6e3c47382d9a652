"""Resident sessions: rotation at log-in, idle and absolute timeouts, a real log-out (a copied
cookie stops working), no BSN in the cookie, and no mixing with a staff session."""

from __future__ import annotations

from tests.residents.conftest import ANOUK, family, resident_login, submit, text
from tests.staff.conftest import login, make_staff


def session_cookie(client) -> str:
    return client.get_cookie("session").value


def decoded(app, client) -> dict:
    return app.session_interface.get_signing_serializer(app).loads(session_cookie(client))


def test_the_session_is_new_at_every_log_in_and_holds_no_bsn(app, client, clock):
    submit(app, family())
    client.get("/mijn/inloggen/digid")  # something in the session before the log-in
    resident_login(client, "anouk")
    first = decoded(app, client)
    assert ANOUK not in str(first)
    assert not any(key.startswith("_state_") for key in first)  # the OIDC state is gone
    client.post("/mijn/uitloggen")
    resident_login(client, "anouk")
    second = decoded(app, client)
    assert first["resident_token"] != second["resident_token"]
    assert first["resident_nonce"] != second["resident_nonce"]


def test_idle_timeout(app, client, clock):
    resident_login(client, "anouk")
    clock.advance(minutes=14)
    assert client.get("/mijn/").status_code == 200
    clock.advance(minutes=16)
    response = client.get("/mijn/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/mijn/inloggen")
    assert "omdat u een tijd niets deed" in text(client.get("/mijn/inloggen"))


def test_absolute_timeout(app, client, clock):
    resident_login(client, "anouk")
    for _ in range(8):  # active all the time: 8 x 14 minutes = 1 h 52
        clock.advance(minutes=14)
        assert client.get("/mijn/").status_code == 200
    clock.advance(minutes=14)  # 2 h 06 since log-in
    response = client.get("/mijn/")
    assert response.status_code == 302
    assert "U was lang ingelogd" in text(client.get("/mijn/inloggen"))


def test_log_out_ends_the_session_on_the_server(app, client, clock):
    resident_login(client, "anouk")
    copied = session_cookie(client)
    response = client.post("/mijn/uitloggen")
    assert response.status_code == 303
    assert client.get("/mijn/").status_code == 302
    # Someone who copied the cookie before the log-out cannot use it.
    thief = app.test_client()
    thief.set_cookie("session", copied)
    response = thief.get("/mijn/")
    assert response.status_code == 302 and "/mijn/inloggen" in response.headers["Location"]


def test_log_out_is_a_post_with_a_csrf_token(app, clock):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    resident_login(client, "anouk")
    assert client.get("/mijn/uitloggen").status_code == 405
    assert client.post("/mijn/uitloggen").status_code == 400  # no token
    assert client.get("/mijn/").status_code == 200


def test_resident_log_in_ends_a_staff_session_in_the_same_browser(app, client, clock):
    staff = make_staff(app, "contact@test.example", "contact_person")
    login(client, staff, clock)
    assert client.get("/medewerkers/").status_code == 200
    resident_login(client, "anouk")
    assert client.get("/medewerkers/").status_code == 302  # the staff session is gone
    assert client.get("/mijn/").status_code == 200


def test_a_staff_session_is_not_a_resident_session(app, client, clock):
    staff = make_staff(app, "contact@test.example", "contact_person")
    login(client, staff, clock)
    response = client.get("/mijn/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/mijn/inloggen")


def test_old_session_rows_are_removed_at_the_next_log_in(app, clock):
    from sqlalchemy import func, select

    from portal.extensions import db
    from portal.residents.models import ResidentSession

    first = app.test_client()
    resident_login(first, "anouk")
    first.post("/mijn/uitloggen")
    clock.advance(days=2)
    resident_login(app.test_client(), "youssef")
    with app.app_context():
        assert db.session.scalar(select(func.count(ResidentSession.id))) == 1
