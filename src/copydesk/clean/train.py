"""Train the text-mode line classifier from WCXB's development split.

    python -m copydesk.clean.train --data ../shared/data/wcxb-dev

renders every page to plain text with two renderers (html-text and inscriptis, so the model does not
learn one renderer's quirks), labels the lines by aligning them with the gold text
(:mod:`copydesk.clean.labels`), reports word-F1 cross-validated with folds split by domain, and writes
the model shipped in ``copydesk/clean/models/``. Needs the ``dev`` extra (renderers, selectolax).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from copydesk.clean.blocks import extract_blocks, parse_html
from copydesk.clean.decode import Decoding, body_mask
from copydesk.clean.dom_features import block_groups
from copydesk.clean.evaluate import PageScore, corpus_f1, shingle_scores, word_f1
from copydesk.clean.features import BASE_NAMES
from copydesk.clean.labels import BODY, CLASSES, IGNORE, align_labels, coverage
from copydesk.clean.lines import split_lines
from copydesk.clean.model import LineModel, default_model_path, predict_options, save_model
from copydesk.clean.render import RENDERERS, cached_render
from copydesk.extract import declared
from copydesk.ingest.html import decode_html
from copydesk.structure.metadata import read_metadata
from copydesk.structure.prune import not_body
from copydesk.structure.wordlists import WordLists

PARAMS: dict[str, Any] = {
    "objective": "multiclass",
    "num_class": len(CLASSES),
    "learning_rate": 0.15,
    "num_leaves": 31,
    "min_data_in_leaf": 40,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.7,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "max_bin": 63,
    "verbose": -1,
    "seed": 7,
}
_LOG_WORDS = BASE_NAMES.index("log_words")  # the first stage's columns start with the base features
MIN_COVERAGE = 0.7  # pages whose labelled body holds less of the gold text are left out of training
#: Boosting rounds of stages one and two, and the early-stop margin of prediction, by mode: few trees
#: and an early stop keep text mode fast (it is the one that runs at corpus scale).
ROUNDS = {"text": (40, 20), "html": (60, 30)}
MARGIN = {"text": 1.5, "html": 2.0}
#: Members of the shipped model by mode (two-stage pairs alike but for their seed; their probabilities are
#: averaged), and the seeds. Three HTML members: cross-validated article shingle F1 0.9512-0.9532 for
#: one, 0.9546-0.9550 for three at the same decodings.
MEMBERS = {"text": 1, "html": 3}
SEEDS = (7, 11, 23, 31, 43)
#: Training weight of the pages that are not articles (forums, products, listings...), by mode.
#: copydesk reads news articles; the other pages teach what boilerplate looks like, but on a listing
#: page a list of headlines is the content, which is what an article page's teaser list must not be.
OTHER_WEIGHT = {"text": 0.3, "html": 0.3}


@dataclass(slots=True)
class Page:
    """One training page under one renderer."""

    pid: str
    domain: str
    page_type: str
    renderer: str
    lines: list[str]
    index: list[int]
    x1: np.ndarray
    y: np.ndarray  # IGNORE for lines that are not trained on
    gold: str
    trainable: bool  # False when the rendering lacks most of the gold text (labels would be wrong)
    groups: np.ndarray | None = None  # HTML mode: each block's enclosing elements (dom_features.block_groups)
    weight: float = 1.0  # of its lines in training (see OTHER_WEIGHT)


def caption_texts(html: str) -> list[str]:
    """Texts the page marks as captions (figcaption and caption classes)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    out = [
        n.text(separator=" ", strip=True) for n in tree.css("figcaption, [class*=caption], [class*=Caption]")
    ]
    return [t for t in out if t and len(t) < 1000]


def load_pages(data: Path, cache: Path, model: LineModel, limit: int | None = None) -> list[Page]:
    """Render, featurise and label every WCXB page under every renderer."""
    known = json.loads((data / "metadata.json").read_text())["files"]
    pages: list[Page] = []
    for n, path in enumerate(sorted((data / "ground-truth").glob("*.json"))):
        if limit and n >= limit:
            break
        pid = path.stem
        record = json.loads(path.read_text())
        gt = record["ground_truth"]
        if not gt.get("main_content"):
            continue  # a few pages have no gold text to align with
        html = decode_html(gzip.decompress((data / "html" / f"{pid}.html.gz").read_bytes()))
        caps = caption_texts(html)
        domain = known.get(pid, {}).get("domain") or domain_of(record.get("url") or page_url(html) or pid)
        page_type = record["_internal"]["page_type"]["primary"]
        if model.mode == "html":
            tree = parse_html(html)
            blocks = extract_blocks(tree)
            lines = [b.text for b in blocks]
            labels = align_labels(lines, gt["main_content"], gt.get("title"), gt.get("author"), caps)
            page = model.block_page(blocks)
            if page.index:
                x1, y = (
                    model.first_stage(page, blocks, declared(read_metadata(tree))),
                    np.asarray(labels, dtype=np.int32),
                )
                ok = coverage(lines, labels, gt["main_content"]) >= MIN_COVERAGE
                pages.append(
                    Page(
                        pid,
                        domain,
                        page_type,
                        "html",
                        lines,
                        page.index,
                        x1,
                        y,
                        gt["main_content"],
                        ok,
                        block_groups(blocks),
                    )
                )
            continue
        for renderer in RENDERERS:
            lines = split_lines(cached_render(cache, "wcxb-dev", renderer, pid, html))
            labels = align_labels(lines, gt["main_content"], gt.get("title"), gt.get("author"), caps)
            page = model.page(lines)
            if not page.index:
                continue
            y = np.asarray([labels[i] for i in page.index], dtype=np.int32)
            x1 = model.first_stage(page)
            ok = coverage(lines, labels, gt["main_content"]) >= MIN_COVERAGE
            pages.append(
                Page(pid, domain, page_type, renderer, lines, page.index, x1, y, gt["main_content"], ok)
            )
    return pages


def domain_of(url: str) -> str:
    """The host of a URL without a leading www (the string itself when it is not a URL)."""
    return (urlparse(url).netloc or url).lower().removeprefix("www.")


def page_url(html: str) -> str | None:
    """The canonical or OpenGraph URL a page declares (to group pages without a recorded URL)."""
    m = re.search(r"<link[^>]+rel=[\"']canonical[\"'][^>]+href=[\"']([^\"']+)", html, re.I) or re.search(
        r"<meta[^>]+property=[\"']og:url[\"'][^>]+content=[\"']([^\"']+)", html, re.I
    )
    return m.group(1) if m else None


def fold_of(domain: str, folds: int) -> int:
    """Assign a domain to a fold by hash, so no domain is split across folds."""
    return int(hashlib.md5(domain.encode()).hexdigest(), 16) % folds


def fit(
    x: np.ndarray, y: np.ndarray, rounds: int, params: dict[str, Any], page_weight: np.ndarray | None = None
) -> Any:
    """Train one LightGBM booster; rows labelled IGNORE get no weight, the others their page's weight."""
    import lightgbm as lgb

    weight = (y != IGNORE).astype(np.float32)
    if page_weight is not None:
        weight *= page_weight
    data = lgb.Dataset(x, np.maximum(y, 0), weight=weight, free_raw_data=True)
    return lgb.train(params, data, num_boost_round=rounds)


def _weights(pages: list[Page], sel: list[int]) -> np.ndarray:
    return np.concatenate([np.full(len(pages[i].y), pages[i].weight, dtype=np.float32) for i in sel])


def _stack(
    model: LineModel, pages: list[Page], sel: list[int], proba: dict[int, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    x = np.concatenate([model.second_stage(pages[i].x1, proba[i], pages[i].groups) for i in sel])
    return x, np.concatenate([pages[i].y for i in sel])


def cross_validate(
    model: LineModel,
    pages: list[Page],
    folds: int,
    rounds: tuple[int, int],
    params: dict[str, Any],
    predict: dict[str, Any],
) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
    """Out-of-fold stage-one and stage-two probabilities for every page."""
    fold = [fold_of(p.domain, folds) for p in pages]
    oof1: dict[int, np.ndarray] = {}
    for k in range(folds):
        tr = [i for i, f in enumerate(fold) if f != k and pages[i].trainable]
        te = [i for i, f in enumerate(fold) if f == k]
        b1 = fit(
            np.concatenate([pages[i].x1 for i in tr]),
            np.concatenate([pages[i].y for i in tr]),
            rounds[0],
            params,
            _weights(pages, tr),
        )
        for i in te:
            oof1[i] = b1.predict(pages[i].x1, **predict)
        print(f"  stage one, fold {k + 1}/{folds} done", file=sys.stderr)
    oof2: dict[int, np.ndarray] = {}
    for k in range(folds):
        tr = [i for i, f in enumerate(fold) if f != k and pages[i].trainable]
        te = [i for i, f in enumerate(fold) if f == k]
        b2 = fit(*_stack(model, pages, tr, oof1), rounds[1], params, _weights(pages, tr))
        for i in te:
            oof2[i] = b2.predict(model.second_stage(pages[i].x1, oof1[i], pages[i].groups), **predict)
        print(f"  stage two, fold {k + 1}/{folds} done", file=sys.stderr)
    return oof1, oof2


def _average(runs: list[dict[int, np.ndarray]]) -> dict[int, np.ndarray]:
    """Each page's probabilities averaged over the members' runs."""
    if len(runs) == 1:
        return runs[0]
    return {i: np.mean([run[i] for run in runs], axis=0) for i in runs[0]}


def kept(page: Page, proba: np.ndarray, decoding: Decoding) -> np.ndarray:
    """Which lines the decoding keeps (:func:`copydesk.clean.decode.body_mask`), less those the structure
    stage then removes (:func:`copydesk.structure.prune.not_body`), as the pipeline does."""
    keep = body_mask(proba[:, BODY], page.x1[:, _LOG_WORDS], decoding)
    if keep.any():
        texts = [page.lines[j] for j in page.index]
        keep[list(not_body(texts, keep.tolist(), _word_lists()))] = False
    return keep


@cache
def _word_lists() -> WordLists:
    return WordLists.load()


def kept_text(page: Page, keep: np.ndarray) -> str:
    """The text of the kept lines."""
    return "\n".join(page.lines[j] for j, k in zip(page.index, keep.tolist(), strict=True) if k)


def body_text(page: Page, proba: np.ndarray, decoding: Decoding) -> str:
    """The text of the lines the decoding keeps."""
    return kept_text(page, kept(page, proba, decoding))


def report(
    pages: list[Page], proba: dict[int, np.ndarray], decoding: Decoding
) -> dict[str, dict[str, float]]:
    """Mean word-F1 by renderer and page type."""
    scores: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for i, page in enumerate(pages):
        f1 = word_f1(body_text(page, proba[i], decoding), page.gold)
        scores[page.renderer][page.page_type].append(f1)
        scores[page.renderer]["all"].append(f1)
    return {r: {t: float(np.mean(v)) for t, v in by.items()} for r, by in scores.items()}


#: Shingle scores of a page's kept lines, by page and kept-line mask: most pages keep the same lines
#: under many thresholds and costs, so a search over them scores each selection once.
ScoreMemo = dict[tuple[int, bytes], PageScore]


def article_shingle_f1(
    pages: list[Page],
    proba: dict[int, np.ndarray],
    decoding: Decoding,
    memo: ScoreMemo | None = None,
) -> dict[str, float]:
    """scrapinghub's shingle F1 (P and R averaged over pages) on the article pages, by renderer."""
    memo = {} if memo is None else memo
    scores: dict[str, list[PageScore]] = defaultdict(list)
    for i, page in enumerate(pages):
        if page.page_type != "article":
            continue
        keep = kept(page, proba[i], decoding)
        key = (i, np.packbits(keep).tobytes())  # a page's masks all have its length
        if key not in memo:
            memo[key] = shingle_scores(kept_text(page, keep), page.gold)
        scores[page.renderer].append(memo[key])
    return {renderer: corpus_f1(s)[2] for renderer, s in scores.items()}


THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)
#: Switch costs of the contiguous decoding tried with every threshold (0: the plain threshold).
SWITCH_COSTS = (0.0, 1.0, 2.0, 3.0, 4.0)
#: Lower thresholds of the empty-page fallback tried with the chosen decoding (None: no fallback).
FALLBACK_FLOORS = (None, 0.1, 0.2, 0.3)


def threshold_curve(
    pages: list[Page], proba: dict[int, np.ndarray], switch_cost: float = 0.0, memo: ScoreMemo | None = None
) -> dict[float, float]:
    """Cross-validated shingle F1 on articles (mean over renderers) at each candidate threshold."""
    memo = {} if memo is None else memo
    return {t: _mean_f1(pages, proba, Decoding(t, switch_cost), memo) for t in THRESHOLDS}


def smoothed_best(curve: dict[float, float]) -> tuple[float, float]:
    """The threshold whose cross-validated score, averaged with its neighbours', is best, and that
    average: the curve is flat near its top, and its highest single point moves with the noise of one run."""
    points = list(curve)
    values = np.array([curve[t] for t in points])
    smooth = [float(values[max(i - 1, 0) : i + 2].mean()) for i in range(len(points))]
    best = int(np.argmax(smooth))
    return points[best], smooth[best]


def best_decoding(
    pages: list[Page], proba: dict[int, np.ndarray], costs: tuple[float, ...] = SWITCH_COSTS
) -> tuple[Decoding, dict[float, dict[float, float]]]:
    """The body threshold and switch cost with the best cross-validated shingle F1 on articles (the
    metric copydesk is judged by, on the pages it is for), then the empty-page fallback that does best
    with them on all pages by word-F1 (none unless one does better): the fallback acts only where the
    decoding keeps almost nothing, which is mostly on pages other than articles; and the curve of every
    cost tried."""
    memo: ScoreMemo = {}
    curves = {cost: threshold_curve(pages, proba, cost, memo) for cost in costs}
    picks = {cost: smoothed_best(curve) for cost, curve in curves.items()}
    cost = max(picks, key=lambda c: picks[c][1])
    tried = [Decoding(picks[cost][0], cost, floor) for floor in FALLBACK_FLOORS]
    scores = [_all_pages_f1(pages, proba, d) for d in tried]
    return tried[int(np.argmax(scores))], curves  # argmax: the first best, so no fallback on a tie


def _all_pages_f1(pages: list[Page], proba: dict[int, np.ndarray], decoding: Decoding) -> float:
    """Word-F1 on all pages averaged over renderers."""
    return float(np.mean([by["all"] for by in report(pages, proba, decoding).values()]))


def _mean_f1(pages: list[Page], proba: dict[int, np.ndarray], decoding: Decoding, memo: ScoreMemo) -> float:
    """Article shingle F1 averaged over renderers."""
    return float(np.mean(list(article_shingle_f1(pages, proba, decoding, memo).values())))


def main(argv: list[str] | None = None) -> int:
    """Train, cross-validate and save the text model."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data/wcxb-dev"))
    ap.add_argument("--cache", type=Path, default=Path(".cache/renders"))
    ap.add_argument(
        "--mode", choices=("text", "html"), default="text", help="train the text or the HTML model"
    )
    ap.add_argument("--out", type=Path, default=None, help="default: the shipped model file of the mode")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-cv", action="store_true", help="skip cross-validation (use --threshold)")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--switch-cost", type=float, default=0.0, help="with --no-cv: the decoding's switch cost")
    ap.add_argument(
        "--no-contiguous",
        dest="contiguous",
        action="store_false",
        help="choose the threshold alone (switch cost 0: no contiguous decoding)",
    )
    ap.add_argument("--limit", type=int, default=None, help="use only the first N pages (smoke runs)")
    ap.add_argument("--report-json", type=Path, default=None)
    ap.add_argument(
        "--rounds", type=int, nargs=2, default=None, help="boosting rounds of stages one and two (by mode)"
    )
    ap.add_argument(
        "--other-weight", type=float, default=None, help="training weight of non-article pages (by mode)"
    )
    ap.add_argument("--leaves", type=int, default=PARAMS["num_leaves"], help="leaves per tree")
    ap.add_argument(
        "--members", type=int, default=None, choices=range(1, len(SEEDS) + 1), help="members (by mode)"
    )
    ap.add_argument(
        "--seeds",
        type=int,
        nargs="+",
        default=None,
        help="the members' seeds (default: SEEDS, as many as --members)",
    )
    ap.add_argument(
        "--margin",
        type=float,
        default=None,
        help="early-stop margin of prediction (lower is faster; by mode)",
    )
    args = ap.parse_args(argv)
    params = {**PARAMS, "num_leaves": args.leaves}
    margin = MARGIN[args.mode] if args.margin is None else args.margin
    predict = predict_options(margin)
    rounds = ROUNDS[args.mode] if args.rounds is None else (args.rounds[0], args.rounds[1])

    t0 = time.time()
    model = LineModel(mode=args.mode)
    out = args.out or default_model_path(args.mode)
    pages = load_pages(args.data, args.cache, model, args.limit)
    rows = sum(len(p.y) for p in pages)
    other_weight = OTHER_WEIGHT[args.mode] if args.other_weight is None else args.other_weight
    for p in pages:
        p.weight = 1.0 if p.page_type == "article" else other_weight
    print(f"{len(pages)} rendered pages, {rows} lines, {time.time() - t0:.0f}s", file=sys.stderr)

    decoding = Decoding(args.threshold, args.switch_cost)
    summary: dict[str, Any] = {}
    seeds = args.seeds or SEEDS[: MEMBERS[args.mode] if args.members is None else args.members]
    member_oof1: list[dict[int, np.ndarray]] = []
    if not args.no_cv:
        runs = [
            cross_validate(model, pages, args.folds, rounds, {**params, "seed": s}, predict) for s in seeds
        ]
        member_oof1 = [oof1 for oof1, _ in runs]
        oof1, oof2 = (_average([run[k] for run in runs]) for k in (0, 1))
        decoding, curves = best_decoding(pages, oof2, SWITCH_COSTS if args.contiguous else (0.0,))
        summary = {
            "threshold": decoding.threshold,
            "switch_cost": decoding.switch_cost,
            "fallback": decoding.fallback,
            "threshold_curve": {str(t): round(f, 4) for t, f in curves[decoding.switch_cost].items()},
            "threshold_curves": {
                str(c): {str(t): round(f, 4) for t, f in curve.items()} for c, curve in curves.items()
            },
            "stage1": report(pages, oof1, decoding),
            "stage2": report(pages, oof2, decoding),
            "stage2_article_shingle_f1": article_shingle_f1(pages, oof2, decoding),
        }
        print(json.dumps(summary, indent=1), file=sys.stderr)
    train = [i for i, p in enumerate(pages) if p.trainable]
    members = []
    x1, y1 = np.concatenate([pages[i].x1 for i in train]), np.concatenate([pages[i].y for i in train])
    for k, seed in enumerate(seeds):
        member_params = {**params, "seed": seed}
        b1 = fit(x1, y1, rounds[0], member_params, _weights(pages, train))
        # Stage two learns from stage-one output as it is at inference: cross-validated, this member's own.
        # Without CV, in-sample stage-one output (weaker, for smoke runs).
        stage1_out = member_oof1[k] if member_oof1 else {i: b1.predict(pages[i].x1, **predict) for i in train}
        b2 = fit(*_stack(model, pages, train, stage1_out), rounds[1], member_params, _weights(pages, train))
        members.append((b1.model_to_string(), b2.model_to_string()))
    meta = {
        "mode": args.mode,
        "classes": list(CLASSES),
        "threshold": decoding.threshold,
        "switch_cost": decoding.switch_cost,
        "fallback": decoding.fallback,
        "predict_margin": margin,
        "rounds": list(rounds),
        "seeds": list(seeds),
        "other_weight": other_weight,
        "renderers": list(RENDERERS) if args.mode == "text" else ["html"],
        "trained_pages": len({pages[i].pid for i in train}),
        "pages": len({p.pid for p in pages}),
        "lines": rows,
        "cv": summary,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    save_model(out, members, meta)
    if args.report_json:
        args.report_json.write_text(json.dumps(summary, indent=1))
    print(f"wrote {out} ({out.stat().st_size // 1024} KB) in {time.time() - t0:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
