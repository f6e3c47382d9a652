"""Log in (password, then a TOTP code; enrol the app the first time), log out, staff start page."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from sqlalchemy import or_, select, update

from portal import clock
from portal.extensions import db
from portal.models import StaffMember
from portal.staff import passwords, session_guard, throttle, totp
from portal.staff.forms import ButtonForm, CodeForm, LoginForm
from portal.staff.session_guard import public, role_required
from portal.staff.views import bp

PENDING = "staff_pending"  # password accepted, code still to come
PENDING_SECONDS = 10 * 60  # time to type the code, or to set up the app the first time


def _too_many() -> str:
    return _(
        "Er is te vaak een verkeerd wachtwoord of een verkeerde code ingevuld. "
        "Probeer het over 15 minuten opnieuw. Lukt het dan niet? Vraag het beheer om hulp."
    )


def _find(email: str) -> StaffMember | None:
    return db.session.scalars(select(StaffMember).where(StaffMember.email == email)).first()


@bp.route("/inloggen", methods=["GET", "POST"])
@public
def login():
    form = LoginForm()
    refused, status = None, 200
    if request.method == "POST" and form.validate():
        email = form.email.data.strip().lower()
        if throttle.blocked(email):
            refused, status = _too_many(), 429
        else:
            user = _find(email)
            if (
                passwords.verify(user.password_hash if user else None, form.password.data)
                and user is not None
                and user.active
            ):
                if passwords.needs_rehash(user.password_hash or ""):
                    user.password_hash = passwords.hash_password(form.password.data)
                    db.session.commit()
                target = session_guard.safe_next(request.args.get("volgende"))
                session.clear()  # nothing from before the password survives
                session[PENDING] = {
                    "id": user.id,
                    "gen": user.session_generation,
                    "at": clock.now().timestamp(),
                    "next": target,
                }
                step = "staff.code" if user.totp_confirmed else "staff.enrol"
                return redirect(url_for(step), code=303)
            throttle.record_failure(email)
            refused, status = _("Het e-mailadres of het wachtwoord klopt niet."), 400
    elif form.errors:
        status = 400
    return _page("staff/login.html", form, refused, status)


def _page(template: str, form, refused: str | None, status: int, **extra):
    items = [(None, refused)] if refused else []
    items += [(field.id, field.errors[0]) for field in form if field.errors]
    return render_template(template, form=form, error_list=items, **extra), status


def _pending_user() -> StaffMember | None:
    pending = session.get(PENDING) or {}
    user = db.session.get(StaffMember, pending["id"]) if pending.get("id") else None
    fresh = clock.now().timestamp() - pending.get("at", 0) <= PENDING_SECONDS
    if (
        user is None
        or not user.active
        or not fresh
        or pending.get("gen") != user.session_generation
    ):
        session.pop(PENDING, None)
        return None
    return user


def _start_again():
    flash(_("Log opnieuw in met uw e-mailadres en wachtwoord."), "info")
    return redirect(url_for("staff.login"), code=303)


def _accept_code(user: StaffMember, code: str) -> bool:
    """One atomic update: of two requests with the same code, only one gets in."""
    secret = totp.reveal(user.totp_secret)
    step = totp.matching_step(secret or "", code, user.totp_last_step)
    if step is None:
        return False
    values = {"totp_last_step": step, "totp_confirmed": True}
    if totp.is_plain(user.totp_secret):
        values["totp_secret"] = totp.seal(secret)  # stored before encryption: encrypt it now
    result = db.session.execute(
        update(StaffMember)
        .where(
            StaffMember.id == user.id,
            or_(StaffMember.totp_last_step.is_(None), StaffMember.totp_last_step < step),
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    db.session.refresh(user)
    return result.rowcount == 1


def _code_step(user: StaffMember, form: CodeForm) -> tuple[str | None, int]:
    """Check the posted code; (message, status) when it is refused."""
    if throttle.blocked(user.email):
        return _too_many(), 429
    if not _accept_code(user, form.code.data):
        throttle.record_failure(user.email)
        return _(
            "Deze code klopt niet of is al gebruikt. Wacht op de volgende code in uw app."
        ), 400
    return None, 200


def _complete(user: StaffMember):
    target = (session.get(PENDING) or {}).get("next")
    throttle.forget_account(user.email)
    session_guard.start(user)  # clears the session, fresh nonce
    return redirect(target or url_for("staff.home"), code=303)


@bp.route("/code", methods=["GET", "POST"])
@public
def code():
    user = _pending_user()
    if user is None:
        return _start_again()
    if not user.totp_confirmed:
        return redirect(url_for("staff.enrol"), code=303)
    form = CodeForm()
    refused, status = None, 200
    if request.method == "POST" and form.validate():
        refused, status = _code_step(user, form)
        if refused is None:
            return _complete(user)
    elif form.errors:
        status = 400
    return _page("staff/code.html", form, refused, status)


@bp.route("/koppelen", methods=["GET", "POST"])
@public
def enrol():
    """First log-in: link an authenticator app (QR code or the key typed in), then a code."""
    user = _pending_user()
    if user is None:
        return _start_again()
    if user.totp_confirmed:
        return redirect(url_for("staff.code"), code=303)
    secret = totp.reveal(user.totp_secret)
    if not secret:
        secret = totp.new_secret()
        user.totp_secret = totp.seal(secret)
        db.session.commit()
    form = CodeForm()
    refused, status = None, 200
    if request.method == "POST" and form.validate():
        refused, status = _code_step(user, form)
        if refused is None:
            flash(_("Uw app is gekoppeld. Voortaan vraagt de portal bij het inloggen een code."))
            return _complete(user)
    elif form.errors:
        status = 400
    uri = totp.provisioning_uri(secret, user.email)
    return _page(
        "staff/enrol.html",
        form,
        refused,
        status,
        qr=totp.qr_svg(uri),
        key=totp.grouped(secret),
    )


@bp.post("/uitloggen")
@role_required()
def logout():
    form = ButtonForm()
    if not form.validate():
        return redirect(url_for("staff.home"), code=303)
    session_guard.end_all_sessions(current_user)
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("U bent uitgelogd."), "info")
    return redirect(url_for("staff.login"), code=303)


@bp.get("/")
@role_required()
def home():
    labels = session_guard.role_labels()
    roles = sorted(str(labels.get(role, role)) for role in current_user.role_set)
    return render_template("staff/home.html", logout_form=ButtonForm(), roles=roles)
