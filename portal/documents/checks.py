"""What a file really is, decided by its content (never its name or the browser's type), and
what we keep of it (docs/documents.md). Flask-free: the limits come in as arguments.

- PDF (`%PDF-`), JPEG (`FF D8 FF`) and PNG (its 8-byte signature): anything else is refused,
  whatever its name says (an .exe renamed .pdf starts with `MZ`).
- Images are decoded by Pillow with a pixel limit (a decompression bomb: a small file that
  unpacks to gigabytes is refused before it is decoded), then **re-encoded** from the pixels:
  what we store is a new file, without EXIF/GPS metadata, comments, ICC-embedded payloads or
  anything appended after the image.
- PDFs are parsed with pypdf, every object reachable from the document is walked, and the file
  is refused when it is encrypted (we could not check it), has JavaScript, a launch, submit-form,
  import-data or other action that runs something, an additional-action trigger (/AA),
  embedded files, rich media, an XFA form, or cannot be read at all. The raw bytes are searched
  for the same names as a second net (a reader that repairs a broken file may find objects the
  parser skipped). A PDF that passes is stored as it was sent.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}

# Refusal reasons (the pages say them in B1, portal/documents/views.py).
EMPTY, TOO_BIG, WRONG_TYPE, UNREADABLE, BOMB, ENCRYPTED, ACTIVE = (
    "empty",
    "too_big",
    "wrong_type",
    "unreadable",
    "bomb",
    "encrypted",
    "active",
)

# Names in a PDF that make it do something when opened (actions), carry other files, or
# can hold scripts. Keys of a dictionary, or values of an action's /S.
ACTIVE_KEYS = frozenset(
    {"/JavaScript", "/JS", "/AA", "/EmbeddedFiles", "/EmbeddedFile", "/RichMedia", "/XFA"}
)
ACTIVE_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/SubmitForm",
        "/ImportData",
        "/GoToE",
        "/GoToR",
        "/Rendition",
        "/RichMediaExecute",
        "/Sound",
        "/Movie",
        "/Hide",
    }
)
# The raw second net: the longer of those names, also hex-escaped (`/J#61vaScript`). Not the
# three-letter ones (/JS, /AA): in megabytes of compressed image data those bytes turn up by
# chance; the parser's walk finds them where they mean something.
_RAW_NAMES = ("JavaScript", "Launch", "EmbeddedFiles", "EmbeddedFile", "RichMedia", "XFA")


def _escaped(char: int) -> bytes:
    """One letter of a PDF name, as itself or as `#xx` (PDF 1.2 name escapes)."""
    hex_digits = b"".join(
        b"[%s%s]" % (bytes([h]).lower(), bytes([h]).upper()) for h in b"%02x" % char
    )
    return b"(?:" + re.escape(bytes([char])) + b"|#" + hex_digits + b")"


_RAW = re.compile(
    b"/(?:"
    + b"|".join(b"".join(_escaped(c) for c in name.encode()) for name in _RAW_NAMES)
    + rb")(?![A-Za-z0-9#])"
)
MAX_PDF_OBJECTS = 200_000


class Refused(ValueError):
    """The file is not accepted; `reason` is one of the constants above."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Checked:
    content_type: str
    data: bytes  # what we store: the re-encoded image, or the checked PDF as sent
    sha256: str

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]


def sniff(head: bytes) -> str | None:
    """The type the first bytes say, or None."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


def check(data: bytes, *, max_bytes: int, max_pixels: int) -> Checked:
    """The file as we will keep it, or `Refused`."""
    if not data:
        raise Refused(EMPTY)
    if len(data) > max_bytes:
        raise Refused(TOO_BIG)
    kind = sniff(data[:16])
    if kind is None:
        raise Refused(WRONG_TYPE)
    kept = check_pdf(data) if kind == PDF else reencode_image(data, kind, max_pixels)
    return Checked(kind, kept, hashlib.sha256(kept).hexdigest())


# -- images ---------------------------------------------------------------------------------------


def reencode_image(data: bytes, kind: str, max_pixels: int) -> bytes:
    from PIL import Image, ImageOps, UnidentifiedImageError

    expected = "JPEG" if kind == JPEG else "PNG"
    try:
        # Opening reads only the header: the size is known before any pixel is decoded. Our
        # limit is checked here rather than by changing Pillow's global MAX_IMAGE_PIXELS (not
        # safe with threads); Pillow's own bomb error (at twice its default) stays as well.
        with Image.open(io.BytesIO(data), formats=[expected]) as image:
            if image.width * image.height > max_pixels:
                raise Refused(BOMB)
            image.load()
            image = ImageOps.exif_transpose(image)  # keep it upright; EXIF itself goes
            return _encode(image, expected)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as bomb:
        raise Refused(BOMB) from bomb
    except Refused:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as broken:
        raise Refused(UNREADABLE) from broken


def _encode(image, fmt: str) -> bytes:
    """New pixels only: no `info` (EXIF, XMP, comments, ICC, text chunks) is passed on."""
    out = io.BytesIO()
    if fmt == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        clean = image.copy()
        clean.info = {}
        clean.save(out, "JPEG", quality=90)
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P", "1"):
            image = image.convert("RGBA")
        clean = image.copy()
        clean.info = {}
        clean.save(out, "PNG")
    return out.getvalue()


# -- PDF ------------------------------------------------------------------------------------------


def check_pdf(data: bytes) -> bytes:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if _RAW.search(data):
        raise Refused(ACTIVE)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise Refused(ENCRYPTED)
        _walk(reader.trailer)
        if len(reader.pages) < 1:
            raise Refused(UNREADABLE)
    except Refused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as broken:
        raise Refused(UNREADABLE) from broken
    except RecursionError as deep:
        raise Refused(UNREADABLE) from deep
    return data


def _walk(root) -> None:
    """Every object reachable from the trailer (the catalogue, pages, annotations, forms, the
    name trees), without recursion: refuse on an active name."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    seen: set[tuple[int, int]] = set()
    todo = [root]
    count = 0
    while todo:
        item = todo.pop()
        count += 1
        if count > MAX_PDF_OBJECTS:
            raise Refused(UNREADABLE)
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, DictionaryObject):  # streams are dictionaries too
            for name, value in item.items():
                if name in ACTIVE_KEYS:
                    raise Refused(ACTIVE)
                if name == "/S" and isinstance(value, NameObject) and value in ACTIVE_ACTIONS:
                    raise Refused(ACTIVE)
                if name == "/Type" and value == "/EmbeddedFile":
                    raise Refused(ACTIVE)
                if name == "/Parent":
                    continue  # walked from the top already
                todo.append(value)
        elif isinstance(item, ArrayObject):
            todo.extend(item)
