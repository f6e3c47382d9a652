"""Inviting residents to the Wmo client-experience survey (Wmo 2015 art. 2.5.1, issue #18,
docs/survey.md): a scheduled job (`survey.invite` on beat, or the app's own thread:
portal/services/scheduled.py) finds the plans whose first version was issued at least
`SURVEY_AFTER_DAYS` (90) days ago and invites each person who applied for that household,
once: a notice on Mijn aanvraag (the open invitation) and a message through the outbox.

Safety first: in a protected household a person without a safe channel (a safe phone number
and permission to leave a message) is not invited at all — no message, and no notice that
someone else on the phone or the computer could come across.

Idempotent: the invitation's unique key (plan, person) is written in the same transaction as
the message; a second run, or a second worker, finds it and sends nothing.

An invitation is open `SURVEY_OPEN_DAYS` (28) days, its last day stored with it. The same job
sends one reminder `SURVEY_REMINDER_DAYS` (7) days before that last day (`remind_due`), to whom
has not answered: through the same channels and safety rules as the invitation, marked in the
same transaction with a conditional UPDATE, so never twice, and never after the closing date."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from portal import clock, dutch_time, messages
from portal.extensions import db
from portal.messages import recipients
from portal.models import Household
from portal.plans.models import PlanVersion
from portal.survey.models import SurveyInvitation


def after_days() -> int:
    return int(current_app.config.get("SURVEY_AFTER_DAYS") or 90)


def open_days() -> int:
    return int(current_app.config.get("SURVEY_OPEN_DAYS") or 28)


def reminder_days() -> int:
    return int(current_app.config.get("SURVEY_REMINDER_DAYS") or 7)


def due_plans() -> list[tuple[int, int]]:
    """(plan, household) of every plan whose first version was issued long enough ago."""
    cutoff = clock.now() - timedelta(days=after_days())
    first_issued = (
        select(PlanVersion.plan_id, PlanVersion.household_id)
        .group_by(PlanVersion.plan_id, PlanVersion.household_id)
        .having(func.min(PlanVersion.issued_at) <= cutoff)
        .order_by(PlanVersion.plan_id)
    )
    return [(plan_id, household_id) for plan_id, household_id in db.session.execute(first_issued)]


def _invited(plan_id: int, member_id: int) -> bool:
    found = select(SurveyInvitation.id).where(
        SurveyInvitation.plan_id == plan_id, SurveyInvitation.member_id == member_id
    )
    return db.session.scalar(found) is not None


def _no_safe_channel(household: Household, member, intake) -> bool:
    contact = (intake.answers or {}).get("contact") or {}
    routes = recipients.routes(household, member, contact)
    return any(route.reason == recipients.NO_SAFE_CHANNEL for route in routes)


def invite_due() -> int:
    """Invite everyone who is due and not invited yet; commits each invitation with its
    message. Returns how many people were invited."""
    done = 0
    for plan_id, household_id in due_plans():
        household = db.session.get(Household, household_id)
        for member, intake in recipients.applicants(household):
            if member is None or _invited(plan_id, member.id):
                continue
            if _no_safe_channel(household, member, intake):
                continue  # tried again next run: they may give a safe channel later
            try:
                db.session.add(
                    SurveyInvitation(
                        household_id=household_id,
                        member_id=member.id,
                        plan_id=plan_id,
                        invited_at=clock.now(),
                        closes_on=dutch_time.today() + timedelta(days=open_days()),
                        answered=False,
                    )
                )
                db.session.flush()  # the unique key: a second worker stops here
                messages.survey_invited(household_id, member.id)
                db.session.commit()
                done += 1
            except IntegrityError:
                db.session.rollback()
    return done


def remind_due() -> int:
    """The one reminder to each person invited who has not answered, from `SURVEY_REMINDER_DAYS`
    before the last day until that day, and not on the day of the invitation itself. Each is
    marked with one conditional UPDATE in the same transaction as its message: a second run
    or a second worker finds it marked and sends nothing. Returns how many were reminded."""
    today = dutch_time.today()
    due = db.session.execute(
        select(
            SurveyInvitation.id,
            SurveyInvitation.household_id,
            SurveyInvitation.member_id,
            SurveyInvitation.closes_on,
            SurveyInvitation.invited_at,
        )
        .where(
            SurveyInvitation.answered.is_(False),
            SurveyInvitation.reminded.is_(False),
            SurveyInvitation.closes_on >= today,
            SurveyInvitation.closes_on <= today + timedelta(days=reminder_days()),
        )
        .order_by(SurveyInvitation.id)
    ).all()
    done = 0
    for invitation_id, household_id, member_id, closes_on, invited_at in due:
        if dutch_time.dutch_date(invited_at) >= today:
            continue  # invited today: a reminder on the same day says nothing new
        marked = db.session.execute(
            update(SurveyInvitation)
            .where(
                SurveyInvitation.id == invitation_id,
                SurveyInvitation.answered.is_(False),
                SurveyInvitation.reminded.is_(False),
            )
            .values(reminded=True)
        )
        if marked.rowcount != 1:
            db.session.rollback()  # answered or reminded by another worker meanwhile
            continue
        messages.survey_reminder(household_id, member_id, closes_on)
        db.session.commit()
        done += 1
    return done
