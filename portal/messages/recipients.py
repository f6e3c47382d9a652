"""Who gets a message, and over which channel: safety first (issues #12 and #19).

- A message goes to **the person concerned**: the applicant of the intake it is about, or, for
  news about the household's file (contact person, plan), each person who applied and gave a
  way to reach them. Never "to the household", never to one member about another's matters.
- In a **protected** household (staff marked it, or an intake said home or contact there is not
  safe: `households.sensitivity.protected`) the address, e-mail and phone in the intake count as
  shared: nothing goes there. Only a text message to the safe number the person gave, and only
  when they said we may leave a message. Otherwise nothing is sent and the outbox row says why.
- The resident's choice on Mijn aanvraag (e-mail, sms, none) is kept; without a choice: e-mail
  when they gave an address, else sms.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.extensions import db
from portal.households import sensitivity
from portal.messages.models import EMAIL, SMS, MessagePreference
from portal.models import Household, HouseholdMember, Intake


# Reasons an admin reads on the outbox page: Dutch in the database, translated on the page
# (`reason_text`); no address, no content.
def N_(message: str) -> str:
    """Mark a Dutch text for extraction; it is translated where it is shown."""
    return message


NO_PERSON = N_("Niet verstuurd: wij weten niet wie de aanvraag stuurde")
SWITCHED_OFF = N_("Niet verstuurd: de bewoner heeft berichten uitgezet op Mijn aanvraag")
NO_ADDRESS = N_("Niet verstuurd: de bewoner gaf geen e-mailadres of telefoonnummer")
NO_SAFE_CHANNEL = N_(
    "Niet verstuurd: afgeschermd huishouden en geen veilig kanaal (geen veilig "
    "telefoonnummer, of geen toestemming om een bericht te sturen)"
)
SAFE_SMS_OFF = N_("Niet verstuurd: afgeschermd huishouden en de bewoner zette sms uit")
CHANNEL_OFF = N_("Niet verstuurd: de bewoner koos dit kanaal niet meer")
NO_SMTP = N_("E-mail is niet ingesteld (SMTP_HOST)")
NO_SMS = N_("Er is geen sms-dienst ingesteld (SMS_PROVIDER)")
REASONS = frozenset(
    {
        NO_PERSON,
        SWITCHED_OFF,
        NO_ADDRESS,
        NO_SAFE_CHANNEL,
        SAFE_SMS_OFF,
        CHANNEL_OFF,
        NO_SMTP,
        NO_SMS,
    }
)


def reason_text(reason: str | None) -> str:
    """Our own reasons in the page's language; a mail server's words as they were."""
    if not reason:
        return ""
    return _(reason) if reason in REASONS else reason


CHANNEL_LABELS = {EMAIL: _l("e-mail"), SMS: _l("sms")}


@dataclass(frozen=True)
class Route:
    """One message to send (`channel` and `address`), or why none is sent (`reason`)."""

    channel: str | None = None
    address: str | None = None
    reason: str | None = None


def preference(bsn: str | None) -> MessagePreference | None:
    return db.session.get(MessagePreference, bsn) if bsn else None


def routes(
    household: Household,
    member: HouseholdMember | None,
    contact: dict,
    *,
    protected: bool = False,
) -> list[Route]:
    """How to reach `member` (with the contact answers of their own intake); `protected`
    also when another household of theirs is (a member who moved takes protection along)."""
    if member is None:
        return [Route(reason=NO_PERSON)]
    chosen = preference(member.bsn)
    if chosen is not None and not chosen.email and not chosen.sms:
        return [Route(reason=SWITCHED_OFF)]
    if protected or sensitivity.protected(household):
        safe_phone = (contact.get("safe_phone") or "").strip()
        if not safe_phone or contact.get("may_leave_message") is not True:
            return [Route(reason=NO_SAFE_CHANNEL)]
        if chosen is not None and not chosen.sms:
            return [Route(reason=SAFE_SMS_OFF)]
        return [Route(channel=SMS, address=safe_phone)]
    email = (contact.get("email") or "").strip()
    phone = (contact.get("phone") or "").strip()
    wants_email = chosen.email if chosen is not None else True
    wants_sms = chosen.sms if chosen is not None else not email
    found = []
    if wants_email and email:
        found.append(Route(channel=EMAIL, address=email))
    if wants_sms and phone:
        found.append(Route(channel=SMS, address=phone))
    return found or [Route(reason=NO_ADDRESS)]


def applicants(household: Household) -> list[tuple[HouseholdMember | None, Intake]]:
    """Each person who applied for this household, with their latest intake (whose contact
    answers are theirs): who news about the household's file goes to."""
    latest: dict[int, tuple[HouseholdMember, Intake]] = {}
    for intake in sorted(household.intakes, key=lambda i: i.submitted_at):
        member = intake.applicant_member()
        if member is not None:
            latest[member.id] = (member, intake)
    return list(latest.values())


def recheck(message) -> str | None:
    """Just before sending, the rules again: the household may have been protected, or the
    resident may have switched messages off, since the message was written. None: send it;
    otherwise the reason it must not go."""
    household = db.session.get(Household, message.household_id)
    member = db.session.get(HouseholdMember, message.member_id) if message.member_id else None
    if household is None or member is None:
        return NO_PERSON
    intake = db.session.get(Intake, message.intake_id) if message.intake_id else None
    if intake is None:
        intake = next((i for m, i in applicants(household) if m.id == member.id), None)
    contact = ((intake.answers or {}) if intake else {}).get("contact") or {}
    now = routes(member.household, member, contact, protected=sensitivity.protected(household))
    if any(r.channel == message.channel and r.address == message.address for r in now):
        return None
    return next((r.reason for r in now if r.reason), CHANNEL_OFF)


def members_of(bsn: str, household_ids: list[int]) -> list[int]:
    """The member rows of this resident in the households they may see."""
    return list(
        db.session.scalars(
            select(HouseholdMember.id).where(
                HouseholdMember.bsn == bsn, HouseholdMember.household_id.in_(household_ids)
            )
        )
    )


def masked(channel: str | None, address: str | None) -> str:
    """'a…@example.com', '…78': enough for an admin to tell two addresses apart."""
    if not address:
        return ""
    if channel == EMAIL and "@" in address:
        name, domain = address.split("@", 1)
        return f"{name[:1]}…@{domain}"
    digits = "".join(c for c in address if c.isdigit())
    return f"…{digits[-2:]}"
