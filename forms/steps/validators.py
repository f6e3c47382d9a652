"""Checks on single answers: BSN (11-check), postcode, e-mail, phone. Messages name the field."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from stdnum.nl import bsn as stdnum_bsn
from wtforms.validators import ValidationError

from forms.steps.fields import label_of

_POSTCODE = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 ()-]{6,20}$")


def compact_bsn(value: str) -> str:
    """'1234.56.782' → '123456782'; 8 digits get their lost leading zero back."""
    compact = re.sub(r"[\s.\-]", "", value)
    if len(compact) == 8 and compact.isdigit():
        compact = "0" + compact
    return compact


def compact_postcode(value: str) -> str:
    return re.sub(r"\s+", "", value).upper()


def bsn(form, field) -> None:
    if not field.data:
        return
    value = compact_bsn(field.data)
    if not re.fullmatch(r"[0-9]{9}", value):
        raise ValidationError(
            _("%(label)s moet 9 cijfers hebben, bijvoorbeeld 123456782.", label=label_of(field))
        )
    if not stdnum_bsn.is_valid(value):
        raise ValidationError(
            _(
                "%(label)s klopt niet. Controleer de cijfers, bijvoorbeeld op een paspoort "
                "of zorgpas.",
                label=label_of(field),
            )
        )
    field.data = value


def postcode(form, field) -> None:
    if not field.data:
        return
    value = compact_postcode(field.data)
    if not _POSTCODE.match(value) or value[4:] in {"SA", "SD", "SS"}:
        raise ValidationError(
            _(
                "%(label)s moet 4 cijfers en 2 letters zijn, bijvoorbeeld 2741 AB.",
                label=label_of(field),
            )
        )
    field.data = value


def house_number(form, field) -> None:
    if field.data and not re.fullmatch(r"[1-9][0-9]{0,4}", field.data):
        raise ValidationError(
            _("%(label)s moet een getal zijn, bijvoorbeeld 12.", label=label_of(field))
        )


def email(form, field) -> None:
    if field.data and (len(field.data) > 254 or not _EMAIL.match(field.data)):
        raise ValidationError(
            _(
                "%(label)s moet een e-mailadres zijn, zoals naam@voorbeeld.nl.",
                label=label_of(field),
            )
        )


def phone(form, field) -> None:
    if field.data and not _PHONE.match(field.data):
        raise ValidationError(
            _(
                "%(label)s moet een telefoonnummer zijn, zoals 06 12345678 of +31 6 12345678.",
                label=label_of(field),
            )
        )
