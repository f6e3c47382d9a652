"""What one person told that others in the household may not see, and which households are
protected (issue #12). One place, read by Mijn aanvraag, the plan's household copy and the
hand-off to the case systems."""

from __future__ import annotations

from portal.models import Household

# life domains of outcomes that say something about one person's safety, health or debts
SENSITIVE_DOMAINS = frozenset({"safety", "health", "debts"})
SENSITIVE_FALLBACK = "safety"  # an outcome whose domain is not stored counts as sensitive
# answers that are one person's to tell: an outcome that fired on them is sensitive too (a
# child's jeugdhulp "because home is not safe" tells the other parent about the violence)
SENSITIVE_ANSWERS = ("household.safety.", "household.debts.", "member.health.")


def sensitive(outcome: dict) -> bool:
    """An outcome about violence, health or debts, or one that fired on such an answer."""
    if outcome.get("life_domain", SENSITIVE_FALLBACK) in SENSITIVE_DOMAINS:
        return True
    return any(
        (b.get("path") or "").startswith(SENSITIVE_ANSWERS) for b in outcome.get("because") or []
    )


def tells_of_unsafe_home(answers: dict | None) -> bool:
    """The intake says home is not safe (violence, threat, a child in danger)."""
    safety = ((answers or {}).get("household") or {}).get("safety") or {}
    return any(value is True for value in safety.values())


def protected(household: Household) -> bool:
    """Staff protected the household, or an intake said home is not safe, or that contacting
    the resident there is not safe."""
    return bool(protection_reasons(household))


def protection_reasons(household: Household) -> list[str]:
    """Why the household is protected, in the words staff see on the banner (Dutch, as the
    case log: staff pages are Dutch first)."""
    reasons = []
    if household.protected_since is not None:
        reasons.append(f"afgeschermd door een medewerker: {household.protected_reason or ''}")
    for intake in household.intakes:
        answers = intake.answers or {}
        if tells_of_unsafe_home(answers):
            reasons.append(f"aanvraag {intake.reference}: thuis is het niet veilig")
        if (answers.get("contact") or {}).get("safe_to_contact") is False:
            reasons.append(f"aanvraag {intake.reference}: contact via thuis is niet veilig")
    return reasons
