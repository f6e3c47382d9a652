"""Resident sessions, as strict as staff sessions but without TOTP.

At log-in the whole Flask session is cleared (this also ends a staff session in the same
browser: one person per browser) and gets a fresh random token and nonce. The cookie holds
only the token; the server keeps `resident_session` (the token's SHA-256, the BSN, log-in time,
last request, ended). Every request checks on the server: the row exists and has not ended,
idle ≤ RESIDENT_IDLE_MINUTES (15), since log-in ≤ RESIDENT_MAX_HOURS (2). Log-out ends the
row, so a copied cookie stops working. The BSN is never in the cookie.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from functools import wraps

from flask import current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from sqlalchemy import delete, select

from portal import clock
from portal.dutch_time import aware
from portal.extensions import db
from portal.residents.models import ResidentSession

TOKEN, NONCE = "resident_token", "resident_nonce"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(bsn: str, acting_for_id: int | None = None) -> None:
    """A new session: nothing from before the log-in survives (no fixation, no staff mix).
    `acting_for_id`: the representation a DigiD Machtigen log-in established (issue #19)."""
    session.clear()
    token = secrets.token_urlsafe(32)
    moment = clock.now()
    # Rows of sessions long over (ended or timed out) are not kept: they hold a BSN.
    db.session.execute(
        delete(ResidentSession).where(ResidentSession.seen_at < moment - timedelta(days=1))
    )
    db.session.add(
        ResidentSession(
            token_hash=_hash(token),
            bsn=bsn,
            started_at=moment,
            seen_at=moment,
            acting_for_id=acting_for_id,
        )
    )
    db.session.commit()
    session.permanent = False
    session[TOKEN] = token
    session[NONCE] = secrets.token_urlsafe(32)


def end() -> None:
    """Log out: the server-side row ends, then the cookie is emptied."""
    row = _row()
    if row is not None and row.ended_at is None:
        row.ended_at = clock.now()
        db.session.commit()
    session.clear()


def _row() -> ResidentSession | None:
    token = session.get(TOKEN)
    if not token or not isinstance(token, str):
        return None
    return db.session.scalars(
        select(ResidentSession).where(ResidentSession.token_hash == _hash(token))
    ).first()


def live_row() -> ResidentSession | None:
    """The live DigiD session of this browser, read without side effects (no time-out
    handling, no messages)."""
    row = _row()
    if row is None or row.ended_at is not None or not session.get(NONCE):
        return None
    moment = clock.now()
    idle = timedelta(minutes=int(current_app.config.get("RESIDENT_IDLE_MINUTES", 15)))
    longest = timedelta(hours=float(current_app.config.get("RESIDENT_MAX_HOURS", 2)))
    if moment - aware(row.seen_at) > idle or moment - aware(row.started_at) > longest:
        return None
    return row


def verified_bsn() -> str | None:
    """The BSN of a live DigiD session in this browser: the intake uses it to know who is
    applying (issue #12). Acting for someone else, the intake asks `acting.for_intake`."""
    row = live_row()
    return row.bsn if row is not None else None


def act_for(representation_id: int | None) -> None:
    """Start (or, with None, stop) acting for someone else in this session (issue #19)."""
    row = _row()
    if row is not None:
        row.acting_for_id = representation_id
        db.session.commit()


def current() -> ResidentSession | None:
    """The resident's live session for this request, or None (and why, as a flash message)."""
    row = _row()
    if row is None or row.ended_at is not None or not session.get(NONCE):
        if session.get(TOKEN):
            session.pop(TOKEN, None)
            session.pop(NONCE, None)
        return None
    moment = clock.now()
    idle = timedelta(minutes=int(current_app.config.get("RESIDENT_IDLE_MINUTES", 15)))
    longest = timedelta(hours=float(current_app.config.get("RESIDENT_MAX_HOURS", 2)))
    if moment - aware(row.seen_at) > idle:
        row.ended_at = moment
        db.session.commit()
        session.clear()
        flash(_("U bent uitgelogd, omdat u een tijd niets deed. Log opnieuw in."), "info")
        return None
    if moment - aware(row.started_at) > longest:
        row.ended_at = moment
        db.session.commit()
        session.clear()
        flash(_("U was lang ingelogd. Log voor de veiligheid opnieuw in."), "info")
        return None
    row.seen_at = moment
    db.session.commit()
    return row


def resident_required(view):
    """Logged-in residents only: anyone else goes to the resident log-in page (302)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        row = current()
        if row is None:
            if request.method == "GET" and not session.get("_flashes"):
                flash(_("Log in met DigiD om deze pagina te zien."), "info")
            return redirect(url_for("residents.login"), code=302)
        g.resident_bsn = row.bsn
        g.actor_bsn = row.bsn
        if row.acting_for_id is not None:
            refused = _acting(row)
            if refused is not None:
                return refused
        return view(*args, **kwargs)

    wrapper.resident_route = True  # read by the route matrix test
    return wrapper


def _acting(row: ResidentSession):
    """Acting for someone else (issue #19): the representation must still hold and allow this
    page; the file shown is then the represented person's. Returns a response to send instead
    of the page, or None."""
    from portal.residents import acting

    try:
        found = acting.load(row.acting_for_id, row.bsn)
    except acting.Refused as refused:
        row.acting_for_id = None
        db.session.commit()
        flash(refused.message, "warning")
        return redirect(url_for("residents.index"), code=303)
    g.acting = found
    g.resident_bsn = found.view_bsn or ""
    if request.endpoint in acting.ALWAYS:
        return None
    needed = acting.needs(request.endpoint, request.method)
    if needed is None or not found.allows(needed):
        return (
            render_template(
                "residents/not_in_scope.html",
                acting=found,
                needed=needed,
                needed_label=str(acting.rep.ACTIONS.get(needed, "")).lower() if needed else "",
            ),
            403,
        )
    return None


def public(view):
    """A resident route anyone may open (the log-in steps)."""
    view.public_resident_route = True
    return view
