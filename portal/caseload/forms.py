"""The status form of one outcome."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import InputRequired

from portal.intake_form.fields import LongText


def status_labels() -> dict:
    return {
        "new": _l("Nieuw"),
        "in_onderzoek": _l("In onderzoek"),
        "granted": _l("Toegekend"),
        "refused": _l("Afgewezen"),
        "referred": _l("Doorverwezen"),
        "closed": _l("Afgesloten"),
    }


def triage_labels() -> dict:
    return {
        "urgent": _l("Spoed"),
        "multi_domain": _l("Meer leefgebieden"),
        "single_question": _l("Eén vraag"),
        "incomplete": _l("Nog niet compleet"),
        "nothing_applies": _l("Geen regeling"),
    }


class StatusForm(FlaskForm):
    status = SelectField(
        _l("Nieuwe status"), [InputRequired(_l("Kies de nieuwe status."))], choices=[]
    )
    note = LongText(_l("Toelichting (mag leeg blijven)"), max_length=2000)
