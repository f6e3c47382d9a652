"""The household budget (issue #17): lines per provision and period, spending booked by staff
or read from a CSV file, totals per regime and in total, warnings, the one integrated budget,
and who may do what."""

from __future__ import annotations

import re

import sqlalchemy as sa

from portal.budget.models import BudgetBooking, BudgetLine
from portal.caseload.models import HouseholdOutcome
from portal.extensions import db
from tests.budget.conftest import as_, booking_data, budget_url, line_data, words
from tests.plans.conftest import audit_rows


def outcome_id(app, household: int, provision: str) -> int:
    with app.app_context():
        return db.session.scalar(
            sa.select(HouseholdOutcome.id).where(
                HouseholdOutcome.household_id == household,
                HouseholdOutcome.provision_id == provision,
            )
        )


def lines(app, household: int) -> list[BudgetLine]:
    with app.app_context():
        found = db.session.scalars(
            sa.select(BudgetLine).where(BudgetLine.household_id == household)
        ).all()
        db.session.expunge_all()
        return found


def bookings(app, household: int) -> list[tuple[int, int]]:
    with app.app_context():
        return [
            (b.line_id, b.amount_cents)
            for b in db.session.scalars(
                sa.select(BudgetBooking).where(BudgetBooking.household_id == household)
            )
        ]


def add_line(client, household, provision, amount="1.000", start="2026-01-01", end="2026-12-31"):
    return client.post(
        budget_url(household, "/regels"), data=line_data(provision, start, end, amount)
    )


def test_totals_per_regime_and_in_total_with_warnings(app, household, a_client):
    dagbesteding = outcome_id(app, household, "dagbesteding")
    reintegratie = outcome_id(app, household, "reintegratie")
    assert add_line(a_client, household, str(dagbesteding), "1.000").status_code == 303
    assert add_line(a_client, household, str(reintegratie), "2.500,50").status_code == 303
    wmo, participatie = sorted(lines(app, household), key=lambda line: line.id)
    assert (wmo.allocated_cents, participatie.allocated_cents) == (100000, 250050)

    # the clock stands on 23 November 2026: more than 75 % of 2026 has passed
    a_client.post(
        budget_url(household, "/uitgaven"), data=booking_data(wmo.id, "2026-03-15", "300")
    )
    page = words(a_client.get(budget_url(household)))
    assert "Dagbesteding: weinig gebruikt" in page  # 30 % spent
    assert "Ondersteuning bij arbeidsinschakeling: weinig gebruikt" in page  # nothing spent

    a_client.post(
        budget_url(household, "/uitgaven"), data=booking_data(wmo.id, "2026-10-01", "800")
    )
    a_client.post(
        budget_url(household, "/uitgaven"),
        data=booking_data(participatie.id, "2026-11-01", "2.000"),
    )
    file_page = words(a_client.get(f"/medewerkers/huishoudens/{household}"))
    assert "Dagbesteding: meer uitgegeven dan toegekend (€ 100,00 te veel)" in file_page
    assert "Ondersteuning bij arbeidsinschakeling: weinig gebruikt" not in file_page  # 80 %
    row = re.search(
        r"Wet maatschappelijke ondersteuning 2015 (\S+ \S+) (\S+ \S+) (\S+ \S+)", file_page
    )
    assert row.groups() == ("€ 1.000,00", "€ 1.100,00", "€ -100,00")
    row = re.search(r"Participatiewet (\S+ \S+) (\S+ \S+) (\S+ \S+)", file_page)
    assert row.groups() == ("€ 2.500,50", "€ 2.000,00", "€ 500,50")
    total = re.search(r"Totaal (\S+ \S+) (\S+ \S+) (\S+ \S+)", file_page)
    assert total.groups() == ("€ 3.500,50", "€ 3.100,00", "€ 400,50")


def test_negative_huge_or_wrong_amounts_are_refused_and_what_was_typed_stays(
    app, household, a_client
):
    provision = str(outcome_id(app, household, "dagbesteding"))
    for typed, message in [
        ("-50", "Het bedrag kan niet negatief zijn."),
        ("2.000.000", "Het bedrag is te hoog: hoogstens 1 miljoen euro."),
        ("veel", "Schrijf een bedrag in euro, bijvoorbeeld 1.250 of 1250,50."),
        ("0", "Het bedrag moet meer dan 0 euro zijn."),
    ]:
        response = add_line(a_client, household, provision, typed)
        assert response.status_code == 400, typed
        page = response.get_data(as_text=True)
        assert message in words(response)
        assert f'value="{typed}"' in page  # nothing typed is lost
        assert 'id="fouten"' in page  # the error summary takes the focus
    assert lines(app, household) == []

    add_line(a_client, household, provision, "500")
    line = lines(app, household)[0]
    for on, amount, message in [
        ("2026-03-01", "-10", "Het bedrag kan niet negatief zijn."),
        ("2026-12-01", "10", "De datum van de uitgave ligt in de toekomst."),
        ("2025-12-31", "10", "De datum van de uitgave valt buiten de periode van dit budget."),
    ]:
        response = a_client.post(
            budget_url(household, "/uitgaven"), data=booking_data(line.id, on, amount)
        )
        assert response.status_code == 400 and message in words(response), (on, amount)
    assert bookings(app, household) == []


def test_the_period_must_make_sense_and_a_provision_gets_one_budget_per_period(
    app, household, a_client
):
    provision = str(outcome_id(app, household, "dagbesteding"))
    backwards = add_line(a_client, household, provision, "100", "2026-06-01", "2026-01-01")
    assert "Het einde van de periode ligt vóór het begin." in words(backwards)
    assert add_line(a_client, household, provision, "100").status_code == 303
    twice = add_line(a_client, household, provision, "100", "2026-06-01", "2027-05-31")
    assert "Deze voorziening heeft in deze periode al een budget." in words(twice)
    referral = str(outcome_id(app, household, "ww_uitkering"))  # UWV: no municipal budget
    assert add_line(a_client, household, referral, "100").status_code == 400
    assert len(lines(app, household)) == 1


CSV_GOOD = (
    "datum;regeling;voorziening;bedrag;omschrijving;leverancier\n"
    "15-03-2026;wmo;dagbesteding;125,50;Maart;Zorg De Linde\n"
    "2026-04-15;wmo;dagbesteding;1.000;April;Zorg De Linde\n"
)


def upload(client, household, content: str, name: str = "svb.csv"):
    import io

    return client.post(
        budget_url(household, "/inlezen"),
        data={"file": (io.BytesIO(content.encode("utf-8")), name)},
        content_type="multipart/form-data",
    )


def test_a_good_csv_file_is_booked_once(app, household, a_client):
    add_line(a_client, household, str(outcome_id(app, household, "dagbesteding")), "5.000")
    line = lines(app, household)[0]
    response = upload(a_client, household, CSV_GOOD)
    assert response.status_code == 303
    assert sorted(bookings(app, household)) == [(line.id, 12550), (line.id, 100000)]
    again = upload(a_client, household, CSV_GOOD)
    assert again.status_code == 400
    assert "Dit bestand is al eerder ingelezen. Er is niets dubbel geboekt." in words(again)
    assert len(bookings(app, household)) == 2
    page = words(a_client.get(budget_url(household)))
    assert "Zorg De Linde" in page and "Ingelezen bestand" in page
    assert ("change", "budget_import:2") in audit_rows(app, household)


def test_a_bad_csv_file_imports_nothing_and_says_what_is_wrong_per_line(app, household, a_client):
    add_line(a_client, household, str(outcome_id(app, household, "dagbesteding")), "5.000")
    bad = (
        "Datum,Regeling,Voorziening,Bedrag\n"
        "15-03-2026,wmo,dagbesteding,100\n"
        "16-03-2026,wmo,dagbesteding,-20\n"
        "31-02-2026,wmo,dagbesteding,10\n"
        "17-03-2026,wmo,scootmobiel,10\n"
        "18-03-2026,wmo,dagbesteding,5000000\n"
        "19-03-2026,wmo,dagbesteding,twintig\n"
    )
    response = upload(a_client, household, bad)
    assert response.status_code == 400
    page = words(response)
    assert "Er is niets ingelezen. Verbeter het bestand en stuur het opnieuw." in page
    assert "Regel 3: het bedrag -20 is negatief." in page
    assert "Regel 4: de datum '31-02-2026' is geen datum (schrijf 15-03-2026)." in page
    assert "Regel 5: er is geen budget voor wmo / scootmobiel op die datum." in page
    assert "Regel 6: het bedrag 5000000 is te hoog (hoogstens 1 miljoen euro)." in page
    assert "Regel 7: 'twintig' is geen bedrag (schrijf 1.250,50)." in page
    assert "Regel 2" not in page
    assert bookings(app, household) == []

    missing = upload(a_client, household, "datum;bedrag\n15-03-2026;10\n")
    assert "Deze kolommen ontbreken: regeling, voorziening." in words(missing)
    binary = a_client.post(
        budget_url(household, "/inlezen"),
        data={"file": (__import__("io").BytesIO(b"%PDF-1.4\x00\x01\xff"), "x.csv")},
        content_type="multipart/form-data",
    )
    assert binary.status_code == 400
    assert "Dit is geen CSV-bestand (tekst)." in words(binary)
    assert bookings(app, household) == []


def test_one_integrated_budget_where_the_verordening_allows_it(app, household, a_client):
    response = add_line(a_client, household, "integrated", "12.000")
    assert response.status_code == 303
    (line,) = lines(app, household)
    assert line.integrated and line.label == "Gezinsbudget"
    assert line.covers("wmo") and line.covers("jeugdwet")
    # a Wmo provision in the same period books on the family budget, not on a line of its own
    own = add_line(a_client, household, str(outcome_id(app, household, "dagbesteding")), "100")
    assert "Deze voorziening valt in deze periode onder het gezinsbudget." in words(own)
    integrated_csv = (
        "datum;regeling;voorziening;bedrag\n"
        "15-03-2026;wmo;;200\n"
        "15-04-2026;jeugdwet;jeugdhulp;300\n"
    )
    assert upload(a_client, household, integrated_csv).status_code == 303
    assert sorted(bookings(app, household)) == [(line.id, 20000), (line.id, 30000)]
    page = words(a_client.get(f"/medewerkers/huishoudens/{household}"))
    assert re.search(
        r"Gezinsbudget \(één budget voor Wet maatschappelijke ondersteuning 2015, "
        r"Jeugdwet\) € 12.000,00 € 500,00 € 11.500,00",
        page,
    )
    # the plan shows the one budget line, in HTML and in the .docx
    preview = words(a_client.get(f"/medewerkers/huishoudens/{household}/plan/voorbeeld"))
    assert "Budget voor uw hulp" in preview
    assert "Gezinsbudget (één budget voor" in preview
    import io

    from docx import Document

    a_client.post(f"/medewerkers/huishoudens/{household}/plan/uitgeven", data={"number": "1"})
    download = a_client.get(f"/medewerkers/huishoudens/{household}/plan/versies/1/docx")
    document = Document(io.BytesIO(download.data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert any(c.startswith("Gezinsbudget (één budget voor") for c in cells)
    assert "€ 11.500,00" in cells


def test_no_integrated_budget_where_the_verordening_does_not_allow_it(
    app, household, a_client, monkeypatch
):
    from portal.budget import service

    monkeypatch.setattr(service, "integration", lambda as_of: None)
    page = a_client.get(budget_url(household)).get_data(as_text=True)
    assert 'value="integrated"' not in page
    # a forged choice is refused too
    response = add_line(a_client, household, "integrated", "100")
    assert response.status_code == 400
    assert lines(app, household) == []


def test_who_may_read_and_change_the_budget(app, world, household, clock, a_client):
    provision = str(outcome_id(app, household, "dagbesteding"))
    assert a_client.get(budget_url(household)).status_code == 200
    desk = as_(app, world, "desk", clock)
    assert desk.get(budget_url(household)).status_code == 403
    assert add_line(desk, household, provision).status_code == 403
    other = as_(app, world, "b", clock)  # a contact person of the same team, not of this one
    assert other.get(budget_url(household)).status_code == 404
    assert add_line(other, household, provision).status_code == 404
    assert other.get(f"/medewerkers/huishoudens/{household}").status_code == 404
    lead = as_(app, world, "l", clock)
    assert add_line(lead, household, provision).status_code == 303
    admin = as_(app, world, "admin", clock)
    assert admin.get(budget_url(household)).status_code in (302, 303)  # reason first
    admin.post(
        f"/medewerkers/huishoudens/{household}/inzage",
        data={"reason": "Controle van de boekingen door de accountant"},
    )
    read = admin.get(budget_url(household))
    assert read.status_code == 200 and "Budget toevoegen" not in words(read)
    assert add_line(admin, household, provision).status_code == 403
    assert len(lines(app, household)) == 1
    rows = audit_rows(app, household)
    assert ("read", f"household_budget:{household}") in rows
    assert ("change", f"budget_line:{lines(app, household)[0].id}") in rows


def test_two_people_change_one_budget_at_once(app, world, household, clock, a_client):
    add_line(a_client, household, str(outcome_id(app, household, "dagbesteding")), "1.000")
    line = lines(app, household)[0]
    prefix = f"regel{line.id}"

    def change(client, amount, revision):
        return client.post(
            budget_url(household, f"/regels/{line.id}"),
            data={
                "revision": str(revision),
                f"{prefix}-period_end-day": "31",
                f"{prefix}-period_end-month": "12",
                f"{prefix}-period_end-year": "2026",
                f"{prefix}-allocated": amount,
                f"{prefix}-provider": "",
            },
        )

    lead = as_(app, world, "l", clock)
    assert change(lead, "1.500", line.version).status_code == 303
    late = change(a_client, "1.200", line.version)  # read before the lead's save
    assert late.status_code == 409
    page = late.get_data(as_text=True)
    assert "Wat nu is opgeslagen" in words(late) and "€ 1.500,00" in words(late)
    assert 'value="1.200"' in page  # what was typed is still there
    assert lines(app, household)[0].allocated_cents == 150000
    assert change(a_client, "1.200", line.version + 1).status_code == 303
    assert lines(app, household)[0].allocated_cents == 120000


def test_a_booking_made_in_error_is_struck_out_not_deleted(app, household, a_client, world, clock):
    add_line(a_client, household, str(outcome_id(app, household, "dagbesteding")), "1.000")
    line = lines(app, household)[0]
    a_client.post(
        budget_url(household, "/uitgaven"), data=booking_data(line.id, "2026-03-15", "400")
    )
    a_client.post(
        budget_url(household, "/uitgaven"), data=booking_data(line.id, "2026-04-15", "250")
    )
    with app.app_context():
        wrong = db.session.scalar(
            sa.select(BudgetBooking.id).where(BudgetBooking.amount_cents == 40000)
        )
    url = budget_url(household, f"/regels/{line.id}/schrappen")
    prefix = f"schrappen{line.id}"
    no_reason = a_client.post(url, data={f"{prefix}-booking": str(wrong), f"{prefix}-reason": ""})
    assert no_reason.status_code == 400
    assert "Schrijf waarom deze uitgave niet klopt." in words(no_reason)
    desk = as_(app, world, "desk", clock)
    assert (
        desk.post(url, data={f"{prefix}-booking": str(wrong), f"{prefix}-reason": "x"}).status_code
        == 403
    )
    done = a_client.post(
        url, data={f"{prefix}-booking": str(wrong), f"{prefix}-reason": "Dubbel geboekt"}
    )
    assert done.status_code == 303
    page = words(a_client.get(budget_url(household)))
    assert "Geschrapt: Dubbel geboekt" in page  # still there, with the reason
    total = re.search(r"Totaal (\S+ \S+) (\S+ \S+) (\S+ \S+)", page)
    assert total.groups() == ("€ 1.000,00", "€ 250,00", "€ 750,00")
    assert len(bookings(app, household)) == 2
    assert ("change", f"budget_booking:{wrong}:struck") in audit_rows(app, household)
    again = a_client.post(
        url, data={f"{prefix}-booking": str(wrong), f"{prefix}-reason": "Nog eens"}
    )
    assert again.status_code == 400  # no longer a choice
