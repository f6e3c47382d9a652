"""A missing CSRF token is an expired page; an oversized post gets a page in plain words.
Neither loses an answer that was saved before."""

from __future__ import annotations

import re

import pytest

from tests.conftest import make_app
from tests.intake.helpers import BASE, birth, step_url, text


@pytest.fixture
def csrf_client(app, migrated):
    """The same database as `app` (which cleans up), with CSRF protection switched on."""
    protected = make_app(migrated, WTF_CSRF_ENABLED=True)
    return protected.test_client()


def token_from(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html).group(1)


def begin_protected(client) -> None:
    token = token_from(client, f"{BASE}/")
    response = client.post(f"{BASE}/beginnen", data={"csrf_token": token})
    assert response.status_code == 303


def test_missing_csrf_token_is_an_expired_page_and_keeps_saved_answers(csrf_client):
    client = csrf_client
    begin_protected(client)
    token = token_from(client, step_url("over-u"))
    applicant = {
        "csrf_token": token,
        "given_name": "Anna",
        "family_name": "de Vries",
        "bsn": "111222333",
        **birth("birth_date", "1980-04-02"),
    }
    assert client.post(step_url("over-u"), data=applicant).status_code == 303

    response = client.post(step_url("vraag"), data={"question": "Zonder token"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(step_url("vraag"))
    page = client.get(response.headers["Location"])
    assert "Deze pagina was te lang open" in text(page)
    assert "Zonder token" not in page.get_data(as_text=True)  # not saved without the token
    assert 'value="Anna"' in client.get(step_url("over-u")).get_data(as_text=True)


def test_a_wrong_csrf_token_on_submit_goes_back_to_check(csrf_client):
    client = csrf_client
    begin_protected(client)
    response = client.post(f"{BASE}/versturen", data={"csrf_token": "forged", "submit_token": "x"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/controleren")


def test_change_link_query_survives_an_expired_page(csrf_client):
    client = csrf_client
    begin_protected(client)
    response = client.post(step_url("vraag", back="controleren"), data={"question": "x"})
    assert response.headers["Location"].endswith("/stap/vraag?terug=controleren")


def test_oversized_body_gets_a_plain_413_page_and_loses_nothing(app, client):
    from tests.intake.helpers import begin, ok, person

    begin(client)
    ok(client, "over-u", person("Anna", "de Vries", "1980-04-02", "111222333"))
    big = "a" * (app.config["MAX_CONTENT_LENGTH"] + 10)
    response = client.post(step_url("vraag"), data={"question": big})
    assert response.status_code == 413
    words = text(response)
    assert "U stuurde te veel tekst tegelijk" in words
    assert "Uw antwoorden op eerdere pagina's zijn wel bewaard" in words
    assert f'href="{step_url("vraag")}"' in response.get_data(as_text=True)
    assert 'value="Anna"' in client.get(step_url("over-u")).get_data(as_text=True)
