"""A form sent after the staff session expired is not lost (issue #14).

The session guard sees the expired session with the account still valid: it keeps the form's
fields (not the CSRF token) for `KEEP_MINUTES`, tied to that account and that path, and the
log-in page leads to a page that offers them again: the text to read, and one button that sends
the same fields to the same address with a fresh CSRF token. Nothing is sent without the person
pressing it, so a stale plan section still meets the plan's revision check."""

from __future__ import annotations

from datetime import timedelta

from flask import abort, g, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import delete

from portal import clock
from portal.dutch_time import aware
from portal.extensions import db
from portal.staff.forms import ButtonForm
from portal.staff.models import KeptPost
from portal.staff.session_guard import ROLES, role_required
from portal.staff.views import bp

KEEP_MINUTES = 30
NOT_KEPT = {"csrf_token", "submit_token"}


def keep(staff_id: int) -> None:
    """Called by the session guard for a POST on an expired session."""
    fields = [[k, v] for k, v in request.form.items(multi=True) if k not in NOT_KEPT]
    if not fields or not request.path.startswith(("/medewerkers/", "/balie/")):
        return
    moment = clock.now()
    db.session.execute(delete(KeptPost).where(KeptPost.expires_at < moment))
    row = KeptPost(
        staff_id=staff_id,
        path=request.path[:500],
        fields=fields,
        created_at=moment,
        expires_at=moment + timedelta(minutes=KEEP_MINUTES),
    )
    db.session.add(row)
    db.session.commit()
    g.kept_post_id = row.id


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
