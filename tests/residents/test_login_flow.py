"""The full OpenID Connect flow against the loopback provider, over real HTTP: our log-in link,
the provider's page, the callback with code and state, the token request, the ID token checked
against the provider's JWKS. Every refusal leaves the visitor logged out."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
import requests
from authlib.integrations.flask_client import FlaskOAuth2App

from portal import create_app
from portal.config import ConfigError
from tests.conftest import make_app
from tests.residents.conftest import (
    ANOUK,
    authorize,
    callback_path,
    family,
    resident_login,
    submit,
    text,
)


def logged_in(client) -> bool:
    return client.get("/mijn/").status_code == 200


def with_query(url: str, **changes) -> str:
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query.update(changes)
    return urlunsplit(parts._replace(query=urlencode(query)))


def test_log_in_with_the_test_provider_and_see_mijn_aanvraag(app, client):
    submit(app, family())
    page = client.get("/mijn/inloggen")
    assert "Dit is een testomgeving: u logt in met een test-DigiD" in text(page)
    assert not logged_in(client)
    start = client.get("/mijn/inloggen/digid")
    sent = parse_qs(urlsplit(start.headers["Location"]).query)
    # PKCE with S256, a state and a nonce go to the provider.
    assert sent["code_challenge_method"] == ["S256"] and sent["code_challenge"][0]
    assert sent["state"][0] and sent["nonce"][0] and sent["client_id"] == ["eenloket-test"]
    resident_login(client, "anouk")
    page = client.get("/mijn/")
    assert page.status_code == 200
    body = text(page)
    assert "Mijn aanvraag" in body and "SD-2026-" in body
    assert ANOUK not in page.get_data(as_text=True)  # the BSN is never shown
    assert page.headers["Cache-Control"] == "no-store"


def test_a_tampered_state_is_refused(app, client):
    answer = authorize(client, "anouk")
    tampered = with_query(callback_path(answer), state="aangepast-door-een-aanvaller")
    response = client.get(tampered)
    assert response.status_code == 400
    assert "Het inloggen is niet gelukt" in text(response)
    assert not logged_in(client)


def test_a_replayed_authorization_code_is_refused(app, client):
    first = callback_path(authorize(client, "anouk"))
    assert client.get(first).status_code == 303  # the code is used once, for real
    client.post("/mijn/uitloggen")
    # A fresh log-in (new state in this browser), but the old code is sent back again.
    second = callback_path(authorize(client, "anouk"))
    old_code = parse_qs(urlsplit(first).query)["code"][0]
    replay = with_query(second, code=old_code)
    response = client.get(replay)
    assert response.status_code == 400
    assert not logged_in(client)


def test_a_code_issued_to_another_client_is_refused(app, client, provider):
    start = client.get("/mijn/inloggen/digid").headers["Location"]
    # The same request, but for another application registered at the broker.
    other = with_query(start, client_id="een-andere-app")
    answer = requests.post(other, data={"sub": "anouk"}, allow_redirects=False, timeout=10)
    response = client.get(callback_path(answer))
    assert response.status_code == 400
    assert not logged_in(client)


def test_an_id_token_for_another_audience_is_refused(app, client, provider, monkeypatch, caplog):
    """A real ID token from the provider, signed with its key and carrying our nonce, but
    issued to another client: our callback must refuse it (audience check)."""
    answer = authorize(client, "anouk")
    ours = callback_path(answer)
    start_query = parse_qs(urlsplit(answer.request.url).query)
    nonce = start_query["nonce"][0]
    other = with_query(answer.request.url, client_id="een-andere-app")
    other_answer = requests.post(other, data={"sub": "anouk"}, allow_redirects=False, timeout=10)
    other_code = parse_qs(urlsplit(other_answer.headers["Location"]).query)["code"][0]
    token = requests.post(
        f"{provider.issuer}/oauth2/token",
        data={
            "grant_type": "authorization_code",
            "code": other_code,
            "redirect_uri": start_query["redirect_uri"][0],
            "client_id": "een-andere-app",
            "client_secret": "geheim",
        },
        timeout=10,
    ).json()
    assert token["id_token"]
    # The broker's token endpoint answers with that other client's token.
    monkeypatch.setattr(FlaskOAuth2App, "fetch_access_token", lambda self, **kw: dict(token))
    assert nonce  # the token carries our nonce: only the audience is wrong
    caplog.set_level("INFO")
    response = client.get(ours)
    assert response.status_code == 400
    assert "aud" in caplog.text  # refused for its audience, not for something else
    assert not logged_in(client)


def test_cancelling_at_the_provider_logs_nobody_in(app, client):
    answer = authorize(client, "", action="deny")
    response = client.get(callback_path(answer))
    assert response.status_code == 400
    assert "U heeft het inloggen afgebroken" in text(response)
    assert not logged_in(client)


@pytest.mark.parametrize("sub", ["no-bsn", "bad-bsn"])
def test_no_valid_bsn_in_the_token_is_refused(app, client, sub):
    response = client.get(callback_path(authorize(client, sub)))
    assert response.status_code == 400
    assert "Wij kregen uw BSN niet goed van DigiD" in text(response)
    assert not logged_in(client)


PRODUCTION = {
    "ENV_MODE": "production",
    "SECRET_KEY": "x" * 48,
    "SESSION_COOKIE_SECURE": True,
    "TOTP_ENCRYPTION_KEY": "kGqNn1h6V0j8c3Vd1GmC1yqvO4z1y9nOq3w3p3xWJ9Y=",
}


@pytest.mark.parametrize(
    "issuer",
    [None, "http://127.0.0.1:5001", "https://localhost:8443", "http://digid.example"],
)
def test_production_without_a_real_issuer_refuses_to_start(migrated, issuer):
    with pytest.raises(ConfigError, match="OIDC_ISSUER"):
        create_app(
            {**migrated, **PRODUCTION, "OIDC_ISSUER": issuer, "OIDC_CLIENT_SECRET": "s" * 32}
        )


def test_production_refuses_a_missing_client_secret(migrated):
    with pytest.raises(ConfigError, match="OIDC_CLIENT_SECRET"):
        create_app(
            {
                **migrated,
                **PRODUCTION,
                "OIDC_ISSUER": "https://broker.gemeente.example",
                "OIDC_CLIENT_SECRET": "",
            }
        )


def test_production_with_a_real_broker_has_no_test_login(migrated):
    app = create_app(
        {
            **migrated,
            **PRODUCTION,
            "OIDC_ISSUER": "https://broker.gemeente.example",
            "OIDC_CLIENT_SECRET": "s" * 32,
        }
    )
    page = app.test_client().get("/mijn/inloggen", base_url="https://localhost")
    assert page.status_code == 200
    assert "testomgeving" not in text(page)


def test_development_without_issuer_starts_the_test_provider_on_loopback(migrated):
    app = make_app({**migrated, "OIDC_ISSUER": None}, ENV_MODE="development")
    client = app.test_client()
    assert "test-DigiD" in text(client.get("/mijn/inloggen"))
    start = client.get("/mijn/inloggen/digid")
    assert start.status_code == 302
    target = urlsplit(start.headers["Location"])
    assert target.hostname == "127.0.0.1" and target.path == "/oauth2/authorize"
    page = requests.get(start.headers["Location"], timeout=10)
    assert "demo-ruben" in page.text  # the demo residents are one-click test users
    answer = requests.post(
        start.headers["Location"], data={"sub": "demo-ruben"}, allow_redirects=False, timeout=10
    )
    assert client.get(callback_path(answer)).status_code == 303  # logged in as Ruben
    assert client.get("/mijn/").status_code == 200


def test_test_mode_without_issuer_offers_no_log_in(migrated):
    app = make_app({**migrated, "OIDC_ISSUER": None})
    client = app.test_client()
    assert "Inloggen met DigiD kan nu niet" in text(client.get("/mijn/inloggen"))
    assert client.get("/mijn/inloggen/digid").status_code == 404
