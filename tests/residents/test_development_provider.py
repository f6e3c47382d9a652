"""Issue #16: the loopback DigiD (`portal/residents/dev_provider.py`) is a development provider,
loaded only in development and by the tests. Production refuses it: as an issuer (the app does
not start), as code (it will not start inside a production app), and never imports it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from portal import create_app
from portal.config import ConfigError
from portal.residents import dev_provider
from tests.residents.test_login_flow import PRODUCTION


def test_production_refuses_the_development_provider_as_its_issuer(migrated, provider):
    with pytest.raises(ConfigError, match="development provider"):
        create_app(
            {
                **migrated,
                **PRODUCTION,
                "OIDC_ISSUER": provider.issuer,
                "OIDC_CLIENT_SECRET": "s" * 32,
            }
        )


def test_the_development_provider_will_not_start_inside_a_production_app(migrated):
    app = create_app(
        {
            **migrated,
            **PRODUCTION,
            "OIDC_ISSUER": "https://broker.gemeente.example",
            "OIDC_CLIENT_SECRET": "s" * 32,
        }
    )
    with app.app_context():
        with pytest.raises(dev_provider.NotInProduction):
            dev_provider.start([])
        with pytest.raises(dev_provider.NotInProduction):
            dev_provider.development_provider([])


def test_a_production_app_never_imports_the_development_provider(migrated):
    """In a fresh interpreter: a production app serves its log-in page without loading it."""
    script = textwrap.dedent(
        f"""
        import sys
        from portal import create_app
        app = create_app({{
            **{dict(PRODUCTION)!r},
            "SQLALCHEMY_DATABASE_URI": {migrated["SQLALCHEMY_DATABASE_URI"]!r},
            "OIDC_ISSUER": "https://broker.gemeente.example",
            "OIDC_CLIENT_SECRET": "s" * 32,
        }})
        page = app.test_client().get("/mijn/inloggen", base_url="https://localhost")
        assert page.status_code == 200, page.status_code
        assert "testomgeving" not in page.get_data(as_text=True)
        loaded = [m for m in sys.modules if m.endswith("dev_provider") or m == "oidc_provider_mock"]
        print(loaded)
        """
    )
    result = subprocess.run(  # noqa: S603  (our own interpreter, our own script)
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"
