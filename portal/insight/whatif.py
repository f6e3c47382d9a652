"""What if the verordening changes? Every stored intake of a period, evaluated under the live
version and under a draft, on the intake's own peildatum (the day it was filed), both files
applied on that day whatever their validity dates say (as `python -m verordening diff` does).

Per household and outcome (rule and member) it records what differs: an outcome gained or
lost, another urgency, another term; and a changed triage. The result is kept per run
(`WhatIfRun.summary`, one `WhatIfChange` row per change under a pseudonym). The work runs in a
background job (portal/insight/dispatch.py) in batches: each batch commits its progress, renews
the run's lease and looks whether the officer cancelled.

Estimated cost (per change, and summed per regime and provision):
- an outcome lost that the household's plan has a price for: minus that expected cost, as staff
  entered it in the plan (source "plan");
- otherwise the rule's own estimate per month on the intake's answers (`estimate_per_month`
  in the verordening; source "verordening"), plus for a gained outcome, minus for a lost one;
- otherwise unknown (counted, never guessed).
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime, time, timedelta
from operator import attrgetter

from sqlalchemy import Text, cast, delete, func, insert, or_, select, update

from portal import clock, dutch_time, rulebook
from portal.extensions import db
from portal.insight import drafts
from portal.insight.models import (
    CANCELLED,
    DONE,
    FAILED,
    QUEUED,
    RUNNING,
    VerordeningDraft,
    WhatIfChange,
    WhatIfRun,
)
from portal.insight.pseudonym import Pseudonyms
from portal.models import Intake
from verordening import VerordeningError
from verordening.engine import evaluate_with
from verordening.intake_schema import load_catalogue

BATCH = 1000
LEASE = timedelta(minutes=5)


def _moment(day, end: bool = False) -> datetime:
    """The start of `day` in the Netherlands (of the next day: `end`), in UTC (SQLite compares
    stored moments as UTC text)."""
    moment = datetime.combine(day + timedelta(days=1) if end else day, time(0))
    return moment.replace(tzinfo=dutch_time.AMSTERDAM).astimezone(UTC)


def period_filter(period_from, period_to) -> list:
    where = []
    if period_from:
        where.append(Intake.submitted_at >= _moment(period_from))
    if period_to:
        where.append(Intake.submitted_at < _moment(period_to, end=True))
    return where


def create(draft: VerordeningDraft, staff_id: int | None, period_from=None, period_to=None):
    run = WhatIfRun(
        draft_id=draft.id,
        created_by_id=staff_id,
        created_at=clock.now(),
        period_from=period_from,
        period_to=period_to,
        state=QUEUED,
    )
    db.session.add(run)
    db.session.flush()
    return run


def cancel(run: WhatIfRun) -> None:
    """Ask the worker to stop after its current batch; a run still queued stops at once."""
    if run.state == QUEUED:
        run.state, run.finished_at = CANCELLED, clock.now()
    run.cancel_requested = True


def claim(run_id: int) -> WhatIfRun | None:
    """Take the run (queued, or running with a lease that ran out: its worker died)."""
    now = clock.now()
    taken = db.session.execute(
        update(WhatIfRun)
        .where(
            WhatIfRun.id == run_id,
            or_(
                WhatIfRun.state == QUEUED,
                (WhatIfRun.state == RUNNING)
                & or_(WhatIfRun.claimed_until.is_(None), WhatIfRun.claimed_until < now),
            ),
        )
        .values(state=RUNNING, claimed_until=now + LEASE, started_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if taken.rowcount != 1:
        return None
    run = db.session.get(WhatIfRun, run_id)
    db.session.refresh(run)
    return run


def due_ids() -> list[int]:
    now = clock.now()
    return list(
        db.session.scalars(
            select(WhatIfRun.id)
            .where(
                or_(
                    WhatIfRun.state == QUEUED,
                    (WhatIfRun.state == RUNNING) & (WhatIfRun.claimed_until < now),
                )
            )
            .order_by(WhatIfRun.id)
        )
    )


def run_due() -> int:
    """Work off every run waiting (the sweep, and the embedded worker). Returns how many ran."""
    ran = 0
    for run_id in due_ids():
        if execute(run_id) != "taken":
            ran += 1
    return ran


class _Tally:
    """The run's summary, built as it goes."""

    def __init__(self):
        self.provisions: dict[tuple[str, str], dict] = {}
        self.households: dict[tuple[str, str], dict[str, set]] = defaultdict(
            lambda: defaultdict(set)
        )
        self.changed: set[int] = set()
        self.triage: dict[str, int] = defaultdict(int)
        self.skipped = 0
        self.intakes = 0
        self.cost = {"verordening_month_cents": 0, "plan_cents": 0, "unknown": 0}

    def add(self, row: dict, rule) -> None:
        self.changed.add(row["household_id"])
        if row["change"] == "triage":
            self.triage[f"{row['was']} → {row['now']}"] += 1
            return
        key = (row["regime"], row["provision_id"])
        entry = self.provisions.get(key)
        if entry is None:
            entry = self.provisions[key] = {
                "regime": row["regime"],
                "regime_name": rule.regime.name.nl,
                "provision": row["provision_id"],
                "provision_name": rule.provision.name.nl,
                "verordening_month_cents": 0,
                "plan_cents": 0,
                "unknown_cost": 0,
            }
        self.households[key][row["change"]].add(row["household_id"])
        if row["change"] in ("gained", "lost"):
            if row["cost_source"] == "plan":
                entry["plan_cents"] += row["cost_cents"]
                self.cost["plan_cents"] += row["cost_cents"]
            elif row["cost_source"] == "verordening":
                entry["verordening_month_cents"] += row["cost_cents"]
                self.cost["verordening_month_cents"] += row["cost_cents"]
            else:
                entry["unknown_cost"] += 1
                self.cost["unknown"] += 1

    def to_dict(self, complete: bool) -> dict:
        rows = []
        for key, entry in sorted(self.provisions.items()):
            counts = {k: len(self.households[key].get(k, ())) for k in CHANGES}
            rows.append({**entry, **counts})
        return {
            "complete": complete,
            "intakes": self.intakes,
            "skipped": self.skipped,
            "households_changed": len(self.changed),
            "provisions": rows,
            "triage": dict(sorted(self.triage.items())),
            "cost": dict(self.cost),
        }


CHANGES = ("gained", "lost", "urgency", "term")


def _outcomes(evaluation) -> dict:
    return {(o.rule.id, o.member_id): o for o in evaluation.outcomes}


def _deadline_id(outcome) -> str | None:
    deadline = outcome.deadline
    return deadline.id if deadline is not None else None


def _estimate_cents(outcome) -> int | None:
    estimate = outcome.to_dict().get("estimate")
    if not estimate or estimate.get("per_month") is None:
        return None
    return round(estimate["per_month"] * 100)


# what decides whether an outcome changed, read in C: the rule, the person, the urgency
_SIGNATURE = attrgetter("rule.id", "member_id", "urgency")


def _terms(version) -> dict[str, tuple]:
    """Per rule id its two terms (the normal and the urgent one), by id."""
    return {
        rule.id: tuple(None if d is None else d.id for d in (rule.deadline, rule.urgent_deadline))
        for rule in version.rules
    }


class Comparison:
    """The live version against the draft, prepared once per run: the parsed files, the
    intake catalogue, and the rules whose terms differ between the two (usually none).

    Every intake is evaluated under both versions. An outcome's term follows from its rule's
    terms and its urgency, so when both evaluations give the same outcomes (rule, person) with
    the same urgency, and none of those rules has other terms in the draft, nothing changed:
    that is checked on tuples in C, and only an intake that differs is compared outcome by
    outcome (`compare`)."""

    def __init__(self, live, draft, catalogue=None):
        self.live, self.draft = live, draft
        self.catalogue = catalogue or load_catalogue()
        live_terms, draft_terms = _terms(live), _terms(draft)
        self.term_rules = frozenset(
            rule_id
            for rule_id, terms in live_terms.items()
            if rule_id in draft_terms and draft_terms[rule_id] != terms
        )

    def __call__(self, intake_id, household_id, answers, as_of) -> list[dict]:
        catalogue = self.catalogue
        before = evaluate_with(self.live, answers, as_of, catalogue, any_date=True)
        after = evaluate_with(self.draft, answers, as_of, catalogue, any_date=True)
        same = list(map(_SIGNATURE, before.outcomes))
        if same == list(map(_SIGNATURE, after.outcomes)) and (
            not self.term_rules or self.term_rules.isdisjoint(s[0] for s in same)
        ):
            return []
        return _changes(before, after, intake_id, household_id)


def compare(live, draft, intake_id: int, household_id: int, answers: dict, as_of) -> list[dict]:
    """The changes for one intake, as rows for `whatif_change` (without pseudonym and costs
    from the plan, which the batch adds). Rows are built only for what changed: most outcomes
    of most intakes stay the same. (A run prepares a `Comparison` once and calls that.)"""
    return Comparison(live, draft)(intake_id, household_id, answers, as_of)


def _changes(before, after, intake_id: int, household_id: int) -> list[dict]:
    a, b = _outcomes(before), _outcomes(after)
    rows = []
    for key, was in a.items():
        now = b.get(key)
        if now is None:
            rows.append(_row(intake_id, household_id, key, was, "lost", was.urgency, None))
            continue
        if was.urgency != now.urgency:
            rows.append(
                _row(intake_id, household_id, key, now, "urgency", was.urgency, now.urgency)
            )
        old_term, new_term = _deadline_id(was), _deadline_id(now)
        if old_term != new_term:
            rows.append(_row(intake_id, household_id, key, now, "term", old_term, new_term))
    for key, now in b.items():
        if key not in a:
            rows.append(_row(intake_id, household_id, key, now, "gained", None, now.urgency))
    # The triage (which needs the engine's "ask this" list) is compared only where an outcome
    # changed: a draft moves a household's triage through its outcomes; the rare move through
    # an undecided rule alone is not looked for (docs/insight.md), which keeps the what-if close
    # to the engine's own speed.
    if rows and before.triage != after.triage:
        rows.append(
            {
                "intake_id": intake_id,
                "household_id": household_id,
                "member": None,
                "regime": "",
                "provision_id": "",
                "rule_id": "",
                "_rule": None,
                "change": "triage",
                "was": before.triage,
                "now": after.triage,
                "cost_cents": None,
                "cost_source": None,
            }
        )
    return rows


def _row(intake_id, household_id, key, outcome, change, was, now) -> dict:
    row = {
        "intake_id": intake_id,
        "household_id": household_id,
        "member": key[1],
        "regime": outcome.rule.regime.id,
        "provision_id": outcome.rule.provision.id,
        "rule_id": key[0],
        "_rule": outcome.rule,
        "change": change,
        "was": was,
        "now": now,
        "cost_cents": None,
        "cost_source": None,
    }
    if change in ("gained", "lost"):
        cents = _estimate_cents(outcome)
        if cents is not None:
            row["cost_cents"] = cents if change == "gained" else -cents
            row["cost_source"] = "verordening"
        row["_lost"] = change == "lost"
    return row


def _plan_costs(rows: list[dict]) -> None:
    """A lost outcome the household's plan priced: that expected cost, from the plan."""
    lost = [r for r in rows if r.get("_lost")]
    if not lost:
        return
    from portal.caseload.models import HouseholdOutcome
    from portal.plans.models import Plan

    intake_ids = {r["intake_id"] for r in lost}
    outcome_ids = {
        (intake_id, rule_id, member): outcome_id
        for outcome_id, intake_id, rule_id, member in db.session.execute(
            select(
                HouseholdOutcome.id,
                HouseholdOutcome.intake_id,
                HouseholdOutcome.rule_id,
                HouseholdOutcome.member_id,
            ).where(HouseholdOutcome.intake_id.in_(intake_ids))
        )
    }
    costs = dict(
        db.session.execute(
            select(Plan.household_id, Plan.costs).where(
                Plan.household_id.in_({r["household_id"] for r in lost})
            )
        ).all()
    )
    for row in lost:
        outcome_id = outcome_ids.get((row["intake_id"], row["rule_id"], row["member"]))
        priced = (costs.get(row["household_id"]) or {}).get(str(outcome_id)) or {}
        cents = priced.get("cents") if isinstance(priced, dict) else None
        if isinstance(cents, int) and not isinstance(cents, bool):
            row["cost_cents"], row["cost_source"] = -cents, "plan"


def live_version():
    return rulebook.registry().for_date(dutch_time.today())


def execute(run_id: int, progress=None) -> str:
    """Run one what-if to the end (or until cancelled). Returns its final state, or "taken"
    when another worker has it. `progress(done, total)` is called after each batch (the CLI).

    An error in the run marks it failed, with the reason, instead of leaving it to the sweep
    to start again and again; a worker that dies leaves its lease, and the sweep restarts it."""
    run = claim(run_id)
    if run is None:
        return "taken"
    try:
        return _execute(run, progress)
    except Exception as exc:
        db.session.rollback()
        failed = db.session.get(WhatIfRun, run_id)
        failed.state, failed.finished_at, failed.claimed_until = FAILED, clock.now(), None
        failed.error = f"{type(exc).__name__}: {exc}"[:2000]
        db.session.commit()
        raise


def _execute(run: WhatIfRun, progress) -> str:
    run_id = run.id
    draft_row = db.session.get(VerordeningDraft, run.draft_id)
    try:
        draft = drafts.load(draft_row.name, draft_row.content)
        live = live_version()
    except (drafts.DraftInvalid, VerordeningError) as exc:
        run.state, run.error, run.finished_at = FAILED, str(exc)[:2000], clock.now()
        db.session.commit()
        return FAILED
    where = period_filter(run.period_from, run.period_to)
    db.session.execute(delete(WhatIfChange).where(WhatIfChange.run_id == run.id))  # a restart
    run.total = db.session.scalar(select(func.count(Intake.id)).where(*where)) or 0
    run.done = 0
    total = run.total
    run.live_id, run.live_hash = live.id, live.content_hash
    db.session.commit()

    pseudonym = Pseudonyms()
    tally = _Tally()
    compare_one = Comparison(live, draft)
    dutch_date, loads = dutch_time.dutch_date, json.loads
    table = Intake.__table__
    # the answers as the stored text, parsed here: PostgreSQL's json type through the driver's
    # loader costs more than the engine's evaluation of them (bench/whatif_bench.py)
    read = (
        select(table.c.id, table.c.household_id, table.c.submitted_at, cast(table.c.answers, Text))
        .where(*where)
        .order_by(table.c.id)
        .limit(BATCH)
    )
    last_id, done = 0, 0
    state = DONE
    while True:
        # Core rows (no ORM objects), only the columns the comparison needs, by primary key in
        # batches: each batch is one short read, so the run's commits never wait for a cursor
        batch = db.session.connection().execute(read.where(table.c.id > last_id)).all()
        if not batch:
            break
        rows: list[dict] = []
        for intake_id, household_id, submitted_at, answers in batch:
            try:
                found = compare_one(
                    intake_id, household_id, loads(answers), dutch_date(submitted_at)
                )
            except (VerordeningError, KeyError, TypeError, ValueError):
                tally.skipped += 1  # an intake the engine cannot read (an old schema)
                continue
            tally.intakes += 1
            if found:
                rows += found
        last_id = batch[-1][0]
        if rows:
            _plan_costs(rows)
            for row in rows:
                tally.add(row, row["_rule"])
            db.session.connection().execute(
                insert(WhatIfChange.__table__),
                [
                    {
                        "run_id": run_id,
                        "pseudonym": pseudonym(r["household_id"]),
                        **{k: v for k, v in r.items() if not k.startswith("_")},
                    }
                    for r in rows
                ],
            )
        done += len(batch)
        # progress, the lease and the officer's Stop in one statement per batch
        cancelled = db.session.connection().scalar(
            update(WhatIfRun.__table__)
            .where(WhatIfRun.__table__.c.id == run_id)
            .values(done=done, claimed_until=clock.now() + LEASE)
            .returning(WhatIfRun.__table__.c.cancel_requested)
        )
        db.session.commit()
        if progress:
            progress(done, total)
        if cancelled:
            state = CANCELLED
            break
    db.session.expire_all()
    run = db.session.get(WhatIfRun, run_id)
    run.summary = tally.to_dict(complete=state == DONE)
    run.state, run.finished_at, run.claimed_until = state, clock.now(), None
    db.session.commit()
    return state
