"""The verordening in plain language, for residents and policy officers alike.

Public on purpose: the rules that decide about help are public law, and a resident who can read
why a rule exists trusts the outcome more. No personal data is shown here.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, render_template, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from portal import rulebook
from verordening.law_links import law_pieces

bp = Blueprint("rules", __name__, url_prefix="/regels")
# a law_article in pieces with wetten.overheid.nl links, for every page that cites the law
bp.add_app_template_filter(law_pieces, "law_pieces")

KIND_LABELS = {
    "algemene_voorziening": _l("Algemene voorziening: u kunt er zonder besluit gebruik van maken"),
    "melding": _l("Melding: de gemeente gaat met u in gesprek"),
    "aanvraag": _l("Aanvraag: de gemeente neemt een besluit"),
    "referral": _l("Doorverwijzing: een andere organisatie helpt"),
}
SCOPE_LABELS = {
    "member": _l("Per persoon in het huishouden"),
    "household": _l("Voor het hele huishouden"),
}
DECISION_LABELS = {
    "advice": _l("Advies aan de contactpersoon"),
    "weigh": _l("De contactpersoon weegt dit af (maatwerk)"),
}
UNIT_LABELS = {
    "days": _l("dagen"),
    "working_days": _l("werkdagen"),
    "weeks": _l("weken"),
    "months": _l("maanden"),
}


@bp.context_processor
def rule_labels() -> dict:
    return {
        "kind_labels": KIND_LABELS,
        "scope_labels": SCOPE_LABELS,
        "decision_labels": DECISION_LABELS,
        "unit_labels": UNIT_LABELS,
        "lang": str(get_locale()),
    }


def _version():
    """The version in force on ?peildatum=YYYY-MM-DD (today by default)."""
    raw = request.args.get("peildatum")
    try:
        as_of = date.fromisoformat(raw) if raw else date.today()
    except ValueError:
        abort(400)
    try:
        return rulebook.in_force(as_of), as_of
    except Exception:  # no version in force on that date
        abort(404)


@bp.get("/")
def index():
    version, as_of = _version()
    return render_template("rules/index.html", version=version, as_of=as_of)


@bp.get("/artikel/<number>")
def article(number: str):
    version, as_of = _version()
    found = next((a for a in version.articles if a.number == number), None)
    if found is None:
        abort(404)
    return render_template("rules/article.html", version=version, article=found, as_of=as_of)


@bp.get("/bedragen-en-termijnen")
def parameters():
    version, as_of = _version()
    return render_template("rules/parameters.html", version=version, as_of=as_of)
