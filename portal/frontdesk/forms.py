"""The front desk's own page before sending: identity checked (which document), agreement."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, StringField
from wtforms.validators import InputRequired, ValidationError

from catalogue.values import is_valid_bsn, normalise_bsn
from portal.services.front_desk import DOCUMENT_TYPES


def document_labels() -> dict:
    return {
        "paspoort": _l("Paspoort"),
        "identiteitskaart": _l("Identiteitskaart"),
        "rijbewijs": _l("Rijbewijs"),
        "verblijfsdocument": _l("Verblijfsdocument"),
        "other": _l("Ander document, zonder BSN (de aanvraag gaat eerst ter controle)"),
    }


class FinishForm(FlaskForm):
    identity_checked = BooleanField(
        _l("Ik heb de identiteit van de aanvrager gecontroleerd"),
        [InputRequired(_l("Controleer de identiteit van de aanvrager en vink dit aan."))],
    )
    identity_document = RadioField(
        _l("Met welk document?"),
        [InputRequired(_l("Kies het document waarmee u de identiteit controleerde."))],
    )
    resident_agreed = BooleanField(
        _l("De aanvrager heeft de antwoorden gezien en wil de aanvraag versturen"),
        [InputRequired(_l("Vraag of de aanvrager akkoord is en vink dit aan."))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = document_labels()
        self.identity_document.choices = [(d, labels[d]) for d in DOCUMENT_TYPES]


class LookupForm(FlaskForm):
    bsn = StringField(
        _l("BSN van de inwoner"),
        [InputRequired(_l("Vul het BSN in."))],
        filters=[lambda v: normalise_bsn(v or "")],
    )

    def validate_bsn(self, field) -> None:
        if not is_valid_bsn(field.data or ""):
            raise ValidationError(_l("Dit BSN klopt niet. Controleer de 9 cijfers."))
