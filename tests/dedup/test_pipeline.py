"""Tests of dedup in ``copydesk run``: store and folder outputs, incremental runs, local vs Ray."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from corpora import patch_cleaner

from copydesk.dedup import DedupOptions
from copydesk.extract import CleanOptions
from copydesk.ingest.shards import ReadOptions
from copydesk.record import Article
from copydesk.run.driver import RunOptions, run_corpus
from tests.dedup.stories import BOILERPLATE_A, BOILERPLATE_B, COUNCIL, COUNCIL_LATER, STORM, edited, page

BOILERPLATE = set(BOILERPLATE_A + BOILERPLATE_B)


def fake_clean(text: str, url: str | None = None, *, options: CleanOptions | None = None) -> Article:
    """A stand-in for the cleaner: known boilerplate lines out, a 'Published:' line is the date."""
    lines = [ln for ln in text.split("\n") if ln.strip() and ln not in BOILERPLATE]
    published = next((ln.split(": ")[1] for ln in lines if ln.startswith("Published: ")), None)
    body = [ln for ln in lines[1:] if not ln.startswith("Published: ")]
    return Article(url=url, title=lines[0] if lines else None, published=published, body=body)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    patch_cleaner(monkeypatch, fake_clean)


def story(id: str, title: str, paragraphs: list[str], date: str, top: list[str], url: str) -> dict[str, str]:
    return {"id": id, "url": url, "text": page(title, [f"Published: {date}", *paragraphs], top, [])}


BATCH_1 = [
    story("wire-1", "Council passes budget", COUNCIL, "2025-03-02", BOILERPLATE_A, "https://a.example/1"),
    story("paper-1", "Budget approved", COUNCIL, "2025-03-03", BOILERPLATE_B, "https://b.example/1"),
    story("paper-2", "Budget approved", edited(COUNCIL), "2025-03-03", [], "https://c.example/1"),
    story("paper-3", "Petition on water bills", COUNCIL_LATER, "2025-03-09", [], "https://b.example/2"),
    story("wire-2", "Snowstorm", STORM, "2025-03-04", BOILERPLATE_A, "https://a.example/2"),
]
BATCH_2 = [
    story("early", "Council budget", COUNCIL, "2025-03-01", BOILERPLATE_B, "https://d.example/1"),
    story("storm-copy", "Snow", edited(STORM), "2025-03-05", [], "https://d.example/2"),
]


def write(path: Path, docs: list[dict[str, str]]) -> str:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs))
    return str(path)


def options(**kw: object) -> RunOptions:
    return RunOptions(read=ReadOptions(shard_docs=2), workers=1, **kw)  # type: ignore[arg-type]


def store_fields(path: Path) -> dict[str, tuple[object, ...]]:
    con = duckdb.connect(str(path), read_only=True)
    rows = con.sql(
        "SELECT a.id, c.id, a.dup_of, a.dup_similarity FROM articles a LEFT JOIN articles c "
        "ON c.key = a.dup_cluster ORDER BY a.id"
    ).fetchall()
    con.close()
    return {r[0]: r[1:] for r in rows}


def test_pipeline_store_clusters_copies_and_keeps_stories_apart(fake: None, tmp_path: Path) -> None:
    summary = run_corpus([write(tmp_path / "b1.jsonl", BATCH_1)], tmp_path / "c.duckdb", options())
    assert summary.dedup is not None and summary.dedup["duplicates"] == 2
    fields = store_fields(tmp_path / "c.duckdb")
    assert fields["wire-1"] == ("wire-1", None, None)  # earliest: canonical
    assert fields["paper-1"] == ("wire-1", "wire-1", 1.0)  # same body, other boilerplate
    assert fields["paper-2"][:2] == ("wire-1", "wire-1") and 0.8 <= fields["paper-2"][2] < 1.0
    assert fields["paper-3"] == fields["wire-2"] == (None, None, None)


def test_pipeline_incremental_run_finds_copies_of_stored_articles(fake: None, tmp_path: Path) -> None:
    store = tmp_path / "c.duckdb"
    run_corpus([write(tmp_path / "b1.jsonl", BATCH_1)], store, options())
    summary = run_corpus([write(tmp_path / "b2.jsonl", BATCH_2)], store, options())
    assert summary.dedup is not None
    assert (summary.dedup["documents"], summary.dedup["pending"]) == (7, 2)  # only the new batch sketched
    fields = store_fields(store)
    # The new, earlier copy becomes the council cluster's canonical member; all members are updated.
    assert {k: v[:2] for k, v in fields.items() if v[0] == "early"} == {
        "early": ("early", None),
        "wire-1": ("early", "early"),
        "paper-1": ("early", "early"),
        "paper-2": ("early", "early"),
    }
    assert fields["storm-copy"][:2] == ("wire-2", "wire-2")
    con = duckdb.connect(str(store), read_only=True)
    assert con.sql("SELECT count(*), count(*) FILTER (pending) FROM dedup_signatures").fetchall() == [(7, 0)]


def test_pipeline_reports_show_clusters_and_publishers(fake: None, tmp_path: Path) -> None:
    from copydesk.serve.reports import find_report, open_corpus, run_report

    run_corpus([write(tmp_path / "b1.jsonl", BATCH_1)], tmp_path / "c.duckdb", options())
    con = open_corpus(tmp_path / "c.duckdb")
    columns, rows = run_report(con, find_report("clusters"))
    assert columns[:3] == ["canonical", "title", "articles"] and rows[0][0::2][:2] == ("wire-1", 3)
    assert rows[0][3] == 3  # a.example, b.example and c.example
    _, rows = run_report(con, find_report("duplicates"))
    assert {r[0]: r[1:3] for r in rows} == {"a.example": (2, 0), "b.example": (2, 1), "c.example": (1, 1)}
    con.close()


def test_pipeline_same_input_twice_changes_nothing(fake: None, tmp_path: Path) -> None:
    store = tmp_path / "c.duckdb"
    src = write(tmp_path / "b1.jsonl", BATCH_1)
    run_corpus([src], store, options())
    before = store_fields(store)
    summary = run_corpus([src], store, options())
    assert summary.dedup is not None and summary.dedup["pending"] == 0
    assert store_fields(store) == before


def test_pipeline_store_made_without_dedup_is_sketched_later(fake: None, tmp_path: Path) -> None:
    store = tmp_path / "c.duckdb"
    run_corpus([write(tmp_path / "b1.jsonl", BATCH_1)], store, options(dedup=None))
    assert store_fields(store)["paper-1"] == (None, None, None)
    summary = run_corpus([write(tmp_path / "b2.jsonl", BATCH_2)], store, options())
    assert summary.dedup is not None and summary.dedup["pending"] == 7
    assert store_fields(store)["paper-1"][:2] == ("early", "early")


def test_pipeline_folder_output_has_the_fields(fake: None, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_corpus([write(tmp_path / "b1.jsonl", BATCH_1)], out, options())
    rows = {r["id"]: r for r in pq.read_table(out / "articles").to_pylist()}
    assert rows["paper-1"]["dup_of"] == "wire-1" and rows["paper-1"]["dup_cluster"] == rows["wire-1"]["key"]
    assert rows["wire-2"]["dup_cluster"] is None
    assert len(list((out / "_copydesk" / "dedup").glob("sig-*.parquet"))) == 3
    assert not list((out / "_copydesk" / "dedup").glob("*.bin"))  # the body file made for verification


def test_pipeline_folder_second_batch_reuses_the_signatures(fake: None, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_corpus([write(tmp_path / "b1.jsonl", BATCH_1)], out, options())
    signed = {p: p.stat().st_mtime_ns for p in (out / "_copydesk" / "dedup").glob("sig-*.parquet")}
    summary = run_corpus([write(tmp_path / "b2.jsonl", BATCH_2)], out, options())
    assert summary.dedup is not None and summary.dedup["documents"] == 7
    assert all(p.stat().st_mtime_ns == t for p, t in signed.items())  # not signed again
    rows = {r["id"]: r for r in pq.read_table(out / "articles").to_pylist()}
    assert rows["wire-1"]["dup_of"] == "early" and rows["storm-copy"]["dup_of"] == "wire-2"


def test_pipeline_threshold_option_reaches_the_stage(fake: None, tmp_path: Path) -> None:
    docs = [BATCH_1[0], story("short", "Budget", COUNCIL[:3], "2025-03-05", [], "https://e.example/1")]
    summary = run_corpus([write(tmp_path / "b.jsonl", docs)], tmp_path / "c.duckdb", options())
    assert summary.dedup is not None and summary.dedup["duplicates"] == 0
    loose = options(dedup=DedupOptions(threshold=0.5))
    summary = run_corpus([write(tmp_path / "b.jsonl", docs)], tmp_path / "d.duckdb", loose)
    assert summary.dedup is not None and summary.dedup["duplicates"] == 1


def run_cli(src: str, out: Path, *extra: str) -> dict[str, object]:
    """``copydesk run`` in a fresh process (the real cleaner), as the Ray workers are."""
    args = ["run", src, "--out", str(out), "--no-attribute", "--shard-docs", "2", "--workers", "2"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    cmd = [sys.executable, "-m", "copydesk.cli.main", *args, "-q", "--json", *extra]
    done = subprocess.run(cmd, capture_output=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def clusters(folder: Path) -> list[tuple[object, ...]]:
    rows = pq.read_table(folder / "articles").to_pylist()
    return sorted((r["key"], r["dup_cluster"], r["dup_of"], r["dup_similarity"]) for r in rows)


@pytest.mark.ray
def test_pipeline_ray_gives_the_same_clusters_as_local(tmp_path: Path) -> None:
    pytest.importorskip("ray")
    src = write(tmp_path / "b.jsonl", BATCH_1 + BATCH_2)
    local = run_cli(src, tmp_path / "local")
    ray = run_cli(src, tmp_path / "ray", "--executor", "ray")
    assert ray["executor"] == "ray"
    same = {k: v for k, v in ray["dedup"].items() if k != "seconds"}  # type: ignore[attr-defined]
    assert same.items() <= local["dedup"].items()  # type: ignore[attr-defined]
    found = clusters(tmp_path / "local")
    assert found == clusters(tmp_path / "ray")
    assert sum(1 for row in found if row[2] is not None) >= 3  # the copies were found by the real cleaner too
