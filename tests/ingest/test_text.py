"""Tests of copydesk.ingest.text: the binary check, size limit and single-file reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from copydesk.errors import InputError, RejectedInput
from copydesk.ingest.text import binary_share, check_text, decode_text, read_text_file


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("", 0.0),
        ("plain text\twith tabs\nand lines\r\n", 0.0),
        ("\x00\x00ab", 0.5),
        ("\x01\x02\x7fa", 0.75),
        ("\ufffd" * 3 + "a", 0.75),
    ],
)
def test_text_binary_share_counts_nul_controls_and_replacement_chars(text: str, share: float) -> None:
    assert binary_share(text) == pytest.approx(share)


def test_text_check_text_strips_nul_characters() -> None:
    assert (
        check_text("a long enough line of text\x00 with one NUL") == "a long enough line of text with one NUL"
    )


def test_text_check_text_rejects_binary() -> None:
    with pytest.raises(RejectedInput) as info:
        check_text("\x00\x01\x02\x03\x04abc")
    assert info.value.reason == "binary"


def test_text_check_text_rejects_too_large() -> None:
    with pytest.raises(RejectedInput) as info:
        check_text("x" * 101, max_chars=100)
    assert info.value.reason == "too_large"


def test_text_decode_text_replaces_invalid_utf8_and_reads_utf16() -> None:
    assert decode_text(b"caf\xe9") == "caf\ufffd"
    assert decode_text("\ufeffhello".encode("utf-16-le")) == "hello"
    assert decode_text(b"\xef\xbb\xbfhello") == "hello"


def test_text_read_text_file_returns_document(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Title\n\nBody.\n", encoding="utf-8")
    doc = read_text_file(page, url="https://example.com/a")
    assert (doc.text, doc.url, doc.source) == ("Title\n\nBody.\n", "https://example.com/a", str(page))


def test_text_read_text_file_missing_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="No such file"):
        read_text_file(tmp_path / "missing.txt")


def test_text_read_text_file_directory_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        read_text_file(tmp_path)


def test_text_read_text_file_binary_is_rejected(tmp_path: Path) -> None:
    blob = tmp_path / "image.txt"
    blob.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(RejectedInput) as info:
        read_text_file(blob)
    assert info.value.reason == "binary"


def test_text_read_text_file_too_large_is_rejected(tmp_path: Path) -> None:
    page = tmp_path / "big.txt"
    page.write_text("x" * 500)
    with pytest.raises(RejectedInput) as info:
        read_text_file(page, max_chars=100)
    assert info.value.reason == "too_large"
