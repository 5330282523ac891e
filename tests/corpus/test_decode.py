"""Bytes to text: encodings, byte-order marks, line endings, binary and undecodable input."""

from __future__ import annotations

import codecs
import io
import random
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from policydrift.corpus import InputError, decode_bytes
from policydrift.corpus.decode import binary_kind, normalise_newlines

TEXT = (
    "The \u201cASEAN Cybersecurity Cooperation Strategy\u201d was adopted \u2013 the Nation\u2019s "
    "partners welcomed it.\nMinisters met in Caf\u00e9 Hanoi.\n"
)


def test_utf8_without_and_with_bom():
    assert decode_bytes(TEXT.encode("utf-8"), path="a.txt") == (TEXT, "utf-8")
    assert decode_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"), path="a.txt") == (TEXT, "utf-8")


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    ],
)
def test_utf16_and_utf32_with_bom(bom, codec, name):
    assert decode_bytes(bom + TEXT.encode(codec), path="a.txt") == (TEXT, name)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_alternating_nuls(codec):
    assert decode_bytes(TEXT.encode(codec), path="a.txt") == (TEXT, codec)


def test_cp1252_with_smart_quotes():
    data = TEXT.encode("cp1252")
    assert decode_bytes(data, path="a.txt") == (TEXT, "cp1252")
    short = "It\u2019s here.\n".encode("cp1252")
    assert decode_bytes(short, path="a.txt") == ("It\u2019s here.\n", "cp1252")


def test_gb18030():
    text = (
        "\u4e1c\u76df\u5916\u957f\u4f1a\u8bae\u53d1\u8868\u58f0\u660e\uff0c\u5f3a\u8c03\u7f51"
        "\u7edc\u5b89\u5168\u5408\u4f5c\u7684\u91cd\u8981\u6027\u3002\u5404\u65b9\u540c\u610f"
        "\u52a0\u5f3a\u5408\u4f5c\u3002\n"
    )
    assert decode_bytes(text.encode("gb18030"), path="a.txt") == (text, "gb18030")


def test_mixed_line_endings_become_newlines():
    data = b"First line.\r\nSecond line.\rThird line.\nFourth.\r\n"
    assert decode_bytes(data, path="a.txt") == (
        "First line.\nSecond line.\nThird line.\nFourth.\n",
        "utf-8",
    )
    assert normalise_newlines("a\u2028b\u2029c\x85d") == "a\nb\nc\nd"


def test_unicode_is_never_normalised_in_the_text():
    text = "Cyber\u00adsecurity\u00a0matters \u201cnow\u201d.\n"
    assert decode_bytes(text.encode("utf-8"), path="a.txt")[0] == text


def test_empty_data_is_refused():
    with pytest.raises(InputError, match="file is empty") as info:
        decode_bytes(b"", path="a.txt")
    assert info.value.path == "a.txt"


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("statement.txt", "hello")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(20), "is a PNG image, not a text file"),
        (_zip_bytes(), "is a ZIP archive (or a Word/Excel file), not a text file"),
        (b"Some text.\x00\x00\x07 More text here that is long enough.", "is binary data"),
        (b"GIF89a\x01\x00\x01\x00\x00\xff\x00", "is a GIF image, not a text file"),
    ],
)
def test_binary_data_is_refused(data, problem):
    with pytest.raises(InputError) as info:
        decode_bytes(data, path="x.txt")
    assert info.value.problem.startswith(problem)
    assert "x.txt" not in info.value.problem


def test_a_text_that_starts_like_a_signature_is_still_text():
    assert binary_kind(b"GIF89a is an image format. MZ is a prefix.") is None
    assert decode_bytes(b"MZ Holdings signed the pact.", path="a.txt")[1] == "utf-8"


def test_odd_length_utf16_cannot_be_decoded():
    data = codecs.BOM_UTF16_LE + "Hello".encode("utf-16-le") + b"\x41"
    with pytest.raises(InputError, match=r"cannot be decoded as utf-16-le: invalid bytes"):
        decode_bytes(data, path="a.txt")


def test_bad_utf8_after_a_bom_cannot_be_decoded():
    with pytest.raises(InputError, match=r"cannot be decoded as utf-8: invalid bytes at byte 3"):
        decode_bytes(codecs.BOM_UTF8 + b"abc\xff\xfe", path="a.txt")


def test_control_characters_mean_binary():
    data = bytes(range(1, 9)) * 40 + b" some words"
    with pytest.raises(InputError, match="looks like binary data, not text"):
        decode_bytes(data, path="a.txt")


def test_bytes_no_encoding_fits_are_refused():
    rng = random.Random(1)
    data = bytes(rng.randrange(128, 256) for _ in range(2000))
    with pytest.raises(InputError) as info:
        decode_bytes(data, path="a.txt")
    assert info.value.problem == "cannot be decoded: not UTF-8 and no other text encoding fits"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_raise_input_error(data):
    try:
        text, encoding = decode_bytes(data, path="a.txt")
    except InputError as exc:
        problem = exc.problem
    else:
        problem = None
        assert "\r" not in text
        assert not text.startswith("\ufeff")
        assert encoding
    assert problem is None or problem.startswith(
        ("file is empty", "is ", "cannot be decoded", "looks like binary data")
    )
