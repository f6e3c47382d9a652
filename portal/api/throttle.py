"""A modest per-IP limit on anonymous screening (API_SCREENING_PER_MINUTE, default 30).

In memory, per process: enough to stop one script from using the engine as a free
calculation service, not a defence against a distributed attack (that is the reverse proxy's
job). Screening stores nothing, so a table for this would be the only write it makes."""

from __future__ import annotations

from collections import deque

from flask import current_app, request
from flask_babel import gettext as _

from portal import clock
from portal.api.problems import Problem

WINDOW_SECONDS = 60
EXTENSION_KEY = "api_screening_calls"


def check_screening() -> None:
    limit = int(current_app.config.get("API_SCREENING_PER_MINUTE", 30))
    calls: dict[str, deque] = current_app.extensions.setdefault(EXTENSION_KEY, {})
    now = clock.now().timestamp()
    # Behind a load balancer, wrap the app in werkzeug's ProxyFix so this is the client's.
    ip = (request.remote_addr or "unknown")[:45]
    seen = calls.setdefault(ip, deque())
    while seen and seen[0] <= now - WINDOW_SECONDS:
        seen.popleft()
    if len(seen) >= limit:
        wait = max(1, int(seen[0] + WINDOW_SECONDS - now) + 1)
        raise Problem(
            429,
            "te-veel-verzoeken",
            _("Er kwamen te veel verzoeken van dit adres. Probeer het over een minuut opnieuw."),
            headers={"Retry-After": str(wait)},
        )
    seen.append(now)
    if len(calls) > 10_000:  # forget idle addresses, so memory stays bounded
        for key in [k for k, v in calls.items() if not v or v[-1] <= now - WINDOW_SECONDS]:
            del calls[key]
