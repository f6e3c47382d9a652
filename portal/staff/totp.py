"""The second factor: time-based one-time codes (RFC 6238, 30 s, 6 digits), via pyotp.

A code is accepted one time step early or late (clock drift), and never twice: the time step
of the last accepted code is stored per account and only later steps count. The enrolment QR
code is inline SVG markup (segno), so the strict CSP needs no data: URL and no inline style.

Secrets are stored encrypted (Fernet: AES-128-CBC + HMAC-SHA256) under TOTP_ENCRYPTION_KEY, a
key kept outside the database; several keys separated by commas allow rotation (the first
encrypts, all decrypt). Without the setting, development and tests derive a key from SECRET_KEY;
production refuses to start (portal/config.py). A secret stored before encryption (plain
base32) still works and is encrypted at its next use or by `flask encrypt-totp-secrets`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import re

import pyotp
import segno
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app
from markupsafe import Markup

from portal import clock

ISSUER = "Eén loket"
DRIFT_STEPS = 1


PLAIN_SECRET = re.compile(r"[A-Z2-7]+=*")  # base32; a Fernet token has lower case letters


def derived_key(secret_key: str) -> str:
    """A Fernet key from SECRET_KEY, for development and tests only."""
    digest = hashlib.sha256(b"eenloket totp secrets\0" + secret_key.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def _fernet() -> MultiFernet:
    configured = current_app.config.get("TOTP_ENCRYPTION_KEY") or ""
    keys = [k.strip() for k in configured.split(",") if k.strip()]
    if not keys:
        keys = [derived_key(current_app.config["SECRET_KEY"])]
    return MultiFernet([Fernet(key) for key in keys])


def is_plain(stored: str | None) -> bool:
    return bool(stored) and PLAIN_SECRET.fullmatch(stored) is not None


def seal(secret: str) -> str:
    """What goes into `staff_member.totp_secret`."""
    return _fernet().encrypt(secret.encode()).decode()


def reveal(stored: str | None) -> str | None:
    """The base32 secret from the stored value (encrypted, or plain from before 0010)."""
    if not stored:
        return None
    if is_plain(stored):
        return stored
    try:
        return _fernet().decrypt(stored.encode()).decode()
    except InvalidToken:
        # Wrong or rotated-away key: no code can match; logged for the operator, not shown.
        current_app.logger.error("A TOTP secret could not be decrypted: check TOTP_ENCRYPTION_KEY")
        return None


def reseal(stored: str | None) -> str | None:
    """`stored` encrypted under the first key (plain secrets encrypted, older keys rotated)."""
    if not stored:
        return stored
    if is_plain(stored):
        return seal(stored)
    return _fernet().rotate(stored.encode()).decode()


def new_secret() -> str:
    return pyotp.random_base32(length=32)  # 32 base32 characters = 160 bits


def provisioning_uri(secret: str, email: str, issuer: str = ISSUER) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=issuer)


def grouped(secret: str) -> str:
    """The key as shown for typing by hand: groups of four."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def matching_step(secret: str, code: str, last_step: int | None) -> int | None:
    """The time step `code` belongs to, if it is valid now and newer than `last_step`."""
    code = re.sub(r"\s", "", code or "")
    if not re.fullmatch(r"\d{6}", code):
        return None
    totp = pyotp.TOTP(secret)
    moment = clock.now()
    for offset in range(-DRIFT_STEPS, DRIFT_STEPS + 1):
        step = totp.timecode(moment) + offset
        if hmac.compare_digest(totp.generate_otp(step), code):
            if last_step is not None and step <= last_step:
                return None  # this code (or an older one) was used already
            return step
    return None


def qr_svg(uri: str) -> Markup:
    """The otpauth URI as an inline SVG element: no script, no style attribute, no data: URL."""
    out = io.BytesIO()
    segno.make(uri, error="m").save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        nl=False,
        scale=4,
        border=4,
        svgclass="totp-qr",
        lineclass=None,
        title="QR code",
    )
    svg = out.getvalue().decode("ascii")
    # segno writes neither today; fail closed if a new version ever does.
    if "style" in svg or "<script" in svg:
        raise ValueError("the QR code SVG must not carry style or script")
    svg = svg.replace("<svg ", '<svg role="img" aria-labelledby="totp-qr-title" ', 1)
    svg = svg.replace("<title>", '<title id="totp-qr-title">', 1)
    return Markup(svg)  # noqa: S704 - built here from segno's output, no user text in it
