"""Household pages for staff: my households, the household file, notes, stuck flag, consent,
handover, the admin's reason of access, and team beheer. Access: portal.households.access;
every read and change writes an audit row."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal import clock, escalations, handoff
from portal.extensions import db
from portal.households import (
    access,
    assignment,
    household_file,
    meldcode,
    moves,
    representation,
    sensitivity,
)
from portal.households.forms import (
    AccessReasonForm,
    ButtonForm,
    ConsentForm,
    HandoverForm,
    MeldcodeStepForm,
    MembershipForm,
    MoveMemberForm,
    NoteForm,
    ProtectForm,
    RepresentationForm,
    StuckForm,
    TeamForm,
    check_representation,
    representation_choices,
)
from portal.households.models import (
    Consent,
    HouseholdCase,
    Team,
    TeamMembership,
    TeamPostcodeRange,
)
from portal.intake_form.fields import options
from portal.models import Household, HouseholdMember, StaffMember
from portal.services import assignments, members
from portal.services import meldcode as meldcode_steps
from portal.staff import versions as record_versions
from portal.staff.session_guard import role_required

# Nested in the staff blueprint by create_app: endpoints staff.households.*, under /medewerkers.
bp = Blueprint("households", __name__)

FILE_ROLES = ("contact_person", "team_lead", "admin")
CHANGE_ROLES = ("contact_person", "team_lead")


def _to_file(household_id: int, anchor: str | None = None):
    return redirect(
        url_for("staff.households.file_page", household_id=household_id, _anchor=anchor),
        code=303,
    )


def _saved_household(household: Household) -> list[tuple[str, str]]:
    """The household's data as saved now, for the conflict page: protection, stuck flag and
    members (what the version of a household covers)."""
    db.session.refresh(household)  # what another session committed, not what this one read
    case = db.session.get(HouseholdCase, household.id, populate_existing=True)
    if household.protected_since:
        protected = _(
            "Ja, sinds %(date)s: %(reason)s",
            date=household.protected_since.strftime("%d-%m-%Y"),
            reason=household.protected_reason or "",
        )
    else:
        protected = _("Nee")
    names = [
        " ".join(p for p in (m.given_name, m.family_name) if p) or f"#{m.id}"
        for m in household.members
    ]
    return [
        (_("Afgeschermd door een medewerker"), protected),
        (_("Zaak zit vast"), case.stuck_reason if case and case.stuck_reason else _("Nee")),
        (_("Leden van het huishouden"), ", ".join(names)),
    ]


def _conflict(household: Household, title: str, form_template: str, **forms):
    """409: someone changed the household after this form was opened. The form comes back with
    what was typed and the current version, beside what is saved now (issue #14)."""
    db.session.rollback()  # give back anything this request did before it saw the conflict
    household = db.session.get(Household, household.id)
    saved = _saved_household(household)
    context = {"stuck_form": StuckForm(), "button": ButtonForm(), **forms}
    return render_template(
        "households/conflict.html",
        household=household,
        title=title,
        form_template=form_template,
        saved=saved,
        error_list=[(None, record_versions.conflict_message())],
        case=db.session.get(HouseholdCase, household.id),
        **context,
    ), 409


@bp.get("/huishoudens")
@role_required("contact_person", "team_lead")
def index():
    rows = access.visible_households()
    role = "contact_person" if current_user.has_role("contact_person") else "team_lead"
    access.audit_list((h.id for h, _a, _r in rows), "households.index", role=role)
    db.session.commit()
    loads = {}
    for _household, active, _role in rows:
        if active is not None:
            loads.setdefault(active.staff_id, assignment.caseload(active.staff_id))
    return render_template("households/index.html", rows=rows, loads=loads)


@bp.get("/huishoudens/<int:household_id>")
@role_required(*FILE_ROLES)
def file_page(household_id: int):
    if current_user.has_role("admin") and access.role_for(household_id) is None:
        if db.session.get(Household, household_id) is None:
            abort(404)
        return redirect(url_for("staff.households.reason", household_id=household_id))
    household, role = access.household_or_404(household_id)
    access.audit("read", f"household:{household_id}", household_id=household_id, role=role)
    db.session.commit()
    return render_template(
        "households/file.html",
        household=household,
        role=role,
        view=household_file.build(household),
        note_form=NoteForm(),
        stuck_form=StuckForm(),
        consent_form=ConsentForm(),
        button=ButtonForm(),
        move_form=_move_form(household),
        meldcode_form=_meldcode_form(),
        meldcode_steps=meldcode.checklist(household) if meldcode.applies(household) else None,
        meldcode_outcomes=meldcode.OUTCOMES,
        zaken=handoff.zaken_of(household.id),
        protect_form=ProtectForm(),
        protection=sensitivity.protection_reasons(household),
        handoff_waiting=handoff.waiting(household.id),
        filed_by=representation.filed_by,  # "ingediend door X namens Y" (issue #19)
        escalations=escalations.of_household(household.id),
        escalation_timer=escalations.timer,
    )


def _move_form(household: Household) -> MoveMemberForm:
    form = MoveMemberForm()
    form.member.choices = options(
        (m.id, " ".join(p for p in (m.given_name, m.family_name) if p) or str(m.id))
        for m in household.members
    )
    return form


MOVE_REFUSED = {
    "reason": lambda: _("Schrijf waarom deze persoon weggaat."),
    "last_member": lambda: _(
        "Deze persoon kan niet weg: dan blijft het huishouden leeg of zonder aanvrager."
    ),
    "same": lambda: _("Deze persoon hoort al bij dit huishouden."),
}


@bp.post("/huishoudens/<int:household_id>/lid-verhuizen")
@role_required(*CHANGE_ROLES)
def move_member(household_id: int):
    household, role = access.household_or_404(household_id, change=True)
    form = _move_form(household)
    if record_versions.stale(household.version):
        # before the member check: the member may have been moved by someone else meanwhile
        return _conflict(
            household,
            _("Iemand gaat naar een ander huishouden"),
            "households/_move_form.html",
            move_form=form,
        )
    # The member must belong to this household (ids in the form are not trusted).
    member = db.session.get(HouseholdMember, form.member.data or 0)
    if member is None or member.household_id != household.id:
        abort(404)
    if not form.validate():
        errors = form.reason.errors or form.destination.errors or form.target.errors
        flash(errors[0] if errors else _("Schrijf waarom deze persoon weggaat."), "error")
        return _to_file(household_id)
    target = None
    if form.destination.data == "existing":
        if not form.target.data:
            flash(_("Vul het nummer van het andere huishouden in."), "error")
            return _to_file(household_id)
        # The same rule as for the file: a household you may not change answers 404.
        target, _target_role = access.household_or_404(form.target.data, change=True)
    if not record_versions.claim(household):
        return _conflict(
            household,
            _("Iemand gaat naar een ander huishouden"),
            "households/_move_form.html",
            move_form=form,
        )
    try:
        change, target = members.move(member, target, reason=form.reason.data, by=current_user)
    except moves.MoveRefused as refused:
        db.session.rollback()
        flash(MOVE_REFUSED[str(refused)](), "error")
        return _to_file(household_id)
    record_versions.bump(target)  # a member joined: forms open on that household are stale
    access.audit(
        "change",
        f"household_membership_change:{change.id}",
        household_id=household_id,
        role=role,
    )
    db.session.commit()
    flash(_("De persoon hoort nu bij huishouden %(id)s.", id=target.id))
    return _to_file(household_id)


@bp.post("/huishoudens/<int:household_id>/notitie")
@role_required(*CHANGE_ROLES)
def note(household_id: int):
    _household, role = access.household_or_404(household_id, change=True)
    form = NoteForm()
    if not form.validate():
        flash(_("Schrijf wat u wilt vastleggen."), "error")
        return _to_file(household_id)
    entry = assignment.log(household_id, current_user.id, form.kind.data, form.body.data.strip())
    db.session.flush()
    access.audit("change", f"case_log_entry:{entry.id}", household_id=household_id, role=role)
    db.session.commit()
    flash(_("Vastgelegd in het logboek."))
    return _to_file(household_id)


@bp.post("/huishoudens/<int:household_id>/vastgelopen")
@role_required(*CHANGE_ROLES)
def stuck(household_id: int):
    household, role = access.household_or_404(household_id, change=True)
    form = StuckForm()
    if not form.validate():
        flash(_("Schrijf waarom de zaak vastzit."), "error")
        return _to_file(household_id)
    if not record_versions.claim(household):
        return _conflict(
            household, _("Zaak vastgelopen"), "households/_stuck_form.html", stuck_form=form
        )
    case = db.session.get(HouseholdCase, household_id) or HouseholdCase(household_id=household_id)
    case.stuck_reason = form.reason.data.strip()
    case.stuck_since = clock.now()
    db.session.add(case)
    assignment.log(household_id, current_user.id, "stuck", case.stuck_reason)
    access.audit("change", "household_case:stuck", household_id=household_id, role=role)
    db.session.commit()
    return _to_file(household_id)


@bp.post("/huishoudens/<int:household_id>/vastgelopen/opheffen")
@role_required(*CHANGE_ROLES)
def unstuck(household_id: int):
    household, role = access.household_or_404(household_id, change=True)
    if not ButtonForm().validate():
        abort(400)
    if record_versions.stale(household.version):
        return _conflict(household, _("Zaak vastgelopen"), "households/_stuck_form.html")
    case = db.session.get(HouseholdCase, household_id)
    if case is not None and case.stuck_reason:
        if not record_versions.claim(household):
            return _conflict(household, _("Zaak vastgelopen"), "households/_stuck_form.html")
        case.stuck_reason = None
        case.stuck_since = None
        assignment.log(household_id, current_user.id, "unstuck", "")
        access.audit("change", "household_case:unstuck", household_id=household_id, role=role)
        db.session.commit()
    return _to_file(household_id)


@bp.post("/huishoudens/<int:household_id>/toestemming")
@role_required(*CHANGE_ROLES)
def consent(household_id: int):
    _household, role = access.household_or_404(household_id, change=True)
    form = ConsentForm()
    if not form.validate():
        flash(_("Vul de organisatie en het doel in."), "error")
        return _to_file(household_id)
    record = Consent(
        household_id=household_id,
        organisation=form.organisation.data.strip(),
        purpose=form.purpose.data.strip(),
        given_at=clock.now(),
        recorded_by_id=current_user.id,
    )
    db.session.add(record)
    db.session.flush()
    assignment.log(household_id, current_user.id, "consent", record.organisation)
    access.audit("change", f"consent:{record.id}", household_id=household_id, role=role)
    db.session.commit()
    return _to_file(household_id)


@bp.post("/huishoudens/<int:household_id>/meldcode")
@role_required(*CHANGE_ROLES)
def meldcode_step(household_id: int):
    household, role = access.household_or_404(household_id, change=True)
    form = _meldcode_form()
    if not form.validate():
        errors = [e for field in form for e in field.errors]
        flash(errors[0] if errors else _("Vul wie, wanneer en wat is besloten in."), "error")
        return _to_file(household_id, "meldcode")
    try:
        row = meldcode_steps.record(
            household,
            step=form.step.data,
            who=form.who.data,
            done_on=form.done_on.data,
            decision=form.decision.data,
            outcome=form.outcome.data or None,
            by=current_user,
        )
    except meldcode.StepRefused as refused:
        db.session.rollback()
        flash(MELDCODE_REFUSED.get(str(refused), MELDCODE_REFUSED["empty"])(), "error")
        return _to_file(household_id, "meldcode")
    access.audit("change", f"meldcode_step:{row.id}", household_id=household_id, role=role)
    db.session.commit()
    flash(_("Meldcode stap %(step)s vastgelegd.", step=row.step))
    return _to_file(household_id, "meldcode")


def _meldcode_form() -> MeldcodeStepForm:
    form = MeldcodeStepForm()
    form.step.choices = [(n, f"{n}. {title}") for n, (title, _help) in meldcode.STEPS.items()]
    return form


MELDCODE_REFUSED = {
    "step": lambda: _("Deze stap bestaat niet."),
    "empty": lambda: _("Vul wie, wanneer en wat is besloten in."),
    "future": lambda: _("De datum ligt in de toekomst. Leg een stap vast als die gezet is."),
    "outcome": lambda: _("Kies bij stap 5: hulp organiseren, melden, of allebei."),
}


@bp.post("/huishoudens/<int:household_id>/toestemming/<int:consent_id>/intrekken")
@role_required(*CHANGE_ROLES)
def withdraw_consent(household_id: int, consent_id: int):
    _household, role = access.household_or_404(household_id, change=True)
    record = db.session.get(Consent, consent_id)
    if record is None or record.household_id != household_id:
        abort(404)
    if not ButtonForm().validate():
        abort(400)
    if record.withdrawn_at is None:
        record.withdrawn_at = clock.now()
        record.withdrawn_by_id = current_user.id
        assignment.log(household_id, current_user.id, "consent_withdrawn", record.organisation)
        access.audit("change", f"consent:{record.id}", household_id=household_id, role=role)
        db.session.commit()
    return _to_file(household_id)


@bp.route("/huishoudens/<int:household_id>/overdragen", methods=["GET", "POST"])
@role_required("team_lead")
def handover(household_id: int):
    household, role = access.household_or_404(household_id, change=True)
    if role != "team_lead":
        abort(404)
    current = assignment.active_assignment(household_id)
    team = assignment.household_team(household)
    form = HandoverForm()
    people = assignment.candidates(team, urgent=False) if team else []
    form.to.choices = options(
        (p.id, f"{p.display_name} ({assignment.caseload(p.id)})")
        for p in people
        if current is None or p.id != current.staff_id
    )
    saved = None
    if request.method == "POST":
        # The assignment's version is the id of the active one: every handover starts a new row.
        # stale first: the choices leave out who has it now, so a stale choice can be invalid
        if record_versions.stale(current.id if current else 0):
            saved = _saved_assignment(current)
        elif form.validate():
            person = db.session.get(StaffMember, form.to.data)
            try:
                assignments.hand_over(household_id, person, by=current_user, note=form.note.data)
            except assignment.HandoverRefused:
                abort(400)
            except IntegrityError:
                # another handover of this household committed between our read and our write
                db.session.rollback()
                current = assignment.active_assignment(household_id)
                saved = _saved_assignment(current)
            access.audit(
                "change", "contact_assignment:handover", household_id=household_id, role=role
            )
            db.session.commit()
            flash(_("De zaak is overgedragen."))
            return redirect(url_for("staff.households.index"), code=303)
    else:
        access.audit("read", "households.handover", household_id=household_id, role=role)
        db.session.commit()
    items = [(field.id, field.errors[0]) for field in form if field.errors]
    status = 400 if items else 200
    if saved is not None:
        items, status = [(None, record_versions.conflict_message())], 409
    return render_template(
        "households/handover.html",
        household=household,
        form=form,
        error_list=items,
        current=current,
        saved=saved,
    ), status


def _saved_assignment(current) -> list[tuple[str, str]]:
    if current is None:
        return [(_("Contactpersoon"), _("Nog geen contactpersoon."))]
    items = [(_("Contactpersoon"), current.staff.display_name)]
    if current.note:
        items.append((_("Overdrachtsnotitie"), current.note))
    return items


@bp.route("/huishoudens/<int:household_id>/inzage", methods=["GET", "POST"])
@role_required("admin", "team_lead")
def reason(household_id: int):
    """Break-the-glass: an admin reads any file, a team lead a protected one of their team,
    only after giving a reason, which is logged with every read it allows."""
    household = db.session.get(Household, household_id)
    if household is None:
        abort(404)
    as_lead = access.role_for(household_id) == "team_lead"
    if not current_user.has_role("admin") and not as_lead:
        abort(404)
    role = "team_lead" if as_lead else "admin"
    form = AccessReasonForm()
    if request.method == "POST" and form.validate():
        granted = access.grant(household_id, form.reason.data.strip())
        access.audit("change", f"access_grant:{granted.id}", household_id=household_id, role=role)
        db.session.commit()
        return _to_file(household_id)
    items = [(field.id, field.errors[0]) for field in form if field.errors]
    return render_template(
        "households/reason.html",
        household_id=household_id,
        form=form,
        error_list=items,
        minutes=access.admin_minutes(),
        protected=sensitivity.protected(household),
        as_lead=as_lead,
    ), (400 if items else 200)


@bp.post("/huishoudens/<int:household_id>/afschermen")
@role_required(*FILE_ROLES)
def protect(household_id: int):
    """Staff protect the household (with a reason), or lift their own protection again; a
    protection that comes from the resident's safety answers stays."""
    household, role = access.household_or_404(household_id, change=True)
    form = ProtectForm()
    if not form.validate():
        flash(_("Schrijf waarom u het huishouden afschermt of de afscherming opheft."), "warning")
        return _to_file(household_id, "afscherming")
    if not record_versions.claim(household):
        return _conflict(
            household, _("Afscherming"), "households/_protect_form.html", protect_form=form
        )
    text = form.reason.data.strip()
    if form.lift.data:
        household.protected_since = household.protected_reason = household.protected_by_id = None
        assignment.log(household_id, current_user.id, "event", f"Afscherming opgeheven: {text}")
        flash(_("De afscherming door een medewerker is opgeheven."), "info")
    else:
        household.protected_since = clock.now()
        household.protected_reason = text
        household.protected_by_id = current_user.id
        assignment.log(household_id, current_user.id, "event", f"Huishouden afgeschermd: {text}")
        flash(_("Het huishouden is afgeschermd."), "info")
    access.audit(
        "change", f"household:{household_id}:protection", household_id=household_id, role=role
    )
    db.session.commit()
    return _to_file(household_id, "afscherming")


@bp.route("/beheer/teams", methods=["GET", "POST"])
@role_required("admin")
def teams():
    team_form = TeamForm(prefix="team")
    member_form = MembershipForm(prefix="member")
    all_teams = list(db.session.scalars(select(Team).order_by(Team.name)))
    staff = list(db.session.scalars(select(StaffMember).order_by(StaffMember.display_name)))
    member_form.team.choices = options((t.id, t.name) for t in all_teams)
    member_form.staff.choices = options((p.id, f"{p.display_name} ({p.email})") for p in staff)
    if request.method == "POST":
        name = (team_form.name.data or "").strip()
        adding = "team-name" in request.form and team_form.validate()
        if adding and db.session.scalars(select(Team).where(Team.name == name)).first():
            team_form.name.errors = [_("Er is al een team met deze naam.")]
            adding = False
        if adding:
            team = Team(name=name, is_fallback=team_form.is_fallback.data)
            team.ranges = [TeamPostcodeRange(start=a, end=b) for a, b in team_form.parsed_ranges()]
            db.session.add(team)
            db.session.commit()
            flash(_("Team toegevoegd."))
            return redirect(url_for("staff.households.teams"), code=303)
        if "member-staff" in request.form and member_form.validate():
            membership = db.session.get(TeamMembership, member_form.staff.data) or TeamMembership(
                staff_id=member_form.staff.data
            )
            membership.team_id = member_form.team.data
            membership.leads = member_form.leads.data
            membership.available = member_form.available.data
            db.session.add(membership)
            db.session.commit()
            flash(_("Teamlid opgeslagen."))
            return redirect(url_for("staff.households.teams"), code=303)
    memberships = {m.staff_id: m for m in db.session.scalars(select(TeamMembership))}
    items = [
        (field.id, field.errors[0])
        for form in (team_form, member_form)
        for field in form
        if field.errors
    ]
    return render_template(
        "households/teams.html",
        teams=all_teams,
        staff=staff,
        memberships=memberships,
        team_form=team_form,
        member_form=member_form,
        error_list=items,
    ), (400 if items else 200)


# -- written authorisations: someone acting for a resident (issue #19) ---------------------------


def _representation_form(household: Household) -> RepresentationForm:
    form = representation_choices(RepresentationForm())
    form.member.choices = options(
        [(m.id, representation.member_name(m) or str(m.id)) for m in household.members if m.bsn]
    )
    return form


@bp.route("/huishoudens/<int:household_id>/machtigingen", methods=["GET", "POST"])
@role_required(*CHANGE_ROLES)
def representations(household_id: int):
    """Register a written authorisation after checking the representative's ID, and see and
    withdraw the household's authorisations. The contact person and the team lead only."""
    from portal.dutch_time import today

    household, role = access.household_or_404(household_id, change=True)
    form = _representation_form(household)
    if request.method == "POST" and form.validate():
        member = db.session.get(HouseholdMember, form.member.data)
        if member is None or member.household_id != household.id:
            form.member.errors.append(_("Kies namens wie deze persoon handelt."))
        bsn = check_representation(form, member.bsn if member else None)
        if not any(f.errors for f in form):
            row = representation.register(
                member,
                representative_bsn=bsn,
                representative_name=form.representative_name.data.strip(),
                kind=form.kind.data,
                what=set(form.actions.data),
                regime_ids=set(form.regimes.data),
                starts_on=form.starts_on.data,
                ends_on=form.ends_on.data,
                id_checked=form.id_checked.data,
                staff_id=current_user.id,
            )
            assignment.log(
                household_id,
                current_user.id,
                "consent",
                f"Schriftelijke machtiging ({row.kind}) tot en met {row.ends_on.isoformat()}",
            )
            access.audit("change", f"representation:{row.id}", household_id=household_id, role=role)
            db.session.commit()
            flash(_("De machtiging is vastgelegd."), "info")
            return redirect(
                url_for("staff.households.representations", household_id=household_id), code=303
            )
    else:
        access.audit(
            "read",
            f"household:{household_id}:representations",
            household_id=household_id,
            role=role,
        )
        db.session.commit()
    items = [(field.id, field.errors[0]) for field in form if field.errors]
    return render_template(
        "households/representations.html",
        household=household,
        form=form,
        rows=representation.of_household(household.id),
        members={m.id: representation.member_name(m) for m in household.members},
        today=today(),
        refusal=representation.refusal,
        kinds=representation.ALL_KINDS,
        actions=representation.ACTIONS,
        button=ButtonForm(),
        error_list=items,
    ), (400 if items else 200)


@bp.post("/huishoudens/<int:household_id>/machtigingen/<int:representation_id>/intrekken")
@role_required(*CHANGE_ROLES)
def withdraw_representation(household_id: int, representation_id: int):
    _household, role = access.household_or_404(household_id, change=True)
    row = db.session.get(representation.Representation, representation_id)
    if row is None or row.household_id != household_id or row.source != representation.WRITTEN:
        abort(404)
    if not ButtonForm().validate():
        abort(400)
    if row.withdrawn_at is None:
        row.withdrawn_at = clock.now()
        row.withdrawn_by_id = current_user.id
        assignment.log(
            household_id,
            current_user.id,
            "consent_withdrawn",
            "Schriftelijke machtiging ingetrokken",
        )
        access.audit("change", f"representation:{row.id}", household_id=household_id, role=role)
        db.session.commit()
        flash(
            _(
                "De machtiging is ingetrokken. De gemachtigde kan niet meer namens "
                "deze persoon handelen."
            ),
            "info",
        )
    return redirect(
        url_for("staff.households.representations", household_id=household_id), code=303
    )


@bp.app_context_processor
def protected_banner() -> dict:
    """`protected_household` for the staff layout: on every staff page of a household (URL with
    a household id) that is protected and that this user may open (issue #12)."""
    household_id = (request.view_args or {}).get("household_id")
    if (
        household_id is None
        or not (request.endpoint or "").startswith("staff.")
        or not current_user.is_authenticated
    ):
        return {}
    household = db.session.get(Household, household_id)
    if household is None or access.role_for(household_id) is None:
        return {}
    return {"protected_household": sensitivity.protected(household)}


# The match decisions' routes are on this blueprint too: importing the pages imports them.
from portal.households import match_views  # noqa: E402, F401
