"""The one error type the engine raises for a bad verordening, a bad date or a bad scenario."""

from __future__ import annotations


class VerordeningError(Exception):
    """A verordening file (or a request against it) is not usable.

    The message is Dutch, because a policy officer reads it, and names the file, the article and
    the rule where that is known: ``verordening/data/x.yaml: artikel 4.2, regel wmo_hh: ...``.
    ``errors`` holds every problem found in one load, so one run shows them all.
    """

    def __init__(self, errors: str | list[str]):
        self.errors = [errors] if isinstance(errors, str) else list(errors)
        super().__init__("\n".join(self.errors))
