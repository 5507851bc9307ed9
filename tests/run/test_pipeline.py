"""Tests of copydesk.run.pipeline: one shard through the steps, counted, committed, idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpora import docs, fake_clean, jsonl, patch_cleaner

from copydesk.extract import CleanOptions
from copydesk.ingest.shards import ReadOptions, plan
from copydesk.run.pipeline import ShardResult, Task, clean_stage, run_task
from copydesk.write.shards import read_marker


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    patch_cleaner(monkeypatch, fake_clean)


def task(tmp_path: Path, lines: list[dict[str, object] | str]) -> Task:
    path = jsonl(tmp_path / "c.jsonl", lines)
    (shard,) = plan([str(path)], ReadOptions(shard_docs=100))
    return Task(shard, clean_stage(clean=CleanOptions(attribute=False)), str(tmp_path / "out"))


def test_pipeline_run_task_counts_each_outcome(fake: None, tmp_path: Path) -> None:
    t = task(tmp_path, [*docs(3), "{bad json", {"id": "b", "text": "boom"}, {"id": "e", "text": ""}])
    result = run_task(t)
    assert (result.read, result.written) == (6, 3)
    assert result.rejected == {"invalid_json": 1, "error": 1, "empty_text": 1}
    assert set(result.files) == {"articles", "rejects"} and not result.resumed


def test_pipeline_run_task_twice_reuses_the_marker(fake: None, tmp_path: Path) -> None:
    t = task(tmp_path, docs(2))
    first = run_task(t)
    again = run_task(t)
    assert again.resumed and (again.read, again.written, again.files) == (
        first.read,
        first.written,
        first.files,
    )
    assert read_marker(t.out_dir, t.shard.id)["written"] == 2  # type: ignore[index]


def test_pipeline_shard_result_round_trips() -> None:
    result = ShardResult("s", "in", read=3, written=2, rejected={"error": 1}, files={"articles": "a.parquet"})
    assert ShardResult.from_dict(result.to_dict()) == result


def test_pipeline_task_pickles_small(tmp_path: Path) -> None:
    import pickle

    t = task(tmp_path, docs(1))
    assert len(pickle.dumps(t)) < 2000
