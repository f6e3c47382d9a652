"""The app starts with safe settings and refuses unsafe ones."""

import pytest

from portal import create_app
from portal.config import ConfigError, settings_from_environment
from verordening import VerordeningError


def test_production_refuses_the_development_secret_key(migrated):
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app({**migrated, "ENV_MODE": "production", "SESSION_COOKIE_SECURE": True})


def test_production_refuses_a_short_secret_key(migrated):
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app(
            {
                **migrated,
                "ENV_MODE": "production",
                "SECRET_KEY": "short",
                "SESSION_COOKIE_SECURE": True,
            }
        )


def test_production_starts_with_a_real_secret_and_secure_cookies(migrated):
    app = create_app(
        {
            **migrated,
            "ENV_MODE": "production",
            "SECRET_KEY": "x" * 48,
            "SESSION_COOKIE_SECURE": True,
            "TOTP_ENCRYPTION_KEY": "kGqNn1h6V0j8c3Vd1GmC1yqvO4z1y9nOq3w3p3xWJ9Y=",
            "OIDC_ISSUER": "https://digid-broker.voorbeeldgemeente.example",
            "OIDC_CLIENT_SECRET": "s" * 32,
        }
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    assert "max-age" in response.headers["Strict-Transport-Security"]


def test_production_refuses_insecure_cookies(migrated):
    with pytest.raises(ConfigError, match="SESSION_COOKIE_SECURE"):
        create_app(
            {
                **migrated,
                "ENV_MODE": "production",
                "SECRET_KEY": "x" * 48,
                "SESSION_COOKIE_SECURE": False,
            }
        )


def test_settings_come_from_the_environment():
    settings = settings_from_environment(
        {
            "DATABASE_URL": "postgresql+psycopg://db/x",
            "EENLOKET_ENV": "production",
            "SECRET_KEY": "k" * 40,
            "MUNICIPALITY_NAME": "Gemeente Testdorp",
        }
    )
    assert settings["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://db/x"
    assert settings["ENV_MODE"] == "production"
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["MUNICIPALITY_NAME"] == "Gemeente Testdorp"


def test_default_database_is_sqlite_in_instance():
    settings = settings_from_environment({})
    assert settings["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert settings["SQLALCHEMY_DATABASE_URI"].endswith("instance/eenloket.sqlite")


def test_unknown_mode_is_refused():
    with pytest.raises(ConfigError, match="EENLOKET_ENV"):
        settings_from_environment({"EENLOKET_ENV": "staging"})


def test_a_broken_verordening_file_stops_the_start_and_names_the_file(migrated, tmp_path):
    broken = tmp_path / "kapot.yaml"
    broken.write_text("format: 1\nid: kapot\nvalid_from: niet-een-datum\narticles: [\n")
    with pytest.raises(VerordeningError) as caught:
        create_app({**migrated, "ENV_MODE": "test", "VERORDENING_PATH": str(broken)})
    assert "kapot.yaml" in str(caught.value)
