"""Front-desk fixtures: the staff fixtures, and walking the form without the resident start."""

from __future__ import annotations

import pytest

from tests.intake.helpers import all_answered, ok, person, subjects
from tests.staff.conftest import (  # noqa: F401  (fixtures)
    Account,
    admin,
    clock,
    desk,
    login,
    make_staff,
)


@pytest.fixture
def other_desk(app) -> Account:
    return make_staff(app, "balie2@test.example", "front_desk")


def new_front_desk_draft(client) -> str:
    response = client.post("/balie/nieuw")
    assert response.status_code == 303, response.status_code
    with client.session_transaction() as session:
        return session["intake_draft"]


def fill_all_pages(client) -> None:
    """Every page of a short form (no life-domain subjects), with the resident at the desk."""
    from portal.intake_form.consents import ConsentsForm

    ok(client, "over-u", person("Anna", "de Vries", "1980-04-02", "111222333"))
    ok(client, "huishouden", {"actie": "verder"})
    ok(client, "vraag", {"question": "Ik kan de rekeningen niet meer betalen."})
    ok(client, "doel", {"goals": "Rust in mijn hoofd."})
    ok(client, "wat-al-gebeurt", {"own_efforts": "Ik houd een schrift bij."})
    ok(client, "adres", {"postcode": "2741 AB", "house_number": "12"})
    ok(client, "contact", {"preferred_channel": "letter", "safe_to_contact": "ja"})
    ok(client, "taal", {"preferred": "nl", "interpreter_needed": "nee"})
    ok(client, "onderwerpen", subjects())
    ok(client, "toestemming", all_answered(ConsentsForm, "ja"))


FACTS = {"identity_checked": "y", "identity_document": "paspoort", "resident_agreed": "y"}
