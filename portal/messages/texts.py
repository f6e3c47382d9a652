"""The words of each message: B1, in the resident's language, and with **nothing sensitive**.
A message says there is news and where to read it (Mijn aanvraag, with DigiD); it never names
a provision, a regime, a member, a worry or the contact person. The intake-received message
gives the reference number and the statutory dates by which the municipality must answer."""

from __future__ import annotations

import re
from datetime import date

from babel.dates import format_date
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from portal.i18n import offered_languages
from portal.messages.models import (
    AGREEMENT_DUE,
    CONTACT_PERSON,
    DOCUMENT_REQUESTED,
    EVALUATION_DUE,
    INTAKE_RECEIVED,
    PLAN_ISSUED,
    SMS,
    SURVEY_INVITED,
    SURVEY_REMINDER,
    TERM_EXTENDED,
)


def language_of(answers: dict | None) -> str:
    """The language the resident asked for in the intake, when we have the words in it;
    otherwise Dutch (docs/messages.md)."""
    preferred = ((answers or {}).get("language") or {}).get("preferred")
    return preferred if preferred in offered_languages() else "nl"


def mijn_url() -> str:
    return current_app.config["PUBLIC_URL"].rstrip("/") + "/mijn/"


def _dates(due: list[date], language: str) -> str:
    if not due:
        return ""
    first, last = min(due), max(due)
    first_text = format_date(first, "long", locale=language)
    if first == last:
        return _("De gemeente moet uiterlijk op %(date)s reageren.", date=first_text)
    return _(
        "De gemeente moet op tijd reageren. De eerste termijn eindigt op %(first)s. "
        "De laatste termijn eindigt op %(last)s.",
        first=first_text,
        last=format_date(last, "long", locale=language),
    )


def _long(day: date | None, language: str) -> str:
    return format_date(day, "long", locale=language) if day else ""


def render(
    event: str,
    channel: str,
    language: str,
    *,
    reference: str = "",
    due: list[date] = (),
    on: date | None = None,
) -> tuple[str, str]:
    """(subject, body) of one message."""
    municipality = current_app.config["MUNICIPALITY_NAME"]
    url = mijn_url()
    with force_locale(language):
        if event == INTAKE_RECEIVED:
            subject = _("Wij hebben uw aanvraag ontvangen")
            news = [
                _(
                    "Wij hebben uw aanvraag ontvangen. Uw nummer is %(reference)s.",
                    reference=reference,
                ),
                _("Noem dit nummer als u de gemeente belt."),
                _dates(list(due), language),
            ]
        elif event == CONTACT_PERSON:
            subject = _("Er is nieuws over uw aanvraag")
            news = [_("U heeft een nieuwe contactpersoon, of voor het eerst een contactpersoon.")]
        elif event == PLAN_ISSUED:
            subject = _("Uw plan is klaar")
            news = [
                _("Uw ondersteuningsplan is klaar."),
                _("Wilt u het lezen en zeggen of u het ermee eens bent?"),
            ]
        elif event == TERM_EXTENDED:
            subject = _("Wij hebben meer tijd nodig")
            news = [
                _("De gemeente heeft meer tijd nodig om over uw aanvraag te beslissen."),
                _("Wij beslissen uiterlijk op %(date)s.", date=_long(on, language)),
            ]
        elif event == EVALUATION_DUE:
            subject = _("Binnenkort praten wij over uw plan")
            news = [
                _(
                    "Op %(date)s kijken wij samen met u hoe het gaat met uw plan.",
                    date=_long(on, language),
                )
            ]
        elif event == AGREEMENT_DUE:
            subject = _("Een afspraak uit uw plan komt eraan")
            news = [
                _(
                    "Op %(date)s moet een afspraak uit uw plan klaar zijn.",
                    date=_long(on, language),
                ),
                _("Op Mijn aanvraag leest u welke afspraak."),
            ]
        elif event == DOCUMENT_REQUESTED:
            # what is asked, why and by when stay on Mijn aanvraag: a document's name can tell
            # what the household is going through
            subject = _("De gemeente vraagt u iets")
            news = [
                _("De gemeente vraagt u om een document."),
                _("Op Mijn aanvraag leest u wat wij vragen en tot wanneer."),
            ]
        elif event == SURVEY_INVITED:
            # no word about the plan or the help: only that we ask for an opinion
            subject = _("Wat vindt u van onze hulp?")
            news = [
                _("Wij willen graag weten wat u van onze hulp vindt."),
                _("Op Mijn aanvraag staan een paar korte vragen. Meedoen mag, het hoeft niet."),
            ]
        elif event == SURVEY_REMINDER:
            subject = _("Wat vindt u van onze hulp?")
            news = [
                _(
                    "U kunt nog tot en met %(date)s meedoen met onze korte vragen.",
                    date=_long(on, language),
                ),
                _("Meedoen mag, het hoeft niet."),
            ]
        else:  # pragma: no cover - every event has words
            raise ValueError(event)
        read = _("Lees alles op Mijn aanvraag: %(url)s. U logt in met DigiD.", url=url)
        if channel == SMS:
            body = f"{municipality}: {subject}. {read}"
            if event == INTAKE_RECEIVED:
                body = f"{municipality}: {news[0]} {read}"
            elif event == TERM_EXTENDED:
                body = f"{municipality}: {subject}. {news[1]} {read}"
            elif event in (EVALUATION_DUE, AGREEMENT_DUE, SURVEY_REMINDER):
                body = f"{municipality}: {news[0]} {read}"
            return subject, _one_stop(body)
        greeting = _("Beste meneer, mevrouw,")
        closing = _("Met vriendelijke groet,")
        note = _("Dit bericht is vanzelf verstuurd. U kunt berichten uitzetten op Mijn aanvraag.")
        lines = [greeting, "", " ".join(n for n in news if n), "", read, "", closing, municipality]
        return subject, _one_stop("\n".join([*lines, "", note]) + "\n")


#: A full stop after a sentence that already ended: a question ("…hulp?.", Arabic "؟.") or a
#: date whose own form ends in a dot (a Ukrainian long date ends in an abbreviated "year.").
_DOUBLE_STOP = re.compile(r"(?<=[.?!؟])\.(?=\s|$)")


def _one_stop(text: str) -> str:
    return _DOUBLE_STOP.sub("", text)
