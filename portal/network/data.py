"""Who and what is in the household's picture, and what connects them (plain data).

Nodes: {"key", "kind", "label", "detail"}; kind is one of KINDS. Edges: {"source", "target",
"label"} by node key. The household itself is the node "household" (drawn as the frame around
its members).

Two audiences:
- the household file (`for_document=False`): staff who may open the file see everything on it;
- the plan (`for_document=True`), which the household reads: a provision about violence, health
  or debts (`sensitivity.sensitive`) is left out with the organisations only it connects, and in
  a protected household the people the plan names around the household are left out too (the
  plan is read by the other adults; who helps her, or where she can go, is hers to tell).
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from portal import rulebook
from portal.budget import service as budget
from portal.caseload import service as caseload
from portal.dutch_time import today as dutch_today
from portal.extensions import db
from portal.households import sensitivity
from portal.households.assignment import active_assignment
from portal.models import Household, Intake

KINDS = ("household", "member", "person", "professional", "organisation", "regime")
# the order of the picture's bands, top to bottom (portal/network/layout.py): the table follows it
BAND = {"person": 0, "member": 1, "regime": 2, "professional": 3, "organisation": 3}
# closed outcomes and refusals connect nobody any more
GONE = {"refused", "closed"}
# the plan's network kinds (portal/plans/labels.py NETWORK_KINDS) that are professionals
PROFESSIONAL_KINDS = {"clientondersteuner", "professional"}


def _name(member) -> str:
    return " ".join(p for p in (member.given_name, member.family_name) if p) or f"#{member.id}"


def _text(value) -> str:
    return " ".join(str(value or "").split())[:200]


def gather(household: Household, *, plan_network=None, for_document: bool = False) -> dict:
    """The picture's data for `household`; `plan_network` are the plan's network rows
    ([{name, relation, kind, contact, role}], what the resident named in the plan)."""
    today = dutch_today()
    verordening = rulebook.in_force(today)
    language = "nl"
    try:
        from flask_babel import get_locale

        language = str(get_locale() or "nl")
    except RuntimeError:  # outside a request
        pass
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str], list[str]] = {}

    def node(key, kind, label, detail=""):
        nodes.setdefault(key, {"key": key, "kind": kind, "label": _text(label), "detail": detail})
        return key

    def edge(source, target, label=""):
        labels = edges.setdefault((source, target), [])
        if label and label not in labels:
            labels.append(label)

    protected = sensitivity.protected(household)
    node("household", "household", _("Huishouden"), "")
    roles = {
        "applicant": _("aanvrager"),
        "partner": _("partner"),
        "child": _("kind"),
        "other": _("huisgenoot"),
    }
    for member in sorted(household.members, key=lambda m: m.id):
        key = node(f"m{member.id}", "member", _name(member), roles.get(member.role, member.role))
        edge(key, "household")

    if not (for_document and protected):
        for number, row in enumerate(plan_network or []):
            label = _text(row.get("name"))
            if not label:
                continue
            professional = row.get("kind") in PROFESSIONAL_KINDS
            detail = _text(row.get("role") or row.get("relation") or "")
            key = node(f"n{number}", "professional" if professional else "person", label, detail)
            edge(key, "household", _text(row.get("relation") or ""))

    assignment = active_assignment(household.id)
    if assignment is not None:
        key = node(
            f"s{assignment.staff_id}",
            "professional",
            assignment.staff.display_name,
            _("contactpersoon van de gemeente"),
        )
        edge(key, "household", _("contactpersoon"))

    intakes = {
        i.id: i
        for i in db.session.scalars(select(Intake).where(Intake.household_id == household.id))
    }
    stored = {i.id: i.stored_outcomes() for i in intakes.values()}
    budget_lines = budget.lines_of(household.id)
    integrated = [line for line in budget_lines if line.integrated]
    counted: dict[str, set[str]] = {}
    serves: dict[str, dict[str, None]] = {}
    for outcome in caseload.outcomes_of(household.id):
        if outcome.status in GONE:
            continue
        source = (stored.get(outcome.intake_id) or {}).get((outcome.rule_id, outcome.member_id))
        if for_document and (source is None or sensitivity.sensitive(source)):
            continue
        names = outcome.provision_name or {}
        provision = _text(names.get(language) or names.get("nl") or outcome.provision_id)
        regime = verordening.regimes.get(outcome.regime)
        member = None
        intake = intakes.get(outcome.intake_id)
        if outcome.member_id and intake is not None:
            member = intake.household_member(outcome.member_id)
        who = (
            f"m{member.id}"
            if member is not None and member.household_id == household.id
            else ("household")
        )
        if regime is not None and regime.kind == "referral":
            # help from another body: the member connects to that organisation directly
            body = regime.body.get(language) if regime.body else regime.name.get(language)
            org = node(f"o:{body}", "organisation", body, "")
            serves.setdefault(org, {})[who] = None
            edge(who, org, provision)
            continue
        shared = next((line for line in integrated if line.covers(outcome.regime)), None)
        if shared is not None:
            key = node("r:integrated", "regime", shared.label, "")
        else:
            name = regime.name.get(language) if regime else outcome.regime
            key = node(f"r:{outcome.regime}", "regime", name, "")
        counted.setdefault(key, set()).add(provision)
        serves.setdefault(key, {})[who] = None
        edge(who, key, provision)
        for line in budget_lines:
            if line.outcome_id == outcome.id and line.provider:
                org = node(f"o:{line.provider}", "organisation", line.provider, _("aanbieder"))
                edge(key, org, provision)
    for line in integrated:
        if line.provider and "r:integrated" in nodes:
            org = node(f"o:{line.provider}", "organisation", line.provider, _("aanbieder"))
            edge("r:integrated", org, line.label)
    first_names = {f"m{m.id}": (m.given_name or _name(m)).split(" ")[0] for m in household.members}
    for key, whom in serves.items():
        names = [_("het hele huishouden") if w == "household" else first_names[w] for w in whom]
        nodes[key]["detail"] = _("voor %(names)s", names=", ".join(names))
    edges_out = [
        {"source": a, "target": b, "label": ", ".join(labels)} for (a, b), labels in edges.items()
    ]
    return {"nodes": list(nodes.values()), "edges": edges_out}


def rows(picture: dict) -> list[dict]:
    """The same data as a table: per node (the household itself left out) its kind and what it
    is connected to, in the order the picture draws them (band by band, left to right)."""
    by_key = {n["key"]: n for n in picture.get("nodes") or []}
    labels = kind_labels()
    found = []
    for item in sorted(picture.get("nodes") or [], key=lambda n: BAND.get(n["kind"], 9)):
        if item["kind"] == "household":
            continue
        links = []
        for e in picture.get("edges") or []:
            other = e["target"] if e["source"] == item["key"] else None
            if e["target"] == item["key"]:
                other = e["source"]
            if other is None or other not in by_key:
                continue
            name = by_key[other]["label"]
            links.append(f"{name} ({e['label']})" if e.get("label") else name)
        found.append(
            {
                "label": item["label"],
                "kind": labels.get(item["kind"], item["kind"]),
                "detail": item.get("detail") or "",
                "links": links,
            }
        )
    return found


def kind_labels() -> dict[str, str]:
    return {
        "household": _("Huishouden"),
        "member": _("Lid van het huishouden"),
        "person": _("Iemand om het huishouden heen"),
        "professional": _("Professional"),
        "organisation": _("Organisatie"),
        "regime": _("Regeling (wet) met hulp"),
    }


def description(picture: dict) -> str:
    """The text alternative: who is in the picture, in one or a few sentences."""
    groups: dict[str, list[str]] = {}
    for item in picture.get("nodes") or []:
        groups.setdefault(item["kind"], []).append(item["label"])
    parts = []
    sentences = (
        ("member", _("In het huishouden: %(names)s.")),
        ("person", _("Mensen om het huishouden heen: %(names)s.")),
        ("professional", _("Professionals: %(names)s.")),
        ("regime", _("Hulp uit de regelingen: %(names)s.")),
        ("organisation", _("Organisaties: %(names)s.")),
    )
    for kind, sentence in sentences:
        if groups.get(kind):
            parts.append(sentence % {"names": ", ".join(groups[kind])})
    parts.append(_("De tabel hieronder geeft dezelfde gegevens met de verbindingen."))
    return " ".join(parts)
