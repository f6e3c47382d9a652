"""Three households from the source documents, as a resident would fill in the form.

The answers are those of verordening/scenarios/model-2026-01-01/ (01, 02 and 03). Birth dates
are moved by the time between the scenario's date and today, so everyone keeps the age the
scenario gives them (Sem stays 3, Lotte 5) and the pages asked stay the same on any day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tests.browser.resident import Date, Step

SCENARIO_DATE = date(2026, 3, 1)  # as_of of the three scenarios


def born(iso: str) -> Date:
    return Date(date.fromisoformat(iso) + (date.today() - SCENARIO_DATE))


@dataclass(frozen=True)
class Household:
    name: str
    steps: list[Step]
    birth_date: Date  # the applicant's: with the resume code it opens a saved form
    help_rules: list[str]  # verordening rule ids whose help the confirmation must show
    for_whom: list[str]  # 'Voor ...' headings on the confirmation
    urgent: bool = False


def _start(given: str, family: str, birth: Date, bsn: str) -> list[Step]:
    return [
        Step(
            "stap/over-u",
            {"given_name": given, "family_name": family, "birth_date": birth, "bsn": bsn},
        )
    ]


def _member(member_id: str, given: str, family: str, birth: Date, relation: str, bsn: str):
    return [
        Step("stap/huishouden", button="Iemand toevoegen"),
        Step(
            f"stap/persoon/{member_id}",
            {
                "given_name": given,
                "family_name": family,
                "birth_date": birth,
                "bsn": bsn,
                "relation": relation,
            },
        ),
    ]


ADDRESS = Step(
    "stap/adres",
    {"postcode": "2740 AA", "house_number": "12", "street": "Dorpsstraat", "city": "Voorbeeld"},
)
CONSENT_TO_ALL = Step("stap/toestemming", rest="ja")
CHECK_AND_SEND = Step("controleren", button="Aanvraag versturen")


RUBEN = born("1988-05-12")
TWO_FATHERS = Household(
    name="two fathers needing childcare (3 and 5 years old)",
    birth_date=RUBEN,
    steps=[
        *_start("Ruben", "Achterberg", RUBEN, "999990007"),
        *_member("m2", "Joost", "Achterberg", born("1985-09-03"), "partner", "999990019"),
        *_member("m3", "Sem", "Achterberg", born("2022-11-20"), "child", "999990020"),
        *_member("m4", "Lotte", "Achterberg", born("2020-08-15"), "child", "999990032"),
        Step("stap/huishouden", button="Verder"),
        Step(
            "stap/vraag",
            {
                "question": "Mijn man is net thuis na een zelfmoordpoging en is in behandeling "
                "bij de GGZ. Ik ben afgekeurd en kan het niet meer aan. Ons zoontje van 3 is "
                "druk en vraagt veel zorg. Het CJG en de GGZ zeggen dat hij naar de "
                "kinderopvang moet. Dat kost 750 euro per maand en dat kunnen wij niet betalen."
            },
        ),
        Step(
            "stap/doel",
            {"goals": "Rust in het gezin en opvang voor onze zoon, tot wij het zelf weer kunnen."},
        ),
        Step(
            "stap/wat-al-gebeurt",
            {
                "network_efforts": "Wij hebben geen familie of vrienden in de buurt.",
                "professionals_involved": "GGZ, Centrum voor Jeugd en Gezin",
            },
        ),
        ADDRESS,
        Step(
            "stap/contact",
            {"preferred_channel": "phone", "phone": "06 12345678", "safe_to_contact": "ja"},
        ),
        Step("stap/taal", {"interpreter_needed": "nee"}),
        Step(
            "stap/onderwerpen",
            {"subjects": ["income", "care", "parenting", "school", "work", "network"]},
        ),
        Step(
            "stap/inkomen",
            {
                "monthly_net_income": "2.150",
                "assets": "38000",
                "low_income_years": "1",
                "childcare_costs_unaffordable": "ja",
            },
        ),
        Step("stap/zorg-voor-wie", {"members": ["m1", "m2"]}),
        Step(
            "stap/gezondheid/m1",
            {
                "mental_health_problems": "ja",
                "in_mental_health_treatment": "ja",
                "unable_to_care_for_children": "ja",
            },
        ),
        Step("stap/gezondheid/m2", {"physical_limitation": "ja"}),
        Step("stap/zelfzorg/m1"),
        Step("stap/zelfzorg/m2"),
        Step("stap/vervoer/m1"),
        Step("stap/vervoer/m2"),
        Step(
            "stap/opvoeden",
            {"parenting_worries": "ja", "parents_overburdened": "ja", "childcare_advised": "ja"},
        ),
        Step("stap/opgroeien/m3", {"behaviour_worries": "ja", "needs_intensive_care": "ja"}),
        Step("stap/opgroeien/m4"),
        Step(
            "stap/school/m4",
            {
                "type": "primary",
                "enrolled": "ja",
                "absence_hours_last_4_weeks": "0",
                "distance_to_school_km": "1,2",
            },
        ),
        Step("stap/werk/m1", {"status": "other"}),
        Step("stap/werk/m2", {"status": "declared_unfit"}),
        Step("stap/netwerk", {"has_supportive_network": "nee", "wants_client_support": "ja"}),
        Step("stap/mantelzorg/m1"),
        Step("stap/mantelzorg/m2", {"is_informal_carer": "ja", "carer_overburdened": "ja"}),
        CONSENT_TO_ALL,
        CHECK_AND_SEND,
    ],
    help_rules=[
        "kinderopvang_smi",
        "kinderopvang_smi_bso",
        "jeugd_jeugdhulp",
        "jeugd_opvoedondersteuning",
        "wmo_mantelzorgondersteuning",
        "wmo_respijtzorg",
        "wmo_clientondersteuning",
    ],
    for_whom=["Voor Sem", "Voor Lotte", "Voor Joost"],
)


HENDRIK = born("1961-04-02")
WHEELCHAIR_GARDENER = Household(
    name="wheelchair user who loves gardening",
    birth_date=HENDRIK,
    steps=[
        *_start("Hendrik", "Veldkamp", HENDRIK, "999990044"),
        Step("stap/huishouden", button="Verder"),
        Step(
            "stap/vraag",
            {
                "question": "Ik kreeg dagbesteding om meer te bewegen, maar die is 30 minuten "
                "reizen. Ik heb maar energie voor anderhalf uur per dag. Ik houd van tuinieren, "
                "maar vanuit mijn rolstoel kan ik niet bij de plantenbakken."
            },
        ),
        Step("stap/doel", {"goals": "Zelf mijn tuin bijhouden en zo bezig zijn."}),
        Step("stap/wat-al-gebeurt"),
        ADDRESS,
        Step("stap/contact", {"preferred_channel": "visit", "safe_to_contact": "ja"}),
        Step("stap/taal", {"interpreter_needed": "nee"}),
        Step("stap/onderwerpen", {"subjects": ["housing", "care", "work"]}),
        Step("stap/wonen", {"situation": "own_home", "home_unsuitable_for_limitation": "ja"}),
        Step("stap/zorg-voor-wie", {"members": ["m1"]}),
        Step("stap/gezondheid/m1", {"physical_limitation": "ja"}),
        Step("stap/zelfzorg/m1"),
        Step(
            "stap/vervoer/m1",
            {"walking_difficulty": "ja", "uses_wheelchair": "ja", "stairs_difficulty": "ja"},
        ),
        Step(
            "stap/werk/m1",
            {"status": "declared_unfit", "wants_daytime_activity": "ja"},
        ),
        CONSENT_TO_ALL,
        CHECK_AND_SEND,
    ],
    help_rules=["wmo_dagbesteding_maatwerk", "wmo_rolstoelvoorziening", "wmo_woonvoorziening"],
    for_whom=["Voor uzelf"],
)


NOOR = born("2003-06-10")
YOUNG_WOMAN_WITH_DEBTS = Household(
    name="young woman with debts who must leave her room",
    birth_date=NOOR,
    steps=[
        *_start("Noor", "Bakker", NOOR, "999990056"),
        Step("stap/huishouden", button="Verder"),
        Step(
            "stap/vraag",
            {
                "question": "Ik moet over 3 weken uit mijn kamer. Ik heb een laag inkomen en "
                "schulden. Daardoor wil geen verhuurder mij een kamer geven."
            },
        ),
        Step("stap/doel"),
        Step("stap/wat-al-gebeurt"),
        ADDRESS,
        Step(
            "stap/contact",
            {"preferred_channel": "email", "email": "noor@example.nl", "safe_to_contact": "ja"},
        ),
        Step("stap/taal", {"interpreter_needed": "nee"}),
        Step("stap/onderwerpen", {"subjects": ["income", "debts", "housing", "work"]}),
        Step(
            "stap/inkomen",
            {
                "monthly_net_income": "1150",
                "assets": "200",
                "low_income_years": "1",
                "unexpected_necessary_costs": "ja",
            },
        ),
        Step("stap/schulden", {"has_debts": "ja"}),
        Step("stap/schulden-details", {"debt_amount": "4800"}),
        Step("stap/wonen", {"situation": "room", "must_leave_home": "ja"}),
        Step("stap/wonen-vertrek", {"weeks_until_leaving": "3"}),
        Step("stap/werk/m1", {"status": "employed", "wants_work": "ja"}),
        CONSENT_TO_ALL,
        CHECK_AND_SEND,
    ],
    help_rules=[
        "pw_bijzondere_bijstand_woonkosten",
        "schuldhulp_eerste_gesprek",
        "pw_algemene_bijstand",
        "minima_collectieve_zorgverzekering",
    ],
    for_whom=[],
    urgent=True,
)

HOUSEHOLDS = [TWO_FATHERS, WHEELCHAIR_GARDENER, YOUNG_WOMAN_WITH_DEBTS]
