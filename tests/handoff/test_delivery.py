"""Issue #15: a submitted intake becomes related zaken in a ZGW-conformant server, with roles,
a status and documents, exactly once; every request the product sends matches the official
OpenAPI files (the fake server refuses and records any that does not)."""

from __future__ import annotations

import base64

from sqlalchemy import select

from portal.extensions import db
from portal.handoff.models import DELIVERED, Handoff, HandoffZaak
from portal.handoff.process import deliver_due
from tests.residents.conftest import ANOUK, family, submit


def _deliver(app) -> dict:
    with app.app_context():
        return deliver_due()


def test_a_multi_regime_intake_becomes_related_zaken_with_roles_status_and_documents(
    app, zgw, world, clock
):
    _, reference = submit(app, family())
    assert _deliver(app) == {"delivered": 1}
    assert zgw.violations == []

    zaken = zgw.all("zaken")
    regimes = sorted(z["identificatie"].removeprefix(reference + "-") for z in zaken)
    assert len(zaken) >= 2, regimes  # the family needs decisions under several laws
    assert all(z["identificatie"].startswith(reference) for z in zaken)
    assert all(z["bronorganisatie"] == "123456782" for z in zaken)
    for zaak in zaken:
        others = {r["url"] for r in zaak["relevanteAndereZaken"]}
        assert others == {z["url"] for z in zaken} - {zaak["url"]}
        assert {r["aardRelatie"] for r in zaak["relevanteAndereZaken"]} == {"bijdrage"}
        assert zaak["status"], "every zaak has its first status"
    rollen = zgw.all("rollen")
    initiators = [r for r in rollen if r["roltoelichting"] == "Aanvrager"]
    assert len(initiators) == len(zaken)
    assert {r["betrokkeneIdentificatie"]["inpBsn"] for r in initiators} == {ANOUK}
    assert any(r["betrokkeneType"] == "medewerker" for r in rollen), "the contact person"
    documents = zgw.all("enkelvoudiginformatieobjecten")
    assert len(documents) == len(zaken)
    assert len(zgw.all("zaakinformatieobjecten")) == len(zaken)
    text = base64.b64decode(documents[0]["inhoud"]).decode("utf-8")
    assert reference in text
    with app.app_context():
        rows = db.session.scalars(select(HandoffZaak)).all()
        assert len(rows) == len(zaken)
        assert db.session.scalars(select(Handoff)).one().state == DELIVERED


def test_delivering_again_duplicates_nothing(app, zgw, world, clock):
    submit(app, family())
    _deliver(app)
    counts = {
        c: len(zgw.all(c)) for c in ("zaken", "rollen", "statussen", "zaakinformatieobjecten")
    }
    with app.app_context():
        from portal.handoff import outbox

        outbox.retry_now(db.session.scalars(select(Handoff)).one())
    assert _deliver(app) == {"delivered": 1}
    assert {c: len(zgw.all(c)) for c in counts} == counts
    assert zgw.violations == []


def test_without_a_broker_the_app_delivers_in_a_thread_of_its_own(app, zgw, world, clock):
    """`make run` has no Redis: the outbox is still used, and a thread in the app delivers it
    after the commit (never inside the resident's request)."""
    import time

    from portal.handoff import dispatch

    app.config["HANDOFF_EMBEDDED_WORKER"] = True
    try:
        submit(app, family())
        for _ in range(100):
            with app.app_context():
                state = db.session.scalars(select(Handoff.state)).one()
            if state == DELIVERED:
                break
            time.sleep(0.1)
    finally:
        # switched off and woken, the thread stops: left running, it swept the shared test
        # database every 30 s and took later tests' rows from under them
        app.config["HANDOFF_EMBEDDED_WORKER"] = False
        dispatch._worker.wake_event.set()
    assert state == DELIVERED
    assert zgw.all("zaken") and zgw.violations == []
