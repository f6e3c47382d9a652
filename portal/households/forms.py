"""Forms of the household pages (every one with a CSRF token, from Flask-WTF)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp

from portal.intake_form.fields import DateInput, MultiCheckbox, options

MAX_ID = 2**31 - 1  # the id columns are 32-bit, as the URL's <int:…> (BoundedInt)


def record_id(value) -> int:
    """`coerce` for a select of records: a number the id columns cannot hold is no choice (a
    2^64 from a hostile form reached the database: OverflowError on SQLite, a 500)."""
    number = int(value)
    if not 0 < number <= MAX_ID:
        raise ValueError(value)
    return number


class NoteForm(FlaskForm):
    kind = RadioField(
        _l("Soort"),
        choices=options([("note", _l("Notitie")), ("call", _l("Telefoongesprek"))]),
        default="note",
        validators=[InputRequired(_l("Kies notitie of telefoongesprek."))],
    )
    body = TextAreaField(
        _l("Tekst"), [InputRequired(_l("Schrijf wat u wilt vastleggen.")), Length(max=4000)]
    )


class StuckForm(FlaskForm):
    reason = TextAreaField(
        _l("Waarom zit deze zaak vast?"),
        [InputRequired(_l("Schrijf waarom de zaak vastzit.")), Length(max=2000)],
    )


class ButtonForm(FlaskForm):
    """A form with only a button (and its CSRF token)."""


class ConsentForm(FlaskForm):
    organisation = StringField(
        _l("Met welke organisatie?"),
        [InputRequired(_l("Vul de naam van de organisatie in.")), Length(max=200)],
    )
    purpose = TextAreaField(
        _l("Waarvoor? (in de woorden die de inwoner begreep)"),
        [InputRequired(_l("Schrijf waarvoor de inwoner toestemming gaf.")), Length(max=2000)],
    )


class HandoverForm(FlaskForm):
    to = SelectField(_l("Nieuwe contactpersoon"), coerce=record_id, validate_choice=True)
    note = TextAreaField(
        _l("Overdrachtsnotitie voor de nieuwe contactpersoon"),
        [
            InputRequired(_l("Schrijf een overdrachtsnotitie voor de nieuwe contactpersoon.")),
            Length(max=4000),
        ],
    )


class AccessReasonForm(FlaskForm):
    reason = TextAreaField(
        _l("Reden van inzage"),
        [
            InputRequired(_l("Schrijf waarom u dit dossier moet inzien.")),
            Length(min=10, max=2000, message=_l("Schrijf de reden in minstens 10 tekens.")),
        ],
    )


class ProtectForm(FlaskForm):
    """Protect the household (or lift the protection staff set), always with a reason."""

    reason = TextAreaField(
        _l("Reden"),
        [
            InputRequired(_l("Schrijf de reden.")),
            Length(min=5, max=2000, message=_l("Schrijf de reden in minstens 5 tekens.")),
        ],
    )
    lift = BooleanField(_l("Afscherming opheffen"))


POSTCODE_RANGES = r"^\s*\d{4}\s*-\s*\d{4}\s*(,\s*\d{4}\s*-\s*\d{4}\s*)*$"


class TeamForm(FlaskForm):
    name = StringField(
        _l("Naam van het team"), [InputRequired(_l("Vul een naam in.")), Length(max=100)]
    )
    ranges = StringField(
        _l("Postcodes (cijfers), bijvoorbeeld 2740-2749, 2800-2805"),
        [
            Optional(),
            Regexp(POSTCODE_RANGES, message=_l("Schrijf de postcodes als 2740-2749, 2800-2805.")),
        ],
    )
    is_fallback = BooleanField(_l("Vangnetteam: krijgt huishoudens die geen team dekt"))

    def parsed_ranges(self) -> list[tuple[int, int]]:
        pairs = []
        if not (self.ranges.data or "").strip():
            return pairs
        for part in self.ranges.data.split(","):
            start, end = (int(x) for x in part.split("-"))
            pairs.append((min(start, end), max(start, end)))
        return pairs


class MembershipForm(FlaskForm):
    staff = SelectField(_l("Medewerker"), coerce=record_id, validate_choice=True)
    team = SelectField(_l("Team"), coerce=record_id, validate_choice=True)
    leads = BooleanField(_l("Teamleider van dit team"))
    available = BooleanField(_l("Beschikbaar voor spoed"), default=True)


class MoveMemberForm(FlaskForm):
    """Move a member out: to a new household of their own, or to another household (its
    number). The member id is checked against the household on the server, not by the choices."""

    member = SelectField(_l("Wie gaat weg?"), coerce=record_id, validate_choice=False)
    destination = RadioField(
        _l("Waar gaat deze persoon heen?"),
        choices=options(
            [
                ("new", _l("Naar een nieuw huishouden (een eigen dossier)")),
                ("existing", _l("Naar een ander huishouden dat al bestaat")),
            ]
        ),
        default="new",
        validators=[InputRequired(_l("Kies waar deze persoon heen gaat."))],
    )
    target = IntegerField(
        _l("Nummer van het andere huishouden"),
        [
            Optional(),
            NumberRange(1, MAX_ID, message=_l("Dit huishouden bestaat niet. Kijk het nummer na.")),
        ],
    )
    reason = TextAreaField(
        _l("Waarom gaat deze persoon weg?"),
        [InputRequired(_l("Schrijf waarom deze persoon weggaat.")), Length(max=2000)],
    )


class MeldcodeStepForm(FlaskForm):
    """One step of the meldcode: who, when, what was decided (step 5: help and/or report)."""

    step = SelectField(_l("Stap"), coerce=int, validate_choice=True)  # choices: the view
    who = StringField(
        _l("Wie"), [InputRequired(_l("Vul in wie deze stap zette.")), Length(max=200)]
    )
    done_on = DateField(_l("Wanneer"), [InputRequired(_l("Vul de datum in."))])
    decision = TextAreaField(
        _l("Wat is besloten of afgesproken"),
        [InputRequired(_l("Schrijf wat er is besloten.")), Length(max=4000)],
    )
    outcome = RadioField(
        _l("Besluit (stap 5)"),
        choices=[
            ("help", _l("Hulp organiseren")),
            ("report", _l("Melden bij Veilig Thuis")),
            ("help_and_report", _l("Hulp organiseren én melden bij Veilig Thuis")),
        ],
        validators=[Optional()],
    )


class RepresentationForm(FlaskForm):
    """A written authorisation (issue #19): who acts for which member, as what, for what, from
    when until when, and which ID document staff saw. Choices are set by the view."""

    member = SelectField(
        _l("Namens wie"),
        coerce=record_id,
        validate_choice=True,
        validators=[InputRequired(_l("Kies namens wie deze persoon handelt."))],
    )
    representative_name = StringField(
        _l("Naam van de gemachtigde"),
        [InputRequired(_l("Vul de naam van de gemachtigde in.")), Length(max=200)],
    )
    representative_bsn = StringField(
        _l("Burgerservicenummer van de gemachtigde"),
        [InputRequired(_l("Vul het burgerservicenummer van de gemachtigde in.")), Length(max=20)],
        description=_l("Van het identiteitsbewijs dat u zag. De gemachtigde logt in met DigiD."),
    )
    kind = RadioField(
        _l("Soort machtiging"),
        validate_choice=True,
        validators=[InputRequired(_l("Kies de soort machtiging."))],
    )
    actions = MultiCheckbox(
        _l("Wat mag de gemachtigde doen"),
        [InputRequired(_l("Kies wat de gemachtigde mag doen."))],
    )
    regimes = MultiCheckbox(
        _l("Voor welke regelingen"),
        [InputRequired(_l("Kies voor welke regelingen de machtiging geldt."))],
    )
    starts_on = DateInput(_l("Geldig vanaf"), past_only=False)
    ends_on = DateInput(_l("Geldig tot en met"), past_only=False)
    id_checked = RadioField(
        _l("Welk identiteitsbewijs van de gemachtigde zag u"),
        validate_choice=True,
        validators=[InputRequired(_l("Kies welk identiteitsbewijs u zag."))],
    )


class DeskRepresentationForm(RepresentationForm):
    """The same authorisation at the front desk, which does not see the household file: the
    represented resident is named by BSN, and the desk confirms the written authorisation."""

    member = None
    subject_bsn = StringField(
        _l("Burgerservicenummer van de inwoner"),
        [InputRequired(_l("Vul het burgerservicenummer van de inwoner in.")), Length(max=20)],
        description=_l("De inwoner namens wie de gemachtigde gaat handelen."),
    )
    written_seen = BooleanField(
        _l("Ik zag de machtiging, ondertekend door de inwoner (of de inwoner is zelf hier)"),
        [InputRequired(_l("Bevestig dat u de machtiging zag."))],
    )


def representation_choices(form: RepresentationForm) -> RepresentationForm:
    """The kinds, actions, regimes (of the verordening in force) and ID documents offered."""
    from portal import rulebook
    from portal.dutch_time import today
    from portal.households import representation
    from portal.i18n import localized

    form.kind.choices = options(list(representation.KINDS.items()))
    form.actions.choices = options(list(representation.ACTIONS.items()))
    regimes = rulebook.in_force(today()).regimes
    form.regimes.choices = options(
        [(representation.ALL_REGIMES, _l("Alle regelingen"))]
        + [(key, localized(r.name)) for key, r in regimes.items() if r.kind == "municipal"]
    )
    form.id_checked.choices = options(list(representation.ID_DOCUMENTS.items()))
    return form


def check_representation(form: RepresentationForm, subject_bsn: str | None) -> str | None:
    """The checks a validated authorisation form still needs (on the staff page and at the
    desk alike): the representative's BSN passes the 11-check and is not the resident's own,
    the end date is not before the start nor in the past. Errors go on the fields; returns
    the representative's BSN, normalised."""
    from flask_babel import gettext as _

    from catalogue.values import is_valid_bsn, normalise_bsn
    from portal.dutch_time import today

    bsn = normalise_bsn(form.representative_bsn.data or "")
    if not is_valid_bsn(bsn):
        form.representative_bsn.errors.append(
            _("Dit burgerservicenummer klopt niet. Controleer de 9 cijfers.")
        )
    elif subject_bsn and bsn == subject_bsn:
        form.representative_bsn.errors.append(
            _("Iemand kan niet namens zichzelf gemachtigd worden.")
        )
    starts, ends = form.starts_on.data, form.ends_on.data
    if ends and starts and ends < starts:
        form.ends_on.errors.append(_("De einddatum moet na de begindatum liggen."))
    elif ends and ends < today():
        form.ends_on.errors.append(_("De einddatum ligt in het verleden."))
    return bsn
