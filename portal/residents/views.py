"""Routes of the resident pages (blueprint `residents`, prefix /mijn)."""

from __future__ import annotations

import hmac
import secrets

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _

from portal import clock
from portal.documents import service as documents
from portal.extensions import db
from portal.households import assignment, sensitivity
from portal.households import representation as rep
from portal.households.models import Consent
from portal.models import HouseholdMember
from portal.plans.render_docx import DOCX_MEDIA_TYPE
from portal.residents import acting, identity, mine, plan, sharing
from portal.residents import attach as attaching
from portal.residents import session as resident_session
from portal.residents.forms import AttachForm, ButtonForm
from portal.residents.models import YouthDataConsent
from portal.residents.session import public, resident_required
from portal.security import content_security_policy
from portal.survey import service as survey

bp = Blueprint("residents", __name__, url_prefix="/mijn")

NO_STORE = {"Cache-Control": "no-store"}
LOGOUT_STATE = "resident_logout_state"


@bp.after_request
def no_store(response: Response) -> Response:
    # Personal data: never kept in a browser or proxy cache (the back button after log-out).
    response.headers["Cache-Control"] = "no-store"
    acting.audit_request(response)  # someone acting for a resident: "X namens Y" (issue #19)
    if response.mimetype == "text/html" and session.get(resident_session.TOKEN):
        # The log-out button posts here and we redirect to the broker's log-out: browsers
        # check that redirect against the page's form-action, so the broker is allowed there.
        broker = identity.form_action_source()
        if broker:
            response.headers["Content-Security-Policy"] = content_security_policy(broker)
    return response


# -- log-in ---------------------------------------------------------------------------------------


@bp.get("/inloggen")
@public
def login():
    if resident_session.current() is not None:
        return redirect(url_for("residents.index"), code=303)
    configured = (
        bool(current_app.config.get("OIDC_ISSUER"))
        or current_app.config.get("ENV_MODE") == "development"
    )
    return render_template(
        "residents/login.html", configured=configured, test_login=identity.is_test_login()
    )


@bp.get("/inloggen/digid")
@public
def start_login():
    """To the broker (a link, not a form: the CSP's form-action allows only this site)."""
    if identity.client() is None:
        abort(404)
    return identity.redirect_to_broker(url_for("residents.callback", _external=True))


@bp.get("/inloggen/terug")
@public
def callback():
    try:
        login = identity.login_from_callback()
    except identity.LoginFailed as failure:
        current_app.logger.info("resident log-in refused: %s", failure)
        messages = {
            "cancelled": _("U heeft het inloggen afgebroken. U bent niet ingelogd."),
            "no_bsn": _("Wij kregen uw BSN niet goed van DigiD. U bent niet ingelogd."),
            "machtiging": _(
                "Wij kunnen deze DigiD Machtiging hier niet gebruiken. U bent niet ingelogd. "
                "Log in met uw eigen DigiD, of vraag de gemeente om hulp."
            ),
        }
        message = messages.get(
            failure.reason, _("Het inloggen is niet gelukt. Probeer het opnieuw.")
        )
        return render_template("residents/login_failed.html", message=message), 400
    acting_for = None
    if login.representee is not None:
        acting_for = acting.start_digid_machtigen(login.bsn, login.representee, login.service_id)
        db.session.commit()
    resident_session.start(login.bsn, acting_for)
    return redirect(url_for("residents.index"), code=303)


@bp.post("/uitloggen")
@resident_required
def logout():
    """Our session ends first, always; then the broker's (RP-Initiated Logout), if it has one."""
    if not ButtonForm().validate():
        abort(400)
    resident_session.end()
    endpoint = identity.end_session_endpoint()
    if endpoint is None:
        return redirect(url_for("residents.logged_out"), code=303)
    state = secrets.token_urlsafe(32)
    session[LOGOUT_STATE] = state
    back = url_for("residents.logged_out", _external=True)
    return redirect(identity.end_session_url(endpoint, back, state), code=303)


@bp.get("/uitgelogd")
@public
def logged_out():
    """ "U bent uitgelogd". It says "also at DigiD" only when the broker sent back our state."""
    expected = session.pop(LOGOUT_STATE, None)
    if resident_session.current() is not None:  # logged in (again): this page would be untrue
        return redirect(url_for("residents.index"), code=303)
    given = request.args.get("state")
    at_broker = bool(isinstance(expected, str) and given and hmac.compare_digest(expected, given))
    return render_template("residents/logged_out.html", at_broker=at_broker)


# -- Mijn aanvraag --------------------------------------------------------------------------------


@bp.get("/")
@resident_required
def index():
    bsn = g.resident_bsn
    households = []
    for household_id in mine.household_ids(bsn):
        household = db.session.get(mine.Household, household_id)
        me = mine.me_in(household, bsn)
        hidden = mine.hidden_members(household, bsn)
        households.append(
            {
                "household": household,
                "intakes": mine.intakes(household, bsn),
                "contact": mine.contact(household, bsn, remember=True),
                "consents": mine.consents(household),
                "plans": plan.versions(household),
                "youth": _youth_choice(household, me),
                "hidden_note": bool(hidden),
                "shared_note": mine.more_than_one_adult(household),
                "may_decide": mine.may_decide(household, bsn),
                "sharing": _sharing_choice(household, me, bsn),
                # what the contact person asked this resident for (docs/documents.md)
                "asked": documents.requests_of(household_id, member_ids=[me.id], open_only=True)
                if me is not None
                else [],
            }
        )
    return render_template(
        "residents/index.html",
        households=households,
        elsewhere=mine.sent_elsewhere(bsn),
        # the Wmo survey's open invitations (docs/survey.md)
        surveys=survey.open_invitations(bsn),
        button=ButtonForm(),
        act_choices=None if acting.current() else _act_choices(g.actor_bsn),
    )


# -- acting for someone else (issue #19) ---------------------------------------------------------


def _children_under_16(bsn: str) -> list[HouseholdMember]:
    """Children of households where this resident decides (a verified adult) who do not yet
    decide alone (under 16): a parent may act for them."""
    found = []
    for household_id in mine.household_ids(bsn):
        household = db.session.get(mine.Household, household_id)
        if not mine.may_decide(household, bsn):
            continue
        found += [
            m
            for m in household.members
            if m.role == "child" and m.bsn != bsn and not mine.decides_own_youth_data(m)
        ]
    return found


def _act_choices(bsn: str) -> dict:
    day = mine.today()
    written = []
    for row in rep.written_for(bsn):
        member = db.session.get(HouseholdMember, row.member_id) if row.member_id else None
        refused = rep.refusal(row, day)
        written.append(
            {
                "row": row,
                "name": rep.member_name(member) or _("iemand"),
                "kind": rep.ALL_KINDS.get(row.kind, row.kind),
                "refused": acting.refusal_text(refused, rep.member_name(member))
                if refused
                else None,
            }
        )
    children = [{"member": m, "name": rep.member_name(m)} for m in _children_under_16(bsn)]
    return {"written": written, "children": children}


@bp.post("/namens")
@resident_required
def act_for():
    """Start acting for someone: a written authorisation naming this resident, or their child
    under 16. Refused clearly when the authorisation no longer holds."""
    if not ButtonForm().validate():
        abort(400)
    actor = g.actor_bsn
    representation_id = request.form.get("machtiging", type=int)
    child_id = request.form.get("kind", type=int)
    chosen = None
    if representation_id is not None:
        row = db.session.get(rep.Representation, representation_id)
        if row is None or row.representative_bsn != actor or row.source != rep.WRITTEN:
            abort(404)
        chosen = row.id
    elif child_id is not None:
        child = next((m for m in _children_under_16(actor) if m.id == child_id), None)
        if child is None:
            abort(404)
        chosen = acting.start_parent(actor, child)
        db.session.commit()
    else:
        abort(400)
    try:
        found = acting.load(chosen, actor)
    except acting.Refused as refused:
        flash(refused.message, "warning")
        return redirect(url_for("residents.index", _anchor="namens"), code=303)
    resident_session.act_for(chosen)
    flash(_("U handelt nu namens %(name)s.", name=found.name_for_banner), "info")
    if not found.allows(rep.READ):
        return redirect(url_for("intake.start"), code=303)
    return redirect(url_for("residents.index"), code=303)


@bp.post("/namens/stoppen")
@resident_required
def stop_acting():
    if not ButtonForm().validate():
        abort(400)
    resident_session.act_for(None)
    g.pop("acting", None)
    flash(_("U handelt weer voor uzelf."), "info")
    return redirect(url_for("residents.index"), code=303)


def _sharing_choice(household, me: HouseholdMember | None, bsn: str) -> dict | None:
    """For an adult who decides for themselves, in a household with another adult: which of
    what they told the others may see (per domain)."""
    if me is None or not mine.may_decide(household, bsn) or not mine.more_than_one_adult(household):
        return None
    return {
        "household_id": household.id,
        "offered": sharing.offered(household),
        "chosen": sharing.shared_domains(household).get(me.id, frozenset()),
        "protected": sensitivity.protected(household),
    }


@bp.post("/delen-met-huishouden")
@resident_required
def share_with_household():
    """The logged-in adult chooses which domains of what they told the others may see."""
    if not ButtonForm().validate():
        abort(400)
    household_id = request.form.get("huishouden", type=int)
    if household_id is None or household_id not in mine.household_ids(g.resident_bsn):
        abort(404)
    household = db.session.get(mine.Household, household_id)
    me = mine.me_in(household, g.resident_bsn)
    if _sharing_choice(household, me, g.resident_bsn) is None:
        abort(403)
    offered = set(sharing.offered(household))
    wanted = {d for d in request.form.getlist("domein") if d in offered}
    given, withdrawn = sharing.set_shared(me.id, wanted, clock.now())
    for domain in sorted(given):
        assignment.log(household.id, None, "consent", f"Delen met het huishouden: {domain}")
    for domain in sorted(withdrawn):
        assignment.log(
            household.id, None, "consent_withdrawn", f"Niet meer delen met het huishouden: {domain}"
        )
    db.session.commit()
    flash(_("Wij hebben uw keuze bewaard."), "info")
    return redirect(url_for("residents.index", _anchor="delen"), code=303)


def _youth_choice(household, me: HouseholdMember | None) -> dict | None:
    """For a member of 16+ with youth care: whether the others may see it."""
    if acting.current() is not None:
        return None  # the young person decides this themselves
    if me is None or me.id not in mine.youth_care_members(household):
        return None
    if not mine.decides_own_youth_data(me):
        return None
    return {"member": me, "consent": mine.youth_consent(me.id)}


@bp.get("/wie-bekeek-mijn-gegevens")
@resident_required
def looks():
    bsn = g.resident_bsn
    households = [
        {"household_id": household_id, "looks": mine.looks(household_id, bsn)}
        for household_id in mine.household_ids(bsn)
    ]
    return render_template("residents/looks.html", households=households)


# -- attach an intake ----------------------------------------------------------------------------


@bp.route("/koppelen", methods=["GET", "POST"])
@resident_required
def attach():
    form = AttachForm()
    refused = None
    if request.method == "POST" and form.validate():
        try:
            intake = attaching.attach(g.resident_bsn, form.reference.data, form.code.data)
        except attaching.AttachRefused as error:
            refused = {
                "locked": _(
                    "Deze aanvraag is even op slot, omdat de code te vaak niet klopte. "
                    "Probeer het over 30 minuten opnieuw, of vraag hulp aan het loket."
                ),
                "too_many": _(
                    "U heeft te vaak een verkeerd nummer of een verkeerde code ingevuld. "
                    "Probeer het over 30 minuten opnieuw, of vraag hulp aan het loket."
                ),
            }.get(
                error.reason,
                _("Het nummer of de code klopt niet. Controleer wat u invulde."),
            )
        else:
            flash(
                _("Uw aanvraag %(reference)s staat nu op deze pagina.", reference=intake.reference),
                "info",
            )
            return redirect(url_for("residents.index"), code=303)
    status = 400 if (form.errors or refused) else 200
    items = [(None, refused)] if refused else []
    items += [(field.id, field.errors[0]) for field in (form.reference, form.code) if field.errors]
    return render_template("residents/attach.html", form=form, error_list=items), status


# -- consent -------------------------------------------------------------------------------------


def _own_consent(consent_id: int) -> Consent:
    """A consent of a household this resident may speak for (`mine.may_decide`); any other is
    not found, so a guessed id tells nothing."""
    record = db.session.get(Consent, consent_id)
    if record is None or record.household_id not in mine.household_ids(g.resident_bsn):
        abort(404)
    if not mine.may_decide(db.session.get(mine.Household, record.household_id), g.resident_bsn):
        abort(404)
    return record


@bp.route("/toestemming/<int:consent_id>/intrekken", methods=["GET", "POST"])
@resident_required
def withdraw_consent(consent_id: int):
    record = _own_consent(consent_id)
    form = ButtonForm()
    if record.withdrawn_at is not None:
        flash(_("Deze toestemming was al ingetrokken."), "info")
        return redirect(url_for("residents.index"), code=303)
    if request.method == "POST":
        if not form.validate():
            abort(400)
        record.withdrawn_at = clock.now()
        record.withdrawn_by_id = None
        assignment.log(
            record.household_id,
            None,
            "consent_withdrawn",
            f"{record.organisation} (ingetrokken door de inwoner via Mijn aanvraag)",
        )
        db.session.commit()
        flash(
            _(
                "U heeft uw toestemming ingetrokken. Wij delen niets meer met %(organisation)s.",
                organisation=record.organisation,
            ),
            "info",
        )
        return redirect(url_for("residents.index"), code=303)
    return render_template("residents/withdraw.html", consent=record, form=form)


@bp.post("/jeugdhulp-delen")
@resident_required
def youth_consent():
    """A member of 16+ lets the others in the household see their youth-care data, or stops."""
    form = ButtonForm()
    if not form.validate():
        abort(400)
    member_id = request.form.get("member", type=int)
    member = db.session.get(HouseholdMember, member_id) if member_id else None
    # Only the member themselves decides: the id in the form must be the logged-in person.
    if member is None or member.bsn != g.resident_bsn:
        abort(404)
    if not mine.decides_own_youth_data(member):
        abort(404)
    current = mine.youth_consent(member.id)
    if request.form.get("keuze") == "delen" and current is None:
        db.session.add(YouthDataConsent(member_id=member.id, given_at=clock.now()))
        assignment.log(
            member.household_id,
            None,
            "consent",
            "Jeugdhulp: delen met het huishouden (door de jongere zelf)",
        )
        flash(_("De anderen in uw huishouden zien nu ook uw jeugdhulp."), "info")
    elif request.form.get("keuze") == "niet-delen" and current is not None:
        current.withdrawn_at = clock.now()
        assignment.log(
            member.household_id,
            None,
            "consent_withdrawn",
            "Jeugdhulp: niet meer delen met het huishouden (door de jongere zelf)",
        )
        flash(_("De anderen in uw huishouden zien uw jeugdhulp niet meer."), "info")
    db.session.commit()
    return redirect(url_for("residents.index", _anchor="jeugdhulp"), code=303)


# -- the plan ------------------------------------------------------------------------------------


def _snapshot_for(version) -> dict:
    """The resident's copy: what another member told that is not theirs is left out, on the
    page and in the .docx alike (`plan.filtered`)."""
    household = db.session.get(mine.Household, version.household_id)
    me = mine.me_in(household, g.resident_bsn)
    return plan.filtered(
        version.snapshot or {},
        mine.hidden_members(household, g.resident_bsn),
        viewer_id=me.id if me else None,
        protected=sensitivity.protected(household),
        shared=sharing.shared_domains(household),
        decides_alone=mine.deciding_alone(household),
        as_representative=bool((found := acting.current()) and found.representative),
        regimes=found.regimes if found else None,
    )


@bp.get("/plan/<int:version_id>")
@resident_required
def plan_page(version_id: int):
    version = plan.version_or_404(g.resident_bsn, version_id)
    household = db.session.get(mine.Household, version.household_id)
    return render_template(
        "residents/plan.html",
        version=version,
        snapshot=_snapshot_for(version),
        button=ButtonForm(),
        may_decide=mine.may_decide(household, g.resident_bsn),
        shared_note=mine.more_than_one_adult(household),
    )


@bp.get("/plan/<int:version_id>/ondersteuningsplan.docx")
@resident_required
def plan_docx(version_id: int):
    from portal.plans.render_docx import docx_bytes

    version = plan.version_or_404(g.resident_bsn, version_id)
    language = str(get_locale() or "nl")
    body = docx_bytes(_snapshot_for(version), language)
    name = f"ondersteuningsplan-versie-{version.number}.docx"
    return Response(
        body,
        mimetype=DOCX_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}"', **NO_STORE},
    )


@bp.post("/plan/<int:version_id>/akkoord")
@resident_required
def plan_agree(version_id: int):
    from portal.plans import service

    version = plan.version_or_404(g.resident_bsn, version_id)
    if not ButtonForm().validate():
        abort(400)
    if not mine.may_decide(db.session.get(mine.Household, version.household_id), g.resident_bsn):
        abort(403)
    if version.agreed_at is None:
        try:
            service.record_agreement(version, channel="online")
        except service.AgreementRefused:
            db.session.rollback()
        else:
            db.session.commit()
            flash(_("Dank u. Wij hebben vastgelegd dat u akkoord bent met dit plan."), "info")
    return redirect(url_for("residents.plan_page", version_id=version.id), code=303)


@bp.app_context_processor
def resident_context() -> dict:
    logged_in = bool(session.get(resident_session.TOKEN))
    return {
        "resident_logged_in": logged_in,
        # "U handelt namens …" on every page while acting for someone (issue #19)
        "acting_banner": acting.banner() if logged_in else None,
    }
