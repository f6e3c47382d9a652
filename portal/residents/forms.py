"""Forms of the resident pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from portal.intake_form.fields import Answered, Text


class ButtonForm(FlaskForm):
    """A form with only a button (and the CSRF token)."""


class AttachForm(FlaskForm):
    reference = Text(
        _l("Het nummer van uw aanvraag"),
        [Answered()],
        max_length=20,
        description=_l("Het staat in uw bevestiging. Bijvoorbeeld: SD-2026-7KQ2MX"),
        render_kw={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"},
    )
    code = Text(
        _l("Uw code"),
        [Answered()],
        max_length=20,
        description=_l("De code die u kreeg toen u stopte. Bijvoorbeeld: BCDF-GH23-JK45"),
        render_kw={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"},
    )
