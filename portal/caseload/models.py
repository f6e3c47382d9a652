"""Caseload tables: one row per outcome of every intake, its status history, and a summary per
household (`household_due`) kept up to date in the same transaction, so the caseload page reads
one row per household and never aggregates per page."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.households.models import ContactAssignment
from portal.models import utcnow

# "Nothing is due": the sort key of a household without a running term, so that it sorts last
# and one never-NULL column serves the index and the keyset (NULL ordering differs per database).
NOTHING_DUE = date(9999, 12, 31)


class HouseholdOutcome(db.Model):
    """One outcome (rule that fired) of one intake, for one member or the whole household."""

    __tablename__ = "household_outcome"
    __table_args__ = (Index("ix_household_outcome_household_status", "household_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"))
    intake_id: Mapped[int] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"), index=True)
    # The member id inside the intake ("m1"); NULL: the outcome is for the whole household.
    member_id: Mapped[str | None] = mapped_column(String(20))
    rule_id: Mapped[str] = mapped_column(String(100))
    regime: Mapped[str] = mapped_column(String(40))
    provision_id: Mapped[str] = mapped_column(String(100))
    # {"nl": ..., "en": ...}: the name as the verordening gave it when the intake was filed.
    provision_name: Mapped[dict[str, Any]] = mapped_column(JSON)
    kind: Mapped[str] = mapped_column(String(30))
    urgency: Mapped[str] = mapped_column(String(10))
    # The statutory term (verordening deadline id), NULL when the outcome has none.
    deadline_id: Mapped[str | None] = mapped_column(String(60))
    # new → in_onderzoek → granted | refused | referred → closed
    status: Mapped[str] = mapped_column(String(20), default="new")
    started_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Compared on save of the status form (issue #14, portal/staff/versions.py).
    version: Mapped[int] = mapped_column(default=0, server_default=text("0"))


class HouseholdOutcomeStatusChange(db.Model):
    """Every status change of an outcome: from, to, when, by whom."""

    __tablename__ = "household_outcome_status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    outcome_id: Mapped[int] = mapped_column(
        ForeignKey("household_outcome.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    changed_by_staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    note: Mapped[str | None] = mapped_column(Text)


class HouseholdDue(db.Model):
    """What is due first in one household (denormalised from its open outcomes)."""

    __tablename__ = "household_due"
    # No index of its own beyond the primary key: the caseload query starts from the staff
    # member's active assignments (contact_assignment, indexed by staff_id), reaches each
    # household's row here by primary key and sorts those few hundred rows (docs/caseload.md).

    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), primary_key=True
    )
    # Earliest due date of an outcome whose term still runs (status new or in_onderzoek).
    next_due_on: Mapped[date | None] = mapped_column(Date)
    # next_due_on, or NOTHING_DUE: never NULL, so one index and one keyset serve every database.
    due_sort: Mapped[date] = mapped_column(Date, default=NOTHING_DUE)
    next_due_outcome_id: Mapped[int | None] = mapped_column(
        ForeignKey("household_outcome.id", ondelete="SET NULL")
    )
    # What is due on next_due_on: outcome | plan (its evaluation) | meldcode (the next step) |
    # post (an action on a letter in the household's post register)
    # platform_action (an action agreed at the ontschotter's casusplatform)
    due_kind: Mapped[str | None] = mapped_column(String(20))
    # An outcome with urgency "urgent" still waits for us (status new or in_onderzoek).
    urgent: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The household's postcode, copied so the caseload page reads no other household table.
    postcode: Mapped[str | None] = mapped_column(String(6))
    # Triage of the latest intake.
    triage: Mapped[str | None] = mapped_column(String(20))
    # Regimes of the outcomes not closed, as ",wmo,jeugdwet," (one text works on every database;
    # the filter runs inside one contact person's caseload, which the assignment index narrows).
    regimes: Mapped[str] = mapped_column(String(400), default=",")
    open_outcomes: Mapped[int] = mapped_column(default=0)
    latest_intake_id: Mapped[int | None] = mapped_column(
        ForeignKey("intake.id", ondelete="SET NULL")
    )
    latest_reference: Mapped[str | None] = mapped_column(String(20))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


# A team lead's caseload starts from the team's active assignments (migration 0010). Declared
# here, next to the query that needs it, on the households package's table.
ACTIVE_TEAM_INDEX = Index(
    "ix_contact_assignment_active_team",
    ContactAssignment.team_id,
    ContactAssignment.staff_id,
    sqlite_where=text("ended_at IS NULL"),
    postgresql_where=text("ended_at IS NULL"),
)
