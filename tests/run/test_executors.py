"""Tests of copydesk.run.executors: the local pool, and the same records under Ray."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from copydesk.errors import CopydeskError
from copydesk.run.executors import LocalExecutor, make_executor, resolve_workers, spawn_is_safe


def square(x: int) -> int:
    return x * x


@pytest.mark.parametrize("workers", [1, 2])
def test_executors_local_map_keeps_order(workers: int) -> None:
    with LocalExecutor(workers) as executor:
        assert list(executor.map(square, range(50), chunksize=3)) == [x * x for x in range(50)]


@pytest.mark.parametrize("workers", [1, 2])
def test_executors_local_map_unordered_gives_every_result(workers: int) -> None:
    with LocalExecutor(workers) as executor:
        assert sorted(executor.map_unordered(square, range(20))) == [x * x for x in range(20)]


def worker_pid(_: int) -> int:
    return os.getpid()


def test_executors_local_release_ends_the_workers_and_starts_new_ones() -> None:
    warmed: list[int] = []
    with LocalExecutor(2, warm_up=lambda: warmed.append(1)) as executor:
        before = set(executor.map_unordered(worker_pid, range(20)))
        executor.release()
        after = set(executor.map_unordered(worker_pid, range(20)))
        assert sorted(executor.map_unordered(square, range(20))) == [x * x for x in range(20)]
    assert before and after and not before & after
    assert len(warmed) <= 1  # the new workers are not warmed up again


@pytest.mark.parametrize(
    ("attrs", "safe"),
    [
        ({}, True),  # interactive: no file to import again
        ({"__file__": "/home/me/job.py", "__spec__": None}, False),  # a user's script
        (
            {
                "__file__": "/x/copydesk/cli/main.py",
                "__spec__": types.SimpleNamespace(name="copydesk.cli.main"),
            },
            True,
        ),
    ],
)
def test_executors_spawn_only_when_the_main_module_is_safe_to_import(
    monkeypatch: pytest.MonkeyPatch, attrs: dict[str, object], safe: bool
) -> None:
    main = types.ModuleType("__main__")
    for key, value in attrs.items():
        setattr(main, key, value)
    monkeypatch.setitem(sys.modules, "__main__", main)
    assert spawn_is_safe() is safe


def test_executors_unguarded_script_runs_a_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        "".join(json.dumps({"id": str(i), "text": f"Story {i}. " * 40}) + "\n" for i in range(4))
    )
    script = tmp_path / "job.py"  # no __main__ guard, as a user might write it
    script.write_text(
        "from copydesk.run.driver import RunOptions, run_corpus\n"
        f"s = run_corpus([{str(corpus)!r}], {str(tmp_path / 'out.duckdb')!r}, RunOptions(workers=2))\n"
        "print(s.to_dict()['written'])\n"
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert done.stdout.decode().split()[-1] == "4"


def test_executors_unknown_name_is_an_error() -> None:
    with pytest.raises(CopydeskError, match="unknown executor"):
        make_executor("spark")


@pytest.mark.parametrize(("asked", "expected"), [(1, 1), (3, 3), (None, None)])
def test_executors_resolve_workers(asked: int | None, expected: int | None) -> None:
    import os

    assert resolve_workers(asked) == (expected or os.cpu_count() or 1)


def tiny_corpus(path: Path) -> Path:
    pages = [
        "Council approves budget\n\nBy Ann Lee\n\nThe council approved the budget on Monday after a long "
        "debate about the new library.\n\nThe mayor said the vote was a good day for the town.\n\nShare this",
        "Storm closes schools\n\nSchools across the county were closed on Tuesday as the storm brought heavy "
        "snow.\n\nOfficials expect the roads to reopen by Wednesday morning.\n\nAdvertisement",
        "Local team wins final\n\nThe local team won the regional final on Saturday in front of a full "
        "stadium.\n\nFans celebrated in the streets until late at night.\n\nRelated stories",
    ]
    lines = [json.dumps({"id": f"t{i}", "text": pages[i % 3], "url": f"https://x.org/{i}"}) for i in range(6)]
    path.write_text("\n".join(lines) + "\n")
    return path


def records(folder: Path) -> list[dict[str, object]]:
    rows = pq.read_table(folder / "articles").to_pylist()
    return sorted(rows, key=lambda r: str(r["key"]))


def run_cli(src: Path, out: Path, *extra: str) -> dict[str, object]:
    """``copydesk run`` in a fresh process, as the Ray workers are (nothing inherited from this one)."""
    args = ["run", str(src), "--out", str(out), "--no-attribute", "--shard-docs", "2", "--workers", "2"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    cmd = [sys.executable, "-m", "copydesk.cli.main", *args, "-q", "--json", *extra]
    done = subprocess.run(cmd, capture_output=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.mark.ray
def test_executors_ray_gives_the_same_records_as_local(tmp_path: Path) -> None:
    pytest.importorskip("ray")
    src = tiny_corpus(tmp_path / "c.jsonl")
    local = run_cli(src, tmp_path / "local")
    ray = run_cli(src, tmp_path / "ray", "--executor", "ray")
    assert (local["written"], ray["written"], ray["executor"]) == (6, 6, "ray")
    assert records(tmp_path / "local") == records(tmp_path / "ray")


def test_executors_ray_missing_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from copydesk.errors import MissingExtra

    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(MissingExtra, match=r"copydesk\[ray\]"):
        make_executor("ray")
