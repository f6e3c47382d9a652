"""How the contact person can reach the household, and whether that is safe (issues #12, #13).

From the latest intake: address, phone, e-mail, preferred channel, language and interpreter,
and the safety answers. When any answer says home is not safe, or that contacting the resident
there is not safe, the household file opens with a warning, before anything else, saying what
not to do: no letter to the home address, no call or message to a shared number."""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale
from flask_babel import get_locale
from flask_babel import gettext as _

from portal.households import sensitivity
from portal.intake_form.story import LANGUAGES
from portal.models import Household

CHANNELS = {
    "phone": lambda: _("Telefoon"),
    "email": lambda: _("E-mail"),
    "letter": lambda: _("Brief"),
    "visit": lambda: _("Huisbezoek"),
}


@dataclass
class Reach:
    address: str
    phone: str | None
    email: str | None
    channel: str | None
    language: str | None
    interpreter: bool
    not_safe_to_contact: bool
    unsafe_at_home: bool
    reference: str
    # the safe way the resident gave (issue #12): another number, when, may we leave a message
    safe_phone: str | None = None
    safe_times: str | None = None
    may_leave_message: bool | None = None

    @property
    def warn(self) -> bool:
        return self.not_safe_to_contact or self.unsafe_at_home


def address_line(address: dict) -> str:
    """'Lindelaan 17 B, 2741AB, Voorbeeldgemeente' from the intake's address answers."""
    street = " ".join(
        str(p)
        for p in (
            address.get("street"),
            address.get("house_number"),
            address.get("house_number_addition"),
        )
        if p
    )
    return ", ".join(p for p in (street, address.get("postcode"), address.get("city")) if p)


def language_name(code: str) -> str:
    """The language in the page's language for staff ("Arabisch"), its own name after it
    ("Arabisch (العربية)"), so staff can also show the resident which one they chose."""
    own = str(dict(LANGUAGES).get(code, code))
    try:
        name = Locale.parse(code).get_display_name(str(get_locale() or "nl"))
    except (ValueError, TypeError):
        return own
    if not name:
        return own
    name = name[:1].upper() + name[1:]
    return name if name == own else f"{name} ({own})"


def latest(household: Household) -> Reach | None:
    intakes = sorted(household.intakes, key=lambda i: i.submitted_at)
    if not intakes:
        return None
    intake = intakes[-1]
    answers = intake.answers or {}
    address = answers.get("address") or {}
    contact = answers.get("contact") or {}
    language = answers.get("language") or {}
    where = _("Geen vast adres") if address.get("no_fixed_address") else address_line(address)
    channel = CHANNELS.get(contact.get("preferred_channel"))
    preferred = language.get("preferred")
    return Reach(
        address=where,
        phone=contact.get("phone"),
        email=contact.get("email"),
        channel=channel() if channel else None,
        language=language_name(preferred) if preferred else None,
        interpreter=language.get("interpreter_needed") is True,
        not_safe_to_contact=sensitivity.not_safe_to_contact(answers),
        unsafe_at_home=sensitivity.tells_of_unsafe_home(answers),
        reference=intake.reference,
        safe_phone=contact.get("safe_phone"),
        safe_times=contact.get("safe_times"),
        may_leave_message=contact.get("may_leave_message"),
    )
