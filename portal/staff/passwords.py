"""Password hashing (Argon2id) and the password rules for staff.

Rules (OWASP ASVS 6.2, NCSC): at least 12 characters, at most 256 (long passphrases are
welcome); not one of the most common passwords (a small list bundled here), not a common word
with only digits or signs added, and not mostly the person's own name or e-mail address.
No rules about which kinds of characters: they make passwords worse, not better.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import gettext as _

MIN_LENGTH = 12
MAX_LENGTH = 256
COMMON_FILE = Path(__file__).with_name("common_passwords.txt")

# RFC 9106's second recommended profile (argon2id, 64 MiB, 3 passes) is argon2-cffi's default.
_hasher = PasswordHasher()
# Verified when the e-mail address is unknown, so a wrong address takes as long as a wrong
# password and the answer time does not tell which addresses have an account.
_DUMMY_HASH = _hasher.hash("no account has this password, it only costs time")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify(stored_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and line[0] != "#")


def _core(text: str) -> str:
    """Lower case, without spaces and without digits or signs at the start and the end."""
    return re.sub(r"^[\W\d_]+|[\W\d_]+$", "", text.lower().replace(" ", ""))


def problems(password: str, *, email: str = "", name: str = "") -> list[str]:
    """What is wrong with this new password (empty: it is fine)."""
    if len(password) < MIN_LENGTH:
        return [_("Kies een wachtwoord van minstens %(min)s tekens.", min=MIN_LENGTH)]
    if len(password) > MAX_LENGTH:
        return [_("Kies een wachtwoord van hoogstens %(max)s tekens.", max=MAX_LENGTH)]
    lowered = password.lower()
    common = common_passwords()
    if lowered in common or lowered.replace(" ", "") in common or _core(password) in common:
        return [_("Dit wachtwoord wordt veel gebruikt en is makkelijk te raden. Kies een ander.")]
    if len(set(lowered)) < 4:
        return [_("Dit wachtwoord is makkelijk te raden. Kies een ander.")]
    rest = lowered.replace(" ", "")
    personal = [email.lower(), email.lower().split("@")[0], name.lower().replace(" ", "")]
    personal += [
        part for part in re.split(r"[\s.@_-]+", f"{email} {name}".lower()) if len(part) > 2
    ]
    for token in sorted({p for p in personal if p}, key=len, reverse=True):
        rest = rest.replace(token, "")
    if len(_core(rest)) < MIN_LENGTH // 2:
        return [_("Uw wachtwoord lijkt te veel op uw naam of e-mailadres. Kies een ander.")]
    return []
