"""Who the resident is: DigiD through an OpenID Connect broker, with Authlib's Flask client.

Authorization code flow with PKCE (S256), `state` and `nonce` kept in the (signed) session by
Authlib and checked at the callback. The ID token is validated by Authlib against the broker's
JWKS: signature (algorithms from the discovery document), issuer, audience (our client id),
expiry and nonce. The BSN comes from the claim OIDC_BSN_CLAIM and must pass the 11-check.

Log-out (OpenID Connect RP-Initiated Logout 1.0): when the discovery document advertises an
`end_session_endpoint`, the resident is sent there with our client id, where to come back and
a `state`, so the broker's session ends too (a shared computer). No `id_token_hint`: the ID
token (it carries the BSN) is not kept, neither in the cookie nor on the server.

Without OIDC_ISSUER, development mode uses the development DigiD provider on loopback
(`portal.residents.dev_provider`) with the invented demo residents of `portal.demo`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Flask, current_app
from joserfc.errors import JoseError
from requests import RequestException

from catalogue.values import is_valid_bsn, normalise_bsn
from portal.config import LOOPBACK_HOSTS

CLIENT_NAME = "digid"
log = logging.getLogger(__name__)


class LoginFailed(Exception):
    """The broker's answer was refused; `reason` is one of: cancelled, invalid, no_bsn,
    machtiging (a DigiD Machtigen answer we cannot accept)."""

    def __init__(self, reason: str, detail: str = ""):
        self.reason = reason
        super().__init__(f"{reason}: {detail}" if detail else reason)


def init_app(app: Flask) -> None:
    oauth = OAuth()
    oauth.init_app(app)
    app.extensions["resident_oauth"] = oauth


def issuer() -> str | None:
    """The broker's issuer URL; in development without one, the loopback development provider."""
    configured = current_app.config.get("OIDC_ISSUER")
    if configured:
        return configured
    if current_app.config.get("ENV_MODE") == "development":
        # imported here, and only here: production never loads the development provider
        from portal.demo import demo_resident_claims
        from portal.residents import dev_provider

        return dev_provider.development_provider(demo_resident_claims()).issuer
    return None


def is_test_login() -> bool:
    """The development provider is on loopback; production refuses a loopback issuer."""
    if current_app.config.get("ENV_MODE") == "production":
        return False
    configured = current_app.config.get("OIDC_ISSUER")
    if not configured:
        return current_app.config.get("ENV_MODE") == "development"
    host = (urlsplit(configured).hostname or "").lower()
    return host in LOOPBACK_HOSTS or host.startswith("127.")


def client():
    """The Authlib client for the broker, registered on first use; None when not configured."""
    oauth: OAuth = current_app.extensions["resident_oauth"]
    found = oauth.create_client(CLIENT_NAME)
    if found is not None:
        return found
    url = issuer()
    if not url:
        return None
    config = current_app.config
    oauth.register(
        name=CLIENT_NAME,
        client_id=config["OIDC_CLIENT_ID"],
        # The loopback development provider accepts any secret, but not an empty one.
        client_secret=config.get("OIDC_CLIENT_SECRET")
        or ("" if config.get("OIDC_ISSUER") else "development-test-provider"),
        server_metadata_url=f"{url}/.well-known/openid-configuration",
        client_kwargs={
            "scope": config.get("OIDC_SCOPES") or "openid",
            "code_challenge_method": "S256",
        },
    )
    return oauth.create_client(CLIENT_NAME)


def redirect_to_broker(redirect_uri: str):
    """The redirect to the broker's log-in (Authlib adds state, nonce and the PKCE challenge)."""
    return client().authorize_redirect(redirect_uri)


def _claims_options(broker) -> dict:
    """What the ID token must say. Authlib checks the audience only when told to: without
    this, a token for another client that names us in `azp` would pass."""
    return {
        "iss": {"essential": True, "values": [broker.load_server_metadata()["issuer"]]},
        "aud": {"essential": True, "values": [current_app.config["OIDC_CLIENT_ID"]]},
        "exp": {"essential": True},
        "sub": {"essential": True},
    }


@dataclass(frozen=True)
class Login:
    bsn: str  # the person at the keyboard (with DigiD Machtigen: the authorizee)
    representee: str | None = None  # DigiD Machtigen: the person they act for
    service_id: str | None = None  # DigiD Machtigen: the service the authorisation is for


def claim(claims: dict, path: str | None):
    """A claim by name, or by a dotted path into nested claims ("gemachtigde.bsn")."""
    value = claims
    for part in (path or "").split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def bsn_from_callback() -> str:
    """Check the callback and return the resident's BSN, or raise LoginFailed."""
    return login_from_callback().bsn


def login_from_callback() -> Login:
    """Check the callback and return who logged in (and for whom, with DigiD Machtigen), or
    raise LoginFailed.

    DigiD Machtigen through the broker (as Open Formulieren's `digid_machtigen` OIDC plugin
    reads it): the ID token carries the representee's BSN, the authorizee's BSN and the
    service id, in claims named by OIDC_REPRESENTEE_CLAIM, OIDC_AUTHORIZEE_CLAIM and
    OIDC_SERVICE_ID_CLAIM. Both BSNs must pass the 11-check and differ, and the service must
    be one of DIGID_MACHTIGEN_SERVICES; anything else is refused, never read as a plain log-in."""
    broker = client()
    if broker is None:
        raise LoginFailed("invalid", "no broker configured")
    try:
        token = broker.authorize_access_token(claims_options=_claims_options(broker))
    except OAuthError as error:
        if error.error == "access_denied":
            raise LoginFailed("cancelled") from error
        raise LoginFailed("invalid", f"{error.error}: {error.description}") from error
    except (JoseError, RequestException, ValueError) as error:
        raise LoginFailed("invalid", repr(error)) from error
    claims = token.get("userinfo")
    if not claims:  # no ID token: nothing was validated, so nothing is believed
        raise LoginFailed("invalid", "no id_token in the token response")
    config = current_app.config
    representee = claim(claims, config.get("OIDC_REPRESENTEE_CLAIM") or "representee_bsn")
    if representee is not None:
        return _machtigen(claims, representee)
    value = claims.get(config.get("OIDC_BSN_CLAIM") or "bsn")
    if not isinstance(value, str) or not is_valid_bsn(value):
        raise LoginFailed("no_bsn")
    return Login(normalise_bsn(value))


def _machtigen(claims: dict, representee) -> Login:
    config = current_app.config
    authorizee = claim(claims, config.get("OIDC_AUTHORIZEE_CLAIM") or "authorizee_bsn")
    service = claim(claims, config.get("OIDC_SERVICE_ID_CLAIM") or "service_id")
    for value in (representee, authorizee):
        if not isinstance(value, str) or not is_valid_bsn(value):
            raise LoginFailed("machtiging", "no valid BSN for the representee or authorizee")
    if normalise_bsn(representee) == normalise_bsn(authorizee):
        raise LoginFailed("machtiging", "representee and authorizee are the same person")
    if not isinstance(service, str) or service not in (
        config.get("DIGID_MACHTIGEN_SERVICES") or {}
    ):
        raise LoginFailed("machtiging", "unknown DigiD Machtigen service")
    return Login(normalise_bsn(authorizee), normalise_bsn(representee), service)


def end_session_endpoint() -> str | None:
    """The broker's `end_session_endpoint`, or None (not advertised, or no metadata)."""
    broker = client()
    if broker is None:
        return None
    try:
        metadata = broker.load_server_metadata()
    except (RequestException, ValueError) as error:
        log.info("broker metadata not loaded for log-out: %r", error)
        return None
    endpoint = metadata.get("end_session_endpoint")
    if not isinstance(endpoint, str):
        return None
    scheme = urlsplit(endpoint).scheme
    if scheme != "https" and not (scheme == "http" and is_test_login()):
        return None
    return endpoint


def end_session_url(endpoint: str, post_logout_redirect_uri: str, state: str) -> str:
    """The broker's log-out URL with our client id, where to come back, and the state."""
    parts = urlsplit(endpoint)
    query = parse_qsl(parts.query, keep_blank_values=True)
    query += [
        ("client_id", current_app.config["OIDC_CLIENT_ID"]),
        ("post_logout_redirect_uri", post_logout_redirect_uri),
        ("state", state),
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))


def form_action_source() -> str | None:
    """The broker's origin for the CSP's form-action: the log-out button posts to us and we
    redirect to the broker, and browsers check every redirect of a form post against
    form-action. The metadata is fetched once per process (Authlib keeps it)."""
    endpoint = end_session_endpoint()
    if endpoint is None:
        return None
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"
