"""API tokens: made once, shown once, stored as a prefix and a SHA-256 hash; checked on every
call, with the scope the route needs.

A token reads `elk_<prefix>_<secret>`: the prefix (8 characters) finds the client's row, the
secret (43 characters, 256 random bits) proves it. The hash covers the whole token and is
compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from functools import wraps

from flask import g, request
from flask_babel import gettext as _
from sqlalchemy import select

from portal import clock
from portal.api.models import ApiClient
from portal.api.problems import Problem
from portal.extensions import db
from portal.households import access
from portal.households.models import REFUSED

TOKEN_LEAD = "elk_"  # noqa: S105  (the public start of every token, not a secret)

# One scope per purpose: a system gets only what its task needs (AVG doelbinding).
SCOPES = {
    "intakes:submit": "Een aanvraag indienen namens of samen met een inwoner",
    "households:read": "Een huishouden en zijn leden lezen",
    "outcomes:read": "De uitkomsten (regelingen en termijnen) van een huishouden lezen",
    "plans:read": "De uitgegeven versies van het ondersteuningsplan lezen",
}


@dataclass(frozen=True)
class NewToken:
    client: ApiClient
    token: str  # shown once, to the admin who made it; never stored


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_client(name: str, scopes: list[str], *, created_by_id: int | None) -> NewToken:
    """A new client with a fresh token (the caller commits)."""
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise ValueError(f"unknown scope(s): {', '.join(unknown)}")
    prefix = secrets.token_hex(4)
    token = f"{TOKEN_LEAD}{prefix}_{secrets.token_urlsafe(32)}"
    client = ApiClient(
        name=name.strip()[:100],
        scopes=" ".join(s for s in SCOPES if s in scopes),
        token_prefix=prefix,
        token_hash=hash_token(token),
        created_at=clock.now(),
        created_by_id=created_by_id,
    )
    db.session.add(client)
    db.session.flush()
    return NewToken(client, token)


def revoke(client: ApiClient, *, revoked_by_id: int | None) -> None:
    if client.revoked_at is None:
        client.revoked_at = clock.now()
        client.revoked_by_id = revoked_by_id


def _unauthorized(slug: str, detail: str, error: str | None = None) -> Problem:
    challenge = 'Bearer realm="eenloket-api"'
    if error:
        challenge += f', error="{error}"'
    return Problem(401, slug, detail, headers={"WWW-Authenticate": challenge})


def client_from_request() -> ApiClient:
    """The client whose token this request carries; a 401 problem otherwise."""
    header = request.headers.get("Authorization", "")
    scheme, _space, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorized(
            "geen-token",
            _("Stuur een token in de header Authorization: Bearer <token>."),
        )
    token = token.strip()
    prefix = token[len(TOKEN_LEAD) :].split("_", 1)[0] if token.startswith(TOKEN_LEAD) else ""
    client = (
        db.session.scalars(select(ApiClient).where(ApiClient.token_prefix == prefix)).first()
        if prefix
        else None
    )
    if (
        client is None
        or not hmac.compare_digest(client.token_hash, hash_token(token))
        or not client.active
    ):
        # One answer for unknown, wrong and revoked: the reply tells a guesser nothing.
        raise _unauthorized(
            "ongeldig-token",
            _("Dit token is onbekend of ingetrokken. Vraag beheer om een nieuw token."),
            "invalid_token",
        )
    return client


def scope_required(scope: str):
    """The route needs a valid token with `scope`: 401 without a good token, 403 without the
    scope (before anything is looked up, so a made-up id gets the same answer)."""
    if scope not in SCOPES:
        raise ValueError(scope)

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            client = client_from_request()
            g.api_client = client
            if scope not in client.scope_set:
                # a refusal leaves a trace, as a staff member's does (issue #14)
                audit(REFUSED, f"api:{request.endpoint}:{scope}", household_id=None)
                db.session.commit()
                raise Problem(
                    403,
                    "geen-recht",
                    _("Dit token heeft het recht %(scope)s niet.", scope=scope),
                    headers={
                        "WWW-Authenticate": f'Bearer realm="eenloket-api", '
                        f'error="insufficient_scope", scope="{scope}"'
                    },
                )
            client.last_used_at = clock.now()
            return view(*args, **kwargs)

        wrapper.required_scope = scope  # read by the test that every API route has a rule
        return wrapper

    return decorator


def public(view):
    """An API route anyone may call (the document, the docs page, anonymous screening)."""
    view.public_api_route = True
    return view


def audit(action: str, what: str, *, household_id: int | None) -> None:
    """One row in the households' audit trail for this client's call (the caller commits)."""
    client = g.get("api_client")
    if client is None:
        client = client_from_request()
    access.append(
        action,
        what,
        household_id=household_id,
        staff_id=None,
        role="api_client",
        acting_for=f"api_client:{client.id}",
    )
