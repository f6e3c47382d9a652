"""Reading files from a request (with a cap), and saying in B1 why one was not kept. Used by
the resident's, the desk's and the contact person's pages alike."""

from __future__ import annotations

from flask import request
from flask_babel import gettext as _

from portal.documents import checks
from portal.documents.service import Result, TooMany, Upload, limits

FIELD = "bestand"


def from_request() -> list[Upload]:
    """The files in the form (field `bestand`), each read up to one byte past the limit. A file
    input left empty sends a part without a name: that is no file."""
    cap = limits()["max_bytes"] + 1
    found = []
    for part in request.files.getlist(FIELD):
        if not part or (not part.filename and not part.content_length):
            continue
        found.append(Upload(name=part.filename or "", data=part.stream.read(cap)))
    return found


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def reason_text(reason: str) -> str:
    most = megabytes(limits()["max_bytes"])
    return {
        checks.EMPTY: _("Het bestand is leeg."),
        checks.TOO_BIG: _("Het bestand is te groot. Het mag hoogstens %(mb)s MB zijn.", mb=most),
        checks.WRONG_TYPE: _(
            "Dit is geen PDF, JPG of PNG. Wij kijken naar wat er in het bestand zit, niet naar "
            "de naam. Maak een PDF of een foto van het document."
        ),
        checks.UNREADABLE: _("Wij kunnen dit bestand niet lezen. Het is misschien kapot."),
        checks.BOMB: _(
            "De afbeelding is te groot (te veel pixels). Maak een kleinere foto of een PDF."
        ),
        checks.ENCRYPTED: _(
            "De PDF is beveiligd met een wachtwoord. Wij kunnen hem dan niet controleren. "
            "Stuur hem zonder wachtwoord."
        ),
        checks.ACTIVE: _(
            "De PDF bevat onderdelen die iets kunnen uitvoeren (zoals JavaScript of bijlagen). "
            "Die nemen wij niet aan. Maak een nieuwe PDF, bijvoorbeeld met 'Afdrukken als PDF'."
        ),
    }.get(reason, _("Wij kunnen dit bestand niet aannemen."))


def too_many_text(error: TooMany) -> str:
    if error.per == "upload":
        return _(
            "U koos te veel bestanden. U kunt hoogstens %(count)s bestanden tegelijk sturen. "
            "Er is niets bewaard.",
            count=error.limit,
        )
    return _(
        "Er zijn al te veel documenten bij deze aanvraag: hoogstens %(count)s. Er is niets "
        "bewaard. Bel de gemeente als u meer wilt sturen.",
        count=error.limit,
    )


def refusals(result: Result) -> list[str]:
    return [
        _("%(name)s is niet bewaard. %(reason)s", name=name, reason=reason_text(reason))
        for name, reason in result.refused
    ]
