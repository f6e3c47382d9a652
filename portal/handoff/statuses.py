"""Read each zaak's status back from the Zaken API into `handoff_zaak` (a worker task every
five minutes). Pages show this copy with the time it was read, so a ZGW outage shows the last
known status, never an error page."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from portal import clock
from portal.extensions import db
from portal.handoff import zgw
from portal.handoff.models import DELIVERED, FAILED, INTAKE, Handoff, HandoffZaak


def read_one(apis: zgw.Apis, zaak: HandoffZaak) -> None:
    found = apis.zaken.get(zaak.url)
    status_url = found.get("status")
    label = None
    if status_url:
        status = apis.zaken.get(status_url)
        statustype = apis.catalogi.get(status["statustype"])
        label = statustype.get("statustekst") or statustype.get("omschrijving")
    # the statustype's own words; none invented here when the zaak has no status yet
    zaak.status = label[:200] if label else None
    zaak.status_read_at = clock.now()


def read_all(household_id: int | None = None) -> int:
    apis = zgw.from_config(current_app.config)
    if apis is None:
        return 0
    query = select(HandoffZaak).order_by(HandoffZaak.id)
    if household_id is not None:
        query = query.where(HandoffZaak.household_id == household_id)
    read = 0
    for zaak in db.session.scalars(query).all():
        try:
            read_one(apis, zaak)
        except zgw.ZGWError as error:  # keep the last known status
            current_app.logger.info("zaak status not read (%s): %s", zaak.identificatie, error)
            continue
        read += 1
    db.session.commit()
    return read


def for_household(household_id: int) -> list[HandoffZaak]:
    return list(
        db.session.scalars(
            select(HandoffZaak)
            .where(HandoffZaak.household_id == household_id)
            .order_by(HandoffZaak.id)
        )
    )


def waiting(household_id: int) -> dict[int, str]:
    """Per intake whose hand-off is not delivered yet: a line for the household file."""
    rows = db.session.scalars(
        select(Handoff).where(
            Handoff.household_id == household_id,
            Handoff.kind == INTAKE,
            Handoff.state != DELIVERED,
        )
    )
    return {
        row.intake_id: (
            _("De overdracht naar het zaaksysteem is mislukt; het beheer is gewaarschuwd.")
            if row.state == FAILED
            else _("Wordt overgedragen naar het zaaksysteem.")
        )
        for row in rows
    }
