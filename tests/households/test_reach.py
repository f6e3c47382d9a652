"""The household file says how to reach the household and warns when that is not safe
(issues #12 and #13): phone, e-mail, address, channel, language and interpreter from the
latest intake; a banner before anything else when home or contact is not safe."""

from __future__ import annotations

from tests.households.conftest import as_, family, submit, text, world  # noqa: F401
from tests.staff.conftest import clock  # noqa: F401

WARNING = "Let op: veiligheid."
BASE_FILE = "/medewerkers/huishoudens"


def test_the_file_says_how_to_reach_the_household(app, world, clock):  # noqa: F811
    answers = family("2741AB")
    household = submit(app, answers)
    page = text(as_(app, world, "a", clock).get(f"{BASE_FILE}/{household}"))
    assert "Bereikbaarheid" in page
    assert "06 12345678" in page and "anouk.devries@example.com" in page
    assert answers["address"]["postcode"] in page
    assert WARNING not in page


def test_not_safe_to_contact_puts_a_warning_first(app, world, clock):  # noqa: F811
    answers = family("2741AB")
    answers["contact"]["safe_to_contact"] = False
    answers["language"] = {"preferred": "ar", "interpreter_needed": True}
    household = submit(app, answers)
    response = as_(app, world, "a", clock).get(f"{BASE_FILE}/{household}")
    html, page = response.get_data(as_text=True), text(response)
    assert WARNING in page and "Stuur geen brief naar het huisadres" in page
    assert html.index(WARNING) < html.index("Bereikbaarheid")
    assert "tolk nodig" in page


def test_violence_at_home_puts_the_warning_first(app, world, clock):  # noqa: F811
    answers = family("2741AB")
    answers["household"]["safety"]["domestic_violence"] = True
    household = submit(app, answers)
    page = text(as_(app, world, "a", clock).get(f"{BASE_FILE}/{household}"))
    assert "In de aanvraag staat dat het thuis niet veilig is." in page


def test_the_safe_way_the_resident_gave_is_on_the_file(app, world, clock):  # noqa: F811
    """Issue #12: not safe to contact at home, so she gives another number, a time, and no
    voice messages. The file shows exactly that, where the contact person looks first."""
    answers = family("2741AB")
    answers["contact"].update(
        safe_to_contact=False,
        safe_phone="06 98765432",
        safe_times="werkdagen tussen 10 en 12 uur",
        may_leave_message=False,
    )
    household = submit(app, answers)
    page = text(as_(app, world, "a", clock).get(f"{BASE_FILE}/{household}"))
    assert "Veilig telefoonnummer 06 98765432" in page
    assert "werkdagen tussen 10 en 12 uur" in page
    assert "Bericht inspreken of sms Niet doen" in page


def test_the_contact_page_asks_for_the_safe_way(client):
    from tests.intake.helpers import begin, step_url

    begin(client)
    page = text(client.get(step_url("contact")))
    assert "Op welk ander nummer kunnen wij u veilig bellen?" in page
    assert "Mogen wij een bericht inspreken of een sms sturen?" in page
