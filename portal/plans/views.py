"""The plan workspace: /medewerkers/huishoudens/<id>/plan (endpoints staff.plans.*).

Access exactly as the household file (portal.households.access): the household's contact
person and the lead of its team read and change; an admin with a logged reason reads; anyone
else gets 404 (a role that never opens a household: 403). Every read, change and export writes
an audit row.
"""

from __future__ import annotations

from functools import wraps

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    get_flashed_messages,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from portal import dutch_time
from portal.dutch_time import parse_date
from portal.extensions import db
from portal.households import access
from portal.models import Household
from portal.plans import forms, labels, overview, sections, service, snapshot
from portal.plans.models import PlanVersion
from portal.services import plans as plan_changes
from portal.staff import versions as record_versions
from portal.staff.session_guard import role_required

# Nested in the staff blueprint by create_app: endpoints staff.plans.*, URLs under /medewerkers.
bp = Blueprint("plans", __name__)

FILE_ROLES = ("contact_person", "team_lead", "admin")
CHANGE_ROLES = ("contact_person", "team_lead")

# section (URL part) → its Section (form, load and save), in the order of the plan
SECTIONS = sections.BY_KEY


def _to_plan(household_id: int, anchor: str | None = None):
    url = url_for("staff.plans.page", household_id=household_id)
    return redirect(f"{url}#{anchor}" if anchor else url, code=303)


def _readable(view):
    """A page that reads the plan: the view gets `household` and the `role` it is read through.
    An admin without a logged reason is sent to the reason page first; anyone else who may not
    open the household gets 404 (portal.households.access)."""

    @wraps(view)
    def wrapper(household_id: int, **values):
        if current_user.has_role("admin") and access.role_for(household_id) is None:
            if db.session.get(Household, household_id) is None:
                abort(404)
            return redirect(url_for("staff.households.reason", household_id=household_id))
        household, role = access.household_or_404(household_id)
        return view(household_id=household_id, household=household, role=role, **values)

    return wrapper


def _errors(form) -> list[tuple[str, str]]:
    items = []

    def walk(field):
        if field.type in ("FieldList",):
            for entry in field.entries:
                walk(entry)
        elif field.type == "FormField":
            for sub in field.form:
                walk(sub)
        elif field.errors:
            message = field.errors[0]
            items.append((field.id, message if isinstance(message, str) else str(message)))

    for field in form:
        walk(field)
    return items


def _context(household, plan) -> dict:
    provisions = snapshot.provision_rows(plan, household, list(household.intakes))
    return {
        "household": household,
        "plan": plan,
        "provision_rows": provisions,
        "provisions": {
            str(p["outcome_id"]): {**p, "deadline_date": parse_date(p["deadline"])}
            for p in provisions
        },
        "previous": snapshot.previous_scores(household.id),
        "labels": labels,
        "money": overview.money,
    }


def _render(household, role, plan):
    """The overview: per section a summary, a status and a link to change it."""
    context = _context(household, plan)
    live = snapshot.build(plan, draft=True)
    versions = service.issued_versions(household.id)
    today = dutch_time.today()
    return render_template(
        "plans/page.html",
        role=role,
        live=live,
        sections=overview.sections(live, context["provision_rows"], today),
        evaluation=overview.evaluation(live, today),
        saved=[c[6:] for c, _m in get_flashed_messages(with_categories=True) if c[:6] == "saved:"],
        versions=versions,
        next_number=(versions[0].number if versions else 0) + 1,
        **context,
    )


def _unfinished(household, plan) -> list[tuple[str, str]]:
    """The sections that are empty or only partly filled in (and a date in the past), by
    name, so the issue page can warn before a version with empty parts is frozen (issue #13)."""
    context = _context(household, plan)
    live = snapshot.build(plan, draft=True)
    today = dutch_time.today()
    found = overview.sections(live, context["provision_rows"], today)
    found.append(overview.evaluation(live, today))
    return [(s.title, s.status_label) for s in found if s.status != "done"]


def _render_section(household, plan, section, form=None, errors=None, status=200, saved=None):
    """One section's own page: its form, with what was typed and the error summary; `saved`:
    the section as saved now, shown beside the form after a conflicting save."""
    context = _context(household, plan)
    if form is None:
        form = SECTIONS[section].saved_form(plan, context["provision_rows"])
    if section == "leefgebieden" and context["previous"]:
        number = service.issued_versions(household.id)[0].number
        for key, score in context["previous"].items():
            form[f"{key}_score"].description = _(
                "Vorige score: %(score)s (versie %(number)s)", score=score, number=number
            )
    return render_template(
        "plans/section.html",
        section=section,
        title=SECTIONS[section].title,
        form=form,
        saved=saved,
        error_list=errors or [],
        **context,
    ), status


@bp.get("/huishoudens/<int:household_id>/plan")
@role_required(*FILE_ROLES)
@_readable
def page(household_id: int, household: Household, role: str):
    plan = service.plan_for(household_id)
    access.audit("read", f"plan:household:{household_id}", household_id=household_id, role=role)
    db.session.commit()
    if plan is None:
        return render_template(
            "plans/none.html",
            household=household,
            role=role,
            button=forms.ButtonForm(formdata=None),
            has_intake=bool(household.intakes),
        )
    return _render(household, role, plan)


@bp.post("/huishoudens/<int:household_id>/plan/maken")
@role_required(*CHANGE_ROLES)
def create(household_id: int):
    household, role = access.household_or_404(household_id, change=True)
    if not forms.ButtonForm().validate():
        abort(400)
    if service.plan_for(household_id) is None and household.intakes:
        for intake in sorted(household.intakes, key=lambda i: i.id):
            plan = service.on_intake(intake)
        access.audit("change", f"plan:{plan.id}", household_id=household_id, role=role)
        db.session.commit()
    return _to_plan(household_id)


def _section_or_404(household_id: int, section: str):
    """The household, the role and the plan, for changing one of its sections."""
    household, role = access.household_or_404(household_id, change=True)
    plan = service.plan_for(household_id)
    if plan is None or section not in SECTIONS:
        abort(404)
    return household, role, plan


@bp.get("/huishoudens/<int:household_id>/plan/<section>")
@role_required(*CHANGE_ROLES)
def section_page(household_id: int, section: str):
    household, role, plan = _section_or_404(household_id, section)
    access.audit("read", f"plan:{plan.id}:{section}", household_id=household_id, role=role)
    db.session.commit()
    return _render_section(household, plan, section)


@bp.post("/huishoudens/<int:household_id>/plan/<section>")
@role_required(*CHANGE_ROLES)
def save(household_id: int, section: str):
    household, role, plan = _section_or_404(household_id, section)
    part = SECTIONS[section]
    form = part.posted_form()
    if part.is_list and request.form.get("action") == "add":
        form.rows.append_entry(part.new_row())
        return _render_section(household, plan, section, form)
    valid = form.validate()
    valid = part.check(form) and valid
    if not valid:
        if "csrf_token" in form.errors:
            abort(400)
        errors = _errors(form)
        return _render_section(household, plan, section, form, errors, 400)
    if record_versions.stale(plan.revision):
        # Someone saved this plan after this form was opened: keep what was typed, show what is
        # saved now beside it, and let the user save again on the current revision (issue #14).
        provisions = _context(household, plan)["provision_rows"]
        saved = record_versions.form_items(part.saved_form(plan, provisions, prefix="opgeslagen"))
        message = _(
            "Iemand anders heeft het plan intussen veranderd. Uw tekst staat hieronder nog. "
            "Vergelijk met wat nu is opgeslagen, neem over wat u wilt houden en sla opnieuw op."
        )
        return _render_section(household, plan, section, form, [(None, message)], 409, saved=saved)
    plan_changes.save(plan, **part.save(form, household_id))
    access.audit("change", f"plan:{plan.id}:{section}", household_id=household_id, role=role)
    db.session.commit()
    flash(_("Opgeslagen: %(section)s.", section=part.title), f"saved:{section}")
    return _to_plan(household_id, section)


@bp.get("/huishoudens/<int:household_id>/plan/voorbeeld")
@role_required(*FILE_ROLES)
@_readable
def preview(household_id: int, household: Household, role: str):
    plan = service.plan_for(household_id)
    if plan is None:
        abort(404)
    document = snapshot.build(plan, draft=True)
    access.audit("read", f"plan:{plan.id}:preview", household_id=household_id, role=role)
    db.session.commit()
    return render_template("plans/document.html", household=household, document=document)


@bp.route("/huishoudens/<int:household_id>/plan/uitgeven", methods=["GET", "POST"])
@role_required(*CHANGE_ROLES)
def issue(household_id: int):
    household, role = access.household_or_404(household_id, change=True)
    plan = service.plan_for(household_id)
    if plan is None:
        abort(404)
    versions = service.issued_versions(household_id)
    next_number = (versions[0].number if versions else 0) + 1
    form = forms.IssueForm()
    if request.method == "GET":
        access.audit("read", f"plan:{plan.id}:issue", household_id=household_id, role=role)
        db.session.commit()
        form.number.data = str(next_number)
        return render_template(
            "plans/issue.html",
            household=household,
            form=form,
            number=next_number,
            revision=plan.revision or 0,
            unfinished=_unfinished(household, plan),
        )
    if not form.validate() or not (form.number.data or "").isdigit():
        abort(400)
    promised = int(form.number.data)
    if promised < next_number:
        # The same button pressed twice: that version exists already.
        flash(_("Versie %(number)s is al uitgegeven.", number=promised))
        return _to_version(household_id, promised)
    if promised != next_number:
        abort(400)
    if record_versions.stale(plan.revision):
        # changed after the issuer opened this page: the version would hold text they never saw
        flash(
            _(
                "Het plan is veranderd nadat u deze pagina opende. Bekijk het concept opnieuw "
                "en geef het dan uit."
            ),
            "warning",
        )
        return redirect(url_for("staff.plans.issue", household_id=household_id), code=303)
    try:
        version = plan_changes.issue(plan, current_user, number=promised)
        access.audit("change", f"plan_version:{version.id}", household_id=household_id, role=role)
        db.session.commit()
    except (IntegrityError, service.VersionExists):
        db.session.rollback()
        flash(_("Versie %(number)s is al uitgegeven.", number=promised))
        return _to_version(household_id, promised)
    flash(_("Versie %(number)s is uitgegeven.", number=version.number))
    return _to_version(household_id, version.number)


def _to_version(household_id: int, number: int):
    return redirect(
        url_for("staff.plans.version", household_id=household_id, number=number), code=303
    )


def _version_or_404(household_id: int, number: int) -> PlanVersion:
    version = service.version_of(household_id, number)
    if version is None:
        abort(404)
    return version


@bp.get("/huishoudens/<int:household_id>/plan/versies/<int:number>")
@role_required(*FILE_ROLES)
@_readable
def version(household_id: int, number: int, household: Household, role: str):
    found = _version_or_404(household_id, number)
    access.audit("read", f"plan_version:{found.id}", household_id=household_id, role=role)
    db.session.commit()
    return render_template(
        "plans/version.html",
        household=household,
        role=role,
        version=found,
        document=found.snapshot,
        agreement_form=forms.AgreementForm(formdata=None),
        channel_labels=labels.CHANNEL_LABELS,
    )


@bp.get("/huishoudens/<int:household_id>/plan/versies/<int:number>/docx")
@role_required(*FILE_ROLES)
@_readable
def download(household_id: int, number: int, household: Household, role: str):
    found = _version_or_404(household_id, number)
    from portal.plans.render_docx import DOCX_MEDIA_TYPE, docx_bytes

    content = docx_bytes(found.snapshot, found.snapshot.get("language") or "nl")
    access.audit("export", f"plan_version:{found.id}:docx", household_id=household_id, role=role)
    db.session.commit()
    name = f"ondersteuningsplan-{household_id}-versie-{number}.docx"
    return Response(
        content,
        mimetype=DOCX_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.post("/huishoudens/<int:household_id>/plan/versies/<int:number>/akkoord")
@role_required(*CHANGE_ROLES)
def agree(household_id: int, number: int):
    household, role = access.household_or_404(household_id, change=True)
    found = _version_or_404(household_id, number)
    form = forms.AgreementForm()
    if not form.validate():
        if "csrf_token" in form.errors:
            abort(400)
        return render_template(
            "plans/version.html",
            household=household,
            role=role,
            version=found,
            document=found.snapshot,
            agreement_form=form,
            channel_labels=labels.CHANNEL_LABELS,
            error_list=_errors(form),
        ), 400
    try:
        service.record_agreement(found, channel=form.channel.data, staff_id=current_user.id)
    except service.AgreementRefused:
        db.session.rollback()
        flash(_("Het akkoord op deze versie is al vastgelegd."), "warning")
        return _to_version(household_id, number)
    access.audit("change", f"plan_version:{found.id}:agreed", household_id=household_id, role=role)
    db.session.commit()
    flash(_("Het akkoord van de inwoner is vastgelegd."))
    return _to_version(household_id, number)
