"""Pseudonyms for households in insight results: a keyed hash (HMAC-SHA256) of the household id
with a key only the server has (INSIGHT_PSEUDONYM_KEY, else derived from SECRET_KEY). Without
the key nobody can go from a pseudonym back to a household, nor try all ids; the same household
has the same pseudonym in every run, so two runs can be compared."""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app


def _key() -> bytes:
    configured = current_app.config.get("INSIGHT_PSEUDONYM_KEY")
    if configured:
        return configured.encode()
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, b"insight-pseudonym", hashlib.sha256).digest()


class Pseudonyms:
    """One key for a whole run (read once, not per household)."""

    def __init__(self):
        self.key = _key()

    def __call__(self, household_id: int) -> str:
        digest = hmac.new(self.key, str(household_id).encode(), hashlib.sha256).hexdigest()
        return f"H-{digest[:12].upper()}"
