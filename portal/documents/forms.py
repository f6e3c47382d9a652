"""Forms of the document pages. The file itself is read from `request.files` by the view
(portal/documents/uploads.py): WTForms keeps no file across a re-rendered page anyway, and the
view must read it with a size cap."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from portal.documents.models import INCOMING, OUTGOING
from portal.intake_form.fields import options

# The organisations around a household (issue #17); "other" with a name.
ORGANISATIONS = (
    ("cak", _l("CAK")),
    ("svb", _l("SVB")),
    ("zorgkantoor", _l("Zorgkantoor")),
    ("ciz", _l("CIZ")),
    ("uwv", _l("UWV")),
    ("belastingdienst", _l("Belastingdienst / Toeslagen")),
    ("zorgverzekeraar", _l("Zorgverzekeraar")),
    ("aanbieder", _l("Zorgaanbieder")),
    ("schuldeiser", _l("Schuldeiser")),
    ("woningcorporatie", _l("Woningcorporatie")),
    ("school", _l("School")),
    ("gemeente", _l("Gemeente (andere afdeling)")),
    ("anders", _l("Andere organisatie")),
)
DIRECTIONS = ((INCOMING, _l("Binnengekomen")), (OUTGOING, _l("Verstuurd")))


class ResidentUploadForm(FlaskForm):
    purpose = RadioField(
        _l("Waar is het document voor?"),
        validators=[InputRequired(_l("Kies waar het document voor is."))],
    )  # choices: the view (open requests, then the regimes of the resident's applications)
    description = StringField(
        _l("Wat is het? (mag leeg blijven)"),
        [Optional(), Length(max=300, message=_l("Schrijf het korter: hoogstens 300 tekens."))],
        description=_l("Bijvoorbeeld: loonstrook van oktober"),
    )


class DeskUploadForm(FlaskForm):
    purpose = SelectField(
        _l("Voor welke regeling"), validators=[InputRequired(_l("Kies een regeling."))]
    )
    description = StringField(_l("Wat is het"), [Optional(), Length(max=300)])


class RequestForm(FlaskForm):
    """A contact person asks for a document: what, why, by when."""

    member = SelectField(_l("Aan wie"), coerce=str, validators=[InputRequired()])
    purpose = SelectField(_l("Voor welke regeling"), validators=[InputRequired()])
    what = StringField(
        _l("Welk document"),
        [InputRequired(_l("Schrijf welk document u vraagt.")), Length(max=300)],
        description=_l(
            "In eenvoudige woorden, de inwoner leest dit. Bijvoorbeeld: uw huurcontract"
        ),
    )
    why = TextAreaField(
        _l("Waarom vraagt u het"),
        [InputRequired(_l("Schrijf waarom u het document nodig heeft.")), Length(max=2000)],
    )
    due_on = DateField(_l("Uiterlijk op"), [InputRequired(_l("Vul een geldige datum in."))])


class PostForm(FlaskForm):
    """One letter in the household's post register."""

    dated_on = DateField(_l("Datum van de brief"), [InputRequired(_l("Vul een geldige datum in."))])
    direction = RadioField(
        _l("Binnengekomen of verstuurd"),
        choices=options(DIRECTIONS),
        validators=[InputRequired(_l("Kies binnengekomen of verstuurd."))],
    )
    organisation = SelectField(
        _l("Organisatie"),
        choices=options(ORGANISATIONS),
        validators=[InputRequired(_l("Kies de organisatie."))],
    )
    organisation_name = StringField(
        _l("Naam van de organisatie (bij aanbieder, schuldeiser of andere)"),
        [Optional(), Length(max=200)],
    )
    subject = StringField(
        _l("Onderwerp"), [InputRequired(_l("Schrijf waar de brief over gaat.")), Length(max=300)]
    )
    action = TextAreaField(_l("Actie (mag leeg blijven)"), [Optional(), Length(max=2000)])
    action_due_on = DateField(_l("Actie uiterlijk op"), [Optional()])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if (self.action.data or "").strip() and self.action_due_on.data is None:
            self.action_due_on.errors = [
                *self.action_due_on.errors,
                _l("Vul in wanneer de actie klaar moet zijn."),
            ]
            valid = False
        if self.organisation.data == "anders" and not (self.organisation_name.data or "").strip():
            self.organisation_name.errors = [
                *self.organisation_name.errors,
                _l("Vul de naam van de organisatie in."),
            ]
            valid = False
        return valid
