"""Plain-text reports for the command line: the outcome per member, and the explanation trail."""

from __future__ import annotations

from .law_links import law_urls
from .result import Evaluation, Outcome, Possible

_T = {
    "nl": {
        "title": "Uitkomst voor uw huishouden",
        "peildatum": "Peildatum",
        "from": "vanaf",
        "verordening": "Verordening",
        "triage": {
            "single_question": "Eén vraag",
            "multi_domain": "Vragen op meer leefgebieden",
            "urgent": "Spoed",
            "nothing_applies": "Geen regeling gevonden",
            "incomplete": "Nog niet te zeggen: er ontbreken antwoorden",
        },
        "kind_of_question": "Soort vraag",
        "household": "Voor het hele huishouden",
        "for": "Voor",
        "none": "Geen regeling voor deze persoon.",
        "article": "artikel",
        "law": "wet",
        "law_text": "wettekst",
        "deadline": "termijn",
        "evidence": "Neem mee",
        "weigh": "De contactpersoon weegt dit af (omgekeerde toets).",
        "urgent": "SPOED",
        "missing": "Wat we nog willen weten",
        "nothing": "Er is geen regeling gevonden.",
        "where_else": "Waar u terecht kunt",
        "fired": "Regels die van toepassing zijn",
        "because": "Omdat",
        "number": "Getal",
        "not_advised": "Niet geadviseerd (en wat het anders zou maken)",
        "now": "nu",
        "units": {
            "days": "dagen",
            "working_days": "werkdagen",
            "weeks": "weken",
            "months": "maanden",
        },
        "needed_for": "nodig voor",
        "immediately": "onverwijld",
        "not_verified": "niet geverifieerd",
        "unconfirmed": "hoe dringend is nog niet bekend: tot dan gaan wij uit van spoed",
        "possible": "Misschien: vraag het aan, de gemeente zoekt zelf uit",
    },
    "en": {
        "title": "Outcome for your household",
        "peildatum": "Reference date",
        "from": "from",
        "verordening": "Ordinance",
        "triage": {
            "single_question": "Single question",
            "multi_domain": "Several life domains",
            "urgent": "Urgent",
            "nothing_applies": "No scheme found",
            "incomplete": "Cannot tell yet: answers are missing",
        },
        "kind_of_question": "Kind of question",
        "household": "For the whole household",
        "for": "For",
        "none": "No scheme for this person.",
        "article": "article",
        "law": "law",
        "law_text": "law text",
        "deadline": "term",
        "evidence": "Bring",
        "weigh": "The contact person weighs this (reverse test).",
        "urgent": "URGENT",
        "missing": "What we would still like to know",
        "nothing": "No scheme was found.",
        "where_else": "Where you can go",
        "fired": "Rules that apply",
        "because": "Because",
        "number": "Number",
        "not_advised": "Not advised (and what would change it)",
        "now": "now",
        "units": {
            "days": "days",
            "working_days": "working days",
            "weeks": "weeks",
            "months": "months",
        },
        "needed_for": "needed for",
        "immediately": "without delay",
        "not_verified": "not verified",
        "unconfirmed": "how urgent is not known yet: until then we treat it as urgent",
        "possible": "Possibly: apply, the municipality checks",
    },
}


def _who(intake: dict, member_id: str | None, lang: str) -> str:
    for m in intake.get("members") or []:
        if m.get("id") == member_id:
            name = m.get("given_name")
            return f"{name} ({member_id})" if name else member_id
    return member_id or _T[lang]["household"]


def _outcome_lines(o: Outcome, lang: str) -> list[str]:
    t, r = _T[lang], o.rule
    head = f"- {r.provision.name.get(lang)} ({r.regime.name.get(lang)})"
    if o.urgency == "urgent":
        head += f" — {t['urgent']}"
        if o.urgency_unconfirmed:
            head += f" ({t['unconfirmed']})"
    lines = [
        head,
        f"  {o.explanation.get(lang)}",
        f"  {t['article']} {r.article_number} {r.article_title}; {t['law']}: {r.law_article}",
    ]
    if o.deadline:
        lines.append(_deadline_line(o.deadline, t, lang))
    if r.evidence:
        lines.append(f"  {t['evidence']}: " + "; ".join(e.get(lang) for e in r.evidence))
    if r.decision == "weigh":
        lines.append(f"  {t['weigh']}")
    return lines


def _deadline_line(d, t: dict, lang: str) -> str:
    term = t["immediately"] if d.immediate else f"{d.length} {t['units'][d.unit]}"
    status = "" if d.verified else f", {t['not_verified']}"
    return f"  {t['deadline']}: {term} — {d.description.get(lang)} ({d.law_article}{status})"


def _possible_lines(p: Possible, lang: str) -> list[str]:
    t, r = _T[lang], p.rule
    checks = "; ".join(label.get(lang) for _, label in p.to_check)
    return [
        f"- {r.provision.name.get(lang)} ({r.regime.name.get(lang)})",
        f"  {t['possible']}: {checks}",
        f"  {t['article']} {r.article_number} {r.article_title}; {t['law']}: {r.law_article}",
    ]


def _missing_lines(e: Evaluation, intake: dict, lang: str) -> list[str]:
    t = _T[lang]
    if not e.missing and not e.ask_first:
        return []
    lines = ["", f"{t['missing']}:"]
    asked = e.ask_first
    chosen = {id(mf) for mf in asked}
    for mf in asked + [mf for mf in e.missing if id(mf) not in chosen]:
        who = f" ({_who(intake, mf.member_id, lang)})" if mf.member_id else ""
        lines.append(
            f"- {mf.label.get(lang)}{who} [{mf.path}; {t['needed_for']} {', '.join(mf.rules)}]"
        )
    return lines


def _nothing_lines(e: Evaluation, lang: str) -> list[str]:
    t = _T[lang]
    na = e.nothing_applies
    if na is None:
        return []
    lines = ["", t["nothing"], na.explanation.get(lang)]
    if na.where_else:
        lines.append(f"{t['where_else']}:")
        lines += [f"- {w.name.get(lang)}: {w.contact.get(lang)}" for w in na.where_else]
    return lines


def render_text(e: Evaluation, intake: dict, lang: str = "nl") -> str:
    t = _T[lang]
    v = e.verordening
    lines = [
        t["title"],
        "",
        f"{t['verordening']}: {v.title} ({t['from']} {v.valid_from})",
        f"{t['peildatum']}: {e.as_of}",
        f"{t['kind_of_question']}: {t['triage'][e.triage]}",
    ]
    possible = {}
    for p in e.possible:
        possible.setdefault(p.member_id, []).append(p)
    if e.household or None in possible:
        lines += ["", f"{t['household']}:"]
        for o in e.household:
            lines += _outcome_lines(o, lang)
        for p in possible.get(None, ()):
            lines += _possible_lines(p, lang)
    for member_id, outcomes in e.members.items():
        lines += ["", f"{t['for']} {_who(intake, member_id, lang)}:"]
        if not outcomes and member_id not in possible:
            lines.append(t["none"])
        for o in outcomes:
            lines += _outcome_lines(o, lang)
        for p in possible.get(member_id, ()):
            lines += _possible_lines(p, lang)
    lines += _nothing_lines(e, lang)
    lines += _missing_lines(e, intake, lang)
    return "\n".join(lines) + "\n"


def _not_advised_lines(e: Evaluation, intake: dict, lang: str) -> list[str]:
    t = _T[lang]
    found = e.not_advised()
    if not found:
        return []
    lines = ["", f"{t['not_advised']}:"]
    for rule, who, because in found:
        answers = "; ".join(
            f"{b.label.get(lang)}{f' [{b.member_id}]' if b.member_id else ''} "
            f"({t['now']}: {b.value_text.get(lang)})"
            for b in because
        )
        lines.append(
            f"- {rule.regime.id}/{rule.id} → {_who(intake, who, lang)}: {answers or rule.when.text}"
        )
    return lines


def _source(v, name: str, as_of=None) -> str:
    """For a parameter: where its value on the peildatum comes from and whether it was verified."""
    parameter = v.parameters.get(name.removeprefix("param.")) if name.startswith("param.") else None
    if parameter is None:
        return ""
    status, source = parameter.status_on(as_of)
    return f" ({source}; {status})"


def render_explain(e: Evaluation, intake: dict, lang: str = "nl") -> str:
    t = _T[lang]
    v = e.verordening
    lines = [
        f"{v.title} ({v.id}, sha256 {v.content_hash[:12]}), {t['peildatum']} {e.as_of}",
        f"{t['kind_of_question']}: {e.triage}",
        "",
        f"{t['fired']}:",
    ]
    for o in e.outcomes:
        r = o.rule
        lines.append(
            f"- {r.id} → {_who(intake, o.member_id, lang)}: {t['article']} "
            f"{r.article_number} ({r.article_title}); {t['law']}: {r.law_article}; "
            f"{r.regime.id}/{r.provision.id}; {o.urgency}"
        )
        lines.append(f"  when: {r.when.text}")
        lines += [f"  {t['law_text']}: {url}" for url in law_urls(r.law_article)]
        for b in o.because:
            who = f" [{b.member_id}]" if b.member_id else ""
            lines.append(
                f"  {t['because']}: {b.label.get(lang)}{who} = {b.value_text.get(lang)} ({b.path})"
            )
        for name, value in o.numbers:
            lines.append(f"  {t['number']}: {name} = {value}{_source(v, name, e.as_of)}")
    if not e.outcomes:
        lines.append("-")
    lines += _not_advised_lines(e, intake, lang)
    lines += _nothing_lines(e, lang)
    lines += _missing_lines(e, intake, lang)
    return "\n".join(lines) + "\n"
