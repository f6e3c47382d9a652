"""Beginning the form and reading the confirmation, as every journey does."""

from __future__ import annotations

import re

from portal import rulebook
from tests.browser.households import Household
from tests.browser.resident import Resident

REFERENCE = re.compile(r"SD-\d{4}-[0-9A-Z]{6}")


def provision_names(app, rule_ids: list[str]) -> dict[str, str]:
    """The Dutch name of the help each rule offers, as the confirmation shows it."""
    with app.app_context():
        version = rulebook.in_force()
    by_id = {rule.id: rule for article in version.articles for rule in article.rules}
    return {rule_id: by_id[rule_id].provision.name.nl for rule_id in rule_ids}


def open_the_form(resident: Resident) -> None:
    resident.goto("/")
    resident.follow("Hulp vragen: start het formulier")
    resident.expect_at("/aanvraag/")
    resident.press("Start nu")


def assert_confirmation(app, resident: Resident, household: Household) -> None:
    resident.expect_at("/aanvraag/bevestiging")
    page = resident.page
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text().strip() == "Uw aanvraag is verstuurd"
    reference = page.locator(".reference").inner_text().strip()
    assert REFERENCE.fullmatch(reference), reference
    words = resident.text()
    for rule_id, name in provision_names(app, household.help_rules).items():
        assert name in words, f"the confirmation does not offer {name!r} ({rule_id})"
    for heading_text in household.for_whom:
        assert page.get_by_role("heading", name=heading_text, exact=True).count() >= 1, heading_text
    if household.urgent:
        assert "Uw aanvraag krijgt voorrang" in words

    resident.follow("Samenvatting om te printen of te bewaren")
    resident.expect_at("/aanvraag/bevestiging/afdrukken")
    assert reference in resident.text()
