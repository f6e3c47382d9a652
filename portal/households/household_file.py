"""What the household file page shows, gathered in one place: members, every intake with its
answers under readable labels, every outcome with its explanation, the contact history, the
case log, the stuck flag and the consents.

Outcomes are read from the intake's stored evaluation (what the verordening made of it then).
Their follow-up status comes from the caseload package (table `household_outcome`, one row per
outcome, matched by intake, rule and member).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from babel.numbers import format_decimal
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from forms.contract import facts_catalogue
from portal.caseload.forms import status_labels
from portal.caseload.models import HouseholdOutcome
from portal.extensions import db
from portal.households import assignment, moves, reach
from portal.households.models import CaseLogEntry, Consent, HouseholdCase
from portal.i18n import explanation_text, localized
from portal.models import Household, Intake


@dataclass
class Answer:
    label: str
    value: str


@dataclass
class AnswerGroup:
    title: str
    answers: list[Answer] = field(default_factory=list)


@dataclass
class Outcome:
    for_whom: str
    provision: str
    regime: str
    article: str
    law_article: str
    explanation: str
    because: list[str]
    urgent: bool
    status: str | None
    # possible: the rule may apply; the gemeente checks these answers itself (issue #11)
    to_check: list[str] | None = None
    urgency_unconfirmed: bool = False
    # the numbers the rule worked with (norm, ratio, limits), for the contact person to check
    numbers: list[str] = field(default_factory=list)


@dataclass
class IntakeView:
    intake: Intake
    groups: list[AnswerGroup]
    outcomes: list[Outcome]


def _value(value: Any) -> str:
    if value is True:
        return _("Ja")
    if value is False:
        return _("Nee")
    if value is None:
        return _("Weet niet / niet ingevuld")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _label(fact, english: bool) -> str:
    return (fact.title_en if english else fact.title_nl) or fact.path


def answer_groups(answers: dict) -> list[AnswerGroup]:
    """The answers per person and for the household, labelled from the facts catalogue."""
    english = str(get_locale() or "nl") == "en"
    catalogue = facts_catalogue()
    groups = []
    story = answers.get("story") or {}
    told = AnswerGroup(_("Het verhaal"))
    for key, label in (
        ("question", _("De vraag")),
        ("goals", _("Wat zij willen bereiken")),
        ("own_efforts", _("Wat zij zelf al doen")),
        ("network_efforts", _("Wat hun netwerk al doet")),
        ("professionals_involved", _("Welke hulpverleners er al zijn")),
    ):
        if story.get(key):
            told.answers.append(Answer(label, str(story[key])))
    if told.answers:
        groups.append(told)
    for member in answers.get("members") or []:
        name = " ".join(p for p in (member.get("given_name"), member.get("family_name")) if p)
        group = AnswerGroup(name or _("Iemand in het huishouden"))
        _collect(group, member, "member", catalogue, english)
        groups.append(group)
    household = AnswerGroup(_("Het hele huishouden"))
    _collect(household, answers.get("household") or {}, "household", catalogue, english)
    if household.answers:
        groups.append(household)
    return groups


def _collect(group: AnswerGroup, data: dict, scope: str, catalogue: dict, english: bool) -> None:
    for domain, values in data.items():
        if not isinstance(values, dict):
            continue
        for name, value in values.items():
            fact = catalogue.get(f"{scope}.{domain}.{name}")
            if fact is not None:
                group.answers.append(Answer(_label(fact, english), _value(value)))


def outcome_statuses(intake_id: int) -> dict[tuple[str, str | None], str]:
    """The follow-up status per (rule_id, member_id), from the caseload package's
    `household_outcome` rows (labelled as the caseload pages label them)."""
    labels = status_labels()
    rows = db.session.execute(
        select(HouseholdOutcome.rule_id, HouseholdOutcome.member_id, HouseholdOutcome.status).where(
            HouseholdOutcome.intake_id == intake_id
        )
    )
    return {(r.rule_id, r.member_id): str(labels.get(r.status, r.status)) for r in rows}


def outcomes(intake: Intake) -> list[Outcome]:
    evaluation = intake.evaluation or {}
    names = {
        m.get("id"): " ".join(p for p in (m.get("given_name"), m.get("family_name")) if p)
        for m in (intake.answers or {}).get("members") or []
    }
    statuses = outcome_statuses(intake.id)
    household = evaluation.get("household") or {}
    found = [
        (_("Het hele huishouden"), o)
        for o in (household.get("outcomes") or []) + (household.get("possible") or [])
    ]
    for member in evaluation.get("members") or []:
        who = names.get(member.get("member_id")) or _("Iemand in het huishouden")
        found += [(who, o) for o in (member.get("outcomes") or []) + (member.get("possible") or [])]
    result = []
    for who, o in found:
        article = o.get("article") or {}
        because = []
        for b in o.get("because") or []:
            line = f"{localized(b.get('label'))}: {localized(b.get('value_text'))}"
            if b.get("member_id") and names.get(b["member_id"]):
                line += f" ({names[b['member_id']]})"
            because.append(line)
        result.append(
            Outcome(
                for_whom=who,
                provision=localized((o.get("provision") or {}).get("name")),
                regime=localized((o.get("regime") or {}).get("name")),
                article=" ".join(
                    p
                    for p in (
                        localized(article.get("number")),
                        localized(article.get("title")),
                    )
                    if p
                ),
                law_article=localized(o.get("law_article")),
                explanation=explanation_text(localized(o.get("explanation"))),
                because=because,
                urgent=o.get("urgency") == "urgent",
                status=statuses.get((o.get("rule_id"), o.get("member_id"))),
                to_check=[localized(c.get("label")) for c in o["to_check"]]
                if "to_check" in o
                else None,
                urgency_unconfirmed=bool(o.get("urgency_unconfirmed")),
                numbers=[_number(n) for n in o.get("numbers") or []],
            )
        )
    return result


def _number(item: dict) -> str:
    value = item.get("value")
    if isinstance(value, float):
        value = format_decimal(round(value, 2), locale=str(get_locale() or "nl"))
    return f"{item.get('name')} = {value}"


def build(household: Household) -> dict:
    intakes = sorted(household.intakes, key=lambda i: i.submitted_at, reverse=True)
    log = db.session.scalars(
        select(CaseLogEntry)
        .where(CaseLogEntry.household_id == household.id)
        .order_by(CaseLogEntry.at, CaseLogEntry.id)
    ).all()
    consents = db.session.scalars(
        select(Consent).where(Consent.household_id == household.id).order_by(Consent.given_at)
    ).all()
    return {
        "intakes": [IntakeView(i, answer_groups(i.answers or {}), outcomes(i)) for i in intakes],
        "contact": assignment.active_assignment(household.id),
        "history": assignment.history(household.id),
        "log": log,
        "case": db.session.get(HouseholdCase, household.id),
        "consents": consents,
        "moves": moves.history(household.id),
        "reach": reach.latest(household),
    }
