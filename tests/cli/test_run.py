"""Tests of ``copydesk run``: options, summary, quiet mode, JSON summary, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from corpora import docs, fake_clean, jsonl, patch_cleaner

from copydesk.cli.display import format_run_summary
from copydesk.cli.main import main


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    patch_cleaner(monkeypatch, fake_clean)


def test_run_writes_a_store_and_prints_the_summary(
    fake: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = jsonl(tmp_path / "c.jsonl", [*docs(3), "{bad"])
    assert main(["run", str(src), "--out", str(tmp_path / "c.duckdb"), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "read" in err and "written" in err and "invalid_json" in err and "docs/s" in err


def test_run_json_summary_on_stdout_and_in_a_file(
    fake: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = jsonl(tmp_path / "c.jsonl", docs(3))
    args = ["run", str(src), "--out", str(tmp_path / "out"), "--workers", "1", "-q", "--json"]
    assert main([*args, "--summary-json", str(tmp_path / "s.json")]) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out)
    assert captured.err == ""
    assert (summary["read"], summary["written"], summary["rejected"]) == (3, 3, 0)
    assert json.loads((tmp_path / "s.json").read_text()) == summary


def test_run_custom_fields_and_input_format(
    fake: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = jsonl(tmp_path / "corpus.data", [{"key": "k1", "content": "Body."}])
    args = ["run", str(src), "--out", str(tmp_path / "out"), "--workers", "1", "-q", "--json"]
    assert main([*args, "--input-format", "jsonl", "--text-field", "content", "--id-field", "key"]) == 0
    assert json.loads(capsys.readouterr().out)["written"] == 1


@pytest.mark.parametrize(
    ("extra", "message"),
    [(["missing.jsonl"], "No such file"), (["corpus.bin"], "--input-format")],
)
def test_run_bad_command_line_fails_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    (tmp_path / "corpus.bin").write_text("x")
    inputs = [str(tmp_path / name) for name in extra]
    assert main(["run", *inputs, "--out", str(tmp_path / "c.duckdb"), "-q"]) == 2
    assert message in capsys.readouterr().err


def test_run_format_summary_lists_reasons_and_resumed_shards() -> None:
    summary = {
        "inputs": ["a.jsonl"],
        "read": 3,
        "written": 1,
        "rejected": 2,
        "rejected_by_reason": {"binary": 2},
        "skipped": 4,
        "skipped_by_reason": {"request": 4},
        "shards": 3,
        "shards_resumed": 1,
        "seconds": 1.0,
        "docs_per_second": 3.0,
        "workers": 2,
        "executor": "local",
        "output": "c.duckdb",
    }
    text = format_run_summary(summary)
    assert "binary" in text and "request" in text and "1 done before" in text
