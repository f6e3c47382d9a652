"""Staff account tables: failed log-ins (throttling), password reset codes, the account log, and
forms kept across an expired session."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db


class LoginFailure(db.Model):
    """One failed password or code. `account_key` is a keyed hash of the e-mail address typed
    (also for addresses that have no account), so the table holds no readable addresses."""

    __tablename__ = "staff_login_failure"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_key: Mapped[str] = mapped_column(String(64), index=True)
    ip_address: Mapped[str] = mapped_column(String(45), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class PasswordReset(db.Model):
    """A one-time reset code an admin made for a staff member, to hand over in person.

    Only a keyed hash of the code is stored. It works once (`used_at`, set by a conditional
    UPDATE) and until `expires_at`; a newer code for the same account voids older ones.
    """

    __tablename__ = "staff_password_reset"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff_member.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The admin chose "ook tweede factor opnieuw instellen": the app is linked anew after use.
    reset_totp: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class AccountEvent(db.Model):
    """The account log: password changed, reset code made or used, app link reset. Who did it
    to which account, when, from where. No passwords, codes or secrets."""

    __tablename__ = "staff_account_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL"), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(40))
    ip: Mapped[str | None] = mapped_column(String(45))


class KeptPost(db.Model):
    """What a staff member sent after their session had expired (issue #14): kept for
    `KEEP_MINUTES`, for them only, and offered again after they log in."""

    __tablename__ = "kept_post"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff_member.id", ondelete="CASCADE"), index=True
    )
    path: Mapped[str] = mapped_column(String(500))
    fields: Mapped[list] = mapped_column(JSON)  # [[name, value], ...] in the order sent
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # The walk-in's form the front desk was filling in (its draft's public id): the expired
    # session took it off this browser, the kept page puts it back (migration 0017).
    draft_public_id: Mapped[str | None] = mapped_column(String(43))
