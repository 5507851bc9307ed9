"""HTML-mode benchmark (issue 5): copydesk's HTML and text modes beside the DOM-based extractors.

Prints, in one run:

1. shingle precision/recall/F1 on scrapinghub (its published metric) and pages per second, for
   copydesk in HTML mode, copydesk in text mode (html-text rendering), trafilatura (default and
   ``favor_precision``), readability-lxml and jusText; the systems take turns page by page, so the
   machine's slow spells fall on all of them alike;
2. word-F1 on wcxb-dev by page type: the baselines directly (they were not trained on it) and
   copydesk's cross-validated figures recorded by the training runs that built the shipped models
   (folds split by domain; ``python -m copydesk.clean.train --mode html`` recomputes them);
3. title, author and date accuracy on wcxb-dev articles, copydesk HTML mode beside trafilatura's
   metadata.

    .venv/bin/python bench/html_benchmark.py [--limit N] [--skip-wcxb] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from baselines import HTML_SYSTEMS, run_interleaved, run_system
from metrics import corpus_f1, markdown_table, shingle_scores, word_f1
from render import DATA, load_scrapinghub, load_wcxb, read_html

import copydesk
from copydesk.clean.model import LineModel


def scrapinghub_table(limit: int | None) -> tuple[str, list[dict]]:
    """Shingle scores and speed of every system on scrapinghub."""
    pages = load_scrapinghub("html-text", limit)
    rows, out = [], []
    results = run_interleaved(HTML_SYSTEMS, pages)
    for system, result in zip(HTML_SYSTEMS, results, strict=True):
        if isinstance(result, Exception):
            rows.append((system.name, system.input, len(pages), None, None, None, f"failed: {result}"))
            continue
        p, r, f = corpus_f1(
            [shingle_scores(pred, page.gold) for pred, page in zip(result.predictions, pages, strict=True)]
        )
        speed = len(pages) / result.seconds if result.seconds else float("inf")
        rows.append((system.name, system.input, len(pages), p, r, f, f"{speed:.1f}"))
        out.append({"system": system.name, "precision": p, "recall": r, "f1": f, "pages_per_second": speed})
        print(f"  scrapinghub {system.name:<45} F1 {f:.3f} {speed:.1f} pages/s", file=sys.stderr)
    header = ("system", "input", "pages", "precision", "recall", "F1", "pages/s")
    return markdown_table(header, rows), out


def wcxb_table(limit: int | None) -> str:
    """Word-F1 by page type: baselines measured now, copydesk's cross-validated figures from training."""
    pages = load_wcxb("html-text", limit)
    types = sorted({p.page_type or "?" for p in pages}) + ["all"]
    rows = []
    for system in HTML_SYSTEMS:
        if system.name.startswith("copydesk"):
            continue
        predictions = run_system(system, pages).predictions
        by: dict[str, list[float]] = defaultdict(list)
        for pred, page in zip(predictions, pages, strict=True):
            score = word_f1(pred, page.gold)
            by[page.page_type or "?"].append(score)
            by["all"].append(score)
        rows.append((system.name, *(sum(by[t]) / len(by[t]) if by[t] else None for t in types)))
        print(f"  wcxb {system.name} done", file=sys.stderr)
    for mode, renderer, label in (
        ("html", "html", "copydesk, HTML mode (CV)"),
        ("text", "html-text", "copydesk, text mode (CV, html-text)"),
    ):
        model = LineModel(mode=mode)
        model.setup()
        cv = (model.meta.get("cv") or {}).get("stage2", {}).get(renderer, {})
        rows.insert(0, (label, *(cv.get(t) for t in types)))
    return markdown_table(("system", *types), rows)


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    return " ".join(re.findall(r"\w+", text))


def metadata_table(limit: int | None) -> str:
    """Title, author and date accuracy on wcxb-dev articles (pages whose gold has the field)."""
    import trafilatura

    options = copydesk.CleanOptions(attribute=False)
    hits: dict[str, dict[str, list[bool]]] = {
        "copydesk, HTML mode": defaultdict(list),
        "trafilatura metadata": defaultdict(list),
    }
    for path in sorted((DATA / "wcxb-dev" / "ground-truth").glob("*.json"))[:limit]:
        record = json.loads(path.read_text(encoding="utf-8"))
        if (record.get("_internal") or {}).get("page_type", {}).get("primary") != "article":
            continue
        gold = record["ground_truth"]
        html = read_html(DATA / "wcxb-dev" / "html" / f"{path.stem}.html.gz")
        art = copydesk.clean_html(html, url=record.get("url"), options=options)
        meta = trafilatura.extract_metadata(html, default_url=record.get("url"))
        got = {
            "copydesk, HTML mode": (art.title, ", ".join(art.authors), art.published),
            "trafilatura metadata": (meta.title, meta.author, meta.date) if meta else (None, None, None),
        }
        for name, (title, author, date) in got.items():
            if gold.get("title"):
                hits[name]["title"].append(_norm(title) == _norm(gold["title"]))
            if gold.get("author"):
                want = set(_norm(gold["author"]).split())
                hits[name]["author"].append(bool(want) and want <= set(_norm(author).split()))
            if gold.get("publish_date"):
                hits[name]["date"].append((date or "")[:10] == str(gold["publish_date"])[:10])
    rows = [
        (
            name,
            *(
                f"{sum(v[f]) / len(v[f]):.3f} ({len(v[f])})" if v[f] else "-"
                for f in ("title", "author", "date")
            ),
        )
        for name, v in hits.items()
    ]
    return markdown_table(("system", "title exact", "author names found", "date exact"), rows)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--skip-wcxb", action="store_true", help="only the scrapinghub table")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    table, numbers = scrapinghub_table(args.limit)
    print(
        "scrapinghub, shingle metric (4-gram shingles of \\w+ tokens; P and R averaged over pages, F1 of the "
        "averages); pages/s: extraction only, one core\n"
    )
    print(table)
    if not args.skip_wcxb:
        print("\nwcxb-dev, mean word-F1 by page type\n")
        print(wcxb_table(args.limit))
        print("\nwcxb-dev articles, metadata accuracy (exact title; all gold author words; ISO date)\n")
        print(metadata_table(args.limit))
    if args.json:
        args.json.write_text(json.dumps(numbers, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
