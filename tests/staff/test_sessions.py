"""Sessions: a new one at log-in, idle and absolute timeouts, log-out and disabling end them."""

from __future__ import annotations

import pytest

from portal.staff.session_guard import NONCE
from tests.staff.conftest import login, make_staff, password_step

HOME = "/medewerkers/"


def _session_cookie(client) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def _replay(app, cookie_value: str):
    other = app.test_client()
    other.set_cookie("session", cookie_value)
    return other.get(HOME)


def test_login_starts_a_new_session(client, desk, clock):
    # Something planted in the session before the log-in (session fixation) does not survive.
    with client.session_transaction() as before:
        before["planted"] = "by someone else"
        before[NONCE] = "a nonce someone chose"
    planted_cookie = _session_cookie(client)
    login(client, desk, clock)
    with client.session_transaction() as after:
        assert "planted" not in after
        assert after[NONCE] != "a nonce someone chose" and len(after[NONCE]) >= 43
        first_nonce = after[NONCE]
    assert _session_cookie(client) != planted_cookie
    client.post("/medewerkers/uitloggen")
    login(client, desk, clock)
    with client.session_transaction() as again:
        assert again[NONCE] != first_nonce


def test_idle_timeout_logs_out(client, desk, clock):
    login(client, desk, clock)
    clock.advance(minutes=19)
    assert client.get(HOME).status_code == 200  # activity moves the idle clock on
    clock.advance(minutes=19)
    assert client.get(HOME).status_code == 200
    clock.advance(minutes=21)
    response = client.get(HOME)
    assert response.status_code == 302
    assert "/medewerkers/inloggen" in response.headers["Location"]
    assert "omdat u een tijd niets deed" in client.get(response.headers["Location"]).get_data(
        as_text=True
    )


def test_absolute_timeout_logs_out_even_when_active(client, desk, clock):
    login(client, desk, clock)
    for _ in range(8 * 4 - 1):  # a request every 15 minutes for almost 8 hours
        clock.advance(minutes=15)
        assert client.get(HOME).status_code == 200
    clock.advance(minutes=16)
    response = client.get(HOME)
    assert response.status_code == 302
    assert "/medewerkers/inloggen" in response.headers["Location"]


def test_logout_ends_the_session_and_the_old_cookie_stops_working(app, client, desk, clock):
    login(client, desk, clock)
    stolen = _session_cookie(client)
    assert _replay(app, stolen).status_code == 200  # the copy works while logged in
    response = client.post("/medewerkers/uitloggen")
    assert response.status_code == 303
    assert client.get(HOME).status_code == 302
    replayed = _replay(app, stolen)
    assert replayed.status_code == 302
    assert "/medewerkers/inloggen" in replayed.headers["Location"]


def test_logout_needs_a_post(client, desk, clock):
    login(client, desk, clock)
    assert client.get("/medewerkers/uitloggen").status_code == 405
    assert client.get(HOME).status_code == 200


def test_disabling_an_account_ends_its_sessions(app, admin, desk, clock):
    desk_browser, admin_browser = app.test_client(), app.test_client()
    login(desk_browser, desk, clock)
    login(admin_browser, admin, clock)
    assert desk_browser.get(HOME).status_code == 200
    response = admin_browser.post(f"/medewerkers/beheer/{desk.id}/uitschakelen")
    assert response.status_code == 303
    assert desk_browser.get(HOME).status_code == 302
    assert password_step(desk_browser, desk).status_code == 400
    # Enabling again does not bring the old session back: a new log-in is needed.
    admin_browser.post(f"/medewerkers/beheer/{desk.id}/inschakelen")
    assert desk_browser.get(HOME).status_code == 302
    login(desk_browser, desk, clock)
    assert desk_browser.get(HOME).status_code == 200


def test_admin_cannot_disable_themselves(client, admin, clock):
    login(client, admin, clock)
    client.post(f"/medewerkers/beheer/{admin.id}/uitschakelen")
    assert client.get(HOME).status_code == 200


@pytest.mark.parametrize(
    "path", [HOME, "/medewerkers/inloggen", "/medewerkers/beheer", "/medewerkers/code"]
)
def test_staff_pages_are_never_cached(app, admin, clock, path):
    client = app.test_client()
    assert client.get(path).headers["Cache-Control"] == "no-store"
    login(client, admin, clock)
    assert client.get(path).headers["Cache-Control"] == "no-store"


def test_session_cookie_is_httponly_and_samesite(client, desk, clock):
    login(client, desk, clock)
    cookie = client.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Lax"


def test_two_accounts_in_two_browsers_do_not_mix(app, admin, clock):
    other = make_staff(app, "contact@test.example", "contact_person")
    first, second = app.test_client(), app.test_client()
    login(first, admin, clock)
    login(second, other, clock)
    assert first.get("/medewerkers/beheer").status_code == 200
    assert second.get("/medewerkers/beheer").status_code == 403


def test_a_cookie_used_from_another_browser_is_refused(app, client, desk, clock):
    """Flask-Login's strong session protection: another address or browser, no session."""
    login(client, desk, clock)
    stolen = _session_cookie(client)
    other = app.test_client()
    other.set_cookie("session", stolen)
    response = other.get(HOME, headers={"User-Agent": "Ander/1.0"})
    assert response.status_code == 302


def test_staff_pages_send_the_strict_csp(client, desk, clock):
    from portal.security import CONTENT_SECURITY_POLICY

    login(client, desk, clock)
    response = client.get(HOME)
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    html = response.get_data(as_text=True)
    assert "<script" not in html and "style=" not in html
