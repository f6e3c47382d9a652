"""Caseload pages: the list (`/medewerkers/caseload`) and one outcome's status
(`/medewerkers/uitkomsten/<id>`). Only a contact person or team lead opens them; only the
household's assigned contact person sees or changes an outcome (others get 404, as for an
outcome that does not exist)."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal.caseload import bp, service
from portal.caseload.forms import StatusForm, status_labels, triage_labels
from portal.caseload.models import HouseholdOutcome
from portal.extensions import db
from portal.households.access import audit
from portal.services import rules
from portal.staff.session_guard import role_required

ROLES = ("contact_person", "team_lead")
ASSIGNED = "contact_person"  # the audit role: access comes from the contact assignment


def household_file_url(household_id: int) -> str:
    """The household file (portal/households): `/medewerkers/huishoudens/<id>`."""
    return f"{request.script_root}/medewerkers/huishoudens/{household_id}"


def regime_choices() -> dict[str, str]:
    """Regime id → name in the verordening in force (for the filter)."""
    verordening = rules.registry().for_date(service.today())
    lang = language()
    return {regime_id: regime.name.get(lang) for regime_id, regime in verordening.regimes.items()}


def language() -> str:
    return "en" if str(get_locale()) == "en" else "nl"


def _filters() -> service.Filters:
    args = request.args
    triage = args.get("triage") or None
    regime = args.get("regeling") or None
    if triage is not None and triage not in service.TRIAGES:
        abort(400)
    if regime is not None and regime not in regime_choices():
        abort(400)
    return service.Filters(
        urgent=args.get("spoed") == "1",
        overdue=args.get("te_laat") == "1",
        triage=triage,
        regime=regime,
    )


def _cursor() -> service.Cursor | None:
    text = request.args.get("na")
    if not text:
        return None
    try:
        return service.Cursor.decode(text)
    except ValueError:
        abort(400)


@bp.get("/caseload")
@role_required(*ROLES)
def index():
    filters = _filters()
    size = int(current_app.config.get("CASELOAD_PAGE_SIZE", service.PAGE_SIZE))
    page = service.caseload_page(current_user.id, filters, _cursor(), limit=size)
    kept = {
        key: value
        for key, value in (
            ("spoed", "1" if filters.urgent else None),
            ("te_laat", "1" if filters.overdue else None),
            ("triage", filters.triage),
            ("regeling", filters.regime),
        )
        if value
    }
    next_url = (
        url_for("staff.caseload.index", **kept, na=page.next_cursor.encode())
        if page.next_cursor
        else None
    )
    html = render_template(
        "caseload/index.html",
        page=page,
        filters=filters,
        first_url=url_for("staff.caseload.index", **kept) if request.args.get("na") else None,
        next_url=next_url,
        file_url=household_file_url,
        triage_labels=triage_labels(),
        regimes=regime_choices(),
        lang=language(),
    )
    # After rendering: a commit expires the loaded rows (the staff member in the menu too).
    audit("search", "caseload.index", household_id=None, role=ASSIGNED)
    db.session.commit()
    return html


def _own_outcome(outcome_id: int) -> HouseholdOutcome:
    # A change locks the row (PostgreSQL), so two clicks cannot both pass the transition check.
    outcome = db.session.get(HouseholdOutcome, outcome_id, with_for_update=request.method == "POST")
    if outcome is None or not service.is_assigned(outcome.household_id, current_user.id):
        abort(404)  # another contact person's household or no such outcome: the same answer
    return outcome


@bp.route("/uitkomsten/<int:outcome_id>", methods=["GET", "POST"])
@role_required(*ROLES)
def outcome(outcome_id: int):
    item = _own_outcome(outcome_id)
    labels = status_labels()
    form = StatusForm()
    form.status.choices = [(s, labels[s]) for s in service.TRANSITIONS[item.status]]
    if request.method == "POST":
        if form.validate():
            change = service.change_status(
                item, form.status.data, staff_id=current_user.id, note=form.note.data
            )
            what = f"household_outcome_status_change:{change.id}"
            audit("change", what, household_id=item.household_id, role=ASSIGNED)
            db.session.commit()
            flash(_("De status is nu: %(status)s.", status=labels[item.status]), "info")
            return redirect(url_for("staff.caseload.outcome", outcome_id=item.id), code=303)
        status = 400
    else:
        status = 200
    errors = [(form[name].id, messages[0]) for name, messages in form.errors.items()]
    html = render_template(
        "caseload/outcome.html",
        outcome=item,
        form=form,
        labels=labels,
        history=service.history_of(item.id),
        file_url=household_file_url(item.household_id),
        error_list=errors,
        lang=language(),
    )
    audit("read", f"household_outcome:{item.id}", household_id=item.household_id, role=ASSIGNED)
    db.session.commit()
    return html, status
