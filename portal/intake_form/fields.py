"""Field types the intake pages share: yes/no/unknown, a GOV.UK-style date input, amounts.

Every message names the question it belongs to, so the error summary at the top of the page
reads well on its own ("Kies een antwoord bij: Heeft u schulden?").
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import Field, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.utils import unset_value
from wtforms.validators import StopValidation, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from catalogue.values import amount_problem
from portal import dutch_time

YES, NO, UNKNOWN = "ja", "nee", "onbekend"
MAX_AGE = 120  # as forms.contract.MAX_AGE_YEARS: older is a typing error
UNKNOWN_LABEL = _l("Weet ik niet / zeg ik liever niet")


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [p if isinstance(p, SelectChoice) else SelectChoice(p[0], p[1]) for p in pairs]


def choice_labels(field) -> dict:
    return {c.value: c.label for c in options(field.choices or [])}


def label_of(field: Field) -> str:
    return str(field.label.text)


class Answered:
    """The question must be answered. 'Weet ik niet' counts as an answer."""

    field_flags = {"required": True}

    def __call__(self, form, field):
        if field.errors:  # the value could not be read; that message says enough
            raise StopValidation()
        if field.data in (None, "", []):
            raise StopValidation(self.message(field))

    @staticmethod
    def message(field) -> str:
        if isinstance(field, RadioField):
            return _("Kies een antwoord bij: %(label)s", label=label_of(field))
        return _("Vul in: %(label)s", label=label_of(field))


class MaxLength:
    def __init__(self, maximum: int):
        self.maximum = maximum

    def __call__(self, form, field):
        if field.data and len(field.data) > self.maximum:
            raise ValidationError(
                _(
                    "%(label)s mag niet langer zijn dan %(max)s tekens. U heeft er %(count)s.",
                    label=label_of(field),
                    max=self.maximum,
                    count=len(field.data),
                )
            )


class _Trimmed:
    """Typed text: at most `max_length` characters; surrounding spaces removed, empty becomes
    None. Mixed in before a WTForms text field."""

    def __init__(self, label=None, validators=None, max_length: int = 100, **kwargs):
        super().__init__(label, [*(validators or []), MaxLength(max_length)], **kwargs)
        self.max_length = max_length

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        text = (self.data or "").strip()
        # Only invisible format characters (zero-width spaces, joiners) is no answer either:
        # a "name" nobody can read (issue #14). Within visible text they stay.
        if not any(unicodedata.category(c) != "Cf" for c in text):
            text = ""
        self.data = text or None


class Text(_Trimmed, StringField):
    """A one-line text; surrounding spaces removed, empty becomes None."""


class LongText(_Trimmed, TextAreaField):
    def __init__(self, label=None, validators=None, max_length: int = 5000, **kwargs):
        super().__init__(label, validators, max_length, **kwargs)


class Choice(RadioField):
    """A radio group. With `unknown=True` it gets a 'Weet ik niet / zeg ik liever niet' option
    that is stored as null: unknown is not false."""

    def __init__(self, label=None, choices=(), unknown: bool = True, required: bool = True, **kw):
        choices = options(choices)
        if unknown:
            choices.append(SelectChoice(UNKNOWN, UNKNOWN_LABEL))
        validators = [Answered()] if required else []
        super().__init__(
            label,
            validators,
            choices=choices,
            validate_choice=True,
            **kw,
        )

    def pre_validate(self, form):
        if self.data in (None, ""):
            return
        if self.data not in {choice.value for choice in self.choices}:
            raise StopValidation(
                _("Kies een van de antwoorden bij: %(label)s", label=label_of(self))
            )

    def process_formdata(self, valuelist):
        self.data = valuelist[0] if valuelist else None


class YesNo(Choice):
    """Ja / Nee / Weet ik niet: stored as true / false / null.

    `item` is the same question as one line of a checklist ("Een lichamelijke beperking of
    ziekte"), for a page that asks its yes/no questions as "Kies alles wat klopt" (issue #13:
    ten radio groups were most of an older resident's clicks)."""

    def __init__(self, label=None, item=None, **kw):
        super().__init__(label, choices=[(YES, _l("Ja")), (NO, _l("Nee"))], **kw)
        self.item = item


def yes_no_to_json(value: str | None) -> bool | None:
    return {YES: True, NO: False}.get(value or "")


def yes_no_from_json(value: object) -> str:
    return {True: YES, False: NO}.get(value, UNKNOWN)  # type: ignore[arg-type]


class MultiCheckbox(SelectMultipleField):
    """Checkboxes; every value must be one of the choices (a tampered value is refused)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, label=None, validators=None, **kw):
        kw.setdefault(
            "invalid_choice_message",
            _l("Kies alleen uit de antwoorden die op de pagina staan."),
        )
        super().__init__(label, validators, **kw)


_NUMBER = re.compile(r"^-?[0-9]+(?:[.,][0-9]+)?$")


class Number(StringField):
    """A number of at least 0 (euros, weeks, hours, km). Accepts '1.250,50', '€ 1250', '12,5'.

    Left empty it is None: not known."""

    def __init__(
        self,
        label=None,
        validators=None,
        required: bool = False,
        maximum: float = 10_000_000,
        whole: bool = False,
        **kw,
    ):
        validators = [Answered()] if required else list(validators or [])
        kw.setdefault("render_kw", {})
        kw["render_kw"].setdefault("inputmode", "numeric" if whole else "decimal")
        kw["render_kw"].setdefault("spellcheck", "false")
        super().__init__(label, validators, **kw)
        self.maximum = maximum
        self.whole = whole
        self.raw = ""

    def process(self, formdata, data=unset_value, extra_filters=None):
        super().process(formdata, data, extra_filters)
        if not self.raw and self.data is not None:
            self.raw = _format_number(self.data)

    def process_formdata(self, valuelist):
        self.raw = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not self.raw:
            return
        text = _plain_number(self.raw.replace("€", "").replace(" ", ""))
        if not _NUMBER.match(text):
            raise ValueError(
                _(
                    "Vul bij %(label)s alleen een getal in, bijvoorbeeld 250.",
                    label=label_of(self),
                )
            )
        try:
            number = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the regex already guarantees a number
            raise ValueError(_("Vul bij %(label)s een getal in.", label=label_of(self))) from None
        problem = amount_problem(number, self.maximum)  # the contract's own amount check
        if problem == "number_negative":
            raise ValueError(_("%(label)s kan niet kleiner zijn dan 0.", label=label_of(self)))
        if problem is not None:
            raise ValueError(
                _(
                    "%(label)s is te groot. Controleer het getal.",
                    label=label_of(self),
                )
            )
        if self.whole and number != number.to_integral_value():
            raise ValueError(
                _("Vul bij %(label)s een heel getal in, zonder komma.", label=label_of(self))
            )
        self.data = int(number) if number == number.to_integral_value() else float(number)

    def _value(self):
        return self.raw


def _plain_number(text: str) -> str:
    """'1.250,50' (Dutch) or '1,250.50' (English) → '1250.50'.

    With both signs, the last one is the decimal sign. With one sign, it groups thousands
    only when it is placed that way *and* the page language writes numbers like that
    ('1.250' in Dutch, '1,250' in English); otherwise it is the decimal sign ('12,5')."""
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        grouping = "." if decimal == "," else ","
        return text.replace(grouping, "").replace(decimal, ".")
    english = str(get_locale() or "nl").startswith("en")
    grouping = "," if english else "."
    if re.fullmatch(rf"[0-9]{{1,3}}(\{grouping}[0-9]{{3}})+", text):
        return text.replace(grouping, "")
    return text.replace(",", ".")


def _format_number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",")


class DateInput(Field):
    """Three boxes (day, month, year) as GOV.UK asks a date; posted as <name>-day etc.

    `data` is a `date` or None. Errors say which part is missing or wrong."""

    PARTS = ("day", "month", "year")

    def __init__(self, label=None, validators=None, required=True, past_only=True, **kw):
        super().__init__(label, validators, **kw)
        self.required = required
        self.past_only = past_only
        self.parts = dict.fromkeys(self.PARTS, "")
        if required:
            self.flags.required = True

    def process(self, formdata, data=unset_value, extra_filters=None):
        self.process_errors = []
        if data is unset_value:
            data = self.default
        self.object_data = data
        self.data = data if isinstance(data, date) else None
        if isinstance(self.data, date):
            self.parts = {
                "day": str(self.data.day),
                "month": str(self.data.month),
                "year": str(self.data.year),
            }
        keys = [f"{self.name}-{part}" for part in self.PARTS]
        if formdata is not None and any(key in formdata for key in keys):
            self.parts = {
                part: (formdata.get(key) or "").strip()[:10]
                for part, key in zip(self.PARTS, keys, strict=True)
            }
            self.data = None
            self._posted = True
        else:
            self._posted = False

    def pre_validate(self, form):
        if not self._posted:
            if self.required and self.data is None:
                raise StopValidation(_("Vul in: %(label)s", label=label_of(self)))
            return
        label = label_of(self)
        values = self.parts
        if not any(values.values()):
            if self.required:
                raise StopValidation(_("Vul in: %(label)s", label=label_of(self)))
            return
        missing = [part for part in self.PARTS if not values[part]]
        if missing:
            names = {"day": _("een dag"), "month": _("een maand"), "year": _("een jaar")}
            raise StopValidation(
                _("%(label)s moet %(part)s bevatten.", label=label, part=names[missing[0]])
            )
        if not all(values[part].isdigit() for part in self.PARTS):
            raise StopValidation(
                _("%(label)s moet uit cijfers bestaan, bijvoorbeeld 27 3 2007.", label=label)
            )
        year = int(values["year"])
        if len(values["year"]) != 4:
            raise StopValidation(_("Het jaar bij %(label)s moet 4 cijfers hebben.", label=label))
        try:
            value = date(year, int(values["month"]), int(values["day"]))
        except ValueError:
            raise StopValidation(_("%(label)s moet een echte datum zijn.", label=label)) from None
        if year < 1900:
            raise StopValidation(_("%(label)s moet na 1900 liggen.", label=label))
        today = dutch_time.today()
        age = today.year - year - ((today.month, today.day) < (value.month, value.day))
        if self.past_only and age > MAX_AGE:
            raise StopValidation(
                _(
                    "Controleer het jaar bij %(label)s: dat is meer dan %(max)s jaar geleden.",
                    label=label,
                    max=MAX_AGE,
                )
            )
        if self.past_only and value > dutch_time.today():
            raise StopValidation(_("%(label)s moet in het verleden liggen.", label=label))
        self.data = value
