"""Tests of copydesk.cli.display: tables and the progress bar."""

from __future__ import annotations

import io
from types import SimpleNamespace

from copydesk.cli.display import ProgressBar, format_table


def test_display_format_table_aligns_numbers_right() -> None:
    text = format_table(["name", "n"], [("a", 5), ("long name", 1234)])
    assert text.splitlines() == [
        "name           n",
        "---------  -----",
        "a              5",
        "long name  1,234",
    ]


def test_display_progress_bar_shows_rate_eta_and_rejects() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream, every=0)
    summary = SimpleNamespace(
        read=50, expected=200, docs_per_second=25.0, total_rejected=2, shards=4, shards_done=1
    )
    bar(summary)
    line = stream.getvalue()
    assert (
        "25%" in line
        and "50/200 docs" in line
        and "25 docs/s" in line
        and "ETA 6s" in line
        and "2 rejected" in line
    )
