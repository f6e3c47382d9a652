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
