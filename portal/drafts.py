"""A resident's unfinished intake, saved after every page (save and resume).

Only a hash of the resume code is stored. A draft is deleted when it expires
(`flask --app portal purge-drafts`); after submission its answers are cleared and it keeps
only the link to the intake, so a repeated submit shows the same confirmation.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models import Intake, utcnow

OPEN, SUBMITTING, SUBMITTED = "open", "submitting", "submitted"


class Draft(db.Model):
    __tablename__ = "intake_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Random, kept in the (signed) session cookie: which draft this browser is filling in.
    public_id: Mapped[str] = mapped_column(String(43), unique=True)
    status: Mapped[str] = mapped_column(String(12), default=OPEN)
    channel: Mapped[str] = mapped_column(String(20), default="online")
    # The front desk fills in the same form 'on behalf of' a resident: who, once staff log in.
    acting_staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    # The answers in contract shape (partial), and the form's own state: chosen subjects,
    # who the health questions are about, which pages are done.
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Resume on another device: keyed hash of the code, plus the applicant's birth date.
    resume_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Submit once: the check page carries this token; the intake it made is remembered.
    submit_token: Mapped[str] = mapped_column(String(43))
    submit_started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    intake_id: Mapped[int | None] = mapped_column(
        ForeignKey("intake.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)

    intake: Mapped[Intake | None] = relationship()
