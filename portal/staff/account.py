"""Password care: a staff member changes their own password; an admin makes a one-time reset
code for someone else, to hand over in person; the code sets a new password.

- Change: current password + the new one twice, the same rules as always
  (`passwords.problems`). A wrong current password counts as a failed log-in (throttling).
  Every other session of the account ends; this one continues with a fresh session.
- Reset by an admin: the old password stops working and every session of the account ends at
  once. The code (16 characters, 80 bits) is shown once; only a keyed hash is stored. It works
  once, for STAFF_RESET_HOURS (default 24), and a newer code voids older ones. If the admin
  ticks "ook tweede factor opnieuw instellen", using the code also unlinks the app, so the next
  log-in links it again.
- Using the code (public page, e-mail + code + new password twice) is throttled like log-in:
  a wrong code counts as a failed log-in for that address and for the IP address.
- Every step writes a row to the account log (`staff_account_event`): who, whose account,
  what, when, from where; never a password or code.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import timedelta

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select, update

from portal import clock
from portal.extensions import db
from portal.models import StaffMember
from portal.staff import auth, passwords, session_guard, throttle
from portal.staff.forms import ChangePasswordForm, IssueResetForm, UseResetForm
from portal.staff.models import AccountEvent, PasswordReset
from portal.staff.session_guard import public, role_required
from portal.staff.views import bp

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed by hand
CODE_LENGTH = 16


def log(action: str, staff_id: int, actor_id: int | None) -> None:
    db.session.add(
        AccountEvent(
            at=clock.now(),
            staff_id=staff_id,
            actor_id=actor_id,
            action=action,
            ip=throttle.client_ip(),
        )
    )


def _errors(form, refused: str | None = None) -> list:
    items = [(None, refused)] if refused else []
    return items + [(field.id, field.errors[0]) for field in form if field.errors]


@bp.route("/wachtwoord", methods=["GET", "POST"])
@role_required()
def change_password():
    form = ChangePasswordForm()
    refused, status = None, 200
    user = current_user._get_current_object()
    if request.method == "POST" and form.validate():
        if throttle.blocked(user.email):
            refused, status = auth._too_many(), 429
        elif not passwords.verify(user.password_hash, form.current.data):
            throttle.record_failure(user.email)
            form.current.errors.append(_("Dit is niet uw huidige wachtwoord."))
            status = 400
        else:
            found = passwords.problems(form.new.data, email=user.email, name=user.display_name)
            if form.new.data == form.current.data:
                found = [_("Kies een ander wachtwoord dan uw huidige.")]
            if found:
                form.new.errors.append(found[0])
                status = 400
            else:
                user.password_hash = passwords.hash_password(form.new.data)
                session_guard.end_all_sessions(user)  # every other device is logged out
                log("password_changed", user.id, user.id)
                db.session.commit()
                session_guard.start(user)  # this browser goes on with a fresh session
                flash(_("Uw wachtwoord is gewijzigd. Op andere apparaten bent u uitgelogd."))
                return redirect(url_for("staff.home"), code=303)
    elif form.errors:
        status = 400
    errors = _errors(form, refused)
    return render_template("staff/password.html", form=form, error_list=errors), status


def _code_hash(code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"reset\0" + _normalise(code).encode(), hashlib.sha256).hexdigest()


def _normalise(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").upper()


def reset_hours() -> int:
    return int(current_app.config.get("STAFF_RESET_HOURS", 24))


def issue_reset(person: StaffMember, *, by: StaffMember, reset_totp: bool) -> tuple[str, object]:
    """A new code for `person` (returned once, never stored); the caller commits."""
    moment = clock.now()
    db.session.execute(
        update(PasswordReset)
        .where(PasswordReset.staff_id == person.id, PasswordReset.used_at.is_(None))
        .values(expires_at=moment)
        .execution_options(synchronize_session=False)
    )
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    expires = moment + timedelta(hours=reset_hours())
    db.session.add(
        PasswordReset(
            staff_id=person.id,
            code_hash=_code_hash(code),
            created_by_id=by.id,
            created_at=moment,
            expires_at=expires,
            reset_totp=reset_totp,
        )
    )
    person.password_hash = None  # the old password stops working now
    session_guard.end_all_sessions(person)
    log("password_reset_issued_totp" if reset_totp else "password_reset_issued", person.id, by.id)
    return "-".join(code[i : i + 4] for i in range(0, CODE_LENGTH, 4)), expires


@bp.route("/beheer/<int:staff_id>/wachtwoord-herstellen", methods=["GET", "POST"])
@role_required("admin")
def staff_reset(staff_id: int):
    person = db.session.get(StaffMember, staff_id)
    if person is None:
        abort(404)
    if person.id == current_user.id:
        flash(_("Uw eigen wachtwoord wijzigt u zelf, met uw huidige wachtwoord."), "warning")
        return redirect(url_for("staff.change_password"), code=303)
    form = IssueResetForm()
    if request.method == "POST" and form.validate():
        code, expires = issue_reset(person, by=current_user, reset_totp=bool(form.reset_totp.data))
        db.session.commit()
        return render_template(
            "staff/admin/reset_code.html",
            person=person,
            code=code,
            expires=_dutch_time(expires),
            reset_totp=bool(form.reset_totp.data),
            hours=reset_hours(),
        )
    return render_template(
        "staff/admin/reset.html", form=form, person=person, hours=reset_hours(), error_list=[]
    )


def _dutch_time(moment) -> str:
    """The moment as people in the Netherlands read it, in the page's language."""
    when = format_datetime(moment, "d MMMM y, HH:mm")  # Flask-Babel: in BABEL_DEFAULT_TIMEZONE
    return f"{when} ({_('Nederlandse tijd')})"


def _valid_reset(person: StaffMember | None, code: str) -> PasswordReset | None:
    if person is None or not person.active:
        return None
    return db.session.scalars(
        select(PasswordReset).where(
            PasswordReset.code_hash == _code_hash(code),
            PasswordReset.staff_id == person.id,
            PasswordReset.used_at.is_(None),
            PasswordReset.expires_at > clock.now(),
        )
    ).first()


@bp.route("/wachtwoord-herstellen", methods=["GET", "POST"])
@public
def use_reset():
    form = UseResetForm()
    refused, status = None, 200
    if request.method == "POST" and form.validate():
        email = form.email.data.strip().lower()
        if throttle.blocked(email):
            refused, status = auth._too_many(), 429
        else:
            person = auth._find(email)
            reset = _valid_reset(person, form.code.data)
            if reset is None:
                throttle.record_failure(email)
                refused, status = (
                    _(
                        "Deze herstelcode klopt niet, is al gebruikt of is verlopen. "
                        "Vraag het beheer om een nieuwe code."
                    ),
                    400,
                )
            elif found := passwords.problems(
                form.new.data, email=person.email, name=person.display_name
            ):
                form.new.errors.append(found[0])
                status = 400
            elif _use(reset, person, form.new.data):
                throttle.forget_account(email)
                if reset.reset_totp:
                    message = _(
                        "Uw nieuwe wachtwoord is ingesteld. Log in. Daarna koppelt u de app "
                        "voor de code opnieuw."
                    )
                else:
                    message = _("Uw nieuwe wachtwoord is ingesteld. Log in.")
                flash(message)
                return redirect(url_for("staff.login"), code=303)
            else:  # the same code used at the same moment elsewhere
                refused, status = _("Deze herstelcode is al gebruikt."), 400
    elif form.errors:
        status = 400
    errors = _errors(form, refused)
    return render_template("staff/reset.html", form=form, error_list=errors), status


def _use(reset: PasswordReset, person: StaffMember, new_password: str) -> bool:
    """One conditional UPDATE: of two requests with the same code, only one sets a password."""
    moment = clock.now()
    result = db.session.execute(
        update(PasswordReset)
        .where(PasswordReset.id == reset.id, PasswordReset.used_at.is_(None))
        .values(used_at=moment)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.rollback()
        return False
    person.password_hash = passwords.hash_password(new_password)
    session_guard.end_all_sessions(person)
    if reset.reset_totp:
        person.totp_secret = None
        person.totp_confirmed = False
        person.totp_last_step = None
    log("password_reset_used", person.id, None)
    db.session.commit()
    return True
