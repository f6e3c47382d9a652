"""Words of the ontschotter's pages: the regimes and organisations a schot is made of, the
decision authorities and the evaluation answers (Dutch first, through Babel)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.escalations.models import COUNCIL, EXPERIMENT, HARDHEID, MANDATE

# The sides of a schot: regimes and the organisations that carry them out. A fixed list so the
# report can count the most frequent schotten; "Anders" keeps room for the rest (in the note).
SIDES = {
    "wmo": _l("Wmo 2015 (gemeente)"),
    "jeugdwet": _l("Jeugdwet (gemeente)"),
    "participatiewet": _l("Participatiewet: bijstand en werk"),
    "bijzondere_bijstand": _l("Bijzondere bijstand"),
    "schuldhulp": _l("Schuldhulpverlening (Wgs)"),
    "leerplicht": _l("Leerplicht en leerlingenvervoer"),
    "onderwijs": _l("School of samenwerkingsverband"),
    "wonen": _l("Woningcorporatie of verhuurder"),
    "zvw": _l("Zorgverzekeraar (Zvw)"),
    "wlz": _l("Wlz: zorgkantoor of CIZ"),
    "uwv": _l("UWV"),
    "svb": _l("SVB"),
    "toeslagen": _l("Belastingdienst/Toeslagen"),
    "cak": _l("CAK (eigen bijdrage)"),
    "aanbieder": _l("Zorgaanbieder of hulpverlener"),
    "ggz": _l("GGZ"),
    "veiligheid": _l("Veilig Thuis of jeugdbescherming"),
    "schuldeisers": _l("Schuldeisers of bewindvoerder"),
    "fonds": _l("Noodfonds of ander fonds"),
    "gemeente_beleid": _l("Eigen beleidsregels van de gemeente"),
    "anders": _l("Anders (schrijf het in de toelichting)"),
}

AUTHORITIES = {
    MANDATE: _l("Mandaat van de ontschotter"),
    HARDHEID: _l("Hardheidsclausule van de verordening"),
    EXPERIMENT: _l("Experimenteerartikel van de verordening"),
    COUNCIL: _l("Afwijking: de wethouder legt dit uit aan de gemeenteraad"),
}

EVALUATIONS = {
    "worked": _l("Ja, het werkte"),
    "partly": _l("Voor een deel"),
    "not": _l("Nee, het werkte niet"),
}


def side(key: str | None) -> str:
    return str(SIDES.get(key or "", key or ""))


def pair(side_a: str, side_b: str) -> str:
    return f"{side(side_a)} × {side(side_b)}"
