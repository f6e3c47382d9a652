"""Forms of the insight pages (CSRF from Flask-WTF): start a what-if, filter the figures."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField

from portal.intake_form.fields import DateInput


class WhatIfForm(FlaskForm):
    draft_file = FileField(
        _l("Concept-verordening (bestand)"),
        description=_l(
            "Een YAML-bestand in het formaat van de verordening, of een zip met de bestanden "
            "van één versie. Hoogstens 900 kB."
        ),
        render_kw={"accept": ".yaml,.yml,.zip"},
    )
    stored_draft = SelectField(
        _l("Of kies een concept dat al is opgeslagen"), choices=[], validate_choice=False
    )
    period_from = DateInput(_l("Intakes vanaf (leeg: alle)"), required=False, past_only=False)
    period_to = DateInput(_l("Intakes tot en met (leeg: alle)"), required=False, past_only=False)


class FiguresForm(FlaskForm):
    """GET filters: no CSRF needed (nothing changes), and the values stay in the URL."""

    class Meta:
        csrf = False

    period_from = DateInput(_l("Vanaf"), required=False, past_only=False)
    period_to = DateInput(_l("Tot en met"), required=False, past_only=False)
    team = SelectField(_l("Team"), choices=[], validate_choice=False)
