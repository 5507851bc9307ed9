"""Tests of copydesk.run.corpus: the process pool, order, rejects routing and counts."""

from __future__ import annotations

import json
import multiprocessing
import time
from pathlib import Path

import pytest
from corpora import patch_cleaner

from copydesk.errors import ModelError, RejectedInput
from copydesk.extract import CleanOptions
from copydesk.ingest.text import Document
from copydesk.record import Article, Reject
from copydesk.run.corpus import (
    CorpusOptions,
    CorpusStats,
    clean_batch,
    clean_jsonl,
    clean_one,
    resolve_workers,
)

needs_fork = pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="monkeypatched cleaners reach workers only by fork"
)


def fake_clean(text: str, url: str | None = None, *, options: CleanOptions | None = None) -> Article:
    """A stand-in for the classifier: fails on 'boom', sleeps a little so workers finish out of order."""
    if "boom" in text:
        raise ValueError("the cleaner broke on this page")
    if "refuse" in text:
        raise RejectedInput("not_an_article", "a listing page")
    time.sleep(0.004 if len(text) % 2 else 0.0)
    return Article(url=url, body=[text])


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    patch_cleaner(monkeypatch, fake_clean)


def write_corpus(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def mixed_corpus(path: Path) -> Path:
    """Three good documents and one of each bad kind, interleaved."""
    return write_corpus(
        path,
        [
            json.dumps({"id": "d1", "text": "First page.", "url": "https://x.org/1"}),
            "{broken json",
            json.dumps({"id": "d2", "text": "Second page, boom."}),
            json.dumps({"id": "d3"}),
            json.dumps({"id": "d4", "text": ""}),
            json.dumps({"id": "d5", "text": 3}),
            json.dumps({"id": "d6", "text": "\u0000\u0001\u0002\u0003\u0004 x"}),
            json.dumps({"id": "d7", "text": "x" * 300}),
            json.dumps({"id": "d8", "text": "Third page."}),
            json.dumps({"id": "d9", "text": "Please refuse me."}),
            json.dumps({"id": "d10", "text": "Fourth page, last."}),
        ],
    )


EXPECTED_REASONS = {
    "invalid_json": 1,
    "error": 1,
    "missing_text": 1,
    "empty_text": 1,
    "text_not_string": 1,
    "binary": 1,
    "too_large": 1,
    "not_an_article": 1,
}


def test_corpus_clean_one_sets_id_and_url(fake: None) -> None:
    record = json.loads(clean_one(Document("d1", "Body.", "https://x.org", "c.jsonl:1")))  # type: ignore[arg-type]
    assert (record["id"], record["url"], record["body"]) == ("d1", "https://x.org", ["Body."])


def test_corpus_clean_one_passes_rejects_on() -> None:
    reject = Reject("r", "empty_text", "", "c.jsonl:2")
    assert clean_one(reject) is reject


def test_corpus_clean_batch_keeps_order_and_judges_each_document(fake: None) -> None:
    reject = Reject("r", "empty_text", "", "c.jsonl:2")
    batch = [Document("a", "One.", None, "c.jsonl:1"), reject, Document("b", "boom", None, "c.jsonl:3")]
    batch.append(Document("c", "Two.", None, "c.jsonl:4"))
    first, passed, failed, last = clean_batch(batch)  # type: ignore[arg-type]
    assert passed is reject and isinstance(failed, Reject) and failed.reason == "error"
    assert [json.loads(r)["body"] for r in (first, last)] == [["One."], ["Two."]]  # type: ignore[arg-type]


def test_corpus_clean_one_exception_becomes_error_reject(fake: None) -> None:
    result = clean_one(Document("d2", "boom", None, "c.jsonl:2"))
    assert isinstance(result, Reject)
    assert (result.id, result.reason, result.source) == ("d2", "error", "c.jsonl:2")
    assert "ValueError" in result.detail


def test_corpus_clean_one_rejected_input_keeps_its_reason(fake: None) -> None:
    result = clean_one(Document("d9", "refuse", None, "c.jsonl:9"))
    assert isinstance(result, Reject) and (result.reason, result.detail) == (
        "not_an_article",
        "a listing page",
    )


def test_corpus_clean_one_model_error_stops_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> Article:
        raise ModelError("model file missing")

    patch_cleaner(monkeypatch, broken)
    with pytest.raises(ModelError, match="model file missing"):
        clean_one(Document("d", "text", None, None))


@pytest.mark.parametrize("workers", [1, pytest.param(2, marks=needs_fork)])
def test_corpus_clean_jsonl_preserves_input_order(fake: None, tmp_path: Path, workers: int) -> None:
    texts = [f"Page number {i}" + "." * (i % 3) for i in range(60)]
    corpus = write_corpus(
        tmp_path / "c.jsonl", [json.dumps({"id": f"p{i}", "text": t}) for i, t in enumerate(texts)]
    )
    out = tmp_path / "out.jsonl"
    stats = clean_jsonl(corpus, out, options=CorpusOptions(workers=workers, chunksize=3))
    records = read_jsonl(out)
    assert [r["id"] for r in records] == [f"p{i}" for i in range(60)]
    assert [r["body"] for r in records] == [[t] for t in texts]
    assert (stats.read, stats.written, stats.total_rejected, stats.workers) == (60, 60, 0, workers)


@pytest.mark.parametrize("workers", [1, pytest.param(2, marks=needs_fork)])
def test_corpus_clean_jsonl_counts_reconcile_and_rejects_are_routed(
    fake: None, tmp_path: Path, workers: int
) -> None:
    from copydesk.ingest.jsonl import JsonlOptions

    corpus = mixed_corpus(tmp_path / "c.jsonl")
    out = tmp_path / "out.jsonl"
    stats = clean_jsonl(corpus, out, read=JsonlOptions(max_chars=100), options=CorpusOptions(workers=workers))
    assert (stats.read, stats.written, stats.total_rejected) == (11, 3, 8)
    assert stats.read == stats.written + stats.total_rejected
    assert stats.rejected == EXPECTED_REASONS
    assert [r["id"] for r in read_jsonl(out)] == ["d1", "d8", "d10"]
    rejects = read_jsonl(tmp_path / "out.rejects.jsonl")
    assert [(r["id"], r["reason"], r["source"]) for r in rejects] == [
        (None, "invalid_json", f"{corpus}:2"),
        ("d2", "error", f"{corpus}:3"),
        ("d3", "missing_text", f"{corpus}:4"),
        ("d4", "empty_text", f"{corpus}:5"),
        ("d5", "text_not_string", f"{corpus}:6"),
        ("d6", "binary", f"{corpus}:7"),
        ("d7", "too_large", f"{corpus}:8"),
        ("d9", "not_an_article", f"{corpus}:10"),
    ]
    assert all(set(r) == {"id", "reason", "detail", "source"} and r["detail"] for r in rejects)


def test_corpus_clean_jsonl_creates_an_empty_rejects_file(fake: None, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", [json.dumps({"id": "a", "text": "A."})])
    rejects = tmp_path / "out.rejects.jsonl"
    rejects.write_text("stale line from an earlier run\n")
    clean_jsonl(corpus, tmp_path / "out.jsonl", options=CorpusOptions(workers=1))
    assert rejects.read_text() == ""


def test_corpus_clean_jsonl_explicit_rejects_path(fake: None, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", ["nope"])
    stats = clean_jsonl(
        corpus, tmp_path / "out.jsonl", rejects=tmp_path / "bad.jsonl", options=CorpusOptions(workers=1)
    )
    assert stats.rejects == str(tmp_path / "bad.jsonl")
    assert read_jsonl(tmp_path / "bad.jsonl")[0]["reason"] == "invalid_json"


@needs_fork
def test_corpus_clean_jsonl_model_error_in_a_worker_stops_the_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def broken(*args: object, **kwargs: object) -> Article:
        raise ModelError("model file missing")

    patch_cleaner(monkeypatch, broken)
    corpus = write_corpus(tmp_path / "c.jsonl", [json.dumps({"id": str(i), "text": "A."}) for i in range(10)])
    with pytest.raises(ModelError, match="model file missing"):
        clean_jsonl(corpus, tmp_path / "out.jsonl", options=CorpusOptions(workers=2))


def test_corpus_clean_jsonl_reports_progress(fake: None, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", [json.dumps({"id": str(i), "text": "A."}) for i in range(5)])
    seen: list[tuple[int, float | None]] = []
    clean_jsonl(
        corpus,
        tmp_path / "o.jsonl",
        options=CorpusOptions(workers=1),
        progress=lambda s: seen.append((s.read, s.fraction)),
    )
    assert [read for read, _ in seen] == [1, 2, 3, 4, 5]
    assert seen[-1][1] == 1.0


def test_corpus_clean_jsonl_with_the_real_cleaner(tmp_path: Path) -> None:
    page = "A headline\n\nThe first paragraph of a story, long enough to read like one.\n\nShare this\n"
    corpus = write_corpus(tmp_path / "c.jsonl", [json.dumps({"id": f"r{i}", "text": page}) for i in range(4)])
    stats = clean_jsonl(corpus, tmp_path / "out.jsonl", options=CorpusOptions(workers=2))
    records = read_jsonl(tmp_path / "out.jsonl")
    assert stats.written + stats.total_rejected == stats.read == 4
    assert [r["id"] for r in records] == [f"r{i}" for i in range(4)][: len(records)]
    assert all(set(Article().to_dict()) <= set(r) for r in records)


def test_corpus_stats_to_dict() -> None:
    stats = CorpusStats(read=10, written=7, rejected={"error": 1, "binary": 2}, seconds=2.0, workers=2)
    summary = stats.to_dict()
    assert summary["rejected"] == 3
    assert summary["rejected_by_reason"] == {"binary": 2, "error": 1}
    assert summary["docs_per_second"] == 5.0


@pytest.mark.parametrize(("asked", "expected"), [(1, 1), (3, 3), (-1, 1)])
def test_corpus_resolve_workers(asked: int, expected: int) -> None:
    assert resolve_workers(asked) == expected


def test_corpus_resolve_workers_defaults_to_cpu_count() -> None:
    import os

    assert resolve_workers(None) == (os.cpu_count() or 1)
