"""Staff sessions: who is logged in, for how long, and who may open which page.

The session is Flask's signed cookie. At log-in it is cleared and gets a fresh random nonce
(no session fixation), the account's `session_generation`, the log-in time and the time of the
last request. Every request checks, on the server:

- the account still exists, is active and still has the same `session_generation` (log-out
  and disabling raise it, so a copied or replayed cookie stops working);
- idle timeout (STAFF_IDLE_MINUTES, default 20) and absolute timeout (STAFF_MAX_HOURS,
  default 8) since log-in.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from functools import wraps

from flask import abort, current_app, flash, g, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import LoginManager, current_user, login_user

from portal import clock
from portal.extensions import db
from portal.models import StaffMember
from portal.security import safe_local_path

# policy_officer (issue #18): owns the verordening, runs what-ifs and reads management figures;
# never a resident's file (only pseudonymous results, portal/insight/).
ROLES = ("front_desk", "contact_person", "team_lead", "ontschotter", "policy_officer", "admin")

NONCE, GENERATION, LOGIN_AT, SEEN_AT = "staff_nonce", "staff_gen", "staff_login_at", "staff_seen_at"

login_manager = LoginManager()
login_manager.session_protection = "strong"
login_manager.login_view = "staff.login"
login_manager.login_message = None  # our own message, in the page language (unauthorized)


def role_labels() -> dict[str, str]:
    return {
        "front_desk": _("Loket"),
        "contact_person": _("Contactpersoon"),
        "team_lead": _("Teamleider"),
        "ontschotter": _("Ontschotter"),
        "policy_officer": _("Beleidsmedewerker"),
        "admin": _("Beheer"),
    }


def idle_limit() -> timedelta:
    return timedelta(minutes=int(current_app.config.get("STAFF_IDLE_MINUTES", 20)))


def absolute_limit() -> timedelta:
    return timedelta(hours=float(current_app.config.get("STAFF_MAX_HOURS", 8)))


def start(user: StaffMember) -> None:
    """A new session for `user`: nothing from before the log-in survives."""
    session.clear()
    moment = clock.now().timestamp()
    login_user(user, remember=False, fresh=True)
    session.permanent = False  # the cookie ends with the browser; the limits above still hold
    session[NONCE] = secrets.token_urlsafe(32)
    session[GENERATION] = user.session_generation
    session[LOGIN_AT] = moment
    session[SEEN_AT] = moment


def end_all_sessions(user: StaffMember) -> None:
    """Every cookie issued to `user` so far stops working (log-out, disabling)."""
    user.session_generation = (user.session_generation or 0) + 1


@login_manager.user_loader
def load_user(user_id: str) -> StaffMember | None:
    user = db.session.get(StaffMember, int(user_id)) if str(user_id).isdigit() else None
    if (
        user is None
        or not user.active
        or not session.get(NONCE)
        or session.get(GENERATION) != user.session_generation
    ):
        session.clear()
        return None
    moment = clock.now().timestamp()
    login_at, seen_at = session.get(LOGIN_AT, 0), session.get(SEEN_AT, 0)
    if moment - seen_at > idle_limit().total_seconds():
        _expired(user)
        flash(_("U bent uitgelogd, omdat u een tijd niets deed. Log opnieuw in."), "info")
        return None
    if moment - login_at > absolute_limit().total_seconds():
        _expired(user)
        flash(_("U was lang ingelogd. Log voor de veiligheid opnieuw in."), "info")
        return None
    session[SEEN_AT] = moment
    return user


def _expired(user: StaffMember) -> None:
    """The session ran out; a form sent with it is kept for this person (portal/staff/kept.py)."""
    # the walk-in's form the front desk had open: session.clear() takes it off this browser
    draft_public_id = session.get("intake_draft")
    session.clear()
    g.staff_session_expired = True  # pages outside the staff blueprint send to the log-in too
    if request.method == "POST":
        from portal.staff import kept

        kept.keep(user.id, draft_public_id)


@login_manager.unauthorized_handler
def unauthorized():
    if g.get("kept_post_id"):
        flash(_("Log opnieuw in. Wat u net verstuurde, is bewaard."), "info")
        target = url_for("staff.kept_post", kept_id=g.kept_post_id)
        return redirect(url_for("staff.login", volgende=target), code=302)
    flash(_("Log in om deze pagina te zien."), "info")
    # Back to the page afterwards; not to a form post (that would be a GET on a POST route).
    target = request.full_path if request.query_string else request.path
    if request.method != "GET":
        return redirect(url_for("staff.login"), code=302)
    return redirect(url_for("staff.login", volgende=target), code=302)


# Only a path on this site after log-in (no open redirect); shared with the language switch.
safe_next = safe_local_path


def role_required(*roles: str):
    """Anonymous: to the log-in page (302). Logged in without one of `roles`: 403."""
    roles = roles or ROLES

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        wrapper.required_roles = roles  # read by the test that every staff route has a rule
        return wrapper

    return decorator


def public(view):
    """Mark a staff route that anyone may open (the log-in steps)."""
    view.public_staff_route = True
    return view
