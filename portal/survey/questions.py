"""The questions of the Wmo cliëntervaringsonderzoek: the statements of the VNG/KING model
questionnaire on access, quality and effect, on a five-point scale plus "weet niet / niet van
toepassing" (docs/survey.md cites the source; the exact wording is `not verified`)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

ACCESS, QUALITY, EFFECT = "access", "quality", "effect"

# (key, theme, statement). The keys are stored; never change a key's meaning.
QUESTIONS = (
    ("serious", ACCESS, _l("Ik voelde me serieus genomen door de medewerker.")),
    ("together", ACCESS, _l("De medewerker en ik hebben samen naar oplossingen gezocht.")),
    ("where", ACCESS, _l("Ik wist waar ik moest zijn met mijn hulpvraag.")),
    ("quick", ACCESS, _l("Ik werd snel geholpen.")),
    ("quality", QUALITY, _l("Ik vind de kwaliteit van de ondersteuning goed.")),
    ("do_things", EFFECT, _l("Door de ondersteuning kan ik de dingen doen die ik wil.")),
    ("cope", EFFECT, _l("Door de ondersteuning kan ik mij beter redden.")),
    ("life", EFFECT, _l("Door de ondersteuning heb ik een betere kwaliteit van leven.")),
)
QUESTION_KEYS = tuple(key for key, _theme, _text in QUESTIONS)

THEMES = {
    ACCESS: _l("Toegang"),
    QUALITY: _l("Kwaliteit"),
    EFFECT: _l("Effect"),
}

# the five-point scale, then "weet niet / niet van toepassing"; the values are stored
ANSWERS = (
    ("1", _l("Helemaal mee oneens")),
    ("2", _l("Mee oneens")),
    ("3", _l("Niet mee eens, niet mee oneens")),
    ("4", _l("Mee eens")),
    ("5", _l("Helemaal mee eens")),
    ("0", _l("Weet niet / niet van toepassing")),
)
ANSWER_VALUES = tuple(value for value, _label in ANSWERS)
