"""Optimistic concurrency for staff forms (issue #14): no lost updates.

A form that changes a record carries the version of that record it was read at, in a hidden
field `revision` (`templates/macros/form.html`: `version_field`). A save on another version is
refused with 409: the page shows what is saved now beside what the user typed, keeps the typed
text, and carries the current version, so saving again lands (`saved_version`).

Which number is the version: the plan has its `revision`; a household and an outcome their
`version`; the contact-person assignment the id of the active assignment (a handover ends the
row and starts a new one, so the id changes with every handover).
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import request
from flask_babel import gettext as _

from portal.extensions import db

FIELD = "revision"


def read_at() -> int | None:
    """The version the form was read at; None when the form carries none (a page opened before
    an upgrade is not checked, rather than refused) or something that is not a version."""
    raw = request.form.get(FIELD, "")
    # isascii: str.isdigit() accepts '²' and other digits int() refuses; 18 digits stay in BIGINT
    if raw.isascii() and raw.isdigit() and len(raw) <= 18:
        return int(raw)
    return None


def stale(current: int | None) -> bool:
    """The form was read at another version than the one saved now."""
    read = read_at()
    return read is not None and read != (current or 0)


def claim(record, column: str = "version") -> bool:
    """Take the next version of `record` when the form was read at the version saved now.

    One UPDATE ... WHERE version = <read at>: of two saves sent at the same moment on the same
    version only one lands and the other gets the conflict page; comparing in Python first
    would let both through. The caller commits (or rolls back, which gives the version back)."""
    table = type(record).__table__
    version = table.c[column]
    read = read_at()
    expected = read if read is not None else (getattr(record, column) or 0)
    result = db.session.execute(
        sa.update(table)
        .where(table.c.id == record.id, version == expected)
        .values({column: version + 1})
    )
    db.session.expire(record, [column])
    return result.rowcount == 1


def bump(record, column: str = "version") -> None:
    """A change made without a form (an intake filed on the household, a move into it): forms
    opened before it are stale now."""
    table = type(record).__table__
    version = table.c[column]
    db.session.execute(
        sa.update(table).where(table.c.id == record.id).values({column: version + 1})
    )
    db.session.expire(record, [column])


def conflict_message() -> str:
    return _(
        "Iemand anders heeft dit intussen veranderd. Uw tekst staat hieronder nog. "
        "Vergelijk met wat nu is opgeslagen, neem over wat u wilt houden en sla opnieuw op."
    )


def form_items(form) -> list[tuple[str, object]]:
    """A form filled with what is saved now, as (label, value) for `saved_version`: hidden
    fields left out, a list's rows numbered."""
    skip = ("CSRFTokenField", "HiddenField")
    items = []
    for field in form:
        if field.type in skip:
            continue
        if field.type == "FieldList":
            for number, entry in enumerate(field, start=1):
                items.extend(
                    (f"{sub.label.text} ({number})", sub.data)
                    for sub in entry
                    if sub.type not in skip and sub.data
                )
        elif field.data not in (None, ""):
            items.append((field.label.text, field.data))
    return items
