"""The message outbox: the hand-off's pattern (docs/handoff.md), for messages to residents.

- Each event writes its rows in the caller's transaction: the intake (or the new contact
  person, the issued plan) and its messages are stored together or not at all.
- After the commit the ids go to a worker (`dispatch`): a Celery task on the project's queue,
  or the app's own thread without a broker. A worker `claim`s a row with one conditional
  UPDATE (a lease); the sweep (every 30 s) sends every due row, whatever got lost.
- A temporary failure (no connection, a 4xx reply of the mail server) is tried again after
  `BACKOFF`; after `MESSAGES_MAX_ATTEMPTS` tries, or at once on a permanent refusal (5xx), the
  row is failed with the reason, until an admin presses retry.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask import current_app
from sqlalchemy import func, select

from portal import clock, outbox_rows
from portal.extensions import db
from portal.messages import recipients, texts
from portal.messages.models import (
    AGREEMENT_DUE,
    CONTACT_PERSON,
    DOCUMENT_REQUESTED,
    EVALUATION_DUE,
    FAILED,
    INTAKE_RECEIVED,
    NOT_SENT,
    PENDING,
    PLAN_ISSUED,
    SENT,
    SURVEY_INVITED,
    SURVEY_REMINDER,
    TERM_EXTENDED,
    Message,
)
from portal.models import Household, HouseholdMember, Intake

LEASE = timedelta(minutes=5)
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(hours=1),
    timedelta(hours=4),
)


def _hand_over(ids: list[int]) -> None:
    from portal.messages import dispatch

    dispatch.hand_over(ids)


_hand_over_after_commit = outbox_rows.hand_over_after_commit("messages_after_commit", _hand_over)


def _due_dates(intake: Intake) -> list[date]:
    from portal.caseload.models import HouseholdOutcome

    return [
        d
        for d in db.session.scalars(
            select(HouseholdOutcome.due_on).where(HouseholdOutcome.intake_id == intake.id)
        )
        if d is not None
    ]


def _write(
    event_name: str,
    household: Household,
    member: HouseholdMember | None,
    intake: Intake,
    *,
    about_intake: Intake | None = None,
    on: date | None = None,
) -> list[Message]:
    """The rows for one person: one per channel, or one saying why nothing is sent."""
    answers = intake.answers or {}
    language = texts.language_of(answers)
    rows = []
    for route in recipients.routes(household, member, answers.get("contact") or {}):
        row = Message(
            event=event_name,
            household_id=household.id,
            member_id=member.id if member else None,
            intake_id=about_intake.id if about_intake else None,
            language=language,
            attempts=0,
            next_attempt_at=clock.now(),
            created_at=clock.now(),
        )
        if route.reason:
            row.state, row.reason = NOT_SENT, route.reason
        else:
            row.state, row.channel, row.address = PENDING, route.channel, route.address
            row.subject, row.body = texts.render(
                event_name,
                route.channel,
                language,
                reference=about_intake.reference if about_intake else "",
                due=_due_dates(about_intake) if about_intake and on is None else [],
                on=on,
            )
        db.session.add(row)
        rows.append(row)
    db.session.flush()
    pending = [r.id for r in rows if r.state == PENDING]
    if pending:
        _hand_over_after_commit(pending)
    return rows


def intake_received(intake: Intake) -> list[Message]:
    """To the person who sent the intake: received, the reference, the statutory dates."""
    return _write(
        INTAKE_RECEIVED, intake.household, intake.applicant_member(), intake, about_intake=intake
    )


def household_news(event_name: str, household_id: int, on: date | None = None) -> list[Message]:
    """News about the household's file (contact person, plan, a plan date coming due): to each
    person who applied, over their own channels."""
    household = db.session.get(Household, household_id)
    rows = []
    for member, intake in recipients.applicants(household):
        rows += _write(event_name, household, member, intake, on=on)
    return rows


def term_extended(intake_id: int, new_due: date) -> list[Message]:
    """An Awb 4:14 extension: to the person who sent the intake the term belongs to, before
    the term ends: the municipality needs more time, and the new date (no provision, no
    reason: those are on Mijn aanvraag)."""
    intake = db.session.get(Intake, intake_id)
    return _write(
        TERM_EXTENDED,
        intake.household,
        intake.applicant_member(),
        intake,
        about_intake=intake,
        on=new_due,
    )


def evaluation_due(household_id: int, on: date) -> list[Message]:
    return household_news(EVALUATION_DUE, household_id, on)


def agreement_due(household_id: int, on: date) -> list[Message]:
    return household_news(AGREEMENT_DUE, household_id, on)


def contact_person(household_id: int) -> list[Message]:
    return household_news(CONTACT_PERSON, household_id)


def plan_issued(version) -> list[Message]:
    return household_news(PLAN_ISSUED, version.household_id)


def document_requested(household_id: int, member_id: int | None) -> list[Message]:
    """A contact person asked for a document: to the person asked (over the channels of their
    own latest intake, safety rules and all), or, without one, to each person who applied."""
    household = db.session.get(Household, household_id)
    for member, intake in recipients.applicants(household):
        if member_id is not None and member.id == member_id:
            return _write(DOCUMENT_REQUESTED, household, member, intake)
    return household_news(DOCUMENT_REQUESTED, household_id)


def survey_invited(household_id: int, member_id: int) -> list[Message]:
    """The Wmo client-experience survey (docs/survey.md): to the one person invited, over the
    channels of their own latest intake (safety rules and all); no content, only where to go."""
    household = db.session.get(Household, household_id)
    for member, intake in recipients.applicants(household):
        if member is not None and member.id == member_id:
            return _write(SURVEY_INVITED, household, member, intake)
    return []


def survey_reminder(household_id: int, member_id: int, closes_on: date) -> list[Message]:
    """The survey's one reminder, some days before it closes: to the person invited, over
    the same channels and rules as the invitation; only the closing date, nothing of the file."""
    household = db.session.get(Household, household_id)
    for member, intake in recipients.applicants(household):
        if member is not None and member.id == member_id:
            return _write(SURVEY_REMINDER, household, member, intake, on=closes_on)
    return []


def _lease() -> timedelta:
    seconds = current_app.config.get("HANDOFF_LEASE_SECONDS")
    return timedelta(seconds=float(seconds)) if seconds else LEASE


def due_ids(limit: int = 100) -> list[int]:
    return outbox_rows.due_ids(Message, limit)


def claim(message_id: int) -> Message | None:
    """Take the row for the lease, if it is due and nobody holds it (committed at once)."""
    return outbox_rows.claim(Message, message_id, _lease())


def sent(row: Message) -> None:
    row.state, row.sent_at, row.claimed_until, row.reason = SENT, clock.now(), None, None
    db.session.commit()


def retry_later(row: Message, reason: str) -> None:
    most = int(current_app.config.get("MESSAGES_MAX_ATTEMPTS") or 5)
    if row.attempts >= most:
        failed(row, f"Na {row.attempts} pogingen: {reason}")
        return
    wait = BACKOFF[min(max(row.attempts, 1), len(BACKOFF)) - 1]
    row.next_attempt_at, row.claimed_until, row.reason = clock.now() + wait, None, reason
    db.session.commit()


def failed(row: Message, reason: str) -> None:
    row.state, row.claimed_until, row.reason = FAILED, None, reason[:1000]
    db.session.commit()


def not_sent(row: Message, reason: str) -> None:
    """The rules forbid it now (protected since, switched off): the address and the text go,
    the reason stays."""
    row.state, row.claimed_until, row.reason = NOT_SENT, None, reason
    row.address = row.subject = row.body = None
    db.session.commit()


def retry_now(row: Message) -> None:
    """An admin fixed the cause: send again as soon as a worker is free."""
    row.state, row.next_attempt_at, row.claimed_until, row.attempts = PENDING, clock.now(), None, 0
    db.session.commit()


def counts() -> dict[str, int]:
    rows = db.session.execute(select(Message.state, func.count(Message.id)).group_by(Message.state))
    found = dict(rows.all())
    return {state: found.get(state, 0) for state in (PENDING, SENT, FAILED, NOT_SENT)}
