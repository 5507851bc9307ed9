"""Tests of copydesk.write.jsonl: the record writer and where rejects go."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from copydesk.errors import CopydeskError
from copydesk.record import Reject
from copydesk.write.jsonl import JsonlWriter, default_rejects_path


@pytest.mark.parametrize(
    ("output", "rejects"),
    [
        ("out/OUT.jsonl", Path("out/OUT.rejects.jsonl")),
        ("OUT.jsonl.gz", Path("OUT.rejects.jsonl.gz")),
        ("records.ndjson", Path("records.rejects.jsonl")),
        ("records", Path("records.rejects.jsonl")),
        ("-", None),
    ],
)
def test_jsonl_default_rejects_path_sits_beside_the_output(output: str, rejects: Path | None) -> None:
    assert default_rejects_path(output) == rejects


def test_jsonl_writer_writes_dicts_bytes_and_rejects_one_a_line(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    with JsonlWriter(path) as writer:
        writer.write({"id": "a"})
        writer.write(b'{"id":"b"}')
        writer.write(Reject("c", "empty_text", "'text' is empty", "in.jsonl:3"))
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert lines == [
        {"id": "a"},
        {"id": "b"},
        {"id": "c", "reason": "empty_text", "detail": "'text' is empty", "source": "in.jsonl:3"},
    ]
    assert writer.count == 3


def test_jsonl_writer_compresses_gz_names(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl.gz"
    with JsonlWriter(path) as writer:
        writer.write({"id": "a"})
    assert gzip.decompress(path.read_bytes()) == b'{"id":"a"}\n'


def test_jsonl_writer_dash_writes_standard_output(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    with JsonlWriter("-") as writer:
        writer.write({"id": "a"})
    assert capsysbinary.readouterr().out == b'{"id":"a"}\n'


def test_jsonl_writer_unwritable_path_raises_copydesk_error(tmp_path: Path) -> None:
    with pytest.raises(CopydeskError, match="cannot write"):
        JsonlWriter(tmp_path / "no-such-folder" / "out.jsonl")
