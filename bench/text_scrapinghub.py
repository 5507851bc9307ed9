"""Text-mode benchmark on scrapinghub's article-extraction-benchmark (evaluation only).

For each rendering of the pages to plain text, scores copydesk and the baselines with the
benchmark's own shingle metric and prints one markdown table: precision, recall, F1 and pages per
second (extraction only, rendering excluded, one process on one core), per wall-clock second and per
second of the process's CPU time. The systems take turns in three passes over all the pages, the order
rotating, so that the machine's slow spells fall on all of them alike while each runs with its caches
warm.

    .venv/bin/python bench/text_scrapinghub.py [--limit N] [--renderer {html-text,inscriptis,both}]
                                               [--json out.json] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from baselines import SYSTEMS, System, Timed, run_rounds
from metrics import corpus_f1, markdown_table, shingle_scores
from render import RENDERERS, Page, load_scrapinghub


@dataclass(frozen=True, slots=True)
class Result:
    """One row of the table."""

    renderer: str
    system: str
    input: str
    pages: int
    precision: float | None  # None when the system failed
    recall: float | None
    f1: float | None
    pages_per_second: float | None  # pages per wall-clock second
    pages_per_cpu_second: float | None  # pages per second of this process's CPU time
    error: str | None = None  # why the system could not run


def score(
    system: System,
    renderer: str,
    pages: Sequence[Page],
    result: Timed | Exception,
    rounds: int = 1,
) -> Result:
    """One row: a system's scores and speed (over ``rounds`` passes), or the error that stopped it."""
    if isinstance(result, Exception):
        error = f"{type(result).__name__}: {result}"
        return Result(renderer, system.name, system.input, len(pages), None, None, None, None, None, error)
    scores = [shingle_scores(pred, page.gold) for pred, page in zip(result.predictions, pages, strict=True)]
    precision, recall, f1 = corpus_f1(scores)
    done = rounds * len(pages)
    speed = done / result.seconds if result.seconds > 0 else float("inf")
    cpu_speed = done / result.cpu if result.cpu > 0 else float("inf")
    return Result(renderer, system.name, system.input, len(pages), precision, recall, f1, speed, cpu_speed)


def run(renderers: Sequence[str], limit: int | None, rounds: int = 3) -> list[Result]:
    """Score every system on every rendering. The systems take turns in ``rounds`` passes over all the
    pages (the order rotating), so that a slow spell of this shared machine falls on all of them alike;
    HTML-reading systems run with the first rendering and are shown for each."""
    results: list[Result] = []
    html_rows: dict[str, Result] = {}
    for renderer in renderers:
        pages = load_scrapinghub(renderer, limit)
        systems = [s for s in SYSTEMS if s.input == "text" or s.name not in html_rows]
        rows = {}
        for system, result in zip(systems, run_rounds(systems, pages, rounds), strict=True):
            row = rows[system.name] = score(system, renderer, pages, result, rounds)
            if system.input == "html":
                html_rows[system.name] = row
            status = f"FAILED {row.error}" if row.f1 is None else f"F1 {row.f1:.3f}"
            print(f"  {renderer:<10} {system.name:<35} {status}", file=sys.stderr)
        for system in SYSTEMS:
            row = rows.get(system.name) or html_rows[system.name]
            results.append(Result(**{**asdict(row), "renderer": renderer}))
    return results


def table(results: Sequence[Result]) -> str:
    """The results as a markdown table."""
    header = ("rendering", "system", "input", "pages", "precision", "recall", "F1", "pages/s", "pages/CPU s")
    rows = [
        (
            r.renderer,
            r.system,
            r.input,
            r.pages,
            r.precision,
            r.recall,
            r.f1,
            _speed(r.pages_per_second),
            _speed(r.pages_per_cpu_second),
        )
        for r in results
    ]
    notes = [f"- {r.system} on {r.renderer}: {r.error}" for r in results if r.error]
    return "\n".join([markdown_table(header, rows), *(["", "Failed:", *notes] if notes else [])])


def _speed(pages_per_second: float | None) -> str:
    """Pages per second, rounded to what a timing can tell."""
    if pages_per_second is None:
        return "-"
    return f"{pages_per_second:,.0f}" if pages_per_second >= 100 else f"{pages_per_second:.1f}"


def cv_table() -> str:
    """copydesk's cross-validated word-F1 on wcxb-dev by page type, as recorded by the training run that
    built the shipped model (folds split by domain; ``python -m copydesk.clean.train`` recomputes it)."""
    from copydesk.clean.model import LineModel

    model = LineModel()
    model.setup()
    cv = model.meta.get("cv") or {}
    if not cv:
        return "(the shipped model was trained without cross-validation)"
    final = cv["stage2"]
    types = sorted({t for by in final.values() for t in by}, key=lambda t: (t == "all", t))
    header = ("rendering", *types)
    rows = [(renderer, *(by.get(t) for t in types)) for renderer, by in final.items()]
    decoding = f"body threshold {cv['threshold']}, switch cost {cv.get('switch_cost', 0.0)}"
    return markdown_table(header, rows) + f"\n\n{decoding} (chosen by the same CV)"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages (by id)")
    parser.add_argument(
        "--renderer", choices=[*RENDERERS, "both"], default="both", help="plain-text rendering(s) to score"
    )
    parser.add_argument("--json", type=Path, default=None, help="also save the numbers to this JSON file")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the pages, for the speed figures")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark and print the table."""
    args = parse_args(argv)
    renderers = list(RENDERERS) if args.renderer == "both" else [args.renderer]
    results = run(renderers, args.limit, args.rounds)
    print(
        "Shingle metric of scrapinghub's article-extraction-benchmark (4-gram shingles of \\w+ tokens, "
        "case kept; P and R averaged over pages, F1 of the averages). pages/s: extraction only, one process, "
        "per wall-clock second; pages/CPU s: per second of the process's CPU time (what one core does "
        "while the machine's other tenants are left out).\n"
    )
    print(table(results))
    print("\ncopydesk, cross-validated word-F1 on wcxb-dev by page type (5 folds split by domain):\n")
    print(cv_table())
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
