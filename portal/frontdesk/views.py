"""Front-desk routes: start a form with a resident, pick up one's own open form again, record
identity and agreement, and close after sending. Every route needs the front_desk role."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.drafts import OPEN, Draft
from portal.extensions import db
from portal.frontdesk import lookup as resident_lookup
from portal.frontdesk.forms import FinishForm, LookupForm, document_labels
from portal.intake import journey, store
from portal.security import no_store
from portal.services import front_desk
from portal.staff.forms import ButtonForm
from portal.staff.session_guard import role_required

bp = Blueprint("frontdesk", __name__, url_prefix="/balie")
bp.after_request(no_store)

FRONT_DESK = front_desk.FRONT_DESK


@bp.app_context_processor
def dense_layout() -> dict:
    """Intake pages of a front-desk draft use the dense layout."""
    draft = g.get("draft")
    return {"dense": bool(draft is not None and draft.channel == "front_desk")}


def _own_open_drafts() -> list[Draft]:
    return list(
        db.session.scalars(
            select(Draft)
            .where(
                Draft.acting_staff_id == current_user.id,
                Draft.channel == FRONT_DESK,
                Draft.status == OPEN,
                Draft.expires_at > store.now(),
            )
            .order_by(Draft.updated_at.desc())
        )
    )


@bp.get("/")
@role_required(FRONT_DESK)
def index():
    drafts = [(draft, _applicant_name(draft)) for draft in _own_open_drafts()]
    return render_template("frontdesk/index.html", drafts=drafts, form=ButtonForm())


def _applicant_name(draft: Draft) -> str:
    applicant = store.context(draft).applicant or {}
    return " ".join(p for p in (applicant.get("given_name"), applicant.get("family_name")) if p)


@bp.post("/nieuw")
@role_required(FRONT_DESK)
def new():
    if not ButtonForm().validate():
        return redirect(url_for("frontdesk.index"), code=303)
    draft = store.create(channel=FRONT_DESK)
    draft.acting_staff_id = current_user.id
    db.session.commit()
    session.permanent = False  # a staff session ends with the browser (store.create made it 2 h)
    return redirect(journey.resume_url(store.context(draft)), code=303)


@bp.post("/<public_id>/openen")
@role_required(FRONT_DESK)
def reopen(public_id: str):
    draft = next((d for d in _own_open_drafts() if d.public_id == public_id), None)
    if draft is None:
        abort(404)  # someone else's, sent, expired or unknown: the same answer
    if not ButtonForm().validate():
        return redirect(url_for("frontdesk.index"), code=303)
    store.remember(draft)
    session.permanent = False
    return redirect(journey.resume_url(store.context(draft)), code=303)


def _current_own_draft() -> Draft | None:
    draft = store.current()  # 403 for a front-desk draft of someone else
    if draft is None or draft.status != OPEN or draft.channel != FRONT_DESK:
        return None
    return draft


@bp.route("/afronden", methods=["GET", "POST"])
@role_required(FRONT_DESK)
def finish():
    """Before sending: the identity check and the resident's agreement."""
    draft = _current_own_draft()
    if draft is None:
        flash(_("Er is geen open aanvraag aan de balie. Begin een nieuwe."), "warning")
        return redirect(url_for("frontdesk.index"), code=303)
    recorded = front_desk.facts(draft) or {}
    form = FinishForm(
        data={
            "identity_document": recorded.get("identity_document"),
            "identity_checked": bool(recorded),
            "resident_agreed": bool(recorded),
        }
    )
    if request.method == "POST" and form.validate():
        moment = store.now().isoformat()
        draft.state = {
            **(draft.state or {}),
            front_desk.STATE_KEY: {
                "identity_document": form.identity_document.data,
                "identity_checked_at": moment,
                "resident_agreed_at": moment,
            },
        }
        db.session.commit()
        return redirect(url_for("intake.check"), code=303)
    items = [(field.id, field.errors[0]) for field in form if field.errors]
    status = 400 if items else 200
    return render_template("frontdesk/finish.html", form=form, error_list=items), status


@bp.post("/klaar")
@role_required(FRONT_DESK)
def done():
    """Close the form on this screen (after sending, or to help the next resident)."""
    if ButtonForm().validate():
        store.forget()
    return redirect(url_for("frontdesk.index"), code=303)


@bp.app_context_processor
def front_desk_context() -> dict:
    return {"document_labels": document_labels}


@bp.route("/inwoner-zoeken", methods=["GET", "POST"])
@role_required(FRONT_DESK)
def lookup():
    """Whom to call for a resident at the desk; a protected household says so, nothing more."""
    form = LookupForm()
    found, searched = None, False
    if request.method == "POST" and form.validate():
        found = resident_lookup.by_bsn(form.bsn.data)
        searched = True
    status = 400 if form.errors else 200
    items = [(form.bsn.id, form.bsn.errors[0])] if form.bsn.errors else []
    return render_template(
        "frontdesk/lookup.html", form=form, found=found, searched=searched, error_list=items
    ), status


@bp.route("/machtiging", methods=["GET", "POST"])
@role_required(FRONT_DESK)
def representation():
    """A written authorisation registered at the desk (issue #19), after checking the
    representative's ID and seeing the authorisation. The desk does not see the file: the
    resident is named by BSN and must have one (a verified member). In a protected household
    the desk registers nothing (an authorisation could be forced at home): the contact person
    does, after talking with the resident alone."""
    from portal.households import access, sensitivity
    from portal.households import representation as rep
    from portal.households.assignment import log
    from portal.households.forms import (
        DeskRepresentationForm,
        check_representation,
        representation_choices,
    )
    from portal.models import HouseholdMember

    form = representation_choices(DeskRepresentationForm())
    refused = None
    if request.method == "POST" and form.validate():
        from catalogue.values import normalise_bsn

        subject = normalise_bsn(form.subject_bsn.data or "")
        member = db.session.scalars(
            select(HouseholdMember)
            .where(HouseholdMember.bsn == subject, HouseholdMember.identity_verified.is_(True))
            .order_by(HouseholdMember.id)
        ).first()
        bsn = check_representation(form, subject)
        if member is None:
            form.subject_bsn.errors.append(
                _("Er is geen dossier bij dit BSN. Een machtiging kan pas als er een dossier is.")
            )
        elif sensitivity.protected(member.household):
            refused = _(
                "Leg deze machtiging niet aan de balie vast. Bel de contactpersoon of het team."
            )
        if refused is None and not any(f.errors for f in form):
            row = rep.register(
                member,
                representative_bsn=bsn,
                representative_name=form.representative_name.data.strip(),
                kind=form.kind.data,
                what=set(form.actions.data),
                regime_ids=set(form.regimes.data),
                starts_on=form.starts_on.data,
                ends_on=form.ends_on.data,
                id_checked=form.id_checked.data,
                staff_id=current_user.id,
            )
            log(
                member.household_id,
                current_user.id,
                "consent",
                f"Schriftelijke machtiging aan de balie ({row.kind}) tot en met "
                f"{row.ends_on.isoformat()}",
            )
            access.append(
                "change",
                f"representation:{row.id}",
                household_id=member.household_id,
                staff_id=current_user.id,
                role=FRONT_DESK,
            )
            db.session.commit()
            flash(_("De machtiging is vastgelegd."), "info")
            return redirect(url_for("frontdesk.representation"), code=303)
    items = [(None, refused)] if refused else []
    items += [(field.id, field.errors[0]) for field in form if field.errors]
    return render_template("frontdesk/representation.html", form=form, error_list=items), (
        400 if items else 200
    )
