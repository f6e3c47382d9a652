"""The insight pages (issue #18), nested in the staff blueprint (/medewerkers/beleid):

- *Wat als?* (policy officer, admin): upload or choose a draft verordening, run it over the
  stored intakes in the background, follow its progress, cancel it, read and download the
  result. The result names households only by pseudonym: the policy officer never opens a file.
- *Huishouden bij pseudoniem* (contact person, team lead, admin): staff who may open that
  household anyway (portal/households/access.py decides) go to its file; anyone else gets 404.
- *Cijfers* (team lead, policy officer): management figures, portal/insight/figures.py.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.households import access
from portal.insight import dispatch, drafts, whatif
from portal.insight.forms import WhatIfForm
from portal.insight.models import (
    FINISHED,
    QUEUED,
    RUNNING,
    VerordeningDraft,
    WhatIfChange,
    WhatIfRun,
)
from portal.staff.forms import ButtonForm
from portal.staff.session_guard import role_required

bp = Blueprint("insight", __name__, url_prefix="/beleid")

WHATIF_ROLES = ("policy_officer", "admin")
OPEN_ROLES = ("contact_person", "team_lead", "admin")  # may open a household they have a right to
CHANGES_SHOWN = 500

STATES = {
    "queued": _l("wacht op een werker"),
    "running": _l("bezig"),
    "done": _l("klaar"),
    "cancelled": _l("gestopt"),
    "failed": _l("mislukt"),
}
CHANGE_LABELS = {
    "gained": _l("krijgt erbij"),
    "lost": _l("verliest"),
    "urgency": _l("andere spoed"),
    "term": _l("andere termijn"),
    "triage": _l("andere soort vraag"),
}
SOURCES = {
    "plan": _l("plan (verwachte kosten zoals ingevuld)"),
    "verordening": _l("verordening (schatting per maand)"),
}


def _role() -> str:
    return "policy_officer" if current_user.has_role("policy_officer") else "admin"


def _stored_drafts():
    return db.session.scalars(
        select(VerordeningDraft).order_by(VerordeningDraft.uploaded_at.desc()).limit(50)
    ).all()


def _form() -> WhatIfForm:
    form = WhatIfForm()
    form.stored_draft.choices = [("", _("Geen: ik kies hierboven een bestand"))] + [
        (str(d.id), f"{d.name} ({d.verordening_id}, {d.content_hash[:8]})")
        for d in _stored_drafts()
    ]
    return form


def _index(form: WhatIfForm, problems=(), error_list=(), status: int = 200):
    runs = db.session.scalars(select(WhatIfRun).order_by(WhatIfRun.id.desc()).limit(50)).all()
    live = whatif.live_version()
    return render_template(
        "insight/whatif_index.html",
        form=form,
        runs=runs,
        states=STATES,
        live=live,
        problems=problems,
        error_list=list(error_list),
    ), status


@bp.get("/wat-als")
@role_required(*WHATIF_ROLES)
def whatif_index():
    return _index(_form())


@bp.post("/wat-als")
@role_required(*WHATIF_ROLES)
def whatif_start():
    form = _form()
    if not form.validate():
        items = [(field.id, field.errors[0]) for field in form if field.errors]
        return _index(form, error_list=items, status=400)
    period_from, period_to = form.period_from.data, form.period_to.data
    if period_from and period_to and period_to < period_from:
        form.period_to.errors = [_("De einddatum ligt voor de begindatum.")]
        return _index(form, error_list=[("period_to", form.period_to.errors[0])], status=400)
    upload = form.draft_file.data
    if upload and getattr(upload, "filename", ""):
        name = drafts.clean_name(upload.filename)
        content = upload.read(drafts.MAX_BYTES + 1)
        try:
            version = drafts.load(name, content)
        except drafts.DraftInvalid as exc:
            message = _(
                "Het concept heeft %(n)s fout(en). Het is niet opgeslagen.", n=len(exc.problems)
            )
            return _index(
                form, problems=exc.problems, error_list=[("fouten-concept", message)], status=400
            )
        draft = VerordeningDraft(
            name=name,
            content=content,
            content_hash=drafts.content_hash(content),
            verordening_id=version.id[:100],
            uploaded_at=clock.now(),
            uploaded_by_id=current_user.id,
        )
        db.session.add(draft)
        db.session.flush()
    elif form.stored_draft.data and form.stored_draft.data.isdigit():
        draft = db.session.get(VerordeningDraft, int(form.stored_draft.data))
        if draft is None:
            form.stored_draft.errors = [_("Dit concept bestaat niet meer. Kies een ander.")]
            return _index(
                form, error_list=[("stored_draft", form.stored_draft.errors[0])], status=400
            )
    else:
        message = _("Kies een bestand met de concept-verordening, of een opgeslagen concept.")
        form.draft_file.errors = [message]
        return _index(form, error_list=[("draft_file", message)], status=400)
    run = whatif.create(draft, current_user.id, period_from, period_to)
    access.audit("change", f"whatif:{run.id} start", household_id=None, role=_role())
    db.session.commit()
    dispatch.hand_over(run.id)
    return redirect(url_for("staff.insight.whatif_run", run_id=run.id), code=303)


def _run_or_404(run_id: int) -> WhatIfRun:
    run = db.session.get(WhatIfRun, run_id)
    if run is None:
        abort(404)
    return run


def progress_of(run: WhatIfRun) -> dict:
    percent = (
        100 if run.state in FINISHED else (int(100 * run.done / run.total) if run.total else 0)
    )
    return {
        "state": run.state,
        "state_label": str(STATES.get(run.state, run.state)),
        "done": run.done or 0,
        "total": run.total or 0,
        "percent": percent,
        "finished": run.state in FINISHED,
        "text": _progress_text(run),
    }


def _progress_text(run: WhatIfRun) -> str:
    if run.state == QUEUED:
        return _("Wacht op een werker.")
    if run.state == RUNNING and run.cancel_requested:
        return _(
            "Stopt na deze ronde: %(done)s van %(total)s intakes.", done=run.done, total=run.total
        )
    if run.state == RUNNING:
        return _(
            "%(done)s van %(total)s intakes opnieuw beoordeeld.", done=run.done, total=run.total
        )
    return _(
        "%(state)s: %(done)s van %(total)s intakes.",
        state=STATES.get(run.state, run.state),
        done=run.done,
        total=run.total,
    )


@bp.get("/wat-als/<int:run_id>")
@role_required(*WHATIF_ROLES)
def whatif_run(run_id: int):
    run = _run_or_404(run_id)
    draft = db.session.get(VerordeningDraft, run.draft_id)
    changes = db.session.scalars(
        select(WhatIfChange)
        .where(WhatIfChange.run_id == run.id)
        .order_by(WhatIfChange.pseudonym, WhatIfChange.regime, WhatIfChange.rule_id)
        .limit(CHANGES_SHOWN)
    ).all()
    count = db.session.scalar(
        select(func.count(WhatIfChange.id)).where(WhatIfChange.run_id == run.id)
    )
    access.audit("read", f"whatif:{run.id}", household_id=None, role=_role())
    db.session.commit()
    return render_template(
        "insight/whatif_run.html",
        run=run,
        draft=draft,
        progress=progress_of(run),
        changes=changes,
        change_count=count,
        shown=CHANGES_SHOWN,
        change_labels=CHANGE_LABELS,
        sources=SOURCES,
        button=ButtonForm(),
        money=money,
    )


@bp.get("/wat-als/<int:run_id>/voortgang")
@role_required(*WHATIF_ROLES)
def whatif_progress(run_id: int):
    return jsonify(progress_of(_run_or_404(run_id)))


@bp.post("/wat-als/<int:run_id>/stoppen")
@role_required(*WHATIF_ROLES)
def whatif_cancel(run_id: int):
    if not ButtonForm().validate():
        abort(400)
    run = _run_or_404(run_id)
    if run.state not in FINISHED:
        whatif.cancel(run)
        access.audit("change", f"whatif:{run.id} cancel", household_id=None, role=_role())
        db.session.commit()
        flash(_("De berekening stopt. Wat al klaar is, blijft bewaard."), "info")
    return redirect(url_for("staff.insight.whatif_run", run_id=run.id), code=303)


def money(cents: int | None) -> str:
    if cents is None:
        return "—"
    sign = "-" if cents < 0 else ("+" if cents > 0 else "")
    whole = f"{abs(cents) / 100:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{sign}€ {whole}"


def _csv(rows: list[list], filename: str) -> Response:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    for row in rows:
        writer.writerow([_safe_cell(v) for v in row])
    return Response(
        "\ufeff" + out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _safe_cell(value) -> str:
    """No formula injection in a spreadsheet: a text starting with = + - @ gets a quote."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@") and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def _cents(value: int | None) -> str:
    return "" if value is None else f"{value / 100:.2f}".replace(".", ",")


@bp.get("/wat-als/<int:run_id>/samenvatting.csv")
@role_required(*WHATIF_ROLES)
def whatif_summary_csv(run_id: int):
    run = _run_or_404(run_id)
    summary = run.summary or {}
    rows = [
        [
            _("regeling"),
            _("voorziening"),
            _("huishoudens erbij"),
            _("huishoudens eraf"),
            _("andere spoed"),
            _("andere termijn"),
            _("kosten per maand volgens verordening (euro)"),
            _("kosten volgens plannen (euro)"),
            _("wijzigingen zonder bekende kosten"),
        ]
    ]
    for p in summary.get("provisions", []):
        rows.append(
            [
                p["regime"],
                p["provision"],
                p["gained"],
                p["lost"],
                p["urgency"],
                p["term"],
                _cents(p["verordening_month_cents"]),
                _cents(p["plan_cents"]),
                p["unknown_cost"],
            ]
        )
    access.audit("export", f"whatif:{run.id} summary.csv", household_id=None, role=_role())
    db.session.commit()
    return _csv(rows, f"wat-als-{run.id}-samenvatting.csv")


@bp.get("/wat-als/<int:run_id>/wijzigingen.csv")
@role_required(*WHATIF_ROLES)
def whatif_changes_csv(run_id: int):
    run = _run_or_404(run_id)
    rows = [
        [
            _("pseudoniem"),
            _("regeling"),
            _("voorziening"),
            _("regel"),
            _("lid"),
            _("wijziging"),
            _("was"),
            _("wordt"),
            _("kosten (euro)"),
            _("bron van de kosten"),
        ]
    ]
    for c in db.session.scalars(
        select(WhatIfChange).where(WhatIfChange.run_id == run.id).order_by(WhatIfChange.id)
    ):
        rows.append(
            [
                c.pseudonym,
                c.regime,
                c.provision_id,
                c.rule_id,
                c.member or "",
                c.change,
                c.was or "",
                c.now or "",
                _cents(c.cost_cents),
                c.cost_source or "",
            ]
        )
    access.audit("export", f"whatif:{run.id} changes.csv", household_id=None, role=_role())
    db.session.commit()
    return _csv(rows, f"wat-als-{run.id}-wijzigingen.csv")


@bp.get("/huishouden/<pseudonym>")
@role_required(*OPEN_ROLES)
def open_pseudonym(pseudonym: str):
    """A pseudonym from a what-if result, opened by staff who may open that household anyway."""
    household_id = db.session.scalar(
        select(WhatIfChange.household_id).where(WhatIfChange.pseudonym == pseudonym[:16]).limit(1)
    )
    if household_id is None or access.role_for(household_id) is None:
        abort(404)
    return redirect(url_for("staff.households.file_page", household_id=household_id), code=303)


def parse_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


from portal.insight import figures_views  # noqa: E402, F401  (the figures' routes on this blueprint)
