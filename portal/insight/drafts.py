"""A draft verordening, uploaded by a policy officer: validated exactly as the live one is, by
the engine's public loader (`verordening.load_verordeningen`), never by its internals.

A draft is one YAML file, or a .zip of the files of one version (for a verordening kept as a
folder, e.g. one file per parameter). It is written to a temporary folder under its own file
name, so every message names the file the officer knows; each problem is shown as file, place
(article, rule, parameter, or line) and reason.
"""

from __future__ import annotations

import hashlib
import io
import re
import tempfile
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from flask_babel import gettext
from werkzeug.utils import secure_filename

from verordening import VerordeningError, load_verordeningen

MAX_BYTES = 900 * 1024  # under the app's request limit (MAX_CONTENT_LENGTH, 1 MB)
MAX_ZIP_FILES = 500
MAX_UNZIPPED = 20 * 1024 * 1024


def _(text: str, **values) -> str:
    """The page's language in a request; Dutch (the source) in the CLI and the workers."""
    try:
        return gettext(text, **values)
    except RuntimeError:  # no request: the command line, a worker
        return text % values if values else text


@dataclass(frozen=True)
class Problem:
    file: str
    place: str  # "artikel 4.2, regel wmo_hh", "regel 12, kolom 3", or ""
    reason: str
    line: int | None = None


class DraftInvalid(ValueError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(f"{p.file}: {p.place}: {p.reason}" for p in problems))


def clean_name(name: str | None) -> str:
    cleaned = secure_filename(name or "") or "concept.yaml"
    return cleaned[:200]


def content_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@contextmanager
def unpacked(name: str, content: bytes):
    """The draft as files in a temporary folder: (folder, path to load)."""
    with tempfile.TemporaryDirectory(prefix="concept-") as folder:
        root = Path(folder)
        if name.lower().endswith(".zip"):
            target = root / "concept"
            target.mkdir()
            _unzip(content, target, name)
            yield root, target
        else:
            path = root / name
            path.write_bytes(content)
            yield root, path


def _unzip(content: bytes, target: Path, name: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, ValueError):
        raise DraftInvalid(
            [Problem(name, "", _("Dit zip-bestand is kapot of geen zip."))]
        ) from None
    if len(members) > MAX_ZIP_FILES or sum(i.file_size for i in members) > MAX_UNZIPPED:
        raise DraftInvalid([Problem(name, "", _("Het zip-bestand is te groot."))])
    for info in members:
        parts = PurePosixPath(info.filename).parts
        if info.filename.startswith("/") or ".." in parts:
            raise DraftInvalid(
                [Problem(name, info.filename, _("Een bestand in de zip wijst buiten de map."))]
            )
        path = target.joinpath(*parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            path.write_bytes(archive.read(info))
        except (zipfile.BadZipFile, OSError, RuntimeError):
            raise DraftInvalid(
                [Problem(name, info.filename, _("Dit bestand in de zip is kapot."))]
            ) from None


def load(name: str, content: bytes):
    """The draft's Verordening, or DraftInvalid with every problem found."""
    name = clean_name(name)
    if not content:
        raise DraftInvalid([Problem(name, "", _("Het bestand is leeg."))])
    if len(content) > MAX_BYTES:
        raise DraftInvalid([Problem(name, "", _("Het bestand is groter dan 900 kB."))])
    if not name.lower().endswith(".zip"):
        if b"\0" in content[:4096]:
            raise DraftInvalid(
                [
                    Problem(
                        name,
                        "",
                        _("Dit is geen tekstbestand. Kies het YAML-bestand van de verordening."),
                    )
                ]
            )
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DraftInvalid(
                [
                    Problem(
                        name,
                        _("teken %(position)s", position=exc.start + 1),
                        _(
                            "Het bestand is geen UTF-8-tekst. "
                            "Sla het op als UTF-8 en probeer het opnieuw."
                        ),
                    )
                ]
            ) from None
        if not name.lower().endswith((".yaml", ".yml")):
            name += ".yaml"
    else:
        text = None
    with unpacked(name, content) as (root, path):
        try:
            registry = load_verordeningen(path)
        except VerordeningError as exc:
            raise DraftInvalid([_problem(m, root, text) for m in exc.errors]) from None
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise DraftInvalid(
                [
                    Problem(
                        name,
                        "",
                        _("Het bestand kan niet worden gelezen: %(reason)s", reason=str(exc)[:200]),
                    )
                ]
            ) from None
        versions = list(registry)
    if len(versions) != 1:
        raise DraftInvalid(
            [
                Problem(
                    name,
                    "",
                    _(
                        "Een concept is precies één versie van de verordening; dit zijn er %(n)s.",
                        n=len(versions),
                    ),
                )
            ]
        )
    return versions[0]


_YAML_MARK = re.compile(r"line (\d+), column (\d+)")


def _problem(message: str, root: Path, text: str | None) -> Problem:
    """'file: place: reason' from the engine, with the temporary folder taken off the file."""
    message = message.replace(str(root.resolve()) + "/", "").replace(str(root) + "/", "")
    file, _sep, rest = message.partition(": ")
    if not _sep:
        return Problem("", "", message)
    file = file.removeprefix("concept/")
    place, sep, reason = rest.partition(": ")
    if not sep or not re.match(
        r"^(artikel|regel|parameter|termijn|afgeleid|triage|nothing|deadlines|regimes|parameters|derived)",
        place,
    ):
        place, reason = "", rest
    line = None
    mark = _YAML_MARK.search(reason)
    if mark:
        line = int(mark.group(1))
        place = place or _(
            "regel %(line)s, kolom %(column)s", line=mark.group(1), column=mark.group(2)
        )
    elif text is not None:
        line = _line_of(text, place)
    return Problem(file, place, reason, line)


def _line_of(text: str, place: str) -> int | None:
    """The line of the deepest named thing in `place`: a rule's id, an article's number, a
    parameter's name (a text search: good enough to find it in an editor)."""
    patterns = []
    for kind, value in re.findall(r"(artikel|regel|parameter)\s+([\w.\-]+)", place):
        if kind == "regel":
            patterns.append(rf"^\s*-?\s*id:\s*['\"]?{re.escape(value)}['\"]?\s*$")
        elif kind == "artikel":
            patterns.append(rf"^\s*-?\s*number:\s*['\"]?{re.escape(value)}['\"]?\s*$")
        else:
            patterns.append(rf"^\s+{re.escape(value)}:\s*$")
    for pattern in reversed(patterns):
        found = re.search(pattern, text, re.MULTILINE)
        if found:
            return text.count("\n", 0, found.start()) + 1
    return None
