"""The plan overview (GOV.UK "task list" / "check answers"): per section a short summary of
what is in it, a status, and the page where it is changed. Plain data; the template shows it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.dutch_time import parse_date
from portal.i18n import format_date_long

# section (URL part) → its title, in the order of the plan
TITLES = {
    "vraag": _l("De vraag"),
    "netwerk": _l("Mensen om het huishouden heen"),
    "leefgebieden": _l("Leefgebieden: situatie, score en doel"),
    "eigen-kracht": _l("Sterke kanten en wat men zelf doet"),
    "afspraken": _l("Afspraken"),
    "voorzieningen": _l("Voorzieningen en kosten"),
    "afweging": _l("Afweging per behoefte (Omgekeerde Toets)"),
    "evaluatie": _l("Evaluatie"),
}

# status → its words and the status badge's colour (utrecht-status-badge--<modifier>)
STATUSES = {
    "done": (_l("Ingevuld"), "success"),
    "partly": (_l("Deels ingevuld"), "neutral"),
    "empty": (_l("Nog niet ingevuld"), "inactive"),
    "late": (_l("Datum voorbij"), "warning"),
}

SHORT = 160  # characters of free text in a summary


@dataclass
class Section:
    key: str
    status: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    note: str | None = None  # instead of rows, when there is nothing to summarise

    @property
    def title(self) -> str:
        return str(TITLES[self.key])

    @property
    def status_label(self) -> str:
        return str(STATUSES[self.status][0])

    @property
    def badge(self) -> str:
        return STATUSES[self.status][1]


def short(text: str | None, limit: int = SHORT) -> str:
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + " …"


def _status(filled: int, total: int) -> str:
    if filled == 0:
        return "empty"
    return "done" if filled == total else "partly"


def _list_status(complete: int, count: int) -> str:
    """A list (life domains, provisions, needs): done when every item is complete."""
    if count == 0:
        return "empty"
    return "done" if complete == count else "partly"


def _question(live: dict) -> Section:
    q = live["question"]
    rows = [
        (_("In de woorden van de inwoner"), short(q["own_words"])),
        (_("Wat de inwoner wil bereiken"), short(q["wants_to_achieve"])),
        (_("Datum van de melding"), format_date_long(parse_date(q["melding_date"]))),
    ]
    own_plan = parse_date(q["personal_plan_date"])
    if own_plan:
        rows.append((_("Eigen plan van de inwoner"), format_date_long(own_plan)))
    filled = [r for r in rows if r[1]]
    return Section("vraag", _status(len(filled), 3 + bool(own_plan)), filled)


def _network(live: dict) -> Section:
    rows = []
    for person in live["network"]:
        about = ", ".join(p for p in (person["kind_label"], person["relation"]) if p)
        if person["role"]:
            about = f"{about}: {short(person['role'], 80)}" if about else short(person["role"], 80)
        rows.append((person["name"], about))
    return Section("netwerk", "done" if rows else "empty", rows)


def score_change(score: int | None, previous: int | None) -> str:
    """'Score 4 (vorige versie: 2, +2)' — the change since the plan the resident saw."""
    text = _("Geen score") if score is None else _("Score %(score)s", score=score)
    if previous is not None:
        if score is not None and score != previous:
            change = f"{score - previous:+d}"
            text += " " + _("(vorige versie: %(score)s, %(change)s)", score=previous, change=change)
        else:
            text += " " + _("(vorige versie: %(score)s)", score=previous)
    return text


def _domains(live: dict) -> Section:
    rows = []
    for d in live["domains"]:
        parts = [score_change(d["score"], d["previous_score"])]
        if d["situation"]:
            parts.append(short(d["situation"], 100))
        if d["goal"]:
            parts.append(_("Doel: %(goal)s", goal=short(d["goal"], 100)))
        rows.append((d["label"], ". ".join(parts)))
    scored = sum(d["score"] is not None for d in live["domains"])
    return Section("leefgebieden", _list_status(scored, len(live["domains"])), rows)


def _strengths(live: dict) -> Section:
    rows = [
        (_("Sterke kanten"), short(live["strengths"])),
        (_("Wat men zelf doet"), short(live["own_contribution"])),
    ]
    filled = [r for r in rows if r[1]]
    return Section("eigen-kracht", _status(len(filled), 2), filled)


def _agreements(live: dict, today: date) -> Section:
    rows, late = [], 0
    for a in live["agreements"]:
        by = parse_date(a["by"])
        text = short(a["what"], 100)
        if by:
            text += " " + _("Klaar op %(date)s.", date=format_date_long(by))
        if a["done"]:
            text += " " + _("Gedaan.")
        elif by and by < today:
            text += " " + _("De datum is voorbij.")
            late += 1
        rows.append((a["who"] or _("Nog niet gekozen wie"), text))
    status = "late" if late else ("done" if rows else "empty")
    return Section("afspraken", status, rows)


def money(cents: int) -> str:
    whole = f"{cents / 100:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"€ {whole}"


def _provisions(provisions: list[dict]) -> Section:
    rows = []
    for p in provisions:
        name = p["provision"] + (f" – {p['member_name']}" if p["member_name"] else "")
        text = f"{p['status_label']}. "
        if p["expected_cost_cents"] is None:
            text += _("Verwachte kosten nog niet ingevuld.")
        else:
            text += _("Verwachte kosten: %(amount)s", amount=money(p["expected_cost_cents"]))
            text += f" ({p['cost_note']})." if p["cost_note"] else "."
        rows.append((name, text))
    if not rows:
        return Section("voorzieningen", "done", note=_("Er zijn nog geen voorzieningen."))
    priced = sum(p["expected_cost_cents"] is not None for p in provisions)
    return Section("voorzieningen", _list_status(priced, len(provisions)), rows)


def _reasoning(live: dict) -> Section:
    rows, complete = [], 0
    for r in live["reasoning"]:
        parts = [_("Route: %(route)s.", route=short(r["route"], 100))] if r["route"] else []
        if r["deviation"]:
            parts.append(_("Wijkt af van de verordening."))
        missing = [
            str(label)
            for key, label in (
                ("effect", _l("effect")),
                ("weighing", _l("afweging")),
                ("route", _l("route")),
            )
            if not r[key]
        ]
        if missing:
            parts.append(_("Nog in te vullen: %(what)s.", what=", ".join(missing)))
        else:
            complete += 1
        rows.append((r["need"] or _("Behoefte zonder naam"), " ".join(parts)))
    return Section("afweging", _list_status(complete, len(rows)), rows)


def evaluation(live: dict, today: date) -> Section:
    day = parse_date(live["evaluation_date"])
    if day is None:
        return Section("evaluatie", "empty")
    rows = [(_("Datum van de evaluatie"), format_date_long(day))]
    return Section("evaluatie", "late" if day < today else "done", rows)


def sections(live: dict, provisions: list[dict], today: date) -> list[Section]:
    """The sections of the overview, evaluation excluded (it stands above them)."""
    return [
        _question(live),
        _network(live),
        _domains(live),
        _strengths(live),
        _agreements(live, today),
        _provisions(provisions),
        _reasoning(live),
    ]
