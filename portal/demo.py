"""Demo data for `make run`: invented staff and households (never real people).

The households are the verordening's own scenarios, so the demo shows exactly the cases the
rules are tested on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import click
import yaml
from flask import current_app
from sqlalchemy import func, select

from portal import rulebook
from portal.extensions import db
from portal.households.models import Team, TeamMembership
from portal.models import Intake, StaffMember
from portal.services import intakes
from portal.staff import passwords
from verordening.scenarios import scenario_files


@dataclass(frozen=True)
class DemoStaff:
    """An invented staff member. The password and TOTP key are public on purpose (README):
    they exist only in a database filled by `seed-demo`, which refuses to run in production."""

    email: str
    name: str
    roles: str
    password: str
    totp_secret: str


DEMO_STAFF = [
    DemoStaff(
        "loket@voorbeeldgemeente.example",
        "Fenna Loketmedewerker",
        "front_desk",
        "koffie aan de balie om negen",
        "O5QBKDWXMB2TYYWKDDW46CDUD6RUCGCA",
    ),
    DemoStaff(
        "contact@voorbeeldgemeente.example",
        "Bram Contactpersoon",
        "contact_person",
        "samen met het gezin een plan",
        "BQ4XMEUOYZTNG4B42MDP4DBBS26JY66K",
    ),
    DemoStaff(
        "teamlead@voorbeeldgemeente.example",
        "Yara Teamleider",
        "team_lead,contact_person",
        "wie pakt deze casus op vandaag",
        "JARR2C7AIBUU6SGA5PVLH36AKCOYWOFO",
    ),
    DemoStaff(
        "ontschotter@voorbeeldgemeente.example",
        "Omar Ontschotter",
        "ontschotter",
        "schotten weg en door met het gezin",
        "FNLPWWVBWZLM3UJTJOWZALNTB2QGYU57",
    ),
    DemoStaff(
        "beleid@voorbeeldgemeente.example",
        "Noor Beleidsmedewerker",
        "policy_officer",
        "wat doet de nieuwe regel met wie",
        "7EICD5PU2SHFBEQSLCXNVFSPEAQACKMF",
    ),
    DemoStaff(
        "beheer@voorbeeldgemeente.example",
        "Ilse Beheerder",
        "admin",
        "beheer houdt de sleutels bij",
        "26RCJA6S5XX5GST2RQYJ5MWHFPMLPZOA",
    ),
]
DEMO_HOUSEHOLDS = 8


@dataclass(frozen=True)
class DemoResident:
    """An invented resident of a demo household, for the test DigiD log-in (development only:
    the loopback development provider offers each `sub` as a one-click log-in; see
    docs/residents.md)."""

    sub: str
    name: str
    bsn: str
    note: str


DEMO_RESIDENTS = [
    DemoResident("demo-ruben", "Ruben Achterberg", "999990007", "twee vaders, kinderopvang"),
    DemoResident("demo-sanne", "Sanne Vermeulen", "999990081", "alleenstaande ouder"),
    DemoResident("demo-ingrid", "Ingrid Smit", "999990172", "moeder van Thijs"),
    DemoResident("demo-thijs", "Thijs Smit", "999990184", "18 jaar: beslist zelf over jeugdhulp"),
]


# DigiD Machtigen log-ins the development provider offers (issue #19): "log in as X acting
# for Y with service Z" (services in portal.config.DEVELOPMENT_MACHTIGEN_SERVICES).
DEMO_MACHTIGINGEN = [
    ("demo-ingrid-namens-thijs", "demo-ingrid", "demo-thijs", "eenloket-aanvragen-en-volgen"),
    ("demo-sanne-namens-ruben", "demo-sanne", "demo-ruben", "eenloket-wmo-lezen"),
]


def demo_resident_claims() -> list[tuple[str, dict]]:
    """(sub, claims) for the development provider: the BSN claim of each demo resident, and the
    DigiD Machtigen identities (the acting person's and the represented person's BSN and the
    service, in the claims the settings name)."""
    config = current_app.config
    claim = config.get("OIDC_BSN_CLAIM") or "bsn"
    users = [(r.sub, {claim: r.bsn, "name": r.name}) for r in DEMO_RESIDENTS]
    by_sub = {r.sub: r for r in DEMO_RESIDENTS}
    for sub, actor, subject, service in DEMO_MACHTIGINGEN:
        claims = machtigen_claims(config, by_sub[actor].bsn, by_sub[subject].bsn, service)
        claims["name"] = f"{by_sub[actor].name} namens {by_sub[subject].name} ({service})"
        users.append((sub, claims))
    return users


def machtigen_claims(config, authorizee: str, representee: str, service: str) -> dict:
    """ID token claims of a DigiD Machtigen log-in, nested where a setting names a dotted path."""
    claims: dict = {}
    for path, value in (
        (config.get("OIDC_AUTHORIZEE_CLAIM") or "authorizee_bsn", authorizee),
        (config.get("OIDC_REPRESENTEE_CLAIM") or "representee_bsn", representee),
        (config.get("OIDC_SERVICE_ID_CLAIM") or "service_id", service),
    ):
        *parents, last = path.split(".")
        node = claims
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return claims


def seed() -> list[str]:
    """Add the demo staff that are missing, and households to a database without intakes."""
    if current_app.config.get("ENV_MODE") == "production":
        raise click.ClickException("seed-demo never runs in production: its passwords are public.")
    report = _seed_staff()
    report += _seed_team()
    report += _residents_report()
    if db.session.scalar(select(func.count(Intake.id))):
        return [*report, "Demo households are already there; nothing added."]
    report.append("Demo households (from the verordening scenarios):")
    for scenario in _demo_scenarios():
        answers = scenario["intake"]
        applicant = next((m for m in answers["members"] if m.get("role") == "applicant"), {})
        # as if each invented applicant had logged in with DigiD before sending
        submitted = intakes.submit(
            answers,
            as_of=_as_of(scenario),
            channel="online",
            verified_bsn=applicant.get("bsn"),
            verified_via="demo",
        )
        report.append(
            f"  {submitted.intake.reference}  {scenario['name']}  → {submitted.intake.triage}"
        )
    report += _seed_plan()
    report += _seed_escalation()
    return report


def _seed_escalation() -> list[str]:
    """One household escalated to the ontschotter (issue #17): schotten, a casusplatform with
    an action for its contact person, Omar's mandate and this year's handgeld, so the demo shows
    a running clock and the ontschotter can take the breakthrough decision."""
    from portal import clock
    from portal.dutch_time import today
    from portal.escalations import ledger, service
    from portal.escalations.models import OntschotterMandate
    from portal.households.assignment import active_assignment
    from portal.models import Household
    from portal.services import escalations

    households = db.session.scalars(select(Household).order_by(Household.id)).all()
    chosen = next((h for h in households[1:] if active_assignment(h.id)), None)
    ontschotter = db.session.scalars(
        select(StaffMember).where(StaffMember.email == "ontschotter@voorbeeldgemeente.example")
    ).first()
    admin = db.session.scalars(
        select(StaffMember).where(StaffMember.email == "beheer@voorbeeldgemeente.example")
    ).first()
    if chosen is None or ontschotter is None or admin is None:
        return []
    contact = active_assignment(chosen.id).staff
    db.session.add(
        OntschotterMandate(
            staff_id=ontschotter.id, granted=True, set_by_id=admin.id, set_at=clock.now()
        )
    )
    ledger.set_budget(
        today().year, amount_cents=25_000_00, per_payment_limit_cents=2_500_00, by=admin
    )
    escalation = escalations.escalate(
        chosen.id,
        need="Een kamer voor de oudste dochter, zodat zij weer naar school gaat.",
        tried="Noodfonds gevraagd om borg te staan: afgewezen, geen zelfstandige woonruimte.",
        barriers=[
            ("fonds", "wonen", "Het noodfonds staat alleen borg voor zelfstandige woonruimte"),
            ("participatiewet", "schuldhulp", "Bijzondere bijstand wacht op het schuldtraject"),
        ],
        by=contact,
    )
    service.save_platform(
        escalation,
        held_on=today(),
        first_problem="Zonder borg geen kamer; zonder kamer geen school.",
        participants=[
            ("Ayla Wijkcoach", "Sociaal wijkteam", "Contactpersoon"),
            ("Noor Schuldhulp", "Schuldhulpverlening", "Schuldhulpverlener"),
            ("Daan Verhuur", "Woningcorporatie", "Verhuurder"),
        ],
        by=ontschotter,
    )
    escalations.add_action(
        escalation,
        what="Verhuurder bellen over borg voor één maand huur",
        owner=contact,
        due_on=today() + timedelta(days=3),
    )
    db.session.commit()
    return [f"Demo escalation {escalation.id}: household {chosen.id}, to the ontschotter."]


def _seed_plan() -> list[str]:
    """The first demo household's ondersteuningsplan, filled in and issued as version 1 by its
    contact person, so a newcomer sees a plan with a version (issue #5)."""
    from datetime import timedelta

    from portal.households.assignment import active_assignment
    from portal.plans.models import Plan
    from portal.plans.snapshot import outcome_rows
    from portal.services import plans

    plan = db.session.scalars(select(Plan).order_by(Plan.household_id)).first()
    current = active_assignment(plan.household_id) if plan else None
    if plan is None or current is None:
        return []
    evaluation = date.today() + timedelta(days=90)
    # The Omgekeerde Toets for two needs (one deviates from the verordening, with the reason)
    # and expected costs for a few provisions: invented text, so the workspace looks as it
    # does after a few weeks of work.
    written = {
        "smi_dagopvang": {
            "effect": "Ons zoontje gaat een paar dagdelen naar de opvang. Ik krijg rust en "
            "mijn man kan herstellen.",
            "weighing": "Vader is in behandeling en moeder is afgekeurd; zij kunnen de zorg "
            "voor hun zoon van 3 nu niet alleen dragen. Familie woont ver weg. Een "
            "peuteropvang van 2 dagdelen is te weinig volgens het CJG en de GGZ.",
            "route": "Dagopvang op sociaal-medische indicatie, 4 dagdelen per week voor 6 "
            "maanden (artikel 6.4 verordening).",
        },
        "afwijking_vermogen": {
            "effect": "De opvang betalen zonder dat het spaargeld voor de huur opgaat.",
            "weighing": "Het gezin heeft iets meer spaargeld dan de grens. Dat geld is nodig "
            "voor de huur nu het inkomen lager is. Zonder bijdrage stopt de opvang en komt "
            "het herstel van vader in gevaar.",
            "route": "Bijzondere bijstand voor de eigen bijdrage (artikel 10.1 verordening).",
            "deviation": True,
            "deviation_motivation": "De verordening kijkt naar het vermogen. We wijken af "
            "omdat het spaargeld de huur van de komende maanden is; toepassen van de regel "
            "zou leiden tot schulden en het stoppen van de opvang (afwijkingsbevoegdheid, "
            "artikel 10.1 lid 3).",
        },
    }
    reasoning = [{**row, **written.get(row.get("provision_id"), {})} for row in plan.reasoning]
    prices = {"smi_dagopvang": (450000, "6 maanden"), "respijtzorg": (120000, "per jaar")}
    prices["afwijking_vermogen"] = (90000, "eenmalig")
    costs = {
        str(o.id): {"cents": prices[o.provision_id][0], "note": prices[o.provision_id][1]}
        for o in outcome_rows(plan.household_id)
        if o.provision_id in prices
    }
    plans.save(
        plan,
        reasoning=reasoning,
        costs=costs,
        network=[
            {
                "name": "Tante Mirjam",
                "relation": "zus van de aanvrager",
                "kind": "informal_carer",
                "contact": "06 00000000",
                "role": "helpt met de post",
            }
        ],
        domains={
            "income": {
                "score": 2,
                "situation": "Het geld is op voor het eind van de maand.",
                "goal": "Elke maand genoeg voor de vaste lasten.",
            },
            "network": {"score": 3, "situation": "Familie helpt, maar is moe.", "goal": ""},
            "health": {
                "score": 2,
                "situation": "Vader is in behandeling bij de GGZ. Moeder slaapt slecht.",
                "goal": "Vader herstelt thuis; moeder heeft elke week tijd voor zichzelf.",
            },
        },
        strengths="Het gezin vraagt op tijd hulp en houdt afspraken.",
        agreements=[
            {
                "who": "Contactpersoon",
                "what": "Afspraak maken met de schuldhulp.",
                "by": (date.today() + timedelta(days=14)).isoformat(),
                "done": False,
            },
            {
                "who": "Tante Mirjam",
                "what": "Past op dinsdagmiddag op, zodat moeder naar haar eigen afspraken kan.",
                "by": (date.today() + timedelta(days=30)).isoformat(),
                "done": False,
            },
        ],
        evaluation_date=evaluation,
    )
    report = _seed_budget(plan.household_id, current.staff_id)
    version = plans.issue(plan, current.staff)
    db.session.commit()
    return [
        *report,
        f"Demo plan: household {plan.household_id}, version {version.number} issued.",
    ]


def _seed_budget(household_id: int, staff_id: int) -> list[str]:
    """The first demo household's budget (issue #17): the family budget for Wmo and Jeugdwet
    when the verordening allows it, a budget for the childcare with a provider, and some
    spending, so the file shows the budget, a warning and the providers in the picture.
    Invented providers."""
    from portal.budget import service as budget
    from portal.dutch_time import today
    from portal.plans.snapshot import outcome_rows

    now = today()
    start, end = date(now.year, 1, 1), date(now.year, 12, 31)
    lines = []
    if budget.integration(now) is not None:
        family = budget.add_line(
            household_id,
            outcome_id=None,
            integrated=True,
            period_start=start,
            period_end=end,
            allocated_cents=960000,
            provider="Zorgcoöperatie De Brug",
            staff_id=staff_id,
        )
        lines.append(family)
        for month in range(1, now.month):
            budget.book(
                family,
                booked_on=date(now.year, month, 15),
                amount_cents=60000,
                description=f"Begeleiding maand {month}",
                provider="Zorgcoöperatie De Brug",
                staff_id=staff_id,
                today=now,
            )
    childcare = next(
        (o for o in outcome_rows(household_id) if o.provision_id == "smi_dagopvang"), None
    )
    if childcare is not None:
        lines.append(
            budget.add_line(
                household_id,
                outcome_id=childcare.id,
                integrated=False,
                period_start=start,
                period_end=end,
                allocated_cents=450000,
                provider="Kinderopvang Het Klimrek",
                staff_id=staff_id,
            )
        )
    db.session.flush()
    return [f"Demo budget: household {household_id}, {len(lines)} budget line(s)."]


def _seed_staff() -> list[str]:
    report = [
        "Demo staff (invented people). Log in at /medewerkers/inloggen with the password,",
        "then the code from an authenticator app set up with the TOTP key, or from:",
        "  .venv/bin/python -c \"import pyotp; print(pyotp.TOTP('KEY').now())\"",
    ]
    for demo in DEMO_STAFF:
        person = db.session.scalars(
            select(StaffMember).where(StaffMember.email == demo.email)
        ).first()
        if person is None:
            person = StaffMember(email=demo.email, display_name=demo.name, roles=demo.roles)
            db.session.add(person)
        if person.password_hash is None:
            person.password_hash = passwords.hash_password(demo.password)
            person.totp_secret = demo.totp_secret
            person.totp_confirmed = True
        report.append(f"  {demo.name:<22} {demo.email:<38} roles: {demo.roles}")
        report.append(f"    password: {demo.password:<36} TOTP key: {demo.totp_secret}")
    db.session.commit()
    return report


def _residents_report() -> list[str]:
    lines = ["Demo residents: log in at /mijn/inloggen with the test DigiD (development only):"]
    lines += [f"  {r.sub:<12} {r.name:<18} BSN {r.bsn}  ({r.note})" for r in DEMO_RESIDENTS]
    return lines


def _seed_team() -> list[str]:
    """One fallback team (any postcode) with the demo contact persons; Yara leads it, so every
    demo household gets a contact person and the team lead sees them all."""
    if db.session.scalars(select(Team)).first() is not None:
        return []
    team = Team(name="Team Voorbeeldgemeente", is_fallback=True)
    db.session.add(team)
    db.session.flush()
    for demo in DEMO_STAFF:
        if "contact_person" in demo.roles or "team_lead" in demo.roles:
            person = db.session.scalars(
                select(StaffMember).where(StaffMember.email == demo.email)
            ).one()
            db.session.add(
                TeamMembership(staff_id=person.id, team_id=team.id, leads="team_lead" in demo.roles)
            )
    db.session.commit()
    return [f"Demo team: {team.name} (fallback team: every postcode)."]


def _demo_scenarios() -> list[dict]:
    version = rulebook.in_force(date.today())
    files = scenario_files(version.path)[:DEMO_HOUSEHOLDS]
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in files]


def _as_of(scenario: dict) -> date:
    value = scenario.get("as_of")
    return value if isinstance(value, date) else date.fromisoformat(str(value))
