"""Stop half-way, get a code, and finish on another device with the code and a birth date."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import DESKTOP, MOBILE
from tests.browser.flows import assert_confirmation, open_the_form
from tests.browser.households import YOUNG_WOMAN_WITH_DEBTS

pytestmark = pytest.mark.browser

CODE = re.compile(r"[2-9B-Z]{4}-[2-9B-Z]{4}-[2-9B-Z]{4}")


def test_save_midway_and_resume_in_a_fresh_browser(app, open_browser):
    household = YOUNG_WOMAN_WITH_DEBTS
    steps = household.steps
    stop = next(i for i, step in enumerate(steps) if step.path == "stap/onderwerpen")

    laptop = open_browser(DESKTOP)
    open_the_form(laptop)
    laptop.walk(steps[:stop])
    laptop.expect_at("/aanvraag/stap/onderwerpen")
    laptop.follow("Stoppen en later verdergaan")
    laptop.expect_at("/aanvraag/opslaan")
    laptop.press("Geef mij een code")
    code = laptop.page.locator(".resume-code").inner_text().strip()
    assert CODE.fullmatch(code), code

    phone = open_browser(MOBILE)  # a new browser context: no cookies, another device
    phone.goto("/aanvraag/")
    phone.follow("Heeft u een code? Ga verder met uw formulier")
    phone.expect_at("/aanvraag/verder")
    phone.answer({"code": code, "birth_date": household.birth_date})
    phone.press("Verder")
    phone.expect_at("/aanvraag/stap/onderwerpen")  # where she stopped
    assert "Welkom terug. U gaat verder waar u was." in phone.text()

    phone.walk(steps[stop:-1])
    phone.expect_at("/aanvraag/controleren")
    words = phone.text()
    assert "Ik moet over 3 weken uit mijn kamer." in words  # typed on the laptop
    assert "noor@example.nl" in words
    phone.walk(steps[-1:])
    assert_confirmation(app, phone, household)
