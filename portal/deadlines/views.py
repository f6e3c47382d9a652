"""Staff pages of deadlines kept: the household's decision terms (extend one under Awb 4:14,
register a received ingebrekestelling, see the dwangsom owed so far) and the dwangsom alarm:
every running clock in the households the user may see (own or team). Access: the household's
contact person and the lead of its team (portal.households.access); every read and change is
audited."""

from __future__ import annotations

from decimal import Decimal

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from portal.caseload import service as caseload
from portal.caseload.models import HouseholdOutcome
from portal.caseload.service import RUNNING
from portal.deadlines import awb
from portal.deadlines import service as deadlines
from portal.deadlines.forms import ExtensionForm, IngebrekestellingForm
from portal.extensions import db
from portal.households import access
from portal.households.models import ContactAssignment
from portal.i18n import localized
from portal.intake_form.fields import options
from portal.services import deadlines as deadline_services
from portal.staff.session_guard import role_required

bp = Blueprint("deadlines", __name__)  # nested in the staff blueprint (/medewerkers)

ROLES = ("contact_person", "team_lead")

REFUSED = {
    awb.TOO_LATE: _l(
        "De termijn is al voorbij. Verlengen kan alleen vóór het einde van de termijn (Awb "
        "4:14). Beslis zo snel mogelijk; de inwoner kan de gemeente nu in gebreke stellen."
    ),
    awb.NOT_LATER: _l("De nieuwe datum moet na de huidige einddatum liggen."),
    awb.TOO_LONG: _l(
        "Deze datum ligt te ver weg. Kies een datum binnen %(weeks)s weken na de huidige "
        "einddatum. De wet vraagt een zo kort mogelijke termijn (Awb 4:14)."
    ),
    awb.NOT_RUNNING: _l("Over deze aanvraag is al beslist, of er geldt geen termijn."),
    awb.PREMATURE: _l(
        "Deze ingebrekestelling kwam binnen vóór het einde van de termijn. Dan loopt er geen "
        "dwangsom (Awb 4:17 lid 3). De gemeente moet nog op tijd beslissen."
    ),
    awb.FUTURE: _l("De datum van ontvangst ligt in de toekomst."),
    awb.DUPLICATE: _l("Voor deze beslissing loopt al een dwangsom."),
}


def _refused(code: str) -> str:
    return str(REFUSED[code]) % {"weeks": deadlines.max_extension_weeks()}


def _running_outcomes(household_id: int) -> list[HouseholdOutcome]:
    return list(
        db.session.scalars(
            select(HouseholdOutcome)
            .where(
                HouseholdOutcome.household_id == household_id,
                HouseholdOutcome.status.in_(RUNNING),
                HouseholdOutcome.due_on.is_not(None),
            )
            .order_by(HouseholdOutcome.due_on, HouseholdOutcome.id)
        )
    )


def _label(outcome: HouseholdOutcome) -> str:
    return f"{localized(outcome.provision_name) or outcome.provision_id} (#{outcome.id})"


def _forms(household_id: int, extension=None, notice=None):
    running = _running_outcomes(household_id)
    choices = options((o.id, _label(o)) for o in running)
    extension = extension or ExtensionForm(prefix="verdagen")
    notice = notice or IngebrekestellingForm(prefix="ingebreke")
    extension.outcome.choices = choices
    notice.outcome.choices = choices
    return running, extension, notice


def _page(household, role, *, extension=None, notice=None, error_list=(), status=200):
    running, extension, notice = _forms(household.id, extension, notice)
    outcomes = db.session.scalars(
        select(HouseholdOutcome)
        .where(HouseholdOutcome.household_id == household.id)
        .order_by(HouseholdOutcome.id)
    ).all()
    return render_template(
        "deadlines/household.html",
        household=household,
        role=role,
        outcomes=outcomes,
        running=running,
        extensions=deadlines.extensions(household.id),
        clocks=deadlines.clocks([household.id]),
        extension_form=extension,
        notice_form=notice,
        error_list=list(error_list),
        max_owed=awb.amount_for(awb.DWANGSOM_MAX_DAYS),
        label=_label,
    ), status


@bp.get("/huishoudens/<int:household_id>/termijnen")
@role_required(*ROLES)
def household(household_id: int):
    found, role = access.household_or_404(household_id, change=True)
    access.audit("read", f"deadlines:{household_id}", household_id=household_id, role=role)
    db.session.commit()
    return _page(found, role)


def _outcome_of(household_id: int, outcome_id) -> HouseholdOutcome | None:
    outcome = db.session.get(HouseholdOutcome, outcome_id) if outcome_id else None
    return outcome if outcome is not None and outcome.household_id == household_id else None


@bp.post("/huishoudens/<int:household_id>/termijnen/verlengen")
@role_required(*ROLES)
def extend(household_id: int):
    found, role = access.household_or_404(household_id, change=True)
    _running, form, _notice = _forms(household_id, extension=ExtensionForm(prefix="verdagen"))
    if not form.validate():
        errors = [(field.id, field.errors[0]) for field in form if field.errors]
        return _page(found, role, extension=form, error_list=errors, status=400)
    outcome = _outcome_of(household_id, form.outcome.data)
    if outcome is None:
        form.outcome.errors = [_("Kies de beslissing die later komt.")]
        return _page(
            found,
            role,
            extension=form,
            error_list=[(form.outcome.id, form.outcome.errors[0])],
            status=400,
        )
    try:
        row = deadline_services.extend(
            outcome, form.new_due.data, form.reason.data, by=current_user
        )
    except awb.Refused as refused:
        db.session.rollback()
        message = _refused(str(refused))
        field = form.outcome if str(refused) in (awb.TOO_LATE, awb.NOT_RUNNING) else form.new_due
        field.errors = [message]
        return _page(found, role, extension=form, error_list=[(field.id, message)], status=400)
    access.audit("change", f"term_extension:{row.id}", household_id=household_id, role=role)
    db.session.commit()
    flash(_("De termijn is verlengd. De inwoner krijgt een bericht."))
    return redirect(url_for("staff.deadlines.household", household_id=household_id), code=303)


@bp.post("/huishoudens/<int:household_id>/termijnen/ingebrekestelling")
@role_required(*ROLES)
def ingebrekestelling(household_id: int):
    found, role = access.household_or_404(household_id, change=True)
    _running, _ext, form = _forms(household_id, notice=IngebrekestellingForm(prefix="ingebreke"))
    if not form.validate():
        errors = [(field.id, field.errors[0]) for field in form if field.errors]
        return _page(found, role, notice=form, error_list=errors, status=400)
    outcome = _outcome_of(household_id, form.outcome.data)
    if outcome is None:
        form.outcome.errors = [_("Kies de beslissing waarover de ingebrekestelling gaat.")]
        return _page(
            found,
            role,
            notice=form,
            error_list=[(form.outcome.id, form.outcome.errors[0])],
            status=400,
        )
    try:
        row = deadline_services.register_ingebrekestelling(
            outcome, form.received_on.data, by=current_user
        )
    except awb.Refused as refused:
        db.session.rollback()
        message = _refused(str(refused))
        form.received_on.errors = [message]
        return _page(
            found, role, notice=form, error_list=[(form.received_on.id, message)], status=400
        )
    access.audit("change", f"ingebrekestelling:{row.id}", household_id=household_id, role=role)
    db.session.commit()
    flash(
        _(
            "De ingebrekestelling is vastgelegd. De dwangsom loopt vanaf %(date)s.",
            date=deadlines.dwangsom(row).first_day.strftime("%d-%m-%Y"),
        )
    )
    return redirect(url_for("staff.deadlines.household", household_id=household_id), code=303)


def visible_household_ids() -> set[int]:
    """The households on the user's own caseload and, for a team lead, the team's."""
    ids = set(db.session.scalars(caseload.active_households_for(current_user.id)))
    teams = access.led_team_ids(current_user.id) if current_user.has_role("team_lead") else set()
    if teams:
        ids |= set(
            db.session.scalars(
                select(ContactAssignment.household_id).where(
                    ContactAssignment.team_id.in_(teams), ContactAssignment.ended_at.is_(None)
                )
            )
        )
    return ids


@bp.get("/termijnen/dwangsom")
@role_required(*ROLES)
def dwangsom():
    """The alarm: every ingebrekestelling whose clock runs in my (team's) households, with
    what is owed so far; stopped ones below."""
    ids = visible_household_ids()
    found = deadlines.clocks(ids)
    access.audit_list(
        sorted({c.row.household_id for c in found}),
        "deadlines.dwangsom",
        role="team_lead" if current_user.has_role("team_lead") else "contact_person",
    )
    db.session.commit()
    running = [c for c in found if not c.owed.stopped]
    return render_template(
        "deadlines/dwangsom.html",
        running=running,
        stopped=[c for c in found if c.owed.stopped],
        total=sum((c.owed.amount for c in running), Decimal(0)),
        label=_label,
    )


@bp.app_context_processor
def dwangsom_alarm() -> dict:
    """For the staff start page: how many dwangsom clocks run in my (team's) households."""

    def alarm() -> int:
        if not current_user.is_authenticated or not current_user.has_role(*ROLES):
            return 0
        return len(deadlines.clocks(visible_household_ids(), running_only=True))

    return {"dwangsom_alarm": alarm}
