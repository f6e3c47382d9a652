"""Checks on single answers: BSN (11-check), postcode, e-mail, phone. Messages name the field.

The verdict is the contract's own (``catalogue.values``, which forms/contract.py uses too); only
the words are the page's."""

from __future__ import annotations

from flask_babel import gettext as _
from wtforms.validators import ValidationError

from catalogue.values import (
    bsn_problem,
    is_valid_email,
    is_valid_house_number,
    is_valid_phone,
    is_valid_postcode,
    normalise_bsn,
    normalise_postcode,
)
from portal.intake_form.fields import label_of


def bsn(form, field) -> None:
    if not field.data:
        return
    value = normalise_bsn(field.data)
    problem = bsn_problem(value)
    if problem == "bsn_not_9_digits":
        raise ValidationError(
            _("%(label)s moet 9 cijfers hebben, bijvoorbeeld 123456782.", label=label_of(field))
        )
    if problem is not None:
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
    if not is_valid_postcode(field.data):
        raise ValidationError(
            _(
                "%(label)s moet 4 cijfers en 2 letters zijn, bijvoorbeeld 2741 AB.",
                label=label_of(field),
            )
        )
    field.data = normalise_postcode(field.data)


def house_number(form, field) -> None:
    if field.data and not is_valid_house_number(field.data):
        raise ValidationError(
            _("%(label)s moet een getal zijn, bijvoorbeeld 12.", label=label_of(field))
        )


def email(form, field) -> None:
    if field.data and not is_valid_email(field.data):
        raise ValidationError(
            _(
                "%(label)s moet een e-mailadres zijn, zoals naam@voorbeeld.nl.",
                label=label_of(field),
            )
        )


def phone(form, field) -> None:
    if field.data and not is_valid_phone(field.data):
        raise ValidationError(
            _(
                "%(label)s moet een telefoonnummer zijn, zoals 06 12345678 of +31 6 12345678.",
                label=label_of(field),
            )
        )
