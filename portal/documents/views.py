"""The document pages (docs/documents.md):

- staff (nested in /medewerkers by `create_app`): the household's documents and "ask for a
  document" (contact person), the household's post register (contact person and team lead;
  never the front desk), and downloads (the contact person, audited);
- residents (nested in /mijn): their own documents, what the municipality asks for, upload;
- the front desk (/balie/documenten): documents a walk-in resident brings, for an intake this
  employee sent at the desk today.

Every download is `Content-Disposition: attachment`, `nosniff`, `no-store`, with a CSP that
runs nothing: a file is never shown inside our site.
"""

from __future__ import annotations

import io
from datetime import timedelta

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    redirect,
    render_template,
    send_file,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal import clock, rulebook
from portal.documents import access, service, uploads
from portal.documents.forms import (
    DIRECTIONS,
    ORGANISATIONS,
    DeskUploadForm,
    PostForm,
    RequestForm,
    ResidentUploadForm,
)
from portal.documents.models import (
    DESK,
    POST_PURPOSE,
    RESIDENT,
    Document,
    DocumentRequest,
    PostItem,
)
from portal.dutch_time import today
from portal.extensions import db
from portal.households import access as household_access
from portal.models import Household, HouseholdMember, Intake
from portal.residents import mine
from portal.residents.session import resident_required
from portal.security import accepts_files, no_store
from portal.services import documents as document_services
from portal.staff.forms import ButtonForm
from portal.staff.session_guard import role_required

staff_bp = Blueprint("documents", __name__)  # nested in /medewerkers
resident_bp = Blueprint("documents", __name__, url_prefix="/documenten")  # nested in /mijn
desk_bp = Blueprint("desk_documents", __name__, url_prefix="/balie/documenten")
desk_bp.after_request(no_store)

CONTACT_PERSON, TEAM_LEAD, FRONT_DESK = "contact_person", "team_lead", "front_desk"
DESK_HOURS = 12  # the desk adds documents to an intake it sent today, not to older files


def purpose_label(purpose: str) -> str:
    if purpose == POST_PURPOSE:
        return _("Post van het huishouden")
    regime = rulebook.in_force().regimes.get(purpose)
    return regime.name.get(str(get_locale() or "nl")) if regime is not None else purpose


def download(document: Document):
    """The file as an attachment, never shown in the page: the browser saves it."""
    data = service.read(document)
    response = send_file(
        io.BytesIO(data),
        mimetype=document.content_type,
        as_attachment=True,
        download_name=f"document-{document.id}.{document.storage_key.rsplit('.', 1)[-1]}",
        max_age=0,
    )
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _errors(form) -> list[tuple[str | None, str]]:
    return [(field.id, field.errors[0]) for field in form if field.errors]


# -- staff: the household's documents -------------------------------------------------------------


def _contact_household(household_id: int) -> Household:
    """The household, for its own contact person only (anyone else: 404, audited)."""
    household, role = household_access.household_or_404(household_id)
    if role != CONTACT_PERSON:
        household_access.audit(
            "refused", f"documents:{household_id}", household_id=household_id, role=None
        )
        db.session.commit()
        abort(404)
    return household


def _applicants(household: Household) -> list[tuple[str, str]]:
    found = {}
    for intake in household.intakes:
        member = intake.applicant_member()
        if member is not None:
            name = " ".join(p for p in (member.given_name, member.family_name) if p)
            found[str(member.id)] = name or _("Aanvrager")
    return list(found.items())


def _request_form(household: Household) -> RequestForm:
    form = RequestForm()
    form.member.choices = _applicants(household)
    form.purpose.choices = [
        (p, purpose_label(p)) for p in service.regimes_of_household(household.id)
    ]
    return form


def _staff_documents_page(household: Household, form: RequestForm, status: int = 200):
    purposes = service.staff_purposes(household.id)
    documents = service.documents_of(household.id, purposes=purposes - {POST_PURPOSE})
    return render_template(
        "documents/staff.html",
        household=household,
        documents=documents,
        requests=service.requests_of(household.id),
        members={m.id: m for m in household.members},
        form=form,
        purpose_label=purpose_label,
        error_list=_errors(form),
    ), status


@staff_bp.get("/huishoudens/<int:household_id>/documenten")
@role_required(CONTACT_PERSON)
def household_documents(household_id: int):
    household = _contact_household(household_id)
    household_access.audit(
        "read", f"documents:{household_id}", household_id=household_id, role=CONTACT_PERSON
    )
    db.session.commit()
    return _staff_documents_page(household, _request_form(household))


@staff_bp.post("/huishoudens/<int:household_id>/documenten/vragen")
@role_required(CONTACT_PERSON)
def ask(household_id: int):
    household = _contact_household(household_id)
    form = _request_form(household)
    if not form.validate():
        return _staff_documents_page(household, form, 400)
    if form.due_on.data < today():
        form.due_on.errors = [_("De datum ligt in het verleden.")]
        return _staff_documents_page(household, form, 400)
    asked = document_services.ask(
        household_id,
        member_id=int(form.member.data),
        purpose=form.purpose.data,
        what=form.what.data,
        why=form.why.data,
        due_on=form.due_on.data,
        staff_id=current_user.id,
    )
    household_access.audit(
        "change", f"document_request:{asked.id}", household_id=household_id, role=CONTACT_PERSON
    )
    db.session.commit()
    flash(_("De vraag staat op Mijn aanvraag. De inwoner krijgt een bericht dat er nieuws is."))
    return redirect(url_for("staff.documents.household_documents", household_id=household_id), 303)


@staff_bp.get("/huishoudens/<int:household_id>/documenten/<int:document_id>")
@role_required(CONTACT_PERSON, TEAM_LEAD, "admin")
def staff_download(household_id: int, document_id: int):
    document = db.session.get(Document, document_id)
    if document is None or document.household_id != household_id:
        abort(404)
    if not access.staff_may_open(document):
        access.audit_refused(document_id, household_id)
        db.session.commit()
        abort(404)
    access.audit_open(document)
    db.session.commit()
    return download(document)


# -- staff: the household's post register (issue #17) ---------------------------------------------


def _post_page(household: Household, role: str, form: PostForm, status: int = 200, problems=()):
    items = service.post_of(household.id)
    return render_template(
        "documents/post.html",
        household=household,
        role=role,
        items=items,
        form=form,
        organisations=dict(ORGANISATIONS),
        directions=dict(DIRECTIONS),
        button=ButtonForm(),
        today=today(),
        limits={**service.limits(), "max_files": 1},
        megabytes=uploads.megabytes,
        error_list=_errors(form) + [(uploads.FIELD, p) for p in problems],
    ), status


@staff_bp.get("/huishoudens/<int:household_id>/post")
@role_required(CONTACT_PERSON, TEAM_LEAD)
def post_register(household_id: int):
    household, role = household_access.household_or_404(household_id, change=True)
    household_access.audit("read", f"post:{household_id}", household_id=household_id, role=role)
    db.session.commit()
    return _post_page(household, role, PostForm())


@staff_bp.post("/huishoudens/<int:household_id>/post")
@accepts_files
@role_required(CONTACT_PERSON, TEAM_LEAD)
def register_post(household_id: int):
    household, role = household_access.household_or_404(household_id, change=True)
    form = PostForm()
    files = uploads.from_request()
    if not form.validate():
        return _post_page(household, role, form, 400)
    if len(files) > 1:
        return _post_page(household, role, form, 400, [_("Kies één bestand per brief.")])
    try:
        item, result = document_services.register_post(
            household_id,
            dated_on=form.dated_on.data,
            direction=form.direction.data,
            organisation=form.organisation.data,
            organisation_name=form.organisation_name.data,
            subject=form.subject.data,
            action=form.action.data,
            action_due_on=form.action_due_on.data,
            staff_id=current_user.id,
            upload=files[0] if files else None,
        )
    except service.TooMany as error:
        db.session.rollback()
        return _post_page(household, role, form, 400, [uploads.too_many_text(error)])
    if item is None:
        db.session.rollback()
        problems = [
            m + " " + _("De brief is nog niet vastgelegd.") for m in uploads.refusals(result)
        ]
        return _post_page(household, role, form, 400, problems)
    household_access.audit("change", f"post_item:{item.id}", household_id=household_id, role=role)
    db.session.commit()
    flash(_("De brief staat in de post van het huishouden."))
    return redirect(url_for("staff.documents.post_register", household_id=household_id), 303)


@staff_bp.post("/huishoudens/<int:household_id>/post/<int:item_id>/afgehandeld")
@role_required(CONTACT_PERSON, TEAM_LEAD)
def post_done(household_id: int, item_id: int):
    household, role = household_access.household_or_404(household_id, change=True)
    item = db.session.get(PostItem, item_id)
    if item is None or item.household_id != household.id or not ButtonForm().validate():
        abort(404)
    if item.action_done_at is None:
        document_services.post_action_done(item)
        household_access.audit(
            "change", f"post_item:{item.id}", household_id=household_id, role=role
        )
        db.session.commit()
        flash(_("De actie is afgehandeld."))
    return redirect(url_for("staff.documents.post_register", household_id=household_id), 303)


# -- residents: Mijn aanvraag → Documenten --------------------------------------------------------


def _my_members(bsn: str) -> list[HouseholdMember]:
    households = mine.household_ids(bsn)
    if not households:
        return []
    return list(
        db.session.scalars(
            select(HouseholdMember).where(
                HouseholdMember.bsn == bsn, HouseholdMember.household_id.in_(households)
            )
        )
    )


def _resident_choices(bsn: str, members: list[HouseholdMember]) -> list[tuple[str, str]]:
    """Open requests to this resident first, then the regimes of the applications they sent."""
    choices = []
    for member in members:
        for asked in service.requests_of(
            member.household_id, member_ids=[member.id], open_only=True
        ):
            choices.append(
                (
                    f"vraag-{asked.id}",
                    _(
                        "Gevraagd: %(what)s (uiterlijk %(date)s)",
                        what=asked.what,
                        date=asked.due_on.strftime("%d-%m-%Y"),
                    ),
                )
            )
    for member in members:
        household = db.session.get(Household, member.household_id)
        hidden = mine.hidden_members(household, bsn)
        regimes = set()
        for intake in household.intakes:
            if not mine.sent_by(intake, household, bsn):
                continue
            for regime, local_id in service.outcomes_of_intake(intake):
                about = intake.household_member(local_id)
                if regime == mine.YOUTH_REGIME and about is not None and about.id in hidden:
                    continue  # a 16+ youth's own youth care: not even its regime (issue #12)
                regimes.add(regime)
        for regime in sorted(regimes):
            choices.append((f"regeling-{member.household_id}-{regime}", purpose_label(regime)))
    return choices


def _resident_page(form: ResidentUploadForm, members, status: int = 200, problems=()):
    documents = []
    requests = []
    for member in members:
        documents += service.documents_of(member.household_id, member_id=member.id)
        requests += service.requests_of(member.household_id, member_ids=[member.id])
    items = _errors(form) + [(uploads.FIELD, p) for p in problems]
    return render_template(
        "documents/mine.html",
        form=form,
        documents=documents,
        requests=requests,
        purpose_label=purpose_label,
        limits=service.limits(),
        megabytes=uploads.megabytes,
        error_list=items,
    ), status


@resident_bp.get("/")
@resident_required
def mine_page():
    members = _my_members(g.resident_bsn)
    form = ResidentUploadForm()
    form.purpose.choices = _resident_choices(g.resident_bsn, members)
    return _resident_page(form, members)


@resident_bp.post("/")
@accepts_files
@resident_required
def upload():
    bsn = g.resident_bsn
    members = _my_members(bsn)
    form = ResidentUploadForm()
    form.purpose.choices = _resident_choices(bsn, members)
    files = uploads.from_request()
    if not form.validate():
        return _resident_page(form, members, 400)
    if not files:
        return _resident_page(form, members, 400, [_("Kies een bestand.")])
    target = _resident_target(form.purpose.data, members)
    if target is None:
        abort(404)
    member, purpose, request_id = target
    try:
        result = service.store(
            member.household_id,
            files,
            purpose=purpose,
            source=RESIDENT,
            member_id=member.id,
            request_id=request_id,
            description=form.description.data,
        )
    except service.TooMany as error:
        db.session.rollback()
        return _resident_page(form, members, 400, [uploads.too_many_text(error)])
    db.session.commit()
    if result.refused:
        kept = [d.original_name for d in result.stored]
        problems = uploads.refusals(result)
        if kept:
            flash(_("Bewaard: %(names)s.", names=", ".join(kept)), "info")
        return _resident_page(form, members, 400, problems)
    flash(
        _("Dank u wel. Wij hebben uw document bewaard. Uw contactpersoon kan het nu lezen."),
        "info",
    )
    return redirect(url_for("residents.documents.mine_page"), 303)


def _resident_target(choice: str, members: list[HouseholdMember]):
    """(member, purpose, request id) for the chosen option; None when it is not theirs."""
    by_household = {m.household_id: m for m in members}
    if choice.startswith("vraag-") and choice[6:].isdigit():
        asked = db.session.get(DocumentRequest, int(choice[6:]))
        if asked is None:
            return None
        member = next((m for m in members if m.id == asked.member_id), None)
        return (member, asked.purpose, asked.id) if member else None
    parts = choice.split("-", 2)
    if len(parts) == 3 and parts[0] == "regeling" and parts[1].isdigit():
        member = by_household.get(int(parts[1]))
        return (member, parts[2], None) if member else None
    return None


@resident_bp.get("/<int:document_id>")
@resident_required
def resident_download(document_id: int):
    document = db.session.get(Document, document_id)
    if document is None or not access.resident_may_open(document, _my_members(g.resident_bsn)):
        abort(404)
    return download(document)


# -- the front desk: documents a walk-in resident brings ------------------------------------------


def _desk_intakes() -> list[Intake]:
    since = clock.now() - timedelta(hours=DESK_HOURS)
    return list(
        db.session.scalars(
            select(Intake)
            .where(Intake.acting_staff_id == current_user.id, Intake.submitted_at >= since)
            .order_by(Intake.submitted_at.desc())
        )
    )


def _desk_intake(reference: str) -> Intake:
    intake = next((i for i in _desk_intakes() if i.reference == reference), None)
    if intake is None:
        abort(404)  # someone else's, older, or unknown: the same answer
    return intake


@desk_bp.get("/")
@role_required(FRONT_DESK)
def desk_index():
    return render_template("documents/desk_index.html", intakes=_desk_intakes())


def _desk_page(intake: Intake, form: DeskUploadForm, status: int = 200, problems=()):
    documents = list(
        db.session.scalars(
            select(Document)
            .where(Document.intake_id == intake.id, Document.source == DESK)
            .order_by(Document.id)
        )
    )
    return render_template(
        "documents/desk_upload.html",
        intake=intake,
        form=form,
        documents=documents,
        purpose_label=purpose_label,
        limits=service.limits(),
        megabytes=uploads.megabytes,
        error_list=_errors(form) + [(uploads.FIELD, p) for p in problems],
    ), status


def _desk_form(intake: Intake) -> DeskUploadForm:
    form = DeskUploadForm()
    form.purpose.choices = [(r, purpose_label(r)) for r in service.regimes_of_intake(intake)]
    return form


@desk_bp.get("/<reference>")
@role_required(FRONT_DESK)
def desk_upload_page(reference: str):
    intake = _desk_intake(reference)
    return _desk_page(intake, _desk_form(intake))


@desk_bp.post("/<reference>")
@accepts_files
@role_required(FRONT_DESK)
def desk_upload(reference: str):
    intake = _desk_intake(reference)
    form = _desk_form(intake)
    files = uploads.from_request()
    if not form.validate():
        return _desk_page(intake, form, 400)
    if not files:
        return _desk_page(intake, form, 400, [_("Kies een bestand.")])
    member = intake.applicant_member()
    try:
        result = service.store(
            intake.household_id,
            files,
            purpose=form.purpose.data,
            source=DESK,
            member_id=member.id if member else None,
            intake_id=intake.id,
            staff_id=current_user.id,
            description=form.description.data,
        )
    except service.TooMany as error:
        db.session.rollback()
        return _desk_page(intake, form, 400, [uploads.too_many_text(error)])
    for document in result.stored:
        household_access.audit(
            "change", f"document:{document.id}", household_id=intake.household_id, role=FRONT_DESK
        )
    db.session.commit()
    if result.refused:
        return _desk_page(intake, form, 400, uploads.refusals(result))
    flash(_("Bewaard. De contactpersoon kan het document nu lezen."), "info")
    return redirect(url_for("desk_documents.desk_upload_page", reference=reference), 303)
