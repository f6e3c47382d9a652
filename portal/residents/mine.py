"""What "Mijn aanvraag" shows, and only for the resident's own household(s).

A resident's households: those with a **verified** member whose BSN is the logged-in BSN (the
applicant logged in with DigiD or showed an ID document at the desk, or staff confirmed it), and
those of intakes they attached with reference number and resume code. A member whom someone else
listed by typing a BSN gets nothing here (issue #12: a typed BSN proves nothing). Every page that
takes an id checks it against this set and answers 404 otherwise (the same as an id that does
not exist).

Between adults of one household: what one person told about violence at home, health,
addiction or their own debts (`SENSITIVE_DOMAINS`) is shown only to the person who sent that
intake; the others see that there is more, not what.

Jeugdwet: a member of 16 or older decides about their own youth-care data. Their Jeugdwet
outcomes and plan provisions are hidden from the other members unless that member gave
consent here (`youth_data_consent`, until withdrawn). They always see their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask import abort, current_app, g, has_request_context
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal import clock, handoff, rulebook
from portal.caseload.forms import status_labels
from portal.caseload.models import HouseholdOutcome
from portal.deadlines import service as deadlines
from portal.dutch_time import age_on, today
from portal.extensions import db
from portal.households import assignment
from portal.households.models import Consent, ContactAssignment
from portal.households.resident import who_looked
from portal.households.sensitivity import protected, sensitive_domains, tells_of_unsafe_home
from portal.i18n import explanation_text, localized
from portal.models import Household, HouseholdMember, Intake
from portal.residents import sharing
from portal.residents.models import ResidentIntakeLink, ResidentVisit, YouthDataConsent
from portal.staff.session_guard import role_labels

YOUTH_REGIME = "jeugdwet"


def household_ids(bsn: str) -> list[int]:
    """The households whose file this resident may open: where they are a verified member, and
    where they attached an intake (with its resume code) while nobody there is verified.

    An attached intake proves only that this person sent it. Once staff have filed it in a
    household where someone proved who they are (a merge after a household match), the sender
    must prove their own place there first: otherwise anyone who named a resident's BSN in an
    anonymous intake, and got it merged, would read her file (issue #12).

    Acting for someone under a written authorisation (issue #19): only the household it was
    registered for."""
    acting = _acting()
    if (
        acting is not None
        and acting.representative
        and acting.household_ids is not None
        and bsn == acting.view_bsn
    ):
        return list(acting.household_ids)
    as_member = select(HouseholdMember.household_id).where(
        HouseholdMember.bsn == bsn, HouseholdMember.identity_verified.is_(True)
    )
    someone_verified = (
        select(HouseholdMember.id)
        .where(
            HouseholdMember.household_id == Intake.household_id,
            HouseholdMember.identity_verified.is_(True),
        )
        .exists()
    )
    attached = (
        select(Intake.household_id)
        .join(ResidentIntakeLink, ResidentIntakeLink.intake_id == Intake.id)
        .where(ResidentIntakeLink.bsn == bsn, ~someone_verified)
    )
    found = set(db.session.scalars(as_member)) | set(db.session.scalars(attached))
    return sorted(found)


@dataclass
class SentIntake:
    reference: str
    submitted_at: datetime


def sent_elsewhere(bsn: str) -> list[SentIntake]:
    """Intakes this resident attached that now sit in a household whose file they may not open
    (see `household_ids`): shown by reference and date only, with how to get access."""
    open_files = set(household_ids(bsn))
    rows = db.session.execute(
        select(Intake.reference, Intake.submitted_at, Intake.household_id)
        .join(ResidentIntakeLink, ResidentIntakeLink.intake_id == Intake.id)
        .where(ResidentIntakeLink.bsn == bsn)
        .order_by(Intake.submitted_at.desc())
    ).all()
    return [
        SentIntake(r.reference, r.submitted_at) for r in rows if r.household_id not in open_files
    ]


def may_decide(household: Household, bsn: str) -> bool:
    """Withdrawing a consent or agreeing to the plan speaks for the household: only an adult
    whose identity and place in it are proved (a verified member), or, in a household where
    nobody is verified, an adult who sent one of its intakes. Nobody decides while acting for
    someone else (issue #19): a representative follows the file, the resident decides."""
    if _acting() is not None:
        return False
    member = me_in(household, bsn)
    if member is None or (age_on(member.birth_date, today()) or 0) < 18:
        return False
    if member.identity_verified:
        return True
    return household.id in household_ids(bsn) and not any(
        m.identity_verified for m in household.members
    )


def _acting():
    """The representation this request acts under (portal.residents.acting), or None."""
    return g.get("acting") if has_request_context() else None


def household_or_404(bsn: str, household_id: int) -> Household:
    if household_id not in household_ids(bsn):
        abort(404)
    return db.session.get(Household, household_id)


def me_in(household: Household, bsn: str) -> HouseholdMember | None:
    return next((m for m in household.members if m.bsn == bsn), None)


def more_than_one_adult(household: Household) -> bool:
    """Whether the note on other adults' sensitive answers belongs on the page (said whether or
    not something was left out, so the note itself tells nothing)."""
    day = today()
    adults = [m for m in household.members if (age_on(m.birth_date, day) or 0) >= 18]
    return len(adults) > 1


def sent_by(intake: Intake, household: Household, bsn: str) -> bool:
    """Did the logged-in resident send this intake (its applicant, or attached it with the
    resume code that only the sender had)?"""
    attached = db.session.scalars(
        select(ResidentIntakeLink.id).where(
            ResidentIntakeLink.intake_id == intake.id, ResidentIntakeLink.bsn == bsn
        )
    ).first()
    if attached is not None:
        return True
    first = next(
        (m for m in (intake.answers or {}).get("members") or [] if m.get("role") == "applicant"),
        None,
    )
    return bool(first and first.get("bsn") == bsn)


def youth_consent(member_id: int) -> YouthDataConsent | None:
    return db.session.scalars(
        select(YouthDataConsent).where(
            YouthDataConsent.member_id == member_id, YouthDataConsent.withdrawn_at.is_(None)
        )
    ).first()


def decides_own_youth_data(member: HouseholdMember) -> bool:
    """From the age the verordening in force names (parameter jeugd_eigen_gegevens_leeftijd,
    16 under the Jeugdwet and the WGBO) a member decides alone who sees their youth-care data.
    Without a birth date we cannot tell: the member does not count as that old."""
    day = today()
    age = age_on(member.birth_date, day)
    threshold = rulebook.in_force(day).parameters["jeugd_eigen_gegevens_leeftijd"].value_on(day)
    return age is not None and threshold is not None and age >= threshold


def deciding_alone(household: Household) -> set[int]:
    """Members (ids) who decide alone about what they told and their youth-care data (16+ under
    the Jeugdwet and the WGBO)."""
    return {m.id for m in household.members if decides_own_youth_data(m)}


def hidden_members(household: Household, bsn: str) -> set[int]:
    """Members (ids) of 16+ whose youth-care data this viewer may not see."""
    hidden = set()
    for member in household.members:
        if member.bsn == bsn or not decides_own_youth_data(member):
            continue
        if youth_consent(member.id) is None:
            hidden.add(member.id)
    return hidden


def _name(member: HouseholdMember | None) -> str:
    if member is None:
        return _("Het hele huishouden")
    return " ".join(p for p in (member.given_name, member.family_name) if p) or _(
        "Iemand in het huishouden"
    )


def youth_care_members(household: Household) -> set[int]:
    """Members (ids) with Jeugdwet outcomes of their own."""
    found = set()
    for intake in household.intakes:
        rows = db.session.scalars(
            select(HouseholdOutcome.member_id).where(
                HouseholdOutcome.intake_id == intake.id,
                HouseholdOutcome.regime == YOUTH_REGIME,
                HouseholdOutcome.member_id.is_not(None),
            )
        )
        for local_id in rows:
            member = intake.household_member(local_id)
            if member is not None:
                found.add(member.id)
    return found


@dataclass
class OutcomeView:
    for_whom: str
    provision: str
    regime: str
    status: str
    due_on: date | None
    explanation: str
    open: bool
    zaak: object | None = None  # the zaak in the municipality's case system (issue #15)
    extended: object | None = None  # the last Awb 4:14 extension of its term (issue #19)


@dataclass
class IntakeView:
    reference: str
    submitted_at: datetime
    outcomes: list[OutcomeView]
    hidden: int  # outcomes left out (Jeugdwet 16+ without consent)
    filed_by: str | None = None  # "Ingediend door X namens Y" (issue #19)

    @property
    def kinds(self) -> int:
        """How many kinds of help (different provisions) this application led to."""
        return len({o.provision for o in self.outcomes})

    @property
    def first_due(self) -> date | None:
        """The first date by which the gemeente must act on an open outcome."""
        return min((o.due_on for o in self.outcomes if o.open and o.due_on), default=None)

    @property
    def open_count(self) -> int:
        return sum(1 for o in self.outcomes if o.open)


def intakes(household: Household, bsn: str) -> list[IntakeView]:
    labels = status_labels()
    hidden = hidden_members(household, bsn)
    zaken = {(z.intake_id, z.regime): z for z in handoff.zaken_of(household.id)}
    viewer = me_in(household, bsn)
    shared = sharing.shared_domains(household)
    alone = deciding_alone(household)
    is_protected = protected(household)
    acting = _acting()
    representative = acting if acting is not None and acting.representative else None
    extended = deadlines.extensions(household.id)
    views = []
    for intake in sorted(household.intakes, key=lambda i: i.submitted_at, reverse=True):
        stored = intake.stored_outcomes()
        rows = db.session.scalars(
            select(HouseholdOutcome)
            .where(HouseholdOutcome.intake_id == intake.id)
            .order_by(HouseholdOutcome.id)
        ).all()
        own_intake = sent_by(intake, household, bsn)
        if representative is not None and tells_of_unsafe_home(intake.answers):
            continue  # not even to the person's representative: when in doubt, do not show
        if not own_intake and tells_of_unsafe_home(intake.answers):
            # even its number and date would tell the other adults that she asked for help
            continue
        shown, left_out = [], 0
        for row in rows:
            member = intake.household_member(row.member_id)
            if row.regime == YOUTH_REGIME and member is not None and member.id in hidden:
                left_out += 1
                continue
            original = stored.get((row.rule_id, row.member_id)) or {}
            if representative is not None and (
                (representative.regimes is not None and row.regime not in representative.regimes)
                or sensitive_domains(original)
            ):
                left_out += 1  # outside the authorisation, or someone's own story
                continue
            about_me = member is not None and member.bsn == bsn
            if (
                not own_intake
                and not about_me
                and not sharing.may_see(
                    viewer.id if viewer else None,
                    told_by=teller.id if (teller := intake.applicant_member()) else None,
                    about=member.id if member else None,
                    domains=sensitive_domains(original),
                    shared=shared,
                    decides_alone=alone,
                    protected=is_protected,
                )
            ):
                left_out += 1  # what another adult told about violence, health or debts
                continue
            shown.append(
                OutcomeView(
                    for_whom=_name(member) if row.member_id else _("Het hele huishouden"),
                    provision=localized(row.provision_name),
                    regime=localized((original.get("regime") or {}).get("name")) or row.regime,
                    status=str(labels.get(row.status, row.status)),
                    due_on=row.due_on if row.status in ("new", "in_onderzoek") else None,
                    explanation=explanation_text(localized(original.get("explanation"))),
                    open=row.status in ("new", "in_onderzoek"),
                    zaak=zaken.get((intake.id, row.regime)),
                    extended=(extended.get(row.id) or [None])[-1]
                    if row.status in ("new", "in_onderzoek")
                    else None,
                )
            )
        views.append(
            IntakeView(
                intake.reference, intake.submitted_at, shown, left_out, _filed_by(intake, bsn)
            )
        )
    return views


def _filed_by(intake: Intake, bsn: str) -> str | None:
    """Who filed it for whom, for the represented person and the one who acted only."""
    from portal.households import representation

    row = representation.filed_by(intake.id)
    if row is None or bsn not in (row.subject_bsn, row.representative_bsn):
        return None
    member = db.session.get(HouseholdMember, row.member_id) if row.member_id else None
    subject = representation.member_name(member) or _name_by_bsn_in(intake, row.subject_bsn)
    return _(
        "Ingediend door %(actor)s namens %(subject)s.",
        actor=row.representative_name or _("een gemachtigde"),
        subject=subject or _("de aanvrager"),
    )


def _name_by_bsn_in(intake: Intake, bsn: str | None) -> str | None:
    member = next((m for m in intake.household.members if bsn and m.bsn == bsn), None)
    return _name(member) if member else None


@dataclass
class ContactView:
    name: str
    email: str
    team: str | None
    since: datetime
    is_new: bool  # another contact person than at the last visit
    is_first: bool  # a contact person now, none at the last visit


def contact(household: Household, bsn: str, *, remember: bool) -> ContactView | None:
    """The contact person, and whether they changed since this resident's last visit (the
    visit is then remembered, so the notice shows once)."""
    current: ContactAssignment | None = assignment.active_assignment(household.id)
    visit = db.session.get(ResidentVisit, (bsn, household.id))
    current_id = current.id if current else None
    changed = (
        visit is not None and current_id is not None and visit.contact_assignment_id != current_id
    )
    first = changed and visit.contact_assignment_id is None
    if remember:
        if visit is None:
            db.session.add(
                ResidentVisit(
                    bsn=bsn,
                    household_id=household.id,
                    contact_assignment_id=current_id,
                    at=clock.now(),
                )
            )
        else:
            visit.contact_assignment_id = current_id
            visit.at = clock.now()
        try:
            db.session.commit()
        except IntegrityError:  # the same resident in two tabs at once: one visit row is enough
            db.session.rollback()
    if current is None:
        return None
    return ContactView(
        name=current.staff.display_name,
        email=current.staff.email,
        team=current.team.name if current.team else None,
        since=current.started_at,
        is_new=changed and not first,
        is_first=first,
    )


def consents(household: Household) -> list[Consent]:
    return list(
        db.session.scalars(
            select(Consent)
            .where(Consent.household_id == household.id)
            .order_by(Consent.given_at, Consent.id)
        )
    )


def _subject(what: str) -> str:
    """What a staff member looked at, in the resident's words, from the audit row's object id
    ("plan_version:3:docx" → "uw ondersteuningsplan"). Anything else: "uw gegevens"."""
    kind = what.split(":", 1)[0]
    if kind in {"plan", "plan_version"}:
        return _("uw ondersteuningsplan")
    if kind == "consent":
        return _("een toestemming")
    if kind == "document":  # docs/documents.md: every open of a document
        return _("een document")
    if kind == "documents":
        return _("de lijst van uw documenten")
    if kind == "document_request":
        return _("een vraag om een document")
    if kind in {"post", "post_item"}:
        return _("de post van uw huishouden")
    if kind == "messages":
        return _("uw berichten")
    if kind == "audit":
        return _("wie uw gegevens bekeek")
    if kind == "intake":
        return _("een aanvraag")
    if kind in {"household", "household_case", "case_log_entry", "households.handover"}:
        return _("uw dossier")
    if kind in {
        "escalation",
        "escalation.new",
        "case_platform",
        "platform_action",
        "handgeld_payment",
    }:
        return _("uw zaak bij de ontschotter")  # issue #17
    return _("uw gegevens")


@dataclass
class LookView:
    at: datetime
    who: str
    role: str
    organisation: str
    action: str
    purpose: str


def _someone_elses(household_id: int, bsn: str | None) -> set[str]:
    """Audit objects about another member's documents and requests ("document:7"): a document
    is one person's (docs/documents.md), so the others in the household do not read that it
    was opened — in a protected household that alone would tell that she sent something."""
    if bsn is None:
        return set()
    from portal.documents.models import Document, DocumentRequest

    found = set()
    for kind, model in (("document", Document), ("document_request", DocumentRequest)):
        rows = db.session.execute(
            select(model.id, HouseholdMember.bsn)
            .outerjoin(HouseholdMember, HouseholdMember.id == model.member_id)
            .where(model.household_id == household_id)
        )
        found |= {f"{kind}:{row_id}" for row_id, owner in rows if owner != bsn}
    return found


def looks(household_id: int, bsn: str | None = None) -> list[LookView]:
    """Every staff read, list, change and export of this household, newest first (NEN 7513:
    readable and chronological). An admin's reason text is never shown. With `bsn` (the
    resident reading it): not the opens of another member's documents.

    What someone did acting for a resident (issue #19) is listed for that resident only
    (`bsn`): "X namens Y". The other adults of the household do not read that she has a
    bewindvoerder or who helps her."""
    hidden = _someone_elses(household_id, bsn)
    # a system reading through /api/v1 (portal/api): named as such, not as an unknown employee
    roles = {**role_labels(), "api_client": _("Gekoppeld systeem")}
    actions = {
        "read": _("heeft %(subject)s bekeken"),
        "search": _("zag uw huishouden in een lijst"),
        "change": _("heeft %(subject)s gewijzigd"),
        "export": _("heeft %(subject)s gedownload of geprint"),
    }
    purposes = {
        "contact_person": _("U helpen als uw contactpersoon"),
        "team_lead": _("Het werk in het team verdelen en bewaken"),
        "admin": _("Beheer met vastgelegde reden"),
        "front_desk": _("U helpen aan het loket"),
        "ontschotter": _("Een vastgelopen situatie oplossen"),
        "api_client": _("Delen met een systeem dat daar toestemming voor kreeg"),
    }
    organisation = _("Gemeente %(name)s", name=current_app.config.get("MUNICIPALITY_NAME", ""))
    found = who_looked(household_id)
    representations = _representations_of(found, bsn)
    result = [
        LookView(
            at=look.at,
            who=look.who
            or (_("Een systeem") if look.role == "api_client" else _("Onbekende medewerker")),
            role=str(roles.get(look.role or "", look.role or "")),
            organisation=organisation,
            action=str(actions.get(look.action, look.action)) % {"subject": _subject(look.what)},
            purpose=str(purposes.get(look.role or "", _("Uitvoering van de wet"))),
        )
        if look.role != "representative"
        else _acted(look, representations.get(look.acting_for), actions)
        for look in found
        if (look.role != "representative" or look.acting_for in representations)
        and ":".join(look.what.split(":", 2)[:2]) not in hidden
    ]
    return result  # newest first, as who_looked() gives them


def _representations_of(found: list, bsn: str | None) -> dict:
    """acting_for -> the representation, for the rows about this resident (`bsn`) only."""
    from portal.households.models import Representation

    wanted = {look.acting_for for look in found if look.role == "representative"}
    ids = [int(key.split(":", 1)[1]) for key in wanted if key and key.startswith("representation:")]
    if not ids or not bsn:
        return {}
    rows = db.session.scalars(select(Representation).where(Representation.id.in_(ids)))
    return {f"representation:{row.id}": row for row in rows if row.subject_bsn == bsn}


def _acted(look, row, actions: dict) -> LookView:
    """A row "X namens Y": who acted, in what capacity, on what ground."""
    from portal.households import representation as rep
    from portal.residents.acting import SOURCES

    member = db.session.get(HouseholdMember, row.member_id) if row.member_id else None
    subject = rep.member_name(member) or _("u")
    actor = row.representative_name or _("uw gemachtigde")
    return LookView(
        at=look.at,
        who=_("%(actor)s namens %(subject)s", actor=actor, subject=subject),
        role=str(rep.ALL_KINDS.get(row.kind, row.kind)),
        organisation=str(SOURCES.get(row.source, row.source)),
        action=str(actions.get(look.action, look.action)) % {"subject": _subject(look.what)},
        purpose=_("Namens u handelen, zoals u dat regelde"),
    )
