"""Reading: bytes → text for every encoding an office produces; bad input is one clear InputError."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from pvparse.errors import InputError
from pvparse.read import decode_bytes, read_source

SAMPLE = "Procès-verbal de l'assemblée générale\n\nMme Hélène Dupré : « Ça commence à 14h ».\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16"),
        (SAMPLE.encode("cp1252"), "cp1252"),
    ],
)
def test_decodes_office_encodings(data: bytes, encoding: str) -> None:
    text, enc = decode_bytes(data)
    assert text == SAMPLE
    assert enc == encoding


def test_latin1_text_is_read_as_its_8bit_code_page() -> None:
    text, enc = decode_bytes(SAMPLE.replace("«", '"').replace("»", '"').encode("latin-1"))
    assert "Hélène Dupré" in text
    assert enc != "utf-8"


def test_line_ends_are_kept_so_spans_index_the_file() -> None:
    crlf = SAMPLE.replace("\n", "\r\n").encode("utf-8")
    text, _ = decode_bytes(crlf)
    assert "\r\n" in text and len(text) == len(SAMPLE) + SAMPLE.count("\n")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t\n  ", "empty"),
        (bytes(range(256)) * 20, "binary"),
        (b"\x00\x01\x02\x03" * 500, "binary"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfa", "invalid"),
    ],
)
def test_bad_bytes_raise_one_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode_bytes(data, name="x.txt")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "absent.txt")
    with pytest.raises(InputError, match="folder"):
        read_source(tmp_path)


def test_error_names_the_file(tmp_path: Path) -> None:
    f = tmp_path / "vide.txt"
    f.write_bytes(b"")
    with pytest.raises(InputError) as info:
        read_source(f)
    assert str(f) in str(info.value)


def test_source_records_encoding_and_digest(tmp_path: Path) -> None:
    f = tmp_path / "pv.md"
    f.write_bytes(SAMPLE.encode("cp1252"))
    src = read_source(f)
    assert src.encoding == "cp1252"
    assert src.media_type == "text/markdown"
    assert src.path == "pv.md"
    assert len(src.sha256) == 64
