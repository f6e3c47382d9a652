"""Settings, read from environment variables once, when the app is created.

Why a function and not module globals: the factory receives explicit settings
(tests pass their own), and nothing else in the app reads os.environ directly.
"""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = PROJECT_ROOT / "instance"

# A placeholder key is fine for a laptop demo and for tests, never for production.
DEVELOPMENT_SECRET_KEY = "development-only-not-secret"  # noqa: S105
MIN_SECRET_KEY_LENGTH = 32


class ConfigError(RuntimeError):
    """The app refuses to start with settings that would be unsafe or broken."""


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _json_object(text: str | None) -> dict:
    """A JSON object from the environment ({} when unset); anything else stops the start."""
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError as error:
        raise ConfigError(f"RETENTION_YEARS is not JSON: {error}") from None
    if not isinstance(value, dict) or not all(
        isinstance(v, int) and 0 < v < 200 for v in value.values()
    ):
        raise ConfigError('RETENTION_YEARS must look like {"wmo": 15}: whole years per regime')
    return value


def settings_from_environment(environ: dict[str, str] | None = None) -> dict:
    """All settings the portal knows, from environment variables with safe defaults."""
    env = os.environ if environ is None else environ
    mode = env.get("EENLOKET_ENV", "development")
    if mode not in {"development", "test", "production"}:
        raise ConfigError(f"EENLOKET_ENV must be development, test or production, not {mode!r}")
    default_db = f"sqlite:///{INSTANCE_DIR / 'eenloket.sqlite'}"
    return {
        "ENV_MODE": mode,
        "SECRET_KEY": env.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY),
        "SQLALCHEMY_DATABASE_URI": env.get("DATABASE_URL", default_db),
        "VERORDENING_PATH": env.get("VERORDENING_PATH") or None,
        "MUNICIPALITY_NAME": env.get("MUNICIPALITY_NAME", "Voorbeeldgemeente"),
        # Where "Snel weg" (quick exit) on resident pages leads: a neutral site (issue #12).
        "QUICK_EXIT_URL": env.get("QUICK_EXIT_URL", "https://www.google.nl/"),
        # The municipality's phone number for residents ("Bel ... en vraag naar uw
        # contactpersoon"); unset: the resident pages say "Bel de gemeente".
        "CONTACT_PHONE": (env.get("CONTACT_PHONE") or "").strip() or None,
        # PNG or JPEG in the header of the .docx ondersteuningsplan (portal/plans/render_docx.py).
        "MUNICIPALITY_LOGO_PATH": env.get("MUNICIPALITY_LOGO_PATH")
        or str(PROJECT_ROOT / "portal" / "static" / "img" / "gemeente-logo.png"),
        # Unfinished intakes are deleted this many days after their last save.
        "DRAFT_RETENTION_DAYS": int(env.get("DRAFT_RETENTION_DAYS", "30")),
        # A submit still "in progress" after this many seconds crashed (its process died): the
        # resident may send again. Longer than any request can run (gunicorn's worker timeout
        # is 30 s), short enough that nobody waits long after a restart (issue #14).
        "INTAKE_SUBMIT_STALE_SECONDS": int(env.get("INTAKE_SUBMIT_STALE_SECONDS", "120")),
        # The CSS class of the design-token theme built into portal.min.css (see assets/).
        "THEME_CLASS": env.get("THEME_CLASS", "voorbeeld-theme"),
        "SESSION_COOKIE_SECURE": _bool(env.get("SESSION_COOKIE_SECURE"), mode == "production"),
        "LANGUAGE_COOKIE_SECURE": _bool(env.get("SESSION_COOKIE_SECURE"), mode == "production"),
        # Fernet key(s) for the staff TOTP secrets, comma-separated (the first encrypts). Unset:
        # derived from SECRET_KEY in development and tests; production refuses to start.
        "TOTP_ENCRYPTION_KEY": env.get("TOTP_ENCRYPTION_KEY") or None,
        # Residents log in with DigiD through an OpenID Connect broker (portal/residents/).
        # Without OIDC_ISSUER, development mode starts the development DigiD provider on
        # loopback (never in production: check_production_safety refuses that).
        "OIDC_ISSUER": (env.get("OIDC_ISSUER") or "").rstrip("/") or None,
        "OIDC_CLIENT_ID": env.get("OIDC_CLIENT_ID", "eenloket"),
        "OIDC_CLIENT_SECRET": env.get("OIDC_CLIENT_SECRET", ""),
        "OIDC_BSN_CLAIM": env.get("OIDC_BSN_CLAIM", "bsn"),
        "OIDC_SCOPES": env.get("OIDC_SCOPES", "openid"),
        # DigiD Machtigen through the broker (issue #19, docs/residents.md "Acting for someone
        # else"): the claims with the represented person's and the acting person's BSN and the
        # DigiD Machtigen service (a dotted path reads a nested claim: "gemachtigde.bsn"), and
        # per service what it allows: {"<service id>": {"actions": [...], "regimes": [...]}}.
        "OIDC_REPRESENTEE_CLAIM": env.get("OIDC_REPRESENTEE_CLAIM", "representee_bsn"),
        "OIDC_AUTHORIZEE_CLAIM": env.get("OIDC_AUTHORIZEE_CLAIM", "authorizee_bsn"),
        "OIDC_SERVICE_ID_CLAIM": env.get("OIDC_SERVICE_ID_CLAIM", "service_id"),
        "DIGID_MACHTIGEN_SERVICES": _machtigen_services(env.get("DIGID_MACHTIGEN_SERVICES"), mode),
        # The hand-off to the municipality's case systems (portal/handoff, docs/handoff.md). Without
        # a Zaken API root the hand-off is off; without a broker the app delivers the outbox in
        # a thread of its own (development), never in the request.
        "ZGW_ZAKEN_API_ROOT": (env.get("ZGW_ZAKEN_API_ROOT") or "").rstrip("/") or None,
        "ZGW_CATALOGI_API_ROOT": (env.get("ZGW_CATALOGI_API_ROOT") or "").rstrip("/") or None,
        "ZGW_DOCUMENTEN_API_ROOT": (env.get("ZGW_DOCUMENTEN_API_ROOT") or "").rstrip("/") or None,
        "ZGW_CLIENTS": {
            api: {
                "client_id": env.get(f"ZGW_{api.upper()}_CLIENT_ID", "eenloket"),
                "secret": env.get(f"ZGW_{api.upper()}_SECRET", ""),
            }
            for api in ("zaken", "catalogi", "documenten")
        },
        "ZGW_RSIN": env.get("ZGW_RSIN") or None,  # the municipality's RSIN: bronorganisatie
        "ZGW_TIMEOUT_SECONDS": float(env.get("ZGW_TIMEOUT_SECONDS", "10")),
        "CELERY_BROKER_URL": env.get("CELERY_BROKER_URL") or None,
        "HANDOFF_QUEUE": env.get("HANDOFF_QUEUE", "eenloket-handoff"),
        # how long a worker holds an outbox row before another may take it (it died)
        "HANDOFF_LEASE_SECONDS": float(env.get("HANDOFF_LEASE_SECONDS", "300")),
        "HANDOFF_SWEEP_ON_START": _bool(env.get("HANDOFF_SWEEP_ON_START"), True),
        # Messages to residents (portal/messages, docs/messages.md): e-mail over SMTP, text
        # messages through a provider; without SMTP_HOST e-mails fail with that reason.
        "SMTP_HOST": env.get("SMTP_HOST") or None,
        "SMTP_PORT": int(env.get("SMTP_PORT") or 0) or None,
        "SMTP_FROM": env.get("SMTP_FROM", "noreply@gemeente.example"),
        "SMTP_TLS": env.get("SMTP_TLS", "starttls"),  # starttls | ssl | none
        "SMTP_USER": env.get("SMTP_USER") or None,
        "SMTP_PASSWORD": env.get("SMTP_PASSWORD") or None,
        "SMTP_TIMEOUT_SECONDS": float(env.get("SMTP_TIMEOUT_SECONDS", "10")),
        "SMS_PROVIDER": env.get("SMS_PROVIDER") or None,  # unset | test | package.module:Class
        "MESSAGES_MAX_ATTEMPTS": int(env.get("MESSAGES_MAX_ATTEMPTS", "5")),
        # the portal's address as residents type it: messages point to <PUBLIC_URL>/mijn/
        "PUBLIC_URL": env.get("PUBLIC_URL", "http://127.0.0.1:5000"),
        # deadlines kept and data that ends on time (issue #19, docs/caseload.md, docs/retention.md)
        # the latest new date of an Awb 4:14 extension, in weeks after the current one: a local
        # choice, not law (the Awb sets no maximum; it asks for "as short as possible")
        "AWB_EXTENSION_MAX_WEEKS": int(env.get("AWB_EXTENSION_MAX_WEEKS", "8")),
        # how many days before a plan's evaluation or agreement date the resident is told
        "REMINDER_DAYS_BEFORE": int(env.get("REMINDER_DAYS_BEFORE", "7")),
        # the Wmo client survey: invite this many days after the first plan (docs/survey.md)
        "SURVEY_AFTER_DAYS": int(env.get("SURVEY_AFTER_DAYS", "90")),
        # how long an invitation stays open, and the one reminder this many days before it
        # closes (docs/survey.md)
        "SURVEY_OPEN_DAYS": int(env.get("SURVEY_OPEN_DAYS", "28")),
        "SURVEY_REMINDER_DAYS": int(env.get("SURVEY_REMINDER_DAYS", "7")),
        # retention in years per regime, overriding portal/retention/rules.py: JSON such as
        # {"wmo": 15, "schuldhulp": 7}
        "RETENTION_YEARS": _json_object(env.get("RETENTION_YEARS")),
        # the daily purge on the task queue (off: removing is irreversible; run
        # `flask purge --dry-run` first)
        "RETENTION_PURGE_SCHEDULED": env.get("RETENTION_PURGE_SCHEDULED", "") == "1",
        # /api/v1 (docs/api.md): the largest body it reads, and anonymous screenings per IP
        # address per minute (per process; a reverse proxy limits across processes)
        "API_MAX_BODY_BYTES": int(env.get("API_MAX_BODY_BYTES", str(64 * 1024))),
        "API_SCREENING_PER_MINUTE": int(env.get("API_SCREENING_PER_MINUTE", "30")),
        # Insight (issue #18, docs/insight.md): the key of the households' pseudonyms in what-if
        # results (unset: derived from SECRET_KEY); without a broker the what-ifs run in a
        # thread of the app (INSIGHT_EMBEDDED_WORKER=0 switches that off).
        "INSIGHT_PSEUDONYM_KEY": env.get("INSIGHT_PSEUDONYM_KEY") or None,
        "INSIGHT_EMBEDDED_WORKER": _bool(env.get("INSIGHT_EMBEDDED_WORKER"), True),
        # Documents (docs/documents.md): where files are kept (outside the web root), the
        # store (`local` or package.module:Class), and the limits
        "DOCUMENTS_DIR": env.get("DOCUMENTS_DIR") or str(INSTANCE_DIR / "documents"),
        "DOCUMENTS_STORAGE": env.get("DOCUMENTS_STORAGE") or "local",
        "DOCUMENTS_MAX_BYTES": int(env.get("DOCUMENTS_MAX_BYTES", str(10 * 1024 * 1024))),
        "DOCUMENTS_MAX_FILES": int(env.get("DOCUMENTS_MAX_FILES", "5")),
        "DOCUMENTS_MAX_PER_HOUSEHOLD": int(env.get("DOCUMENTS_MAX_PER_HOUSEHOLD", "50")),
        "DOCUMENTS_MAX_PIXELS": int(env.get("DOCUMENTS_MAX_PIXELS", str(40_000_000))),
        # The largest upload request read at all (a 40 MB file is read and refused with a
        # clear message; beyond this the request is cut off with a 413). The reverse proxy's
        # limit (client_max_body_size) should be the same.
        "DOCUMENTS_MAX_REQUEST_BYTES": int(
            env.get("DOCUMENTS_MAX_REQUEST_BYTES", str(64 * 1024 * 1024))
        ),
    }


# The DigiD Machtigen services of the development provider's demo identities; production
# starts with none (an unknown service is refused at log-in).
DEVELOPMENT_MACHTIGEN_SERVICES = {
    "eenloket-aanvragen-en-volgen": {
        "actions": ["aanvragen", "lezen", "berichten"],
        "regimes": ["*"],
    },
    "eenloket-wmo-lezen": {"actions": ["lezen"], "regimes": ["wmo"]},
}


def _machtigen_services(value: str | None, mode: str) -> dict:
    import json

    if not value:
        return {} if mode == "production" else dict(DEVELOPMENT_MACHTIGEN_SERVICES)
    try:
        services = json.loads(value)
    except ValueError as error:
        raise ConfigError("DIGID_MACHTIGEN_SERVICES must be JSON") from error
    if not isinstance(services, dict) or not all(
        isinstance(v, dict) and isinstance(v.get("actions"), list) for v in services.values()
    ):
        raise ConfigError(
            'DIGID_MACHTIGEN_SERVICES must look like {"<service id>": {"actions": [...], '
            '"regimes": [...]}}'
        )
    return services


BASE_SETTINGS = {
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "PERMANENT_SESSION_LIFETIME": timedelta(hours=2),
    # Static files are fingerprinted (?v=...), so browsers may keep them for a year.
    "SEND_FILE_MAX_AGE_DEFAULT": 60 * 60 * 24 * 365,
    "MAX_CONTENT_LENGTH": 1 * 1024 * 1024,  # forms are text; 1 MB is far above any honest post
    "WTF_CSRF_TIME_LIMIT": 60 * 60 * 4,
    "BABEL_DEFAULT_LOCALE": "nl",
    # Moments are stored in UTC; every date and time a person reads is the one in the
    # Netherlands (Flask-Babel's format_date/format_datetime convert to this zone).
    "BABEL_DEFAULT_TIMEZONE": "Europe/Amsterdam",
    "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
    # Every language the portal knows, by its own name. Residents are offered only those whose
    # compiled catalogue is complete (portal/i18n.py, LANGUAGES_OFFERED; docs/languages.md).
    "LANGUAGES": {
        "nl": "Nederlands",
        "en": "English",
        "ar": "العربية",
        "tr": "Türkçe",
        "pl": "Polski",
        "uk": "Українська",
    },
    "LANGUAGE_COOKIE": "taal",
    # Staff sessions and log-in throttling (portal/staff/).
    "STAFF_IDLE_MINUTES": 20,
    "STAFF_MAX_HOURS": 8,
    "STAFF_LOGIN_MAX_PER_ACCOUNT": 5,
    "STAFF_LOGIN_MAX_PER_IP": 20,
    "STAFF_LOGIN_WINDOW_MINUTES": 15,
    # Resident sessions (portal/residents/): idle and absolute limits.
    "RESIDENT_IDLE_MINUTES": 15,
    "RESIDENT_MAX_HOURS": 2,
}


def check_production_safety(config: dict) -> None:
    """Refuse to start in production mode with a development secret or a throwaway database."""
    if config.get("ENV_MODE") != "production":
        return
    key = config.get("SECRET_KEY") or ""
    if key == DEVELOPMENT_SECRET_KEY or len(key) < MIN_SECRET_KEY_LENGTH:
        raise ConfigError(
            "SECRET_KEY must be set to a random value of at least "
            f"{MIN_SECRET_KEY_LENGTH} characters in production "
            '(for example: python -c "import secrets; print(secrets.token_urlsafe(48))")'
        )
    if not config.get("SESSION_COOKIE_SECURE"):
        raise ConfigError("SESSION_COOKIE_SECURE must be on in production (HTTPS only)")
    _check_totp_key(config)
    _check_oidc(config)
    if config.get("SMS_PROVIDER") == "test":
        raise ConfigError("SMS_PROVIDER=test records text messages instead of sending them")


LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}  # noqa: S104


def _check_oidc(config: dict) -> None:
    """Production needs a real DigiD broker: https, not loopback, never the development provider."""
    from urllib.parse import urlsplit

    issuer = config.get("OIDC_ISSUER") or ""
    host = (urlsplit(issuer).hostname or "").lower()
    if (
        not issuer.startswith("https://")
        or host in LOOPBACK_HOSTS
        or host.startswith("127.")
        or host.endswith(".localhost")
    ):
        raise ConfigError(
            "OIDC_ISSUER must be the https address of the municipality's DigiD (OpenID Connect) "
            "broker in production; the development provider on loopback is for development "
            "and tests only"
        )
    if not config.get("OIDC_CLIENT_ID") or not config.get("OIDC_CLIENT_SECRET"):
        raise ConfigError("OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set in production")


def _check_totp_key(config: dict) -> None:
    """Production keeps the staff TOTP secrets under a key of its own, outside the database."""
    from cryptography.fernet import Fernet

    keys = [k.strip() for k in (config.get("TOTP_ENCRYPTION_KEY") or "").split(",") if k.strip()]
    if not keys:
        raise ConfigError(
            "TOTP_ENCRYPTION_KEY must be set in production, a key of its own (for example: "
            'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key())")'
        )
    for key in keys:
        try:
            Fernet(key)
        except ValueError as error:
            raise ConfigError("TOTP_ENCRYPTION_KEY is not a valid Fernet key") from error
