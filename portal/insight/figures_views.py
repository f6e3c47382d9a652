"""*Cijfers* (management information, issue #18) for team leads and policy officers: the page
with charts and tables, and its CSV. The figures come from the rollup (portal/insight/
figures.py, figures_rollup.py), with the moment it was made; small numbers are suppressed on the
page and in the CSV alike. No tracking, no script."""

from __future__ import annotations

from flask import current_app, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from portal import dutch_time
from portal.escalations import labels as escalation_labels
from portal.extensions import db
from portal.households import access
from portal.households.models import Team
from portal.insight import figures as fig
from portal.insight import figures_rollup
from portal.insight.forms import FiguresForm
from portal.insight.suppression import protected
from portal.insight.views import _csv, bp, money, whatif
from portal.outbox_rows import EmbeddedWorker
from portal.staff.session_guard import role_required

FIGURE_ROLES = ("team_lead", "policy_officer")

CHANNEL_LABELS = {
    "online": _l("Online"),
    "front_desk": _l("Balie"),
    "api": _l("Partner (API)"),
    "other": _l("Anders"),
}
TRIAGE_LABELS = {
    "single_question": _l("Enkelvoudige vraag"),
    "multi_domain": _l("Meerdere leefgebieden"),
    "urgent": _l("Spoed"),
    "other": _l("Anders (onvolledig of niets van toepassing)"),
}
BUCKET_LABELS = {
    "0-14": _l("0 tot 2 weken"),
    "15-42": _l("2 tot 6 weken"),
    "43+": _l("meer dan 6 weken"),
}


def _filters(form: FiguresForm) -> fig.Filters:
    team = form.team.data
    return fig.Filters(
        period_from=form.period_from.data if not form.period_from.errors else None,
        period_to=form.period_to.data if not form.period_to.errors else None,
        team_id=int(team) if team and team.isdigit() else None,
    )


def _form() -> FiguresForm:
    form = FiguresForm(request.args)
    form.team.choices = [("", _("Alle teams"))] + [
        (str(team_id), name)
        for team_id, name in db.session.execute(select(Team.id, Team.name).order_by(Team.name))
    ]
    form.validate()
    return form


def _regime_names() -> dict[str, str]:
    live = whatif.live_version()
    return {rid: regime.name.nl for rid, regime in live.regimes.items()}


def _share(part: int, whole: int) -> str:
    if not whole or 0 < part < fig.SMALL:
        return fig.cell(part) if part else "0 %"
    return f"{100 * part / whole:.1f} %".replace(".", ",")


def tables(f: fig.Figures) -> list[dict]:
    """Every figure as a table (heading, columns, rows of shown text) and, where it makes a
    chart, the chart's groups: the page and the CSV are built from this one list."""
    names = _regime_names()
    channels = [c for c in (*fig.CHANNELS, "other") if any(c in m for m in f.by_month.values())]
    channels = channels or list(fig.CHANNELS)
    out = []

    labels = [str(CHANNEL_LABELS[c]) for c in channels]
    # beside each month's total, one small channel would follow by subtraction (suppression.py)
    per_month = {m: protected([f.by_month[m].get(c, 0) for c in channels]) for m in f.months}
    out.append(
        {
            "id": "per-maand",
            "title": _("Intakes per maand en kanaal"),
            "desc": _("Aantal intakes per maand, per kanaal: online, balie en partner (API)."),
            "columns": [_("Maand"), *labels, _("Totaal")],
            "rows": [
                [m, *[text for text, _value in per_month[m]], fig.cell(sum(f.by_month[m].values()))]
                for m in f.months
            ],
            "chart": [
                (
                    m,
                    [
                        (label, value, text)
                        for label, (text, value) in zip(labels, per_month[m], strict=True)
                    ],
                )
                for m in f.months
            ],
        }
    )
    out.append(
        {
            "id": "per-regeling",
            "title": _("Intakes per regeling"),
            "desc": _("Aantal intakes met ten minste één uitkomst in de regeling."),
            "columns": [_("Regeling"), _("Intakes")],
            "rows": [[names.get(r, r), fig.cell(n)] for r, n in f.by_regime],
            "chart": [(names.get(r, r), [("", fig.shown(n), fig.cell(n))]) for r, n in f.by_regime],
        }
    )
    triages = [*fig.TRIAGES, "other"]
    # the kinds add up to every intake, a total the months show: protected the same way
    kinds = protected([f.by_triage.get(t, 0) for t in triages])
    out.append(
        {
            "id": "per-soort",
            "title": _("Intakes per soort vraag"),
            "desc": _(
                "Enkelvoudige vraag, meerdere leefgebieden of spoed, "
                "zoals de verordening de intake indeelde."
            ),
            "columns": [_("Soort vraag"), _("Intakes")],
            "rows": [
                [str(TRIAGE_LABELS[t]), text]
                for t, (text, _value) in zip(triages, kinds, strict=True)
            ],
            "chart": [
                (str(TRIAGE_LABELS[t]), [("", value, text)])
                for t, (text, value) in zip(triages, kinds, strict=True)
            ],
        }
    )
    out.append(
        {
            "id": "meerdere-leefgebieden",
            "title": _("Huishoudens met een vraag op meerdere leefgebieden"),
            "desc": "",
            "columns": [
                _("Huishoudens"),
                _("Met een intake"),
                _("Waarvan meerdere leefgebieden"),
                _("Aandeel"),
            ],
            "rows": [
                [
                    _("In de gekozen periode"),
                    fig.cell(f.households),
                    fig.cell(f.multi_domain),
                    _share(f.multi_domain, f.households),
                ]
            ],
            "chart": None,
        }
    )
    out.append(
        {
            "id": "termijnen",
            "title": _("Wettelijke termijnen per regeling"),
            "desc": _(
                "Gehaald: besluit op of voor de uiterste datum. Gemist: later besloten, of "
                "nog open na de uiterste datum. Loopt: nog open, nog niet verlopen."
            ),
            "columns": [_("Regeling"), _("Gehaald"), _("Gemist"), _("Loopt nog")],
            "rows": [
                [
                    names.get(d["regime"], d["regime"]),
                    fig.cell(d["met"]),
                    fig.cell(d["missed"]),
                    fig.cell(d["running"]),
                ]
                for d in f.deadlines
            ],
            "chart": [
                (
                    names.get(d["regime"], d["regime"]),
                    [
                        (_("gehaald"), fig.shown(d["met"]), fig.cell(d["met"])),
                        (_("gemist"), fig.shown(d["missed"]), fig.cell(d["missed"])),
                    ],
                )
                for d in f.deadlines
            ],
        }
    )
    plan = f.to_plan
    average = plan.get("average_days")
    out.append(
        {
            "id": "tot-plan",
            "title": _("Tijd van intake tot plan"),
            "desc": _(
                "Dagen van de eerste intake van een huishouden tot de eerste versie van het "
                "plan. Gemiddeld: %(avg)s dagen.",
                avg=_number(average),
            ),
            "columns": [_("Tijd"), _("Huishoudens")],
            "rows": [[str(BUCKET_LABELS[name]), fig.cell(n)] for name, n in plan.get("buckets", [])]
            + [[_("Gemiddeld aantal dagen"), _number(average)]],
            "chart": [
                (str(BUCKET_LABELS[name]), [("", fig.shown(n), fig.cell(n))])
                for name, n in plan.get("buckets", [])
            ],
        }
    )
    if f.workload_spread:  # many contact persons: how the load is spread (choose a team)
        out.append(
            {
                "id": "werklast",
                "title": _("Werklast per contactpersoon"),
                "desc": _(
                    "Hoeveel contactpersonen hoeveel huishoudens hebben. "
                    "Kies een team om iedereen apart te zien."
                ),
                "columns": [_("Huishoudens"), _("Medewerkers")],
                "rows": [[name, fig.cell(p)] for name, p in f.workload_spread],
                "chart": [
                    (name, [("", fig.shown(p), fig.cell(p))]) for name, p in f.workload_spread
                ],
            }
        )
    else:
        out.append(
            {
                "id": "werklast",
                "title": _("Werklast per contactpersoon"),
                "desc": _("Aantal huishoudens waarvan iemand nu de contactpersoon is."),
                "columns": [_("Contactpersoon"), _("Huishoudens")],
                "rows": [[name, fig.cell(n)] for name, n in f.workload],
                "chart": [(name, [("", fig.shown(n), fig.cell(n))]) for name, n in f.workload],
            }
        )
    out.append(
        {
            "id": "kosten",
            "title": _("Kosten per regeling (waar bekend)"),
            "desc": _(
                "De verwachte kosten die contactpersonen in de plannen invulden, per "
                "regeling. Bij minder dan 5 huishoudens staat het bedrag er niet."
            ),
            "columns": [_("Regeling"), _("Huishoudens met kosten"), _("Verwachte kosten")],
            "rows": [
                [
                    names.get(c["regime"], c["regime"]),
                    fig.cell(c["households"]),
                    money(c["cents"]).lstrip("+")
                    if c["households"] >= fig.SMALL
                    else f"<{fig.SMALL} " + _("huishoudens"),
                ]
                for c in f.costs
            ],
            "chart": None,
        }
    )
    out += _escalation_tables(f)
    return out


def _escalation_tables(f: fig.Figures) -> list[dict]:
    """Escalations to the ontschotter (issue #17) raised in the period: per month with and
    without a breakthrough decision, the time to the breakthrough, and the schotten."""
    months = sorted(f.escalations_by_month)
    by_month = f.escalations_by_month
    totals = f.escalations
    decided, running = _("Met doorbraakbesluit"), _("Loopt nog")
    kinds = (decided, running)
    split = {m: protected([by_month[m].get(k, 0) for k in ("decided", "open")]) for m in months}
    return [
        {
            "id": "escalaties",
            "title": _("Escalaties naar de ontschotter"),
            "desc": "",
            "columns": [_("Maand"), decided, running, _("Totaal")],
            "rows": [
                [m, *[text for text, _value in split[m]], fig.cell(sum(by_month[m].values()))]
                for m in months
            ],
            "chart": [
                (
                    m,
                    [
                        (label, value, text)
                        for label, (text, value) in zip(kinds, split[m], strict=True)
                    ],
                )
                for m in months
            ],
        },
        {
            "id": "doorbraak",
            "title": _("Doorbraak"),
            "desc": "",
            "columns": [_("Escalaties"), _("Waarde")],
            "rows": [
                [decided, fig.cell(totals["decided"])],
                [_("Binnen drie weken"), fig.cell(totals["within"])],
                [_("Mediaan tijd tot doorbraak"), _number(totals["median"])],
            ]
            if totals["raised"]
            else [],
            "chart": None,
        },
        {
            "id": "schotten",
            "title": _("Schotten"),
            "desc": "",
            "columns": [_("Regeling of organisatie"), _("Escalaties"), decided],
            "rows": [
                [escalation_labels.side(side), fig.cell(n), fig.cell(d)]
                for side, n, d in f.escalation_sides
            ],
            "chart": [
                (escalation_labels.side(side), [("", fig.shown(n), fig.cell(n))])
                for side, n, _d in f.escalation_sides
            ],
        },
    ]


def _number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "—" if value is None else str(value).replace(".", ",")


def _refreshed(figures: fig.Figures) -> str:
    if figures.refreshed_at is None:
        return _(
            "Er zijn nog geen cijfers berekend. Ze worden elke 10 minuten bijgewerkt; "
            "kom straks terug."
        )
    moment = dutch_time.aware(figures.refreshed_at).astimezone(dutch_time.AMSTERDAM)
    return _(
        "Bijgewerkt op %(day)s om %(time)s.",
        day=moment.strftime("%d-%m-%Y"),
        time=moment.strftime("%H:%M"),
    )


def _keep_fresh() -> None:
    """Without a broker (`make run`) a thread of the app brings the rollup up to date (at
    most every 5 minutes); with one, the beat task does. Off where the outboxes' threads are
    (the test suite) or the what-if's thread is."""
    app = current_app._get_current_object()
    if _embedded(app):
        _refresher.wake(app)


def _embedded(app) -> bool:
    return bool(
        not app.config.get("CELERY_BROKER_URL")
        and app.config.get("INSIGHT_EMBEDDED_WORKER", True)
        and app.config.get("HANDOFF_EMBEDDED_WORKER", True)
    )


_refresher = EmbeddedWorker("insight-figures", figures_rollup.refresh_if_stale, _embedded)


@bp.get("/cijfers")
@role_required(*FIGURE_ROLES)
def figures_page():
    form = _form()
    figures = fig.compute(_filters(form))
    access.audit("read", "insight:figures", household_id=None, role=_role())
    db.session.commit()
    _keep_fresh()
    items = [(field.id, field.errors[0]) for field in form if field.errors]
    return render_template(
        "insight/figures.html",
        form=form,
        refreshed=_refreshed(figures),
        ready=figures.refreshed_at is not None,
        tables=tables(figures) if figures.refreshed_at is not None else [],
        query=request.query_string.decode(),
        error_list=items,
    )


@bp.get("/cijfers.csv")
@role_required(*FIGURE_ROLES)
def figures_csv():
    form = _form()
    figures = fig.compute(_filters(form))
    rows = [[_("figuur"), _("rij"), _("kolom"), _("waarde")], [_refreshed(figures), "", "", ""]]
    for table in tables(figures) if figures.refreshed_at is not None else []:
        for row in table["rows"]:
            for column, value in zip(table["columns"][1:], row[1:], strict=False):
                rows.append([table["title"], row[0], column, value])
    access.audit("export", "insight:figures.csv", household_id=None, role=_role())
    db.session.commit()
    return _csv(rows, "cijfers.csv")


def _role() -> str:
    return "policy_officer" if current_user.has_role("policy_officer") else "team_lead"
