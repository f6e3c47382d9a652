"""Issue #19, documents at the desk: the front-desk employee adds what a walk-in resident
brings to the intake they sent together today; a bad file is refused there too; the desk
cannot open documents afterwards, nor add to someone else's or an older intake."""

from __future__ import annotations

from portal.extensions import db
from portal.models import Intake
from tests.documents.conftest import disguised_executable, png
from tests.documents.helpers import documents, upload
from tests.residents.conftest import family, submit
from tests.staff.conftest import login, make_staff, text

DESK = "/balie/documenten/"


def _desk_intake(app, world, clock) -> tuple[int, str]:
    household, reference = submit(app, family(), verified=False)
    with app.app_context():
        intake = db.session.query(Intake).filter_by(reference=reference).one()
        intake.channel, intake.acting_staff_id = "front_desk", world["desk"].id
        intake.submitted_at = clock()
        db.session.commit()
    return household, reference


def test_the_desk_adds_a_scan_to_todays_intake(app, world, clock, store_dir):
    household, reference = _desk_intake(app, world, clock)
    desk = app.test_client()
    login(desk, world["desk"], clock)
    assert reference in text(desk.get(DESK))
    page = desk.get(f"{DESK}{reference}")
    assert page.status_code == 200 and 'type="file"' in page.get_data(as_text=True)
    response = upload(desk, "wmo", (png(), "scan-id.png", "image/png"), url=f"{DESK}{reference}")
    assert response.status_code == 303, text(response)[:500]
    (document,) = documents(app)
    assert (document.source, document.purpose, document.household_id) == ("desk", "wmo", household)
    assert document.uploaded_by_staff_id == world["desk"].id and document.member_id is not None
    assert "scan-id.png" in text(desk.get(f"{DESK}{reference}"))
    # the desk does not open it afterwards
    url = f"/medewerkers/huishoudens/{household}/documenten/{document.id}"
    assert desk.get(url).status_code == 403
    # the contact person does
    a = app.test_client()
    login(a, world["a"], clock)
    assert a.get(url).status_code == 200


def test_a_disguised_executable_is_refused_at_the_desk_too(app, world, clock, store_dir):
    _household, reference = _desk_intake(app, world, clock)
    desk = app.test_client()
    login(desk, world["desk"], clock)
    response = upload(
        desk, "wmo", (disguised_executable(), "paspoort.png", "image/png"), url=f"{DESK}{reference}"
    )
    assert response.status_code == 400
    assert "paspoort.png is niet bewaard. Dit is geen PDF, JPG of PNG." in text(response)
    assert documents(app) == []


def test_not_someone_elses_or_an_older_intake(app, world, clock, store_dir):
    _household, reference = _desk_intake(app, world, clock)
    colleague = make_staff(app, "loket2@test.example", "front_desk")
    other = app.test_client()
    login(other, colleague, clock)
    assert other.get(f"{DESK}{reference}").status_code == 404
    assert reference not in text(other.get(DESK))
    clock.advance(hours=13)
    desk = app.test_client()
    login(desk, world["desk"], clock)
    assert desk.get(f"{DESK}{reference}").status_code == 404
    assert desk.get(f"{DESK}ONBEKEND").status_code == 404
    a = app.test_client()
    login(a, world["a"], clock)
    assert a.get(DESK).status_code == 403
