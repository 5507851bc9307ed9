"""Tests of ``copydesk clean``: single pages, corpora, bad input and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from corpora import patch_cleaner

from copydesk.cli.clean import format_summary, is_corpus
from copydesk.cli.main import main
from copydesk.errors import ModelError
from copydesk.extract import CleanOptions
from copydesk.record import Article

PAGE = (
    "A headline for the test\n\nThe first paragraph of a story, long enough to read like one.\n\nShare this\n"
)
RECORD_KEYS = set(Article().to_dict())


def fake_clean(text: str, url: str | None = None, *, options: CleanOptions | None = None) -> Article:
    """A stand-in for the classifier that fails on 'boom'."""
    if "boom" in text:
        raise RuntimeError("cleaner failure")
    return Article(url=url, body=[text])


def run_cli(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run the real command in a new process, as a user would."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    return subprocess.run(
        [sys.executable, "-m", "copydesk.cli.main", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("path", "fmt", "corpus"),
    [
        ("page.txt", "auto", False),
        ("page", "auto", False),
        ("corpus.jsonl", "auto", True),
        ("corpus.JSONL.gz", "auto", True),
        ("-", "auto", True),
        ("-", "text", False),
        ("page.txt", "jsonl", True),
        ("corpus.jsonl", "text", False),
    ],
)
def test_clean_is_corpus_detects_the_input_format(path: str, fmt: str, corpus: bool) -> None:
    assert is_corpus(path, fmt) is corpus


def test_clean_single_page_prints_one_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE)
    assert main(["clean", str(page), "--url", "https://example.com/story"]) == 0
    out = capsys.readouterr().out
    record = json.loads(out)
    assert set(record) >= RECORD_KEYS
    assert record["url"] == "https://example.com/story"
    assert out.count("\n") > 5  # pretty by default


def test_clean_single_page_compact_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE)
    assert main(["clean", str(page), "--compact"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and set(json.loads(out)) >= RECORD_KEYS


def test_clean_single_page_output_file(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE)
    assert main(["clean", str(page), "-o", str(tmp_path / "rec.json")]) == 0
    assert set(json.loads((tmp_path / "rec.json").read_text())) >= RECORD_KEYS


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "No such file"),
        (lambda d: d, "directory"),
        (lambda d: (d / "blob.txt", (d / "blob.txt").write_bytes(bytes(range(256)) * 4))[0], "binary"),
    ],
    ids=["missing", "directory", "binary"],
)
def test_clean_unreadable_page_fails_with_one_line_and_exit_2(
    tmp_path: Path, make: object, message: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    result = run_cli("clean", str(path))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.count("\n") == 1 and err.startswith("copydesk clean: error:") and message in err
    assert b"Traceback" not in result.stderr and result.stdout == b""


def test_clean_corpus_writes_records_rejects_and_summary(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    patch_cleaner(monkeypatch, fake_clean)
    corpus = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Page A."}),
        "not json",
        json.dumps({"id": "b", "text": "boom"}),
        json.dumps({"id": "c", "text": ""}),
        json.dumps({"id": "d", "text": "Page D."}),
    ]
    corpus.write_text("\n".join(lines) + "\n")
    out, summary_path = tmp_path / "out.jsonl", tmp_path / "summary.json"
    code = main(["clean", str(corpus), "-o", str(out), "--workers", "1", "--summary-json", str(summary_path)])
    assert code == 0
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["a", "d"]
    rejects = [json.loads(line) for line in (tmp_path / "out.rejects.jsonl").read_text().splitlines()]
    assert [(r["id"], r["reason"]) for r in rejects] == [
        (None, "invalid_json"),
        ("b", "error"),
        ("c", "empty_text"),
    ]
    summary = json.loads(summary_path.read_text())
    assert (summary["read"], summary["written"], summary["rejected"]) == (5, 2, 3)
    assert summary["rejected_by_reason"] == {"empty_text": 1, "error": 1, "invalid_json": 1}
    err = capsys.readouterr().err
    assert "read" in err and "written" in err and "invalid_json" in err


def test_clean_corpus_quiet_prints_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    patch_cleaner(monkeypatch, fake_clean)
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "A."}) + "\n")
    assert main(["clean", str(corpus), "-o", str(tmp_path / "o.jsonl"), "--workers", "1", "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_clean_corpus_custom_fields(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    patch_cleaner(monkeypatch, fake_clean)
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"key": "k1", "content": "Body."}) + "\n")
    args = ["clean", str(corpus), "-o", str(tmp_path / "o.jsonl"), "-q", "--workers", "1"]
    assert main([*args, "--text-field", "content", "--id-field", "key"]) == 0
    assert json.loads((tmp_path / "o.jsonl").read_text())["id"] == "k1"


def test_clean_corpus_model_error_fails_with_exit_2(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> Article:
        raise ModelError("model file missing")

    patch_cleaner(monkeypatch, broken)
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "A."}) + "\n")
    assert main(["clean", str(corpus), "-o", str(tmp_path / "o.jsonl"), "--workers", "1"]) == 2
    assert "model file missing" in capsys.readouterr().err


def test_clean_corpus_missing_file_fails_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["clean", str(tmp_path / "none.jsonl"), "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "No such file" in capsys.readouterr().err


def test_clean_corpus_stdin_to_stdout_with_rejects_on_stderr(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"s{i}", "text": PAGE}) for i in range(3)] + ["{bad"]
    result = run_cli(
        "clean",
        "-",
        "--workers",
        "2",
        "--summary-json",
        str(tmp_path / "s.json"),
        stdin="\n".join(lines).encode(),
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads((tmp_path / "s.json").read_text())
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["id"] for r in records] == [f"s{i}" for i in range(summary["written"])]
    assert summary["read"] == 4 and summary["read"] == summary["written"] + summary["rejected"]
    assert b'"reason":"invalid_json"' in result.stderr and b"<stdin>:4" in result.stderr


def test_clean_dash_with_format_text_reads_one_page_from_stdin() -> None:
    result = run_cli("clean", "-", "--format", "text", "--compact", stdin=PAGE.encode())
    assert result.returncode == 0, result.stderr
    assert set(json.loads(result.stdout)) >= RECORD_KEYS


def test_clean_format_summary_lists_reasons() -> None:
    summary = {
        "input": "in.jsonl",
        "read": 3,
        "written": 1,
        "rejected": 2,
        "rejected_by_reason": {"binary": 2},
        "seconds": 1.0,
        "docs_per_second": 3.0,
        "workers": 2,
        "output": "out.jsonl",
        "rejects": "out.rejects.jsonl",
    }
    text = format_summary(summary)
    assert "binary" in text and "out.rejects.jsonl" in text and text.endswith("\n")


HTML_PAGE = (
    "<html><head><title>Flood waters rise</title></head><body><nav><a href='/'>Home</a></nav>"
    "<article><h1>Flood waters rise</h1><p>Heavy rain continued to fall across the northern provinces on "
    "Tuesday, forcing thousands of families to leave their homes.</p><p>Officials said the water level in "
    "the main river had risen by more than two metres overnight.</p></article></body></html>"
)


def test_clean_html_page_by_suffix(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["clean", str(page), "--url", "https://example.com/a", "-o", str(out)]) == 0
    record = json.loads(out.read_text())
    assert record["title"] == "Flood waters rise"
    assert record["url"] == "https://example.com/a"
    assert "Flood waters rise" not in record["body"]


def test_clean_corpus_from_html(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    lines = [json.dumps({"id": "p1", "html": HTML_PAGE}), json.dumps({"id": "p2", "text": "no html"})]
    corpus.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(corpus), "--from", "html", "-o", str(out), "--quiet", "--workers", "1"]) == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    rejects = [json.loads(line) for line in (tmp_path / "out.rejects.jsonl").read_text().splitlines()]
    assert [r["id"] for r in records] == ["p1"] and records[0]["title"] == "Flood waters rise"
    assert [(r["id"], r["reason"]) for r in rejects] == [("p2", "missing_text")]
