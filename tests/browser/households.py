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


def _screening(
    birth: Date,
    people: list[tuple[Date, str]],
    money: dict,
    subjects: list[str],
    *,
    leave: str = "nee",
    unsafe: str = "nee",
) -> list[Step]:
    """The first questions (issue #13): who lives there (adults first, then children, as the
    form numbers them), a birth date per person, money, home, safety, subjects; then the first
    result and 'Ga verder'."""
    adults = [p for p in people if p[1] != "child"]
    children = [p for p in people if p[1] == "child"]
    steps = [
        Step(
            "stap/snel-huishouden",
            {"birth_date": birth, "adults": str(len(adults)), "children": str(len(children))},
        )
    ]
    for number, (born_on, relation) in enumerate(adults + children, start=2):
        answers: dict = {"birth_date": born_on}
        if relation != "child":
            answers["partner"] = "ja" if relation == "partner" else "nee"
        steps.append(Step(f"stap/snel-leeftijd/m{number}", answers))
    return [
        *steps,
        Step("stap/snel-geld", money),
        Step("stap/snel-wonen", {"must_leave_home": leave}),
        Step("stap/snel-veilig", {"feels_unsafe_at_home": unsafe}),
        Step("stap/onderwerpen", {"subjects": subjects}),
        Step("eerste-uitkomst", button="Ga verder", link=True),
    ]


def _start(given: str, family: str, bsn: str) -> list[Step]:
    """The full intake's first page: the birth date was asked already."""
    return [Step("stap/over-u", {"given_name": given, "family_name": family, "bsn": bsn})]


def _member(member_id: str, given: str, family: str, bsn: str, relation: str | None = None):
    """A person the first questions counted: their name now (relation asked only for an
    adult who is not the partner)."""
    answers = {"given_name": given, "family_name": family, "bsn": bsn}
    if relation:
        answers["relation"] = relation
    return [Step(f"stap/persoon/{member_id}", answers)]


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
        *_screening(
            RUBEN,
            [
                (born("1985-09-03"), "partner"),
                (born("2022-11-20"), "child"),
                (born("2020-08-15"), "child"),
            ],
            {"monthly_net_income": "2.150", "receives_bijstand": "nee"},
            ["income", "care", "parenting", "school", "work", "network"],
        ),
        *_start("Ruben", "Achterberg", "999990007"),
        *_member("m2", "Joost", "Achterberg", "999990019"),
        *_member("m3", "Sem", "Achterberg", "999990020"),
        *_member("m4", "Lotte", "Achterberg", "999990032"),
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
            "stap/inkomen",
            {
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
        *_screening(HENDRIK, [], {}, ["housing", "care", "work"]),
        *_start("Hendrik", "Veldkamp", "999990044"),
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
        Step("stap/wonen", {"situation": "own_home", "home_unsuitable_for_limitation": "ja"}),
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
        *_screening(
            NOOR,
            [],
            {"monthly_net_income": "1150", "receives_bijstand": "nee"},
            ["income", "debts", "housing", "work"],
            leave="ja",
        ),
        *_start("Noor", "Bakker", "999990056"),
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
        Step(
            "stap/inkomen",
            {
                "assets": "200",
                "low_income_years": "1",
                "unexpected_necessary_costs": "ja",
            },
        ),
        Step("stap/schulden-details", {"debt_amount": "4800"}),
        Step("stap/wonen", {"situation": "room"}),
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
