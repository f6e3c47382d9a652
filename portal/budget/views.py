"""The household budget pages: /medewerkers/huishoudens/<id>/budget (endpoints staff.budget.*).

Access as the household file (portal.households.access): its contact person and the lead of
its team read and change; an admin with a logged reason reads; anyone else 404; a role that never
opens a household (front desk, ontschotter, policy officer) 403. Every read and change is an
audit row. The household file shows the summary and the network picture through the template
function `household_picture(household, role)` (templates/budget/_file_panel.html)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal import clock
from portal.budget import csv_import, forms, service
from portal.budget.models import BudgetLine
from portal.dutch_time import today
from portal.extensions import db
from portal.households import access
from portal.intake_form.fields import options
from portal.models import Household
from portal.network import data as network
from portal.network.draw_svg import svg
from portal.plans import service as plans
from portal.plans.render_format import money as format_money
from portal.staff import versions as record_versions
from portal.staff.session_guard import role_required

# Nested in the staff blueprint by create_app: endpoints staff.budget.*, under /medewerkers.
bp = Blueprint("budget", __name__)

FILE_ROLES = ("contact_person", "team_lead", "admin")
CHANGE_ROLES = ("contact_person", "team_lead")


def refused_messages() -> dict[str, str]:
    return {
        "amount": _("Het bedrag moet meer dan 0 euro zijn."),
        "too_large": _("Het bedrag is te hoog: hoogstens 1 miljoen euro."),
        "period": _("Vul het begin en het einde van de periode in."),
        "period_order": _("Het einde van de periode ligt vóór het begin."),
        "period_long": _("De periode is langer dan 5 jaar. Kies een kortere periode."),
        "not_allowed": _("De verordening staat één budget voor het hele huishouden niet toe."),
        "overlap_integrated": _("Het huishouden heeft in deze periode al één gezinsbudget."),
        "integrated_has_lines": _(
            "Er zijn in deze periode al budgetten per voorziening voor deze regelingen. Laat die "
            "eerst eindigen voordat het gezinsbudget begint."
        ),
        "provision": _("Kies een voorziening van dit huishouden."),
        "in_integrated": _(
            "Deze voorziening valt in deze periode onder het gezinsbudget. Boek op het "
            "gezinsbudget."
        ),
        "overlap": _("Deze voorziening heeft in deze periode al een budget."),
        "bookings_after_end": _(
            "Er zijn uitgaven geboekt na dit einde. Kies een later einde van de periode."
        ),
        "booked_on": _("Vul de datum van de uitgave in."),
        "future": _("De datum van de uitgave ligt in de toekomst."),
        "outside_period": _("De datum van de uitgave valt buiten de periode van dit budget."),
        "reason": _("Schrijf waarom deze uitgave niet klopt."),
        "struck": _("Deze uitgave is al geschrapt."),
    }


def import_messages() -> dict[str, str]:
    return {
        "empty": _("Het bestand is leeg."),
        "too_big": _("Het bestand is groter dan 512 kB. Splits het in kleinere bestanden."),
        "too_many": _("Het bestand heeft meer dan 2000 regels. Splits het in kleinere bestanden."),
        "not_text": _("Dit is geen CSV-bestand (tekst). Sla het op als CSV en probeer opnieuw."),
        "not_csv": _("Dit bestand kunnen we niet lezen als CSV."),
        "no_header": _("De eerste regel moet de namen van de kolommen geven."),
        "columns": _("Deze kolommen ontbreken: %(value)s."),
        "no_rows": _("Er staan geen uitgaven in het bestand."),
        "again": _("Dit bestand is al eerder ingelezen. Er is niets dubbel geboekt."),
        "date": _("de datum '%(value)s' is geen datum (schrijf 15-03-2026)."),
        "future": _("de datum %(value)s ligt in de toekomst."),
        "amount_empty": _("het bedrag ontbreekt."),
        "amount_not_amount": _("'%(value)s' is geen bedrag (schrijf 1.250,50)."),
        "amount_negative": _("het bedrag %(value)s is negatief."),
        "amount_zero": _("het bedrag is 0."),
        "amount_too_large": _("het bedrag %(value)s is te hoog (hoogstens 1 miljoen euro)."),
        "no_line": _("er is geen budget voor %(value)s op die datum."),
        "too_long": _("de omschrijving of de leverancier is langer dan 200 tekens."),
    }


def problem_text(problem: csv_import.Problem) -> str:
    message = import_messages().get(problem.key, problem.key) % {"value": problem.value}
    if problem.number is None:
        return message
    return _("Regel %(number)s: %(message)s", number=problem.number, message=message)


def _to_budget(household_id: int, anchor: str | None = None):
    return redirect(
        url_for("staff.budget.page", household_id=household_id, _anchor=anchor), code=303
    )


def _line_choices(household_id: int, as_of):
    choices = [("", _("Kies"))]
    allowed = service.integration(as_of)
    if allowed is not None:
        names = ", ".join(service.regime_name(r, as_of) for r in allowed.regimes)
        name = allowed.name.get(str(get_locale() or "nl"))
        label = _("%(name)s: één budget voor %(regimes)s", name=name, regimes=names)
        choices.append(("integrated", label))
    for outcome in service.provisions(household_id):
        regime = service.regime_name(outcome.regime, as_of)
        choices.append((str(outcome.id), f"{service.provision_label(outcome)} ({regime})"))
    return options(choices)


def _booking_choices(summary):
    return options(
        [("", _("Kies"))]
        + [
            (
                str(v.line.id),
                f"{v.line.label}: {v.line.period_start:%d-%m-%Y} – {v.line.period_end:%d-%m-%Y}",
            )
            for v in summary.lines
        ]
    )


def _forms(household_id: int, summary, **given):
    line_form = given.get("line_form") or forms.LineForm(formdata=None)
    line_form.provision.choices = _line_choices(household_id, today())
    booking_form = given.get("booking_form") or forms.BookingForm(formdata=None)
    booking_form.line.choices = _booking_choices(summary)
    return {
        "line_form": line_form,
        "booking_form": booking_form,
        "import_form": given.get("import_form") or forms.ImportForm(formdata=None),
    }


def _errors(form) -> list[tuple[str, str]]:
    return [(field.id, field.errors[0]) for field in form if field.errors]


def _render(household, role, *, status=200, error_list=None, saved=None, **given):
    summary = service.summary(household.id, today())
    change_forms = {
        v.line.id: forms.ChangeLineForm(
            formdata=None,
            prefix=f"regel{v.line.id}",
            data={
                "period_end": v.line.period_end,
                "allocated": editable(v.line.allocated_cents),
                "provider": v.line.provider,
            },
        )
        for v in summary.lines
    }
    change_forms.update(given.pop("change_forms", {}))
    strike_forms = {v.line.id: _strike_form(v.line, formdata=None) for v in summary.lines}
    strike_forms.update(given.pop("strike_forms", {}))
    return render_template(
        "budget/page.html",
        household=household,
        role=role,
        summary=summary,
        error_list=error_list or [],
        saved=saved,
        change_forms=change_forms,
        strike_forms=strike_forms,
        import_problems=given.pop("import_problems", []),
        **_forms(household.id, summary, **given),
    ), status


def _readable(household_id: int):
    if current_user.has_role("admin") and access.role_for(household_id) is None:
        if db.session.get(Household, household_id) is None:
            abort(404)
        abort(redirect(url_for("staff.households.reason", household_id=household_id)))
    return access.household_or_404(household_id)


@bp.get("/huishoudens/<int:household_id>/budget")
@role_required(*FILE_ROLES)
def page(household_id: int):
    household, role = _readable(household_id)
    access.audit("read", f"household_budget:{household_id}", household_id=household_id, role=role)
    db.session.commit()
    return _render(household, role)


@bp.post("/huishoudens/<int:household_id>/budget/regels")
@role_required(*CHANGE_ROLES)
def add_line(household_id: int):
    household, role = access.household_or_404(household_id, change=True)
    form = forms.LineForm()
    form.provision.choices = _line_choices(household_id, today())
    if not form.validate():
        if "csrf_token" in form.errors:
            abort(400)
        return _render(household, role, status=400, error_list=_errors(form), line_form=form)
    try:
        choice = form.provision.data
        line = service.add_line(
            household_id,
            outcome_id=int(choice) if choice.isdigit() else None,
            integrated=choice == "integrated",
            period_start=form.period_start.data,
            period_end=form.period_end.data,
            allocated_cents=form.allocated.cents,
            provider=form.provider.data,
            staff_id=current_user.id,
        )
    except service.BudgetRefused as refused:
        db.session.rollback()
        message = refused_messages().get(str(refused), str(refused))
        return _render(
            household, role, status=400, error_list=[(form.provision.id, message)], line_form=form
        )
    access.audit("change", f"budget_line:{line.id}", household_id=household_id, role=role)
    db.session.commit()
    flash(_("Budget toegevoegd: %(label)s.", label=line.label))
    return _to_budget(household_id, "budget-regels")


def _line_or_404(household_id: int, line_id: int) -> BudgetLine:
    line = db.session.get(BudgetLine, line_id)
    if line is None or line.household_id != household_id:
        abort(404)
    return line


def _saved_line(line: BudgetLine) -> list[tuple[str, str]]:
    db.session.refresh(line)
    return [
        (_("Einde van de periode"), f"{line.period_end:%d-%m-%Y}"),
        (_("Toegekend budget voor deze periode"), money(line.allocated_cents)),
        (_("Aanbieder"), line.provider or "—"),
    ]


@bp.post("/huishoudens/<int:household_id>/budget/regels/<int:line_id>")
@role_required(*CHANGE_ROLES)
def change_line(household_id: int, line_id: int):
    household, role = access.household_or_404(household_id, change=True)
    line = _line_or_404(household_id, line_id)
    form = forms.ChangeLineForm(prefix=f"regel{line.id}")
    if not form.validate():
        if "csrf_token" in form.errors:
            abort(400)
        return _render(
            household,
            role,
            status=400,
            error_list=_errors(form),
            change_forms={line.id: form},
        )
    if record_versions.stale(line.version) or not record_versions.claim(line):
        db.session.rollback()
        line = _line_or_404(household_id, line_id)
        return _render(
            household,
            role,
            status=409,
            error_list=[(f"regel{line.id}-allocated", record_versions.conflict_message())],
            saved=(line.id, _saved_line(line)),
            change_forms={line.id: form},
        )
    try:
        service.change_line(
            line,
            allocated_cents=form.allocated.cents,
            period_end=form.period_end.data,
            provider=form.provider.data,
        )
    except service.BudgetRefused as refused:
        db.session.rollback()
        message = refused_messages().get(str(refused), str(refused))
        return _render(
            household,
            role,
            status=400,
            error_list=[(f"regel{line_id}-allocated", message)],
            change_forms={line_id: form},
        )
    access.audit("change", f"budget_line:{line.id}", household_id=household_id, role=role)
    db.session.commit()
    flash(_("Budget aangepast: %(label)s.", label=line.label))
    return _to_budget(household_id, f"regel-{line.id}")


@bp.post("/huishoudens/<int:household_id>/budget/uitgaven")
@role_required(*CHANGE_ROLES)
def book(household_id: int):
    household, role = access.household_or_404(household_id, change=True)
    summary = service.summary(household_id, today())
    form = forms.BookingForm()
    form.line.choices = _booking_choices(summary)
    if not form.validate():
        if "csrf_token" in form.errors:
            abort(400)
        return _render(household, role, status=400, error_list=_errors(form), booking_form=form)
    line = _line_or_404(household_id, int(form.line.data))
    try:
        booking = service.book(
            line,
            booked_on=form.booked_on.data,
            amount_cents=form.amount.cents,
            description=form.description.data or "",
            provider=form.provider.data,
            staff_id=current_user.id,
            today=today(),
        )
        db.session.flush()
    except service.BudgetRefused as refused:
        db.session.rollback()
        message = refused_messages().get(str(refused), str(refused))
        return _render(
            household,
            role,
            status=400,
            error_list=[(form.booked_on.id, message)],
            booking_form=form,
        )
    access.audit("change", f"budget_booking:{booking.id}", household_id=household_id, role=role)
    db.session.commit()
    flash(_("Uitgave geboekt op %(label)s.", label=line.label))
    return _to_budget(household_id, "budget-regels")


def _strike_form(line: BudgetLine, **kwargs) -> forms.StrikeForm:
    form = forms.StrikeForm(prefix=f"schrappen{line.id}", **kwargs)
    form.booking.choices = options(
        [("", _("Kies"))]
        + [
            (str(b.id), f"{b.booked_on:%d-%m-%Y} {money(b.amount_cents)} {b.description or ''}")
            for b in line.bookings
            if b.cancelled_at is None
        ]
    )
    return form


@bp.post("/huishoudens/<int:household_id>/budget/regels/<int:line_id>/schrappen")
@role_required(*CHANGE_ROLES)
def strike(household_id: int, line_id: int):
    """Strike out a booking made in error: it stays visible, with the reason, and no longer
    counts as spent (nothing is deleted)."""
    household, role = access.household_or_404(household_id, change=True)
    line = _line_or_404(household_id, line_id)
    form = _strike_form(line)
    if not form.validate():
        if "csrf_token" in form.errors:
            abort(400)
        return _render(
            household, role, status=400, error_list=_errors(form), strike_forms={line.id: form}
        )
    booking = next((b for b in line.bookings if str(b.id) == form.booking.data), None)
    if booking is None:
        abort(404)
    try:
        service.strike(
            booking, reason=form.reason.data, staff_id=current_user.id, moment=clock.now()
        )
    except service.BudgetRefused as refused:
        db.session.rollback()
        message = refused_messages().get(str(refused), str(refused))
        return _render(
            household,
            role,
            status=400,
            error_list=[(form.reason.id, message)],
            strike_forms={line_id: form},
        )
    access.audit(
        "change", f"budget_booking:{booking.id}:struck", household_id=household_id, role=role
    )
    db.session.commit()
    flash(_("Uitgave geschrapt op %(label)s.", label=line.label))
    return _to_budget(household_id, f"regel-{line.id}")


@bp.post("/huishoudens/<int:household_id>/budget/inlezen")
@role_required(*CHANGE_ROLES)
def import_file(household_id: int):
    household, role = access.household_or_404(household_id, change=True)
    form = forms.ImportForm()
    if not form.validate():
        abort(400)  # only the CSRF token can fail here
    upload = request.files.get("file")
    data = upload.read(csv_import.MAX_BYTES + 1) if upload else b""
    rows, problems = service.import_csv(household_id, data, staff_id=current_user.id, today=today())
    if problems:
        db.session.rollback()
        texts = [problem_text(p) for p in problems]
        return _render(
            household,
            role,
            status=400,
            error_list=[
                ("file", _("Er is niets ingelezen. Verbeter het bestand en stuur het opnieuw."))
            ],
            import_problems=texts,
        )
    access.audit("change", f"budget_import:{len(rows)}", household_id=household_id, role=role)
    db.session.commit()
    flash(_("%(count)s uitgaven ingelezen.", count=len(rows)))
    return _to_budget(household_id, "budget-regels")


def editable(cents: int) -> str:
    """Cents as typed in a form, the same in every page language: 245050 → "2450,50"."""
    whole, part = divmod(cents, 100)
    return f"{whole},{part:02d}" if part else str(whole)


def money(cents: int | None) -> str:
    return format_money(cents, str(get_locale() or "nl"))


@bp.app_template_global()
def household_picture(household: Household, role: str) -> dict:
    """What the household file shows of the budget and the network (called by the file's
    template, only there): the budget summary and the picture as SVG with its table."""
    plan = plans.plan_for(household.id)
    picture = network.gather(household, plan_network=plan.network if plan else [])
    return {
        "summary": service.summary(household.id, today()),
        "svg": svg(
            picture,
            title=_("Netwerk van huishouden %(id)s", id=household.id),
            ident=f"netwerk-{household.id}",
        ),
        "rows": network.rows(picture),
    }
