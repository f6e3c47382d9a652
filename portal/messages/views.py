"""The pages: *Beheer → Berichten aan bewoners* (the outbox, admin only) and *Mijn aanvraag →
Berichten* (the resident's channels and every message to them)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal import clock
from portal.extensions import db
from portal.households import sensitivity
from portal.messages import outbox, recipients
from portal.messages.models import (
    AGREEMENT_DUE,
    CONTACT_PERSON,
    DOCUMENT_REQUESTED,
    EVALUATION_DUE,
    FAILED,
    INTAKE_RECEIVED,
    PLAN_ISSUED,
    SENT,
    SURVEY_INVITED,
    SURVEY_REMINDER,
    TERM_EXTENDED,
    Message,
    MessagePreference,
)
from portal.models import Household, Intake
from portal.residents import mine
from portal.residents.forms import ButtonForm as ResidentButton
from portal.residents.session import resident_required
from portal.staff.forms import ButtonForm
from portal.staff.session_guard import role_required

bp = Blueprint("messages", __name__)  # nested in the staff blueprint (/medewerkers)
resident_bp = Blueprint("messages", __name__, url_prefix="/berichten")  # nested in /mijn

EVENTS = {
    INTAKE_RECEIVED: _l("Aanvraag ontvangen"),
    CONTACT_PERSON: _l("Contactpersoon"),
    PLAN_ISSUED: _l("Plan klaar"),
    TERM_EXTENDED: _l("Termijn verlengd"),
    EVALUATION_DUE: _l("Evaluatie komt eraan"),
    AGREEMENT_DUE: _l("Afspraak komt eraan"),
    DOCUMENT_REQUESTED: _l("Document gevraagd"),
    SURVEY_INVITED: _l("Uitnodiging tevredenheidsonderzoek"),
    SURVEY_REMINDER: _l("Herinnering tevredenheidsonderzoek"),
}
STATES = {
    "pending": _l("wacht"),
    "sent": _l("verstuurd"),
    "failed": _l("mislukt"),
    "not_sent": _l("niet verstuurd"),
}


@bp.get("/beheer/berichten")
@role_required("admin")
def overview():
    """The outbox: what waits, failed (with the reason), was not sent (why) or was sent. No
    message text here: an admin needs the state, not the content."""
    shown = request.args.get("status")
    query = select(Message, Intake.reference).outerjoin(Intake, Intake.id == Message.intake_id)
    if shown in STATES:
        query = query.where(Message.state == shown)
    rows = db.session.execute(
        query.order_by(Message.created_at.desc(), Message.id.desc()).limit(200)
    )
    return render_template(
        "messages/overview.html",
        counts=outbox.counts(),
        rows=rows.all(),
        events=EVENTS,
        states=STATES,
        shown=shown,
        masked=recipients.masked,
        reason_text=recipients.reason_text,
        button=ButtonForm(),
    )


@bp.post("/beheer/berichten/<int:message_id>/opnieuw")
@role_required("admin")
def retry(message_id: int):
    if not ButtonForm().validate():
        abort(400)
    row = db.session.get(Message, message_id)
    if row is None:
        abort(404)
    if row.state == FAILED:
        outbox.retry_now(row)
        from portal.messages import dispatch

        dispatch.hand_over([row.id])
        flash(_("Opnieuw aangeboden. Ververs de pagina om het resultaat te zien."), "info")
    return redirect(url_for("staff.messages.overview"), code=303)


def _reach(bsn: str) -> dict:
    """What the resident gave in their latest intake, and whether their household is
    protected (then only a text message to the safe number goes out)."""
    households = [db.session.get(Household, h) for h in mine.household_ids(bsn)]
    found = {"email": None, "phone": None, "safe_phone": None, "protected": False}
    for household in households:
        found["protected"] |= sensitivity.protected(household)
        for member, intake in recipients.applicants(household):
            if member.bsn == bsn:
                contact = (intake.answers or {}).get("contact") or {}
                found["email"] = contact.get("email") or found["email"]
                found["phone"] = contact.get("phone") or found["phone"]
                if contact.get("may_leave_message") is True:
                    found["safe_phone"] = contact.get("safe_phone") or found["safe_phone"]
    return found


@resident_bp.route("/", methods=["GET", "POST"])
@resident_required
def mine_page():
    bsn = g.resident_bsn
    chosen = recipients.preference(bsn)
    reach = _reach(bsn)
    if request.method == "POST":
        if not ResidentButton().validate():
            abort(400)
        wanted = set(request.form.getlist("kanaal"))
        chosen = chosen or MessagePreference(bsn=bsn)
        chosen.email, chosen.sms = "email" in wanted, "sms" in wanted
        chosen.updated_at = clock.now()
        db.session.add(chosen)
        db.session.commit()
        if not wanted:
            flash(_("U krijgt geen berichten meer. Kijk zelf op Mijn aanvraag."), "info")
        else:
            flash(_("Wij hebben uw keuze bewaard."), "info")
        return redirect(url_for("residents.messages.mine_page"), code=303)
    member_ids = recipients.members_of(bsn, mine.household_ids(bsn))
    messages = (
        db.session.scalars(
            select(Message)
            .where(Message.member_id.in_(member_ids), Message.state.in_((SENT, "pending")))
            .order_by(Message.created_at.desc())
        ).all()
        if member_ids
        else []
    )
    email_on = chosen.email if chosen else True
    sms_on = chosen.sms if chosen else not reach["email"]
    if reach["protected"]:
        sms_on = chosen.sms if chosen else True
    # Someone acting for the resident (issue #19) sees the list of messages, never where they
    # went (address, number, the safe number) nor the choice; in a protected household not even
    # the list: when in doubt, do not show.
    acting = g.get("acting")
    representative = acting is not None and acting.representative
    if representative and reach["protected"]:
        messages = []
    return render_template(
        "messages/mine.html",
        representative=representative,
        email_on=email_on,
        sms_on=sms_on,
        reach=reach,
        masked=recipients.masked,
        messages=messages,
        states=STATES,
        channels=recipients.CHANNEL_LABELS,
        button=ResidentButton(),
    )
