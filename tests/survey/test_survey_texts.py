"""Issue #18: the survey's free texts. A policy officer reads them on the figures page and in a
CSV, but only for a quarter/team cell with at least 5 responses, and with what could identify
someone (a BSN, a phone number, an e-mail address, a postcode with house number) replaced by
"[weggelaten]". A team lead and an admin see the counts, never the texts; a contact person and
the front desk see neither."""

from __future__ import annotations

import csv
import io
from datetime import date

from portal.extensions import db
from portal.survey import service
from portal.survey.models import SurveyResponse
from tests.staff.conftest import login, make_staff, text

NOORD_TEXT = "Fijne hulp! Bel mij op 06-12345678 of mail piet@example.nl, BSN 123456782."
ADDRESS_TEXT = "Ik woon op 2741 AB 12a en kreeg 1200 op mijn rekening."
ZUID_TEXT = "Alleen vier mensen in dit team: dit mag niemand lezen."


def _responses(app, period: date, team_id, comments: list[str | None]) -> None:
    with app.app_context():
        for number, comment in enumerate(comments):
            key = f"t{period:%Y%m}{team_id or 0}-{number:020d}"[:32]
            db.session.add(
                SurveyResponse(id=key, period_start=period, team_id=team_id, comment=comment)
            )
        db.session.commit()


def _world(app, world):
    q4 = date(2026, 10, 1)
    noord, zuid = world["teams"]["noord"], world["teams"]["zuid"]
    # Noord: 5 responses, two with a text; Zuid: 4 responses, one with a text
    _responses(app, q4, noord, [NOORD_TEXT, ADDRESS_TEXT, None, None, None])
    _responses(app, q4, zuid, [ZUID_TEXT, None, None, None])


def test_what_could_identify_someone_is_taken_out():
    cases = {
        "Mijn BSN is 123456782.": "Mijn BSN is [weggelaten].",
        "BSN 1234.56.789": "BSN [weggelaten]",
        "Bel 06-12345678 of +31 6 1234 5678": "Bel [weggelaten] of [weggelaten]",
        "tel: (010) 123 45 67": "tel: [weggelaten]",
        "mail jan.de.vries@example.nl": "mail [weggelaten]",
        "Ik woon op 2741 AB 12a, Waddinxveen": "Ik woon op [weggelaten], Waddinxveen",
        "postcode 2741ab": "postcode [weggelaten]",
        "adres 2741 ab 7": "adres [weggelaten]",
        # what identifies nobody stays
        "Ik ben 85 jaar, wacht al 3 weken en kreeg 1200 op mijn rekening.": (
            "Ik ben 85 jaar, wacht al 3 weken en kreeg 1200 op mijn rekening."
        ),
    }
    for written, shown in cases.items():
        assert service.redact(written) == shown, written


def test_the_policy_officer_reads_the_texts_of_cells_with_five_responses(mail_app, world, clock):
    _world(mail_app, world)
    officer = mail_app.test_client()
    login(officer, make_staff(mail_app, "beleid@test.example", "policy_officer"), clock)
    page = officer.get("/medewerkers/tevredenheid?jaar=2026")
    assert page.status_code == 200
    shown = text(page)
    assert "Opmerkingen van bewoners" in shown and "2026-K4, Noord" in shown
    assert "Fijne hulp! Bel mij op [weggelaten] of mail [weggelaten], BSN [weggelaten]." in shown
    assert "Ik woon op [weggelaten] en kreeg 1200 op mijn rekening." in shown
    for secret in ("12345678", "piet@example.nl", "123456782", "2741 AB"):
        assert secret not in page.get_data(as_text=True), secret
    assert "dit mag niemand lezen" not in shown  # Zuid: 4 responses
    zuid = officer.get(f"/medewerkers/tevredenheid?jaar=2026&team={world['teams']['zuid']}")
    assert "dit mag niemand lezen" not in text(zuid)
    assert "Geen opmerkingen om te tonen." in text(zuid)

    export = officer.get("/medewerkers/tevredenheid-opmerkingen.csv?jaar=2026&kwartaal=4")
    assert export.status_code == 200 and export.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(export.get_data(as_text=True)), delimiter=";"))
    assert rows[0] == ["kwartaal", "team", "opmerking"]
    assert sorted(rows[1:]) == sorted(
        [
            ["2026-K4", "Noord", service.redact(NOORD_TEXT)],
            ["2026-K4", "Noord", service.redact(ADDRESS_TEXT)],
        ]
    )
    # the counts' CSV never holds a text
    counts = officer.get("/medewerkers/tevredenheid.csv?jaar=2026").get_data(as_text=True)
    assert "Fijne hulp" not in counts


def test_a_text_that_starts_like_a_formula_is_quoted_in_the_csv(mail_app, world, clock):
    _responses(mail_app, date(2026, 10, 1), None, ["=HYPERLINK(1)", None, None, None, None])
    officer = mail_app.test_client()
    login(officer, make_staff(mail_app, "beleid@test.example", "policy_officer"), clock)
    export = officer.get("/medewerkers/tevredenheid-opmerkingen.csv?jaar=2026")
    rows = list(csv.reader(io.StringIO(export.get_data(as_text=True)), delimiter=";"))
    assert rows[1] == ["2026-K4", "Geen team", "'=HYPERLINK(1)"]


def test_a_team_lead_and_an_admin_see_the_counts_but_never_the_texts(mail_app, world, clock):
    _world(mail_app, world)
    for who in ("l", "admin"):
        client = mail_app.test_client()
        login(client, world[who], clock)
        page = client.get("/medewerkers/tevredenheid?jaar=2026")
        assert page.status_code == 200, who
        shown = text(page)
        assert "Aantal ingevulde vragenlijsten: 9" in shown, who
        assert "Opmerkingen van bewoners" not in shown and "Fijne hulp" not in shown, who
        assert "tevredenheid-opmerkingen.csv" not in page.get_data(as_text=True), who
        csv_url = "/medewerkers/tevredenheid-opmerkingen.csv?jaar=2026"
        assert client.get(csv_url).status_code == 403, who


def test_a_contact_person_and_the_front_desk_see_neither(mail_app, world, clock):
    _world(mail_app, world)
    for who in ("a", "desk"):
        client = mail_app.test_client()
        login(client, world[who], clock)
        assert client.get("/medewerkers/tevredenheid").status_code == 403, who
        csv_url = "/medewerkers/tevredenheid-opmerkingen.csv"
        assert client.get(csv_url).status_code == 403, who
    assert (
        mail_app.test_client().get("/medewerkers/tevredenheid-opmerkingen.csv").status_code == 302
    )
