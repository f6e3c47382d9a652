"""The survey's pages: for the resident, the survey on Mijn aanvraag (/mijn/tevredenheid/<id>,
one page, no JavaScript; after its closing date a page that says so, and nothing is stored);
for staff, the figures (/medewerkers/tevredenheid: team lead, policy officer and admin) with a
CSV export. Staff never see a single response's answers. The free texts, redacted and only for
a quarter/team cell with at least 5 responses, are for the policy officer alone (page and CSV).
Every read is audited like other staff reads (no household)."""

from __future__ import annotations

from datetime import date

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.dutch_time import today
from portal.extensions import db
from portal.households import access
from portal.households.models import Team
from portal.i18n import remember_language, switched_language
from portal.residents.forms import ButtonForm
from portal.residents.session import resident_required
from portal.staff.session_guard import role_required
from portal.survey import service
from portal.survey.questions import ANSWER_VALUES, ANSWERS, QUESTIONS, THEMES

resident_bp = Blueprint("survey", __name__, url_prefix="/tevredenheid")  # nested in /mijn
bp = Blueprint("survey", __name__)  # nested in the staff blueprint (/medewerkers)

# who reads the figures: never a contact person or the front desk (they know the residents)
ROLES = ("team_lead", "policy_officer", "admin")
# who reads the free texts: the policy officer, who owns the survey and never opens a
# resident's file (portal/staff/session_guard.py); not the team lead, who knows the team's
# residents and could recognise one in a text, nor the admin (docs/survey.md)
TEXT_ROLES = ("policy_officer",)
COMMENT_MAX = 2000


# -- the resident ---------------------------------------------------------------------------------


@resident_bp.route("/<int:invitation_id>", methods=["GET", "POST"])
@resident_required
def answer(invitation_id: int):
    invitation = service.invitation_of(g.resident_bsn, invitation_id)
    if invitation is None:
        abort(404)
    if invitation.answered:
        return render_template("survey/done.html")
    if service.is_closed(invitation):
        return _closed(invitation)
    button = ButtonForm()
    chosen = {key: request.form.get(key, "") for key, _theme, _text in QUESTIONS}
    comment = request.form.get("opmerking", "")
    errors = []
    switched = switched_language()
    if request.method == "POST" and not switched:
        if not button.validate_on_submit():
            abort(400)
        chosen = {k: v if v in ANSWER_VALUES else "" for k, v in chosen.items()}
        if not any(chosen.values()) and not comment.strip():
            errors.append(
                (f"vraag-{QUESTIONS[0][0]}", _("Kies bij minstens één zin een antwoord."))
            )
        if len(comment) > COMMENT_MAX:
            errors.append(
                (
                    "opmerking",
                    _("Uw tekst is te lang. Gebruik ten hoogste %(n)s tekens.", n=COMMENT_MAX),
                )
            )
        if not errors:
            if not service.answer(invitation.id, chosen, comment):
                db.session.rollback()
                db.session.refresh(invitation)
                if invitation.answered:
                    return render_template("survey/done.html")
                return _closed(invitation)  # it closed while the page was open
            db.session.commit()
            flash(_("Dank u wel. Wij hebben uw antwoorden ontvangen."), "info")
            return redirect(url_for("residents.index"), code=303)
    html = render_template(
        "survey/answer.html",
        questions=QUESTIONS,
        answers=ANSWERS,
        themes=THEMES,
        chosen=chosen,
        comment=comment,
        comment_max=COMMENT_MAX,
        errors=errors,
        button=button,
        closes_on=invitation.closes_on,
        language_switch_form="survey-form",
    )
    if switched:  # the language switch posted the answers chosen so far: shown again, kept
        return remember_language(make_response(html, 200), switched)
    return html, (400 if errors else 200)


def _closed(invitation):
    """After the last day: a page that says so; a post is refused (410) and nothing stored."""
    status = 410 if request.method == "POST" else 200
    return render_template("survey/closed.html", closes_on=invitation.closes_on), status


# -- staff: the figures ---------------------------------------------------------------------------


def _period() -> tuple[int, int | None, int | None, list[tuple[str, str]]]:
    """The year, quarter and team asked for; bad values fall back to this year, whole year,
    every team, with a message (never a 500)."""
    problems = []
    year, quarter, team_id = today().year, None, None
    raw_year = request.args.get("jaar", "").strip()
    if raw_year:
        if raw_year.isdigit() and 2000 <= int(raw_year) <= 2100:
            year = int(raw_year)
        else:
            problems.append(("jaar", _("Vul een jaar in met 4 cijfers, bijvoorbeeld 2026.")))
    raw_quarter = request.args.get("kwartaal", "").strip()
    if raw_quarter in ("1", "2", "3", "4"):
        quarter = int(raw_quarter)
    raw_team = request.args.get("team", "").strip()
    if raw_team.isdigit():
        team_id = int(raw_team)
    return year, quarter, team_id, problems


def _bounds(year: int, quarter: int | None) -> tuple[date, date]:
    if quarter is None:
        return date(year, 1, 1), date(year, 12, 31)
    return date(year, 3 * quarter - 2, 1), date(year, 3 * quarter - 2, 1)


def _role() -> str:
    return next(r for r in ROLES if current_user.has_role(r))


def _reads_texts() -> bool:
    return any(current_user.has_role(r) for r in TEXT_ROLES)


@bp.get("/tevredenheid")
@role_required(*ROLES)
def figures():
    year, quarter, team_id, problems = _period()
    first, last = _bounds(year, quarter)
    rows = service.aggregate(first, last, team_id)
    access.audit("read", "survey:figures", household_id=None, role=_role())
    cells = None
    if _reads_texts():
        cells = service.comments(first, last, team_id)
        access.audit("read", "survey:comments", household_id=None, role="policy_officer")
    db.session.commit()
    teams = db.session.execute(select(Team.id, Team.name).order_by(Team.name)).all()
    return render_template(
        "survey/figures.html",
        rows=rows,
        answers=ANSWERS,
        themes=THEMES,
        responses=service.responses(first, last, team_id),
        year=request.args.get("jaar", str(year)) if problems else str(year),
        quarter=quarter,
        team_id=team_id,
        teams=teams,
        errors=problems,
        cells=cells,
        quarter_label=service.quarter_label,
    ), (400 if problems else 200)


@bp.get("/tevredenheid.csv")
@role_required(*ROLES)
def export():
    year, quarter, team_id, problems = _period()
    if problems:
        return redirect(url_for("staff.survey.figures", **request.args), code=303)
    first, last = _bounds(year, quarter)
    rows = service.aggregate(first, last, team_id)
    access.audit("export", "survey:figures.csv", household_id=None, role=_role())
    db.session.commit()
    header = [_("vraag"), _("zin"), *(str(label) for _value, label in ANSWERS)]
    name = f"tevredenheid-{year}" + (f"-K{quarter}" if quarter else "") + ".csv"
    return Response(
        service.as_csv(rows, header),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/tevredenheid-opmerkingen.csv")
@role_required(*TEXT_ROLES)
def comments_export():
    """The free texts as on the page: redacted, only cells with at least 5 responses."""
    year, quarter, team_id, problems = _period()
    if problems:
        return redirect(url_for("staff.survey.figures", **request.args), code=303)
    first, last = _bounds(year, quarter)
    cells = service.comments(first, last, team_id)
    access.audit("export", "survey:comments.csv", household_id=None, role="policy_officer")
    db.session.commit()
    header = [_("kwartaal"), _("team"), _("opmerking")]
    name = f"tevredenheid-opmerkingen-{year}" + (f"-K{quarter}" if quarter else "") + ".csv"
    return Response(
        service.comments_csv(cells, header, _("Geen team")),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
