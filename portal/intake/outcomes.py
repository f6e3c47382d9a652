"""What the verordening made of an intake, as the resident reads it on the confirmation page:
per person, which help and why, and the date by which the gemeente must act.

Safety: when the answers signal violence or an unsafe home, nothing on the page may show that.
The safety outcomes are left out, no explanation repeats the answers, and one discreet line
with the Veilig Thuis number takes their place."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from portal.households.sensitivity import unsafe
from portal.i18n import explanation_text, localized
from verordening.deadlines import due_date
from verordening.intake_schema import load_catalogue

SAFETY_DOMAIN = "safety"
SAFETY_FACTS = "household.safety."
VEILIG_THUIS_PHONE = "0800 2000"
MAX_STILL_TO_ASK = 10


@dataclass
class Help:
    provision: str
    regime: str
    kind: str
    explanation: str
    urgent: bool
    due: str | None
    due_on: date | None
    deadline_text: str | None
    body: str = ""  # for a referral: where to go (huisarts, UWV, ...)
    evidence: list[str] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)  # 'U gaf aan': the answers that counted
    # "possible": it may apply; the gemeente checks these answers itself (issue #11)
    possible: bool = False
    to_check: list[str] = field(default_factory=list)
    # urgent only because we do not know yet how urgent: the resident is told so
    urgency_unconfirmed: bool = False


@dataclass
class ForWhom:
    name: str
    helps: list[Help]


def _touches_safety(outcome: dict) -> bool:
    return outcome.get("life_domain") == SAFETY_DOMAIN or any(
        (b.get("path") or "").startswith(SAFETY_FACTS) for b in outcome.get("because") or []
    )


KIND_TEXT = {
    "algemene_voorziening": lambda: _("U kunt dit krijgen zonder aanvraag."),
    "melding": lambda: _("De gemeente onderzoekt samen met u wat u nodig heeft."),
    "aanvraag": lambda: _("Dit is een aanvraag. De gemeente beslist erover."),
    "referral": lambda: _("Voor deze hulp wijzen wij u de weg naar een andere organisatie."),
}


# Facts the engine uses to tell people apart; saying them back to a resident adds nothing.
TECHNICAL_FACTS = {"member.is_applicant", "member.role"}


def _help(
    outcome: dict, submitted_on: date, discreet: bool, names: dict, applicant: str | None = None
) -> Help:
    # The engine's explanation ends with the answers that counted, named by member id; we
    # show the B1 text and list those answers ourselves, with names (none when discreet).
    explanation = explanation_text(localized(outcome.get("explanation")))
    answers = [] if discreet else _answers(outcome, names, applicant)
    deadline = outcome.get("deadline")
    due_on = due_date(deadline, submitted_on) if deadline else None
    return Help(
        provision=localized((outcome.get("provision") or {}).get("name")),
        regime=localized((outcome.get("regime") or {}).get("name")),
        kind=KIND_TEXT.get(outcome.get("kind"), lambda: "")(),
        explanation=explanation,
        urgent=outcome.get("urgency") == "urgent",
        due=format_date(due_on, "long") if due_on else None,
        due_on=due_on,
        deadline_text=localized(deadline.get("description")) if deadline else None,
        body=localized((outcome.get("regime") or {}).get("body")),
        evidence=[localized(e) for e in outcome.get("evidence") or []],
        answers=answers,
        possible="to_check" in outcome,
        to_check=[localized(c.get("label")) for c in outcome.get("to_check") or []],
        urgency_unconfirmed=bool(outcome.get("urgency_unconfirmed")),
    )


def _answers(outcome: dict, names: dict, applicant: str | None = None) -> list[str]:
    """What the resident told that led to this help, in their own words where the schema has
    them ("U voelt zich eenzaam"). A "no" a rule needs is not something they asked for, so it
    is not listed (issue #13)."""
    facts = load_catalogue().facts
    result = []
    for because in outcome.get("because") or []:
        path, value = because.get("path"), because.get("value")
        if path in TECHNICAL_FACTS or value is False or value is None:
            continue
        member_id = because.get("member_id")
        someone_else = member_id and member_id != outcome.get("member_id") and names.get(member_id)
        # "U ..." fits what the reader (the applicant) said of the household or of themselves
        said = facts[path].said if path in facts else None
        if value is True and said and member_id in (None, applicant):
            result.append(localized(said))
            continue
        line = f"{localized(because.get('label'))}: {localized(because.get('value_text'))}"
        if someone_else:
            line += f" ({names[member_id]})"
        result.append(line)
    return result


def overview(evaluation: dict, answers: dict, submitted_on: date) -> dict:
    discreet = unsafe(answers) or any(_touches_safety(o) for o in _all_outcomes(evaluation))
    names = {
        m["id"]: (_("uzelf") if m.get("role") == "applicant" else m.get("given_name") or "")
        for m in answers.get("members") or []
    }
    applicant = next(
        (m["id"] for m in answers.get("members") or [] if m.get("role") == "applicant"), None
    )
    groups: list[ForWhom] = []
    household = [
        _help(o, submitted_on, discreet, names, applicant)
        for o in _shown(evaluation.get("household") or {})
        if not (discreet and _touches_safety(o))
    ]
    if household:
        groups.append(ForWhom(_("uw hele huishouden"), household))
    for member in evaluation.get("members") or []:
        helps = [
            _help(o, submitted_on, discreet, names, applicant)
            for o in _shown(member)
            if not (discreet and _touches_safety(o))
        ]
        if helps:
            groups.append(ForWhom(names.get(member.get("member_id"), ""), helps))
    nothing = evaluation.get("nothing_applies")
    still_to_ask = []
    # the engine's first ask-list (safety first, most decisive next); older evaluations
    # stored before it existed have only "missing"
    for fact in evaluation.get("ask_first") or evaluation.get("missing") or []:
        if (fact.get("path") or "").startswith(SAFETY_FACTS):
            continue  # never listed: someone may read along
        label = localized(fact.get("label"))
        who = names.get(fact.get("member_id"))
        still_to_ask.append(f"{label} ({who})" if who else label)
    dates = [h.due_on for g in groups for h in g.helps if h.due_on]
    return {
        "first_due": format_date(min(dates), "long") if dates else None,
        "still_to_ask": still_to_ask[:MAX_STILL_TO_ASK],
        "groups": groups,
        "discreet": discreet,
        "urgent": evaluation.get("triage") == "urgent",
        # Nothing fired yet, but open questions could still lead to help: never say "nothing".
        "incomplete": evaluation.get("triage") == "incomplete",
        "nothing_applies": localized((nothing or {}).get("explanation")) if nothing else None,
        "where_else": [
            {"name": localized(w.get("name")), "contact": localized(w.get("contact"))}
            for w in (nothing or {}).get("where_else") or []
        ],
        "veilig_thuis": VEILIG_THUIS_PHONE,
    }


def _shown(part: dict) -> list[dict]:
    """The outcomes of the household or of one member, then what is possible for them."""
    return list(part.get("outcomes") or []) + list(part.get("possible") or [])


def _all_outcomes(evaluation: dict) -> list[dict]:
    found = list((evaluation.get("household") or {}).get("outcomes") or [])
    for member in evaluation.get("members") or []:
        found.extend(member.get("outcomes") or [])
    return found
