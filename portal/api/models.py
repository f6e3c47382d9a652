"""The API's tables (migration 0016): clients with their scopes and hashed token, and the
intakes they filed (with the answer, for an idempotent retry)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models import StaffMember, utcnow


class ApiClient(db.Model):
    """A system that calls /api/v1 (a welfare organisation's intake tool, a case system).

    The token itself is never stored: only its public prefix (to find the row) and the SHA-256
    of the whole token. The secret part is 256 random bits, so a fast hash is enough (nothing
    to brute-force, unlike a password); a leaked table gives no usable token."""

    __tablename__ = "api_client"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    # space-separated, as OAuth writes scopes: "intakes:submit households:read"
    scopes: Mapped[str] = mapped_column(String(400))
    token_prefix: Mapped[str] = mapped_column(String(16), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id", ondelete="SET NULL")
    )
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    created_by: Mapped[StaffMember | None] = relationship(foreign_keys=[created_by_id])

    @property
    def scope_set(self) -> frozenset[str]:
        return frozenset((self.scopes or "").split())

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class ApiSubmission(db.Model):
    """An intake a client filed through POST /api/v1/intakes, with the answer it got.

    It says which system filed which intake (GET /api/v1/intakes/{reference} shows a client
    only its own), and with an `Idempotency-Key` a retry gets this answer again instead of
    filing a second intake. Keys are per client; the unique constraint makes two simultaneous
    retries file once (a NULL key never clashes)."""

    __tablename__ = "api_submission"
    __table_args__ = (UniqueConstraint("client_id", "idempotency_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(
        ForeignKey("api_client.id", ondelete="CASCADE"), index=True
    )
    intake_id: Mapped[int | None] = mapped_column(
        ForeignKey("intake.id", ondelete="SET NULL"), index=True
    )
    reference: Mapped[str] = mapped_column(String(20), index=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    # SHA-256 of the request body: the same key with another body is a client error (422)
    body_hash: Mapped[str] = mapped_column(String(64))
    # the 201 answer's body, returned again to a retry
    response: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
