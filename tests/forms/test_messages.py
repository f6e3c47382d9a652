"""Messages: Dutch B1 source strings, extractable by Babel, translatable with their params."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_file

import forms.contract
from forms.contract import MESSAGES, Issue, validate_intake
from tests.forms.builders import TODAY, household, only

CONTRACT = Path(forms.contract.__file__)


def _extracted() -> set[str]:
    found = extract_from_file("python", str(CONTRACT), keywords={"N_": None})
    return {message for _, message, _, _ in found}


def test_every_message_is_marked_for_babel():
    missing = set(MESSAGES.values()) - _extracted()
    assert missing == set()


def test_every_code_has_a_message():
    source = CONTRACT.read_text(encoding="utf-8")
    used = set(re.findall(r'issue\(\s*(?:members,\s*)?"([a-z0-9_]+)"', source))
    used |= set(forms.contract._PATTERN_CODES.values())
    used |= set(forms.contract._FORMAT_CODES.values()) | set(forms.contract._SIMPLE_CODES.values())
    assert len(used) > 30
    assert used <= {key.split(":")[0] for key in MESSAGES}


def test_render_translates_template_and_labels_apart():
    data = household()
    data["members"][2]["bsn"] = "999990057"
    issue = only(validate_intake(data, today=TODAY), "bsn_invalid")
    catalogue = {
        "%(subject)s klopt niet. Controleer de 9 cijfers.": (
            "The %(subject)s is not right. Check the 9 digits."
        ),
        "%(field)s van %(who)s": "%(field)s of %(who)s",
        "%(name)s (persoon %(number)s)": "%(name)s (person %(number)s)",
    }
    english = issue.render(lambda s: catalogue.get(s, s), lang="en")
    assert english == (
        "The BSN (citizen service number) of Sara (person 3) is not right. Check the 9 digits."
    )
    assert issue.render() == issue.message


def test_expected_type_label_is_translated_too():
    data = household()
    data["household"] = {"income": {"assets": "veel"}}
    issue = only(validate_intake(data, today=TODAY), "wrong_type")
    rendered = issue.render(lambda s: {"een getal": "a number"}.get(s, s), lang="en")
    assert rendered.endswith("moet a number zijn.")
    assert issue.params["expected"] == "number", "params keep the code, not the Dutch label"


def test_field_title_mid_sentence_is_lower_case_except_abbreviations():
    data = household()
    data["members"][1]["role"] = "applicant"
    data["members"][1]["relation"] = None
    issue = only(validate_intake(data, today=TODAY), "applicant_duplicate")
    assert "Kies bij rol in het huishouden een andere rol." in issue.message


def test_issue_paths_and_dict():
    issue = Issue(path="members/1/bsn", code="bsn_invalid", message="x")
    assert issue.dotted_path == "members[1].bsn"
    assert issue.is_error
    assert issue.to_dict()["dotted_path"] == "members[1].bsn"
    assert Issue(path="", code="wrong_type", message="x").dotted_path == ""


def test_messages_contain_no_raw_placeholders():
    data = household()
    data["members"][2]["birth_date"] = "1970-01-01"
    data["address"]["postcode"] = "0000XX"
    for issue in validate_intake(data, today=TODAY):
        assert "%(" not in issue.message
        assert issue.message[0].isupper()


def test_a_third_language_takes_the_field_title_from_the_resident_texts():
    """ar, tr, pl, uk: the schema's titles are translated in the resident_texts domain, the
    message itself in the messages domain; a numbered title keeps its number."""
    data = household()
    data["members"][2]["bsn"] = "999990057"
    issue = only(validate_intake(data, today=TODAY), "bsn_invalid")
    messages = {
        "%(subject)s klopt niet. Controleer de 9 cijfers.": "%(subject)s: X-9",
        "%(field)s van %(who)s": "%(field)s / %(who)s",
        "%(name)s (persoon %(number)s)": "%(name)s #%(number)s",
    }
    titles = {"BSN (burgerservicenummer)": "BSN-TR"}
    rendered = issue.render(
        lambda s: messages.get(s, s), lang="tr", title_gettext=lambda s: titles.get(s, s)
    )
    assert rendered == "BSN-TR / Sara #3: X-9"


def test_a_numbered_title_is_translated_without_its_number():
    translated = forms.contract._translated_title("Toestemming 2", {"Toestemming": "Rıza"}.get)
    assert translated == "Rıza 2"
    assert forms.contract._translated_title("", str.upper) == ""
