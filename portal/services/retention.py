"""Data that ends on time (issue #19, docs/retention.md): which households' files have
expired, and the purge that removes them from every feature, keeping only an anonymous count.

**What expires.** Each outcome row is a record of one regime; its term (portal/retention/rules)
counts from the event the law names: the Jeugdwet from the last change anywhere in the
household's file (7.3.8 lid 3), the others from the day the record was closed. A record that
is not closed never expires. A household's whole file (intakes, plan, messages, hand-off
rows with the cached ZGW data, drafts, deadlines, members) goes when every one of its records
has expired; until then only the expired outcome rows of a regime go (the intake's answers
serve the regimes still running). A file without any outcome counts from its last change with
the default term.

**The purge** runs the hooks of every data owner (`OWNERS`, then the hooks other features
registered with `portal.retention.hooks`) in one transaction per household, refuses a
household under legal hold, and adds the counts to `purge_record` per regime and date — no id,
no name, no date from the file. `--dry-run` counts the same rows and removes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from sqlalchemy import delete, func, select

from portal import clock
from portal.caseload.models import HouseholdDue, HouseholdOutcome, HouseholdOutcomeStatusChange
from portal.caseload.service import CLOSED
from portal.deadlines.models import DueReminder, Ingebrekestelling, TermExtension
from portal.documents import service as documents
from portal.documents.models import Document, DocumentRequest, PostItem
from portal.drafts import Draft
from portal.dutch_time import dutch_date, today
from portal.extensions import db
from portal.handoff.models import Handoff, HandoffZaak
from portal.households.models import CaseLogEntry
from portal.messages.models import Message
from portal.models import Household, HouseholdMember, Intake, IntakeResumeCode
from portal.plans.models import Plan, PlanVersion
from portal.residents.models import ResidentIntakeLink
from portal.retention import hooks, rules
from portal.retention import service as retention
from portal.retention.models import DestructionRequest, LegalHold, PurgeRecord
from portal.survey.models import SurveyInvitation
from verordening.deadlines import add_months

RETENTION, JEUGDWET_7_3_9 = "retention", "jeugdwet_7_3_9"


class PurgeRefused(RuntimeError):
    """The household may not be purged (legal hold, or not found)."""


# --- the data owners -------------------------------------------------------------------------


def _count(*queries) -> int:
    return sum(
        db.session.scalar(select(func.count()).select_from(q.subquery())) or 0 for q in queries
    )


def _intakes(household_id: int):
    return select(Intake.id).where(Intake.household_id == household_id)


def _outcomes(household_id: int):
    return select(HouseholdOutcome.id).where(HouseholdOutcome.household_id == household_id)


def _table_hook(name: str, *pairs) -> hooks.PurgeHook:
    """A hook for rows selected by `(model, where(household_id))` pairs, removed in order."""

    def count(household_id: int) -> int:
        return sum(
            db.session.scalar(select(func.count()).select_from(model).where(where(household_id)))
            or 0
            for model, where in pairs
        )

    def purge(household_id: int) -> int:
        removed = 0
        for model, where in pairs:
            removed += (
                db.session.execute(
                    delete(model)
                    .where(where(household_id))
                    .execution_options(synchronize_session=False)
                ).rowcount
                or 0
            )
        return removed

    return hooks.PurgeHook(name, count, purge)


def _documents_hook() -> hooks.PurgeHook:
    """The household's documents, the requests for them and its post register. The files go
    only once the purge commits (documents.delete_household), so a refused or failed purge
    keeps them; the rows go here, before the household's foreign keys would cascade them
    away and leave the files behind."""
    rows = _table_hook(
        "documents",
        (PostItem, lambda h: PostItem.household_id == h),
        (DocumentRequest, lambda h: DocumentRequest.household_id == h),
    )

    def count(household_id: int) -> int:
        files = db.session.scalar(
            select(func.count()).select_from(Document).where(Document.household_id == household_id)
        )
        return (files or 0) + rows.count(household_id)

    def purge(household_id: int) -> int:
        post_and_requests = rows.purge(household_id)
        return documents.delete_household(household_id) + post_and_requests

    return hooks.PurgeHook("documents", count, purge)


OWNERS: tuple[hooks.PurgeHook, ...] = (
    _documents_hook(),
    _table_hook("drafts", (Draft, lambda h: Draft.intake_id.in_(_intakes(h)))),
    _table_hook("messages", (Message, lambda h: Message.household_id == h)),
    # the hand-off outbox and the zaken it made: the cached ZGW data
    _table_hook(
        "handoff",
        (Handoff, lambda h: Handoff.household_id == h),
        (HandoffZaak, lambda h: HandoffZaak.household_id == h),
    ),
    _table_hook(
        "deadlines",
        (TermExtension, lambda h: TermExtension.household_id == h),
        (Ingebrekestelling, lambda h: Ingebrekestelling.household_id == h),
        (DueReminder, lambda h: DueReminder.household_id == h),
        (DestructionRequest, lambda h: DestructionRequest.household_id == h),
        (LegalHold, lambda h: LegalHold.household_id == h),  # only lifted ones get here
    ),
    # the survey's invitations (who was asked); the answers hold no household (docs/survey.md)
    _table_hook("survey", (SurveyInvitation, lambda h: SurveyInvitation.household_id == h)),
    _table_hook(
        "plans",
        (PlanVersion, lambda h: PlanVersion.household_id == h),
        (Plan, lambda h: Plan.household_id == h),
    ),
    _table_hook(
        "outcomes",
        (
            HouseholdOutcomeStatusChange,
            lambda h: HouseholdOutcomeStatusChange.outcome_id.in_(_outcomes(h)),
        ),
        (HouseholdDue, lambda h: HouseholdDue.household_id == h),
        (HouseholdOutcome, lambda h: HouseholdOutcome.household_id == h),
    ),
    _table_hook("case_log", (CaseLogEntry, lambda h: CaseLogEntry.household_id == h)),
    _table_hook(
        "intakes",
        (IntakeResumeCode, lambda h: IntakeResumeCode.intake_id.in_(_intakes(h))),
        (ResidentIntakeLink, lambda h: ResidentIntakeLink.intake_id.in_(_intakes(h))),
        (Intake, lambda h: Intake.household_id == h),
    ),
    # last: the household and its members; what is left (consents, assignments, matches, the
    # meldcode) goes with it by the foreign keys' ON DELETE CASCADE
    _table_hook(
        "household",
        (HouseholdMember, lambda h: HouseholdMember.household_id == h),
        (Household, lambda h: Household.id == h),
    ),
)


def owners() -> list[hooks.PurgeHook]:
    """Other features' hooks first (they may still read the household's rows), then ours."""
    return [*hooks.registered(), *OWNERS]


# --- what expires ------------------------------------------------------------------------------


def _day(moment) -> date | None:
    return dutch_date(moment) if moment is not None else None


def last_change(household_id: int) -> date:
    """The last day anything in the household's file changed (Jeugdwet 7.3.8: the term counts
    from here): intakes, outcome statuses, the plan and its versions, the case log, deadlines."""
    moments = [
        db.session.scalar(select(Household.created_at).where(Household.id == household_id)),
        db.session.scalar(
            select(func.max(Intake.submitted_at)).where(Intake.household_id == household_id)
        ),
        db.session.scalar(
            select(func.max(HouseholdOutcomeStatusChange.changed_at)).where(
                HouseholdOutcomeStatusChange.outcome_id.in_(_outcomes(household_id))
            )
        ),
        db.session.scalar(
            select(func.max(Plan.updated_at)).where(Plan.household_id == household_id)
        ),
        db.session.scalar(
            select(func.max(PlanVersion.agreed_at)).where(PlanVersion.household_id == household_id)
        ),
        db.session.scalar(
            select(func.max(PlanVersion.issued_at)).where(PlanVersion.household_id == household_id)
        ),
        db.session.scalar(
            select(func.max(CaseLogEntry.at)).where(CaseLogEntry.household_id == household_id)
        ),
        db.session.scalar(
            select(func.max(TermExtension.recorded_at)).where(
                TermExtension.household_id == household_id
            )
        ),
    ]
    days = [d for d in (_day(m) for m in moments) if d is not None]
    return max(days) if days else today()


def _expires_on(outcome: HouseholdOutcome, changed: date) -> date | None:
    term = rules.term_for(outcome.regime)
    if outcome.status != CLOSED or outcome.closed_at is None:
        return None  # still running or decided but not closed: kept
    start = changed if term.counted_from == rules.LAST_CHANGE else _day(outcome.closed_at)
    return add_months(start, 12 * term.years)


@dataclass
class Expired:
    """One household's expired records: all of them (`whole`), or some outcome rows."""

    household_id: int
    whole: bool
    regime: str  # the regime whose term ended last (the file's), for the anonymous record
    outcome_ids: dict[str, list[int]] = field(default_factory=dict)  # regime → ids
    held: bool = False


def expired(on: date | None = None, household_ids: Iterable[int] | None = None) -> list[Expired]:
    """What has expired on `on` (today), household by household."""
    on = on or today()
    held = retention.held_households()
    query = select(Household.id).order_by(Household.id)
    if household_ids is not None:
        query = query.where(Household.id.in_(list(household_ids)))
    found = []
    for household_id in db.session.scalars(query).all():
        outcomes = db.session.scalars(
            select(HouseholdOutcome).where(HouseholdOutcome.household_id == household_id)
        ).all()
        changed = last_change(household_id)
        if not outcomes:
            ends = add_months(changed, 12 * rules.term_for(rules.NO_OUTCOME).years)
            if ends <= on:
                found.append(
                    Expired(household_id, True, rules.NO_OUTCOME, held=household_id in held)
                )
            continue
        ends = {o.id: _expires_on(o, changed) for o in outcomes}
        gone = [o for o in outcomes if ends[o.id] is not None and ends[o.id] <= on]
        if not gone:
            continue
        by_regime: dict[str, list[int]] = {}
        for outcome in gone:
            by_regime.setdefault(outcome.regime, []).append(outcome.id)
        whole = len(gone) == len(outcomes)
        last = max(gone, key=lambda o: (ends[o.id], o.regime))
        found.append(
            Expired(household_id, whole, last.regime, by_regime, held=household_id in held)
        )
    return found


# --- the purge ---------------------------------------------------------------------------------


@dataclass
class Report:
    """What a purge removed (or, dry, would remove): per regime, households and rows per owner."""

    dry_run: bool
    households: Counter = field(default_factory=Counter)  # regime → households purged whole
    rows: dict[str, Counter] = field(default_factory=dict)  # regime → owner → rows
    held: int = 0  # households skipped: legal hold
    failed: list[str] = field(default_factory=list)  # why a household could not be purged

    def add(self, regime: str, counts: dict[str, int], *, whole: bool) -> None:
        bucket = self.rows.setdefault(regime, Counter())
        bucket.update({k: v for k, v in counts.items() if v})
        if whole:
            self.households[regime] += 1


def _purge_whole(household_id: int, *, dry_run: bool) -> dict[str, int]:
    counts = {}
    for hook in owners():
        counts[hook.name] = hook.count(household_id) if dry_run else hook.purge(household_id)
    return counts


def _purge_outcomes(ids: list[int], *, dry_run: bool) -> dict[str, int]:
    changes = select(HouseholdOutcomeStatusChange.id).where(
        HouseholdOutcomeStatusChange.outcome_id.in_(ids)
    )
    counts = {
        "outcomes": _count(select(HouseholdOutcome.id).where(HouseholdOutcome.id.in_(ids)), changes)
    }
    if not dry_run:
        for model, where in (
            (HouseholdOutcomeStatusChange, HouseholdOutcomeStatusChange.outcome_id.in_(ids)),
            (TermExtension, TermExtension.outcome_id.in_(ids)),
            (Ingebrekestelling, Ingebrekestelling.outcome_id.in_(ids)),
            (HouseholdOutcome, HouseholdOutcome.id.in_(ids)),
        ):
            db.session.execute(
                delete(model).where(where).execution_options(synchronize_session=False)
            )
    return counts


def _record(report: Report, cause: str) -> None:
    """The anonymous record: per regime, how many households and rows; today's date only."""
    day = today()
    for regime, counts in sorted(report.rows.items()):
        db.session.add(
            PurgeRecord(
                purged_on=day,
                regime=regime,
                cause=cause,
                households=report.households.get(regime, 0),
                rows=dict(sorted(counts.items())),
                created_at=clock.now(),
            )
        )


def purge(
    *, dry_run: bool = False, household_id: int | None = None, on: date | None = None
) -> Report:
    """Remove what has expired (all households, or one). A household under legal hold is
    skipped; asked for by id it is refused (`PurgeRefused`). Each household in its own
    transaction: a failure leaves that one whole and the others purged. Commits."""
    if household_id is not None:
        if db.session.get(Household, household_id) is None:
            raise PurgeRefused("not_found")
        if retention.active_hold(household_id) is not None:
            raise PurgeRefused("legal_hold")
    report = Report(dry_run=dry_run)
    for item in expired(on, [household_id] if household_id is not None else None):
        if item.held:
            report.held += 1
            continue
        try:
            if item.whole:
                counts = _purge_whole(item.household_id, dry_run=dry_run)
                report.add(item.regime, counts, whole=True)
            else:
                for regime, ids in item.outcome_ids.items():
                    report.add(regime, _purge_outcomes(ids, dry_run=dry_run), whole=False)
            if not dry_run:
                db.session.flush()
        except Exception as error:  # one household's failure must not stop the others
            db.session.rollback()
            current_app.logger.exception("purge: household %s failed", item.household_id)
            report.failed.append(f"{type(error).__name__}")
            continue
        if not dry_run:
            db.session.commit()
    if not dry_run and report.rows:
        _record(report, RETENTION)
        db.session.commit()
    return report


def destroy_youth_file(request: DestructionRequest, *, staff_id: int) -> Report:
    """Jeugdwet 7.3.9: destroy the household's Jeugdwet records. When the household has no
    other regime's records, its whole file goes (the request with it); otherwise its Jeugdwet
    outcome rows go and the request records that it was done. Refused under a legal hold (a
    legal duty to keep, 7.3.9 lid 3). The caller commits."""
    household_id = request.household_id
    if retention.active_hold(household_id) is not None:
        raise PurgeRefused("legal_hold")
    outcomes = db.session.scalars(
        select(HouseholdOutcome).where(HouseholdOutcome.household_id == household_id)
    ).all()
    youth = [o.id for o in outcomes if o.regime == "jeugdwet"]
    report = Report(dry_run=False)
    if len(youth) == len(outcomes):
        report.add("jeugdwet", _purge_whole(household_id, dry_run=False), whole=True)
    else:
        retention.destroyed(request, staff_id=staff_id)
        report.add("jeugdwet", _purge_outcomes(youth, dry_run=False), whole=False)
    db.session.flush()
    _record(report, JEUGDWET_7_3_9)
    return report


def unverified_terms() -> list[tuple[str, rules.Term]]:
    """The regimes whose term the purge would use without a verified source."""
    regimes = set(db.session.scalars(select(HouseholdOutcome.regime).distinct())) | {
        rules.NO_OUTCOME
    }
    return [
        (r, rules.term_for(r)) for r in sorted(regimes) if not rules.verified(rules.term_for(r))
    ]
