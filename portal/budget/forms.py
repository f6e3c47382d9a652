"""The budget page's forms: a budget line (a provision's or the integrated budget), a change of
a line, a booking, and a CSV file. Amounts are read by `portal.amounts.read_amount`, so a
negative or huge amount gets its own message."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField
from wtforms.validators import ValidationError

from portal.amounts import read_amount
from portal.intake_form.fields import DateInput, Text

AMOUNT_HINT = _l("In euro, bijvoorbeeld 1.250 of 1250,50.")


def amount_message(problem: str) -> str:
    return {
        "empty": _("Vul een bedrag in."),
        "not_amount": _("Schrijf een bedrag in euro, bijvoorbeeld 1.250 of 1250,50."),
        "negative": _("Het bedrag kan niet negatief zijn."),
        "zero": _("Het bedrag moet meer dan 0 euro zijn."),
        "too_large": _("Het bedrag is te hoog: hoogstens 1 miljoen euro."),
    }.get(problem, _("Schrijf een bedrag in euro, bijvoorbeeld 1.250 of 1250,50."))


class Euros(Text):
    """An amount in euros; `cents` holds it after validation."""

    cents: int | None = None

    def pre_validate(self, form):
        found = read_amount(self.data or "")
        if found.problem:
            raise ValidationError(amount_message(found.problem))
        self.cents = found.cents


class LineForm(FlaskForm):
    # "integrated" or a household_outcome id; choices set by the page
    provision = SelectField(_l("Voor welke hulp"), choices=[], validate_choice=True)
    period_start = DateInput(_l("Begin van de periode"), past_only=False)
    period_end = DateInput(_l("Einde van de periode"), past_only=False)
    allocated = Euros(_l("Toegekend budget voor deze periode"), description=AMOUNT_HINT)
    provider = Text(_l("Aanbieder (niet verplicht)"), max_length=200)


class ChangeLineForm(FlaskForm):
    period_end = DateInput(_l("Einde van de periode"), past_only=False)
    allocated = Euros(_l("Toegekend budget voor deze periode"), description=AMOUNT_HINT)
    provider = Text(_l("Aanbieder (niet verplicht)"), max_length=200)


class BookingForm(FlaskForm):
    line = SelectField(_l("Op welk budget"), choices=[], validate_choice=True)
    booked_on = DateInput(_l("Datum van de uitgave"), past_only=False)
    amount = Euros(_l("Bedrag"), description=AMOUNT_HINT)
    description = Text(_l("Waarvoor"), max_length=200)
    provider = Text(_l("Aan wie betaald (niet verplicht)"), max_length=200)


class ImportForm(FlaskForm):
    file = FileField(_l("CSV-bestand met uitgaven"))


class StrikeForm(FlaskForm):
    booking = SelectField(_l("Welke uitgave"), choices=[], validate_choice=True)
    reason = Text(_l("Waarom schrappen"), max_length=200)

    def validate_reason(self, field):
        if not field.data:
            raise ValidationError(_("Schrijf waarom deze uitgave niet klopt."))
