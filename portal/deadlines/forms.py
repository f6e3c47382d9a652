"""Forms of the deadlines pages (CSRF by Flask-WTF)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length

from portal.households.forms import record_id


class DayField(DateField):
    """A date typed as 2026-05-20 (a browser's date input sends that); anything else gets a
    Dutch message instead of WTForms' English "Not a valid date value"."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError(str(_l("Vul een datum in zoals 2026-05-20."))) from None


class ExtensionForm(FlaskForm):
    outcome = SelectField(
        _l("Voor welke beslissing?"),
        coerce=record_id,
        validators=[InputRequired(_l("Kies de beslissing die later komt."))],
    )
    new_due = DayField(
        _l("Nieuwe datum"),
        [InputRequired(_l("Vul de nieuwe datum in, bijvoorbeeld 2026-05-20."))],
        description=_l("Zo vroeg als het kan (Awb 4:14)."),
    )
    reason = TextAreaField(
        _l("Waarom is meer tijd nodig?"),
        [InputRequired(_l("Schrijf waarom meer tijd nodig is.")), Length(max=2000)],
        description=_l("De inwoner leest deze reden op Mijn aanvraag."),
    )


class IngebrekestellingForm(FlaskForm):
    outcome = SelectField(
        _l("Over welke beslissing?"),
        coerce=record_id,
        validators=[InputRequired(_l("Kies de beslissing waarover de ingebrekestelling gaat."))],
    )
    received_on = DayField(
        _l("Ontvangen op"),
        [InputRequired(_l("Vul de datum in waarop de gemeente de brief ontving."))],
    )
