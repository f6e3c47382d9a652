"""Accessible forms without JavaScript: labels, fieldsets with legends, an error summary first
in <main> with links to the fields, autocomplete where it helps, errors in words."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from portal.intake_form import domains
from tests.intake.helpers import (
    BASE,
    add_member,
    begin,
    fill_until_subjects,
    ok,
    person,
    post,
    step_url,
    subjects,
)


class Page(HTMLParser):
    """Collects inputs, labels, fieldset nesting, ids and the order of things in <main>."""

    def __init__(self, html: str):
        super().__init__()
        self.inputs: list[dict] = []
        self.labels: set[str] = set()
        self.ids: set[str] = set()
        self.stack: list[str] = []
        self.legend_in_fieldset: list[bool] = []
        self.main_children: list[dict] = []
        self.in_main_depth: int | None = None
        self.scripts: list[str] = []
        self.title = ""
        self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "script":
            self.scripts.append(a.get("src") or "inline")
        if tag == "title":
            self._in_title = True
        if tag == "label" and a.get("for"):
            self.labels.add(a["for"])
        if tag == "fieldset":
            self.legend_in_fieldset.append(False)
        if tag == "legend" and self.legend_in_fieldset:
            self.legend_in_fieldset[-1] = True
        if tag in ("input", "textarea", "select"):
            a["_tag"] = tag
            a["_in_fieldset_with_legend"] = (
                bool(self.legend_in_fieldset) and self.legend_in_fieldset[-1]
            )
            self.inputs.append(a)
        if self.in_main_depth is not None and len(self.stack) == self.in_main_depth + 1:
            self.main_children.append({"tag": tag, **a})
        if tag == "main":
            self.in_main_depth = len(self.stack)
        if tag not in ("input", "meta", "link", "br", "img"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag == "fieldset" and self.legend_in_fieldset:
            self.legend_in_fieldset.pop()
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def fields(self) -> list[dict]:
        return [i for i in self.inputs if i.get("type") not in ("hidden", "submit")]


def check_labelled(page: Page) -> None:
    # No script but the quick exit's, an external enhancement: the page works without it.
    assert all("/static/js/quick-exit.js" in src for src in page.scripts), page.scripts
    for field in page.fields():
        assert field.get("id") in page.labels, f"no label for {field}"
        if field.get("type") in ("radio", "checkbox") and field.get("name") not in (
            "no_fixed_address",
            "bsn_unknown",
        ):
            assert field["_in_fieldset_with_legend"], f"radio/checkbox outside a legend: {field}"


@pytest.fixture
def household(client):
    fill_until_subjects(client)
    child = add_member(client, person("Sem", "de Vries", "2015-01-01", relation="child"))
    ok(client, "onderwerpen", subjects(*[s for s, _ in domains.SUBJECTS]))
    ok(client, "zorg-voor-wie", {"members": ["m1", child]})
    return child


def test_every_page_labels_every_input(client, household):
    child = household
    urls = [
        f"{BASE}/",
        f"{BASE}/verder",
        step_url("over-u"),
        step_url("huishouden"),
        step_url("persoon", child),
        step_url("vraag"),
        step_url("wat-al-gebeurt"),
        step_url("adres"),
        step_url("contact"),
        step_url("taal"),
        step_url("onderwerpen"),
        step_url("inkomen"),
        step_url("gezondheid", "m1"),
        step_url("school", child),
        step_url("veiligheid"),
        step_url("toestemming"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        check_labelled(Page(response.get_data(as_text=True)))


def test_error_summary_is_first_in_main_and_links_to_the_fields(client):
    begin(client)
    response = post(client, "over-u", {"given_name": "", "birth_date-day": "3"})
    page = Page(response.get_data(as_text=True))
    first = page.main_children[0]
    assert first["tag"] == "div" and "error-summary" in first["class"]
    assert first["role"] == "alert" and first["tabindex"] == "-1"
    # focus moves to the summary on load (issue #13, as GOV.UK does), and nowhere else
    html = response.get_data(as_text=True)
    assert html.count("autofocus") == 1 and 'id="fouten" autofocus' in html
    assert page.title.strip().startswith("Fout:")
    html = response.get_data(as_text=True)
    for target in ("given_name", "family_name", "birth_date-month", "bsn"):
        assert f'href="#{target}"' in html, target
        assert target in page.ids
    # The same words inline, with 'Fout:' said in text: not by colour alone.
    assert html.count("Vul in: Uw voornaam") == 2
    assert '<span class="visually-hidden">Fout:</span> Vul in: Uw voornaam' in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="given_name-error"' in html


def test_radio_errors_link_to_the_first_option(client):
    fill_until_subjects(client)
    ok(client, "onderwerpen", subjects("debts"))
    html = post(client, "schulden", {}).get_data(as_text=True)
    assert 'href="#has_debts-0"' in html and 'id="has_debts-0"' in html


def test_autocomplete_for_the_residents_own_details_only(client):
    fill_until_subjects(client)
    own = client.get(step_url("over-u")).get_data(as_text=True)
    for value in ("given-name", "family-name", "bday-day", "bday-month", "bday-year"):
        assert f'autocomplete="{value}"' in own
    child = add_member(client, person("Sem", "de Vries", "2015-01-01", relation="child"))
    other = client.get(step_url("persoon", child)).get_data(as_text=True)
    assert "bday" not in other and "given-name" not in other
    assert 'autocomplete="postal-code"' in client.get(step_url("adres")).get_data(as_text=True)
    contact = client.get(step_url("contact")).get_data(as_text=True)
    assert 'autocomplete="email"' in contact and 'autocomplete="tel"' in contact


def test_date_of_birth_is_three_labelled_boxes_in_a_fieldset(client):
    fill_until_subjects(client)
    html = client.get(step_url("over-u")).get_data(as_text=True)
    for part in ("day", "month", "year"):
        assert f'name="birth_date-{part}"' in html and f'for="birth_date-{part}"' in html
    assert 'inputmode="numeric"' in html
    assert "<legend" in html and "Uw geboortedatum" in html


def test_yes_no_questions_offer_dont_know(client):
    fill_until_subjects(client)
    ok(client, "onderwerpen", subjects("debts"))
    html = client.get(step_url("schulden")).get_data(as_text=True)
    assert "Weet ik niet / zeg ik liever niet" in html
