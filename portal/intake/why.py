"""'Why do we ask this?' from the verordening itself: the help whose rules read the answers on
this page, with the article they come from (RegelRecht-style trace, ecosystem idea #2)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import get_locale

from portal import rulebook
from portal.intake_form.registry import Page

MAX_SHOWN = 6
_INDEXES: dict[tuple[str, str], dict[str, list]] = {}


@dataclass(frozen=True)
class LeadsTo:
    provision: str
    article: str


def _index(version) -> dict[str, list]:
    """fact path -> the rules that read it (directly or through a derived fact)."""
    key = (version.id, version.content_hash)
    if key not in _INDEXES:
        derived = {d.path: set(d.condition.refs) if d.condition else set() for d in version.derived}

        def expand(refs: set[str], seen: frozenset = frozenset()) -> set[str]:
            out = set()
            for ref in refs:
                if ref in derived and ref not in seen:
                    out |= expand(derived[ref], seen | {ref})
                else:
                    out.add(ref)
            return out

        index: dict[str, list] = {}
        for rule in version.rules:
            refs = set(rule.when.refs) | (set(rule.urgent_when.refs) if rule.urgent_when else set())
            for path in expand(refs):
                index.setdefault(path, []).append(rule)
        _INDEXES[key] = index
    return _INDEXES[key]


def leads_to(page: Page, field_names: list[str]) -> list[LeadsTo]:
    try:
        version = rulebook.in_force()
    except Exception:  # no verordening in force today: the page still works without the list
        return []
    base = f"member.{page.step.base}" if page.step.per_member else page.step.base
    if not base:
        return []
    index = _index(version)
    language = str(get_locale() or "nl")
    found: dict[str, LeadsTo] = {}
    for name in field_names:
        for rule in index.get(f"{base}.{name}", []):
            if rule.provision.id not in found:
                found[rule.provision.id] = LeadsTo(
                    getattr(rule.provision.name, language, None) or rule.provision.name.nl,
                    rule.article_number,
                )
    ordered = sorted(found.values(), key=lambda item: _article_key(item.article))
    return ordered[:MAX_SHOWN]


def _article_key(number: str) -> tuple:
    return tuple(int(part) if part.isdigit() else 0 for part in number.split("."))
