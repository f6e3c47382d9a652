"""Escalations, the casusplatform, its actions, the decision and the evaluation: the feature's
own tables, written inside the caller's transaction (flush, never commit). What else changes
with them (the case log, the caseload's due dates) is done by portal/services/escalations.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from portal import clock
from portal.dutch_time import dutch_date, today
from portal.escalations.models import (
    DECIDED,
    EVALUATED,
    PLATFORM,
    TARGET_DAYS,
    Barrier,
    CasePlatform,
    Escalation,
    OntschotterMandate,
    PlatformAction,
    PlatformParticipant,
)
from portal.extensions import db
from portal.models import StaffMember


class Refused(ValueError):
    """The step cannot be taken; str(refused) is the key of the message the page shows."""


@dataclass(frozen=True)
class Timer:
    """The visible clock of an escalation: three weeks from the day it was raised, counted in
    days in the Netherlands by the app's clock; it stops at the breakthrough decision."""

    raised_on: date
    target_on: date
    days: int  # days running (or days it took, once decided)
    stopped: bool
    days_left: int  # negative: that many days past the target

    @property
    def over(self) -> bool:
        return self.days_left < 0

    @property
    def weeks_target(self) -> int:
        return TARGET_DAYS // 7


def timer(escalation: Escalation, on: date | None = None) -> Timer:
    stopped = escalation.days_to_breakthrough is not None
    if stopped:
        days = escalation.days_to_breakthrough
        end = escalation.raised_on + timedelta(days=days)
    else:
        end = on or today()
        days = (end - escalation.raised_on).days
    return Timer(
        raised_on=escalation.raised_on,
        target_on=escalation.target_on,
        days=days,
        stopped=stopped,
        days_left=(escalation.target_on - end).days,
    )


def raise_escalation(
    household_id: int,
    *,
    need: str,
    tried: str,
    barriers: list[tuple[str, str, str | None]],
    by: StaffMember,
) -> Escalation:
    if not barriers:
        raise Refused("barriers")
    moment = clock.now()
    raised_on = dutch_date(moment)
    escalation = Escalation(
        household_id=household_id,
        raised_by_id=by.id,
        raised_at=moment,
        raised_on=raised_on,
        target_on=raised_on + timedelta(days=TARGET_DAYS),
        need=need,
        tried=tried,
        status="raised",
    )
    for side_a, side_b, note in barriers:
        if side_a == side_b:
            raise Refused("same_side")
        first, second = sorted((side_a, side_b))
        escalation.barriers.append(Barrier(side_a=first, side_b=second, note=note or None))
    db.session.add(escalation)
    db.session.flush()
    return escalation


def open_escalation(household_id: int) -> Escalation | None:
    """The household's escalation that has no breakthrough decision yet (at most one runs)."""
    return db.session.scalars(
        select(Escalation).where(
            Escalation.household_id == household_id,
            Escalation.days_to_breakthrough.is_(None),
        )
    ).first()


def of_household(household_id: int) -> list[Escalation]:
    return list(
        db.session.scalars(
            select(Escalation)
            .where(Escalation.household_id == household_id)
            .order_by(Escalation.raised_at.desc(), Escalation.id.desc())
        )
    )


def save_platform(
    escalation: Escalation,
    *,
    held_on: date,
    first_problem: str,
    participants: list[tuple[str, str, str]],
    by: StaffMember,
) -> CasePlatform:
    if not participants:
        raise Refused("participants")
    platform = escalation.platform
    if platform is None:
        platform = CasePlatform(escalation_id=escalation.id, convened_by_id=by.id)
        escalation.platform = platform
    platform.held_on = held_on
    platform.first_problem = first_problem
    platform.participants = [
        PlatformParticipant(name=name, organisation=organisation, role=role)
        for name, organisation, role in participants
    ]
    if escalation.status == "raised":
        escalation.status = PLATFORM
    db.session.flush()
    return platform


def add_action(
    escalation: Escalation, *, what: str, owner: StaffMember, due_on: date
) -> PlatformAction:
    if escalation.platform is None:
        raise Refused("no_platform")
    if not owner.active or not owner.has_role(*OWNER_ROLES):
        raise Refused("owner")
    action = PlatformAction(
        platform_id=escalation.platform.id,
        household_id=escalation.household_id,
        what=what,
        owner_id=owner.id,
        due_on=due_on,
        created_at=clock.now(),
    )
    db.session.add(action)
    db.session.flush()
    return action


# Who can own an action: staff who have a caseload or the escalations list to see it on.
OWNER_ROLES = ("contact_person", "team_lead", "ontschotter")


def possible_owners() -> list[StaffMember]:
    people = db.session.scalars(
        select(StaffMember).where(StaffMember.active.is_(True)).order_by(StaffMember.display_name)
    )
    return [p for p in people if p.has_role(*OWNER_ROLES)]


def finish_action(action: PlatformAction) -> bool:
    """Mark done; False when it was done already (a second click changes nothing)."""
    if action.done_at is not None:
        return False
    action.done_at = clock.now()
    db.session.flush()
    return True


def mandate_of(staff: StaffMember) -> OntschotterMandate | None:
    return db.session.get(OntschotterMandate, staff.id)


def has_mandate(staff: StaffMember) -> bool:
    """Only an active ontschotter whose mandate an admin switched on decides and pays."""
    found = mandate_of(staff)
    return bool(staff.has_role("ontschotter") and found is not None and found.granted)


def decide(
    escalation: Escalation,
    *,
    by: StaffMember,
    decision: str,
    authority: str,
    effect: str,
    purpose_of_law: str,
    weighing: str,
    route: str,
) -> CasePlatform:
    """Record the breakthrough decision; the clock stops. Refused without a mandate, before a
    platform was held, or when already decided."""
    if not has_mandate(by):
        raise Refused("mandate")
    platform = escalation.platform
    if platform is None:
        raise Refused("no_platform")
    if platform.decided_at is not None:
        raise Refused("decided")
    moment = clock.now()
    platform.decision = decision
    platform.authority = authority
    platform.effect = effect
    platform.purpose_of_law = purpose_of_law
    platform.weighing = weighing
    platform.route = route
    platform.decided_by_id = by.id
    platform.decided_at = moment
    platform.decided_on = dutch_date(moment)
    escalation.days_to_breakthrough = (platform.decided_on - escalation.raised_on).days
    escalation.status = DECIDED
    db.session.flush()
    return platform


def evaluate(
    escalation: Escalation, *, by: StaffMember, outcome: str, schot: str, note: str | None
) -> CasePlatform:
    platform = escalation.platform
    if platform is None or platform.decided_at is None:
        raise Refused("not_decided")
    platform.evaluation = outcome
    platform.evaluation_schot = schot
    platform.evaluation_note = note or None
    platform.evaluated_by_id = by.id
    platform.evaluated_at = clock.now()
    escalation.status = EVALUATED
    db.session.flush()
    return platform


def next_action_due(household_id: int) -> date | None:
    """The earliest due date of the household's open platform actions (for the caseload)."""
    return db.session.scalar(
        select(func.min(PlatformAction.due_on)).where(
            PlatformAction.household_id == household_id, PlatformAction.done_at.is_(None)
        )
    )


def open_actions_for(staff_id: int) -> list[tuple[PlatformAction, int]]:
    """The open actions this staff member owns with their escalation's id, what is due first on
    top: one query, however many there are (the caseload page's query count stays fixed)."""
    rows = db.session.execute(
        select(PlatformAction, CasePlatform.escalation_id)
        .join(CasePlatform, CasePlatform.id == PlatformAction.platform_id)
        .where(PlatformAction.owner_id == staff_id, PlatformAction.done_at.is_(None))
        .order_by(PlatformAction.due_on, PlatformAction.id)
    )
    return [(action, escalation_id) for action, escalation_id in rows]


def escalation_of_action(action: PlatformAction) -> Escalation:
    return db.session.scalar(
        select(Escalation)
        .join(CasePlatform, CasePlatform.escalation_id == Escalation.id)
        .where(CasePlatform.id == action.platform_id)
    )
