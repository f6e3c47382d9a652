"""Caseload pages: the list (`/medewerkers/caseload`), a team lead's list of the whole team
(`/medewerkers/caseload/team`) and one outcome's status
(`/medewerkers/uitkomsten/<id>`). Only a contact person or team lead opens them; only the
household's assigned contact person sees or changes an outcome (others get 404, as for an
outcome that does not exist)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal import escalations, rulebook
from portal.caseload import service
from portal.caseload.forms import StatusForm, status_labels, triage_labels
from portal.caseload.models import HouseholdOutcome
from portal.dutch_time import today
from portal.extensions import db
from portal.households.access import audit, audit_list, led_team_ids
from portal.i18n import localized
from portal.services import outcomes
from portal.staff import versions as record_versions
from portal.staff.session_guard import role_required

# Nested in the staff blueprint by create_app: endpoints staff.caseload.*, URLs under /medewerkers.
bp = Blueprint("caseload", __name__)

ROLES = ("contact_person", "team_lead")
ASSIGNED = "contact_person"  # the audit role: access comes from the contact assignment


def household_file_url(household_id: int) -> str:
    """The household file (portal/households): `/medewerkers/huishoudens/<id>`."""
    return f"{request.script_root}/medewerkers/huishoudens/{household_id}"


def regime_choices() -> dict[str, str]:
    """Regime id → name in the verordening in force (for the filter)."""
    verordening = rulebook.registry().for_date(today())
    return {regime_id: localized(regime.name) for regime_id, regime in verordening.regimes.items()}


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
    page = service.caseload_page(current_user.id, filters, _cursor(), limit=_page_size())
    return _list_page("staff.caseload.index", page, filters, {}, audit_role=ASSIGNED)


@bp.get("/caseload/team")
@role_required("team_lead")
def team():
    """The caseload of the teams the user leads: every household whose active assignment
    belongs to such a team, with its contact person; filter by contact person."""
    filters = _filters()
    teams = led_team_ids(current_user.id)
    people = service.team_contacts(teams)
    contact_id = request.args.get("contactpersoon") or None
    if contact_id is not None:
        if not contact_id.isdigit() or int(contact_id) not in people:
            abort(400)
        contact_id = int(contact_id)
    page = service.team_caseload_page(
        teams, filters, _cursor(), contact_id=contact_id, limit=_page_size()
    )
    extra = {"contactpersoon": contact_id} if contact_id else {}
    return _list_page(
        "staff.caseload.team",
        page,
        filters,
        extra,
        audit_role="team_lead",
        team=True,
        has_team=bool(teams),
        people=people,
        contact_id=contact_id,
    )


def _page_size() -> int:
    return int(current_app.config.get("CASELOAD_PAGE_SIZE", service.PAGE_SIZE))


def _list_page(endpoint, page, filters, extra: dict, *, audit_role: str, **context):
    kept = {
        key: value
        for key, value in (
            ("spoed", "1" if filters.urgent else None),
            ("te_laat", "1" if filters.overdue else None),
            ("triage", filters.triage),
            ("regeling", filters.regime),
        )
        if value
    } | extra
    next_url = url_for(endpoint, **kept, na=page.next_cursor.encode()) if page.next_cursor else None
    context.setdefault("team", False)
    html = render_template(
        "caseload/index.html",
        page=page,
        filters=filters,
        action=url_for(endpoint),
        first_url=url_for(endpoint, **kept) if request.args.get("na") else None,
        next_url=next_url,
        file_url=household_file_url,
        triage_labels=triage_labels(),
        regimes=regime_choices(),
        lang=language(),
        is_lead=current_user.has_role("team_lead"),
        # the actions from a casusplatform this person owns (issue #17), on their own list
        my_actions=[] if context["team"] else escalations.open_actions_for(current_user.id),
        back="werklijst",
        today=today(),
        **context,
    )
    # After rendering: a commit expires the loaded rows (the staff member in the menu too).
    audit_list(
        (row.household_id for row in page.rows), endpoint.removeprefix("staff."), role=audit_role
    )
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
    saved = None
    if request.method == "POST":
        # stale first: the choices follow the status saved now, so a stale choice may no
        # longer be valid, and the user should see why rather than "not a valid choice"
        stale = record_versions.stale(item.version)
        valid = not stale and form.validate()
        if stale or (valid and not record_versions.claim(item)):
            # someone changed the status after this page was opened: their status stands, the
            # note typed here comes back on the form with the current version (issue #14)
            db.session.rollback()
            item = _own_outcome(outcome_id)
            form.status.choices = [(s, labels[s]) for s in service.TRANSITIONS[item.status]]
            saved = [(_("Status"), labels[item.status])]
            status = 409
        elif valid:
            change = outcomes.change_status(
                item, form.status.data, staff_id=current_user.id, note=form.note.data
            )
            what = f"household_outcome_status_change:{change.id}"
            audit("change", what, household_id=item.household_id, role=ASSIGNED)
            db.session.commit()
            flash(_("De status is nu: %(status)s.", status=labels[item.status]), "info")
            return redirect(url_for("staff.caseload.outcome", outcome_id=item.id), code=303)
        else:
            status = 400
    else:
        status = 200
    errors = [(form[name].id, messages[0]) for name, messages in form.errors.items()]
    if saved is not None:
        errors = [(None, record_versions.conflict_message())]
    html = render_template(
        "caseload/outcome.html",
        outcome=item,
        form=form,
        labels=labels,
        history=service.history_of(item.id),
        file_url=household_file_url(item.household_id),
        error_list=errors,
        lang=language(),
        saved=saved,
    )
    audit("read", f"household_outcome:{item.id}", household_id=item.household_id, role=ASSIGNED)
    db.session.commit()
    return html, status
