"""Failed staff log-ins, kept in the database so every app server sees the same count."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String
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
