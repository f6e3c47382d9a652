"""Four households and what they type into the intake, page by page, as a browser posts it.

tests/intake/test_journeys.py walks them one at a time with the test client (and checks what
is stored and shown); bench/submission_load.py walks them with many browsers at once. Data
only: no test client and no timing, so both can import it.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.intake_form import domains
from portal.intake_form.consents import ConsentsForm
from portal.intake_form.step import field_classes


def birth(prefix: str, iso: str) -> dict:
    year, month, day = iso.split("-")
    return {
        f"{prefix}-day": str(int(day)),
        f"{prefix}-month": str(int(month)),
        f"{prefix}-year": year,
    }


def person(given: str, family: str, born: str, bsn: str = "", relation: str | None = None) -> dict:
    data = {"given_name": given, "family_name": family, "bsn": bsn, **birth("birth_date", born)}
    if not bsn:
        data["bsn_unknown"] = "y"
    if relation:
        data["relation"] = relation
    return data


def all_answered(form_cls, value: str = "nee", **overrides) -> dict:
    """Every yes/no question of a page answered with `value`, except the overrides."""
    data = {
        name: value for name, kind in field_classes(form_cls).items() if kind.__name__ == "YesNo"
    }
    data.update(overrides)
    return data


@dataclass(frozen=True)
class Household:
    """One shape of household: the people (applicant first) and the answers per page.

    `people` are the 'over-u' page and then one 'persoon' page per other member, in the order
    they are added. `pages` maps a step id, or (step id, index into `people`) for a page about
    one person, to the form data.
    """

    name: str
    people: tuple[dict, ...]
    pages: dict


#: The pages every household answers between the household overview and the subjects.
STORY_AND_CONTACT = ("vraag", "doel", "wat-al-gebeurt", "adres", "contact", "taal")


def _story(question, goals="", own="", network=""):
    return {
        "vraag": {"question": question},
        "doel": {"goals": goals} if goals else {},
        "wat-al-gebeurt": {
            k: v for k, v in (("own_efforts", own), ("network_efforts", network)) if v
        },
    }


OLDER_RESIDENT = Household(
    "older resident alone, care needs",
    (person("Gerrit", "Bakker", "1941-02-11", "111222333"),),
    {
        **_story(
            "Ik kan niet meer goed lopen en de trap op.",
            goals="Thuis blijven wonen.",
            network="Mijn buurvrouw doet boodschappen.",
        ),
        "adres": {"postcode": "2741AB", "house_number": "3", "city": "Waddinxveen"},
        "contact": {"preferred_channel": "visit", "safe_to_contact": "ja"},
        "taal": {"preferred": "nl", "interpreter_needed": "nee"},
        "onderwerpen": {"subjects": ["care", "network"]},
        "zorg-voor-wie": {"members": ["m1"]},
        ("gezondheid", 0): all_answered(
            domains.HealthForm, physical_limitation="ja", fall_risk="ja"
        ),
        ("zelfzorg", 0): all_answered(domains.SelfCareForm, needs_help_housekeeping="ja"),
        ("vervoer", 0): all_answered(
            domains.MobilityForm,
            walking_difficulty="ja",
            stairs_difficulty="ja",
            uses_wheelchair="onbekend",
        ),
        "netwerk": all_answered(domains.NetworkForm, wants_client_support="ja"),
        ("mantelzorg", 0): all_answered(domains.InformalCareForm),
        "toestemming": all_answered(ConsentsForm, "ja", contact_network="onbekend"),
    },
)

FAMILY = Household(
    "family, two children, money worries",
    (
        person("Fatima", "El Amrani", "1986-09-30", "111222333"),
        person("Youssef", "El Amrani", "1984-01-15", "123456782", "partner"),
        person("Noor", "El Amrani", "2017-03-05", relation="child"),  # of school age
        person("Adam", "El Amrani", "2024-05-20", relation="child"),  # a toddler
    ),
    {
        **_story("Wij komen niet rond en Noor gaat niet graag naar school."),
        "adres": {"postcode": "2741 AB", "house_number": "8", "house_number_addition": "a"},
        "contact": {
            "preferred_channel": "email",
            "email": "fatima@example.nl",
            "safe_to_contact": "ja",
        },
        "taal": {"preferred": "ar", "interpreter_needed": "ja"},
        "onderwerpen": {"subjects": ["income", "debts", "parenting", "school", "work"]},
        "inkomen": all_answered(
            domains.IncomeForm, monthly_net_income="1.650", assets="", low_income_years="4"
        ),
        "schulden": {"has_debts": "nee"},
        # walked from the first questions, ticking the debts subject says she has debts
        # (issue #13): then this page follows, and "schulden" is not asked
        "schulden-details": all_answered(domains.DebtDetailsForm, debt_amount=""),
        "opvoeden": all_answered(domains.ParentingForm, parents_overburdened="ja"),
        ("opgroeien", 2): all_answered(domains.GrowingUpForm),
        ("opgroeien", 3): all_answered(domains.GrowingUpForm, development_worries="ja"),
        ("school", 2): all_answered(
            domains.SchoolForm,
            type="primary",
            enrolled="ja",
            unauthorised_absence="ja",
            absence_hours_last_4_weeks="20",
            distance_to_school_km="1,5",
        ),
        ("werk", 0): all_answered(domains.WorkForm, status="employed"),
        ("werk", 1): all_answered(domains.WorkForm, status="unemployed", wants_work="ja"),
        "toestemming": all_answered(ConsentsForm, "ja"),
    },
)

UNSAFE_HOME = Household(
    "parent and child, unsafe at home",
    (
        person("Lisa", "Smit", "1990-07-07", "111222333"),
        person("Mila", "Smit", "2016-02-02", relation="child"),
    ),
    {
        **_story("Ik wil graag praten over thuis."),
        "adres": {"no_fixed_address": "y"},
        "contact": {
            "preferred_channel": "phone",
            "phone": "06 12345678",
            "safe_to_contact": "nee",
        },
        "taal": {"preferred": "nl", "interpreter_needed": "nee"},
        "onderwerpen": {"subjects": ["safety", "parenting"]},
        "opvoeden": all_answered(domains.ParentingForm, parenting_worries="ja"),
        ("opgroeien", 1): all_answered(domains.GrowingUpForm, behaviour_worries="ja"),
        "veiligheid": all_answered(
            domains.SafetyForm, feels_unsafe_at_home="ja", domestic_violence="ja"
        ),
        "toestemming": all_answered(ConsentsForm, "nee"),
    },
)

DEBTS_ONLY = Household(
    "single adult, debts only",
    (person("Anna", "de Vries", "1980-04-02", "111222333"),),
    {
        **_story(
            "Ik kan de rekeningen niet meer betalen.",
            goals="Rust in mijn hoofd.",
            own="Ik houd een schrift bij.",
        ),
        "adres": {"postcode": "2741 AB", "house_number": "12"},
        "contact": {"preferred_channel": "letter", "safe_to_contact": "ja"},
        "taal": {"preferred": "nl", "interpreter_needed": "nee"},
        "onderwerpen": {"subjects": ["debts"]},
        "schulden": {"has_debts": "onbekend"},  # asked only where the subjects page is not
        # the debts subject among the first questions says she has debts (issue #13): the
        # details follow, as far as she knows them
        "schulden-details": all_answered(domains.DebtDetailsForm, "onbekend", debt_amount=""),
        "toestemming": all_answered(ConsentsForm, "ja"),
    },
)

HOUSEHOLDS = (OLDER_RESIDENT, FAMILY, UNSAFE_HOME, DEBTS_ONLY)
