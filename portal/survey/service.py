"""The survey's own reads and writes (docs/survey.md): which invitations a resident has open
(until their closing date), saving an answer once, the aggregate per question (SQL GROUP BY,
cells under 5 shown as "<5"), and the free texts of quarter/team cells with at least 5
responses, with numbers and addresses that could identify someone taken out."""

from __future__ import annotations

import csv
import io
import re
import secrets
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from portal.dutch_time import today
from portal.extensions import db
from portal.households.models import ContactAssignment, Team
from portal.models import HouseholdMember
from portal.residents import mine
from portal.survey.models import SurveyAnswer, SurveyInvitation, SurveyResponse
from portal.survey.questions import ANSWER_VALUES, ANSWERS, QUESTION_KEYS, QUESTIONS

SMALLEST = 5  # cells under this are shown as "<5" (issue #18)
SUPPRESSED = "<5"


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def is_closed(invitation: SurveyInvitation) -> bool:
    """Past its last day (in the Netherlands, by the app's clock)."""
    return today() > invitation.closes_on


def open_invitations(bsn: str) -> list[SurveyInvitation]:
    """The invitations of this resident (by DigiD BSN) not answered yet and not closed, in the
    households they may see on Mijn aanvraag."""
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
                SurveyInvitation.closes_on >= today(),
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
    post, a second tab) or has closed: nothing is saved twice, nothing after the closing
    date. The caller commits.

    The invitation is marked with one conditional UPDATE, so two posts at the same moment
    save one response. The response gets a random key and no time, only the quarter."""
    claimed = db.session.execute(
        update(SurveyInvitation)
        .where(
            SurveyInvitation.id == invitation_id,
            SurveyInvitation.answered.is_(False),
            SurveyInvitation.closes_on >= today(),
        )
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


# -- the free texts -------------------------------------------------------------------------------

#: What stands where something was taken out, in the reader's language (a policy officer's).
REDACTED = _l("[weggelaten]")
# What could identify a resident, taken out before anyone reads a text (docs/survey.md):
# an e-mail address; a postcode, with the house number (and addition) after it; and any
# number of 8 digits or more, also written in groups (a BSN has 8 or 9, a Dutch phone number
# 10, with +31 or 0031 11 or 13). Dates written with separators ("12-03-2026") are taken out
# too: better a date too many than one phone number.
_HOUSE_NUMBER = r"(?:[\s,]*(?:nr\.?|nummer)?\s*\d+(?:\s?-?[A-Za-z0-9]{1,4}(?![\w]))?)"
_PATTERNS = (
    re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+"),
    # numbers first, so "06 1234 5678" is one number and not a postcode "5678 of"
    re.compile(r"(?:\+|\(|(?<![\w]))\d(?:[\s.\-/()]{0,2}\d){7,}(?![\w])"),
    # a postcode as written on an envelope (2741 AB), or in small letters without a space
    # (2741ab) or with a house number after it (2741 ab 12); "1200 op" is an amount
    re.compile(rf"(?<![\w])[1-9]\d{{3}}\s?[A-Z]{{2}}(?![\w]){_HOUSE_NUMBER}?"),
    re.compile(rf"(?<![\w])[1-9]\d{{3}}[A-Za-z]{{2}}(?![\w]){_HOUSE_NUMBER}?"),
    re.compile(rf"(?<![\w])[1-9]\d{{3}}\s[A-Za-z]{{2}}{_HOUSE_NUMBER}"),
)


def redact(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub(str(REDACTED), text)
    return text


@dataclass(frozen=True)
class Cell:
    period_start: date
    team_id: int | None
    team: str | None
    comments: tuple[str, ...]  # redacted, in the responses' random key order


def comments(first: date, last: date, team_id: int | None = None) -> list[Cell]:
    """The free texts of the quarters that start between `first` and `last` (one team, if
    given), per quarter and team; only a cell with at least 5 responses (with or without a
    text) is shown, so a text is always one of at least five. Every text is redacted."""
    where = [
        SurveyResponse.period_start >= quarter_start(first),
        SurveyResponse.period_start <= last,
    ]
    if team_id is not None:
        where.append(SurveyResponse.team_id == team_id)
    big = (
        select(SurveyResponse.period_start, SurveyResponse.team_id)
        .where(*where)
        .group_by(SurveyResponse.period_start, SurveyResponse.team_id)
        .having(func.count(SurveyResponse.id) >= SMALLEST)
    ).subquery()
    rows = db.session.execute(
        select(
            SurveyResponse.period_start, SurveyResponse.team_id, Team.name, SurveyResponse.comment
        )
        .join(
            big,
            (big.c.period_start == SurveyResponse.period_start)
            & (
                (big.c.team_id == SurveyResponse.team_id)
                | (big.c.team_id.is_(None) & SurveyResponse.team_id.is_(None))
            ),
        )
        .outerjoin(Team, Team.id == SurveyResponse.team_id)
        .where(*where, SurveyResponse.comment.is_not(None))
        .order_by(SurveyResponse.period_start, Team.name, SurveyResponse.id)
    ).all()
    cells: dict[tuple, list[str]] = {}
    names: dict[tuple, str | None] = {}
    for period_start, team, name, comment in rows:
        key = (period_start, team)
        names[key] = name
        cells.setdefault(key, []).append(redact(comment))
    return [
        Cell(period_start=key[0], team_id=key[1], team=names[key], comments=tuple(texts))
        for key, texts in cells.items()
    ]


def quarter_label(day: date) -> str:
    return f"{day.year}-K{(day.month - 1) // 3 + 1}"


def comments_csv(cells: list[Cell], header: list[str], no_team: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header)
    for cell in cells:
        for comment in cell.comments:
            team = cell.team or no_team
            writer.writerow([quarter_label(cell.period_start), _safe(team), _safe(comment)])
    return out.getvalue()


def _safe(text: str) -> str:
    """No formula in a spreadsheet: a text starting with = + - @ (or a tab) gets a quote."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
