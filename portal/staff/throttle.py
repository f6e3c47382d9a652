"""Login throttling per account and per IP address (state in the database, not in memory).

Defaults: 5 failures per account or 20 per IP address within 15 minutes block further tries
until the oldest failure in the window is older than 15 minutes. An office behind one
address gets more room than one account. Settings: STAFF_LOGIN_MAX_PER_ACCOUNT,
STAFF_LOGIN_MAX_PER_IP, STAFF_LOGIN_WINDOW_MINUTES.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from flask import current_app, request
from sqlalchemy import delete, func, select

from portal import clock
from portal.extensions import db
from portal.staff.models import LoginFailure

KEEP = timedelta(days=1)


def account_key(email: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, email.strip().lower().encode(), hashlib.sha256).hexdigest()


def client_ip() -> str:
    # Behind a load balancer, wrap the app in werkzeug's ProxyFix so this is the client's.
    return (request.remote_addr or "unknown")[:45]


def _window() -> timedelta:
    return timedelta(minutes=int(current_app.config.get("STAFF_LOGIN_WINDOW_MINUTES", 15)))


def blocked(email: str) -> bool:
    since = clock.now() - _window()
    per_account = db.session.scalar(
        select(func.count(LoginFailure.id)).where(
            LoginFailure.account_key == account_key(email), LoginFailure.at > since
        )
    )
    if per_account >= int(current_app.config.get("STAFF_LOGIN_MAX_PER_ACCOUNT", 5)):
        return True
    per_ip = db.session.scalar(
        select(func.count(LoginFailure.id)).where(
            LoginFailure.ip_address == client_ip(), LoginFailure.at > since
        )
    )
    return per_ip >= int(current_app.config.get("STAFF_LOGIN_MAX_PER_IP", 20))


def record_failure(email: str) -> None:
    moment = clock.now()
    db.session.execute(delete(LoginFailure).where(LoginFailure.at < moment - KEEP))
    db.session.add(LoginFailure(account_key=account_key(email), ip_address=client_ip(), at=moment))
    db.session.commit()


def forget_account(email: str) -> None:
    """After a complete log-in the account starts with a clean slate (the IP count stays)."""
    db.session.execute(delete(LoginFailure).where(LoginFailure.account_key == account_key(email)))
    db.session.commit()
