"""Who may open which household file, decided on the server for every request.

- contact person: the households actively assigned to them;
- team lead: the households whose active assignment belongs to a team they lead, and the
  households without a contact person in their team's area (to choose one);
- admin: only with a logged reason ("reden van inzage"), for one household, for
  ADMIN_ACCESS_MINUTES (default 60), read-only;
- a **protected** household (households/sensitivity.py): the team lead too must give a reason
  first (break-the-glass), audited with that reason; only its own contact person reads it
  without one;
- anyone else (front desk, ontschotter for now): none.

A household the user may not open answers 404, the same as one that does not exist, so ids in
URLs reveal nothing. A page the role may never use answers 403 (role_required).
"""

from __future__ import annotations

from datetime import timedelta

from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import insert, select

from portal import clock
from portal.extensions import db
from portal.households import sensitivity
from portal.households.assignment import active_assignment, team_for_postcode
from portal.households.models import (
    REFUSED,
    AccessGrant,
    AuditEvent,
    ContactAssignment,
    TeamMembership,
)
from portal.models import Household


def admin_minutes() -> int:
    return int(current_app.config.get("ADMIN_ACCESS_MINUTES", 60))


def led_team_ids(staff_id: int) -> set[int]:
    membership = db.session.get(TeamMembership, staff_id)
    return {membership.team_id} if membership and membership.leads else set()


def role_for(household_id: int) -> str | None:
    """The role through which the current user may open this household, or None."""
    user = current_user
    assignment = active_assignment(household_id)
    if assignment is not None:
        if user.has_role("contact_person") and assignment.staff_id == user.id:
            return "contact_person"
        if user.has_role("team_lead") and assignment.team_id in led_team_ids(user.id):
            return "team_lead"
    elif user.has_role("team_lead") and led_team_ids(user.id):
        # Nobody has it yet: the lead of the team whose area it is in chooses someone.
        household = db.session.get(Household, household_id)
        team = team_for_postcode(household.postcode) if household else None
        if team is not None and team.id in led_team_ids(user.id):
            return "team_lead"
    if user.has_role("admin") and active_grant(household_id) is not None:
        return "admin"
    return None


def needs_reason(household: Household) -> bool:
    """A protected household: anyone but its contact person gives a reason to read it."""
    return sensitivity.protected(household) and active_grant(household.id) is None


def active_grant(household_id: int) -> AccessGrant | None:
    return db.session.scalars(
        select(AccessGrant).where(
            AccessGrant.staff_id == current_user.id,
            AccessGrant.household_id == household_id,
            AccessGrant.expires_at > clock.now(),
        )
    ).first()


def grant(household_id: int, reason: str) -> AccessGrant:
    moment = clock.now()
    access = AccessGrant(
        staff_id=current_user.id,
        household_id=household_id,
        reason=reason,
        granted_at=moment,
        expires_at=moment + timedelta(minutes=admin_minutes()),
    )
    db.session.add(access)
    db.session.flush()
    return access


def household_or_404(household_id: int, *, change: bool = False) -> tuple[Household, str]:
    """The household and the role used; 404 when it does not exist or is not for this user.
    Changes are for the contact person and the team lead; an admin's access is read-only."""
    household = db.session.get(Household, household_id)
    role = role_for(household_id) if household is not None else None
    if role == "team_lead" and needs_reason(household):
        abort(redirect(url_for("staff.households.reason", household_id=household_id)))
    if role is None or (change and role == "admin"):
        # Probing other households leaves a trace (issue #14); the answer stays a plain 404.
        audit(
            REFUSED,
            f"household:{household_id}:{'change' if change else 'read'}",
            household_id=household.id if household is not None else None,
            role=None,
        )
        db.session.commit()
        abort(404)
    return household, role


def visible_households() -> list[tuple[Household, ContactAssignment | None, str]]:
    """The households on the user's own list (contact person: theirs; team lead: the team's)."""
    query = select(Household, ContactAssignment).join(
        ContactAssignment, ContactAssignment.household_id == Household.id
    )
    query = query.where(ContactAssignment.ended_at.is_(None))
    rows = []
    if current_user.has_role("contact_person"):
        mine = query.where(ContactAssignment.staff_id == current_user.id)
        rows += [(h, a, "contact_person") for h, a in db.session.execute(mine)]
    teams = led_team_ids(current_user.id) if current_user.has_role("team_lead") else set()
    if teams:
        led = query.where(ContactAssignment.team_id.in_(teams))
        seen = {h.id for h, _, _ in rows}
        rows += [(h, a, "team_lead") for h, a in db.session.execute(led) if h.id not in seen]
        rows += [(h, None, "team_lead") for h in unassigned_in(teams)]
    return sorted(rows, key=lambda row: row[0].id)


def unassigned_in(team_ids: set[int]) -> list[Household]:
    """Households without an active contact person in the area of one of these teams."""
    active = select(ContactAssignment.household_id).where(ContactAssignment.ended_at.is_(None))
    waiting = db.session.scalars(select(Household).where(Household.id.not_in(active)))
    return [h for h in waiting if (team := team_for_postcode(h.postcode)) and team.id in team_ids]


def audit(action: str, what: str, *, household_id: int | None, role: str | None) -> None:
    """Append one audit row for the logged-in staff member (the caller commits). `what` is a
    route or object id: never a BSN, a name or an answer."""
    acting_for = None
    if role in ("admin", "team_lead"):
        found = active_grant(household_id) if household_id is not None else None
        acting_for = f"access_grant:{found.id}" if found else None
    append(
        action,
        what,
        household_id=household_id,
        staff_id=current_user.id,
        role=role,
        acting_for=acting_for,
    )


def append(
    action: str,
    what: str,
    *,
    household_id: int | None,
    staff_id: int | None,
    role: str | None,
    acting_for: str | None = None,
) -> None:
    """The one way a row enters the audit trail; also for callers without a staff session
    (a system calling /api/v1: no staff_id, role "api_client", acting_for "api_client:<id>")."""
    db.session.add(
        AuditEvent(
            at=clock.now(),
            staff_id=staff_id,
            role=role,
            acting_for=acting_for,
            household_id=household_id,
            action=action,
            what=what[:200],
            ip=(request.remote_addr or "")[:45] or None,
        )
    )


def audit_list(household_ids, what: str, *, role: str | None) -> None:
    """A list page showed these households (issue #14): one row for the page, and one per
    household shown, so each resident's "who looked" lists it ("zag uw huishouden in een
    lijst"). One INSERT for them all, so a longer list costs no more queries. The caller
    commits."""
    audit("search", what, household_id=None, role=role)
    shown = list(dict.fromkeys(household_ids))
    if not shown:
        return
    moment, ip = clock.now(), (request.remote_addr or "")[:45] or None
    db.session.execute(
        insert(AuditEvent),
        [
            {
                "at": moment,
                "staff_id": current_user.id,
                "role": role,
                "acting_for": None,
                "household_id": household_id,
                "action": "search",
                "what": what[:200],
                "ip": ip,
            }
            for household_id in shown
        ],
    )
