"""Beheer: list staff, add a staff member with roles, disable and enable accounts."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.extensions import db
from portal.models import StaffMember
from portal.staff import passwords, session_guard
from portal.staff.forms import ButtonForm, NewStaffForm
from portal.staff.session_guard import role_required
from portal.staff.views import bp


@bp.get("/beheer")
@role_required("admin")
def staff_list():
    people = db.session.scalars(select(StaffMember).order_by(StaffMember.display_name)).all()
    return render_template(
        "staff/admin/list.html",
        people=people,
        button=ButtonForm(),
        labels=session_guard.role_labels(),
    )


@bp.route("/beheer/nieuw", methods=["GET", "POST"])
@role_required("admin")
def staff_new():
    form = NewStaffForm()
    if request.method == "POST" and form.validate():
        email = form.email.data.strip().lower()
        if db.session.scalars(select(StaffMember).where(StaffMember.email == email)).first():
            form.email.errors.append(_("Er is al een medewerker met dit e-mailadres."))
        else:
            db.session.add(
                StaffMember(
                    email=email,
                    display_name=form.display_name.data.strip(),
                    roles=",".join(r for r in session_guard.ROLES if r in form.roles.data),
                    password_hash=passwords.hash_password(form.password.data),
                    active=True,
                )
            )
            db.session.commit()
            flash(
                _("Medewerker toegevoegd. Bij de eerste keer inloggen koppelt hij of zij een app.")
            )
            return redirect(url_for("staff.staff_list"), code=303)
    items = [(field.id, field.errors[0]) for field in form if field.errors]
    return render_template("staff/admin/new.html", form=form, error_list=items), (
        400 if items else 200
    )


def _set_active(staff_id: int, active: bool):
    form = ButtonForm()
    person = db.session.get(StaffMember, staff_id)
    if person is None:
        abort(404)
    if not form.validate():
        return redirect(url_for("staff.staff_list"), code=303)
    if person.id == current_user.id and not active:
        flash(_("U kunt uw eigen account niet uitschakelen."), "warning")
        return redirect(url_for("staff.staff_list"), code=303)
    person.active = active
    if not active:
        session_guard.end_all_sessions(person)  # logged out everywhere, at once
    db.session.commit()
    message = _("%(name)s kan weer inloggen.") if active else _("%(name)s kan niet meer inloggen.")
    flash(message % {"name": person.display_name})
    return redirect(url_for("staff.staff_list"), code=303)


@bp.post("/beheer/<int:staff_id>/uitschakelen")
@role_required("admin")
def staff_disable(staff_id: int):
    return _set_active(staff_id, False)


@bp.post("/beheer/<int:staff_id>/inschakelen")
@role_required("admin")
def staff_enable(staff_id: int):
    return _set_active(staff_id, True)
