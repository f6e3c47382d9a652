"""The whole resident journey in every language besides Dutch and English (issue #20): Arabic
(right to left), Turkish, Polish and Ukrainian, in Chromium at desktop width and at 360 px.

The browser asks for the language the way a resident's phone does (Accept-Language); the
resident presses the buttons by their translated names, so an untranslated button fails.
axe-core checks every page (0 WCAG 2.1 A/AA violations); no page scrolls sideways at 360 px.
Screenshots of the pages are written to instance/screenshots/ to look at.
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest

from portal import rulebook
from tests.browser.conftest import DESKTOP, MOBILE
from tests.browser.flows import REFERENCE, open_the_form
from tests.browser.households import YOUNG_WOMAN_WITH_DEBTS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
SCREENSHOTS = ROOT / "instance" / "screenshots"

#: Every language with a catalogue besides the source (nl) and English (tested on its own).
LANGUAGES = sorted(
    path.name
    for path in TRANSLATIONS.iterdir()
    if (path / "LC_MESSAGES" / "messages.po").exists() and path.name not in ("nl", "en")
)
RIGHT_TO_LEFT = {"ar"}

#: Dutch that must not be left on a translated page (the layout and the journey's buttons).
DUTCH = ("Direct naar de inhoud", "Kies uw taal", "Opslaan en verder", "Aanvraag versturen")


def catalogue(language: str, domain: str = "messages"):
    return gettext.translation(domain, TRANSLATIONS, [language]).gettext


def test_the_four_languages_have_catalogues():
    assert {"ar", "tr", "pl", "uk"} <= set(LANGUAGES)


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "360px"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_whole_journey_in_the_language(app, open_browser, language, viewport):
    household = YOUNG_WOMAN_WITH_DEBTS
    resident = open_browser(viewport, language=language)
    resident.translate = catalogue(language)
    t = resident.translate
    page = resident.page
    shots = Screenshots(page, language, "desktop" if viewport is DESKTOP else "360px")

    resident.goto("/")
    direction = "rtl" if language in RIGHT_TO_LEFT else "ltr"
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == direction
    assert page.evaluate("() => getComputedStyle(document.body).direction") == direction
    shots.take("front-page")

    open_the_form(resident)
    shots.take("first-question")
    primary = page.locator("main button[type=submit]").first
    box = primary.bounding_box()
    middle = box["x"] + box["width"] / 2
    if direction == "rtl":  # the layout is mirrored: the button starts at the right
        assert middle > page.viewport_size["width"] / 2, box
    else:
        assert middle < page.viewport_size["width"] / 2, box

    for step in household.steps:
        resident.expect_at("/aanvraag/" + step.path)
        words = resident.text("body")
        left = [dutch for dutch in DUTCH if dutch in words]
        assert not left, f"{resident.path} in {language} still shows Dutch: {left}"
        if step.path == "controleren":
            shots.take("check-answers")
        resident.answer(step.answers, step.rest)
        (resident.follow if step.link else resident.press)(step.button)

    resident.expect_at("/aanvraag/bevestiging")
    shots.take("confirmation")
    heading = page.get_by_role("heading", level=1).inner_text().strip()
    assert heading == t("Uw aanvraag is verstuurd")
    assert REFERENCE.fullmatch(page.locator(".reference").inner_text().strip())
    words = resident.text()
    texts = catalogue(language, "resident_texts")
    with app.app_context():
        version = rulebook.in_force()
    rules = {rule.id: rule for article in version.articles for rule in article.rules}
    names = {rule_id: texts(rules[rule_id].provision.name.nl) for rule_id in household.help_rules}
    for rule_id, name in names.items():
        assert name in words, f"the confirmation does not offer {name!r} ({rule_id})"
    # A Dutch legal name may stay Dutch (STYLE: schuldhulpverlening), not every name.
    dutch = {rules[rule_id].provision.name.nl for rule_id in names}
    assert set(names.values()) != dutch, "no help is named in the language"

    resident.goto("/regels/")
    shots.take("rules")
    assert page.locator("html").get_attribute("dir") == direction


class Screenshots:
    def __init__(self, page, language: str, size: str):
        self.page = page
        self.prefix = f"{language}-{size}"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(self, name: str) -> None:
        self.page.screenshot(path=SCREENSHOTS / f"{self.prefix}-{name}.png", full_page=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_rules_read_in_the_language(app, open_browser, language):
    """The verordening's own texts (the resident_texts domain) are translated on the rules:
    the help's name, the explanation, the evidence; the article's legal title stays Dutch."""
    with app.app_context():
        article = next(a for a in rulebook.in_force().articles if a.rules)
    rule = article.rules[0]
    texts = catalogue(language, "resident_texts")
    resident = open_browser(MOBILE, language=language)
    resident.goto(f"/regels/artikel/{article.number}")
    words = resident.text()
    for text in (rule.provision.name.nl, rule.explanation.nl):
        assert re.sub(r"\s+", " ", texts(text)) in words
    assert texts(rule.explanation.nl) != rule.explanation.nl
    assert rule.explanation.nl not in words
