"""Language choice: the resident's own choice (remembered in a cookie) beats Accept-Language."""

from __future__ import annotations

import gettext
import hashlib
from datetime import date, datetime
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po
from flask import Flask, current_app, request
from flask_babel import Domain, format_date, get_locale
from flask_babel import gettext as translate
from werkzeug.exceptions import HTTPException

#: The language of the msgids: always complete, it needs no catalogue.
SOURCE_LANGUAGE = "nl"
#: The reference catalogue: tests/test_translations.py keeps it complete against the source.
REFERENCE_LANGUAGE = "en"


#: The resident texts outside the code (verordening YAML, intake schema): English is in the
#: pairs themselves, every other language in this gettext domain (tools/extract_resident_texts.py).
class _PerAppDomain(Domain):
    """Flask-Babel's Domain keeps its loaded catalogues in one dict per language for the whole
    process; two apps with other translation directories (a test's own catalogues) would read
    each other's. Here each app keeps its own."""

    def get_translations_cache(self, ctx):
        return current_app.extensions.setdefault(f"translations:{self.domain[0]}", {})


RESIDENT_TEXTS = _PerAppDomain(domain="resident_texts")


def localized(text: dict | str | None) -> str:
    """A text from the verordening or an evaluation ({"nl": …, "en": …}) in the page's
    language: the pair's own key, else the Dutch text's translation in the resident_texts
    domain, else Dutch; a plain string stays as it is."""
    if hasattr(text, "to_dict"):  # a verordening.model.Text (the rules pages)
        text = text.to_dict()
    if isinstance(text, dict):
        language = str(get_locale() or SOURCE_LANGUAGE)
        dutch = text.get("nl") or ""
        own = text.get(language)
        if own:
            return own
        if dutch and language not in (SOURCE_LANGUAGE, REFERENCE_LANGUAGE):
            return RESIDENT_TEXTS.gettext(dutch)
        return dutch
    return "" if text is None else str(text)


def issue_text(issue) -> str:
    """A rule of the intake's contract (forms.contract.Issue) in the page's language; the
    field's title is a resident text, translated in its own domain for ar, tr, pl, uk."""
    language = str(get_locale() or SOURCE_LANGUAGE)
    own_domain = language not in (SOURCE_LANGUAGE, REFERENCE_LANGUAGE)
    return issue.render(
        translate, lang=language, title_gettext=RESIDENT_TEXTS.gettext if own_domain else None
    )


def explanation_text(explanation: str) -> str:
    """The engine's explanation ends with the answers that counted, named by member id
    (" U gaf aan: …"); pages list those answers themselves, with names, so only the B1 text
    before them is kept."""
    for lead in (" U gaf aan:", " You told us:"):
        explanation = explanation.split(lead)[0]
    return explanation


def _compiled_ids(directory: Path, language: str, domain: str = "messages") -> set | None:
    """The msgids with a translation in the compiled catalogue (pybabel compile leaves out
    empty and fuzzy entries), or None when the language has no compiled catalogue."""
    path = directory / language / "LC_MESSAGES" / f"{domain}.mo"
    if not path.exists():
        return None
    with path.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    # A plural message is stored once per form, as (msgid, n); languages have different
    # numbers of forms (Turkish one, English two, Arabic six), so it counts as its msgid.
    return {
        key[0] if isinstance(key, tuple) else key
        for key, value in catalogue.items()
        if key and value
    }


def complete_languages(directory: Path, languages: dict[str, str]) -> dict[str, str]:
    """The languages to offer residents: Dutch (the source), English when compiled, and every
    other language whose compiled catalogue translates every msgid English translates.

    A half-done catalogue never reaches residents: it stays out of the switch, out of
    Accept-Language and out of messages until it is complete (docs/languages.md). The resident
    texts outside the code (translations/resident_texts.pot) count too."""
    reference = _compiled_ids(directory, REFERENCE_LANGUAGE)
    resident_texts = _template_ids(directory / "resident_texts.pot")
    offered = {}
    for code, name in languages.items():
        if code == SOURCE_LANGUAGE:
            offered[code] = name
            continue
        found = _compiled_ids(directory, code)
        if found is None or reference is None:
            continue
        if code == REFERENCE_LANGUAGE:
            offered[code] = name
            continue
        texts = _compiled_ids(directory, code, "resident_texts") or set()
        if reference <= found and resident_texts <= texts:
            offered[code] = name
    return offered


def _template_ids(path: Path) -> set:
    """The msgids of a .pot (the resident texts every language but nl and en translates)."""
    if not path.exists():
        return set()
    with path.open("rb") as handle:
        return {message.id for message in read_po(handle) if message.id}


def offered_languages() -> dict[str, str]:
    """{code: own name} of the languages residents may choose (complete catalogues only)."""
    config = current_app.config
    return config.get("LANGUAGES_OFFERED") or {SOURCE_LANGUAGE: config["LANGUAGES"]["nl"]}


def text_direction(language: str | None) -> str:
    """'rtl' for a language written right to left (Babel's locale data), else 'ltr'."""
    try:
        order = Locale.parse(language or SOURCE_LANGUAGE).character_order
    except (ValueError, TypeError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


def switched_language() -> str | None:
    """The language asked for by a switch button that posted the page's own form
    (name="taal"): the page is shown again in that language with everything typed so far."""
    if request.method != "POST":
        return None
    try:
        chosen = request.form.get("taal")
    except HTTPException:  # the body itself was refused (413): its error page is drawn as is
        return None
    return chosen if chosen in offered_languages() else None


def remember_language(response, language: str):
    """Remember the resident's language for later visits (a cookie of one year)."""
    response.set_cookie(
        current_app.config["LANGUAGE_COOKIE"],
        language,
        max_age=ONE_YEAR,
        secure=current_app.config["LANGUAGE_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
    return response


ONE_YEAR = 60 * 60 * 24 * 365


def select_locale() -> str:
    languages = offered_languages()
    switched = switched_language()
    if switched:
        return switched
    chosen = request.cookies.get(current_app.config["LANGUAGE_COOKIE"])
    if chosen in languages:
        return chosen
    return (
        request.accept_languages.best_match(list(languages))
        or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def _asset_version(app: Flask) -> str:
    """A fingerprint of the stylesheet, so a new build is fetched despite long caching."""
    if "ASSET_VERSION" not in app.config:
        stylesheet = Path(app.static_folder or "") / "css" / "portal.min.css"
        digest = (
            hashlib.sha256(stylesheet.read_bytes()).hexdigest()[:12] if stylesheet.exists() else "0"
        )
        app.config["ASSET_VERSION"] = digest
    return app.config["ASSET_VERSION"]


def format_iso_date(value: str | None) -> str:
    """'2015-05-03' → '3 mei 2015' (in the chosen language); empty stays empty."""
    if not value:
        return ""
    try:
        return format_date(date.fromisoformat(value), "long")
    except ValueError:
        return value


def format_date_long(value: date | datetime | None) -> str:
    """A date, or the date in the Netherlands of a moment stored in UTC (naive means UTC):
    23:30 UTC on 22 November is 23 November (BABEL_DEFAULT_TIMEZONE)."""
    if value is None:
        return ""
    return format_date(value, "long")


def init_app(app: Flask) -> None:
    app.config.setdefault(
        "LANGUAGES_OFFERED",
        complete_languages(
            Path(app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";")[0]),
            app.config["LANGUAGES"],
        ),
    )
    # Template filters of every page (the intake's, the household file's, the plan's).
    app.add_template_filter(format_iso_date, "format_iso_date")
    app.add_template_filter(localized, "localized")
    app.add_template_filter(format_date_long, "format_date_long")

    @app.context_processor
    def language_context() -> dict:
        return {
            "current_language": str(get_locale()),
            "text_direction": text_direction(str(get_locale())),
            "languages": offered_languages(),
            "municipality_name": app.config["MUNICIPALITY_NAME"],
            "quick_exit_url": app.config.get("QUICK_EXIT_URL", "https://www.google.nl/"),
            "theme_class": app.config["THEME_CLASS"],
            "asset_version": _asset_version(app),
        }
