"""Check each regime's zaaktype against the Catalogi API: it must exist and be published, and
have the roltype 'initiator' and at least one statustype and informatieobjecttype, or the
hand-off would fail on every intake of that regime. Run on every save in the admin page and at
every worker start; the admin page shows the result."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from portal import clock
from portal.extensions import db
from portal.handoff import zgw
from portal.handoff.models import ZaaktypeMapping


def problem(apis: zgw.Apis, zaaktype_url: str) -> str | None:
    try:
        zaaktype = apis.catalogi.get(zaaktype_url)
        if zaaktype.get("concept"):
            return "Dit zaaktype is nog een concept (niet gepubliceerd)."
        if not zaaktype.get("informatieobjecttypen"):
            return "Dit zaaktype heeft geen informatieobjecttype voor documenten."
        if (
            apis.catalogi.first(
                "/roltypen", zaaktype=zaaktype_url, omschrijvingGeneriek="initiator"
            )
            is None
        ):
            return "Dit zaaktype heeft geen roltype 'initiator'."
        if apis.catalogi.first("/statustypen", zaaktype=zaaktype_url) is None:
            return "Dit zaaktype heeft geen statustypen."
    except zgw.ZGWError as error:
        return f"Niet te controleren: {error}"
    return None


def check(mapping: ZaaktypeMapping) -> None:
    apis = zgw.from_config(current_app.config)
    mapping.check_error = (
        problem(apis, mapping.zaaktype_url) if apis else "De overdracht is niet ingesteld."
    )
    mapping.checked_at = clock.now()


def check_all() -> None:
    for mapping in db.session.scalars(select(ZaaktypeMapping)).all():
        check(mapping)
    db.session.commit()
