"""The survey's own reads and writes (docs/survey.md): which invitations a resident has open,
saving an answer once, and the aggregate per question (SQL GROUP BY, cells under 5 shown as
"<5")."""

from __future__ import annotations

import csv
import io
import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, update

from portal.dutch_time import today
from portal.extensions import db
from portal.households.models import ContactAssignment
from portal.models import HouseholdMember
from portal.residents import mine
from portal.survey.models import SurveyAnswer, SurveyInvitation, SurveyResponse
from portal.survey.questions import ANSWER_VALUES, ANSWERS, QUESTION_KEYS, QUESTIONS

SMALLEST = 5  # cells under this are shown as "<5" (issue #18)
SUPPRESSED = "<5"


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def open_invitations(bsn: str) -> list[SurveyInvitation]:
    """The invitations of this resident (by DigiD BSN) not answered yet, in the households
    they may see on Mijn aanvraag."""
    households = mine.household_ids(bsn)
    if not households:
        return []
    return list(
        db.session.scalars(
            select(SurveyInvitation)
            .join(HouseholdMember, HouseholdMember.id == SurveyInvitation.member_id)
            .where(
                HouseholdMember.bsn == bsn,
                SurveyInvitation.household_id.in_(households),
                SurveyInvitation.answered.is_(False),
            )
            .order_by(SurveyInvitation.id)
        )
    )


def invitation_of(bsn: str, invitation_id: int) -> SurveyInvitation | None:
    """This resident's invitation, answered or not; None when it is not theirs."""
    row = db.session.get(SurveyInvitation, invitation_id)
    if row is None or row.household_id not in mine.household_ids(bsn):
        return None
    member = db.session.get(HouseholdMember, row.member_id)
    return row if member is not None and member.bsn == bsn else None


def _team_of(household_id: int) -> int | None:
    return db.session.scalar(
        select(ContactAssignment.team_id)
        .where(ContactAssignment.household_id == household_id, ContactAssignment.ended_at.is_(None))
        .limit(1)
    )


def answer(invitation_id: int, answers: dict[str, str], comment: str | None) -> bool:
    """Save one response for this invitation; False when it was already answered (a second
    post, a second tab): nothing is saved twice. The caller commits.

    The invitation is marked with one conditional UPDATE, so two posts at the same moment
    save one response. The response gets a random key and no time, only the quarter."""
    claimed = db.session.execute(
        update(SurveyInvitation)
        .where(SurveyInvitation.id == invitation_id, SurveyInvitation.answered.is_(False))
        .values(answered=True)
    )
    if claimed.rowcount != 1:
        return False
    household_id = db.session.scalar(
        select(SurveyInvitation.household_id).where(SurveyInvitation.id == invitation_id)
    )
    response = SurveyResponse(
        id=secrets.token_hex(16),
        period_start=quarter_start(today()),
        team_id=_team_of(household_id),
        comment=(comment or "").strip() or None,
    )
    db.session.add(response)
    db.session.flush()
    for key in QUESTION_KEYS:
        value = answers.get(key)
        if value in ANSWER_VALUES:
            db.session.add(SurveyAnswer(response_id=response.id, question=key, answer=value))
    db.session.flush()
    return True


@dataclass(frozen=True)
class Row:
    question: str
    theme: str
    statement: object  # the lazy text: made a string in the page's language
    cells: tuple[str, ...]  # per answer in ANSWERS order: a number, or "<5"


def _shown(count: int) -> str:
    return SUPPRESSED if count < SMALLEST else str(count)


def aggregate(first: date, last: date, team_id: int | None = None) -> list[Row]:
    """Per question the number of residents per answer, for the quarters that start between
    `first` and `last` (and one team, if given): counted by the database, never row by row.
    Every cell under 5 is shown as "<5", also 0 (issue #18: figures never identify a resident);
    no totals, since a total with one suppressed cell would give that cell away."""
    query = (
        select(SurveyAnswer.question, SurveyAnswer.answer, func.count())
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .where(SurveyResponse.period_start >= quarter_start(first))
        .where(SurveyResponse.period_start <= last)
        .group_by(SurveyAnswer.question, SurveyAnswer.answer)
    )
    if team_id is not None:
        query = query.where(SurveyResponse.team_id == team_id)
    counts = {(q, a): n for q, a, n in db.session.execute(query)}
    return [
        Row(
            question=key,
            theme=theme,
            statement=statement,
            cells=tuple(_shown(counts.get((key, value), 0)) for value, _label in ANSWERS),
        )
        for key, theme, statement in QUESTIONS
    ]


def responses(first: date, last: date, team_id: int | None = None) -> str:
    """The number of responses in the period, suppressed the same way."""
    query = select(func.count(SurveyResponse.id)).where(
        SurveyResponse.period_start >= quarter_start(first), SurveyResponse.period_start <= last
    )
    if team_id is not None:
        query = query.where(SurveyResponse.team_id == team_id)
    return _shown(db.session.scalar(query) or 0)


def as_csv(rows: list[Row], header: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.question, str(row.statement), *row.cells])
    return out.getvalue()
