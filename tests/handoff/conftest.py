"""Hand-off fixtures: the fake ZGW server, an app pointed at it with a zaaktype per regime."""

from __future__ import annotations

import contextlib

import pytest

from portal.extensions import db
from portal.handoff.models import ZaaktypeMapping
from tests.conftest import make_app
from tests.households.conftest import world  # noqa: F401  (fixture)
from tests.staff.conftest import clock  # noqa: F401  (fixture)
from tests.zgw.fake_server import FakeZGW


@pytest.fixture
def zgw():
    server = FakeZGW().start()
    yield server
    with contextlib.suppress(OSError):  # a test stopped it already
        server.stop()


@pytest.fixture
def app(migrated, zgw, app):
    """The shared `app` (cleaned after the test), pointed at the fake ZGW server."""
    app.config.update(zgw.config())
    with app.app_context():
        for regime, url in zgw.catalogue.items():
            db.session.add(ZaaktypeMapping(regime=regime, zaaktype_url=url))
        db.session.commit()
    return app


__all__ = ["make_app"]
