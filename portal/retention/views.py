"""Pages of data that ends on time: for staff, a household's retention (terms, legal hold,
Jeugdwet 7.3.9 requests) at /medewerkers/huishoudens/<id>/bewaren; for the resident, asking
to destroy the youth file at /mijn/vernietigen/.

Access: the household's contact person and the lead of its team (households.access); a legal
hold is set or lifted by the team lead or an admin with a logged reason of access; the front
desk and the ontschotter have no access (403). Every read and change is audited."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.caseload.models import HouseholdOutcome
from portal.extensions import db
from portal.households import access
from portal.intake_form.fields import options
from portal.models import Household
from portal.residents import mine
from portal.residents.forms import ButtonForm as ResidentButton
from portal.residents.session import resident_required
from portal.retention import rules
from portal.retention import service as retention
from portal.retention.forms import DecideRequestForm, HoldForm, RegisterRequestForm
from portal.services import due_dates
from portal.services import retention as purging
from portal.staff.forms import ButtonForm
from portal.staff.session_guard import role_required

bp = Blueprint("retention", __name__)  # nested in the staff blueprint (/medewerkers)
resident_bp = Blueprint("retention", __name__, url_prefix="/vernietigen")  # nested in /mijn

ROLES = ("contact_person", "team_lead", "admin")
HOLD_ROLES = ("team_lead", "admin")


def _household(household_id: int, *, change: bool = False) -> tuple[Household, str]:
    if current_user.has_role("admin") and access.role_for(household_id) is None:
        if db.session.get(Household, household_id) is None:
            abort(404)
        abort(redirect(url_for("staff.households.reason", household_id=household_id)))
    return access.household_or_404(household_id, change=change)


def _name(member) -> str:
    return " ".join(p for p in (member.given_name, member.family_name) if p) or f"#{member.id}"


def _page(
    household,
    role,
    *,
    hold_form=None,
    register_form=None,
    decide_form=None,
    decide_id=None,
    error_list=(),
    status=200,
):
    register_form = register_form or RegisterRequestForm(prefix="verzoek")
    register_form.member.choices = options((m.id, _name(m)) for m in household.members)
    regimes = sorted(
        set(
            db.session.scalars(
                select(HouseholdOutcome.regime).where(HouseholdOutcome.household_id == household.id)
            )
        )
    )
    return render_template(
        "retention/household.html",
        household=household,
        role=role,
        terms=[(r, rules.term_for(r)) for r in regimes]
        or [(rules.NO_OUTCOME, rules.term_for(rules.NO_OUTCOME))],
        last_change=purging.last_change(household.id),
        hold=retention.active_hold(household.id),
        may_hold=role in HOLD_ROLES,
        may_decide=role in ("contact_person", "team_lead"),
        requests=retention.requests(household.id),
        members={m.id: _name(m) for m in household.members},
        hold_form=hold_form or HoldForm(prefix="bewaarplicht"),
        register_form=register_form,
        decide_form=decide_form or DecideRequestForm(prefix="besluit"),
        decide_id=decide_id,
        button=ButtonForm(),
        error_list=list(error_list),
        not_verified=rules.NOT_VERIFIED,
    ), status


def _back(household_id: int):
    return redirect(url_for("staff.retention.household", household_id=household_id), code=303)


@bp.get("/huishoudens/<int:household_id>/bewaren")
@role_required(*ROLES)
def household(household_id: int):
    found, role = _household(household_id)
    access.audit("read", f"retention:{household_id}", household_id=household_id, role=role)
    db.session.commit()
    return _page(found, role)


@bp.post("/huishoudens/<int:household_id>/bewaren/bewaarplicht")
@role_required(*HOLD_ROLES)
def set_hold(household_id: int):
    found, role = _household(household_id)
    if role not in HOLD_ROLES:
        abort(404)
    form = HoldForm(prefix="bewaarplicht")
    if not form.validate():
        errors = [(field.id, field.errors[0]) for field in form if field.errors]
        return _page(found, role, hold_form=form, error_list=errors, status=400)
    row = retention.set_hold(household_id, form.reason.data, staff_id=current_user.id)
    access.audit("change", f"legal_hold:{row.id}", household_id=household_id, role=role)
    db.session.commit()
    flash(_("Bewaarplicht vastgelegd. Dit huishouden wordt niet opgeschoond."))
    return _back(household_id)


@bp.post("/huishoudens/<int:household_id>/bewaren/bewaarplicht/opheffen")
@role_required(*HOLD_ROLES)
def lift_hold(household_id: int):
    _found, role = _household(household_id)
    if role not in HOLD_ROLES or not ButtonForm().validate():
        abort(404 if role not in HOLD_ROLES else 400)
    row = retention.lift_hold(household_id, staff_id=current_user.id)
    if row is not None:
        access.audit("change", f"legal_hold:{row.id}:lifted", household_id=household_id, role=role)
        db.session.commit()
        flash(_("Bewaarplicht opgeheven."))
    return _back(household_id)


@bp.post("/huishoudens/<int:household_id>/bewaren/vernietigingsverzoek")
@role_required("contact_person", "team_lead")
def register_request(household_id: int):
    found, role = _household(household_id, change=True)
    form = RegisterRequestForm(prefix="verzoek")
    form.member.choices = options((m.id, _name(m)) for m in found.members)
    if not form.validate():
        errors = [(field.id, field.errors[0]) for field in form if field.errors]
        return _page(found, role, register_form=form, error_list=errors, status=400)
    row = retention.request_destruction(
        household_id, form.member.data, via="staff", staff_id=current_user.id
    )
    due_dates.refresh(household_id)
    access.audit("change", f"destruction_request:{row.id}", household_id=household_id, role=role)
    db.session.commit()
    flash(
        _("Verzoek vastgelegd. Handel het af vóór %(date)s.", date=row.due_on.strftime("%d-%m-%Y"))
    )
    return _back(household_id)


@bp.post("/huishoudens/<int:household_id>/bewaren/vernietigingsverzoek/<int:request_id>")
@role_required("contact_person", "team_lead")
def decide_request(household_id: int, request_id: int):
    found, role = _household(household_id, change=True)
    row = retention.open_request(household_id, request_id)
    if row is None:
        abort(404)
    form = DecideRequestForm(prefix="besluit")
    if form.validate() and form.decision.data != "destroy" and not (form.note.data or "").strip():
        form.note.errors = [_("Schrijf waarom het dossier bewaard blijft.")]
    if form.errors or not form.decision.data:
        errors = [(field.id, field.errors[0]) for field in form if field.errors]
        return _page(
            found, role, decide_form=form, decide_id=request_id, error_list=errors, status=400
        )
    if form.decision.data == "destroy":
        try:
            purging.destroy_youth_file(row, staff_id=current_user.id)
        except purging.PurgeRefused:
            db.session.rollback()
            message = _(
                "Er geldt een bewaarplicht voor dit huishouden. Vernietigen kan niet. Leg vast "
                "dat het dossier bewaard blijft (de wet verplicht het), of vraag de teamleider "
                "de bewaarplicht op te heffen."
            )
            form.decision.errors = [message]
            return _page(
                found,
                role,
                decide_form=form,
                decide_id=request_id,
                error_list=[(form.decision.id, message)],
                status=409,
            )
        access.audit(
            "change",
            f"destruction_request:{request_id}:destroyed",
            household_id=household_id,
            role=role,
        )
        db.session.commit()
        if db.session.get(Household, household_id) is None:
            flash(
                _(
                    "Het jeugddossier is vernietigd. Er was niets anders in dit huishouden, "
                    "dus het hele dossier is weg."
                )
            )
            return redirect(url_for("staff.caseload.index"), code=303)
        due_dates.refresh(household_id)
        db.session.commit()
        flash(_("De gegevens over jeugdhulp zijn vernietigd."))
        return _back(household_id)
    retention.keep(row, form.decision.data, form.note.data, staff_id=current_user.id)
    due_dates.refresh(household_id)
    access.audit(
        "change", f"destruction_request:{request_id}:kept", household_id=household_id, role=role
    )
    db.session.commit()
    flash(_("Vastgelegd: het dossier blijft bewaard, met de reden."))
    return _back(household_id)


# --- the resident ----------------------------------------------------------------------------


def _youth_households(bsn: str) -> list[Household]:
    """The resident's households with youth care (Jeugdwet) records: where they may ask."""
    found = []
    for household_id in mine.household_ids(bsn):
        has_youth = db.session.scalar(
            select(HouseholdOutcome.id)
            .where(
                HouseholdOutcome.household_id == household_id,
                HouseholdOutcome.regime == mine.YOUTH_REGIME,
            )
            .limit(1)
        )
        if has_youth is not None:
            found.append(db.session.get(Household, household_id))
    return found


@resident_bp.route("/", methods=["GET", "POST"])
@resident_required
def mine_page():
    bsn = g.resident_bsn
    households = _youth_households(bsn)
    if request.method == "POST":
        if not ResidentButton().validate():
            abort(400)
        chosen = request.form.get("huishouden", type=int)
        household = next((h for h in households if h.id == chosen), None)
        if household is None:
            flash(_("Kies het dossier dat u wilt laten vernietigen."), "error")
            return redirect(url_for("residents.retention.mine_page"), code=303)
        me = mine.me_in(household, bsn)
        row = retention.request_destruction(household.id, me.id if me else None, via="mijn")
        due_dates.refresh(household.id)
        db.session.commit()
        flash(
            _(
                "Wij hebben uw verzoek ontvangen. U hoort uiterlijk op %(date)s wat wij doen.",
                date=row.due_on.strftime("%d-%m-%Y"),
            ),
            "info",
        )
        return redirect(url_for("residents.retention.mine_page"), code=303)
    me_ids = {m.id for h in households for m in h.members if m.bsn == bsn}
    asked = [r for h in households for r in retention.requests(h.id) if r.member_id in me_ids]
    return render_template(
        "retention/mine.html", households=households, asked=asked, button=ResidentButton()
    )
