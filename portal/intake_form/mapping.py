"""Between form data and the intake JSON: each field type has one way to store its answer.

A yes/no question answered 'Weet ik niet' is stored as null, and so is an unknown choice."""

from __future__ import annotations

from datetime import date

from wtforms import BooleanField, Field

from portal.intake_form.fields import (
    UNKNOWN,
    Choice,
    DateInput,
    YesNo,
    yes_no_from_json,
    yes_no_to_json,
)


def to_json(field: Field | type, value):
    kind = field if isinstance(field, type) else type(field)
    if issubclass(kind, YesNo):
        return yes_no_to_json(value)
    if issubclass(kind, Choice):
        return None if value in (None, UNKNOWN) else value
    if issubclass(kind, DateInput):
        return value.isoformat() if isinstance(value, date) else None
    if issubclass(kind, BooleanField):
        return bool(value)
    return value


def from_json(field: Field | type, stored: dict, key: str):
    """The form value for `key` in `stored`; None when the question was never answered."""
    kind = field if isinstance(field, type) else type(field)
    if key not in stored:
        return None
    value = stored[key]
    if issubclass(kind, YesNo):
        return yes_no_from_json(value)
    if issubclass(kind, Choice):
        return UNKNOWN if value is None else value
    if issubclass(kind, DateInput):
        return date.fromisoformat(value) if value else None
    return value


def nested(root: dict, path: str, create: bool) -> dict | None:
    """The dict at dotted `path` under `root` (created on the way when `create`)."""
    node = root
    for part in filter(None, path.split(".")):
        child = node.get(part)
        if not isinstance(child, dict):
            if not create:
                return None
            child = node[part] = {}
        node = child
    return node
