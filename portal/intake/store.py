"""Drafts: create, find (this browser's or by resume code), save, resume codes, purge."""

from __future__ import annotations

import copy
import hashlib
import hmac
import secrets
from datetime import UTC, date, datetime, timedelta

from flask import abort, current_app, g, session
from flask_login import current_user
from sqlalchemy import delete, select

from portal.drafts import OPEN, SUBMITTED, Draft
from portal.extensions import db
from portal.intake_form.context import Context
from portal.services import front_desk

SESSION_KEY = "intake_draft"
# Read aloud and typed from paper: no 0/O, 1/I/L, no vowels that spell words.
CODE_ALPHABET = "23456789BCDFGHJKMNPQRSTVWXZ"
CODE_GROUPS, CODE_GROUP_LENGTH = 3, 4
MAX_RESUME_ATTEMPTS = 5
RESUME_LOCK = timedelta(minutes=30)


def now() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime | None) -> datetime | None:
    """SQLite gives naive datetimes back; every moment we store is UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def retention() -> timedelta:
    return timedelta(days=int(current_app.config.get("DRAFT_RETENTION_DAYS", 30)))


def create(channel: str = "online") -> Draft:
    moment = now()
    draft = Draft(
        public_id=secrets.token_urlsafe(32),
        status=OPEN,
        channel=channel,
        answers={"schema_version": "1.0", "members": []},
        # the first questions and the first result are for a resident online (issue #13); at
        # the front desk the staff member goes through the full form with the resident
        state={"done": []} if channel == "online" else {"done": [], "past_screening": True},
        submit_token=secrets.token_urlsafe(32),
        failed_attempts=0,
        created_at=moment,
        updated_at=moment,
        expires_at=moment + retention(),
    )
    db.session.add(draft)
    db.session.commit()
    remember(draft)
    return draft


def remember(draft: Draft) -> None:
    # A permanent session ends after PERMANENT_SESSION_LIFETIME without a request (2 hours):
    # a form left open on a shared computer is not there for the next person.
    session.permanent = True
    session[SESSION_KEY] = draft.public_id


def forget() -> None:
    session.pop(SESSION_KEY, None)


def current() -> Draft | None:
    """This browser's draft, if it still exists and has not expired."""
    public_id = session.get(SESSION_KEY)
    if not public_id:
        return None
    draft = db.session.scalars(select(Draft).where(Draft.public_id == public_id)).first()
    if draft is None or aware(draft.expires_at) <= now():
        forget()
        return None
    if front_desk.is_front_desk(draft) and not front_desk.may_use(draft):
        if not current_user.is_authenticated and g.get("staff_session_expired"):
            # the desk worker's session ran out in this request: to the log-in page, which
            # offers what they just sent again (the session guard kept it, issue #14); any
            # other browser holding this draft's id is refused below
            abort(current_app.login_manager.unauthorized())
        abort(403)  # a front-desk draft is only for the staff member filling it in
    return draft


def context(draft: Draft) -> Context:
    # Copies: SQLAlchemy notices a changed JSON value only when a new object is assigned.
    return Context(
        answers=copy.deepcopy(draft.answers or {}), state=copy.deepcopy(draft.state or {})
    )


def save(draft: Draft, ctx: Context) -> None:
    draft.answers = ctx.answers
    draft.state = ctx.state
    touch(draft)
    db.session.commit()


def touch(draft: Draft) -> None:
    draft.updated_at = now()
    draft.expires_at = draft.updated_at + retention()


# -- resume codes --------------------------------------------------------------------------------


def _hash(code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, normalise_code(code).encode(), hashlib.sha256).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_resume_code(draft: Draft) -> str:
    """A fresh code (the old one stops working). Shown once; only its hash is kept."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP_LENGTH))
    draft.resume_code_hash = _hash(raw)
    draft.failed_attempts = 0
    draft.locked_until = None
    touch(draft)
    db.session.commit()
    return "-".join(raw[i : i + CODE_GROUP_LENGTH] for i in range(0, len(raw), CODE_GROUP_LENGTH))


class ResumeRefused(Exception):
    def __init__(self, reason: str):
        self.reason = reason  # unknown | locked | mismatch
        super().__init__(reason)


def resume(code: str, birth_date: date) -> Draft:
    """The draft for this code, when the applicant's birth date matches.

    Wrong birth dates count against the draft; after MAX_RESUME_ATTEMPTS it is locked for a
    while, so a stolen code cannot be tried against every date of birth."""
    if not normalise_code(code):
        raise ResumeRefused("unknown")
    draft = db.session.scalars(
        select(Draft).where(
            Draft.resume_code_hash == _hash(code),
            Draft.status == OPEN,
            Draft.acting_staff_id.is_(None),  # front-desk drafts get no resume code
        )
    ).first()
    if draft is None or aware(draft.expires_at) <= now():
        raise ResumeRefused("unknown")
    if draft.locked_until and aware(draft.locked_until) > now():
        raise ResumeRefused("locked")
    applicant = context(draft).applicant or {}
    if applicant.get("birth_date") != birth_date.isoformat():
        draft.failed_attempts += 1
        if draft.failed_attempts >= MAX_RESUME_ATTEMPTS:
            draft.locked_until = now() + RESUME_LOCK
            draft.failed_attempts = 0
            db.session.commit()
            raise ResumeRefused("locked")
        db.session.commit()
        raise ResumeRefused("mismatch")
    draft.failed_attempts = 0
    draft.locked_until = None
    touch(draft)
    db.session.commit()
    remember(draft)
    return draft


def purge_expired(moment: datetime | None = None) -> int:
    """Delete every draft past its expiry date; returns how many."""
    result = db.session.execute(delete(Draft).where(Draft.expires_at <= (moment or now())))
    db.session.commit()
    return result.rowcount or 0


def mark_submitted(draft: Draft, intake_id: int) -> None:
    """Keep only the link to the intake: the answers now live in the intake itself."""
    draft.status = SUBMITTED
    draft.intake_id = intake_id
    draft.answers = {}
    draft.state = {}
    draft.resume_code_hash = None
    touch(draft)
    db.session.commit()
