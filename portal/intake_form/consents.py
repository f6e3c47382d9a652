"""Consent per purpose of sharing, in the words the resident saw (stored with the answer)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from portal.intake_form.fields import YesNo

# purpose (as in the contract) -> the question the resident answers
PURPOSES = {
    "combine_regimes": _l(
        "Mag de gemeente uw antwoorden gebruiken voor alle hulp waar u recht op kunt hebben, "
        "en niet alleen voor één soort hulp?"
    ),
    "share_with_providers": _l(
        "Mag de gemeente gegevens delen met wie u gaat helpen? Alleen wat nodig is."
    ),
    "share_with_health_insurer": _l(
        "Mag de gemeente uw zorgverzekeraar bellen of mailen als dat nodig is voor uw hulp?"
    ),
    "share_with_school": _l(
        "Mag de gemeente contact opnemen met de school van uw kind als dat nodig is?"
    ),
    "contact_network": _l(
        "Mag de gemeente contact opnemen met mensen om u heen die u helpen, als u dat goed vindt?"
    ),
    "share_with_uwv": _l(
        "Mag de gemeente gegevens delen met het UWV als dat nodig is voor werk of een uitkering?"
    ),
}


class ConsentsForm(FlaskForm):
    pass


for _purpose, _question in PURPOSES.items():
    setattr(
        ConsentsForm,
        _purpose,
        YesNo(
            _question,
            description=_l(
                "U kunt dit later altijd veranderen. Zegt u nee, dan vragen wij het u opnieuw "
                "als het nodig is."
            ),
        ),
    )
