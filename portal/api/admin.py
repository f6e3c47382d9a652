"""Beheer of API clients: list, create (the token is shown once, on the answer to the post;
never in a flash message, which would put it in the session cookie) and revoke."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import StringField
from wtforms.validators import InputRequired, Length

from portal.api import tokens
from portal.api.models import ApiClient
from portal.extensions import db
from portal.intake_form.fields import MultiCheckbox
from portal.staff.forms import ButtonForm
from portal.staff.session_guard import role_required

bp = Blueprint("api_clients", __name__)


class NewClientForm(FlaskForm):
    name = StringField(
        _l("Naam van het systeem"),
        [InputRequired(_l("Vul de naam van het systeem in.")), Length(max=100)],
        description=_l("Bijvoorbeeld: intake-app van de welzijnsorganisatie."),
    )
    scopes = MultiCheckbox(
        _l("Rechten (scopes)"),
        [InputRequired(_l("Kies minstens één recht."))],
        choices=[(scope, scope) for scope in tokens.SCOPES],
    )


def _page(form: NewClientForm, *, new_token: str | None = None, status: int = 200):
    clients = db.session.scalars(select(ApiClient).order_by(ApiClient.created_at.desc())).all()
    errors = [(field.id, field.errors[0]) for field in form if field.errors]
    return render_template(
        "api/clients.html",
        clients=clients,
        form=form,
        button=ButtonForm(),
        scopes=tokens.SCOPES,
        new_token=new_token,
        error_list=errors,
    ), (400 if errors else status)


@bp.get("/beheer/api-koppelingen")
@role_required("admin")
def clients():
    return _page(NewClientForm(formdata=None))


@bp.post("/beheer/api-koppelingen")
@role_required("admin")
def create():
    form = NewClientForm()
    if not form.validate():
        return _page(form)
    made = tokens.create_client(form.name.data, form.scopes.data, created_by_id=current_user.id)
    db.session.commit()
    return _page(NewClientForm(formdata=None), new_token=made.token, status=201)


@bp.post("/beheer/api-koppelingen/<int:client_id>/intrekken")
@role_required("admin")
def revoke(client_id: int):
    client = db.session.get(ApiClient, client_id)
    if client is None:
        abort(404)
    if ButtonForm().validate():
        tokens.revoke(client, revoked_by_id=current_user.id)
        db.session.commit()
        flash(_("Het token van %(name)s werkt niet meer.", name=client.name))
    return redirect(url_for("staff.api_clients.clients"), code=303)
