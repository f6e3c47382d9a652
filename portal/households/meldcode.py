"""The Meldcode huiselijk geweld en kindermishandeling as a checklist in the household file
(issue #12). When the intake shows signs of violence or an unsafe home, or once a step was
recorded, the contact person works the five steps of the Besluit verplichte meldcode (art. 2,
legal-facts-2 §5.1) with the afwegingskader of 2019 in steps 4 and 5 (§5.2). Each step is
recorded with who, when and what was decided, in the case log too, and visible to everyone who
may open the file (contact person, team lead). The next open step has a due date that the
caseload shows.

The meldcode sets no terms. Our choice, noted in docs/households.md: the first step is due 5
working days after the intake that showed the signs, each next step 5 working days after the
previous one; a report to Veilig Thuis in doubt is never waited for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal import clock
from portal.dutch_time import dutch_date
from portal.extensions import db
from portal.households import assignment, sensitivity
from portal.households.models import MeldcodeStep
from portal.models import Household, Intake, StaffMember
from verordening.deadlines import due_date

STEP_TERM = {"length": 5, "unit": "working_days"}  # our working agreement, not law

STEPS = {
    1: (
        _l("Signalen in kaart brengen"),
        _l("Leg vast wat u zag of hoorde, en van wie. Kijk ook naar de kinderen (kindcheck)."),
    ),
    2: (
        _l("Collegiale consultatie en zo nodig Veilig Thuis raadplegen"),
        _l("Bespreek de signalen met een collega. Twijfelt u? Vraag Veilig Thuis om advies."),
    ),
    3: (
        _l("Gesprek met de inwoner"),
        _l("Bespreek de signalen met de inwoner, op een plek en manier die veilig is."),
    ),
    4: (
        _l("Wegen met het afwegingskader"),
        _l(
            "Is er een vermoeden van geweld? Is er acute of structurele onveiligheid? Dan melden "
            "bij Veilig Thuis. Twijfelt u? Raadpleeg altijd Veilig Thuis."
        ),
    ),
    5: (
        _l("Beslissen: hulp organiseren en/of melden"),
        _l(
            "Kunt u passende hulp bieden of organiseren, en werkt de inwoner mee? Leidt die hulp "
            "op tijd tot veiligheid? Zo niet: melden bij Veilig Thuis."
        ),
    ),
}
OUTCOMES = {
    "help": _l("Hulp organiseren"),
    "report": _l("Melden bij Veilig Thuis"),
    "help_and_report": _l("Hulp organiseren én melden bij Veilig Thuis"),
}


class StepRefused(ValueError):
    """A record that cannot be right: unknown step, no decision, a date in the future."""


@dataclass
class StepView:
    number: int
    title: str
    help: str
    latest: MeldcodeStep | None
    due_on: date | None  # for the next open step only


def signal_intake(household: Household) -> Intake | None:
    """The first intake whose answers show violence or an unsafe home, if any."""
    for intake in sorted(household.intakes, key=lambda i: i.id):
        if sensitivity.tells_of_unsafe_home(intake.answers):
            return intake
    return None


def records(household_id: int) -> list[MeldcodeStep]:
    return list(
        db.session.scalars(
            select(MeldcodeStep)
            .where(MeldcodeStep.household_id == household_id)
            .order_by(MeldcodeStep.recorded_at, MeldcodeStep.id)
        )
    )


def applies(household: Household) -> bool:
    return signal_intake(household) is not None or bool(records(household.id))


def next_due(household: Household) -> date | None:
    """When the next open step is due; None when all five are done or nothing applies."""
    rows = records(household.id)
    done = {row.step: row for row in rows}
    if len(done) == len(STEPS):
        return None
    if done:
        last = max(done.values(), key=lambda r: (r.done_on, r.step))
        return due_date(STEP_TERM, last.done_on)
    signal = signal_intake(household)
    if signal is None:
        return None
    return due_date(STEP_TERM, dutch_date(signal.submitted_at))


def checklist(household: Household) -> list[StepView]:
    latest: dict[int, MeldcodeStep] = {}
    for row in records(household.id):
        latest[row.step] = row
    due = next_due(household)
    first_open = next((n for n in STEPS if n not in latest), None)
    return [
        StepView(
            number,
            str(title),
            str(help_text),
            latest.get(number),
            due if number == first_open else None,
        )
        for number, (title, help_text) in STEPS.items()
    ]


def record(
    household: Household,
    *,
    step: int,
    who: str,
    done_on: date,
    decision: str,
    outcome: str | None,
    by: StaffMember,
) -> MeldcodeStep:
    """Record one step (the caller audits and commits; portal/services/meldcode.py refreshes
    the caseload's due date, which shows the next step)."""
    if step not in STEPS:
        raise StepRefused("step")
    if not (who or "").strip() or not (decision or "").strip():
        raise StepRefused("empty")
    if done_on > dutch_date(clock.now()):
        raise StepRefused("future")
    if step == 5 and outcome not in OUTCOMES:
        raise StepRefused("outcome")
    row = MeldcodeStep(
        household_id=household.id,
        step=step,
        who=who.strip(),
        done_on=done_on,
        decision=decision.strip(),
        outcome=outcome if step == 5 else None,
        recorded_at=clock.now(),
        recorded_by_id=by.id,
    )
    db.session.add(row)
    db.session.flush()
    title = STEPS[step][0]
    assignment.log(
        household.id, by.id, "meldcode", f"Meldcode stap {step} ({title}): {row.decision}"
    )
    return row
