"""The committed front-end CSS (portal/static/css/portal.min.css) is complete, small and safe.

The file is built by assets/build_css.py from pinned npm packages and committed, so neither CI
nor a new machine needs npm. These tests read only committed files; the last one also rebuilds
and compares when node_modules/ happens to be there (after `npm ci`).
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CSS_FILE = ROOT / "portal" / "static" / "css" / "portal.min.css"
GAPS_FILE = ROOT / "assets" / "theme-gaps.txt"
APP_CSS = ROOT / "assets" / "app.css"
PACKAGE_JSON = ROOT / "package.json"
PACKAGE_LOCK = ROOT / "package-lock.json"

GZIP_BUDGET = 25 * 1024  # bytes after gzip; a whole form page should stay under 60 KB
RAW_BUDGET = 256 * 1024  # uncompressed, what the browser parses

# Class names the templates rely on, by component. Dropping a component from the build, or an
# upstream rename, fails here rather than in a resident's browser.
COMPONENT_CLASSES = {
    "document": ["utrecht-document"],
    "root": ["utrecht-root"],
    "body": ["utrecht-body"],
    "page": ["utrecht-page"],
    "page-header": ["utrecht-page-header", "utrecht-page-header__content"],
    "page-content": ["utrecht-page-content", "utrecht-page-content__main"],
    "page-footer": ["utrecht-page-footer", "utrecht-page-footer__content"],
    "skip-link": ["utrecht-skip-link", "utrecht-skip-link--visible-on-focus"],
    "heading": ["utrecht-heading-1", "utrecht-heading-2", "utrecht-heading-3", "utrecht-heading-4"],
    "paragraph": ["utrecht-paragraph", "utrecht-paragraph--lead", "utrecht-paragraph--small"],
    "link": ["utrecht-link", "utrecht-link--html-a"],
    "button": [
        "utrecht-button",
        "utrecht-button--primary-action",
        "utrecht-button--secondary-action",
        "utrecht-button--subtle",
        "utrecht-button--pressed",
    ],
    "button-group": ["utrecht-button-group"],
    "form-field": [
        "utrecht-form-field",
        "utrecht-form-field--invalid",
        "utrecht-form-field--radio",
        "utrecht-form-field--checkbox",
        "utrecht-form-field__label",
        "utrecht-form-field__input",
        "utrecht-form-field__description",
        "utrecht-form-field__error-message",
    ],
    "form-label": [
        "utrecht-form-label",
        "utrecht-form-label--radio",
        "utrecht-form-label--checkbox",
    ],
    "form-field-description": ["utrecht-form-field-description"],
    "form-field-error-message": ["utrecht-form-field-error-message"],
    "form-fieldset": [
        "utrecht-form-fieldset",
        "utrecht-form-fieldset--html-fieldset",
        "utrecht-form-fieldset--invalid",
        "utrecht-form-fieldset__legend",
        "utrecht-form-fieldset__legend--html-legend",
    ],
    "textbox": ["utrecht-textbox", "utrecht-textbox--html-input", "utrecht-textbox--invalid"],
    "textarea": [
        "utrecht-textarea",
        "utrecht-textarea--html-textarea",
        "utrecht-textarea--invalid",
    ],
    "select": ["utrecht-select", "utrecht-select--html-select", "utrecht-select--invalid"],
    "radio-button": [
        "utrecht-radio-button",
        "utrecht-radio-button--html-input",
        "utrecht-radio-button--invalid",
    ],
    "checkbox": ["utrecht-checkbox", "utrecht-checkbox--html-input"],
    "alert": [
        "utrecht-alert",
        "utrecht-alert--info",
        "utrecht-alert--ok",
        "utrecht-alert--warning",
        "utrecht-alert--error",
        "utrecht-alert__content",
        "utrecht-alert__message",
    ],
    "table": [
        "utrecht-table",
        "utrecht-table--html-table",
        "utrecht-table__caption",
        "utrecht-table__header",
        "utrecht-table__body",
        "utrecht-table__row",
        "utrecht-table__header-cell",
        "utrecht-table__cell",
    ],
    "unordered-list": ["utrecht-unordered-list", "utrecht-unordered-list__item"],
    "ordered-list": ["utrecht-ordered-list", "utrecht-ordered-list__item"],
    "data-list": [
        "utrecht-data-list",
        "utrecht-data-list__item",
        "utrecht-data-list__item-key",
        "utrecht-data-list__item-value",
    ],
    "status-badge": [
        "utrecht-status-badge",
        "utrecht-status-badge--success",
        "utrecht-status-badge--warning",
        "utrecht-status-badge--danger",
    ],
    "separator": ["utrecht-separator"],
    "nav-bar": ["utrecht-nav-bar", "utrecht-nav-bar__content"],
    "nav-list": ["utrecht-nav-list", "utrecht-nav-list__item", "utrecht-nav-list__link"],
    "pagination": [
        "utrecht-pagination",
        "utrecht-pagination__page-link",
        "utrecht-pagination__page-link--current",
        "utrecht-pagination__relative-link",
    ],
    "breadcrumb-nav": [
        "utrecht-breadcrumb-nav",
        "utrecht-breadcrumb-nav__list",
        "utrecht-breadcrumb-nav__item",
        "utrecht-breadcrumb-nav__link",
        "utrecht-breadcrumb-nav__link--current",
    ],
    # Ours, from assets/app.css
    "app": [
        "visually-hidden",
        "site-name",
        "site-nav",
        "language-switch",
        "error-summary",
        "error-summary__title",
        "error-summary__list",
        "progress-line",
        "progress-line__label",
        "progress-line__bar",
        "form-width",
        "table-scroll",
    ],
}

_VAR_REF = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)\s*([,)])")
_DEFINITION = re.compile(r"(?:^|[{;\s])(--[A-Za-z0-9_-]+)\s*:")
_HEADER = re.compile(r"\A/\*!(.*?)\*/\n", re.DOTALL)


def _without_comments_and_strings(css: str) -> str:
    return re.sub(r"/\*.*?\*/|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'", " ", css, flags=re.DOTALL)


@pytest.fixture(scope="module")
def css() -> str:
    assert CSS_FILE.is_file(), "run `npm ci && .venv/bin/python assets/build_css.py`"
    return CSS_FILE.read_text(encoding="ascii")


@pytest.fixture(scope="module")
def header(css: str) -> str:
    match = _HEADER.match(css)
    assert match, "the built CSS starts with a /*! ... */ header naming its sources"
    return match.group(1)


@pytest.fixture(scope="module")
def body(css: str) -> str:
    return _HEADER.sub("", css, count=1)


@pytest.fixture(scope="module")
def theme_class(header: str) -> str:
    match = re.search(r"Theme class: ([A-Za-z0-9_-]+)", header)
    assert match
    return match.group(1)


def test_css_is_within_the_size_budget(css: str):
    data = css.encode("ascii")
    gzipped = len(gzip.compress(data, compresslevel=9, mtime=0))
    assert gzipped < GZIP_BUDGET, f"{gzipped} bytes gzip, budget {GZIP_BUDGET}"
    assert len(data) < RAW_BUDGET, f"{len(data)} bytes raw, budget {RAW_BUDGET}"


def test_css_is_minified_and_one_file(body: str):
    strings_removed = re.sub(r"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'", "", body)
    assert "/*" not in strings_removed, "comments are dropped"
    assert body.count("\n") <= 1, "minified output is one line"
    assert "@import" not in body
    assert "@charset" not in body.lower()


def test_no_remote_resources(css: str):
    code = _without_comments_and_strings(css)
    assert "@import" not in code
    # any url() must be local: no scheme-relative or absolute URLs (CSP: 'self')
    for match in re.finditer(r"url\(\s*(['\"]?)([^)'\"]*)", css):
        target = match.group(2).strip().lower()
        assert not re.match(r"([a-z][a-z0-9+.-]*:)?//", target), target
        assert not target.startswith("http"), target


def test_header_names_sources_versions_and_licence(header: str):
    assert "EUPL-1.2" in header
    assert (ROOT / "LICENSES" / "EUPL-1.2.txt").is_file()
    lock = json.loads(PACKAGE_LOCK.read_text(encoding="utf-8"))
    locked = {
        path.removeprefix("node_modules/"): meta["version"]
        for path, meta in lock["packages"].items()
        if path.startswith("node_modules/")
    }
    named = dict(re.findall(r"(@[a-z0-9-]+/[a-z0-9-]+)@([0-9][0-9A-Za-z.+-]*)", header))
    assert any(name.startswith("@utrecht/") for name in named)
    for name, version in named.items():
        # a default-theme build names the voorbeeld tokens; a municipality's file is named freely
        if name in locked:
            assert locked[name] == version, f"{name}: built from {version}, lock has {locked[name]}"


def test_package_json_pins_exact_dev_dependencies_only():
    meta = json.loads(PACKAGE_JSON.read_text(encoding="utf-8"))
    assert "dependencies" not in meta, "build-time packages belong in devDependencies"
    assert meta.get("private") is True
    for name, version in meta["devDependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} must be pinned exactly"
    lock = json.loads(PACKAGE_LOCK.read_text(encoding="utf-8"))
    for path, info in lock["packages"].items():
        if path.startswith("node_modules/@utrecht/") or "voorbeeld-design-tokens" in path:
            assert info.get("license") == "EUPL-1.2", path


@pytest.mark.parametrize("component", sorted(COMPONENT_CLASSES))
def test_component_classes_are_present(body: str, component: str):
    code = _without_comments_and_strings(body)
    missing = [
        name
        for name in COMPONENT_CLASSES[component]
        if not re.search(r"\." + re.escape(name) + r"(?![A-Za-z0-9_-])", code)
    ]
    assert not missing, f"{component}: {missing}"


def test_theme_block_is_present_and_shaken(body: str, theme_class: str):
    assert re.search(r"(^|[},])\." + re.escape(theme_class) + r"\{--", body)
    # the full voorbeeld theme has ~2,800 custom properties; only the used ones are kept
    definitions = set(_DEFINITION.findall(_without_comments_and_strings(body)))
    assert 100 < len(definitions) < 1500
    # tokens of other organisations' component libraries never reach the portal
    assert not any(
        name.startswith(("--denhaag-", "--ams-", "--rhc-", "--lux-", "--todo-"))
        for name in definitions
    )


def test_every_var_without_fallback_is_defined(body: str):
    code = _without_comments_and_strings(body)
    defined = set(_DEFINITION.findall(code))
    gaps = {
        line.strip()
        for line in GAPS_FILE.read_text(encoding="ascii").splitlines()
        if line.strip() and not line.startswith("#")
    }
    undefined = {name for name, sep in _VAR_REF.findall(code) if sep == ")"} - defined
    unexpected = sorted(undefined - gaps)
    assert not unexpected, (
        "var() without fallback names a custom property the CSS does not define "
        f"(a token dropped by the build, or a typo in assets/app.css): {unexpected}"
    )
    # The gap list holds only optional *component* tokens; the theme's basis tokens and
    # our own are always defined.
    assert not [n for n in gaps if n.startswith(("--basis-", "--eenloket-"))]
    assert not gaps & defined, "theme-gaps.txt is stale: rebuild"


def test_app_css_uses_tokens_not_literal_colours():
    code = _without_comments_and_strings(APP_CSS.read_text(encoding="utf-8"))
    for match in re.finditer(r"(#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\()", code):
        # a literal colour may only appear as a var() fallback
        before = code[: match.start()]
        assert before.rstrip().endswith(","), f"literal colour outside a fallback: {match.group()}"
    # every token app.css reads without a fallback exists in the built CSS
    built = _without_comments_and_strings(CSS_FILE.read_text(encoding="ascii"))
    defined = set(_DEFINITION.findall(built))
    missing = sorted({n for n, sep in _VAR_REF.findall(code) if sep == ")"} - defined)
    assert not missing, missing


def test_focus_indicator_is_styled(body: str):
    assert ":where(:focus-visible){" in body
    assert re.search(r"--utrecht-focus-outline-color:var\(--basis-focus-outline-color", body)
    assert re.search(r"--basis-focus-outline-color:#[0-9a-fA-F]{3,6}", body)


@pytest.mark.skipif(
    not (ROOT / "node_modules" / "@utrecht").is_dir(),
    reason="node_modules/ not installed (run `npm ci` to also check the build is current)",
)
def test_committed_css_matches_a_fresh_build(css: str, theme_class: str):
    if theme_class != "voorbeeld-theme":
        pytest.skip("built with a municipality's own theme")
    spec = importlib.util.spec_from_file_location("build_css", ROOT / "assets" / "build_css.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    result = module.build()
    assert result.css == css, "portal.min.css is stale: run .venv/bin/python assets/build_css.py"
    committed_gaps = [
        line for line in GAPS_FILE.read_text(encoding="ascii").splitlines() if line.startswith("--")
    ]
    assert committed_gaps == result.gaps
