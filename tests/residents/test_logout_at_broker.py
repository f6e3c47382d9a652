"""Logging out also at the DigiD broker (OpenID Connect RP-Initiated Logout 1.0), over real HTTP
against the loopback provider: our session ends first, then the broker's end_session_endpoint
with our client id, where to come back and a state; back on "U bent uitgelogd" the page says
"also at DigiD" only when the state is ours. Without an end_session_endpoint (or without the
broker's metadata) the resident goes straight to the page, which says to close the browser."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import requests

from portal.residents import identity
from tests.residents.conftest import CLIENT_ID, family, resident_login, submit, text

AT_BROKER = "U bent uitgelogd bij Mijn aanvraag en bij DigiD."
CLOSE_BROWSER = "Sluit ook de browser als u op een gedeelde computer zit."


def session_cookie(client) -> str:
    return client.get_cookie("session").value


def log_out(client) -> tuple[str, dict]:
    response = client.post("/mijn/uitloggen")
    assert response.status_code == 303
    location = response.headers["Location"]
    return location, parse_qs(urlsplit(location).query)


def confirm_at_broker(location: str) -> str:
    """The broker's page with its confirm button; returns where the broker sends us back."""
    page = requests.get(location, timeout=10)
    assert page.status_code == 200 and "End session" in page.text
    action = re.search(r'<form method="post" action="([^"]+)"', page.text).group(1)
    redirect_uri = re.search(r'name="redirect_uri" value="([^"]+)"', page.text).group(1)
    confirm = requests.post(
        requests.compat.urljoin(location, action),
        data={"redirect_uri": redirect_uri.replace("&amp;", "&")},
        allow_redirects=False,
        timeout=10,
    )
    assert confirm.status_code == 302
    return confirm.headers["Location"]


def local(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def test_log_out_goes_to_the_broker_and_comes_back_logged_out(app, client, provider):
    submit(app, family())
    resident_login(client, "anouk")
    copied = session_cookie(client)
    location, sent = log_out(client)
    assert location.startswith(f"{provider.issuer}/oauth2/end_session?")
    assert sent["client_id"] == [CLIENT_ID]
    assert sent["post_logout_redirect_uri"] == ["http://localhost/mijn/uitgelogd"]
    assert len(sent["state"][0]) >= 32
    assert "id_token_hint" not in sent  # the ID token is not kept (it carries the BSN)
    # Our session ended before the broker was even asked.
    assert client.get("/mijn/").status_code == 302
    back = confirm_at_broker(location)
    assert urlsplit(back).path == "/mijn/uitgelogd"
    assert parse_qs(urlsplit(back).query)["state"] == sent["state"]
    page = client.get(local(back))
    assert page.status_code == 200
    body = text(page)
    assert "U bent uitgelogd" in body and AT_BROKER in body
    assert CLOSE_BROWSER not in body
    assert "Opnieuw inloggen" in body
    assert page.headers["Cache-Control"] == "no-store"
    # The old cookie, kept by someone, still opens nothing.
    thief = app.test_client()
    thief.set_cookie("session", copied)
    response = thief.get("/mijn/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/mijn/inloggen")
    # The state works once: the same address again does not claim the broker logged out.
    again = text(client.get(local(back)))
    assert AT_BROKER not in again and CLOSE_BROWSER in again


def test_a_wrong_state_is_not_believed(app, client):
    resident_login(client, "anouk")
    log_out(client)
    page = client.get("/mijn/uitgelogd?state=verzonnen-door-iemand-anders")
    assert page.status_code == 200
    body = text(page)
    assert "U bent uitgelogd" in body
    assert AT_BROKER not in body and CLOSE_BROWSER in body
    assert client.get("/mijn/").status_code == 302


def test_no_state_at_all_is_not_believed(app, client):
    page = client.get("/mijn/uitgelogd")
    assert page.status_code == 200
    assert AT_BROKER not in text(page) and CLOSE_BROWSER in text(page)


def test_a_broker_without_end_session_endpoint_goes_straight_to_the_page(app, client):
    resident_login(client, "anouk")
    with app.app_context():  # the broker's discovery document, without the endpoint
        identity.client().server_metadata.pop("end_session_endpoint")
    response = client.post("/mijn/uitloggen")
    assert response.status_code == 303
    assert response.headers["Location"] == "/mijn/uitgelogd"
    body = text(client.get("/mijn/uitgelogd"))
    assert "U bent uitgelogd" in body and CLOSE_BROWSER in body and AT_BROKER not in body
    assert client.get("/mijn/").status_code == 302


def test_broker_metadata_that_cannot_be_fetched_still_logs_out(app, client):
    resident_login(client, "anouk")
    with app.app_context():  # the broker is unreachable now, and nothing was cached
        broker = identity.client()
        broker.server_metadata.clear()
        broker._server_metadata_url = "http://127.0.0.1:9/.well-known/openid-configuration"
    response = client.post("/mijn/uitloggen")
    assert response.status_code == 303
    assert response.headers["Location"] == "/mijn/uitgelogd"
    assert client.get("/mijn/").status_code == 302
    assert CLOSE_BROWSER in text(client.get("/mijn/uitgelogd"))


def test_resident_pages_let_the_log_out_button_reach_the_broker(app, client, provider):
    """Browsers check a form post's redirects against the page's CSP form-action."""
    resident_login(client, "anouk")
    policy = client.get("/mijn/").headers["Content-Security-Policy"]
    assert f"form-action 'self' {provider.issuer};" in policy
    client.post("/mijn/uitloggen")
    assert "form-action 'self';" in client.get("/mijn/inloggen").headers["Content-Security-Policy"]


def test_the_logged_out_page_in_english(app, client):
    page = client.get("/mijn/uitgelogd", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert "You are logged out" in text(page)
