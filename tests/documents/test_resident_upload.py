"""Issue #19, documents on Mijn aanvraag: a resident sends PDF, JPEG and PNG files for one of
their applications' regimes; a disguised executable, a 40 MB file, an empty file, too many
files, a PDF with JavaScript and a decompression bomb are refused with a clear message, and
nothing else is lost (the good files of the same upload are kept, the choices stay)."""

from __future__ import annotations

from PIL import Image

from portal.config import PROJECT_ROOT
from tests.documents.conftest import (
    FORTY_MB,
    disguised_executable,
    jpeg_with_location,
    pdf,
    png,
    png_bomb,
    stored_files,
)
from tests.documents.helpers import MIJN, documents, family_household, upload
from tests.residents.conftest import OTHER, YOUSSEF, confirm_member, other_family, resident_login
from tests.residents.conftest import submit as submit_intake
from tests.staff.conftest import text

PDF = "application/pdf"


def wmo(household_id: int) -> str:
    return f"regeling-{household_id}-wmo"


def test_the_page_offers_the_regimes_of_the_residents_own_applications(
    app, client, world, clock, store_dir
):
    household = family_household(app)
    resident_login(client, "anouk")
    response = client.get(MIJN)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    body = text(response)
    assert "Een document sturen" in body and "Hoogstens 10 MB per bestand" in body
    html = response.get_data(as_text=True)
    assert f'value="{wmo(household)}"' in html
    assert 'enctype="multipart/form-data"' in html and 'type="file"' in html
    assert "De gemeente vraagt u nu niets." in body


def test_good_files_of_each_type_are_kept_outside_the_web_root(
    app, client, world, clock, store_dir
):
    household = family_household(app)
    resident_login(client, "anouk")
    response = upload(
        client,
        wmo(household),
        (pdf(), "huurcontract.pdf", PDF),
        (jpeg_with_location(), "foto.jpg", "image/jpeg"),
        (png(), "scan.png", "image/png"),
        description="Huur en foto's",
    )
    assert response.status_code == 303, text(response)[:800]
    kept = documents(app)
    assert [d.content_type for d in kept] == ["application/pdf", "image/jpeg", "image/png"]
    assert {d.purpose for d in kept} == {"wmo"} and {d.source for d in kept} == {"resident"}
    on_disk = stored_files(store_dir)
    assert len(on_disk) == 3
    assert all(PROJECT_ROOT / "portal" / "static" not in p.parents for p in on_disk)
    assert all("huurcontract" not in p.name for p in on_disk)  # a random key, not the name
    photo = next(p for p in on_disk if p.suffix == ".jpg")
    assert not Image.open(photo).getexif()  # the camera and the place are gone
    body = text(client.get(response.headers["Location"]))
    assert "Wij hebben uw document bewaard" in body
    assert (
        "huurcontract.pdf" in body
        and "foto.jpg" in body
        and "Wet maatschappelijke ondersteuning 2015" in body
    )


def test_a_disguised_executable_is_refused_by_its_content_and_the_choices_stay(
    app, client, world, clock, store_dir
):
    household = family_household(app)
    resident_login(client, "anouk")
    response = upload(
        client,
        wmo(household),
        (disguised_executable(), "loonstrook.pdf", PDF),
        description="Mijn loonstrook",
    )
    assert response.status_code == 400
    body = text(response)
    assert "loonstrook.pdf is niet bewaard. Dit is geen PDF, JPG of PNG." in body
    assert "Er is een probleem" in body
    html = response.get_data(as_text=True)
    assert 'value="Mijn loonstrook"' in html  # what was typed is still there
    assert f'value="{wmo(household)}" checked' in html
    assert documents(app) == [] and stored_files(store_dir) == []


def test_a_40_mb_file_is_refused_with_the_limit(app, client, world, clock, store_dir):
    household = family_household(app)
    resident_login(client, "anouk")
    response = upload(client, wmo(household), (FORTY_MB, "groot.pdf", PDF))
    assert response.status_code == 400
    assert "groot.pdf is niet bewaard. Het bestand is te groot. Het mag hoogstens 10 MB zijn." in (
        text(response)
    )
    assert documents(app) == []


def test_empty_bomb_and_javascript_are_refused_and_the_good_file_of_the_same_upload_is_kept(
    app, client, world, clock, store_dir
):
    household = family_household(app)
    resident_login(client, "anouk")
    response = upload(
        client,
        wmo(household),
        (b"", "leeg.pdf", PDF),
        (png_bomb(), "enorm.png", "image/png"),
        (pdf(javascript=True), "formulier.pdf", PDF),
        (pdf(password="geheim"), "beveiligd.pdf", PDF),
        (pdf(), "goed.pdf", PDF),
    )
    assert response.status_code == 400
    body = text(response)
    assert "leeg.pdf is niet bewaard. Het bestand is leeg." in body
    assert "enorm.png is niet bewaard. De afbeelding is te groot (te veel pixels)." in body
    assert (
        "formulier.pdf is niet bewaard. De PDF bevat onderdelen die iets kunnen uitvoeren" in body
    )
    assert "beveiligd.pdf is niet bewaard. De PDF is beveiligd met een wachtwoord." in body
    assert "Bewaard: goed.pdf." in body
    assert [d.original_name for d in documents(app)] == ["goed.pdf"]
    assert len(stored_files(store_dir)) == 1


def test_too_many_files_at_once_or_for_the_household(app, client, world, clock, store_dir):
    household = family_household(app)
    resident_login(client, "anouk")
    six = [(png(), f"scan{n}.png", "image/png") for n in range(6)]
    response = upload(client, wmo(household), *six)
    assert response.status_code == 400
    assert "U koos te veel bestanden. U kunt hoogstens 5 bestanden tegelijk sturen." in text(
        response
    )
    assert documents(app) == [] and stored_files(store_dir) == []
    app.config["DOCUMENTS_MAX_PER_HOUSEHOLD"] = 2
    assert upload(client, wmo(household), *six[:2]).status_code == 303
    response = upload(client, wmo(household), six[2])
    assert response.status_code == 400
    assert "Er zijn al te veel documenten bij deze aanvraag: hoogstens 2." in text(response)
    assert len(documents(app)) == 2


def test_no_file_or_no_choice_is_a_clear_error(app, client, world, clock, store_dir):
    household = family_household(app)
    resident_login(client, "anouk")
    response = upload(client, wmo(household))
    assert response.status_code == 400 and "Kies een bestand." in text(response)
    response = upload(client, "", (pdf(), "a.pdf", PDF))
    assert response.status_code == 400 and "Kies waar het document voor is." in text(response)
    response = upload(client, "regeling-999999-wmo", (pdf(), "a.pdf", PDF))
    assert response.status_code == 400  # not one of the choices on the page
    assert documents(app) == []


def test_a_file_over_the_request_limit_is_cut_off_with_413(app, client, world, clock, store_dir):
    household = family_household(app)
    resident_login(client, "anouk")
    app.config["DOCUMENTS_MAX_REQUEST_BYTES"] = 1024 * 1024
    response = upload(client, wmo(household), (b"%PDF-" + b"0" * 2 * 1024 * 1024, "a.pdf", PDF))
    assert response.status_code == 413
    assert documents(app) == []


def test_the_resident_downloads_their_own_file_as_an_attachment(
    app, client, world, clock, store_dir
):
    household = family_household(app)
    resident_login(client, "anouk")
    original = pdf()
    upload(client, wmo(household), (original, "huur.pdf", PDF))
    (document,) = documents(app)
    response = client.get(f"{MIJN}{document.id}")
    assert response.status_code == 200
    assert response.data == original
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Type"] == "application/pdf"
    assert "sandbox" in response.headers["Content-Security-Policy"]


def test_nobody_else_of_the_household_and_no_other_resident_opens_it(app, world, clock, store_dir):
    household = family_household(app)
    submit_intake(app, other_family())
    confirm_member(app, YOUSSEF)  # the partner sees the household, not Anouk's documents
    anouk = app.test_client()
    resident_login(anouk, "anouk")
    upload(anouk, wmo(household), (pdf(), "eigen.pdf", PDF))
    (document,) = documents(app)
    for sub in ("youssef", "other"):
        someone = app.test_client()
        resident_login(someone, sub)
        assert someone.get(f"{MIJN}{document.id}").status_code == 404
        assert "eigen.pdf" not in text(someone.get(MIJN))
    assert OTHER  # the other family's applicant


def test_a_staff_session_never_opens_the_resident_page(app, world, clock, store_dir):
    from tests.staff.conftest import login

    staff = app.test_client()
    login(staff, world["a"], clock)
    response = staff.get(MIJN)
    assert response.status_code == 302 and "/mijn/inloggen" in response.headers["Location"]
