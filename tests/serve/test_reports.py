"""Tests of copydesk.serve.reports: named reports on a store built by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from copydesk.errors import CopydeskError
from copydesk.record import Article, Quote
from copydesk.serve.reports import REPORTS, find_report, open_corpus, run_report
from copydesk.step import Item
from copydesk.write.duckdb import Store
from copydesk.write.shards import ShardWriter


def test_reports_top_speakers_and_publishers(tmp_path: Path) -> None:
    writer = ShardWriter(tmp_path / "work", "s")
    for i, (publisher, speakers) in enumerate([("A", ["Ann", "Bo"]), ("A", ["Ann"]), ("B", [])]):
        quotes = [Quote("q", "direct", 0, 1, s) for s in speakers]
        writer.write(Item(f"k:{i}", Article(id=str(i), publisher=publisher, quotes=quotes), "in", i))
    with Store(tmp_path / "c.duckdb") as store:
        store.load_shard("s", writer.commit({}), {}, "run")
    con = open_corpus(tmp_path / "c.duckdb")
    assert run_report(con, find_report("speakers"))[1] == [("Ann", 2, 2), ("Bo", 1, 1)]
    assert [row[:2] for row in run_report(con, find_report("publishers"))[1]] == [("A", 2), ("B", 1)]


def test_reports_names_are_unique() -> None:
    assert len({r.name for r in REPORTS}) == len(REPORTS)


def test_reports_open_corpus_missing_path(tmp_path: Path) -> None:
    with pytest.raises(CopydeskError, match="No such file"):
        open_corpus(tmp_path / "none.duckdb")
