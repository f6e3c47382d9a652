"""How long each regime's records are kept, and from which event the term counts.

Status key (legal-facts.md): V = read in the law text, S = secondary sources only,
**not verified** = no source read; a municipality checks it against its own archive rules
(the Selectielijst gemeenten en intergemeentelijke organen 2020, Stcrt. 2020, 11143) and sets
`RETENTION_YEARS` (e.g. `{"wmo": 15}`) to override. `flask purge --dry-run` names every term
that is not verified before anything is removed.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

LAST_CHANGE = "last_change"  # the last change anywhere in the household's file
CLOSED = "closed"  # the day the record was closed (the decision carried out and ended)


@dataclass(frozen=True)
class Term:
    years: int
    counted_from: str
    source: str
    status: str  # V | S | not verified


NOT_VERIFIED = "not verified"
SELECTIELIJST = (
    "Selectielijst gemeenten en intergemeentelijke organen 2020 (Stcrt. 2020, 11143); "
    "the category and term for this record were not read"
)

TERMS: dict[str, Term] = {
    # Jeugdwet 7.3.8 lid 3 as amended in 2020: twenty years, counted from the last change of
    # the file (before 2020: fifteen years). legal-facts.md 3.2, two sources.
    "jeugdwet": Term(20, LAST_CHANGE, "Jeugdwet art. 7.3.8 lid 3 (since 2020)", "V"),
    # Participatiewet client file: ten years (Selectielijst 2017/2020, category 12.1.1 as
    # vhic.nl reads it); the list itself was not read. legal-facts.md 3.2, 9.1.
    "participatiewet": Term(
        10, CLOSED, "Selectielijst 2020, cat. 12.1.1 (vhic.nl; the list not read)", "S"
    ),
}
# Every other regime (Wmo, schuldhulp, leerplicht, leerlingenvervoer, minima, ...), and a
# household whose intakes led to no outcome: a placeholder of ten years after closing.
DEFAULT = Term(10, CLOSED, SELECTIELIJST, NOT_VERIFIED)
NO_OUTCOME = "geen_regeling"  # the "regime" of a file without outcomes, in the purge record


def term_for(regime: str) -> Term:
    configured = (current_app.config.get("RETENTION_YEARS") or {}).get(regime)
    base = TERMS.get(regime, DEFAULT)
    if configured:
        return Term(
            int(configured), base.counted_from, "RETENTION_YEARS (configured)", "configured"
        )
    return base


def verified(term: Term) -> bool:
    return term.status in ("V", "configured")
