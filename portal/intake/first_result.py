"""The first result (issue #13, 'screening first'): after the first questions, which help is
likely for this household, about how much where the verordening has an amount to base it on,
and what applying takes. The real verordening engine reads the answers so far (the same draft,
exported as the intake would be); nothing is stored but the draft's own state.

Amounts: only where the verordening gives a basis, a rule's `estimate_per_month` (bijstand and
the SVB's AIO fill the income up to the household's social minimum, Participatiewet art. 19,
21, 22, 22a), worked out by the engine. Every amount names the norms it comes from with their
reference, and says so when the value in force is not verified. Help without an estimate in
the verordening gets no amount."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import g, redirect, render_template, url_for
from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _

from forms.contract import normalise_intake
from portal import rulebook as rules
from portal.dutch_time import today
from portal.households.sensitivity import unsafe
from portal.i18n import explanation_text, localized
from portal.intake import journey, pageforms, store
from portal.intake.access import with_open_draft
from portal.intake.outcomes import KIND_TEXT, VEILIG_THUIS_PHONE, _touches_safety
from portal.intake.views import bp
from portal.intake_form import registry


@dataclass
class Estimate:
    amount: str  # '1.402' (Dutch notation)
    sources: list[str]  # 'Bijstandsnorm alleenstaande (Participatiewet art. 21 sub a)'
    verified: bool


@dataclass
class Likely:
    provision: str
    for_whom: str
    kind: str
    explanation: str
    possible: bool
    estimate: Estimate | None
    evidence: list[str] = field(default_factory=list)
    term: str | None = None
    to_check: list[str] = field(default_factory=list)
    urgent: bool = False


def _term(deadline: dict | None) -> str | None:
    """How long the gemeente may take, in words, without article numbers."""
    if not deadline or not deadline.get("length"):
        return None
    n = int(deadline["length"])
    unit = deadline.get("unit")
    if unit == "weeks":
        return ngettext(
            "De gemeente beslist binnen %(num)s week.",
            "De gemeente beslist binnen %(num)s weken.",
            n,
        )
    if unit == "working_days":
        return ngettext(
            "De gemeente reageert binnen %(num)s werkdag.",
            "De gemeente reageert binnen %(num)s werkdagen.",
            n,
        )
    if unit == "days":
        return ngettext(
            "De gemeente reageert binnen %(num)s dag.",
            "De gemeente reageert binnen %(num)s dagen.",
            n,
        )
    return None


def _estimate(outcome: dict, verordening, on: date) -> Estimate | None:
    """The amount the verordening itself works out for this help (a rule's
    `estimate_per_month`), with the amounts it comes from: only where there is a basis."""
    estimate = outcome.get("estimate")
    if not estimate:
        return None
    sources, verified = [], True
    for number in estimate.get("numbers") or []:
        if not number["name"].startswith("param."):
            continue
        parameter = verordening.parameters.get(number["name"].removeprefix("param."))
        if parameter is None or not parameter.unit.startswith("EUR"):
            continue  # an age or a percentage chose which norm applies; the norm is the source
        # the law, not our own notes on where a value was read ('legal-facts §5')
        law = "; ".join(
            part.strip()
            for part in parameter.reference.split(";")
            if not part.strip().startswith("legal-facts")
        )
        name = localized(parameter.description.to_dict())
        sources.append(f"{name} ({law})" if law else name)
        verified = verified and parameter.status_on(on)[0] == "verified"  # the value in force
    return Estimate(
        amount=format_decimal(round(estimate["per_month"]), format="#,##0"),
        sources=sources,
        verified=verified,
    )


def _likely(outcome: dict, names: dict, verordening, possible: bool, on: date) -> Likely:
    rule = verordening.rules_by_id.get(outcome.get("rule_id"))
    evidence = outcome.get("evidence")
    if evidence is None and rule is not None:
        evidence = [e.to_dict() for e in rule.evidence]
    member_id = outcome.get("member_id")
    return Likely(
        provision=localized((outcome.get("provision") or {}).get("name")),
        for_whom=names.get(member_id) or _("uw huishouden"),
        kind=KIND_TEXT.get(outcome.get("kind"), lambda: "")(),
        explanation=explanation_text(localized(outcome.get("explanation"))),
        possible=possible,
        estimate=_estimate(outcome, verordening, on),
        evidence=[localized(e) for e in evidence or []],
        term=_term(outcome.get("deadline")),
        to_check=[localized(c.get("label")) for c in outcome.get("to_check") or []],
        urgent=outcome.get("urgency") == "urgent",
    )


def work_out(ctx) -> dict:
    """What the first result page shows, from the answers so far."""
    on = today()
    ctx.today = on
    answers = normalise_intake(registry.export(ctx))
    verordening = rules.in_force(on)
    evaluation = rules.registry().evaluate(answers, on).to_dict()
    outcomes = [(o, False) for o in (evaluation.get("household") or {}).get("outcomes") or []]
    outcomes += [(o, True) for o in (evaluation.get("household") or {}).get("possible") or []]
    for member in evaluation.get("members") or []:
        outcomes += [(o, False) for o in member.get("outcomes") or []]
        outcomes += [(o, True) for o in member.get("possible") or []]
    danger = unsafe(answers) or any(_touches_safety(o) for o, _possible in outcomes)
    names = {
        m["id"]: pageforms.member_label(ctx, m)
        for m in ctx.members
        if m.get("id") and m.get("role") != "applicant"
    }
    likely = [
        _likely(o, names, verordening, possible, on)
        for o, possible in outcomes
        # the safety help is named once, at the top, without repeating what was answered
        if not (danger and _touches_safety(o))
    ]
    # urgent first, then what has an amount, in the engine's order otherwise
    likely.sort(key=lambda h: (not h.urgent, h.estimate is None))
    return {
        "danger": danger,
        "likely": likely,
        "veilig_thuis": VEILIG_THUIS_PHONE,
    }


@bp.get("/eerste-uitkomst")
@with_open_draft
def first_result():
    draft = g.draft
    ctx = store.context(draft)
    if not journey.past_screening(ctx):
        page = journey.first_undone(ctx)
        if page is not None and page.step.screening:
            return redirect(journey.page_url(page), code=303)
    result = work_out(ctx)
    journey.leave_screening(ctx)
    store.save(draft, ctx)
    following = journey.first_undone(ctx)
    return render_template(
        "intake/first_result.html",
        result=result,
        next_url=journey.page_url(following) if following else url_for("intake.check"),
        back_url=url_for("intake.step", step_id="onderwerpen"),
    )
