"""A form sent after the staff session expired is not lost (issue #14).

The session guard sees the expired session with the account still valid: it keeps the form's
fields (not the CSRF token) for `KEEP_MINUTES`, tied to that account and that path, and the
log-in page leads to a page that offers them again: the text to read, and one button that sends
the same fields to the same address with a fresh CSRF token. Nothing is sent without the person
pressing it, so a stale plan section still meets the plan's revision check."""

from __future__ import annotations

from datetime import timedelta

from flask import abort, g, redirect, render_template, request, session, url_for
from flask_login import current_user
from sqlalchemy import delete, select

from portal import clock
from portal.drafts import OPEN, Draft
from portal.dutch_time import aware
from portal.extensions import db
from portal.staff.forms import ButtonForm
from portal.staff.models import KeptPost
from portal.staff.session_guard import ROLES, role_required
from portal.staff.views import bp

KEEP_MINUTES = 30
DRAFT_SESSION_KEY = "intake_draft"  # portal.intake.store.SESSION_KEY (staff does not import it)
NOT_KEPT = {"csrf_token", "submit_token"}


def keep(staff_id: int, draft_public_id: str | None = None) -> None:
    """Called by the session guard for a POST on an expired session. `draft_public_id`: the
    intake draft the session had; kept with the fields when it is a walk-in's form this
    person was filling in at the desk (the intake pages under /aanvraag/ are theirs then)."""
    fields = [[k, v] for k, v in request.form.items(multi=True) if k not in NOT_KEPT]
    draft = _desk_draft(staff_id, draft_public_id)
    staff_path = request.path.startswith(("/medewerkers/", "/balie/"))
    desk_intake = draft is not None and request.path.startswith("/aanvraag/")
    if not fields or not (staff_path or desk_intake):
        return
    moment = clock.now()
    db.session.execute(delete(KeptPost).where(KeptPost.expires_at < moment))
    row = KeptPost(
        staff_id=staff_id,
        path=request.path[:500],
        fields=fields,
        created_at=moment,
        expires_at=moment + timedelta(minutes=KEEP_MINUTES),
        draft_public_id=draft.public_id if draft is not None else None,
    )
    db.session.add(row)
    db.session.commit()
    g.kept_post_id = row.id


def _desk_draft(staff_id: int, public_id: str | None) -> Draft | None:
    """An open front-desk draft that `staff_id` is filling in; None for anything else (a
    resident's own draft is never attached to a staff member's browser)."""
    if not public_id:
        return None
    return db.session.scalars(
        select(Draft).where(
            Draft.public_id == public_id,
            Draft.acting_staff_id == staff_id,
            Draft.status == OPEN,
        )
    ).first()


def _own(kept_id: int) -> KeptPost:
    row = db.session.get(KeptPost, kept_id)
    expired = row is not None and aware(row.expires_at) < clock.now()
    if row is None or row.staff_id != current_user.id or expired:
        abort(404)
    return row


@bp.get("/bewaard/<int:kept_id>")
@role_required(*ROLES)
def kept_post(kept_id: int):
    row = _own(kept_id)
    draft = _desk_draft(current_user.id, row.draft_public_id)
    if draft is not None:
        # the walk-in's form back on this screen, so the button below lands in it
        session[DRAFT_SESSION_KEY] = draft.public_id
        session.permanent = False  # a staff session ends with the browser (as at /balie/)
    texts = [(name, value) for name, value in row.fields if len(value.strip()) > 0]
    return render_template(
        "staff/kept.html", row=row, texts=texts, button=ButtonForm(), minutes=KEEP_MINUTES
    )


@bp.post("/bewaard/<int:kept_id>/weg")
@role_required(*ROLES)
def drop_kept_post(kept_id: int):
    if not ButtonForm().validate():
        abort(400)
    db.session.delete(_own(kept_id))
    db.session.commit()
    return redirect(url_for("staff.home"), code=303)
