"""Pages about the resident's own story and how to reach them."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField
from wtforms.validators import StopValidation

from portal.intake_form import validators as check
from portal.intake_form.fields import Answered, Choice, LongText, Text, YesNo, options


class QuestionForm(FlaskForm):
    question = LongText(
        _l("Wat is uw vraag?"),
        [Answered()],
        description=_l(
            "Vertel in uw eigen woorden wat er aan de hand is en waar u hulp bij zoekt. "
            "U mag ook schrijven over andere mensen in uw huishouden."
        ),
    )


class GoalsForm(FlaskForm):
    goals = LongText(
        _l("Wat wilt u bereiken?"),
        description=_l(
            "Bijvoorbeeld: 'Ik wil weer zelf boodschappen doen' of 'Ik wil van mijn schulden "
            "af'. U mag dit leeg laten als u het nog niet weet."
        ),
    )


class EffortsForm(FlaskForm):
    own_efforts = LongText(
        _l("Wat doet u zelf al?"),
        description=_l("U mag dit leeg laten."),
    )
    network_efforts = LongText(
        _l("Wat doen mensen om u heen al?"),
        description=_l("Bijvoorbeeld familie, buren, vrienden of vrijwilligers."),
    )
    professionals_involved = LongText(
        _l("Wie helpt u of uw gezin nu al, vanuit zijn of haar werk?"),
        max_length=2000,
        description=_l("Bijvoorbeeld de huisarts, de jeugdhulp of iemand die uw geld regelt."),
    )


class AddressForm(FlaskForm):
    no_fixed_address = BooleanField(_l("Ik heb geen vast woonadres"))
    postcode = Text(
        _l("Postcode"),
        [check.postcode],
        max_length=7,
        render_kw={"autocomplete": "postal-code", "spellcheck": "false"},
    )
    house_number = Text(
        _l("Huisnummer"),
        [check.house_number],
        max_length=5,
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    house_number_addition = Text(
        _l("Toevoeging (als die er is)"), max_length=6, render_kw={"autocomplete": "off"}
    )
    street = Text(_l("Straat"), max_length=100, render_kw={"autocomplete": "address-line1"})
    city = Text(_l("Woonplaats"), max_length=100, render_kw={"autocomplete": "address-level2"})

    def _needed(self, field):
        if not self.no_fixed_address.data and not field.data:
            raise StopValidation(
                _(
                    "Vul in: %(label)s. Heeft u geen vast woonadres? Kies dan 'Ik heb geen "
                    "vast woonadres'.",
                    label=str(field.label.text),
                )
            )

    def validate_postcode(self, field):
        self._needed(field)

    def validate_house_number(self, field):
        self._needed(field)


class ContactForm(FlaskForm):
    phone = Text(
        _l("Telefoonnummer"),
        [check.phone],
        max_length=20,
        render_kw={"autocomplete": "tel", "type": "tel"},
    )
    email = Text(
        _l("E-mailadres"),
        [check.email],
        max_length=254,
        render_kw={"autocomplete": "email", "type": "email", "spellcheck": "false"},
    )
    preferred_channel = Choice(
        _l("Hoe wilt u dat wij contact met u opnemen?"),
        choices=[
            ("phone", _l("Bellen")),
            ("email", _l("E-mail")),
            ("letter", _l("Een brief")),
            ("visit", _l("Een gesprek bij u thuis of op het gemeentehuis")),
        ],
    )
    safe_to_contact = YesNo(
        _l("Is het veilig voor u als wij bellen, mailen of een brief sturen?"),
        description=_l(
            "Leest iemand anders uw post, of kijkt iemand mee op uw telefoon? Kies dan 'Nee'. "
            "Wij zoeken dan samen met u een veilige manier."
        ),
    )
    # Only when it is not safe (issue #12): the safe way, in the resident's own words. The
    # page shows these below the question; without JavaScript they are simply there.
    safe_phone = Text(
        _l("Op welk ander nummer kunnen wij u veilig bellen?"),
        [check.phone],
        max_length=20,
        description=_l("Alleen als het niet veilig is. Bijvoorbeeld van een vriendin of uw werk."),
        render_kw={"autocomplete": "off", "type": "tel"},
    )
    safe_times = Text(
        _l("Wanneer kunnen wij u veilig bellen?"),
        max_length=200,
        description=_l(
            "Alleen als het niet veilig is. Bijvoorbeeld: op werkdagen tussen 10 en 12 uur."
        ),
    )
    may_leave_message = YesNo(
        _l("Mogen wij een bericht inspreken of een sms sturen?"),
        description=_l("Alleen als het niet veilig is."),
        required=False,
    )

    def validate_phone(self, field):
        if self.preferred_channel.data == "phone" and not field.data:
            raise StopValidation(
                _("Vul in: %(label)s. U koos voor bellen.", label=str(field.label.text))
            )

    def validate_email(self, field):
        if self.preferred_channel.data == "email" and not field.data:
            raise StopValidation(
                _("Vul in: %(label)s. U koos voor e-mail.", label=str(field.label.text))
            )


# Names in their own language: a resident looks for the word they can read.
LANGUAGES = [
    ("nl", "Nederlands"),
    ("en", "English"),
    ("ar", "العربية"),
    ("tr", "Türkçe"),
    ("pl", "Polski"),
    ("uk", "Українська"),
    ("ti", "ትግርኛ"),
    ("fa", "فارسی"),
    ("so", "Soomaali"),
    ("pap", "Papiamentu"),
    ("ro", "Română"),
    ("bg", "Български"),
    ("es", "Español"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("zh", "中文"),
]


def _portal_language() -> str:
    language = str(get_locale() or "nl")
    return language if language in dict(LANGUAGES) else "nl"


class LanguageForm(FlaskForm):
    preferred = SelectField(
        _l("In welke taal praat u het liefst?"),
        choices=options(LANGUAGES),
        # The language the resident chose for the portal, so messages follow it (docs/languages.md).
        default=None,
        validate_choice=False,  # checked below, with a message in words
    )
    interpreter_needed = YesNo(
        _l("Heeft u een tolk nodig bij een gesprek met de gemeente?"),
        description=_l("Een tolk is gratis voor u."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.preferred.data:  # not answered yet: the portal's language
            self.preferred.data = _portal_language()

    def validate_preferred(self, field):  # a clear word for a tampered choice
        if field.data not in dict(LANGUAGES):
            raise StopValidation(_("Kies een taal uit de lijst."))
