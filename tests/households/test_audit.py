"""Every read and change of household data writes an audit row (who, role, household, action,
what, ip, when); no row holds a BSN, a name or an answer; the table is append-only."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from portal.extensions import db
from portal.households.models import AuditEvent
from portal.households.resident import who_looked
from tests.households.conftest import FAMILY_BSN, family, login, submit

BASE = "/medewerkers/huishoudens"


def rows(app) -> list[AuditEvent]:
    with app.app_context():
        found = db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id)).all()
        db.session.expunge_all()
        return found


def test_reads_and_changes_are_audited_without_a_bsn(app, world, clock):
    household = submit(app, family("2741AB"))
    client = app.test_client()
    login(client, world["a"], clock)
    client.get(BASE)
    client.get(f"{BASE}/{household}")
    client.post(f"{BASE}/{household}/notitie", data={"kind": "call", "body": "BSN 999990019?"})
    client.post(f"{BASE}/{household}/vastgelopen", data={"reason": "Anouk heeft depressie"})
    found = rows(app)
    assert [(r.action, r.household_id, r.role) for r in found] == [
        ("search", None, "contact_person"),
        ("search", household, "contact_person"),  # the list showed it (issue #14)
        ("read", household, "contact_person"),
        ("change", household, "contact_person"),
        ("change", household, "contact_person"),
    ]
    assert all(r.staff_id == world["a"].id and r.ip and r.at for r in found)
    assert found[2].what == f"household:{household}"
    # Nothing personal in the trail, even when a note itself holds a BSN or a health word.
    with app.app_context():
        dump = " ".join(
            " ".join(str(value) for value in row)
            for row in db.session.execute(sa.text("SELECT * FROM audit_event"))
        )
    for secret in (FAMILY_BSN, "999990032", "Anouk", "depressie"):
        assert secret not in dump


def test_a_refused_read_leaves_a_trace_but_is_not_a_read(app, world, clock):
    """Issue #14: probing another household's file is audited (who, which id, when), but it is
    no look at the resident's data: their "who looked" list does not show it."""
    household = submit(app, family("2741AB"))
    client = app.test_client()
    login(client, world["b"], clock)
    assert client.get(f"{BASE}/{household}").status_code == 404
    assert client.get(f"{BASE}/{household + 999}").status_code == 404  # does not exist
    found = [(r.action, r.household_id, r.what, r.staff_id) for r in rows(app)]
    assert found == [
        ("refused", household, f"household:{household}:read", world["b"].id),
        ("refused", None, f"household:{household + 999}:read", world["b"].id),
    ]
    with app.app_context():
        assert who_looked(household) == []


def test_the_admin_read_names_the_access_grant(app, world, clock):
    household = submit(app, family("2741AB"))
    client = app.test_client()
    login(client, world["admin"], clock)
    client.post(f"{BASE}/{household}/inzage", data={"reason": "Klacht nummer 2026-7"})
    client.get(f"{BASE}/{household}")
    grant, read = rows(app)
    assert (grant.action, grant.role) == ("change", "admin")
    assert grant.what.startswith("access_grant:")
    assert (read.action, read.role, read.acting_for) == ("read", "admin", grant.what)


def test_no_code_updates_or_deletes_audit_rows():
    from pathlib import Path

    source = "\n".join(p.read_text() for p in (Path(__file__).parents[2] / "portal").rglob("*.py"))
    assert "update(AuditEvent" not in source and "delete(AuditEvent" not in source


def test_on_postgresql_the_database_refuses_update_and_delete(app, world, clock):
    household = submit(app, family("2741AB"))
    client = app.test_client()
    login(client, world["a"], clock)
    client.get(f"{BASE}/{household}")
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("the append-only trigger exists on PostgreSQL only")
        for statement in ("UPDATE audit_event SET action = 'x'", "DELETE FROM audit_event"):
            with pytest.raises(DBAPIError, match="append-only"):
                db.session.execute(sa.text(statement))
            db.session.rollback()


def test_the_resident_can_be_told_who_looked_and_who_their_contact_is(app, world, clock):
    from portal.households import resident

    household = submit(app, family("2741AB"))
    other = submit(app, family("2745AB", bsn_offset=3))
    for who, target in (("a", household), ("b", other)):
        client = app.test_client()
        login(client, world[who], clock)
        client.get(f"{BASE}/{target}")
    with app.app_context():
        assert resident.contact_person(household) == "A"
        looks = resident.who_looked(household)
        assert [(look.who, look.role, look.action) for look in looks] == [
            ("A", "contact_person", "read")
        ]
