"""The content checks on their own (portal/documents/checks.py): the type comes from the bytes,
images are re-encoded without their metadata, bombs and active PDFs are refused."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from portal.documents import checks
from tests.documents.conftest import (
    disguised_executable,
    jpeg_with_location,
    pdf,
    png,
    png_bomb,
)

LIMITS = {"max_bytes": 10 * 1024 * 1024, "max_pixels": 40_000_000}


def refused(data: bytes, **limits) -> str:
    with pytest.raises(checks.Refused) as caught:
        checks.check(data, **{**LIMITS, **limits})
    return caught.value.reason


def test_good_files_of_each_type_are_accepted_by_their_content():
    assert checks.check(pdf(), **LIMITS).content_type == "application/pdf"
    assert checks.check(jpeg_with_location(), **LIMITS).content_type == "image/jpeg"
    assert checks.check(png(), **LIMITS).content_type == "image/png"


def test_a_photo_is_re_encoded_without_its_camera_and_location():
    original = jpeg_with_location()
    assert Image.open(io.BytesIO(original)).getexif()  # the test photo has EXIF
    kept = checks.check(original, **LIMITS).data
    assert kept != original
    image = Image.open(io.BytesIO(kept))
    assert not image.getexif()
    assert b"Telefoonmerk" not in kept and b"Exif" not in kept
    assert image.size == (64, 48)


def test_bytes_appended_after_an_image_do_not_survive():
    payload = b"<?php system($_GET['c']); ?>"
    kept = checks.check(png() + payload, **LIMITS).data
    assert payload not in kept


def test_the_name_does_not_matter_only_the_content():
    assert refused(disguised_executable()) == checks.WRONG_TYPE
    assert refused(b"PK\x03\x04 a zip file") == checks.WRONG_TYPE
    assert refused(b"<html><script>alert(1)</script></html>") == checks.WRONG_TYPE
    assert refused(b"GIF89a......") == checks.WRONG_TYPE


def test_empty_and_too_big():
    assert refused(b"") == checks.EMPTY
    assert refused(pdf(), max_bytes=100) == checks.TOO_BIG


def test_a_decompression_bomb_is_refused_before_it_is_decoded():
    assert refused(png_bomb()) == checks.BOMB  # 3.6 gigapixel: Pillow's error
    assert refused(png((40, 30)), max_pixels=1000) == checks.BOMB  # 1.2 times the limit: a warning


def test_a_broken_image_is_unreadable():
    assert refused(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40) == checks.UNREADABLE
    assert refused(b"\xff\xd8\xff\xe0 not really a jpeg") == checks.UNREADABLE


def test_pdfs_with_javascript_a_launch_action_or_a_password_are_refused():
    assert refused(pdf(javascript=True)) == checks.ACTIVE
    assert refused(pdf(launch=True)) == checks.ACTIVE
    assert refused(pdf(password="geheim")) == checks.ENCRYPTED


def test_an_escaped_javascript_name_is_found_too():
    data = pdf(javascript=True).replace(b"/JavaScript", b"/J#61vaScript")
    assert refused(data) == checks.ACTIVE


def test_the_walk_alone_finds_javascript_and_launch_actions():
    """The parser's walk does not rely on the raw search: names inside compressed object
    streams only the parser sees."""
    from pypdf import PdfReader

    for data in (pdf(javascript=True), pdf(launch=True)):
        with pytest.raises(checks.Refused):
            checks._walk(PdfReader(io.BytesIO(data)).trailer)
    checks._walk(PdfReader(io.BytesIO(pdf())).trailer)  # a plain one passes


def test_a_broken_pdf_is_unreadable():
    assert refused(b"%PDF-1.7\nthis is not a pdf") == checks.UNREADABLE
