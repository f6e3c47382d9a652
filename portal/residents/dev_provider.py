"""A real OpenID Connect provider on loopback, for development and tests only.

`oidc-provider-mock` is a complete OIDC provider (discovery, authorization page, token
endpoint, JWKS, RS256-signed ID tokens). We serve it with werkzeug on 127.0.0.1 in a daemon
thread. In development (`make run` without OIDC_ISSUER) `identity.issuer()` starts one per
process on first use; production refuses to start without a real issuer
(`portal.config.check_production_safety`), and nothing here is reachable from there.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code="-", size="-") -> None:
        pass


@dataclass
class DevelopmentProvider:
    server: BaseWSGIServer
    thread: threading.Thread

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)


class NotInProduction(RuntimeError):
    """The development provider never runs in an app configured for production."""


def _refuse_in_production() -> None:
    from flask import current_app, has_app_context

    if has_app_context() and current_app.config.get("ENV_MODE") not in ("development", "test"):
        raise NotInProduction("the development DigiD provider runs in development and tests only")


def start(users: Sequence[tuple[str, dict]] = (), port: int = 0) -> DevelopmentProvider:
    """Serve the provider; `users` are (sub, claims) offered as one-click test log-ins.
    Refused inside an app configured for production."""
    _refuse_in_production()
    import oidc_provider_mock

    app = oidc_provider_mock.app(
        require_nonce=True,
        issue_refresh_token=False,
        user_claims=[oidc_provider_mock.User(sub=sub, claims=claims) for sub, claims in users],
    )
    server = make_server("127.0.0.1", port, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(
        target=server.serve_forever, name="oidc-development-provider", daemon=True
    )
    thread.start()
    return DevelopmentProvider(server, thread)


_lock = threading.Lock()
_development: DevelopmentProvider | None = None


def development_provider(users: Sequence[tuple[str, dict]]) -> DevelopmentProvider:
    """The one development provider of this (development) process, started on first use."""
    global _development
    _refuse_in_production()
    with _lock:
        if _development is None:
            _development = start(users)
        return _development
