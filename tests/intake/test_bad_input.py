"""Every check on an answer gives a clear Dutch message that names the question, and a wrong
answer never loses what was saved before. Tampered posts get a message, not a crash."""

from __future__ import annotations

import pytest

from portal.intake_form import domains
from tests.intake.helpers import (
    add_member,
    all_answered,
    begin,
    birth,
    fill_until_subjects,
    ok,
    person,
    post,
    step_url,
    subjects,
    text,
)


def errors_on(client, step: str, data: dict, member: str | None = None) -> str:
    response = post(client, step, data, member)
    assert response.status_code == 400, text(response)[:500]
    return text(response)


def applicant_with(**changes) -> dict:
    data = person("Anna", "de Vries", "1980-04-02", "111222333")
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"given_name": ""}, "Vul in: Uw voornaam"),
        ({"family_name": "  "}, "Vul in: Uw achternaam"),
        ({"given_name": "x" * 101}, "Uw voornaam mag niet langer zijn dan 100 tekens."),
        (
            birth("birth_date", "1980-04-02")
            | {"birth_date-day": "", "birth_date-month": "", "birth_date-year": ""},
            "Vul in: Uw geboortedatum",
        ),
        ({"birth_date-month": ""}, "Uw geboortedatum moet een maand bevatten."),
        (
            {"birth_date-day": "31", "birth_date-month": "2"},
            "Uw geboortedatum moet een echte datum zijn.",
        ),
        ({"birth_date-year": "2999"}, "Uw geboortedatum moet in het verleden liggen."),
        ({"birth_date-year": "1850"}, "Uw geboortedatum moet na 1900 liggen."),
        ({"birth_date-year": "80"}, "Het jaar bij Uw geboortedatum moet 4 cijfers hebben."),
        ({"birth_date-day": "een"}, "Uw geboortedatum moet uit cijfers bestaan"),
        ({"given_name": "\u200b\u200b"}, "Vul in: Uw voornaam"),  # zero-width only
        ({"bsn": "12345", "bsn_unknown": ""}, "Uw BSN (burgerservicenummer) moet 9 cijfers hebben"),
        ({"bsn": "123456789", "bsn_unknown": ""}, "Uw BSN (burgerservicenummer) klopt niet."),
        (
            {"bsn": "", "bsn_unknown": ""},
            "Vul in: Uw BSN (burgerservicenummer). Weet u het nu niet?",
        ),
    ],
)
def test_applicant_page_messages(client, changes, message):
    begin(client)
    data = applicant_with(**changes)
    data = {k: v for k, v in data.items() if v != "" or k in changes}
    if changes.get("bsn_unknown") == "":
        data.pop("bsn_unknown", None)
    assert message in errors_on(client, "over-u", data)


def test_bsn_is_accepted_with_dots_and_eight_digits(client):
    begin(client)
    ok(client, "over-u", applicant_with(bsn="1112.22.333"))
    assert 'value="111222333"' in client.get(step_url("over-u")).get_data(as_text=True)


def test_a_child_needs_no_bsn_an_adult_does(client):
    fill_until_subjects(client)
    add_member(client, person("Sem", "de Vries", "2015-01-01", relation="child"))
    response = client.post(step_url("huishouden"), data={"actie": "toevoegen"})
    adult = response.headers["Location"].rsplit("/", 1)[-1]
    data = person("Piet", "de Vries", "1979-01-01", relation="partner")
    data.pop("bsn_unknown")
    assert "Vul in: BSN (burgerservicenummer)" in errors_on(client, "persoon", data, adult)
    assert "Kies een antwoord bij: Wat is deze persoon van u?" in errors_on(
        client, "persoon", {**data, "relation": ""}, adult
    )


def test_a_child_without_bsn_is_accepted_without_ticking_anything(client):
    """Issue #13: the start page says a child needs no BSN; the form asked for it anyway, and
    the child's hint said "Uw burgerservicenummer"."""
    fill_until_subjects(client)
    child = person("Sem", "de Vries", "2015-01-01", relation="child")
    child.pop("bsn_unknown")
    response = client.post(step_url("huishouden"), data={"actie": "toevoegen"})
    member = response.headers["Location"].rsplit("/", 1)[-1]
    page = text(client.get(step_url("persoon", member)))
    assert "Voor een kind onder de 18 is het BSN niet nodig." in page
    assert "Uw burgerservicenummer" not in page
    ok(client, "persoon", child, member=member)
    # an adult child (relation child, 25) still needs one, or "I do not know it"
    response = client.post(step_url("huishouden"), data={"actie": "toevoegen"})
    grown = response.headers["Location"].rsplit("/", 1)[-1]
    adult_child = person("Lars", "de Vries", "2000-01-01", relation="child")
    adult_child.pop("bsn_unknown")
    assert "Vul in: BSN (burgerservicenummer)" in errors_on(client, "persoon", adult_child, grown)


def test_answers_typed_in_a_refused_page_are_shown_again(client):
    begin(client)
    html = post(client, "over-u", applicant_with(bsn="123456789", bsn_unknown="")).get_data(
        as_text=True
    )
    assert 'value="Anna"' in html and 'value="123456789"' in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"postcode": "", "house_number": "12"}, "Vul in: Postcode. Heeft u geen vast woonadres?"),
        ({"postcode": "1234", "house_number": "12"}, "Postcode moet 4 cijfers en 2 letters zijn"),
        (
            {"postcode": "0123 AB", "house_number": "12"},
            "Postcode moet 4 cijfers en 2 letters zijn",
        ),
        (
            {"postcode": "1234 SS", "house_number": "12"},
            "Postcode moet 4 cijfers en 2 letters zijn",
        ),
        ({"postcode": "2741AB", "house_number": "twaalf"}, "Huisnummer moet een getal zijn"),
        ({"postcode": "2741AB", "house_number": ""}, "Vul in: Huisnummer"),
    ],
)
def test_address_messages(client, data, message):
    begin(client)
    assert message in errors_on(client, "adres", data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"preferred_channel": "", "safe_to_contact": "ja"},
            "Kies een antwoord bij: Hoe wilt u dat wij contact met u opnemen?",
        ),
        (
            {"preferred_channel": "phone", "safe_to_contact": "ja"},
            "Vul in: Telefoonnummer. U koos voor bellen.",
        ),
        (
            {"preferred_channel": "email", "safe_to_contact": "ja"},
            "Vul in: E-mailadres. U koos voor e-mail.",
        ),
        (
            {"preferred_channel": "letter", "email": "geen-adres", "safe_to_contact": "ja"},
            "E-mailadres moet een e-mailadres zijn",
        ),
        (
            {"preferred_channel": "letter", "phone": "bel mij", "safe_to_contact": "ja"},
            "Telefoonnummer moet een telefoonnummer zijn",
        ),
        (
            {"preferred_channel": "letter"},
            "Kies een antwoord bij: Is het veilig voor u als wij bellen",
        ),
        (
            {"preferred_channel": "fax", "safe_to_contact": "ja"},
            "Kies een van de antwoorden bij: Hoe wilt u dat wij contact met u opnemen?",
        ),
    ],
)
def test_contact_messages(client, data, message):
    begin(client)
    assert message in errors_on(client, "contact", data)


def test_question_is_required_and_limited(client):
    begin(client)
    assert "Vul in: Wat is uw vraag?" in errors_on(client, "vraag", {"question": "   "})
    words = errors_on(client, "vraag", {"question": "a" * 5001})
    assert "Wat is uw vraag? mag niet langer zijn dan 5000 tekens. U heeft er 5001." in words


def test_language_must_come_from_the_list(client):
    begin(client)
    words = errors_on(client, "taal", {"preferred": "xx", "interpreter_needed": "nee"})
    assert "Kies een taal uit de lijst." in words


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-5", "kan niet kleiner zijn dan 0"),
        ("veel", "alleen een getal in"),
        ("99999999999", "is te groot"),
    ],
)
def test_amounts_must_be_numbers_of_at_least_zero(client, value, message):
    fill_until_subjects(client)
    ok(client, "onderwerpen", subjects("income"))
    data = all_answered(domains.IncomeForm, monthly_net_income=value)
    words = errors_on(client, "inkomen", data)
    assert f"Hoeveel geld krijgt u per maand? {message}" in words or (
        message in words and "Hoeveel geld krijgt u per maand?" in words
    )


def test_whole_numbers_refuse_a_fraction(client):
    fill_until_subjects(client)
    ok(client, "onderwerpen", subjects("income"))
    data = all_answered(domains.IncomeForm, low_income_years="2,5")
    assert "Vul bij Hoeveel jaar heeft u al een laag inkomen? een heel getal in" in errors_on(
        client, "inkomen", data
    )


def test_every_yes_no_question_must_be_answered(client):
    fill_until_subjects(client)
    ok(client, "onderwerpen", subjects("debts"))
    words = errors_on(client, "schulden", {})
    assert (
        "Kies een antwoord bij: Heeft u schulden of rekeningen die u niet op tijd kunt betalen?"
        in words
    )


def test_subjects_need_a_choice_and_none_is_exclusive(client):
    fill_until_subjects(client)
    assert "Kies minstens één onderwerp" in errors_on(client, "onderwerpen", {})
    words = errors_on(client, "onderwerpen", {"subjects": ["geen", "debts"]})
    assert "Niet allebei" in words


def test_care_needs_at_least_one_person(client):
    fill_until_subjects(client)
    add_member(client, person("Sam", "Jansen", "2015-06-01", relation="child"))
    ok(client, "onderwerpen", subjects("care"))
    assert "Kies minstens één persoon" in errors_on(client, "zorg-voor-wie", {})


# -- tampered posts -------------------------------------------------------------------------------


def test_a_tampered_radio_value_is_refused_with_a_message(client):
    fill_until_subjects(client)
    ok(client, "onderwerpen", subjects("debts"))
    words = errors_on(client, "schulden", {"has_debts": "misschien"})
    assert "Kies een van de antwoorden bij: Heeft u schulden" in words


def test_a_tampered_checkbox_value_is_refused(client):
    fill_until_subjects(client)
    words = errors_on(client, "onderwerpen", {"subjects": ["debts", "bitcoin"]})
    assert "Kies alleen uit de antwoorden die op de pagina staan." in words
    add_member(client, person("Sam", "Jansen", "2015-06-01", relation="child"))
    ok(client, "onderwerpen", subjects("care"))
    words = errors_on(client, "zorg-voor-wie", {"members": ["m1", "m99"]})
    assert "Kies alleen uit de antwoorden die op de pagina staan." in words


def test_an_unknown_member_is_refused_and_nothing_is_saved(client):
    fill_until_subjects(client)
    ok(client, "onderwerpen", subjects("care"))
    ok(client, "zorg-voor-wie", {"members": ["m1"]})
    response = post(client, "gezondheid", all_answered(domains.HealthForm, "ja"), member="m7")
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    assert "Deze persoon staat niet (meer) in uw huishouden." in text(page)
    response = client.post(step_url("huishouden"), data={"actie": "verwijderen", "persoon": "m7"})
    assert "Deze persoon staat niet (meer) in uw huishouden." in text(
        client.get(response.headers["Location"])
    )


def test_the_applicant_cannot_be_removed(client):
    fill_until_subjects(client)
    response = client.post(step_url("huishouden"), data={"actie": "verwijderen", "persoon": "m1"})
    assert "Deze persoon staat niet (meer) in uw huishouden." in text(
        client.get(response.headers["Location"])
    )
    assert "Anna de Vries" in text(client.get(step_url("huishouden")))


def test_a_page_that_does_not_apply_is_refused_and_nothing_is_saved(client):
    fill_until_subjects(client)
    ok(client, "onderwerpen", subjects("income"))
    response = post(client, "schulden", {"has_debts": "ja"})
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    assert "Deze vraag geldt niet voor uw huishouden." in text(page)
    ok(client, "onderwerpen", subjects("debts"), back="controleren")
    assert "checked" not in client.get(step_url("schulden")).get_data(as_text=True)


def test_an_unknown_page_is_not_found(client):
    begin(client)
    assert client.get(step_url("bestaat-niet")).status_code == 404


def test_unknown_household_action_gets_a_message(client):
    begin(client)
    response = client.post(step_url("huishouden"), data={"actie": "iets"})
    assert response.status_code == 400 and "Kies wat u wilt doen" in text(response)


def test_no_more_than_twenty_people(client):
    fill_until_subjects(client)
    for number in range(19):
        add_member(client, person(f"Kind{number}", "de Vries", "2015-01-01", relation="child"))
    response = client.post(step_url("huishouden"), data={"actie": "toevoegen"})
    assert response.status_code == 400
    assert "niet meer dan 20 personen" in text(response)


def test_a_member_left_empty_must_be_filled_in_before_going_on(client):
    fill_until_subjects(client)
    client.post(step_url("huishouden"), data={"actie": "toevoegen"})
    response = client.post(step_url("huishouden"), data={"actie": "verder"})
    assert response.status_code == 400 and "Vul eerst de gegevens in" in text(response)


def test_checks_across_the_household(client):
    fill_until_subjects(client)
    add_member(client, person("Piet", "de Vries", "1979-01-01", "123456782", "partner"))
    response = client.post(step_url("huishouden"), data={"actie": "toevoegen"})
    other = response.headers["Location"].rsplit("/", 1)[-1]
    words = errors_on(
        client, "persoon", person("Jan", "Jansen", "1978-01-01", "", "partner"), other
    )
    assert "Er staat al een partner in uw huishouden." in words
    words = errors_on(
        client, "persoon", person("Jan", "Jansen", "1978-01-01", "111222333", "sibling"), other
    )
    assert "Dit BSN staat al bij Anna de Vries (uzelf)." in words
    words = errors_on(client, "persoon", person("Jan", "Jansen", "1970-01-01", "", "child"), other)
    assert "Een kind kan niet ouder zijn dan u." in words


def test_a_birth_date_more_than_120_years_ago_is_a_typing_error(client):
    begin(client)
    words = errors_on(client, "over-u", person("Anna", "de Vries", "1901-01-01", "111222333"))
    assert "Controleer het jaar bij Uw geboortedatum: dat is meer dan 120 jaar geleden." in words


def test_a_number_error_on_a_page_about_one_person_names_that_person(client):
    """Issue #14: the refusal of an unreadable number was made before the page put the
    person's name in, so it read "Hoeveel uur school heeft %(name)s ...". Now it names Sem."""
    fill_until_subjects(client)
    child = add_member(client, person("Sem", "de Vries", "2015-01-01", relation="child"))
    ok(client, "onderwerpen", subjects("school"))
    response = client.post(
        step_url("school", child),
        data={"absence_hours_last_4_weeks": "veel", "distance_to_school_km": "2"},
    )
    words = text(response)
    assert "%(name)s" not in words
    assert "Hoeveel uur school heeft Sem de laatste 4 weken gemist?" in words
