"""The start page, beginning a form, 'save and continue later' (a code), and resuming."""

from __future__ import annotations

import time

from flask import (
    current_app,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from portal.drafts import OPEN, SUBMITTED
from portal.extensions import db
from portal.i18n import remember_language, switched_language
from portal.intake import journey, pageforms, store
from portal.intake.access import with_open_draft
from portal.intake.pageforms import ButtonForm
from portal.intake.views import bp
from portal.intake_form.fields import Answered, DateInput, Text

# Unknown codes tried from one browser: a code has ~57 bits, so this only slows a pest down.
MAX_UNKNOWN_CODES = 10
UNKNOWN_CODES_WINDOW = 30 * 60


class ResumeForm(FlaskForm):
    code = Text(
        _l("Uw code"),
        [Answered()],
        max_length=20,
        description=_l("U kreeg de code toen u stopte. Bijvoorbeeld: BCDF-GH23-JK45"),
        render_kw={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"},
    )
    birth_date = DateInput(
        _l("Uw geboortedatum"),
        description=_l("Bijvoorbeeld: 27 3 1985"),
        render_kw={"autocomplete": "bday"},
    )


@bp.get("/")
def start():
    draft = store.current()
    return render_template(
        "intake/start.html",
        draft=draft if draft and draft.status == OPEN else None,
        submitted=draft if draft and draft.status == SUBMITTED else None,
        form=ButtonForm(),
        retention_days=store.retention().days,
    )


@bp.post("/beginnen")
def begin():
    form = ButtonForm()
    if not form.validate():
        return redirect(url_for("intake.start"), code=303)
    draft = store.current()
    if draft is None or draft.status != OPEN or request.form.get("nieuw") == "1":
        draft = store.create()
    return redirect(journey.resume_url(store.context(draft)), code=303)


@bp.get("/hervatten")
@with_open_draft
def continue_form():
    """Back into the form, at the first page still to do."""
    return redirect(journey.resume_url(store.context(g.draft)), code=303)


@bp.route("/opslaan", methods=["GET", "POST"])
@with_open_draft
def save_for_later():
    """Stop now: show a code (once) that, with the birth date, opens the form again."""
    draft = g.draft
    if draft.acting_staff_id is not None:  # the front desk pauses instead (no resume code)
        return redirect(url_for("frontdesk.index"), code=303)
    ctx = store.context(draft)
    applicant = ctx.applicant or {}
    form = ButtonForm()
    if not applicant.get("birth_date"):
        hours = int(current_app.permanent_session_lifetime.total_seconds() // 3600) or 1
        return render_template(
            "intake/save.html", form=form, needs_birth_date=True, session_hours=hours
        )
    if request.method == "POST" and form.validate():
        code = store.new_resume_code(draft)
        store.forget()  # closed on this device: only the code and birth date open it again
        response = render_template(
            "intake/saved.html",
            code=code,
            expires_at=store.aware(draft.expires_at),
        )
        return response, 200, {"Cache-Control": "no-store"}
    return render_template("intake/save.html", form=form, needs_birth_date=False)


@bp.route("/verder", methods=["GET", "POST"])
def resume():
    form = ResumeForm()
    switched = switched_language()
    if switched:  # the language switch posted the code and date typed so far: keep them
        html = render_template(
            "intake/resume.html", form=form, error_list=[], language_switch_form="resume-form"
        )
        return remember_language(make_response(html, 200), switched)
    refused = None
    if request.method == "POST" and form.validate():
        if _too_many_unknown_codes():
            refused = _(
                "U heeft te vaak een verkeerde code ingevuld. Probeer het over 30 minuten "
                "opnieuw, of vraag hulp aan het loket."
            )
        else:
            try:
                draft = store.resume(form.code.data, form.birth_date.data)
            except store.ResumeRefused as error:
                refused = _refusal(error.reason)
                if error.reason == "unknown":
                    _count_unknown_code()
            else:
                flash(_("Welkom terug. U gaat verder waar u was."), "info")
                return redirect(journey.resume_url(store.context(draft)), code=303)
    status = 400 if (form.errors or refused) else 200
    items = [(None, refused)] if refused else []
    items += pageforms.error_items([form.code, form.birth_date])
    return render_template(
        "intake/resume.html", form=form, error_list=items, language_switch_form="resume-form"
    ), status


def _refusal(reason: str) -> str:
    if reason == "locked":
        return _(
            "Dit formulier is even op slot, omdat de geboortedatum te vaak niet klopte. "
            "Probeer het over 30 minuten opnieuw, of vraag hulp aan het loket."
        )
    return _(
        "De code of de geboortedatum klopt niet. Controleer wat u invulde. Een code werkt "
        "niet meer als u daarna een nieuwe code kreeg."
    )


def _too_many_unknown_codes() -> bool:
    tries = [t for t in session.get("resume_misses", []) if t > time.time() - UNKNOWN_CODES_WINDOW]
    return len(tries) >= MAX_UNKNOWN_CODES


def _count_unknown_code() -> None:
    tries = [t for t in session.get("resume_misses", []) if t > time.time() - UNKNOWN_CODES_WINDOW]
    session["resume_misses"] = [*tries, time.time()]


@bp.post("/verwijderen")
@with_open_draft
def discard():
    """Throw away the unfinished form (for example on a shared computer)."""
    form = ButtonForm()
    if form.validate():
        db.session.delete(g.draft)
        db.session.commit()
        store.forget()
        flash(_("Uw formulier en uw antwoorden zijn verwijderd."), "info")
    return redirect(url_for("intake.start"), code=303)
