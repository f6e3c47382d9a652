"""What any visitor sees: landmarks, language choice, health check, security headers."""

import pytest
import sqlalchemy as sa

from portal import create_app
from portal.security import CONTENT_SECURITY_POLICY


def test_front_page_has_lang_skip_link_and_landmarks(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="nl"' in html
    assert 'href="#inhoud"' in html and "Direct naar de inhoud" in html
    assert '<main class="utrecht-page-content" id="inhoud"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html
    assert "Hulp vragen bij de gemeente" in html


def test_accept_language_english_gives_english(client):
    html = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en"' in html
    assert "Ask the municipality for help" in html
    assert "Skip to content" in html


def test_unsupported_language_falls_back_to_dutch(client):
    html = client.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<html lang="nl"' in html


def test_chosen_language_is_remembered_and_beats_the_browser(client):
    response = client.post("/taal", data={"taal": "en", "terug": "/regels"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/regels")
    cookie = client.get_cookie("taal")
    assert cookie is not None and cookie.value == "en" and cookie.http_only
    html = client.get("/", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert '<html lang="en"' in html


def test_language_switch_never_redirects_to_another_site(client):
    for target in ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]:
        response = client.post("/taal", data={"taal": "en", "terug": target})
        assert response.headers["Location"] == "/"


def test_unknown_language_choice_is_ignored(client):
    client.post("/taal", data={"taal": "xx"})
    assert client.get_cookie("taal") is None


def test_language_switch_works_without_javascript(client):
    html = client.get("/").get_data(as_text=True)
    assert 'action="/taal"' in html and 'method="post"' in html
    assert 'name="taal" value="en"' in html


def test_healthz_reports_database_and_verordening(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["verordening"]


def test_healthz_fails_when_the_database_is_gone(tmp_path):
    app = create_app(
        {
            "ENV_MODE": "test",
            "TESTING": True,
            # A folder that does not exist: SQLite cannot open the file.
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'nergens' / 'db.sqlite'}",
        }
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"].startswith("error")


@pytest.mark.parametrize("path", ["/", "/healthz", "/regels"])
def test_security_headers_on_every_page(client, path):
    headers = client.get(path).headers
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert "unsafe-eval" not in CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"


def test_no_inline_script_or_style_in_pages(client):
    html = client.get("/").get_data(as_text=True)
    assert "<script>" not in html and "style=" not in html and "<style" not in html


def test_oversized_post_is_refused(client):
    response = client.post("/taal", data={"taal": "en", "vulling": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413


def test_database_tables_come_from_migrations(app):
    with app.app_context():
        from portal.extensions import db

        names = set(sa.inspect(db.engine).get_table_names())
    assert {"household", "household_member", "intake", "staff_member", "alembic_version"} <= names
