"""Forms of the ontschotter's pages (each with a CSRF token). Lists of rows (schotten,
participants) are sub-forms; an empty row is ignored."""

from __future__ import annotations

import re
from functools import partial

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, FieldList, FormField, RadioField, SelectField
from wtforms import Form as SubForm
from wtforms.validators import ValidationError

from portal.escalations import labels
from portal.households.forms import record_id
from portal.intake_form.fields import DateInput, LongText, Text, options
from portal.plans.forms import parse_euros

Prose = partial(LongText, render_kw={"cols": 60})
Line = partial(Text, render_kw={"size": 40})
BARRIER_ROWS = 3
PARTICIPANT_ROWS = 6


def _text(value) -> str:
    return (value or "").strip() if isinstance(value, str) else ""


def _required(message):
    def check(form, field):
        if not _text(field.data):
            raise ValidationError(message())

    return check


def _side_choices():
    return options([("", _l("Kies")), *labels.SIDES.items()])


class BarrierRow(SubForm):
    side_a = SelectField(_l("Regeling of organisatie"), validate_choice=False)
    side_b = SelectField(_l("Botst met"), validate_choice=False)
    note = Line(_l("Toelichting"), max_length=500)

    def is_empty(self) -> bool:
        return not self.side_a.data and not self.side_b.data and not _text(self.note.data)

    def validate_side_b(self, field):
        if self.is_empty():
            return
        for side in (self.side_a, field):
            if side.data not in labels.SIDES:
                raise ValidationError(_("Kies bij elk schot twee regelingen of organisaties."))
        if self.side_a.data == field.data:
            raise ValidationError(_("Een schot zit tussen twee verschillende regelingen."))


class EscalationForm(FlaskForm):
    need = Prose(
        _l("Wat heeft de inwoner nodig?"),
        [_required(lambda: _("Schrijf wat de inwoner nodig heeft."))],
        max_length=4000,
        description=_l("Het effect dat de inwoner wil, in zijn of haar woorden."),
    )
    barriers = FieldList(FormField(BarrierRow), min_entries=BARRIER_ROWS, max_entries=10)
    tried = Prose(
        _l("Wat is al geprobeerd?"),
        [_required(lambda: _("Schrijf wat al is geprobeerd."))],
        max_length=4000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for row in self.barriers:
            row.side_a.choices = _side_choices()
            row.side_b.choices = _side_choices()

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.chosen_barriers():  # said together with the other mistakes
            first = self.barriers[0].form.side_a
            first.errors = [
                *first.errors,
                _("Kies minstens één schot: twee regelingen of organisaties."),
            ]
            valid = False
        return valid

    def chosen_barriers(self) -> list[tuple[str, str, str | None]]:
        return [
            (row.side_a.data, row.side_b.data, _text(row.note.data) or None)
            for row in self.barriers
            if not row.is_empty()
        ]


class ParticipantRow(SubForm):
    name = Line(_l("Naam"), max_length=200)
    organisation = Line(_l("Organisatie"), max_length=200)
    role = Line(_l("Rol"), max_length=200, description=_l("Bijvoorbeeld: jeugdconsulent."))

    def is_empty(self) -> bool:
        return not any(_text(self[n].data) for n in ("name", "organisation", "role"))

    def validate_role(self, field):
        if self.is_empty():
            return
        if not all(_text(self[n].data) for n in ("name", "organisation", "role")):
            raise ValidationError(_("Vul bij elke deelnemer naam, organisatie en rol in."))


class PlatformForm(FlaskForm):
    held_on = DateInput(_l("Datum van het casusplatform"), past_only=False)
    participants = FieldList(
        FormField(ParticipantRow), min_entries=PARTICIPANT_ROWS, max_entries=30
    )
    first_problem = Prose(
        _l("Het eerste probleem dat we oplossen"),
        [_required(lambda: _("Schrijf welk probleem als eerste wordt opgelost."))],
        max_length=4000,
    )

    def chosen_participants(self) -> list[tuple[str, str, str]]:
        return [
            (_text(r.form.name.data), _text(r.form.organisation.data), _text(r.form.role.data))
            for r in self.participants
            if not r.form.is_empty()
        ]


def _staff_id(value) -> int | None:
    """A chosen staff id; None for anything else (a tampered or huge value): then the form
    says in Dutch whom to choose instead of WTForms' English "Invalid Choice"."""
    try:
        return record_id(value)
    except (TypeError, ValueError):
        return None


class ActionForm(FlaskForm):
    what = Line(
        _l("Wat wordt er gedaan?"),
        [_required(lambda: _("Schrijf wat er gedaan wordt."))],
        max_length=1000,
    )
    owner = SelectField(_l("Wie doet het?"), coerce=_staff_id, validate_choice=False)
    due_on = DateInput(_l("Klaar op"), past_only=False)

    def validate_owner(self, field):
        if field.data is None or field.data not in {c.value for c in options(field.choices)}:
            raise ValidationError(_("Kies wie de actie doet."))


class DecisionForm(FlaskForm):
    decision = Prose(
        _l("Wat is besloten?"),
        [_required(lambda: _("Schrijf wat is besloten."))],
        max_length=4000,
    )
    authority = RadioField(
        _l("Op grond waarvan?"),
        choices=options(labels.AUTHORITIES.items()),
        validate_choice=False,
    )
    effect = Prose(
        _l("1. Effect dat de inwoner nodig heeft"),
        [_required(lambda: _("Schrijf welk effect de inwoner nodig heeft."))],
        max_length=3000,
    )
    purpose_of_law = Prose(
        _l("2. Doel van de wet"),
        [_required(lambda: _("Schrijf welk doel van de wet hier speelt."))],
        max_length=3000,
        description=_l("Niet het artikel, maar waar de wet voor bedoeld is."),
    )
    weighing = Prose(
        _l("3. Afweging"),
        [_required(lambda: _("Schrijf de afweging op."))],
        max_length=3000,
        description=_l("Lange termijn, de inwoner en de mensen om hem heen, wat hij zelf kan."),
    )
    route = Prose(
        _l("4. Route: welke regeling, welk artikel, welk geld"),
        [_required(lambda: _("Schrijf langs welke route het besluit loopt."))],
        max_length=2000,
    )

    def validate_authority(self, field):
        if field.data not in labels.AUTHORITIES:
            raise ValidationError(_("Kies op grond waarvan u besluit."))


class EvaluationForm(FlaskForm):
    outcome = RadioField(
        _l("Werkte het besluit?"),
        choices=options(labels.EVALUATIONS.items()),
        validate_choice=False,
    )
    schot = Prose(
        _l("Wat was het schot echt?"),
        [_required(lambda: _("Schrijf wat het schot echt was."))],
        max_length=3000,
    )
    note = Prose(_l("Wat leren we ervan?"), max_length=3000)

    def validate_outcome(self, field):
        if field.data not in labels.EVALUATIONS:
            raise ValidationError(_("Kies of het besluit werkte."))


# An amount parse_euros reads when it is not too large: 2450 / 2450,5 / 2450.50 / 2.450,50
WELL_FORMED = re.compile(r"\d+([.,]\d{1,2})?|\d{1,3}(\.\d{3})+(,\d{1,2})?")


def cents_or_error(text: str | None) -> tuple[int | None, str | None]:
    """An amount typed by a person → (cents, None) or (None, the message). Dutch '2.450,50',
    '€ 2450' and '2450.5' are read; a minus sign, letters or more than two decimals are not."""
    value = _text(text)
    if not value:
        return None, _("Vul een bedrag in euro in, bijvoorbeeld 250 of 2.450,50.")
    if value.lstrip("€ ").startswith("-"):
        return None, _("Een bedrag kan niet negatief zijn.")
    cents = parse_euros(value)
    if cents is None:
        if WELL_FORMED.fullmatch(value.replace("€", "").replace(" ", "")):
            return None, _("Dit bedrag is te groot. Controleer het bedrag.")
        return None, _("Schrijf een bedrag in euro, bijvoorbeeld 250 of 2.450,50.")
    if cents == 0:
        return None, _("Een bedrag moet meer dan € 0 zijn.")
    return cents, None


class AmountText(Text):
    """An amount in euros as typed; `cents` after validation."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "decimal", "spellcheck": "false", "size": 14})
        super().__init__(label, validators, max_length=30, **kwargs)
        self.cents = None

    def post_validate(self, form, validation_stopped):
        if validation_stopped or self.errors:
            return
        self.cents, error = cents_or_error(self.data)
        if error:
            self.errors.append(error)


class PaymentForm(FlaskForm):
    purpose = Line(
        _l("Waarvoor is het geld?"),
        [_required(lambda: _("Schrijf waarvoor het geld is."))],
        max_length=1000,
    )
    amount = AmountText(_l("Bedrag in euro"), description=_l("Bijvoorbeeld 250 of 2.450,50."))
    prefinancing = BooleanField(_l("Dit is voorfinanciering: het geld komt later terug"))
    recover_from = SelectField(
        _l("Terug te halen bij"),
        validate_choice=False,
        description=_l("Alleen bij voorfinanciering: de regeling die het later betaalt."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.recover_from.choices = _side_choices()

    def validate_recover_from(self, field):
        if field.data and field.data not in labels.SIDES:
            raise ValidationError(_("Kies een regeling uit de lijst."))
        if self.prefinancing.data and not field.data:
            raise ValidationError(_("Kies bij voorfinanciering waar het geld terugkomt."))


class RecoveredForm(FlaskForm):
    recovered = AmountText(_l("Teruggekregen in totaal, in euro"))


class MandateForm(FlaskForm):
    staff = SelectField(_l("Ontschotter"), coerce=record_id, validate_choice=True)
    granted = BooleanField(_l("Heeft mandaat om te besluiten en handgeld te betalen"))
    limit = Text(
        _l("Eigen grens per betaling in euro (mag leeg)"),
        max_length=30,
        description=_l("Leeg: de grens per betaling van het jaar geldt."),
        render_kw={"inputmode": "decimal", "size": 14},
    )
    cents = None

    def validate_limit(self, field):
        if not _text(field.data):
            self.cents = None
            return
        self.cents, error = cents_or_error(field.data)
        if error:
            raise ValidationError(error)


class BudgetForm(FlaskForm):
    year = Text(_l("Jaar"), max_length=4, render_kw={"inputmode": "numeric", "size": 4})
    amount = AmountText(_l("Handgeld voor dit jaar, in euro"))
    per_payment = AmountText(_l("Grens per betaling, in euro"))

    def validate_year(self, field):
        value = _text(field.data)
        if not (
            value.isascii() and value.isdigit() and len(value) == 4 and 2000 <= int(value) <= 2100
        ):
            raise ValidationError(_("Vul een jaar in met 4 cijfers, bijvoorbeeld 2026."))
