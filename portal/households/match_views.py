"""The staff review of possible household matches (issue #12): an intake named a BSN that an
existing household has, without a verified identity. Staff who may open either household see
the match, and decide: merge, keep apart, or ask the resident first. Every read and decision
is audited; nothing is merged without a person deciding."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.extensions import db
from portal.households import access, matching
from portal.households.forms import ButtonForm
from portal.households.models import HouseholdMatch
from portal.households.views import bp
from portal.models import Household
from portal.services import matches as match_decisions
from portal.staff.session_guard import role_required

MATCH_ROLES = ("contact_person", "team_lead")

REFUSED = {
    "birth_date": lambda: _(
        "De geboortedatum is anders. Dit is misschien iemand anders: samenvoegen kan niet."
    ),
    "decided": lambda: _("Hierover is al beslist."),
    "not_simple": lambda: _(
        "Het nieuwe huishouden heeft meer dan één aanvraag of al een plan. "
        "Verhuis de personen één voor één vanuit het dossier."
    ),
}


def _role(match: HouseholdMatch) -> str | None:
    """The role through which the current user may see this match: that of either household."""
    for household_id in (match.new_household_id, match.existing_household_id):
        if household_id is not None:
            role = access.role_for(household_id)
            if role in MATCH_ROLES:
                return role
    return None


@bp.get("/huishoudens/controle")
@role_required(*MATCH_ROLES)
def matches():
    rows = [(m, role) for m in matching.open_matches() if (role := _role(m)) is not None]
    for match, role in rows:
        access.audit("read", f"household_match:{match.id}", household_id=None, role=role)
    db.session.commit()
    households = {
        h.id: h
        for h in db.session.query(Household).filter(
            Household.id.in_(
                {m.new_household_id for m, _r in rows} | {m.existing_household_id for m, _r in rows}
            )
        )
    }
    return render_template(
        "households/matches.html", rows=rows, households=households, button=ButtonForm()
    )


@bp.post("/huishoudens/controle/<int:match_id>")
@role_required(*MATCH_ROLES)
def decide_match(match_id: int):
    match = db.session.get(HouseholdMatch, match_id)
    role = _role(match) if match is not None else None
    if match is None or role is None:
        abort(404)
    if not ButtonForm().validate():
        abort(400)
    decision = request.form.get("decision")
    if decision not in matching.DECISIONS:
        abort(400)
    try:
        match_decisions.decide(match, decision, current_user)
    except matching.MergeRefused as refused:
        db.session.rollback()
        flash(REFUSED[str(refused)](), "error")
        return redirect(url_for("staff.households.matches"), code=303)
    access.audit("change", f"household_match:{match.id}:{decision}", household_id=None, role=role)
    db.session.commit()
    flash(
        {
            "merge": _("Samengevoegd."),
            "keep_apart": _("Apart gehouden."),
            "ask": _("Vastgelegd: eerst navragen bij de inwoner."),
        }[decision]
    )
    return redirect(url_for("staff.households.matches"), code=303)
