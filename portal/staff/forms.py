"""Forms of the staff pages (every one with a CSRF token, from Flask-WTF)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import EqualTo, InputRequired, Length, ValidationError

from catalogue.values import is_valid_email
from portal.intake_form.fields import MultiCheckbox, options
from portal.staff import passwords
from portal.staff.session_guard import ROLES, role_labels


class LoginForm(FlaskForm):
    email = EmailField(
        _l("E-mailadres"),
        [InputRequired(_l("Vul uw e-mailadres in.")), Length(max=254)],
        render_kw={"autocomplete": "username", "spellcheck": "false"},
    )
    password = PasswordField(
        _l("Wachtwoord"),
        [InputRequired(_l("Vul uw wachtwoord in.")), Length(max=passwords.MAX_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )


class CodeForm(FlaskForm):
    code = StringField(
        _l("Code uit uw app"),
        [InputRequired(_l("Vul de code van 6 cijfers in.")), Length(max=12)],
        description=_l("6 cijfers, bijvoorbeeld 123456. De code verandert elke 30 seconden."),
        render_kw={
            "autocomplete": "one-time-code",
            "inputmode": "numeric",
            "spellcheck": "false",
        },
    )


class ButtonForm(FlaskForm):
    """Only a button and the CSRF token (log out, disable, enable)."""


class NewStaffForm(FlaskForm):
    display_name = StringField(_l("Naam"), [InputRequired(_l("Vul de naam in.")), Length(max=100)])
    email = EmailField(
        _l("E-mailadres"),
        [
            InputRequired(_l("Vul het e-mailadres in.")),
            Length(max=254),
        ],
        render_kw={"spellcheck": "false", "autocomplete": "off"},
    )
    roles = MultiCheckbox(_l("Rollen"), [InputRequired(_l("Kies minstens één rol."))])
    password = PasswordField(
        _l("Eerste wachtwoord"),
        [InputRequired(_l("Vul een wachtwoord in."))],
        description=_l(
            "Minstens 12 tekens; een zin van een paar woorden is goed. Geef het wachtwoord "
            "persoonlijk door. De medewerker koppelt bij de eerste keer inloggen een app voor "
            "de code."
        ),
        render_kw={"autocomplete": "new-password"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = role_labels()
        self.roles.choices = options([(role, labels[role]) for role in ROLES])

    def validate_email(self, field):
        """The project's one e-mail rule (catalogue.values), as the intake uses."""
        if field.data and not is_valid_email(field.data):
            raise ValidationError(_("Vul een geldig e-mailadres in."))

    def validate_password(self, field):
        found = passwords.problems(
            field.data or "", email=self.email.data or "", name=self.display_name.data or ""
        )
        if found:
            raise ValidationError(found[0])


NEW_PASSWORD_HINT = _l("Minstens 12 tekens; een zin van een paar woorden is goed.")


def _new_password_fields():
    new = PasswordField(
        _l("Nieuw wachtwoord"),
        [InputRequired(_l("Vul een nieuw wachtwoord in.")), Length(max=passwords.MAX_LENGTH)],
        description=NEW_PASSWORD_HINT,
        render_kw={"autocomplete": "new-password"},
    )
    repeat = PasswordField(
        _l("Nieuw wachtwoord nog een keer"),
        [
            InputRequired(_l("Vul het nieuwe wachtwoord nog een keer in.")),
            EqualTo("new", _l("De twee nieuwe wachtwoorden zijn niet gelijk.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    return new, repeat


class ChangePasswordForm(FlaskForm):
    current = PasswordField(
        _l("Huidig wachtwoord"),
        [InputRequired(_l("Vul uw huidige wachtwoord in.")), Length(max=passwords.MAX_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )
    new, repeat = _new_password_fields()


class IssueResetForm(FlaskForm):
    reset_totp = BooleanField(
        _l("Ook tweede factor opnieuw instellen"),
        description=_l(
            "Kies dit als de medewerker de app voor de code niet meer heeft, bijvoorbeeld bij "
            "een nieuwe telefoon. Na het nieuwe wachtwoord koppelt hij of zij de app opnieuw."
        ),
    )


class UseResetForm(FlaskForm):
    email = EmailField(
        _l("E-mailadres"),
        [InputRequired(_l("Vul uw e-mailadres in.")), Length(max=254)],
        render_kw={"autocomplete": "username", "spellcheck": "false"},
    )
    code = StringField(
        _l("Herstelcode"),
        [InputRequired(_l("Vul de herstelcode in.")), Length(max=40)],
        description=_l("16 tekens, zoals u die van het beheer kreeg. Streepjes mogen."),
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    new, repeat = _new_password_fields()
