"""Who sees which escalation, decided on the server for every request.

- ontschotter: every escalation (the role exists to take them on), also protected households'
  ones; the household file itself stays closed to them (portal/households/access.py);
- team lead: the escalations of households their team serves (the household file's rule,
  including the reason asked first for a protected household);
- contact person: the escalations of their own households;
- front desk and admin: none (an admin sets mandate and budget and reads the report only).

An escalation the user may not see answers 404, as one that does not exist.
"""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from portal.escalations.models import Escalation
from portal.extensions import db
from portal.households import access as household_access
from portal.households.models import REFUSED

ONTSCHOTTER = "ontschotter"


def role_for(escalation: Escalation) -> str | None:
    if current_user.has_role(ONTSCHOTTER):
        return ONTSCHOTTER
    role = household_access.role_for(escalation.household_id)
    return role if role in ("contact_person", "team_lead") else None


def escalation_or_404(escalation_id: int, *, lock: bool = False) -> tuple[Escalation, str]:
    """The escalation and the role through which this user sees it; 404 (audited as refused)
    when there is none for them."""
    escalation = db.session.get(Escalation, escalation_id, with_for_update=lock)
    role = role_for(escalation) if escalation is not None else None
    if role in ("contact_person", "team_lead"):
        # the household file's own rule: a protected household asks a team lead for a reason
        household_access.household_or_404(escalation.household_id)
    if role is None:
        household_access.audit(
            REFUSED,
            f"escalation:{escalation_id}",
            household_id=escalation.household_id if escalation is not None else None,
            role=None,
        )
        db.session.commit()
        abort(404)
    return escalation, role


def visible() -> tuple[list[Escalation], str]:
    """The escalations on this user's list, newest first, and the role that lists them."""
    query = select(Escalation).order_by(Escalation.raised_at.desc(), Escalation.id.desc())
    if current_user.has_role(ONTSCHOTTER):
        return list(db.session.scalars(query)), ONTSCHOTTER
    rows = household_access.visible_households()
    ids = {household.id for household, _assignment, _role in rows}
    role = "contact_person" if current_user.has_role("contact_person") else "team_lead"
    if not ids:
        return [], role
    return list(db.session.scalars(query.where(Escalation.household_id.in_(ids)))), role


def audit(action: str, escalation: Escalation, role: str, what: str | None = None) -> None:
    household_access.audit(
        action,
        what or f"escalation:{escalation.id}",
        household_id=escalation.household_id,
        role=role,
    )
