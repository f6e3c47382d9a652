"""Beheer of the hand-off: what is pending, failed and delivered, retry, the zaaktype per
regime; and a health endpoint with the queue depth."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import SelectField, StringField
from wtforms.validators import URL, InputRequired, Length

from portal import clock, rulebook
from portal.dutch_time import aware
from portal.extensions import db
from portal.handoff import config_check, outbox
from portal.handoff.models import FAILED, PENDING, Handoff, ZaaktypeMapping
from portal.models import Intake
from portal.staff.forms import ButtonForm
from portal.staff.session_guard import role_required

bp = Blueprint("handoff", __name__)
health_bp = Blueprint("handoff_health", __name__)

LEVELS = (
    ("openbaar", _l("Openbaar")),
    ("beperkt_openbaar", _l("Beperkt openbaar")),
    ("intern", _l("Intern")),
    ("zaakvertrouwelijk", _l("Zaakvertrouwelijk")),
    ("vertrouwelijk", _l("Vertrouwelijk")),
    ("confidentieel", _l("Confidentieel")),
    ("geheim", _l("Geheim")),
    ("zeer_geheim", _l("Zeer geheim")),
)


def municipal_regimes() -> list[tuple[str, str]]:
    """The regimes of the verordening in force whose outcomes become zaken."""
    verordening = rulebook.in_force()
    return [
        (regime_id, regime.name.get("nl") if isinstance(regime.name, dict) else str(regime.name))
        for regime_id, regime in verordening.regimes.items()
        if regime.kind == "municipal"
    ]


class MappingForm(FlaskForm):
    regime = SelectField(_l("Regeling"), [InputRequired()])
    zaaktype_url = StringField(
        _l("Zaaktype (URL in de Catalogi API)"),
        [
            InputRequired(_l("Vul de URL van het zaaktype in.")),
            URL(require_tld=False, message=_l("Vul een volledige URL in, met https://.")),
            Length(max=1000),
        ],
    )
    vertrouwelijkheid = SelectField(
        _l("Vertrouwelijkheid"), choices=LEVELS, default="vertrouwelijk"
    )


@bp.route("/beheer/overdracht", methods=["GET", "POST"])
@role_required("admin")
def overview():
    form = MappingForm()
    form.regime.choices = municipal_regimes()
    if form.validate_on_submit():
        mapping = db.session.get(ZaaktypeMapping, form.regime.data) or ZaaktypeMapping(
            regime=form.regime.data
        )
        mapping.zaaktype_url = form.zaaktype_url.data.strip()
        mapping.vertrouwelijkheid = form.vertrouwelijkheid.data
        mapping.updated_by_id, mapping.updated_at = current_user.id, clock.now()
        config_check.check(mapping)
        db.session.add(mapping)
        db.session.commit()
        if mapping.check_error:
            flash(
                _(
                    "Opgeslagen, maar de controle vond een probleem: %(problem)s",
                    problem=mapping.check_error,
                ),
                "warning",
            )
        else:
            flash(_("Opgeslagen en gecontroleerd in de Catalogi API."), "info")
        return redirect(url_for("staff.handoff.overview"), code=303)
    counts = outbox.counts()
    oldest = counts[PENDING]["oldest"]
    rows = db.session.execute(
        select(Handoff, Intake.reference)
        .outerjoin(Intake, Intake.id == Handoff.intake_id)
        .where(Handoff.state.in_((PENDING, FAILED)))
        .order_by(Handoff.state, Handoff.created_at)
        .limit(200)
    ).all()
    mappings = db.session.scalars(select(ZaaktypeMapping).order_by(ZaaktypeMapping.regime)).all()
    status = 400 if form.errors else 200
    return render_template(
        "handoff/overview.html",
        enabled=outbox.enabled(),
        broker="Celery (Redis)" if current_app.config.get("CELERY_BROKER_URL") else _("ingebouwd"),
        counts=counts,
        oldest_age=(clock.now() - aware(oldest)) if oldest else None,
        rows=rows,
        mappings=mappings,
        regimes=dict(form.regime.choices),
        form=form,
        button=ButtonForm(),
    ), status


@bp.post("/beheer/overdracht/<int:handoff_id>/opnieuw")
@role_required("admin")
def retry(handoff_id: int):
    if not ButtonForm().validate():
        abort(400)
    row = db.session.get(Handoff, handoff_id)
    if row is None:
        abort(404)
    if row.state != "delivered":
        outbox.retry_now(row)
        from portal.handoff import dispatch

        dispatch.hand_over([row.id])
        flash(_("Opnieuw aangeboden. Ververs de pagina om het resultaat te zien."), "info")
    return redirect(url_for("staff.handoff.overview"), code=303)


@health_bp.get("/healthz/overdracht")
def health():
    """For monitoring: the outbox's depth and the age of the oldest pending row; 'degraded'
    when something failed or a row waits more than an hour."""
    counts = outbox.counts()
    oldest = counts[PENDING]["oldest"]
    age = int((clock.now() - aware(oldest)).total_seconds()) if oldest else 0
    queue = None
    broker = current_app.config.get("CELERY_BROKER_URL")
    if broker and broker.startswith("redis"):
        try:
            import redis

            name = current_app.config.get("HANDOFF_QUEUE") or "eenloket-handoff"
            queue = redis.Redis.from_url(broker, socket_timeout=2).llen(name)
        except Exception:
            queue = None
    degraded = counts[FAILED]["count"] > 0 or age > 3600
    return jsonify(
        {
            "status": "degraded" if degraded else "ok",
            "enabled": outbox.enabled(),
            "pending": counts[PENDING]["count"],
            "failed": counts[FAILED]["count"],
            "delivered": counts["delivered"]["count"],
            "oldest_pending_seconds": age,
            "broker_queue_depth": queue,
        }
    )
