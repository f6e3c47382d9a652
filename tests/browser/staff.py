"""A staff member in a real browser: logs in through the real pages (password, then the code
from the authenticator app, computed here from the account's TOTP key), with the mouse or the
keyboard only. Uses the `Resident` driver: the same axe-core check on every page."""

from __future__ import annotations

import pyotp

from tests.browser.resident import Resident


def log_in(person: Resident, account) -> None:
    """`account`: a tests.staff.conftest.Account (e-mail, password, TOTP key)."""
    person.goto("/medewerkers/inloggen")
    person.answer({"email": account.email, "password": account.password}, rest=None)
    person.press("Verder")
    person.expect_at("/medewerkers/code")
    person.answer({"code": pyotp.TOTP(account.secret).now()}, rest=None)
    person.press("Inloggen")
    assert not person.path.startswith("/medewerkers/code"), person.text()
