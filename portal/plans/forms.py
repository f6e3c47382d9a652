"""Forms of the plan workspace: one form per section (each with a CSRF token). Rows of a list
(network, agreements, reasoning) are sub-forms; an empty row is ignored, a row with
"Verwijderen" ticked is dropped."""

from __future__ import annotations

from functools import partial

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, FieldList, FormField, HiddenField, RadioField, SelectField
from wtforms import Form as SubForm
from wtforms.validators import ValidationError

from portal.amounts import parse_euros
from portal.intake_form.fields import DateInput, LongText, Text, options
from portal.plans import labels

MAX_ROWS = 40

# Widths in characters (HTML cols/size; the theme's CSS caps every control at 25rem): free
# text and names get room for their content instead of the browser's default 20 characters.
Prose = partial(LongText, render_kw={"cols": 60})
Line = partial(Text, render_kw={"size": 40})


def _text(value) -> str:
    return (value or "").strip() if isinstance(value, str) else ""


class QuestionForm(FlaskForm):
    own_words = Prose(
        _l("De vraag in de woorden van de inwoner"),
        description=_l("Wat vertelde de inwoner? Schrijf het op zoals de inwoner het zei."),
    )
    wants_to_achieve = Prose(
        _l("Wat de inwoner wil bereiken"),
        description=_l("Wat is er anders als de hulp goed werkt?"),
    )
    melding_date = DateInput(_l("Datum van de melding"), required=False)
    personal_plan_date = DateInput(
        _l("Datum waarop de inwoner een eigen plan gaf"),
        required=False,
        description=_l("Laat leeg als de inwoner geen eigen plan gaf."),
    )


class NetworkRow(SubForm):
    name = Line(_l("Naam"), max_length=200)
    relation = Line(_l("Relatie met het huishouden"), max_length=200)
    kind = SelectField(
        _l("Soort"),
        choices=options(labels.NETWORK_KINDS.items()),
        validate_choice=False,
    )
    contact = Line(_l("Hoe bereikbaar"), max_length=200)
    role = Line(
        _l("Wat doet deze persoon?"),
        max_length=500,
        description=_l("Bijvoorbeeld: haalt de kinderen op van school."),
    )
    remove = BooleanField(_l("Verwijderen"))

    def is_empty(self) -> bool:
        return not any(_text(self[n].data) for n in ("name", "relation", "contact", "role"))

    def validate_kind(self, field):
        if field.data not in labels.NETWORK_KINDS:
            raise ValidationError(_("Kies wat voor persoon dit is."))

    def validate_name(self, field):
        if not self.remove.data and not self.is_empty() and not _text(field.data):
            raise ValidationError(_("Vul de naam in."))


class NetworkForm(FlaskForm):
    rows = FieldList(FormField(NetworkRow), max_entries=MAX_ROWS)


class DomainsForm(FlaskForm):
    """One score, situation and goal per life domain; the fields are added per domain key."""


def _score_field(label: str):
    return SelectField(
        label,
        choices=options([("", _l("Geen score")), *labels.SCORE_LABELS.items()]),
        validate_choice=False,
    )


for _key, _label in labels.DOMAIN_LABELS.items():
    setattr(DomainsForm, f"{_key}_score", _score_field(_l("Score")))
    setattr(
        DomainsForm,
        f"{_key}_situation",
        Prose(_l("Situatie nu"), description=_l("Wat gaat goed en wat gaat niet goed?")),
    )
    setattr(DomainsForm, f"{_key}_goal", Prose(_l("Doel")))


def validate_scores(form: DomainsForm) -> bool:
    ok = True
    for key in labels.DOMAIN_LABELS:
        field = form[f"{key}_score"]
        if field.data not in ("", None) and field.data not in {str(n) for n in range(1, 6)}:
            field.errors = [*field.errors, _("Kies een score van 1 tot en met 5.")]
            ok = False
    return ok


class StrengthsForm(FlaskForm):
    strengths = Prose(_l("Wat gaat goed: sterke kanten"))
    own_contribution = Prose(_l("Wat de inwoner en de mensen om hem of haar heen zelf doen"))


class AgreementRow(SubForm):
    who = Line(
        _l("Wie"),
        max_length=200,
        description=_l("Bijvoorbeeld de inwoner, iemand uit het netwerk of de contactpersoon."),
    )
    what = Prose(_l("Wat"), max_length=2000)
    by = DateInput(_l("Klaar op"), required=False, past_only=False)
    done = BooleanField(_l("Gedaan"))
    remove = BooleanField(_l("Verwijderen"))

    def is_empty(self) -> bool:
        return not _text(self.who.data) and not _text(self.what.data) and self.by.data is None

    def validate_what(self, field):
        if not self.remove.data and not self.is_empty() and not _text(field.data):
            raise ValidationError(_("Schrijf wat er gebeurt."))


class AgreementsForm(FlaskForm):
    rows = FieldList(FormField(AgreementRow), max_entries=MAX_ROWS)


class ReasoningRow(SubForm):
    provision_id = HiddenField()
    need = Line(_l("Behoefte"), max_length=300)
    effect = Prose(
        _l("Effect dat de inwoner wil"),
        max_length=3000,
        description=_l("Wat moet er anders worden in het leven van de inwoner?"),
    )
    purpose_of_law = Prose(
        _l("Doel van de wet"),
        max_length=3000,
        description=_l("Dit komt uit de verordening. U mag het aanvullen."),
    )
    weighing = Prose(
        _l("Afweging"),
        max_length=3000,
        description=_l(
            "Wat kan de inwoner zelf? Wat kan het netwerk doen? Helpt een algemene voorziening?"
            " Waarom is deze hulp nodig?"
        ),
    )
    route = Prose(_l("Route: welke regeling en welk artikel"), max_length=1000)
    deviation = RadioField(
        _l("Wijken we af van de verordening?"),
        choices=options([("nee", _l("Nee")), ("ja", _l("Ja"))]),
        default="nee",
        validate_choice=False,
    )
    deviation_motivation = Prose(
        _l("Waarom wijken we af?"),
        max_length=3000,
        description=_l("Alleen invullen als u bij de vorige vraag Ja koos."),
    )
    remove = BooleanField(_l("Verwijderen"))

    def is_empty(self) -> bool:
        names = ("need", "effect", "purpose_of_law", "weighing", "route", "deviation_motivation")
        return not any(_text(self[n].data) for n in names) and self.deviation.data != "ja"

    def validate_deviation(self, field):
        if field.data not in ("ja", "nee"):
            raise ValidationError(_("Kies ja of nee."))

    def validate_need(self, field):
        if not self.remove.data and not self.is_empty() and not _text(field.data):
            raise ValidationError(_("Schrijf om welke behoefte het gaat."))

    def validate_deviation_motivation(self, field):
        if not self.remove.data and self.deviation.data == "ja" and not _text(field.data):
            raise ValidationError(_("Schrijf waarom we afwijken van de verordening."))


class ReasoningForm(FlaskForm):
    rows = FieldList(FormField(ReasoningRow), max_entries=MAX_ROWS)


class CostRow(SubForm):
    outcome_id = HiddenField()
    euros = Text(
        _l("Verwachte kosten in euro"),
        max_length=20,
        description=_l("Bijvoorbeeld 2450 of 2450,50."),
    )
    note = Line(_l("Toelichting, bijvoorbeeld per jaar"), max_length=200)

    def validate_euros(self, field):
        if _text(field.data) and parse_euros(field.data) is None:
            raise ValidationError(_("Schrijf een bedrag in euro, bijvoorbeeld 2450 of 2450,50."))


class CostsForm(FlaskForm):
    rows = FieldList(FormField(CostRow), max_entries=500)


class EvaluationForm(FlaskForm):
    evaluation_date = DateInput(
        _l("Datum van de evaluatie"),
        required=False,
        past_only=False,
        description=_l("Op die datum staat het huishouden bovenaan in uw caseload."),
    )


class IssueForm(FlaskForm):
    """Issue the next version; `number` is the number the page promised (double click)."""

    number = HiddenField()


class AgreementForm(FlaskForm):
    channel = RadioField(
        _l("Waar gaf de inwoner akkoord?"),
        choices=options(
            [
                ("front_desk", labels.CHANNEL_LABELS["front_desk"]),
                ("contact_person", labels.CHANNEL_LABELS["contact_person"]),
            ]
        ),
        validate_choice=False,
    )

    def validate_channel(self, field):
        if field.data not in ("front_desk", "contact_person"):
            raise ValidationError(_("Kies waar de inwoner akkoord gaf."))


class ButtonForm(FlaskForm):
    """A form with only a button (and its CSRF token)."""
