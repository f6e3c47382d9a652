"""The confirmation: reference number, which help and why, what happens next and by when;
and a printable summary (a plain page, no JavaScript)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.drafts import SUBMITTED, SUBMITTING
from portal.extensions import db
from portal.households import access
from portal.intake import check, outcomes, store, summary
from portal.intake.views import bp
from portal.intake_form.context import Context
from portal.services import front_desk


def _submitted_intake():
    draft = store.current()
    if draft is None:
        return None, redirect(url_for("intake.start"), code=303)
    if draft.status == SUBMITTING:
        if check.recover_crashed(draft):
            # the submit never finished (the server went down mid-way): nothing was stored
            flash(
                _(
                    "Uw aanvraag is niet aangekomen. Uw antwoorden zijn bewaard. "
                    "Kijk ze na en verstuur uw aanvraag opnieuw."
                ),
                "warning",
            )
            return None, redirect(url_for("intake.check"), code=303)
        return None, (render_template("intake/submitting.html"), 202)
    if draft.status != SUBMITTED or draft.intake is None:
        return None, redirect(url_for("intake.check"), code=303)
    return draft.intake, None


def _audit_front_desk(intake, action: str, what: str) -> None:
    """At the desk an employee sees the walk-in's confirmation (and may print it): audited as
    a read or an export of that household (issue #14). A resident's own view is not."""
    draft = store.current()
    if draft is None or not front_desk.is_front_desk(draft):
        return
    access.audit(action, what, household_id=intake.household_id, role="front_desk")
    db.session.commit()


def _view(intake) -> dict:
    submitted_on = store.aware(intake.submitted_at).date()
    view = outcomes.overview(intake.evaluation, intake.answers, submitted_on)
    return {"intake": intake, "submitted_on": submitted_on, **view}


@bp.get("/bevestiging")
def confirmation():
    intake, response = _submitted_intake()
    if response is not None:
        return response
    _audit_front_desk(intake, "read", f"intake:{intake.id}:confirmation")
    return (
        render_template("intake/confirmation.html", **_view(intake)),
        200,
        {"Cache-Control": "no-store"},
    )


@bp.get("/bevestiging/afdrukken")
def printable():
    intake, response = _submitted_intake()
    if response is not None:
        return response
    _audit_front_desk(intake, "export", f"intake:{intake.id}:print")
    view = _view(intake)
    ctx = Context(
        answers=intake.answers, state=_state_from(intake.answers), today=view["submitted_on"]
    )
    sections = summary.sections(ctx, hide_sensitive=view["discreet"])
    return (
        render_template("intake/print.html", sections=sections, **view),
        200,
        {"Cache-Control": "no-store"},
    )


def _state_from(answers: dict) -> dict:
    """The subjects and people asked about, read back from a submitted intake (the draft's
    own state is gone): a subject counts when the intake holds its answers."""
    household = answers.get("household") or {}
    subjects = [
        s
        for s in ("income", "debts", "housing", "parenting", "network", "safety")
        if s in household
    ]
    members = answers.get("members") or []
    care = [m["id"] for m in members if any(k in m for k in ("health", "self_care", "mobility"))]
    if care:
        subjects.append("care")
    if any("school" in m for m in members):
        subjects.append("school")
    if any("work" in m for m in members):
        subjects.append("work")
    if any("informal_care" in m for m in members) and "network" not in subjects:
        subjects.append("network")
    return {"subjects": subjects, "care_members": care}
