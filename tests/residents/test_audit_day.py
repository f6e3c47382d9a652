"""Issue #14, audit completeness: a scripted working day of a front-desk worker, a contact
person and a resident, then the audit trail compared with what each of them did. Every read,
change, export, search and refused attempt of staff is there exactly once, with who, role,
household and what; the resident's own use of Mijn aanvraag is no staff access and leaves no
row; the resident's "who looked" list shows the staff reads and changes of their file, and
neither the desk's lookup nor a colleague's refused attempt."""

from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.households.models import AuditEvent
from portal.households.resident import who_looked
from portal.models import Intake
from tests.frontdesk.conftest import FACTS, fill_all_pages, new_front_desk_draft
from tests.intake.helpers import submit as send_form
from tests.residents.conftest import ANOUK, family, other_family, resident_login, submit
from tests.staff.conftest import login, make_staff

BASE = "/medewerkers/huishoudens"


def trail(app) -> list[tuple]:
    with app.app_context():
        return [
            (r.staff_id, r.role, r.action, r.household_id, r.what)
            for r in db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id))
        ]


def test_a_day_of_work_leaves_exactly_the_trail_of_what_was_done(app, world, clock):
    family_id, _ = submit(app, family())  # team Noord: contact person A
    other_id, _ = submit(app, other_family())  # team Zuid: not A's
    desk = make_staff(app, "d@test.example", "front_desk")
    a = world["a"]
    assert trail(app) == []  # filing an online intake is no staff access

    # 09:00 a walk-in at the desk: the form filled in with her, sent, shown, printed
    counter = app.test_client()
    login(counter, desk, clock)
    new_front_desk_draft(counter)
    fill_all_pages(counter)
    counter.post("/balie/afronden", data=FACTS)
    send_form(counter)
    counter.get("/aanvraag/bevestiging")
    counter.get("/aanvraag/bevestiging/afdrukken")
    with app.app_context():
        walk_in = db.session.scalars(sa.select(Intake).order_by(Intake.id.desc())).first()
        walk_in_id, walk_in_household = walk_in.id, walk_in.household_id
    # 09:30 a resident of the family calls the desk: whom should she call?
    counter.post("/balie/inwoner-zoeken", data={"bsn": ANOUK})

    # 10:00 the contact person: the list, the family's file, a note, the plan, a wrong id
    office = app.test_client()
    login(office, a, clock)
    office.get(BASE)
    office.get(f"{BASE}/{family_id}")
    office.post(
        f"{BASE}/{family_id}/notitie", data={"kind": "call", "body": "Gebeld, morgen langs"}
    )
    assert office.get(f"{BASE}/{other_id}").status_code == 404

    # 11:00 the resident reads her own Mijn aanvraag: not a staff access
    resident = app.test_client()
    resident_login(resident, "anouk")
    resident.get("/mijn/")
    resident.get("/mijn/wie-bekeek-mijn-gegevens")

    found = trail(app)
    expected = [
        (desk.id, "front_desk", "change", walk_in_household, f"intake:{walk_in_id}"),
        (desk.id, "front_desk", "read", walk_in_household, f"intake:{walk_in_id}:confirmation"),
        (desk.id, "front_desk", "export", walk_in_household, f"intake:{walk_in_id}:print"),
        (desk.id, "front_desk", "lookup", family_id, "frontdesk:bsn"),
    ]
    assert found[: len(expected)] == expected
    office_rows = [(s, role, action, h) for s, role, action, h, _what in found[len(expected) :]]
    # the list page names each household it showed (one search row per household listed)
    listed = [row for row in office_rows if row[2] == "search"]
    assert (a.id, "contact_person", "search", family_id) in listed
    assert all(h in (None, family_id) for _s, _r, _a, h in listed)  # never the other team's
    rest = [row for row in office_rows if row[2] != "search"]
    assert rest == [
        (a.id, "contact_person", "read", family_id),
        (a.id, "contact_person", "change", family_id),
        (a.id, None, "refused", other_id),  # no role towards that household: hence refused
    ]
    assert len(found) == len(expected) + len(office_rows)  # nothing else, nothing twice

    with app.app_context():
        looks = who_looked(family_id)
        assert {(look.action, look.role) for look in looks} == {
            ("read", "contact_person"),
            ("change", "contact_person"),
            ("search", "contact_person"),
        }
        assert who_looked(other_id) == []  # the refused attempt saw nothing of theirs
