"""Languages as configuration (issue #20): only complete catalogues are offered, the page's
direction comes from Babel, the switch keeps what was typed, and the choice is remembered."""

from __future__ import annotations

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from portal.i18n import complete_languages, text_direction
from tests.conftest import make_app
from tests.intake.helpers import begin, step_url

ALL = {"nl": "Nederlands", "en": "English", "ar": "العربية", "tr": "Türkçe"}


def _compile(folder, language: str, messages: dict[str, str]) -> None:
    catalogue = Catalog(locale=language)
    for msgid, msgstr in messages.items():
        catalogue.add(msgid, msgstr)
    target = folder / language / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "messages.mo").open("wb") as handle:
        write_mo(handle, catalogue)


def test_a_half_done_language_is_not_offered(tmp_path):
    _compile(tmp_path, "en", {"Ja": "Yes", "Nee": "No"})
    _compile(tmp_path, "ar", {"Ja": "نعم", "Nee": "لا"})
    _compile(tmp_path, "tr", {"Ja": "Evet", "Nee": ""})  # one still empty
    offered = complete_languages(tmp_path, ALL)
    assert offered == {"nl": "Nederlands", "en": "English", "ar": "العربية"}


def test_a_language_with_fewer_plural_forms_than_english_is_complete(tmp_path):
    """Turkish has one plural form, English two, Arabic six: a plural message counts once."""
    day = ("%(num)s dag", "%(num)s dagen")
    for language, forms in {"en": ("%(num)s day", "%(num)s days"), "tr": ("%(num)s gün",)}.items():
        catalogue = Catalog(locale=language)
        catalogue.add(day, forms)
        catalogue.add("Ja", {"en": "Yes", "tr": "Evet"}[language])
        target = tmp_path / language / "LC_MESSAGES"
        target.mkdir(parents=True)
        with (target / "messages.mo").open("wb") as handle:
            write_mo(handle, catalogue)
    assert "tr" in complete_languages(tmp_path, ALL)


def test_without_compiled_catalogues_only_dutch_is_offered(tmp_path):
    assert complete_languages(tmp_path, ALL) == {"nl": "Nederlands"}


def test_every_language_is_configured_with_its_own_name(app):
    assert app.config["LANGUAGES"] == {
        "nl": "Nederlands",
        "en": "English",
        "ar": "العربية",
        "tr": "Türkçe",
        "pl": "Polski",
        "uk": "Українська",
    }
    offered = app.config["LANGUAGES_OFFERED"]
    assert {"nl", "en"} <= set(offered) <= set(app.config["LANGUAGES"])


def test_the_switch_shows_only_offered_languages(app, client):
    html = client.get("/").get_data(as_text=True)
    for code, name in app.config["LANGUAGES"].items():
        assert (f'value="{code}"' in html) == (code in app.config["LANGUAGES_OFFERED"]), code
        assert (name in html) == (code in app.config["LANGUAGES_OFFERED"]), name


def test_a_language_not_offered_cannot_be_chosen(app, client):
    if "uk" in app.config["LANGUAGES_OFFERED"]:
        return  # complete now: nothing to refuse
    response = client.post("/taal", data={"taal": "uk", "terug": "/"})
    assert "taal=" not in response.headers.get("Set-Cookie", "")


def test_direction_comes_from_babel():
    assert text_direction("ar") == "rtl"
    assert text_direction("nl") == text_direction("uk") == text_direction("tr") == "ltr"
    assert text_direction("xx-not-a-language") == "ltr"


def test_dutch_pages_are_left_to_right(client):
    assert '<html lang="nl" dir="ltr"' in client.get("/").get_data(as_text=True)


def test_an_arabic_page_is_right_to_left(migrated):
    app = make_app(migrated, LANGUAGES_OFFERED={"nl": "Nederlands", "ar": "العربية"})
    client = app.test_client()
    client.post("/taal", data={"taal": "ar", "terug": "/"})
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in html


def test_the_switch_keeps_what_was_typed_and_remembers_the_choice(client):
    begin(client)
    typed = "Ik kan mijn huur niet meer betalen & ik slaap slecht"
    page = client.get(step_url("vraag")).get_data(as_text=True)
    # On a page with typed answers the switch buttons post the page's own form.
    assert 'form="step-form"' in page and 'id="step-form"' in page
    response = client.post(step_url("vraag"), data={"question": typed, "taal": "en"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="en"' in html
    assert "Ik kan mijn huur niet meer betalen &amp; ik slaap slecht" in html
    assert "taal=en" in response.headers["Set-Cookie"]
    assert "Max-Age=31536000" in response.headers["Set-Cookie"]
    # Later visits: English, from the cookie.
    assert '<html lang="en"' in client.get("/").get_data(as_text=True)


def test_the_intake_language_follows_the_portal_language(client):
    begin(client)
    client.post("/taal", data={"taal": "en", "terug": "/"})
    html = client.get(step_url("taal")).get_data(as_text=True)
    assert '<option selected value="en">' in html or '<option value="en" selected' in html


def test_messages_use_only_an_offered_language(migrated):
    from portal.messages.texts import language_of

    answers = {"language": {"preferred": "ar"}}
    app = make_app(migrated, LANGUAGES_OFFERED={"nl": "Nederlands", "en": "English"})
    with app.app_context():
        assert language_of(answers) == "nl"
    app = make_app(migrated, LANGUAGES_OFFERED={"nl": "Nederlands", "ar": "العربية"})
    with app.app_context():
        assert language_of(answers) == "ar"


def test_staff_see_the_language_in_their_own_words(app):
    from portal.households.reach import language_name

    with app.test_request_context():
        assert language_name("ar") == "Arabisch (العربية)"
        assert language_name("uk") == "Oekraïens (Українська)"
        assert language_name("nl") == "Nederlands"


def test_a_right_to_left_paragraph_in_the_plan():
    from portal.plans.render_docx import _run

    run = _run("نص", italic=True, lang="ar-SA", rtl=True)
    assert "<w:rtl/>" in run and 'w:bidi="ar-SA"' in run and "<w:iCs/>" in run
    assert "<w:rtl/>" not in _run("text", lang="en-GB")


def test_resident_texts_come_from_their_own_domain_and_fall_back_to_dutch(migrated, tmp_path):
    from flask_babel import force_locale

    from portal.i18n import localized

    _compile(tmp_path, "en", {"Ja": "Yes"})
    _compile(tmp_path, "ar", {"Ja": "نعم"})
    catalogue = Catalog(locale="ar", domain="resident_texts")
    catalogue.add("Jeugdwet", "قانون الشباب (Jeugdwet)")
    with (tmp_path / "ar" / "LC_MESSAGES" / "resident_texts.mo").open("wb") as handle:
        write_mo(handle, catalogue)
    app = make_app(
        migrated,
        BABEL_TRANSLATION_DIRECTORIES=str(tmp_path),
        LANGUAGES_OFFERED={"nl": "Nederlands", "en": "English", "ar": "العربية"},
    )
    with app.test_request_context():
        with force_locale("ar"):
            assert localized({"nl": "Jeugdwet", "en": "Youth Act"}) == "قانون الشباب (Jeugdwet)"
            assert localized({"nl": "Participatiewet", "en": "Participation Act"}) == (
                "Participatiewet"
            )
        with force_locale("en"):
            assert localized({"nl": "Jeugdwet", "en": "Youth Act"}) == "Youth Act"
        assert localized({"nl": "Jeugdwet", "en": "Youth Act"}) == "Jeugdwet"
    # Another app in the same process reads its own catalogues, not the ones above (Flask-Babel
    # caches per language for the whole process; portal.i18n keeps a cache per app).
    dutch = {"nl": "Onafhankelijke cliëntondersteuning", "en": "Independent client support"}
    real = make_app(migrated)
    with real.test_request_context(), force_locale("ar"):
        assert localized(dutch) != dutch["nl"]
        assert localized({"nl": "Jeugdwet", "en": "Youth Act"}) != "قانون الشباب (Jeugdwet)"
    with app.test_request_context(), force_locale("ar"):
        assert localized(dutch) == dutch["nl"]


def test_a_language_without_its_resident_texts_is_not_offered(tmp_path):
    _compile(tmp_path, "en", {"Ja": "Yes"})
    _compile(tmp_path, "ar", {"Ja": "نعم"})
    catalogue = Catalog(domain="resident_texts")
    catalogue.add("Jeugdwet")
    from babel.messages.pofile import write_po

    with (tmp_path / "resident_texts.pot").open("wb") as handle:
        write_po(handle, catalogue)
    assert "ar" not in complete_languages(tmp_path, ALL)


def test_the_resident_texts_template_is_current():
    import sys
    from pathlib import Path

    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parents[2]
    template = root / "translations" / "resident_texts.pot"
    with template.open("rb") as handle:
        committed = {m.id for m in read_po(handle) if m.id}
    sys.path.insert(0, str(root / "tools"))
    try:
        from extract_resident_texts import resident_texts
    finally:
        sys.path.pop(0)
    assert committed == set(resident_texts()), (
        "translations/resident_texts.pot is out of date: run `make translations-update`"
    )


def test_the_switch_on_the_resume_page_keeps_the_code_and_the_date(client):
    """Issue #20: a resident typing their code switches language; the code and the birth date
    are shown again in the new language, unchecked (no error for a code not yet complete)."""
    page = client.get("/aanvraag/verder").get_data(as_text=True)
    assert 'id="resume-form"' in page and 'form="resume-form"' in page
    response = client.post(
        "/aanvraag/verder",
        data={
            "code": "K7P2-",
            "birth_date-day": "14",
            "birth_date-month": "2",
            "birth_date-year": "1990",
            "taal": "en",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and '<html lang="en"' in html
    assert 'value="K7P2-"' in html and 'value="1990"' in html
    assert "There is a problem" not in html
    assert "taal=en" in response.headers["Set-Cookie"]


def test_a_message_reaches_the_resident_in_their_own_language(app):
    """Issue #20: with the real catalogues, a resident who chose Ukrainian or Arabic gets the
    e-mail and the text message in that language, with the date written the language's way."""
    import gettext
    from datetime import date
    from pathlib import Path

    from portal.messages.models import TERM_EXTENDED
    from portal.messages.texts import render

    translations = Path(__file__).resolve().parents[2] / "translations"
    with app.test_request_context():
        for language, month in (("uk", "грудня"), ("ar", "ديسمبر")):
            own = gettext.translation("messages", translations, [language]).gettext
            mail_subject, body = render(TERM_EXTENDED, "email", language, on=date(2026, 12, 18))
            _sms_subject, sms = render(TERM_EXTENDED, "sms", language, on=date(2026, 12, 18))
            assert mail_subject == own("Wij hebben meer tijd nodig") != "Wij hebben meer tijd nodig"
            assert month in body and "december" not in body
            decide = "De gemeente heeft meer tijd nodig om over uw aanvraag te beslissen."
            assert own(decide) in body
            assert own("Wij hebben meer tijd nodig") in sms and month in sms
            assert ".." not in sms and ".." not in body  # a date ending in a dot ends it once
