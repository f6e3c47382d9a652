"""Snapshot fixtures for the plan renderers (the contract in docs/plan-document.md).

All names are invented. `small()` is one resident with one question, `family()` a family with
a network, `largest()` the largest realistic household (9 members, 40 provisions across 6
regimes, 20 agreements, long free texts), `hostile()` typed text that tries to break things.
The benchmark (bench/plan_docx_bench.py) renders `largest()`.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta

REGIMES = (
    ("wmo", "Wmo 2015", "art. 2.3.5 Wmo 2015"),
    ("jeugdwet", "Jeugdwet", "art. 2.3 Jeugdwet"),
    ("participatiewet", "Participatiewet", "art. 35 Participatiewet"),
    ("schuldhulp", "Wet gemeentelijke schuldhulpverlening", "art. 4 Wgs"),
    ("leerlingenvervoer", "Leerlingenvervoer", "art. 4 WPO"),
    ("zvw", "Zorgverzekeringswet (verwijzing)", "art. 10 Zvw"),
)
DOMAINS = (
    ("financien", "Financiën"),
    ("werk_opleiding", "Werk en opleiding"),
    ("huisvesting", "Huisvesting"),
    ("huiselijke_relaties", "Huiselijke relaties"),
    ("geestelijke_gezondheid", "Geestelijke gezondheid"),
    ("lichamelijke_gezondheid", "Lichamelijke gezondheid"),
    ("dagbesteding", "Dagbesteding"),
    ("sociaal_netwerk", "Sociaal netwerk"),
)
STATUSES = (
    ("in_onderzoek", "In onderzoek"),
    ("aangevraagd", "Aangevraagd"),
    ("toegekend", "Toegekend"),
    ("doorverwezen", "Doorverwezen"),
)


def _base() -> dict:
    return {
        "format": 1,
        "household_id": 12,
        "version": 2,
        "issued_at": "2026-11-22T10:15:00+00:00",
        "issued_by": "Noor Contactpersoon",
        "municipality": "Voorbeeldgemeente",
        "language": "nl",
        "members": [],
        "network": [],
        "question": {
            "own_words": None,
            "wants_to_achieve": None,
            "melding_date": None,
            "personal_plan_date": None,
        },
        "intakes": [],
        "domains": [],
        "strengths": None,
        "own_contribution": None,
        "agreements": [],
        "provisions": [],
        "reasoning": [],
        "costs": {"total_cents": 0, "by_regime": []},
        "contact_person": None,
        "evaluation_date": None,
        "consents": [],
    }


def _costs(provisions: list[dict]) -> dict:
    by_regime: dict[str, dict] = {}
    for p in provisions:
        row = by_regime.setdefault(
            p["regime"], {"regime": p["regime"], "regime_label": p["regime_label"], "cents": 0}
        )
        row["cents"] += p["expected_cost_cents"] or 0
    return {
        "total_cents": sum(r["cents"] for r in by_regime.values()),
        "by_regime": list(by_regime.values()),
    }


def provision(member: dict | None, regime_index: int, name: str, cents: int | None, **extra):
    regime, label, law = REGIMES[regime_index]
    status, status_label = extra.pop("status", STATUSES[0])
    row = {
        "member_id": member["id"] if member else None,
        "member_name": member["name"] if member else None,
        "regime": regime,
        "regime_label": label,
        "provision": name,
        "kind": "aanvraag",
        "kind_label": "Aanvraag",
        "verordening_article": f"Artikel {regime_index + 2}.1",
        "law_article": law,
        "status": status,
        "status_label": status_label,
        "deadline": "2026-12-14",
        "expected_cost_cents": cents,
        "cost_note": "per jaar",
    }
    row.update(extra)
    return row


def small() -> dict:
    """One resident, one question (huishoudelijke hulp), little filled in yet."""
    plan = _base()
    plan["version"] = 1
    member = {
        "id": 31,
        "name": "Sanne de Vries",
        "role": "applicant",
        "role_label": "Aanvrager",
        "birth_date": "1948-04-02",
        "age": 78,
    }
    plan["members"] = [member]
    plan["question"] = {
        "own_words": "Ik kan het huis niet meer zelf schoonhouden sinds mijn heupoperatie.",
        "wants_to_achieve": "Dat mijn huis schoon is en ik zelf kan blijven wonen.",
        "melding_date": "2026-11-02",
        "personal_plan_date": None,
    }
    plan["intakes"] = [{"reference": "SD-2026-7KQ2MX", "submitted_at": "2026-11-02T09:00:00+00:00"}]
    plan["domains"] = [
        {
            "key": "huisvesting",
            "label": "Huisvesting",
            "score": 3,
            "previous_score": None,
            "situation": "Woont alleen in een benedenwoning.",
            "goal": "Het huis is schoon en veilig.",
        }
    ]
    plan["provisions"] = [provision(member, 0, "Huishoudelijke hulp", 245000)]
    plan["costs"] = _costs(plan["provisions"])
    plan["contact_person"] = {
        "name": "Noor Contactpersoon",
        "phone": "0182 123 456",
        "email": "n.contactpersoon@voorbeeldgemeente.example",
        "since": "2026-11-02",
    }
    plan["evaluation_date"] = "2027-05-01"
    return plan


def family() -> dict:
    """Two parents, three children, a network; scores with a previous evaluation."""
    plan = _base()
    names = (
        ("Ayla Bakker", "applicant", "Aanvrager", "1986-06-12", 40),
        ("Joris Bakker", "partner", "Partner", "1984-01-30", 42),
        ("Mila Bakker", "child", "Kind", "2010-09-01", 16),
        ("Daan Bakker", "child", "Kind", "2014-03-15", 12),
        ("Fenna Bakker", "child", "Kind", "2019-11-20", 7),
    )
    members = [
        {"id": 40 + i, "name": n, "role": r, "role_label": rl, "birth_date": b, "age": a}
        for i, (n, r, rl, b, a) in enumerate(names)
    ]
    plan["members"] = members
    plan["network"] = [
        {
            "name": "Karin Smit",
            "relation": "buurvrouw",
            "kind": "informal_carer",
            "kind_label": "Mantelzorger",
            "contact": "06 12345678",
            "role": "haalt Fenna uit school",
        },
        {
            "name": "Thijs Mulder",
            "relation": "cliëntondersteuner",
            "kind": "clientondersteuner",
            "kind_label": "Cliëntondersteuner",
            "contact": "t.mulder@ondersteuning.example",
            "role": "gaat mee naar gesprekken",
        },
    ]
    plan["question"] = {
        "own_words": (
            "We hebben schulden en Daan gaat niet meer naar school.\n"
            "We weten niet waar we moeten beginnen."
        ),
        "wants_to_achieve": "Rust in huis en Daan weer naar school.",
        "melding_date": "2026-09-14",
        "personal_plan_date": "2026-10-01",
    }
    plan["intakes"] = [
        {"reference": "SD-2026-4HX9TP", "submitted_at": "2026-09-14T08:00:00+00:00"},
        {"reference": "SD-2026-9MWQ3R", "submitted_at": "2026-11-05T13:30:00+00:00"},
    ]
    plan["domains"] = [
        {
            "key": "financien",
            "label": "Financiën",
            "score": 2,
            "previous_score": 1,
            "situation": "Betalingsachterstand bij de huur en de zorgverzekering.",
            "goal": "Binnen drie maanden een overzicht van alle schulden.",
        },
        {
            "key": "huiselijke_relaties",
            "label": "Huiselijke relaties",
            "score": 3,
            "previous_score": 3,
            "situation": "Veel ruzie over geld.",
            "goal": None,
        },
        {
            "key": "werk_opleiding",
            "label": "Werk en opleiding",
            "score": 1,
            "previous_score": 2,
            "situation": "Daan is al zes weken niet op school geweest.",
            "goal": "Daan gaat vier dagen per week naar school.",
        },
    ]
    plan["strengths"] = "Het gezin praat open met elkaar. Joris heeft vast werk."
    plan["own_contribution"] = "Ayla houdt een kasboek bij. De buurvrouw helpt met Fenna."
    plan["agreements"] = [
        {"who": "Ayla", "what": "Alle post over geld in één map", "by": "2026-12-01", "done": True},
        {
            "who": "Contactpersoon",
            "what": "Aanmelden bij schuldhulp",
            "by": "2026-11-30",
            "done": False,
        },
        {
            "who": "Joris",
            "what": "Gesprek met de mentor van Daan",
            "by": "2026-12-10",
            "done": False,
        },
    ]
    ayla, _joris, _mila, daan, _fenna = members
    plan["provisions"] = [
        provision(None, 3, "Schuldhulpverlening", 180000),
        provision(daan, 1, "Jeugdhulp: begeleiding naar school", 640000),
        provision(ayla, 2, "Bijzondere bijstand", None, status=STATUSES[1]),
    ]
    plan["costs"] = _costs(plan["provisions"])
    plan["reasoning"] = [
        {
            "need": "Grip op geld",
            "effect": "Geen brieven meer van deurwaarders.",
            "purpose_of_law": "Schulden oplossen of beheersbaar maken.",
            "weighing": "Het gezin doet veel zelf; hulp bij het overzicht is genoeg.",
            "route": "Wet gemeentelijke schuldhulpverlening, eerste gesprek binnen drie dagen.",
            "deviation": False,
            "deviation_motivation": None,
        },
        {
            "need": "Daan weer naar school",
            "effect": "Daan gaat met plezier naar school.",
            "purpose_of_law": "Opgroeien en ontwikkelen zonder problemen.",
            "weighing": "Eerst begeleiding, geen zwaardere hulp.",
            "route": "Jeugdwet, individuele voorziening.",
            "deviation": True,
            "deviation_motivation": (
                "Meer uren dan de verordening noemt, omdat de schoolgang urgent is."
            ),
        },
    ]
    plan["contact_person"] = {
        "name": "Noor Contactpersoon",
        "phone": "0182 123 456",
        "email": "n.contactpersoon@voorbeeldgemeente.example",
        "since": "2026-09-14",
    }
    plan["evaluation_date"] = "2027-03-01"
    plan["consents"] = [
        {
            "organisation": "Schuldhulp Voorbeeldregio",
            "purpose": "Schuldhulpverlening",
            "given_at": "2026-09-20T10:00:00+00:00",
            "withdrawn_at": None,
        },
        {
            "organisation": "Basisschool De Linde",
            "purpose": "Overleg over Daan",
            "given_at": "2026-09-20T10:00:00+00:00",
            "withdrawn_at": "2026-10-15T12:00:00+00:00",
        },
    ]
    return plan


LONG_TEXT = (
    "Wij wonen met negen mensen in een huis met drie slaapkamers. Mijn moeder woont sinds vorig "
    "jaar bij ons, zij heeft dementie en is 's nachts vaak onrustig. Mijn oudste zoon heeft een "
    "licht verstandelijke beperking en zoekt werk. De tweeling heeft extra hulp nodig op school. "
    "We hebben huurachterstand en een schuld bij de energieleverancier. Ik werk 24 uur in de zorg "
    "en mijn man werkt in ploegendienst. We willen graag dat iedereen weer kan slapen, dat er "
    "rust is in huis en dat we weten hoe we de rekeningen kunnen betalen.\n"
)


def largest() -> dict:
    """The largest realistic household: 9 members, 40 provisions across 6 regimes,
    20 agreements, every life domain scored, long free texts."""
    plan = family()
    plan["version"] = 7
    names = (
        ("Yasmina El Amrani", "applicant", "Aanvrager", "1979-02-11", 47),
        ("Karim El Amrani", "partner", "Partner", "1976-07-04", 50),
        ("Fatima El Amrani", "other", "Ander familielid", "1944-12-24", 81),
        ("Nordin El Amrani", "child", "Kind", "2003-05-19", 23),
        ("Sara El Amrani", "child", "Kind", "2008-08-08", 18),
        ("Imane El Amrani", "child", "Kind", "2012-01-03", 14),
        ("Ilias El Amrani", "child", "Kind", "2012-01-03", 14),
        ("Noah El Amrani", "child", "Kind", "2016-10-10", 10),
        ("Lina El Amrani", "child", "Kind", "2021-04-01", 5),
    )
    members = [
        {"id": 100 + i, "name": n, "role": r, "role_label": rl, "birth_date": b, "age": a}
        for i, (n, r, rl, b, a) in enumerate(names)
    ]
    plan["members"] = members
    plan["network"] = plan["network"] + [
        {
            "name": f"Hulpverlener {i}",
            "relation": "professional",
            "kind": "professional",
            "kind_label": "Professional",
            "contact": f"0182 000 {i:03d}",
            "role": "begeleidt een van de kinderen" if i % 2 else "wijkverpleging voor oma",
        }
        for i in range(1, 7)
    ]
    plan["question"] = {
        "own_words": LONG_TEXT * 6,
        "wants_to_achieve": LONG_TEXT * 2,
        "melding_date": "2025-03-03",
        "personal_plan_date": "2025-04-01",
    }
    plan["intakes"] = [
        {"reference": f"SD-2025-{c}K7Q2X", "submitted_at": f"2025-{m:02d}-03T09:00:00+00:00"}
        for c, m in zip("ABCDEFG", range(3, 10), strict=True)
    ]
    plan["domains"] = [
        {
            "key": key,
            "label": label,
            "score": 1 + i % 5,
            "previous_score": None if i == 0 else 1 + (i + 2) % 5,
            "situation": LONG_TEXT * 2,
            "goal": LONG_TEXT,
        }
        for i, (key, label) in enumerate(DOMAINS)
    ]
    plan["strengths"] = LONG_TEXT * 3
    plan["own_contribution"] = LONG_TEXT * 3
    start = date(2026, 11, 23)
    plan["agreements"] = [
        {
            "who": members[i % 9]["name"] if i % 3 else "Contactpersoon",
            "what": f"Afspraak {i + 1}: " + LONG_TEXT[: 80 + 7 * i],
            "by": (start + timedelta(days=7 * i)).isoformat(),
            "done": i % 4 == 0,
        }
        for i in range(20)
    ]
    provisions = []
    for i in range(40):
        member = None if i % 5 == 0 else members[i % 9]
        provisions.append(
            provision(
                member,
                i % 6,
                f"Voorziening {i + 1} " + ("begeleiding individueel" if i % 2 else "vervoer"),
                None if i % 13 == 0 else 50000 + 12345 * i,
                status=STATUSES[i % 4],
            )
        )
    plan["provisions"] = provisions
    plan["costs"] = _costs(provisions)
    plan["reasoning"] = [
        {
            "need": f"Behoefte {i + 1}: {label}",
            "effect": LONG_TEXT,
            "purpose_of_law": "Zelfredzaamheid en participatie, zo lang mogelijk thuis.",
            "weighing": LONG_TEXT,
            "route": f"{REGIMES[i % 6][1]}, maatwerkvoorziening",
            "deviation": i % 3 == 0,
            "deviation_motivation": LONG_TEXT if i % 3 == 0 else None,
        }
        for i, (_key, label) in enumerate(DOMAINS)
    ]
    plan["consents"] = [
        {
            "organisation": f"Organisatie {i + 1}",
            "purpose": "Afstemmen van de hulp",
            "given_at": "2025-03-10T10:00:00+00:00",
            "withdrawn_at": None,
        }
        for i in range(8)
    ]
    return plan


HOSTILE_WORD = "Ω" + "x" * 4999  # a 5,000-character "word"


def hostile() -> dict:
    """Typed text that tries to break the documents: control characters, markup, a
    5,000-character word, emoji, Windows newlines, a lone surrogate."""
    plan = copy.deepcopy(family())
    plan["question"]["own_words"] = (
        "Hallo\x00 daar\x07\x1b[31m <script>alert('x')</script> & \"quotes\"\r\n"
        "Tweede regel 😀👨‍👩‍👧"
    )
    plan["question"]["wants_to_achieve"] = HOSTILE_WORD
    plan["strengths"] = "Regel een\nRegel twee\rRegel drie\x0bRegel vier\ud800"
    plan["own_contribution"] = "<b>vet</b> {{ 7 * 7 }} {% raw %}"
    plan["members"][0]["name"] = "Ayla <img src=x onerror=alert(1)> Bakker\x01"
    plan["agreements"][0]["what"] = HOSTILE_WORD
    plan["agreements"][1]["who"] = "<script>steal()</script>"
    plan["provisions"][0]["provision"] = "Hulp\x0c met <i>tags</i> 🏠"
    plan["reasoning"][0]["need"] = "Behoefte <h1>kop</h1>\x02"
    plan["domains"][0]["situation"] = "Schuld € 3.000\u2028nieuwe regel\x1f"
    return plan
