"""Build portal/static/css/portal.min.css from NL Design System packages.

Run from the repository root after ``npm ci``::

    .venv/bin/python assets/build_css.py
    .venv/bin/python assets/build_css.py --theme-css path/to/theme.css --theme-class gemeente-theme

What it does:

1. concatenates the CSS of the Utrecht components listed in ``COMPONENTS`` (from
   ``node_modules/@utrecht/<name>-css/dist/index.css``) and our own ``assets/app.css``;
2. tree-shakes the design-token theme (the NL Design System "voorbeeld" theme by default):
   only the custom properties that the kept CSS references, followed transitively through
   ``var(--x)`` chains, are kept;
3. minifies the result (comments and whitespace dropped; strings are left alone) and writes
   one file with a header naming the packages, versions and licence.

Standard library only: nothing here is needed at run time, and the built file is committed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
APP_CSS = ROOT / "assets" / "app.css"
OUTPUT = ROOT / "portal" / "static" / "css" / "portal.min.css"
GAPS_FILE = ROOT / "assets" / "theme-gaps.txt"

VOORBEELD_PACKAGE = "@nl-design-system-unstable/voorbeeld-design-tokens"
VOORBEELD_THEME_CSS = NODE_MODULES / VOORBEELD_PACKAGE / "dist" / "theme.css"
VOORBEELD_THEME_CLASS = "voorbeeld-theme"

# The Utrecht components a government form portal uses, in the order of the upstream bundle
# (@utrecht/component-library-css), so that equal-specificity rules cascade as they do there.
COMPONENTS = [
    "alert",
    "status-badge",
    "body",
    "breadcrumb-nav",
    "button-group",
    "button",
    "checkbox",
    "data-list",
    "document",
    "form-field-description",
    "form-field-error-message",
    "form-field",
    "form-fieldset",
    "form-label",
    "heading-1",
    "heading-2",
    "heading-3",
    "heading-4",
    "link",
    "nav-bar",
    "nav-list",
    "ordered-list",
    "page-content",
    "page-footer",
    "page-header",
    "page",
    "pagination",
    "paragraph",
    "radio-button",
    "root",
    "select",
    "separator",
    "skip-link",
    "table",
    "textarea",
    "textbox",
    "unordered-list",
]

_VAR_REF = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)\s*([,)])")
_REMOTE = re.compile(r"@import|url\(\s*['\"]?\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


class BuildError(Exception):
    pass


# --------------------------------------------------------------------------- CSS text helpers


def _split_strings(css: str) -> list[tuple[str, str]]:
    """Split CSS into ("code" | "string" | "comment", text) segments."""
    out: list[tuple[str, str]] = []
    i, n, start = 0, len(css), 0
    while i < n:
        c = css[i]
        if c == "/" and css.startswith("/*", i):
            end = css.find("*/", i + 2)
            end = n if end < 0 else end + 2
            if start < i:
                out.append(("code", css[start:i]))
            out.append(("comment", css[i:end]))
            i = start = end
        elif c in "\"'":
            j = i + 1
            while j < n and css[j] != c:
                if css[j] == "\\":
                    j += 1
                elif css[j] == "\n":
                    break
                j += 1
            j = min(j + 1, n)
            if start < i:
                out.append(("code", css[start:i]))
            out.append(("string", css[i:j]))
            i = start = j
        else:
            i += 1
    if start < n:
        out.append(("code", css[start:]))
    return out


def strip_comments(css: str) -> str:
    return "".join(text for kind, text in _split_strings(css) if kind != "comment")


def var_references(css: str) -> list[tuple[str, bool]]:
    """Every ``var(--name ...)`` in the CSS as (name, has_fallback), comments ignored."""
    code = "".join(text for kind, text in _split_strings(css) if kind == "code")
    return [(m.group(1), m.group(2) == ",") for m in _VAR_REF.finditer(code)]


def defined_properties(css: str) -> set[str]:
    """Every custom property that is declared somewhere in the CSS."""
    code = "".join(text for kind, text in _split_strings(css) if kind == "code")
    return set(re.findall(r"(?:^|[{;\s])(--[A-Za-z0-9_-]+)\s*:", code))


def _escape_non_ascii(text: str) -> str:
    out = []
    for i, ch in enumerate(text):
        if ord(ch) < 128:
            out.append(ch)
            continue
        out.append(f"\\{ord(ch):x}")
        nxt = text[i + 1 : i + 2]
        if nxt and (nxt in "0123456789abcdefABCDEF" or nxt.isspace()):
            out.append(" ")
    return "".join(out)


def _drop_comments(css: str) -> str:
    """Remove comments; keep one space where the comment was the only separator of two words."""
    segments = _split_strings(css)
    out: list[str] = []
    for i, (kind, text) in enumerate(segments):
        if kind != "comment":
            out.append(text)
            continue
        before = out[-1][-1:] if out and out[-1] else ""
        after = next((t[:1] for k, t in segments[i + 1 :] if k != "comment" and t), "")
        word = re.compile(r"[A-Za-z0-9_\-%.#\\]")
        out.append(" " if word.match(before) and word.match(after) else "")
    return "".join(out)


def _minify_code(code: str) -> str:
    code = re.sub(r"\s+", " ", code)
    code = re.sub(r" ?([{};,>]) ?", r"\1", code)
    code = code.replace(": ", ":").replace("( ", "(").replace(" )", ")").replace(" !", "!")
    return code.replace(";}", "}")


def minify(css: str) -> str:
    """A small, conservative CSS minifier.

    Drops comments and ``@charset``, collapses whitespace, and removes it only where CSS
    syntax makes it meaningless (around ``{ } ; , >``, after ``:``, inside parentheses, before
    ``!``). Never touches strings, and never the space before ``(`` or ``:`` (``and (`` and
    ``.a :focus`` depend on it) nor around ``+``/``-`` (``calc()``). Non-ASCII characters are
    written as CSS escapes, so the file is pure ASCII and needs no ``@charset``.
    """
    css = _drop_comments(css)
    css = re.sub(r'@charset\s*"[^"]*"\s*;', "", css, flags=re.IGNORECASE)
    out = "".join(
        _escape_non_ascii(text) if kind == "string" else _escape_non_ascii(_minify_code(text))
        for kind, text in _split_strings(css)
    )
    # Drop empty rules (repeat: an @media left empty by that is dropped next round). The
    # prelude class excludes quotes, so this never reaches into a string.
    prev = None
    while prev != out:
        prev = out
        out = re.sub(r"(^|[{}])[^{}\"';]+\{\}", r"\1", out)
    return out.strip()


# --------------------------------------------------------------------------- parsing


def _match_block(css: str, open_index: int) -> int:
    """Index just after the ``}`` matching the ``{`` at open_index (strings skipped)."""
    depth = 0
    i = open_index
    n = len(css)
    while i < n:
        c = css[i]
        if c in "\"'":
            j = i + 1
            while j < n and css[j] != c:
                j += 2 if css[j] == "\\" else 1
            i = j + 1
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise BuildError("unbalanced braces in theme CSS")


def split_declarations(body: str) -> list[tuple[str, str]]:
    """Split a declaration block body into (property, value) pairs."""
    decls: list[tuple[str, str]] = []
    depth, start, i, n = 0, 0, 0, len(body)
    while i <= n:
        c = body[i] if i < n else ";"
        if c in "\"'" and i < n:
            j = i + 1
            while j < n and body[j] != c:
                j += 2 if body[j] == "\\" else 1
            i = j + 1
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == ";" and depth == 0:
            chunk = body[start:i].strip()
            if chunk:
                name, sep, value = chunk.partition(":")
                if not sep:
                    raise BuildError(f"not a declaration in theme CSS: {chunk[:80]!r}")
                decls.append((name.strip(), value.strip()))
            start = i + 1
        i += 1
    return decls


@dataclass
class ThemeRule:
    """One top-level (or @media-nested) rule of the theme file."""

    prelude: str
    declarations: list[tuple[str, str]] | None = None  # set when the selector is the theme class
    raw_body: str = ""  # verbatim body for any other rule
    children: list[ThemeRule] = field(default_factory=list)  # for @media / @supports


def parse_theme(css: str, theme_class: str) -> list[ThemeRule]:
    css = strip_comments(css)
    selector = f".{theme_class}"
    rules: list[ThemeRule] = []
    i = 0
    while True:
        brace = css.find("{", i)
        if brace < 0:
            rest = css[i:].strip()
            # Statements without a block (@charset, @import) are dropped / refused later.
            for stmt in filter(None, (s.strip() for s in rest.split(";"))):
                if stmt.lower().startswith("@import"):
                    raise BuildError("the theme CSS may not @import other files")
            break
        prelude = css[i:brace]
        # statements before the block, e.g. @charset "UTF-8";
        if ";" in prelude:
            head, _, prelude = prelude.rpartition(";")
            if "@import" in head.lower():
                raise BuildError("the theme CSS may not @import other files")
        prelude = prelude.strip()
        end = _match_block(css, brace)
        body = css[brace + 1 : end - 1]
        if prelude.startswith("@media") or prelude.startswith("@supports"):
            rules.append(ThemeRule(prelude, children=parse_theme(body, theme_class)))
        elif any(part.strip() == selector for part in prelude.split(",")):
            rules.append(ThemeRule(prelude, declarations=split_declarations(body)))
        else:
            rules.append(ThemeRule(prelude, raw_body=body))
        i = end
    return rules


def _walk(rules: list[ThemeRule]):
    for rule in rules:
        yield rule
        yield from _walk(rule.children)


# --------------------------------------------------------------------------- tree-shaking


def shake_theme(
    rules: list[ThemeRule], used_css: str
) -> tuple[str, set[str], dict[str, list[str]]]:
    """Keep only the theme's custom properties that used_css needs, transitively.

    Returns (theme CSS text, names kept, every custom property the theme defines).
    """
    defs: dict[str, list[str]] = {}
    roots = [name for name, _ in var_references(used_css)]
    for rule in _walk(rules):
        if rule.declarations is not None:
            for name, value in rule.declarations:
                if name.startswith("--"):
                    defs.setdefault(name, []).append(value)
                else:
                    roots.extend(n for n, _ in var_references(value))
        elif not rule.children:
            roots.extend(n for n, _ in var_references(rule.raw_body))
    kept: set[str] = set()
    stack = list(roots)
    while stack:
        name = stack.pop()
        if name in kept or name not in defs:
            continue
        kept.add(name)
        for value in defs[name]:
            stack.extend(n for n, _ in var_references(value))

    def render(rules: list[ThemeRule]) -> str:
        out = []
        for rule in rules:
            if rule.children:
                inner = render(rule.children)
                if inner:
                    out.append(f"{rule.prelude}{{{inner}}}")
            elif rule.declarations is not None:
                decls = [
                    f"{name}:{value}"
                    for name, value in rule.declarations
                    if not name.startswith("--") or name in kept
                ]
                if decls:
                    out.append(f"{rule.prelude}{{{';'.join(decls)}}}")
            else:
                out.append(f"{rule.prelude}{{{rule.raw_body}}}")
        return "\n".join(out)

    return render(rules), kept, defs


# --------------------------------------------------------------------------- build


def package_version(package_dir: Path) -> tuple[str, str]:
    meta = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))
    return meta["version"], meta.get("license", "UNKNOWN")


def check_local_only(css: str, origin: str) -> None:
    code = "".join(text for kind, text in _split_strings(css) if kind != "comment")
    if _REMOTE.search(code):
        raise BuildError(f"{origin}: @import or a remote url() is not allowed (CSP: 'self' only)")


@dataclass
class BuildResult:
    css: str
    raw_size: int
    gzip_size: int
    tokens_kept: int
    tokens_total: int
    dangling: list[str]
    gaps: list[str]


def build(
    theme_css: Path = VOORBEELD_THEME_CSS,
    theme_class: str = VOORBEELD_THEME_CLASS,
    theme_label: str | None = None,
    app_css: Path = APP_CSS,
) -> BuildResult:
    if not NODE_MODULES.is_dir():
        raise BuildError("node_modules/ is missing: run `npm ci` first")
    if not re.fullmatch(r"-?[A-Za-z_][A-Za-z0-9_-]*", theme_class):
        raise BuildError(f"not a CSS class name: {theme_class!r}")

    sources: list[str] = []
    component_css: list[str] = []
    for name in COMPONENTS:
        package_dir = NODE_MODULES / "@utrecht" / f"{name}-css"
        css_file = package_dir / "dist" / "index.css"
        if not css_file.is_file():
            raise BuildError(f"{css_file} is missing: run `npm ci` (is it in package.json?)")
        version, licence = package_version(package_dir)
        if licence != "EUPL-1.2":
            raise BuildError(f"@utrecht/{name}-css {version} is {licence}, expected EUPL-1.2")
        sources.append(f"@utrecht/{name}-css@{version}")
        css = css_file.read_text(encoding="utf-8")
        check_local_only(css, f"@utrecht/{name}-css")
        component_css.append(css)

    app = app_css.read_text(encoding="utf-8") if app_css.is_file() else ""
    check_local_only(app, str(app_css))

    theme_text = theme_css.read_text(encoding="utf-8")
    check_local_only(theme_text, str(theme_css))
    if theme_label is None:
        if theme_css == VOORBEELD_THEME_CSS:
            version, _ = package_version(NODE_MODULES / VOORBEELD_PACKAGE)
            theme_label = f"{VOORBEELD_PACKAGE}@{version}"
        else:
            theme_label = theme_css.name
    rules = parse_theme(theme_text, theme_class)
    if not any(rule.declarations is not None for rule in _walk(rules)):
        raise BuildError(f"{theme_css} has no rule for the selector .{theme_class}")

    body_css = "\n".join(component_css) + "\n" + app
    theme_out, kept, theme_defs = shake_theme(rules, body_css)
    total = len(theme_defs)
    minified = minify(theme_out + "\n" + body_css)

    # "Gaps": tokens that the components read without a fallback and that neither the theme
    # nor any component/app rule defines. Upstream leaves these optional on purpose (the
    # declaration is then ignored and the browser default applies). Computed from the
    # sources, so a token the theme *does* define but the output lacks is a build error.
    source_defined = defined_properties(body_css) | set(theme_defs)
    gaps = sorted({n for n, fb in var_references(body_css) if not fb} - source_defined)
    defined = defined_properties(minified)
    dangling = sorted({n for n, fb in var_references(minified) if not fb and n not in defined})
    lost = sorted(set(dangling) - set(gaps))
    if lost:
        raise BuildError(f"tree-shaking dropped defined custom properties: {', '.join(lost)}")

    header = (
        "/*! Een loket portal CSS. Built by assets/build_css.py; do not edit.\n"
        " * Theme class: " + theme_class + " (put it on <html>).\n"
        " * Design tokens: "
        + theme_label
        + " ("
        + str(len(kept))
        + " of "
        + str(total)
        + " custom properties kept).\n"
        " * Components (EUPL-1.2, (c) Frameless B.V., Gemeente Utrecht, NL Design System"
        " community):\n * " + ", ".join(sources) + "\n"
        " * Licence: EUPL-1.2, see LICENSES/EUPL-1.2.txt and"
        " https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12\n */\n"
    )
    css = header + minified + "\n"
    data = css.encode("ascii")
    return BuildResult(
        css=css,
        raw_size=len(data),
        gzip_size=len(gzip.compress(data, compresslevel=9, mtime=0)),
        tokens_kept=len(kept),
        tokens_total=total,
        dangling=dangling,
        gaps=gaps,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--theme-css",
        type=Path,
        default=VOORBEELD_THEME_CSS,
        help="design-token CSS file of the municipality (default: the voorbeeld theme)",
    )
    parser.add_argument(
        "--theme-class",
        default=None,
        help="class the token file declares its custom properties on"
        f" (default {VOORBEELD_THEME_CLASS})",
    )
    parser.add_argument("--theme-label", help="name/version of the tokens, for the header")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"default {OUTPUT}")
    parser.add_argument(
        "--gaps-file",
        type=Path,
        default=GAPS_FILE,
        help=f"where to list the optional tokens the theme leaves undefined (default {GAPS_FILE})",
    )
    args = parser.parse_args(argv)
    if args.theme_css != VOORBEELD_THEME_CSS and args.theme_class is None:
        parser.error("--theme-css needs --theme-class (the selector its tokens are under)")
    theme_class = args.theme_class or VOORBEELD_THEME_CLASS

    try:
        result = build(args.theme_css.resolve(), theme_class, args.theme_label)
    except (BuildError, OSError) as exc:
        print(f"build_css: {exc}", file=sys.stderr)
        return 1

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(result.css, encoding="ascii", newline="\n")
    try:
        shown = args.output.resolve().relative_to(ROOT)
    except ValueError:
        shown = args.output
    print(f"wrote {shown}")
    print(
        f"  theme class .{theme_class}: {result.tokens_kept} of {result.tokens_total} tokens kept"
    )
    print(f"  size: {result.raw_size} bytes raw, {result.gzip_size} bytes gzip -9")
    args.gaps_file.parent.mkdir(parents=True, exist_ok=True)
    args.gaps_file.write_text(
        "# Written by assets/build_css.py; do not edit. Component tokens read with var() without\n"
        "# a fallback that the theme (." + theme_class + ") does not define. Upstream treats\n"
        "# them as optional: the declaration is ignored and the browser default applies.\n"
        "# tests/test_assets.py allows exactly these to be undefined in the built CSS.\n"
        + "".join(f"{name}\n" for name in result.gaps),
        encoding="ascii",
        newline="\n",
    )
    print(
        f"  {len(result.gaps)} optional tokens the theme leaves undefined:"
        f" see {args.gaps_file.name}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
