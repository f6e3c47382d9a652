"""Check your answers, then submit once (a double click or a resubmit makes one intake)."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import or_, update

from portal.drafts import OPEN, SUBMITTED, SUBMITTING, Draft
from portal.extensions import db
from portal.i18n import issue_text
from portal.intake import journey, store, summary
from portal.intake.access import with_open_draft
from portal.intake.pageforms import ButtonForm
from portal.intake.views import bp
from portal.services import front_desk, intakes


def stale_submit() -> timedelta:
    """A submit that crashed half-way (the process killed) leaves the draft 'submitting'; after
    this it counts as crashed and may be sent again (INTAKE_SUBMIT_STALE_SECONDS)."""
    return timedelta(seconds=current_app.config.get("INTAKE_SUBMIT_STALE_SECONDS", 120))


@bp.get("/controleren")
@with_open_draft
def check():
    ctx = store.context(g.draft)
    missing = journey.first_undone(ctx)
    if missing is not None:
        flash(_("Er zijn nog vragen die u niet heeft beantwoord. Die ziet u nu."), "warning")
        return redirect(journey.page_url(missing), code=303)
    if front_desk.is_front_desk(g.draft) and not front_desk.facts(g.draft):
        return redirect(url_for("frontdesk.finish"), code=303)
    return _render(ctx, issues=[])


def _render(ctx, issues, status=200):
    number, total = journey.progress(ctx, None)
    return (
        render_template(
            "intake/check.html",
            sections=summary.sections(ctx),
            form=ButtonForm(),
            submit_token=g.draft.submit_token,
            front_desk=front_desk.facts(g.draft) if front_desk.is_front_desk(g.draft) else None,
            error_list=[(None, message) for message in issues],
            number=number,
            total=total,
        ),
        status,
    )


@bp.post("/versturen")
def submit():
    draft = store.current()
    if draft is None:
        flash(_("Wij konden uw formulier niet vinden. Misschien was u te lang weg."), "warning")
        return redirect(url_for("intake.start"), code=303)
    if draft.status == SUBMITTED:
        flash(_("U had uw aanvraag al verstuurd. Dit is uw bevestiging."), "info")
        return redirect(url_for("intake.confirmation"), code=303)
    token = request.form.get("submit_token", "")
    if draft.status == SUBMITTING and token == draft.submit_token and not _stale(draft):
        return redirect(url_for("intake.confirmation"), code=303)
    if token != draft.submit_token:
        flash(
            _("Deze pagina was oud. Kijk uw antwoorden na en stuur ze opnieuw."),
            "warning",
        )
        return redirect(url_for("intake.check"), code=303)
    g.draft = draft
    ctx = store.context(draft)
    missing = journey.first_undone(ctx)
    if missing is not None:
        flash(_("Er zijn nog vragen die u niet heeft beantwoord. Die ziet u nu."), "warning")
        return redirect(journey.page_url(missing), code=303)
    if front_desk.is_front_desk(draft) and not front_desk.facts(draft):
        return redirect(url_for("frontdesk.finish"), code=303)
    representing = None
    if not front_desk.is_front_desk(draft):
        from portal.residents import acting

        try:
            representing = acting.for_intake()  # acting for someone else (issue #19)
        except acting.Refused as refused:
            flash(refused.message, "warning")
            return redirect(url_for("intake.check"), code=303)
    if not _claim(draft, token):
        db.session.refresh(draft)
        return redirect(url_for("intake.confirmation"), code=303)
    answers = _export(ctx, draft)
    try:
        # Not committed yet: mark_submitted commits the intake and the draft together.
        verified_bsn, verified_via = _verified_identity(draft, answers, representing)
        result = intakes.submit(
            answers,
            channel=draft.channel,
            commit=False,
            resume_code_hash=draft.resume_code_hash,  # to attach it after a DigiD log-in
            verified_bsn=verified_bsn,
            verified_via=verified_via,
            filed_by=representing.id if representing else None,
        )
        if representing is not None:
            from portal.residents import acting

            acting.append("change", f"intake:{result.intake.reference}", result.household.id)
    except intakes.IntakeRejected as rejected:
        db.session.rollback()
        _release(draft)
        current_app.logger.warning("intake rejected: %s", [i.code for i in rejected.issues])
        messages = [issue_text(issue) for issue in rejected.issues]
        return _render(ctx, issues=messages, status=400)
    except Exception:
        db.session.rollback()
        _release(draft)
        raise
    if front_desk.is_front_desk(draft):
        front_desk.record(result.intake, draft)
    store.mark_submitted(draft, result.intake.id)
    return redirect(url_for("intake.confirmation"), code=303)


def _verified_identity(draft: Draft, answers: dict, representing=None) -> tuple[str | None, str]:
    """Whose identity is checked (issue #12): at the desk, the applicant whose ID document the
    employee saw; online, the resident logged in with DigiD in this browser. Acting for
    someone (issue #19): the represented person, as DigiD Machtigen or the written
    authorisation vouches for them; a parent for a child applies as themselves."""
    applicant = next((m for m in answers.get("members") or [] if m.get("role") == "applicant"), {})
    if front_desk.is_front_desk(draft):
        checked = front_desk.facts(draft) or {}
        shows_bsn = checked.get("identity_document") in front_desk.SHOWS_BSN
        return (applicant.get("bsn") if shows_bsn else None), "desk"
    if representing is not None:
        if representing.representative:
            return representing.view_bsn, {"written": "machtiging"}.get(
                representing.source, representing.source
            )
        return representing.actor_bsn, "digid"
    from portal.residents.session import verified_bsn

    return verified_bsn(), "digid"


def _export(ctx, draft):
    from portal.intake_form import registry

    answers = registry.export(ctx)
    answers["channel"] = draft.channel
    return answers


def _stale(draft: Draft) -> bool:
    started = store.aware(draft.submit_started_at)
    return started is None or started < store.now() - stale_submit()


def _claim(draft: Draft, token: str) -> bool:
    """One request wins the right to submit; a second (double click) finds it taken."""
    moment = store.now()
    result = db.session.execute(
        update(Draft)
        .where(
            Draft.id == draft.id,
            Draft.submit_token == token,
            or_(
                Draft.status == OPEN,
                (Draft.status == SUBMITTING) & (Draft.submit_started_at < moment - stale_submit()),
            ),
        )
        .values(status=SUBMITTING, submit_started_at=moment)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1


def recover_crashed(draft: Draft) -> bool:
    """The draft was left 'submitting' by a submit whose process died before it finished (its
    transaction rolled back: no intake). Open it again so the resident can send it; their
    answers are all in the draft. Only when no submit can still be running (stale_submit), and
    in one UPDATE, so two browsers cannot both reopen it."""
    cutoff = store.now() - stale_submit()
    result = db.session.execute(
        update(Draft)
        .where(
            Draft.id == draft.id,
            Draft.status == SUBMITTING,
            or_(Draft.submit_started_at.is_(None), Draft.submit_started_at < cutoff),
        )
        .values(status=OPEN, submit_started_at=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    db.session.refresh(draft)
    return result.rowcount == 1


def _release(draft: Draft) -> None:
    db.session.execute(
        update(Draft)
        .where(Draft.id == draft.id)
        .values(status=OPEN, submit_started_at=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    db.session.refresh(draft)
