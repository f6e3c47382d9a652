"""Issue #12, the generated leak matrix: a household of two adults and children, both adults
with an intake of their own; every member by every resident channel (page, plan page, plan
.docx, who-looked page) by every item that is one person's to tell: nothing reaches a member who
may not see it. The items are generated from the stored evaluations (every sensitive outcome,
every 16+ youth's Jeugdwet outcome, each teller's own words), so a new rule is covered by
itself; a resident GET route that is neither a channel here nor listed as no channel fails the
test, so a new page must be added."""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass

from docx import Document
from sqlalchemy import select

from portal.extensions import db
from portal.households.sensitivity import sensitive
from portal.models import HouseholdMember, Intake, StaffMember
from portal.plans import service
from tests.residents.conftest import (
    ANOUK,
    NOOR,
    YOUSSEF,
    confirm_member,
    family,
    resident_login,
    submit,
    text,
)

# resident GET routes that show nothing of the household (or only the household-wide consents)
NOT_A_CHANNEL = {
    "residents.login": "the log-in page",
    "residents.start_login": "a redirect to DigiD",
    "residents.callback": "DigiD's answer",
    "residents.logout": "log-out",
    "residents.logged_out": "the logged-out page",
    "residents.attach": "a form for a reference number and code",
    "residents.withdraw_consent": "one household-wide consent (organisation, purpose)",
    # a file the resident sent themselves; anyone else gets 404 (tests/documents)
    "residents.documents.resident_download": "one's own uploaded file",
    # the survey's fixed questions; someone else's invitation answers 404 (tests/survey)
    "residents.survey.answer": "the Wmo survey: the same statements for everyone",
}
VIEWERS = {"anouk": ANOUK, "youssef": YOUSSEF, "noor": NOOR}
EVERYONE = frozenset(VIEWERS.values())


@dataclass(frozen=True)
class Secret:
    marker: str
    allowed: frozenset[str]  # BSNs that may see it
    what: str


def his_intake() -> dict:
    """Youssef applies himself, logged in: his drinking is his to tell."""
    answers = copy.deepcopy(family())
    answers["household"].pop("safety", None)
    for member in answers["members"]:
        if member["bsn"] == YOUSSEF:
            member["role"], member["relation"] = "applicant", "self"
            member["health"] = {**(member.get("health") or {}), "addiction": True}
        elif member["bsn"] == ANOUK:
            member["role"], member["relation"] = "partner", "partner"
            member["health"] = {"mental_health_problems": False}
    answers["members"].sort(key=lambda m: m["role"] != "applicant")
    answers["consents"] = []
    answers["story"]["question"] = "Ik drink te veel sinds mijn ontslag."
    return answers


def _docx_text(body: bytes) -> str:
    document = Document(io.BytesIO(body))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def secrets_of(app) -> list[Secret]:
    found = []
    with app.app_context():
        intakes = db.session.scalars(select(Intake).order_by(Intake.id)).all()
        for number, intake in enumerate(intakes):
            answers = intake.answers or {}
            members = {m["id"]: m for m in answers["members"]}
            sender = next(m["bsn"] for m in answers["members"] if m["role"] == "applicant")
            # the first intake's words are the plan's question; later ones are in the history
            what = "own words (the plan's question)" if number == 0 else "own words"
            found.append(Secret(intake.question[:20], frozenset({sender}), what))
            evaluation = intake.evaluation or {}
            outcomes = list((evaluation.get("household") or {}).get("outcomes") or [])
            for member in evaluation.get("members") or []:
                outcomes += member.get("outcomes") or []
            for outcome in outcomes:
                about = (members.get(outcome.get("member_id")) or {}).get("bsn")
                name = outcome["provision"]["name"]["nl"]
                if outcome["regime"]["id"] == "jeugdwet" and about == NOOR:
                    found.append(Secret(name, frozenset({NOOR}), "youth care of a 16+"))
                elif sensitive(outcome):
                    allowed = frozenset(b for b in (sender, about) if b)
                    found.append(Secret(name, allowed, f"sensitive ({outcome['rule_id']})"))
                else:  # anyone's to see: the same words elsewhere are no secret
                    found.append(Secret(name, EVERYONE, "shared"))
    # a marker that some outcome shows more widely is no secret of anyone's: drop it
    widest: dict[str, frozenset[str]] = {}
    for secret in found:
        widest[secret.marker] = widest.get(secret.marker, frozenset()) | secret.allowed
    return [s for s in found if widest[s.marker] == s.allowed and s.allowed != EVERYONE]


def test_nothing_one_member_told_reaches_another(app, world, clock):
    mine = family()
    mine["household"].setdefault("safety", {})["domestic_violence"] = True
    mine["story"]["question"] = "Mijn partner slaat mij en bedreigt mij."
    household, _ = submit(app, mine)
    confirm_member(app, YOUSSEF)
    confirm_member(app, NOOR)
    joined, _ = submit(app, his_intake())
    assert joined == household  # his verified log-in joins the household
    with app.app_context():
        staff = db.session.get(StaffMember, world["a"].id)
        version = service.issue(service.plan_for(household), staff)
        db.session.commit()
        version_id = version.id
        assert db.session.scalars(
            select(HouseholdMember).where(HouseholdMember.household_id == household)
        ).all()

    channels = {
        "residents.index": lambda c: text(c.get("/mijn/")),
        "residents.plan_page": lambda c: text(c.get(f"/mijn/plan/{version_id}")),
        "residents.plan_docx": lambda c: _docx_text(
            c.get(f"/mijn/plan/{version_id}/ondersteuningsplan.docx").data
        ),
        "residents.looks": lambda c: text(c.get("/mijn/wie-bekeek-mijn-gegevens")),
        "residents.messages.mine_page": lambda c: text(c.get("/mijn/berichten/")),
        "residents.retention.mine_page": lambda c: text(c.get("/mijn/vernietigen/")),
        "residents.documents.mine_page": lambda c: text(c.get("/mijn/documenten/")),
    }
    resident_gets = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("residents.") and "GET" in (rule.methods or ())
    }
    unlisted = resident_gets - set(channels) - set(NOT_A_CHANNEL)
    assert not unlisted, f"add these resident pages to the leak matrix: {sorted(unlisted)}"

    secrets = secrets_of(app)
    assert any(s.what.startswith("own words") for s in secrets)
    assert sum(s.what.startswith("sensitive") for s in secrets) >= 3  # violence, debts, health
    leaks, seen_by_allowed = [], set()
    for who, bsn in VIEWERS.items():
        client = app.test_client()
        resident_login(client, who)
        for channel, read in channels.items():
            content = read(client)
            for secret in secrets:
                if secret.marker not in content:
                    continue
                if bsn in secret.allowed:
                    seen_by_allowed.add(secret)
                else:
                    leaks.append(f"{who} reads {secret.what} {secret.marker!r} on {channel}")
    assert leaks == [], "\n".join(leaks)
    # the matrix can see: every secret reaches at least one person allowed to see it
    unseen = [s for s in secrets if s not in seen_by_allowed and s.what != "own words"]
    assert unseen == [], unseen
