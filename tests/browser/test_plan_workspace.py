"""The plan workspace in a real browser: a contact person logs in (password and TOTP code
through the real pages), opens the plan overview, changes one section with the keyboard only,
is brought back to that section of the overview, and issues a version. axe-core finds no WCAG
2.0/2.1 A or AA violation on the overview, a section page with an error summary, and the issue
page; at 1280 px and at 360 px (no sideways scrolling)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, MOBILE
from tests.browser.staff import log_in
from tests.households.conftest import app, household, world  # noqa: F401  (fixtures)

STRENGTHS = "Het gezin vraagt op tijd om hulp en houdt zich aan afspraken."


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["1280px", "360px"])
def test_contact_person_changes_a_section_and_issues_a_version(
    open_browser,
    world,  # noqa: F811
    household,  # noqa: F811
    viewport,
):
    person = open_browser(viewport, keyboard=True)
    log_in(person, world["a"])
    overview = f"/medewerkers/huishoudens/{household}/plan"
    person.goto(overview)  # axe: the overview
    height = person.page.evaluate("() => document.documentElement.scrollHeight")
    print(f"plan overview at {viewport['width']} px: {height} px tall")
    assert "Nog niet ingevuld" in person.text()

    # One section, keyboard only: the link, the textarea, the button.
    person.follow("Wijzigen Sterke kanten en wat men zelf doet")
    person.expect_at(f"{overview}/eigen-kracht")
    person.answer({"eigen-kracht-strengths": STRENGTHS}, rest=None)
    person.press("Opslaan en terug naar het plan")
    person.expect_at(overview)
    assert person.page.url.endswith("#eigen-kracht")
    assert "Opgeslagen: Sterke kanten en wat men zelf doet." in person.text()
    assert STRENGTHS in person.text("#eigen-kracht")
    assert "Net opgeslagen." in person.text("#eigen-kracht")
    # The browser scrolls (smoothly) to the saved section: its heading ends up in the window.
    person.page.wait_for_function(
        """() => {
          const top = document.getElementById('eigen-kracht-titel').getBoundingClientRect().top;
          return top >= 0 && top < window.innerHeight / 2;
        }"""
    )

    # A mistake: a deviation from the verordening without its motivation.
    person.follow("Wijzigen Afweging per behoefte (Omgekeerde Toets)")
    person.answer({"afweging-rows-0-deviation": "ja"}, rest=None)
    person.press("Opslaan en terug naar het plan")  # axe: the page with the error summary
    person.expect_at(f"{overview}/afweging")
    assert "Schrijf waarom we afwijken van de verordening." in person.text(".error-summary")
    assert person.page.locator('input[name="afweging-rows-0-deviation"][value="ja"]').is_checked()
    person.follow("Terug naar het plan zonder op te slaan")

    # Issue version 1 after the confirmation page.
    person.follow("Versie 1 uitgeven")  # axe: the issue page
    person.expect_at(f"{overview}/uitgeven")
    person.press("Ja, versie 1 uitgeven")
    person.expect_at(f"{overview}/versies/1")
    assert "Versie 1 is uitgegeven." in person.text()
    assert STRENGTHS in person.text()
    assert {overview, f"{overview}/afweging", f"{overview}/uitgeven"} <= set(person.checked_pages)
