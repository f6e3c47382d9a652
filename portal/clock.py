"""The one place the portal asks for the time, so tests can move it (no sleeping)."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC)
