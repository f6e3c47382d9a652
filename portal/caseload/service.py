"""Caseload: outcome rows written when an intake is filed, status changes, the summary per
household, and the contact person's caseload read with keyset paging (never OFFSET)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Select, func, select, tuple_

from portal.caseload.models import (
    NOTHING_DUE,
    HouseholdDue,
    HouseholdOutcome,
    HouseholdOutcomeStatusChange,
)
from portal.dutch_time import dutch_date, today
from portal.extensions import db
from portal.households.models import ContactAssignment, TeamMembership
from portal.models import Household, HouseholdMember, Intake, StaffMember
from verordening.deadlines import due_date

NEW, IN_ONDERZOEK, GRANTED, REFUSED, REFERRED, CLOSED = (
    "new",
    "in_onderzoek",
    "granted",
    "refused",
    "referred",
    "closed",
)
STATUSES = (NEW, IN_ONDERZOEK, GRANTED, REFUSED, REFERRED, CLOSED)
# The term runs while we still have to act: after a decision the deadline has been met.
RUNNING = (NEW, IN_ONDERZOEK)
TRANSITIONS: dict[str, tuple[str, ...]] = {
    NEW: (IN_ONDERZOEK, REFERRED),
    IN_ONDERZOEK: (GRANTED, REFUSED, REFERRED),
    GRANTED: (CLOSED,),
    REFUSED: (CLOSED,),
    REFERRED: (CLOSED,),
    CLOSED: (),
}
TRIAGES = ("urgent", "multi_domain", "single_question", "incomplete", "nothing_applies")
PAGE_SIZE = 25


class StatusChangeRefused(ValueError):
    """The outcome cannot go from its status to the one asked for."""


def record_outcomes(intake: Intake) -> list[HouseholdOutcome]:
    """One row per outcome of `intake` (household and members), and the household summary.

    A later intake adds rows; earlier rows stay as they are. Runs inside the caller's
    transaction (flushes, never commits); the summary is refreshed by the caller
    (portal/services/due_dates.py).
    """
    evaluation = intake.evaluation or {}
    started_on = dutch_date(intake.submitted_at)
    outcomes = list((evaluation.get("household") or {}).get("outcomes") or [])
    for member in evaluation.get("members") or []:
        outcomes.extend(member.get("outcomes") or [])
    household_id = intake.household_id if intake.household_id else intake.household.id
    rows = []
    for outcome in outcomes:
        deadline = outcome.get("deadline")
        rows.append(
            HouseholdOutcome(
                household_id=household_id,
                intake_id=intake.id,
                member_id=outcome.get("member_id"),
                rule_id=outcome["rule_id"],
                regime=outcome["regime"]["id"],
                provision_id=outcome["provision"]["id"],
                provision_name=dict(outcome["provision"].get("name") or {}),
                kind=outcome["kind"],
                urgency=outcome.get("urgency") or "normal",
                deadline_id=deadline["id"] if deadline else None,
                status=NEW,
                started_on=started_on,
                due_on=due_date(deadline, started_on) if deadline else None,
            )
        )
    db.session.add_all(rows)
    db.session.flush()
    return rows


def refresh_due(
    household_id: int,
    latest_intake: Intake | None = None,
    *,
    plan_evaluation: date | None = None,
    meldcode_step: date | None = None,
    destruction_due: date | None = None,
    post_action: date | None = None,
    platform_action: date | None = None,
) -> HouseholdDue:
    """Recompute the household's summary from its outcome rows (one query, one household) and
    the other dates that are due: the plan's evaluation date, the meldcode's next step and the
    first open action of a casusplatform.
    Called only by portal/services/due_dates.py, which knows where those dates are."""
    outcomes = db.session.scalars(
        select(HouseholdOutcome)
        .where(HouseholdOutcome.household_id == household_id)
        .order_by(HouseholdOutcome.id)
    ).all()
    due = db.session.get(HouseholdDue, household_id)
    if due is None:
        due = HouseholdDue(household_id=household_id)
        db.session.add(due)
    running = [o for o in outcomes if o.status in RUNNING]
    with_date = [o for o in running if o.due_on is not None]
    first = min(with_date, key=lambda o: (o.due_on, o.id)) if with_date else None
    due.next_due_on = first.due_on if first else None
    due.due_sort = first.due_on if first else NOTHING_DUE
    due.next_due_outcome_id = first.id if first else None
    due.due_kind = "outcome" if first else None
    # The plan's evaluation date is due as well (issue #5); the row then has no outcome, and the
    # caseload page says "Evaluatie plan".
    if plan_evaluation is not None and (first is None or plan_evaluation < first.due_on):
        due.next_due_on = due.due_sort = plan_evaluation
        due.next_due_outcome_id = None
        due.due_kind = "plan"
    # The next step of the meldcode, when signs of violence were seen (issue #12).
    if meldcode_step is not None and (due.next_due_on is None or meldcode_step < due.next_due_on):
        due.next_due_on = due.due_sort = meldcode_step
        due.next_due_outcome_id = None
        due.due_kind = "meldcode"
    # A Jeugdwet 7.3.9 request to destroy the file, to be handled within three months (#19).
    if destruction_due is not None and (
        due.next_due_on is None or destruction_due < due.next_due_on
    ):
        due.next_due_on = due.due_sort = destruction_due
        due.next_due_outcome_id = None
        due.due_kind = "destruction"
    # An action on the household's post (issue #17, portal/documents): a letter to answer.
    if post_action is not None and (due.next_due_on is None or post_action < due.next_due_on):
        due.next_due_on = due.due_sort = post_action
        due.next_due_outcome_id = None
        due.due_kind = "post"
    # An action agreed at a casusplatform of the ontschotter (issue #17).
    if platform_action is not None and (
        due.next_due_on is None or platform_action < due.next_due_on
    ):
        due.next_due_on = due.due_sort = platform_action
        due.next_due_outcome_id = None
        due.due_kind = "platform_action"
    due.urgent = any(o.urgency == "urgent" for o in running)
    regimes = sorted({o.regime for o in outcomes if o.status != CLOSED})
    due.regimes = "," + "".join(f"{r}," for r in regimes)
    due.open_outcomes = len(running)
    due.postcode = db.session.scalar(select(Household.postcode).where(Household.id == household_id))
    if latest_intake is not None:
        due.latest_intake_id = latest_intake.id
        due.latest_reference = latest_intake.reference
        due.triage = latest_intake.triage
    due.updated_at = datetime.now(UTC)
    db.session.flush()
    return due


def extend_term(outcome: HouseholdOutcome, new_due: date) -> None:
    """The outcome's decision term now ends on `new_due` (an Awb 4:14 extension, checked and
    kept by portal/deadlines; the summary follows through services/due_dates.py)."""
    outcome.due_on = new_due
    outcome.version = (outcome.version or 0) + 1
    db.session.flush()


def move_member_outcomes(
    keys: set[tuple[int, str]], source_id: int, target_id: int
) -> list[HouseholdOutcome]:
    """Move a member's own outcomes that are not closed to `target_id`: those of the source
    household's intakes whose (intake id, intake member id) is in `keys` (they then show on the
    new household's caseload with their own term; closed ones stay in the old file)."""
    if not keys:
        return []
    candidates = db.session.scalars(
        select(HouseholdOutcome)
        .where(
            HouseholdOutcome.household_id == source_id,
            HouseholdOutcome.intake_id.in_({intake_id for intake_id, _ in keys}),
            HouseholdOutcome.status != CLOSED,
        )
        .order_by(HouseholdOutcome.id)
    ).all()
    moved = [o for o in candidates if (o.intake_id, o.member_id) in keys]
    for outcome in moved:
        outcome.household_id = target_id
    db.session.flush()
    return moved


def active_households_for(staff_id: int) -> Select:
    """Ids of the households whose active contact person is `staff_id` (portal/households:
    exactly one active assignment per household, `ended_at IS NULL`)."""
    return select(ContactAssignment.household_id).where(
        ContactAssignment.staff_id == staff_id, ContactAssignment.ended_at.is_(None)
    )


def is_assigned(household_id: int, staff_id: int) -> bool:
    ids = active_households_for(staff_id).scalar_subquery()
    found = db.session.scalar(
        select(Household.id).where(Household.id == household_id, Household.id.in_(ids))
    )
    return found is not None


def change_status(
    outcome: HouseholdOutcome, to_status: str, *, staff_id: int, note: str | None = None
) -> HouseholdOutcomeStatusChange:
    """Move `outcome` to `to_status` (one allowed step) and log it. The summary and the zaak in
    the case system follow in portal/services/outcomes.py."""
    if to_status not in TRANSITIONS.get(outcome.status, ()):
        raise StatusChangeRefused(f"{outcome.status} → {to_status}")
    moment = datetime.now(UTC)
    change = HouseholdOutcomeStatusChange(
        outcome_id=outcome.id,
        from_status=outcome.status,
        to_status=to_status,
        changed_at=moment,
        changed_by_staff_id=staff_id,
        note=note or None,
    )
    db.session.add(change)
    outcome.status = to_status
    if to_status == CLOSED:
        outcome.closed_at = moment
    db.session.flush()
    return change


@dataclass(frozen=True)
class Filters:
    urgent: bool = False
    overdue: bool = False
    triage: str | None = None
    regime: str | None = None


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: after this (due_sort, household id)."""

    due_sort: date
    household_id: int

    def encode(self) -> str:
        return f"{self.due_sort.isoformat()}_{self.household_id}"

    @classmethod
    def decode(cls, text: str) -> Cursor:
        day, _, number = text.partition("_")
        if not number.isdigit() or len(number) > 18:
            raise ValueError(text)
        return cls(date.fromisoformat(day), int(number))


@dataclass(frozen=True)
class CaseloadRow:
    household_id: int
    postcode: str | None
    reference: str | None
    triage: str | None
    next_due_on: date | None
    due_for: dict | None
    deadline_id: str | None
    urgent: bool
    overdue: bool
    due_kind: str | None = None  # outcome | plan | meldcode | post | destruction | platform_action
    # Only in a team lead's view: the household's active contact person.
    contact_id: int | None = None
    contact_name: str | None = None
    name: str | None = None  # the applicant's name: staff on this list may open the file


@dataclass(frozen=True)
class CaseloadPage:
    rows: list[CaseloadRow]
    next_cursor: Cursor | None


def caseload_page(
    staff_id: int,
    filters: Filters = Filters(),
    after: Cursor | None = None,
    *,
    on: date | None = None,
    limit: int = PAGE_SIZE,
) -> CaseloadPage:
    """One page of the households assigned to `staff_id`, what is due first on top; `on` is
    the day that decides "overdue" (today in the Netherlands by default).

    One SQL query: the assignment narrows to the staff member's households, the summary gives
    the order (due_sort, household id) and the filters; the page after `after` is a keyset
    condition on that order, so a later page costs what the first costs.
    """
    return _page(active_households_for(staff_id), filters, after, on=on, limit=limit)


def active_households_in(team_ids: Iterable[int], staff_id: int | None = None) -> Select:
    """Households whose active assignment belongs to one of `team_ids` (a team lead's view),
    optionally only those of contact person `staff_id`; with the contact person's name."""
    query = (
        select(
            ContactAssignment.household_id,
            ContactAssignment.staff_id,
            StaffMember.display_name,
        )
        .join(StaffMember, StaffMember.id == ContactAssignment.staff_id)
        .where(
            ContactAssignment.team_id.in_(sorted(team_ids)), ContactAssignment.ended_at.is_(None)
        )
    )
    if staff_id is not None:
        query = query.where(ContactAssignment.staff_id == staff_id)
    return query


def team_contacts(team_ids: Iterable[int]) -> dict[int, str]:
    """Members of these teams (id → name, by name): the contact person filter's choices."""
    if not team_ids:
        return {}
    rows = db.session.execute(
        select(StaffMember.id, StaffMember.display_name)
        .join(TeamMembership, TeamMembership.staff_id == StaffMember.id)
        .where(TeamMembership.team_id.in_(sorted(team_ids)))
        .order_by(StaffMember.display_name, StaffMember.id)
    )
    return dict(rows.tuples().all())


def team_caseload_page(
    team_ids: Iterable[int],
    filters: Filters = Filters(),
    after: Cursor | None = None,
    *,
    contact_id: int | None = None,
    on: date | None = None,
    limit: int = PAGE_SIZE,
) -> CaseloadPage:
    """One page of the caseload of whole teams (a team lead's view), the same order, filters
    and keyset as `caseload_page`, each row with its contact person; still one SQL query (the
    active assignments of the team by the partial index on `team_id`)."""
    scope = active_households_in(team_ids, contact_id)
    return _page(scope, filters, after, on=on, limit=limit, with_contact=True)


def applicant_names(household_ids: list[int]) -> dict[int, str]:
    """The first applicant's name per household, for the households on one page (one query,
    whatever the caseload's size): staff recognise a name, not a reference (issue #13)."""
    if not household_ids:
        return {}
    found: dict[int, str] = {}
    for household_id, given, family in db.session.execute(
        select(
            HouseholdMember.household_id, HouseholdMember.given_name, HouseholdMember.family_name
        )
        .where(
            HouseholdMember.household_id.in_(household_ids),
            HouseholdMember.role == "applicant",
        )
        .order_by(HouseholdMember.id)
    ):
        name = " ".join(p for p in (given, family) if p)
        if name:
            found.setdefault(household_id, name)
    return found


def _page(
    scope: Select,
    filters: Filters,
    after: Cursor | None,
    *,
    on: date | None,
    limit: int,
    with_contact: bool = False,
) -> CaseloadPage:
    on = on or today()
    assigned = scope.subquery()
    columns = [
        HouseholdDue.household_id,
        HouseholdDue.postcode,
        HouseholdDue.latest_reference,
        HouseholdDue.triage,
        HouseholdDue.next_due_on,
        HouseholdDue.due_sort,
        HouseholdDue.urgent,
        HouseholdDue.due_kind,
        HouseholdOutcome.provision_name,
        HouseholdOutcome.deadline_id,
    ]
    if with_contact:
        columns += [assigned.c.staff_id, assigned.c.display_name]
    query = (
        select(*columns)
        .join(assigned, assigned.c.household_id == HouseholdDue.household_id)
        .outerjoin(HouseholdOutcome, HouseholdOutcome.id == HouseholdDue.next_due_outcome_id)
    )
    if filters.urgent:
        query = query.where(HouseholdDue.urgent.is_(True))
    if filters.overdue:
        query = query.where(HouseholdDue.due_sort < on)
    if filters.triage:
        query = query.where(HouseholdDue.triage == filters.triage)
    if filters.regime:
        query = query.where(HouseholdDue.regimes.contains(f",{filters.regime},", autoescape=True))
    if after is not None:
        query = query.where(
            tuple_(HouseholdDue.due_sort, HouseholdDue.household_id)
            > tuple_(after.due_sort, after.household_id)
        )
    query = query.order_by(HouseholdDue.due_sort, HouseholdDue.household_id).limit(limit + 1)
    found = db.session.execute(query).all()
    names = applicant_names([r.household_id for r in found[:limit]])
    rows = [
        CaseloadRow(
            household_id=r.household_id,
            postcode=r.postcode,
            reference=r.latest_reference,
            triage=r.triage,
            next_due_on=r.next_due_on,
            due_for=r.provision_name,
            deadline_id=r.deadline_id,
            due_kind=r.due_kind,
            urgent=r.urgent,
            overdue=r.next_due_on is not None and r.next_due_on < on,
            contact_id=r.staff_id if with_contact else None,
            contact_name=r.display_name if with_contact else None,
            name=names.get(r.household_id),
        )
        for r in found[:limit]
    ]
    more = len(found) > limit
    last = found[limit - 1] if more else None
    return CaseloadPage(
        rows=rows, next_cursor=Cursor(last.due_sort, last.household_id) if last else None
    )


def outcomes_of(household_id: int) -> list[HouseholdOutcome]:
    return list(
        db.session.scalars(
            select(HouseholdOutcome)
            .where(HouseholdOutcome.household_id == household_id)
            .order_by(HouseholdOutcome.id)
        )
    )


def history_of(outcome_id: int) -> list[HouseholdOutcomeStatusChange]:
    return list(
        db.session.scalars(
            select(HouseholdOutcomeStatusChange)
            .where(HouseholdOutcomeStatusChange.outcome_id == outcome_id)
            .order_by(HouseholdOutcomeStatusChange.id)
        )
    )


def count_outcomes(household_id: int) -> int:
    return db.session.scalar(
        select(func.count(HouseholdOutcome.id)).where(HouseholdOutcome.household_id == household_id)
    )
