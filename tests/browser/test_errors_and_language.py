"""What a resident notices when an answer is missing, and when they switch to English."""

from __future__ import annotations

import re

import pytest

from portal import rulebook
from tests.browser.conftest import DESKTOP
from tests.browser.flows import open_the_form
from tests.browser.households import YOUNG_WOMAN_WITH_DEBTS
from tests.browser.resident import Resident

pytestmark = pytest.mark.browser

STEPS = YOUNG_WOMAN_WITH_DEBTS.steps


def expect(locator):
    """Playwright's assertions, imported late: without playwright the fixtures skip (or fail)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def walk_to(resident: Resident, path: str) -> None:
    open_the_form(resident)
    resident.walk(STEPS[: next(i for i, s in enumerate(STEPS) if s.path == path)])
    resident.expect_at(f"/aanvraag/{path}")


def active_id(resident: Resident) -> str:
    return resident.page.evaluate("() => document.activeElement.id")


def test_missing_answers_error_summary_links_to_the_field(open_browser):
    resident = open_browser(DESKTOP, keyboard=True)
    page = resident.page
    walk_to(resident, "stap/vraag")

    resident.press("Opslaan en verder")  # the question is required; nothing was typed
    resident.expect_at("/aanvraag/stap/vraag")  # axe checked the page with its errors, too
    assert page.title().startswith("Fout:")
    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("Er is een probleem")
    link = summary.get_by_role("link", name="Vul in: Wat is uw vraag?")
    expect(link).to_have_attribute("href", "#question")
    field = page.get_by_role("textbox", name="Wat is uw vraag?")
    expect(field).to_have_attribute("aria-invalid", "true")
    # A screen reader says the error with the field: hint and error are its description.
    expect(field).to_have_accessible_description(re.compile(r"Fout: Vul in: Wat is uw vraag\?$"))

    # Focus starts at the summary (autofocus, issue #13): the next Tab is the first error.
    assert page.evaluate("() => document.activeElement.id") == "fouten"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "#question"
    page.keyboard.press("Enter")  # the link takes the resident to the field
    assert active_id(resident) == "question"
    page.keyboard.type("Ik moet over 3 weken uit mijn kamer.")
    resident.press("Opslaan en verder")
    resident.expect_at("/aanvraag/stap/doel")
    expect(page.get_by_role("alert")).to_have_count(0)


def test_missing_choice_links_to_the_first_option(open_browser):
    resident = open_browser(DESKTOP, keyboard=True)
    page = resident.page
    walk_to(resident, "stap/contact")
    resident.answer({"preferred_channel": "letter"}, rest=None)
    resident.press("Opslaan en verder")
    resident.expect_at("/aanvraag/stap/contact")
    question = "Is het veilig voor u als wij bellen, mailen of een brief sturen?"
    link = page.get_by_role("alert").get_by_role("link", name=f"Kies een antwoord bij: {question}")
    expect(link).to_have_attribute("href", "#safe_to_contact-0")
    expect(page.get_by_role("radio", name="Een brief")).to_be_checked()  # kept
    resident.tab_to(link)
    page.keyboard.press("Enter")
    assert active_id(resident) == "safe_to_contact-0"
    page.keyboard.press("Space")
    expect(page.get_by_role("group", name=question).get_by_role("radio", name="Ja")).to_be_checked()
    resident.press("Opslaan en verder")
    resident.expect_at("/aanvraag/stap/taal")


def test_language_switch_to_english_on_the_rules(app, open_browser):
    with app.app_context():
        article = next(a for a in rulebook.in_force().articles if a.rules)
    resident = open_browser(DESKTOP)
    page = resident.page
    resident.goto(f"/regels/artikel/{article.number}")
    assert page.locator("html").get_attribute("lang") == "nl"
    expect(page.get_by_role("main")).to_contain_text(article.rules[0].provision.name.nl)

    resident.press("English")
    resident.expect_at(f"/regels/artikel/{article.number}")  # back on the same page
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("main")).to_contain_text(article.rules[0].provision.name.en)
    expect(page.get_by_role("main")).to_contain_text("Who decides")

    resident.goto("/regels/")  # the choice is remembered
    assert page.locator("html").get_attribute("lang") == "en"
    resident.press("Nederlands")
    assert page.locator("html").get_attribute("lang") == "nl"


def test_language_switch_to_english_translates_the_form(open_browser):
    resident = open_browser(DESKTOP)
    page = resident.page
    resident.goto("/aanvraag/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Hulp vragen: één formulier voor iedereen bij u thuis"
    )
    resident.press("English")
    resident.expect_at("/aanvraag/")
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ask for help: one form for everyone in your home"
    )
    resident.press("Start now")
    resident.expect_at("/aanvraag/stap/snel-huishouden")  # the first questions (issue #13)
    expect(page.get_by_role("heading", level=1)).to_have_text("Who lives with you?")
    resident.press("Save and continue")  # nothing filled in: the errors are in English too
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary.get_by_role("link", name="Fill in: Your date of birth")).to_have_attribute(
        "href", "#birth_date-day"
    )
    assert page.title().startswith("Error:")
