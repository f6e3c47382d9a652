"""The household budget's tables (issue #17, migration 0021_household_budget).

`household_budget_line`: one provision's budget for one period (`outcome_id` set), or the
household's one integrated budget for a period (`integrated`, `regimes` lists what it covers).
`household_budget_booking`: spending booked against a line, by staff or from a CSV file
(`import_digest`: the file's SHA-256, so the same file is not imported twice); a booking made in
error is struck out (`cancelled_at`, with a reason), never deleted. Amounts are
whole cents (BigInteger), never floats."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, DateTime, ForeignKey, Index, String, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models import utcnow


class BudgetLine(db.Model):
    __tablename__ = "household_budget_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    # the provision (caseload outcome row); NULL for the integrated budget
    outcome_id: Mapped[int | None] = mapped_column(
        ForeignKey("household_outcome.id", ondelete="SET NULL")
    )
    integrated: Mapped[bool] = mapped_column(default=False, server_default=false())
    # the regime of the provision, or "integrated"
    regime: Mapped[str] = mapped_column(String(40))
    # the regimes the line covers, as ",wmo,jeugdwet," (one regime for a provision's line)
    regimes: Mapped[str] = mapped_column(String(400), default=",")
    provision_id: Mapped[str | None] = mapped_column(String(100))
    label: Mapped[str] = mapped_column(String(200))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    allocated_cents: Mapped[int] = mapped_column(BigInteger)
    provider: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by_staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    # compared on save of the line's form (portal/staff/versions.py)
    version: Mapped[int] = mapped_column(default=0, server_default=text("0"))

    bookings: Mapped[list[BudgetBooking]] = relationship(
        back_populates="line", order_by="BudgetBooking.booked_on", cascade="all, delete-orphan"
    )

    def covers(self, regime: str) -> bool:
        return f",{regime}," in (self.regimes or "")


class BudgetBooking(db.Model):
    __tablename__ = "household_budget_booking"
    __table_args__ = (Index("ix_household_budget_booking_digest", "household_id", "import_digest"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    line_id: Mapped[int] = mapped_column(
        ForeignKey("household_budget_line.id", ondelete="CASCADE"), index=True
    )
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"))
    booked_on: Mapped[date] = mapped_column(Date)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    description: Mapped[str] = mapped_column(String(200), default="")
    provider: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(10))  # staff | csv
    import_digest: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by_staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    # a booking made in error is struck out, never deleted: it stays visible, with why and by
    # whom, and no longer counts as spent
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancelled_by_staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    cancel_reason: Mapped[str | None] = mapped_column(String(200))

    line: Mapped[BudgetLine] = relationship(back_populates="bookings")
