"""Pages about who is in the household: the applicant, each other member, the overview."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms.validators import ValidationError

from portal import dutch_time
from portal.intake_form import validators as check
from portal.intake_form.fields import Answered, Choice, DateInput, Text

ADULT_AGE = 18  # BW 1:233; a child under this age needs no BSN in the form

RELATIONS = [
    ("partner", _l("Mijn partner (echtgenoot, geregistreerd partner of samenwonend)")),
    ("child", _l("Mijn kind")),
    ("stepchild", _l("Mijn stiefkind (kind van mijn partner)")),
    ("foster_child", _l("Mijn pleegkind")),
    ("parent", _l("Mijn vader of moeder")),
    ("sibling", _l("Mijn broer of zus")),
    ("grandparent", _l("Mijn opa of oma")),
    ("other", _l("Iemand anders")),
]
ROLE_OF_RELATION = {
    "partner": "partner",
    "child": "child",
    "stepchild": "child",
    "foster_child": "child",
}


def role_for(relation: str | None) -> str:
    return ROLE_OF_RELATION.get(relation or "", "other")


BSN_HINT = _l(
    "Uw burgerservicenummer staat op uw paspoort, identiteitskaart of zorgpas. "
    "Met het BSN zoeken wij of u al hulp krijgt van de gemeente, zodat u niet alles opnieuw "
    "hoeft te vertellen."
)


# For another person (issue #13: the child's hint said "Uw burgerservicenummer").
OTHER_BSN_HINT = _l(
    "Het burgerservicenummer staat op het paspoort, de identiteitskaart of de zorgpas. "
    "Voor een kind onder de 18 is het BSN niet nodig."
)


def _bsn(label, hint=BSN_HINT):
    """The BSN question; its label and hint differ between the applicant and another person."""
    return Text(
        label,
        [check.bsn],
        max_length=11,
        description=hint,
        render_kw={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"},
    )


# Made before the name fields, so it is the first question on a person's page.
_RELATION = Choice(_l("Wat is deze persoon van u?"), choices=RELATIONS, unknown=False)


class _Person(FlaskForm):
    given_name = Text(_l("Voornaam"), [Answered()], render_kw={"autocomplete": "off"})
    family_name = Text(_l("Achternaam"), [Answered()], render_kw={"autocomplete": "off"})
    birth_date = DateInput(_l("Geboortedatum"), description=_l("Bijvoorbeeld: 27 3 1985"))
    bsn = _bsn(_l("BSN (burgerservicenummer)"), OTHER_BSN_HINT)
    bsn_unknown = BooleanField(_l("Ik weet dit BSN nu niet"))

    def bsn_required(self) -> bool:
        """A BSN is asked of adults unless 'I do not know it' is ticked; never of a child."""
        return True

    def validate_bsn(self, field):
        if not field.data and self.bsn_required() and not self.bsn_unknown.data:
            raise ValidationError(
                _(
                    "Vul in: %(label)s. Weet u het nu niet? Kies dan 'Ik weet dit BSN nu niet'.",
                    label=str(field.label.text),
                )
            )


class ApplicantForm(_Person):
    """About you (the applicant). The birth date is also what unlocks a saved form later."""

    given_name = Text(_l("Uw voornaam"), [Answered()], render_kw={"autocomplete": "given-name"})
    family_name = Text(_l("Uw achternaam"), [Answered()], render_kw={"autocomplete": "family-name"})
    birth_date = DateInput(
        _l("Uw geboortedatum"),
        description=_l("Bijvoorbeeld: 27 3 1985"),
        render_kw={"autocomplete": "bday"},
    )
    bsn = _bsn(_l("Uw BSN (burgerservicenummer)"))
    bsn_unknown = BooleanField(_l("Ik weet mijn BSN nu niet"))


class MemberForm(_Person):
    relation = _RELATION

    def bsn_required(self) -> bool:
        """Not for a child under 18 (the start page promises it); for anyone else, yes. A
        child whose birth date is not (validly) given yet is not asked either: the birth date
        question says what is wrong."""
        known = getattr(self, "known_member", None) or {}
        # the first questions may have asked the relation and birth date already
        relation = self.relation.data if self.relation is not None else known.get("relation")
        if role_for(relation) != "child":
            return True
        born = self.birth_date.data if self.birth_date is not None else None
        if born is None and known.get("birth_date"):
            born = date.fromisoformat(known["birth_date"])
        if not isinstance(born, date):
            return False
        today = dutch_time.today()
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        return age >= ADULT_AGE


class HouseholdForm(FlaskForm):
    """The overview: add, change or remove people. The buttons carry the action."""
