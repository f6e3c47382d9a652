"""The ontschotter's pages (issue #17, docs/escalations.md), nested in the staff blueprint by
create_app (endpoints staff.escalations.*, under /medewerkers):

- escalate a household from its file (contact person, team lead);
- the list of escalations and one escalation with its clock, casusplatform, actions, breakthrough
  decision, evaluation and handgeld payments (ontschotter; team lead and contact person for the
  households they may open);
- the handgeld ledger (ontschotter), mandate and budget beheer (admin) and the report (team
  lead, ontschotter, admin, and the policy officer where that role exists).

Every read and change is audited like the household file; saves of the platform, decision and
evaluation carry the escalation's version (portal/staff/versions.py).
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal import clock
from portal.dutch_time import today
from portal.escalations import access, labels, ledger, report, service
from portal.escalations.forms import (
    ActionForm,
    BudgetForm,
    DecisionForm,
    EscalationForm,
    EvaluationForm,
    MandateForm,
    PaymentForm,
    PlatformForm,
    RecoveredForm,
)
from portal.escalations.models import HandgeldPayment, OntschotterMandate, PlatformAction
from portal.extensions import db
from portal.households import access as household_access
from portal.households import sensitivity
from portal.intake_form.fields import options
from portal.models import Household, StaffMember
from portal.services import escalations as escalation_steps
from portal.staff import versions as record_versions
from portal.staff.forms import ButtonForm
from portal.staff.session_guard import ROLES, role_required

bp = Blueprint("escalations", __name__)

SEE = ("ontschotter", "team_lead", "contact_person")
# the report holds no resident data; the policy officer reads management figures (DESIGN.md)
REPORT_ROLES = tuple(
    r for r in ("team_lead", "ontschotter", "admin", "policy_officer") if r in ROLES
)

REFUSED = {
    "mandate": lambda: _(
        "U heeft geen mandaat om dit te besluiten of te betalen. Alleen een ontschotter met "
        "mandaat van het beheer kan dat. Uw tekst staat er nog; vraag de ontschotter of het "
        "beheer."
    ),
    "no_platform": lambda: _("Leg eerst het casusplatform vast: datum, deelnemers, probleem."),
    "decided": lambda: _("Over deze escalatie is al een doorbraakbesluit genomen."),
    "not_decided": lambda: _("Evalueer pas na het doorbraakbesluit."),
    "owner": lambda: _("Kies een medewerker die de actie kan zien in zijn of haar werklijst."),
    "barriers": lambda: _("Kies minstens één schot: twee regelingen of organisaties."),
    "same_side": lambda: _("Een schot zit tussen twee verschillende regelingen."),
    "participants": lambda: _("Vul minstens één deelnemer in: naam, organisatie en rol."),
    "not_positive": lambda: _("Een bedrag moet meer dan € 0 zijn."),
    "too_large": lambda: _("Dit bedrag is te groot. Controleer het bedrag."),
    "no_budget": lambda: _(
        "Er is nog geen handgeld voor dit jaar. Het beheer stelt het bedrag per jaar vast."
    ),
    "per_payment": lambda: _("Dit bedrag is hoger dan de grens per betaling."),
    "balance": lambda: _("Dit bedrag is hoger dan wat er nog in het handgeld zit."),
    "recover_from": lambda: _("Kies bij voorfinanciering waar het geld terugkomt."),
    "not_prefinancing": lambda: _("Deze betaling was geen voorfinanciering."),
    "recovered_over": lambda: _("Er kan niet meer terugkomen dan er is betaald."),
    "limit_over_budget": lambda: _("De grens per betaling kan niet hoger zijn dan het jaarbedrag."),
    "below_spent": lambda: _(
        "Het jaarbedrag kan niet lager zijn dan wat dit jaar al is uitgegeven."
    ),
}


def _to_escalation(escalation_id: int, anchor: str | None = None):
    return redirect(
        url_for("staff.escalations.page", escalation_id=escalation_id, _anchor=anchor), code=303
    )


# --- escalate from the household file -------------------------------------------------------


@bp.route("/huishoudens/<int:household_id>/escaleren", methods=["GET", "POST"])
@role_required("contact_person", "team_lead")
def escalate(household_id: int):
    household, role = household_access.household_or_404(household_id, change=True)
    running = service.open_escalation(household_id)
    if running is not None:
        flash(_("Dit huishouden is al geëscaleerd. Hier ziet u hoe het ervoor staat."), "info")
        return _to_escalation(running.id)
    form = EscalationForm()
    status = 200
    if request.method == "POST":
        if form.validate():
            try:
                escalation = escalation_steps.escalate(
                    household_id,
                    need=form.need.data,
                    tried=form.tried.data,
                    barriers=form.chosen_barriers(),
                    by=current_user,
                )
            except service.Refused as refused:
                db.session.rollback()
                form.barriers[0].side_a.errors = [REFUSED[str(refused)]()]
            else:
                access.audit("change", escalation, role)
                db.session.commit()
                flash(_("De ontschotter heeft de escalatie. De klok van drie weken loopt."), "info")
                return _to_escalation(escalation.id)
        status = 400
    else:
        household_access.audit(
            "read", f"escalation.new:{household_id}", household_id=household_id, role=role
        )
        db.session.commit()
    errors = _errors(form)
    return render_template(
        "escalations/new.html", household=household, form=form, error_list=errors
    ), (400 if errors else status)


def _errors(form) -> list[tuple[str | None, str]]:
    """(anchor, message) for the error summary, rows of a list included."""
    items = []
    for field in form:
        if field.type == "FieldList":
            for entry in field:
                for sub in entry:
                    items.extend((sub.id, message) for message in sub.errors[:1])
        elif field.errors:
            items.append((field.id, field.errors[0]))
    return items


# --- the list and one escalation ------------------------------------------------------------


@bp.get("/escalaties")
@role_required(*SEE)
def index():
    rows, role = access.visible()
    household_access.audit_list((e.household_id for e in rows), "escalations.index", role=role)
    html = render_template(
        "escalations/index.html",
        rows=[(e, service.timer(e)) for e in rows],
        role=role,
        my_actions=service.open_actions_for(current_user.id),
        labels=labels,
        today=today(),
    )
    db.session.commit()
    return html


def _owner_choices(form: ActionForm) -> None:
    form.owner.choices = options((p.id, p.display_name) for p in service.possible_owners())


def _render(escalation, role, *, status: int = 200, error_list=None, **forms):
    payment_form = forms.pop("payment_form", None) or PaymentForm(formdata=None)
    action_form = forms.pop("action_form", None) or ActionForm(formdata=None)
    _owner_choices(action_form)
    platform = escalation.platform
    platform_form = forms.pop("platform_form", None)
    if platform_form is None:
        platform_form = PlatformForm(formdata=None, obj=None)
        if platform is not None:
            platform_form.held_on.process(None, platform.held_on)
            platform_form.first_problem.data = platform.first_problem
            for entry, person in zip(
                platform_form.participants, platform.participants, strict=False
            ):
                entry.form.name.data = person.name
                entry.form.organisation.data = person.organisation
                entry.form.role.data = person.role
    html = render_template(
        "escalations/page.html",
        escalation=escalation,
        role=role,
        timer=service.timer(escalation),
        platform=platform,
        labels=labels,
        platform_form=platform_form,
        action_form=action_form,
        decision_form=forms.pop("decision_form", None) or DecisionForm(formdata=None),
        evaluation_form=forms.pop("evaluation_form", None) or EvaluationForm(formdata=None),
        payment_form=payment_form,
        recovered_form=RecoveredForm(formdata=None),
        button=ButtonForm(),
        payments=ledger.payments_for(escalation.id),
        may_decide=service.has_mandate(current_user),
        protected=sensitivity.protected(db.session.get(Household, escalation.household_id)),
        is_ontschotter=role == "ontschotter",
        today=today(),
        error_list=error_list or [],
    )
    access.audit("read", escalation, role)
    db.session.commit()
    return html, status


@bp.get("/escalaties/<int:escalation_id>")
@role_required(*SEE)
def page(escalation_id: int):
    escalation, role = access.escalation_or_404(escalation_id)
    return _render(escalation, role)


def _conflict(escalation_id: int, **forms):
    db.session.rollback()
    escalation, role = access.escalation_or_404(escalation_id)
    return _render(
        escalation,
        role,
        status=409,
        error_list=[(None, record_versions.conflict_message())],
        **forms,
    )


def _refused(escalation_id: int, refused: service.Refused, status: int = 400, **forms):
    db.session.rollback()
    escalation, role = access.escalation_or_404(escalation_id)
    return _render(
        escalation, role, status=status, error_list=[(None, REFUSED[str(refused)]())], **forms
    )


@bp.post("/escalaties/<int:escalation_id>/casusplatform")
@role_required("ontschotter")
def platform(escalation_id: int):
    escalation, role = access.escalation_or_404(escalation_id)
    form = PlatformForm()
    if record_versions.stale(escalation.version):
        return _conflict(escalation_id, platform_form=form)
    if not form.validate():
        return _render(escalation, role, status=400, error_list=_errors(form), platform_form=form)
    if not record_versions.claim(escalation):
        return _conflict(escalation_id, platform_form=form)
    try:
        saved = service.save_platform(
            escalation,
            held_on=form.held_on.data,
            first_problem=form.first_problem.data,
            participants=form.chosen_participants(),
            by=current_user,
        )
    except service.Refused as refused:
        return _refused(escalation_id, refused, platform_form=form)
    access.audit("change", escalation, role, f"case_platform:{saved.id}")
    db.session.commit()
    flash(_("Het casusplatform is vastgelegd."), "info")
    return _to_escalation(escalation_id, "casusplatform")


@bp.post("/escalaties/<int:escalation_id>/acties")
@role_required("ontschotter")
def add_action(escalation_id: int):
    escalation, role = access.escalation_or_404(escalation_id)
    form = ActionForm()
    _owner_choices(form)
    if not form.validate():
        return _render(escalation, role, status=400, error_list=_errors(form), action_form=form)
    owner = db.session.get(StaffMember, form.owner.data)
    try:
        action = escalation_steps.add_action(
            escalation, what=form.what.data, owner=owner, due_on=form.due_on.data
        )
    except service.Refused as refused:
        return _refused(escalation_id, refused, action_form=form)
    access.audit("change", escalation, role, f"platform_action:{action.id}")
    db.session.commit()
    flash(_("De actie staat in de werklijst van %(name)s.", name=owner.display_name), "info")
    return _to_escalation(escalation_id, "acties")


@bp.post("/escalaties/acties/<int:action_id>/klaar")
@role_required(*SEE)
def finish_action(action_id: int):
    action = db.session.get(PlatformAction, action_id)
    if action is None:
        abort(404)
    escalation = service.escalation_of_action(action)
    role = access.role_for(escalation)
    if role is None and action.owner_id != current_user.id:
        access.escalation_or_404(escalation.id)  # audited as refused, 404
    if role is None:
        role = "contact_person" if current_user.has_role("contact_person") else "team_lead"
    if not ButtonForm().validate():
        abort(400)
    if escalation_steps.finish_action(action):
        access.audit("change", escalation, role, f"platform_action:{action.id}:done")
        db.session.commit()
        flash(_("De actie is klaar."), "info")
    back = request.form.get("terug")
    if back == "werklijst" and current_user.has_role("contact_person", "team_lead"):
        return redirect(url_for("staff.caseload.index"), code=303)
    if access.role_for(escalation) is None:
        return redirect(url_for("staff.escalations.index"), code=303)
    return _to_escalation(escalation.id, "acties")


@bp.post("/escalaties/<int:escalation_id>/besluit")
@role_required("ontschotter", "team_lead")
def decide(escalation_id: int):
    """Only an ontschotter with mandate decides. Anyone else who sends the form gets it back
    with every word they typed and the reason (403)."""
    escalation, role = access.escalation_or_404(escalation_id)
    form = DecisionForm()
    if not service.has_mandate(current_user):
        return _refused(escalation_id, service.Refused("mandate"), 403, decision_form=form)
    if record_versions.stale(escalation.version):
        return _conflict(escalation_id, decision_form=form)
    if not form.validate():
        return _render(escalation, role, status=400, error_list=_errors(form), decision_form=form)
    if not record_versions.claim(escalation):
        return _conflict(escalation_id, decision_form=form)
    try:
        escalation_steps.decide(
            escalation,
            by=current_user,
            decision=form.decision.data,
            authority=form.authority.data,
            effect=form.effect.data,
            purpose_of_law=form.purpose_of_law.data,
            weighing=form.weighing.data,
            route=form.route.data,
        )
    except service.Refused as refused:
        status = 403 if str(refused) == "mandate" else 400
        return _refused(escalation_id, refused, status, decision_form=form)
    access.audit("change", escalation, role, f"case_platform:{escalation.platform.id}:decision")
    db.session.commit()
    flash(_("Het doorbraakbesluit is vastgelegd. De klok staat stil."), "info")
    return _to_escalation(escalation_id, "besluit")


@bp.post("/escalaties/<int:escalation_id>/evaluatie")
@role_required("ontschotter")
def evaluate(escalation_id: int):
    escalation, role = access.escalation_or_404(escalation_id)
    form = EvaluationForm()
    if record_versions.stale(escalation.version):
        return _conflict(escalation_id, evaluation_form=form)
    if not form.validate():
        return _render(escalation, role, status=400, error_list=_errors(form), evaluation_form=form)
    if not record_versions.claim(escalation):
        return _conflict(escalation_id, evaluation_form=form)
    try:
        service.evaluate(
            escalation,
            by=current_user,
            outcome=form.outcome.data,
            schot=form.schot.data,
            note=form.note.data,
        )
    except service.Refused as refused:
        return _refused(escalation_id, refused, evaluation_form=form)
    access.audit("change", escalation, role, f"case_platform:{escalation.platform.id}:evaluation")
    db.session.commit()
    flash(_("De evaluatie is vastgelegd."), "info")
    return _to_escalation(escalation_id, "evaluatie")


# --- handgeld -----------------------------------------------------------------------------


@bp.post("/escalaties/<int:escalation_id>/handgeld")
@role_required("ontschotter")
def pay(escalation_id: int):
    escalation, role = access.escalation_or_404(escalation_id)
    form = PaymentForm()
    if not form.validate():
        return _render(escalation, role, status=400, error_list=_errors(form), payment_form=form)
    try:
        payment = escalation_steps.pay(
            escalation,
            by=current_user,
            purpose=form.purpose.data,
            amount_cents=form.amount.cents,
            prefinancing=form.prefinancing.data,
            recover_from=form.recover_from.data or None,
        )
    except service.Refused as refused:
        status = 403 if str(refused) == "mandate" else 400
        return _refused(escalation_id, refused, status, payment_form=form)
    access.audit("change", escalation, role, f"handgeld_payment:{payment.id}")
    db.session.commit()
    flash(_("De betaling staat in het kasboek van het handgeld."), "info")
    return _to_escalation(escalation_id, "handgeld")


def _year_arg() -> int:
    raw = request.args.get("jaar")
    if raw is None:
        return today().year
    if not (raw.isascii() and raw.isdigit() and len(raw) == 4):
        abort(400)
    return int(raw)


@bp.get("/handgeld")
@role_required("ontschotter")
def handgeld():
    year = _year_arg()
    payments = ledger.payments_of(year)
    html = render_template(
        "escalations/ledger.html",
        year=year,
        totals=ledger.totals(year),
        payments=payments,
        recovered_form=RecoveredForm(formdata=None),
        labels=labels,
        limit=ledger.limit_for(current_user, year),
        may_pay=service.has_mandate(current_user),
        error_list=[],
    )
    household_access.audit_list(
        (p.household_id for p in payments if p.household_id),
        "escalations.handgeld",
        role="ontschotter",
    )
    db.session.commit()
    return html


@bp.post("/handgeld/<int:payment_id>/terug")
@role_required("ontschotter")
def recovered(payment_id: int):
    payment = db.session.get(HandgeldPayment, payment_id)
    if payment is None:
        abort(404)
    form = RecoveredForm()
    problem = None
    if not form.validate():
        problem = _errors(form)[0][1]
    else:
        try:
            ledger.record_recovered(payment, amount_cents=form.recovered.cents, by=current_user)
        except service.Refused as refused:
            db.session.rollback()
            problem = REFUSED[str(refused)]()
    if problem:
        flash(problem, "warning")
        return redirect(url_for("staff.escalations.handgeld", jaar=payment.year), code=303)
    household_access.audit(
        "change",
        f"handgeld_payment:{payment.id}:recovered",
        household_id=payment.household_id,
        role="ontschotter",
    )
    db.session.commit()
    flash(_("Vastgelegd wat er terugkwam."), "info")
    return redirect(url_for("staff.escalations.handgeld", jaar=payment.year), code=303)


# --- beheer: mandate and budget --------------------------------------------------------------


@bp.route("/beheer/ontschotters", methods=["GET", "POST"])
@role_required("admin")
def beheer():
    mandate_form = MandateForm(prefix="mandaat")
    budget_form = BudgetForm(prefix="budget")
    people = [
        p
        for p in db.session.scalars(select(StaffMember).order_by(StaffMember.display_name))
        if p.has_role("ontschotter")
    ]
    mandate_form.staff.choices = options((p.id, p.display_name) for p in people)
    problems = []
    if request.method == "POST":
        if "mandaat-staff" in request.form and mandate_form.validate():
            found = db.session.get(OntschotterMandate, mandate_form.staff.data)
            found = found or OntschotterMandate(staff_id=mandate_form.staff.data)
            found.granted = mandate_form.granted.data
            found.per_payment_limit_cents = mandate_form.cents
            found.set_by_id = current_user.id
            found.set_at = clock.now()
            db.session.add(found)
            db.session.commit()
            flash(_("Mandaat opgeslagen."), "info")
            return redirect(url_for("staff.escalations.beheer"), code=303)
        if "budget-year" in request.form and budget_form.validate():
            try:
                ledger.set_budget(
                    int(budget_form.year.data),
                    amount_cents=budget_form.amount.cents,
                    per_payment_limit_cents=budget_form.per_payment.cents,
                    by=current_user,
                )
            except service.Refused as refused:
                db.session.rollback()
                problems.append((budget_form.amount.id, REFUSED[str(refused)]()))
            else:
                db.session.commit()
                flash(_("Handgeld voor %(year)s opgeslagen.", year=budget_form.year.data), "info")
                return redirect(url_for("staff.escalations.beheer"), code=303)
    mandates = {m.staff_id: m for m in db.session.scalars(select(OntschotterMandate))}
    errors = _errors(mandate_form) + _errors(budget_form) + problems
    return render_template(
        "escalations/beheer.html",
        people=people,
        mandates=mandates,
        budgets=[(b, ledger.totals(b.year)) for b in ledger.budgets()],
        mandate_form=mandate_form,
        budget_form=budget_form,
        error_list=errors,
    ), (400 if errors else 200)


# --- the report ------------------------------------------------------------------------------


@bp.get("/escalaties/rapport")
@role_required(*REPORT_ROLES)
def report_page():
    year = _year_arg()
    return render_template(
        "escalations/report.html",
        report=report.build(year),
        year=year,
        labels=labels,
        number=lambda value: format_decimal(value, format="#,##0.0"),
    )
