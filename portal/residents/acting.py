"""Acting for someone else on the resident pages (issue #19): the representation a session acts
under, checked at every request, what it allows, the banner and the audit trail.

- **DigiD Machtigen**: the broker's ID token names the acting person (authorizee) and the
  represented person (representee) and the DigiD Machtigen service; the service's scope comes
  from the `DIGID_MACHTIGEN_SERVICES` setting (an unknown service is refused at log-in).
- **A written authorisation** registered by staff (`households.representation`): the
  representative logs in with their own DigiD and chooses it on Mijn aanvraag.
- **A parent for a child under 16**: a verified adult member of the child's household chooses
  the child on Mijn aanvraag. The parent then sees exactly what they see as themselves (no
  more: the 16+ rules are untouched); what changes is that what they do is recorded as done for
  the child.

A representative (not a parent) sees the file of the represented person with less than that
person: only the regimes in scope, never anything sensitive (violence, health, debts, or an
outcome fired on such an answer), never an intake that says home is not safe, and in a
protected household none of the story texts (`plan.filtered(as_representative=True)`). When in
doubt, nothing is shown. Deciding for the resident (agreeing to the plan, withdrawing a
consent, sharing choices, message channels) is not done by a representative.

Every page a representative opens writes an audit row per household shown: no staff member,
role `representative`, `acting_for` "representation:<id>" (never a BSN). The represented person
reads them in "Wie heeft mijn gegevens bekeken?"; the other members of the household do not.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, g, has_request_context, request, session
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal import clock
from portal.dutch_time import today
from portal.extensions import db
from portal.households import access
from portal.households import representation as rep
from portal.households.models import Representation
from portal.models import Household, HouseholdMember

ROLE = "representative"

SOURCES = {
    rep.WRITTEN: _l("met een schriftelijke machtiging"),
    rep.DIGID_MACHTIGEN: _l("met DigiD Machtigen"),
    rep.PARENT: _l("als ouder"),
}

# what each resident page asks of a representative; a page not listed here (deciding for the
# resident: agreeing, withdrawing, sharing, attaching, message channels) is refused to them
NEEDS = {
    ("residents.index", "GET"): rep.READ,
    ("residents.looks", "GET"): rep.READ,
    ("residents.plan_page", "GET"): rep.READ,
    ("residents.plan_docx", "GET"): rep.READ,
    ("residents.messages.mine_page", "GET"): rep.MESSAGES,
}
# always open while acting: log out, stop acting, choose someone else
ALWAYS = {"residents.logout", "residents.stop_acting", "residents.act_for"}


@dataclass(frozen=True)
class Acting:
    id: int  # the representation
    source: str
    kind: str
    actor_bsn: str
    view_bsn: str | None  # whose file rules apply: the represented person, or the parent
    subject_name: str | None
    actor_name: str | None
    actions: frozenset[str]
    regimes: frozenset[str] | None  # None: every regime
    household_ids: tuple[int, ...] | None  # fixed by the authorisation; None: by view_bsn

    @property
    def representative(self) -> bool:
        """Not a parent for their child: the representative's narrower view applies."""
        return self.source != rep.PARENT

    def allows(self, action: str) -> bool:
        return action in self.actions

    @property
    def kind_label(self) -> str:
        return str(rep.ALL_KINDS.get(self.kind, self.kind))

    @property
    def source_label(self) -> str:
        return str(SOURCES.get(self.source, self.source))

    @property
    def name_for_banner(self) -> str:
        return self.subject_name or _("de persoon die u een machtiging gaf")


class Refused(Exception):
    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def current() -> Acting | None:
    """The acting context of this request (set by `resident_required`), or None."""
    return g.get("acting") if has_request_context() else None


def refusal_text(refusal: rep.Refusal, name: str | None) -> str:
    who = name or _("deze persoon")
    if refusal.reason == "withdrawn":
        return _(
            "U mag niet meer namens %(name)s handelen. De machtiging is ingetrokken.", name=who
        )
    if refusal.reason == "not_started":
        return _(
            "De machtiging om namens %(name)s te handelen gaat pas in op %(date)s.",
            name=who,
            date=_date(refusal.on),
        )
    return _(
        "De machtiging om namens %(name)s te handelen is verlopen op %(date)s.",
        name=who,
        date=_date(refusal.on),
    )


def _date(day) -> str:
    from flask_babel import format_date

    return format_date(day, "d MMMM y") if day else ""


def load(representation_id: int, actor_bsn: str) -> Acting:
    """The representation a session acts under, if it still holds today; else Refused."""
    row = db.session.get(Representation, representation_id)
    if row is None or row.representative_bsn != actor_bsn:
        raise Refused(_("U handelt niet meer namens iemand anders."))
    member = db.session.get(HouseholdMember, row.member_id) if row.member_id else None
    name = rep.member_name(member) or _name_by_bsn(row.subject_bsn)
    refused = rep.refusal(row, today())
    if refused is not None:
        raise Refused(refusal_text(refused, name))
    households: tuple[int, ...] | None = None
    view_bsn = row.subject_bsn
    if row.source in (rep.WRITTEN, rep.PARENT):
        # the authorisation names a member of one household: only that file, and only while
        # the member is still that person
        if member is None or member.bsn != row.subject_bsn:
            raise Refused(_("De persoon voor wie u handelde staat niet meer in dit dossier."))
        households = (member.household_id,)
    if row.source == rep.PARENT:
        from portal.residents import mine

        household = db.session.get(Household, member.household_id)
        if mine.decides_own_youth_data(member) or not mine.may_decide(household, actor_bsn):
            raise Refused(
                _("U kunt niet meer namens %(name)s handelen als ouder.", name=name or "")
            )
        view_bsn = actor_bsn
    return Acting(
        id=row.id,
        source=row.source,
        kind=row.kind,
        actor_bsn=actor_bsn,
        view_bsn=view_bsn,
        subject_name=name,
        actor_name=row.representative_name or _name_by_bsn(actor_bsn),
        actions=rep.actions(row),
        regimes=rep.regimes(row),
        household_ids=households,
    )


def _name_by_bsn(bsn: str | None) -> str | None:
    """The name a household file gives this BSN (a verified member), if any."""
    if not bsn:
        return None
    from sqlalchemy import select

    member = db.session.scalars(
        select(HouseholdMember)
        .where(HouseholdMember.bsn == bsn, HouseholdMember.identity_verified.is_(True))
        .order_by(HouseholdMember.id)
    ).first()
    return rep.member_name(member)


def needs(endpoint: str | None, method: str) -> str | None:
    """What a page asks of a representative; None: a representative may not use it."""
    return NEEDS.get((endpoint or "", "GET" if method == "HEAD" else method))


def audit_request(response) -> None:
    """One audit row per household the representative's page showed or changed (the caller's
    `after_request`; commits). `what` says which page, never a BSN."""
    acting = current()
    if acting is None or response.status_code >= 400 or request.endpoint in ALWAYS:
        return
    if response.status_code in (301, 302, 303) and request.method == "GET":
        return
    from portal.residents import mine

    households = list(acting.household_ids or mine.household_ids(acting.view_bsn or ""))
    args = request.view_args or {}
    if "version_id" in args:
        what = f"plan_version:{args['version_id']}"
        from portal.plans.models import PlanVersion

        version = db.session.get(PlanVersion, args["version_id"])
        households = [version.household_id] if version else []
        if request.endpoint == "residents.plan_docx":
            what += ":docx"
    elif request.endpoint == "residents.messages.mine_page":
        what = "messages:resident"
    elif request.endpoint == "residents.looks":
        what = "audit:who_looked"
    else:
        what = f"household:{request.endpoint}"
    action = (
        "export" if what.endswith(":docx") else ("read" if request.method == "GET" else "change")
    )
    for household_id in households:
        append(action, what, household_id)
    db.session.commit()


def append(action: str, what: str, household_id: int | None) -> None:
    """An audit row "X acting for Y" (the caller commits)."""
    acting = current()
    if acting is None:
        return
    access.append(
        action,
        what,
        household_id=household_id,
        staff_id=None,
        role=ROLE,
        acting_for=f"representation:{acting.id}",
    )


def banner() -> Acting | None:
    """For the banner on any page (the intake too): the acting context of this browser."""
    found = current()
    if found is not None:
        return found
    if not has_request_context():
        return None
    from portal.residents import session as resident_session

    if not session.get(resident_session.TOKEN):
        return None
    row = resident_session.live_row()
    if row is None or row.acting_for_id is None:
        return None
    try:
        return load(row.acting_for_id, row.bsn)
    except Refused:
        return None


def for_intake() -> Acting | None:
    """At the intake's submit: the acting context of this browser (None: acting for nobody).
    Raises Refused when it no longer holds or does not allow applying."""
    from portal.residents import session as resident_session

    row = resident_session.live_row()
    if row is None or row.acting_for_id is None:
        return None
    acting = load(row.acting_for_id, row.bsn)
    if not acting.allows(rep.APPLY):
        raise Refused(
            _(
                "Met uw machtiging mag u geen aanvraag doen namens %(name)s.",
                name=acting.name_for_banner,
            )
        )
    g.acting = acting
    return acting


def machtigen_services() -> dict:
    return current_app.config.get("DIGID_MACHTIGEN_SERVICES") or {}


def start_digid_machtigen(actor_bsn: str, subject_bsn: str, service_id: str) -> int:
    """The representation a DigiD Machtigen log-in established, for today (the caller has
    checked the service). Returns its id; the caller commits."""
    service = machtigen_services()[service_id]
    day = today()
    row = rep.record(
        source=rep.DIGID_MACHTIGEN,
        kind="gemachtigde",
        representative_bsn=actor_bsn,
        representative_name=_name_by_bsn(actor_bsn),
        subject_bsn=subject_bsn,
        actions=rep.join(service.get("actions") or ()),
        regimes=rep.join(service.get("regimes") or ()),
        service_id=service_id,
        starts_on=day,
        ends_on=day,
        registered_at=clock.now(),
    )
    return row.id


def start_parent(actor_bsn: str, child: HouseholdMember) -> int:
    """A parent acting for their child under 16 (the caller checked both). The caller commits."""
    day = today()
    row = rep.record(
        source=rep.PARENT,
        kind="ouder",
        representative_bsn=actor_bsn,
        representative_name=_name_by_bsn(actor_bsn),
        subject_bsn=child.bsn,
        household_id=child.household_id,
        member_id=child.id,
        actions=rep.join((rep.APPLY, rep.READ, rep.MESSAGES)),
        regimes=rep.ALL_REGIMES,
        starts_on=day,
        ends_on=day,
        registered_at=clock.now(),
    )
    return row.id
