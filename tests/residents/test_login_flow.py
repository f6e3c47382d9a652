"""The full OpenID Connect flow against the loopback provider, over real HTTP."""

from __future__ import annotations

from tests.residents.conftest import (
    ANOUK,
    family,
    resident_login,
    submit,
    text,
)


def test_log_in_with_the_test_provider_and_see_mijn_aanvraag(app, client):
    submit(app, family())
    page = client.get("/mijn/inloggen")
    assert "Dit is een testomgeving: u logt in met een test-DigiD" in text(page)
    resident_login(client, "anouk")
    page = client.get("/mijn/")
    assert page.status_code == 200
    body = text(page)
    assert "Mijn aanvraag" in body and "SD-2026-" in body
    assert ANOUK not in page.get_data(as_text=True)  # the BSN is never shown
    assert page.headers["Cache-Control"] == "no-store"
