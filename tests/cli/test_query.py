"""Tests of ``copydesk query`` and ``copydesk report`` over a store and over a shard folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from corpora import docs, fake_clean, jsonl, patch_cleaner

from copydesk.cli.main import main


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    patch_cleaner(monkeypatch, fake_clean)
    src = jsonl(tmp_path / "c.jsonl", [*docs(4), "{bad"])
    for out in ("c.duckdb", "out"):
        assert main(["run", str(src), "--out", str(tmp_path / out), "--workers", "1", "-q"]) == 0
    return tmp_path


@pytest.mark.parametrize("target", ["c.duckdb", "out"])
def test_query_prints_a_table(store: Path, target: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", str(store / target), "SELECT id FROM articles ORDER BY id LIMIT 2"]) == 0
    assert capsys.readouterr().out.split() == ["id", "--", "d0", "d1"]


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_query_csv_and_jsonl(store: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["query", str(store / "c.duckdb"), "SELECT count(*) AS n FROM articles", "--format", fmt]) == 0
    )
    out = capsys.readouterr().out
    assert out == ("n\n4\n" if fmt == "csv" else '{"n":4}\n')


def test_query_bad_sql_fails_with_exit_2(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", str(store / "c.duckdb"), "SELECT nope FROM articles"]) == 2
    assert "the query failed" in capsys.readouterr().err


@pytest.mark.parametrize("target", ["c.duckdb", "out"])
def test_report_prints_every_report(store: Path, target: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(store / target)]) == 0
    out = capsys.readouterr().out
    for title in (
        "What the corpus holds",
        "Lines per label",
        "Articles per publisher",
        "Most quoted",
        "Rejected",
    ):
        assert title in out
    assert "invalid_json" in out


def test_report_json_of_one_report(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(store / "c.duckdb"), "rejects", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["rejects"] and data["rejects"][0]["reason"] == "invalid_json"


def test_report_unknown_name_fails(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(store / "c.duckdb"), "nope"]) == 2
    assert "no report called" in capsys.readouterr().err
