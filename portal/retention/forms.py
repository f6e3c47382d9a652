"""Forms of the retention pages (CSRF by Flask-WTF)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length

from portal.households.forms import record_id
from portal.intake_form.fields import options


class HoldForm(FlaskForm):
    reason = TextAreaField(
        _l("Waarom moet alles bewaard blijven?"),
        [InputRequired(_l("Schrijf waarom alles bewaard moet blijven.")), Length(max=2000)],
        description=_l("Bijvoorbeeld: een rechtszaak, een klacht of een onderzoek."),
    )


class RegisterRequestForm(FlaskForm):
    member = SelectField(
        _l("Wie vraagt het?"),
        coerce=record_id,
        validators=[InputRequired(_l("Kies wie om vernietiging vraagt."))],
    )


class DecideRequestForm(FlaskForm):
    decision = RadioField(
        _l("Wat besluit u?"),
        choices=options(
            [
                ("destroy", _l("Vernietigen")),
                ("other_interest", _l("Bewaren: een ander heeft er een groot belang bij")),
                ("legal_duty", _l("Bewaren: de wet verplicht ons het te bewaren")),
            ]
        ),
        validators=[InputRequired(_l("Kies vernietigen of bewaren."))],
    )
    note = TextAreaField(
        _l("Toelichting"),
        [Length(max=2000)],
        description=_l("Verplicht als u bewaart: schrijf waarom (Jeugdwet 7.3.9 lid 3)."),
    )
