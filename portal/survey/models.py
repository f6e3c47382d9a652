"""The survey's tables (migration 0027_client_survey, docs/survey.md).

`survey_invitation` knows the household and the person invited, and only whether they
answered. `survey_response` and `survey_answer` hold the answers with the quarter and the team:
no household, no member, no invitation, no time of day, and a random key, so nobody can follow
a response back to a resident (not by a key, not by the order of the rows)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models import utcnow


class SurveyInvitation(db.Model):
    """One invitation of one person who applied, for one plan: written once (the unique key
    stops a second run or a second worker)."""

    __tablename__ = "survey_invitation"
    __table_args__ = (UniqueConstraint("plan_id", "member_id", name="uq_survey_invitation_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("household.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("household_member.id", ondelete="CASCADE"), index=True
    )
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    invited_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # the last day (in the Netherlands) the person can take part: the invitation's day plus
    # SURVEY_OPEN_DAYS, fixed when invited (migration 0029)
    closes_on: Mapped[date] = mapped_column(Date)
    # only whether: not when (a time would pair it with a response)
    answered: Mapped[bool] = mapped_column(Boolean, default=False)
    # whether the one reminder was written (portal/services/survey.py `remind_due`)
    reminded: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class SurveyResponse(db.Model):
    """One filled-in survey: the quarter it was answered in, the team of the household at that
    moment (for team-level figures), and an optional free text. Never the household."""

    __tablename__ = "survey_response"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # random, not a sequence
    period_start: Mapped[date] = mapped_column(Date, index=True)  # first day of the quarter
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="SET NULL"))
    comment: Mapped[str | None] = mapped_column(Text)


class SurveyAnswer(db.Model):
    """One answer to one statement ("0" = weet niet / niet van toepassing, "1".."5")."""

    __tablename__ = "survey_answer"

    response_id: Mapped[str] = mapped_column(
        ForeignKey("survey_response.id", ondelete="CASCADE"), primary_key=True
    )
    question: Mapped[str] = mapped_column(String(20), primary_key=True)
    answer: Mapped[str] = mapped_column(String(1))
