"""Document fixtures: files of every kind a resident might send (good ones, and the bad ones
of issue #19: a disguised executable, a 40 MB file, an empty file, a decompression bomb, a PDF
with JavaScript), a document store in a temporary folder, the family of tests/residents with
contact person A, and the real SMTP server of tests/messages."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from tests.messages.conftest import mail_app, sms, smtp  # noqa: F401  (fixtures)
from tests.residents.conftest import app, migrated, provider, world  # noqa: F401  (fixtures)
from tests.staff.conftest import clock  # noqa: F401  (fixture)


@pytest.fixture
def store_dir(app, tmp_path):  # noqa: F811
    folder = tmp_path / "documenten"
    app.config["DOCUMENTS_DIR"] = str(folder)
    return folder


def stored_files(folder) -> list:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def pdf(*, javascript: bool = False, launch: bool = False, password: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if javascript:  # a document-level script in the /Names tree, run when the file opens
        script = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert('hallo');"),
            }
        )
        names = ArrayObject([TextStringObject("start"), writer._add_object(script)])
        tree = DictionaryObject({NameObject("/Names"): names})
        writer._root_object[NameObject("/Names")] = DictionaryObject(
            {NameObject("/JavaScript"): writer._add_object(tree)}
        )
    if launch:
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/Launch"),
                NameObject("/F"): TextStringObject("cmd.exe"),
            }
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def jpeg_with_location() -> bytes:
    """A photo with EXIF: the camera and where it was taken (GPS)."""
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # Make
    exif[0x0110] = "Model X"  # Model
    gps = {1: "N", 2: (52.0, 9.0, 30.0), 3: "E", 4: (4.0, 29.0, 10.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def png(size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 120, 40)).save(out, "PNG")
    return out.getvalue()


def png_bomb(width: int = 60_000, height: int = 60_000) -> bytes:
    """A few hundred bytes that say the image is 60,000 by 60,000 pixels (3.6 gigapixel)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


def disguised_executable() -> bytes:
    """What a Windows program starts with (`MZ`), to be named `loonstrook.pdf`."""
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 50 + b"This program cannot be run"


FORTY_MB = b"%PDF-1.4\n" + b"0" * (40 * 1024 * 1024)
