"""What one person told that others in the household may not see, and which households are
protected (issue #12). One place, read by Mijn aanvraag, the plan's household copy and the
hand-off to the case systems."""

from __future__ import annotations

from flask_babel import gettext as _

from portal.models import Household

# life domains of outcomes that say something about one person's safety, health or debts
SENSITIVE_DOMAINS = frozenset({"safety", "health", "debts"})
SENSITIVE_FALLBACK = "safety"  # an outcome whose domain is not stored counts as sensitive
# answers that are one person's to tell: an outcome that fired on them is sensitive too (a
# child's jeugdhulp "because home is not safe" tells the other parent about the violence)
SENSITIVE_ANSWERS = {
    "household.safety.": "safety",
    "household.debts.": "debts",
    "member.health.": "health",
}


def sensitive_domains(outcome: dict) -> frozenset[str]:
    """The sensitive domains an outcome tells of: its own life domain, and the domain of each
    sensitive answer it fired on (a child's jeugdhulp "because home is not safe": safety)."""
    found = set()
    domain = outcome.get("life_domain", SENSITIVE_FALLBACK)
    if domain in SENSITIVE_DOMAINS:
        found.add(domain)
    for because in outcome.get("because") or []:
        path = because.get("path") or ""
        found.update(d for prefix, d in SENSITIVE_ANSWERS.items() if path.startswith(prefix))
    return frozenset(found)


def sensitive(outcome: dict) -> bool:
    """An outcome about violence, health or debts, or one that fired on such an answer."""
    return bool(sensitive_domains(outcome))


def tells_of_unsafe_home(answers: dict | None) -> bool:
    """The intake says home is not safe (violence, threat, a child in danger)."""
    safety = ((answers or {}).get("household") or {}).get("safety") or {}
    return any(value is True for value in safety.values())


def not_safe_to_contact(answers: dict | None) -> bool:
    """The resident said calling, mailing or writing to them is not safe."""
    return ((answers or {}).get("contact") or {}).get("safe_to_contact") is False


def unsafe(answers: dict | None) -> bool:
    """Home is not safe, or contacting the resident there is not safe."""
    return tells_of_unsafe_home(answers) or not_safe_to_contact(answers)


def protected(household: Household) -> bool:
    """Staff protected the household, or an intake said home or contact is not safe."""
    return household.protected_since is not None or any(
        unsafe(intake.answers) for intake in household.intakes
    )


def protection_reasons(household: Household) -> list[str]:
    """Why the household is protected, for the file (in the page language)."""
    reasons = []
    if household.protected_since is not None:
        reasons.append(
            _("Afgeschermd door een medewerker: %(reason)s", reason=household.protected_reason)
        )
    for intake in household.intakes:
        if tells_of_unsafe_home(intake.answers):
            reasons.append(
                _("Aanvraag %(reference)s: thuis is het niet veilig", reference=intake.reference)
            )
        if not_safe_to_contact(intake.answers):
            reasons.append(
                _(
                    "Aanvraag %(reference)s: contact via thuis is niet veilig",
                    reference=intake.reference,
                )
            )
    return reasons
