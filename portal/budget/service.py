"""The household budget's rules (issue #17): lines, bookings, totals and warnings.

    summary(household_id, today)        what the household file and the budget page show
    add_line(household_id, ...)         a provision's budget, or the one integrated budget
    change_line(line, ...)              a new allocated amount, end date or provider
    book(line, ...)                     spending booked by staff
    import_csv(household_id, data, ...) spending from a CSV file (portal/budget/csv_import.py)

Refusals raise `BudgetRefused(key)`; the pages turn the key into a sentence. The caller commits.

Warnings (a working agreement of this product, not law; docs/household-budget.md):
- overspent: more was booked than allocated;
- underused: at least 75 % of the period has passed (or it has ended) and less than 50 % of
  the allocated budget was booked. Money the household needs and does not use usually means the
  help does not arrive (a provider without staff, a pgb holder who gave up), so the contact
  person asks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import get_locale
from sqlalchemy import select

from portal import rulebook
from portal.amounts import MAX_CENTS
from portal.budget.models import BudgetBooking, BudgetLine
from portal.caseload.models import HouseholdOutcome
from portal.extensions import db

UNDERUSED_ELAPSED = 0.75  # share of the period passed ...
UNDERUSED_SPENT = 0.50  # ... with less than this share of the budget booked
MAX_PERIOD = timedelta(days=5 * 366)  # a longer period is a typo
INTEGRATED = "integrated"


class BudgetRefused(ValueError):
    """A change the budget rules refuse; str() is the key of the message."""


def integration(as_of: date):
    """The verordening's `integrated_budget` in force on `as_of`, or None (not allowed)."""
    return rulebook.in_force(as_of).integrated_budget


def _language() -> str:
    """The page language; Dutch outside a request (the demo seed, a command)."""
    try:
        return str(get_locale() or "nl")
    except RuntimeError:
        return "nl"


def _name(names: dict | None, fallback: str) -> str:
    language = _language()
    return (names or {}).get(language) or (names or {}).get("nl") or fallback


def provisions(household_id: int) -> list[HouseholdOutcome]:
    """The household's provisions a budget can be allocated to: every outcome that is not a
    referral to another body (the gemeente has no budget for the Zvw or the Wlz)."""
    return list(
        db.session.scalars(
            select(HouseholdOutcome)
            .where(HouseholdOutcome.household_id == household_id)
            .where(HouseholdOutcome.kind != "referral")
            .order_by(HouseholdOutcome.id)
        )
    )


def provision_label(outcome: HouseholdOutcome) -> str:
    return _name(outcome.provision_name, outcome.provision_id)


def regime_name(regime: str, as_of: date) -> str:
    found = rulebook.in_force(as_of).regimes.get(regime)
    if found is None:
        return regime
    return found.name.get(_language())


def lines_of(household_id: int) -> list[BudgetLine]:
    return list(
        db.session.scalars(
            select(BudgetLine)
            .where(BudgetLine.household_id == household_id)
            .order_by(BudgetLine.period_start, BudgetLine.id)
        )
    )


def _overlaps(a: BudgetLine, start: date, end: date) -> bool:
    return a.period_start <= end and start <= a.period_end


def _check_amount(cents: int | None) -> None:
    if cents is None or cents <= 0:
        raise BudgetRefused("amount")
    if cents > MAX_CENTS:
        raise BudgetRefused("too_large")


def _check_period(start: date | None, end: date | None) -> None:
    if start is None or end is None:
        raise BudgetRefused("period")
    if end < start:
        raise BudgetRefused("period_order")
    if end - start > MAX_PERIOD:
        raise BudgetRefused("period_long")


def add_line(
    household_id: int,
    *,
    outcome_id: int | None,
    integrated: bool,
    period_start: date,
    period_end: date,
    allocated_cents: int,
    provider: str | None,
    staff_id: int,
) -> BudgetLine:
    """A provision's budget for a period, or (`integrated`) the household's one budget for the
    regimes the verordening lets share one budget."""
    _check_period(period_start, period_end)
    _check_amount(allocated_cents)
    existing = lines_of(household_id)
    if integrated:
        allowed = integration(period_start)
        if allowed is None:
            raise BudgetRefused("not_allowed")
        regimes = list(allowed.regimes)
        if any(line.integrated and _overlaps(line, period_start, period_end) for line in existing):
            raise BudgetRefused("overlap_integrated")
        if any(
            not line.integrated
            and line.regime in regimes
            and _overlaps(line, period_start, period_end)
            for line in existing
        ):
            raise BudgetRefused("integrated_has_lines")
        line = BudgetLine(
            household_id=household_id,
            integrated=True,
            regime=INTEGRATED,
            regimes="," + ",".join(regimes) + ",",
            label=allowed.name.get(_language()),
        )
    else:
        outcome = db.session.get(HouseholdOutcome, outcome_id or 0)
        if outcome is None or outcome.household_id != household_id or outcome.kind == "referral":
            raise BudgetRefused("provision")
        for line in existing:
            if not _overlaps(line, period_start, period_end):
                continue
            if line.integrated and line.covers(outcome.regime):
                raise BudgetRefused("in_integrated")
            if line.outcome_id == outcome.id:
                raise BudgetRefused("overlap")
        line = BudgetLine(
            household_id=household_id,
            outcome_id=outcome.id,
            integrated=False,
            regime=outcome.regime,
            regimes=f",{outcome.regime},",
            provision_id=outcome.provision_id,
            label=provision_label(outcome),
        )
    line.period_start = period_start
    line.period_end = period_end
    line.allocated_cents = allocated_cents
    line.provider = (provider or "").strip() or None
    line.created_by_staff_id = staff_id
    db.session.add(line)
    db.session.flush()
    return line


def change_line(
    line: BudgetLine, *, allocated_cents: int, period_end: date, provider: str | None
) -> None:
    """A new allocated amount, end date or provider (the start stays: bookings hang on it)."""
    _check_period(line.period_start, period_end)
    _check_amount(allocated_cents)
    if any(b.booked_on > period_end for b in line.bookings if b.cancelled_at is None):
        raise BudgetRefused("bookings_after_end")
    others = [
        other
        for other in lines_of(line.household_id)
        if other.id != line.id and _overlaps(other, line.period_start, period_end)
    ]
    for other in others:
        same = (line.integrated and other.integrated) or (
            line.outcome_id is not None and other.outcome_id == line.outcome_id
        )
        if same:
            raise BudgetRefused("overlap")
    line.allocated_cents = allocated_cents
    line.period_end = period_end
    line.provider = (provider or "").strip() or None


def book(
    line: BudgetLine,
    *,
    booked_on: date,
    amount_cents: int,
    description: str,
    provider: str | None,
    staff_id: int,
    today: date,
    source: str = "staff",
    digest: str | None = None,
) -> BudgetBooking:
    """Spending booked against `line`: on a day inside its period and not in the future."""
    _check_amount(amount_cents)
    if booked_on is None:
        raise BudgetRefused("booked_on")
    if booked_on > today:
        raise BudgetRefused("future")
    if not line.period_start <= booked_on <= line.period_end:
        raise BudgetRefused("outside_period")
    booking = BudgetBooking(
        line=line,
        household_id=line.household_id,
        booked_on=booked_on,
        amount_cents=amount_cents,
        description=(description or "").strip()[:200],
        provider=(provider or "").strip()[:200] or None,
        source=source,
        import_digest=digest,
        created_by_staff_id=staff_id,
    )
    db.session.add(booking)
    return booking


def strike(booking: BudgetBooking, *, reason: str, staff_id: int, moment) -> None:
    """A booking made in error no longer counts; it stays, struck out, with why and by whom."""
    reason = (reason or "").strip()
    if not reason:
        raise BudgetRefused("reason")
    if booking.cancelled_at is not None:
        raise BudgetRefused("struck")
    booking.cancelled_at = moment
    booking.cancelled_by_staff_id = staff_id
    booking.cancel_reason = reason[:200]


# -- what the pages show ---------------------------------------------------------------------


@dataclass
class LineView:
    line: BudgetLine
    spent: int
    warnings: list[str]  # "overspent" | "underused"

    @property
    def remaining(self) -> int:
        return self.line.allocated_cents - self.spent


@dataclass
class Group:
    """The lines of one regime (or the integrated budget) with their totals."""

    key: str
    name: str
    lines: list[LineView] = field(default_factory=list)

    @property
    def allocated(self) -> int:
        return sum(v.line.allocated_cents for v in self.lines)

    @property
    def spent(self) -> int:
        return sum(v.spent for v in self.lines)

    @property
    def remaining(self) -> int:
        return self.allocated - self.spent


@dataclass
class Summary:
    groups: list[Group]
    integration: object | None  # the verordening's IntegratedBudget in force, or None
    integration_regime_names: list[str]

    @property
    def lines(self) -> list[LineView]:
        return [v for g in self.groups for v in g.lines]

    @property
    def allocated(self) -> int:
        return sum(g.allocated for g in self.groups)

    @property
    def spent(self) -> int:
        return sum(g.spent for g in self.groups)

    @property
    def remaining(self) -> int:
        return self.allocated - self.spent

    @property
    def warnings(self) -> list[LineView]:
        return [v for v in self.lines if v.warnings]


def warnings_for(line: BudgetLine, spent: int, today: date) -> list[str]:
    found = []
    if spent > line.allocated_cents:
        found.append("overspent")
    days = (line.period_end - line.period_start).days + 1
    passed = min(max((today - line.period_start).days + 1, 0), days)
    if (
        today >= line.period_start
        and passed >= UNDERUSED_ELAPSED * days
        and spent < UNDERUSED_SPENT * line.allocated_cents
    ):
        found.append("underused")
    return found


def summary(household_id: int, today: date) -> Summary:
    groups: dict[str, Group] = {}
    for line in lines_of(household_id):
        spent = sum(b.amount_cents for b in line.bookings if b.cancelled_at is None)
        key = INTEGRATED if line.integrated else line.regime
        if key not in groups:
            name = line.label if line.integrated else regime_name(line.regime, today)
            groups[key] = Group(key=key, name=name)
        groups[key].lines.append(LineView(line, spent, warnings_for(line, spent, today)))
    ordered = sorted(groups.values(), key=lambda g: (g.key != INTEGRATED, g.name.lower()))
    allowed = integration(today)
    names = [regime_name(r, today) for r in allowed.regimes] if allowed else []
    return Summary(ordered, allowed, names)


def for_document(household_id: int, today: date) -> dict | None:
    """The budget as plain data for the plan's snapshot (HTML and .docx), or None when the
    household has no budget lines. Amounts in cents; names as shown now."""
    found = summary(household_id, today)
    if not found.groups:
        return None
    return {
        "integrated": any(v.line.integrated for v in found.lines),
        "groups": [
            {
                "name": g.name,
                "integrated": g.key == INTEGRATED,
                "covers": found.integration_regime_names if g.key == INTEGRATED else [],
                "allocated_cents": g.allocated,
                "spent_cents": g.spent,
                "remaining_cents": g.remaining,
                "lines": [
                    {
                        "label": v.line.label,
                        "period_start": v.line.period_start.isoformat(),
                        "period_end": v.line.period_end.isoformat(),
                        "allocated_cents": v.line.allocated_cents,
                        "spent_cents": v.spent,
                        "remaining_cents": v.remaining,
                    }
                    for v in g.lines
                ],
            }
            for g in found.groups
        ],
        "allocated_cents": found.allocated,
        "spent_cents": found.spent,
        "remaining_cents": found.remaining,
    }


def has_digest(household_id: int, digest: str) -> bool:
    return (
        db.session.scalar(
            select(BudgetBooking.id)
            .where(BudgetBooking.household_id == household_id)
            .where(BudgetBooking.import_digest == digest)
            .limit(1)
        )
        is not None
    )


def import_csv(household_id: int, data: bytes, *, staff_id: int, today: date):
    """Book every line of a CSV file, or none (portal/budget/csv_import.py). Returns
    (rows booked, problems); with problems nothing was booked."""
    from portal.budget import csv_import

    found = csv_import.digest(data)
    if data.strip() and has_digest(household_id, found):
        return [], [csv_import.Problem(None, "again")]
    rows, problems = csv_import.read(data, lines_of(household_id), today)
    if problems:
        return [], problems
    for row in rows:
        book(
            row.line,
            booked_on=row.booked_on,
            amount_cents=row.cents,
            description=row.description,
            provider=row.provider,
            staff_id=staff_id,
            today=today,
            source="csv",
            digest=found,
        )
    db.session.flush()
    return rows, []
