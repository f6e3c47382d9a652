"""Demo data for `make run`: invented staff and households (never real people).

The households are the verordening's own scenarios, so the demo shows exactly the cases the
rules are tested on.
"""

from __future__ import annotations

from datetime import date

import yaml
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Intake, StaffMember
from portal.services import intakes, rules
from verordening.scenarios import scenario_files

DEMO_STAFF = [
    ("loket@voorbeeldgemeente.example", "Fenna Loketmedewerker", "front_desk"),
    ("contact@voorbeeldgemeente.example", "Bram Contactpersoon", "contact_person"),
    ("teamlead@voorbeeldgemeente.example", "Yara Teamleider", "team_lead,contact_person"),
    ("ontschotter@voorbeeldgemeente.example", "Omar Ontschotter", "ontschotter"),
    ("beheer@voorbeeldgemeente.example", "Ilse Beheerder", "admin"),
]
DEMO_HOUSEHOLDS = 8


def seed() -> list[str]:
    """Fill an empty database; a database that already has intakes is left alone."""
    if db.session.scalar(select(func.count(Intake.id))):
        return ["Demo data is already there; nothing added."]
    report = ["Demo staff (invented people):"]
    for email, name, roles in DEMO_STAFF:
        db.session.add(StaffMember(email=email, display_name=name, roles=roles))
        report.append(f"  {name:<26} {email:<40} roles: {roles}")
    db.session.commit()
    report.append("  (Staff log-in with a second factor arrives with the staff issue.)")

    report.append("Demo households (from the verordening scenarios):")
    for scenario in _demo_scenarios():
        submitted = intakes.submit(scenario["intake"], as_of=_as_of(scenario), channel="online")
        report.append(
            f"  {submitted.intake.reference}  {scenario['name']}  → {submitted.intake.triage}"
        )
    return report


def _demo_scenarios() -> list[dict]:
    version = rules.in_force(date.today())
    files = scenario_files(version.path)[:DEMO_HOUSEHOLDS]
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in files]


def _as_of(scenario: dict) -> date:
    value = scenario.get("as_of")
    return value if isinstance(value, date) else date.fromisoformat(str(value))
