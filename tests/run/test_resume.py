"""A run killed with SIGKILL in the middle, then started again, holds every record exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

N_DOCS = 1200


def corpus(path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as file:
        for i in range(N_DOCS):
            text = (
                f"Headline number {i}\n\nBy Ann Writer\n\nThe first paragraph of story {i} tells what "
                f"happened in the town of Example on day {i % 28 + 1}.\n\n"
                f"A second paragraph adds detail {i * 7}.\n\n"
                "Share this article\n\nAdvertisement\n"
            )
            file.write(json.dumps({"id": f"doc{i}", "text": text}) + "\n")
    return path


def command(src: Path, out: Path) -> list[str]:
    args = [
        "run",
        str(src),
        "--out",
        str(out),
        "--no-attribute",
        "--shard-docs",
        "25",
        "--workers",
        "2",
        "-q",
    ]
    return [sys.executable, "-m", "copydesk.cli.main", *args]


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}


def test_resume_after_kill_9_holds_each_record_once(tmp_path: Path) -> None:
    src, out = corpus(tmp_path / "c.jsonl"), tmp_path / "c.duckdb"
    done = tmp_path / "c.duckdb.work" / "_copydesk" / "done"
    proc = subprocess.Popen(command(src, out), env=env(), start_new_session=True, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if done.exists() and len(list(done.iterdir())) >= 4:
            break
        time.sleep(0.005)
    assert proc.poll() is None, f"the run ended before it could be killed: {proc.stderr.read()!r}"  # type: ignore[union-attr]
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and its workers, at once
    proc.wait()
    summary_path = tmp_path / "summary.json"
    again = subprocess.run(
        [*command(src, out), "--summary-json", str(summary_path)], env=env(), capture_output=True, timeout=300
    )
    assert again.returncode == 0, again.stderr.decode()
    summary = json.loads(summary_path.read_text())
    assert summary["read"] == summary["written"] + summary["rejected"] == N_DOCS
    assert summary["shards_resumed"] >= 1
    con = duckdb.connect(str(out), read_only=True)
    total, keys, ids = con.sql(
        "SELECT count(*), count(DISTINCT key), count(DISTINCT id) FROM articles"
    ).fetchall()[0]
    rejected = con.sql("SELECT count(*) FROM rejects").fetchall()[0][0]
    assert total == keys == ids and total + rejected == N_DOCS
    statuses = [row[0] for row in con.sql("SELECT status FROM runs ORDER BY started").fetchall()]
    assert statuses == ["interrupted", "completed"]  # the killed run is marked when the next one starts
