"""Every catalogue is complete, up to date with the source, and keeps the placeholders.

Dutch is the source language (the msgids), so the nl catalogue stays empty on purpose; every
other language in translations/ (en, ar, …) must have every string. A new ``_("…")`` without a
translation fails here, with the list of what is missing per language: run
``make translations-update`` and translate the empty msgstr. A language that is not complete
is not offered to residents anyway (portal/i18n.py); it is not committed until it is
(docs/languages.md).
"""

from __future__ import annotations

import gettext
import re
import shlex
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
ENGLISH_PO = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
MAKEFILE = ROOT / "Makefile"

#: A named placeholder (%(name)s) or a positional one (%s, %d); "%%" is a literal percent.
_PLACEHOLDER = re.compile(r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[#0\- +]*\d*(?:\.\d+)?[sdifr%]")

#: Dutch text from the layout (templates/base.html) that must not show on an English page.
DUTCH_LAYOUT_PHRASES = (
    "Direct naar de inhoud",
    "Hoofdmenu",
    "Kies uw taal",
    "De regels",
    "Hulp nodig bij dit formulier?",
    "Kom langs bij het loket",
)


#: Every translated language in the repository: nl is the source and needs no translation.
LANGUAGES = sorted(
    path.name for path in TRANSLATIONS.iterdir() if (path / "LC_MESSAGES" / "messages.po").exists()
)
TRANSLATED = [language for language in LANGUAGES if language != "nl"]


def _po(language: str) -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"


def _catalogue(path: Path = ENGLISH_PO, locale: str = "en"):
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _key(message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _strings(value) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value or ())


def _placeholders(text: str) -> set[str]:
    return {p for p in _PLACEHOLDER.findall(text) if p != "%%"}


def _extract_arguments() -> list[str]:
    """The arguments of ``pybabel extract`` exactly as `make translations-update` runs them,
    so this test and the Makefile cannot drift apart (a new -k keyword counts here too)."""
    text = MAKEFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    match = re.search(r"pybabel extract (.+)", text)
    assert match, "Makefile: no `pybabel extract` line in translations-update"
    arguments = shlex.split(match.group(1))
    output = arguments.index("-o")
    del arguments[output : output + 2]
    return arguments


@pytest.fixture(scope="module")
def english():
    return _catalogue()


@pytest.fixture(scope="module", params=TRANSLATED)
def catalogue(request):
    """Each translated language's catalogue in turn (en, ar, …)."""
    return request.param, _catalogue(_po(request.param), request.param)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory, monkeypatch_module):
    """Every msgid in the source today, extracted into a temporary .pot."""
    pot = tmp_path_factory.mktemp("babel") / "messages.pot"
    monkeypatch_module.chdir(ROOT)
    CommandLineInterface().run(
        ["pybabel", "--quiet", "extract", *_extract_arguments(), "-o", str(pot)]
    )
    return _catalogue(pot)


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_english_and_the_source_language_are_there():
    assert "en" in TRANSLATED and "nl" in LANGUAGES


def test_catalogue_has_no_empty_or_fuzzy_translation(catalogue):
    language, messages = catalogue
    assert not messages.fuzzy, f"the header of the {language} catalogue is marked fuzzy"
    problems = [
        f"{'fuzzy' if message.fuzzy else 'empty'}: {_key(message)!r}"
        for message in messages
        if message.id and (message.fuzzy or not all(_strings(message.string)))
    ]
    assert not problems, (
        f"[{language}] {len(problems)} translation(s) missing or fuzzy in "
        f"{_po(language).relative_to(ROOT)}:\n  " + "\n  ".join(problems)
    )


def test_extraction_finds_the_strings(extracted):
    # A broken babel.cfg or extract line would make the next test pass on nothing.
    assert len([m for m in extracted if m.id]) > 100
    assert "Direct naar de inhoud" in extracted  # templates
    assert "%(subject)s ontbreekt. Vul dit in." in extracted  # N_ in forms/contract.py


def test_every_string_in_the_source_has_a_translation(catalogue, extracted):
    language, messages = catalogue
    missing = []
    for message in extracted:
        if not message.id:
            continue
        known = messages.get(message.id)
        if known is None or known.fuzzy or not all(_strings(known.string)):
            missing.append(repr(_key(message)))
    assert not missing, (
        f"[{language}] {len(missing)} string(s) in the source have no translation. Run "
        f"`make translations-update` and fill in {_po(language).relative_to(ROOT)}:\n  "
        + "\n  ".join(sorted(missing))
    )


def placeholder_problems(messages) -> list[str]:
    """Every msgstr whose placeholders (%(name)s, %s) differ from its msgid's."""
    wrong = []
    one_number = _forms_for_one_number(messages)
    for message in messages:
        if not message.id:
            continue
        ids = _strings(message.id)
        expected = set().union(*(_placeholders(i) for i in ids))
        plural = isinstance(message.id, tuple)
        for form, translation in enumerate(_strings(message.string)):
            found = _placeholders(translation)
            # Arabic "يومان" (two days) or English "one day" needs no number: a plural form
            # used for one n only may leave it out. Uk "%(num)s день" (1, 21, 101…) may not.
            if plural and form in one_number and found <= expected:
                continue
            if translation and found != expected:
                wrong.append(
                    f"{_key(message)!r}: expected {sorted(expected)}, "
                    f"got {sorted(_placeholders(translation))}"
                )
    return wrong


def _forms_for_one_number(messages) -> set[int]:
    """The plural forms the language uses for exactly one number (Arabic: 0, 1 and 2)."""
    choose = gettext.c2py(messages.plural_expr)
    used = Counter(choose(n) for n in range(1000))
    return {form for form, times in used.items() if times == 1}


def test_translations_keep_the_placeholders(catalogue):
    language, messages = catalogue
    wrong = placeholder_problems(messages)
    assert not wrong, f"[{language}] placeholders differ between msgid and msgstr:\n  " + (
        "\n  ".join(wrong)
    )


def test_the_placeholder_check_catches_a_lost_name():
    from babel.messages.catalog import Catalog

    broken = Catalog(locale="ar")
    broken.add("Hallo %(name)s", "مرحبا")
    broken.add("Goed %(name)s", "جيد %(name)s")
    assert placeholder_problems(broken) == ["'Hallo %(name)s': expected ['%(name)s'], got []"]


def test_a_plural_form_for_one_number_may_leave_the_number_out():
    from babel.messages.catalog import Catalog

    day = ("%(num)s dag", "%(num)s dagen")
    arabic = Catalog(locale="ar")  # zero, one, two: one number each; the rest need it
    arabic.add(day, ("لا أيام", "يوم واحد", "يومان", "%(num)s أيام", "%(num)s يوم", "%(num)s يومًا"))
    assert placeholder_problems(arabic) == []
    ukrainian = Catalog(locale="uk")  # the first form is 1, 21, 101…: the number is needed
    ukrainian.add(day, ("один день", "%(num)s дні", "%(num)s днів"))
    assert placeholder_problems(ukrainian) == ["'%(num)s dag': expected ['%(num)s'], got []"]


def test_babel_checkers_accept_the_catalogue(catalogue):
    language, messages = catalogue
    errors = [
        f"{_key(message)!r}: {'; '.join(map(str, problems))}"
        for message, problems in messages.check()
    ]
    assert not errors, f"[{language}] " + "\n".join(errors)


@pytest.mark.parametrize("path", ["/", "/regels/"])
def test_english_page_shows_no_dutch_layout_text(client, path):
    response = client.get(path, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="en"' in html
    dutch = [phrase for phrase in DUTCH_LAYOUT_PHRASES if phrase in html]
    assert not dutch, (
        f"{path} in English still shows Dutch: {dutch}. Is the catalogue compiled "
        "(`make translations`)?"
    )
    assert "Skip to content" in html and "Main menu" in html
