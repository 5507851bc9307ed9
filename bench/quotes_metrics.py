"""Scores for quote detection and speaker attribution, as the Gender Gap Tracker computes them.

A predicted quote matches a gold one when it covers more than ``threshold`` of the gold characters
(``|gold ∩ pred| / |gold|``, the GGT's asymmetric score); gold quotes are matched one to one, in text
order, to the best remaining prediction. Direct and indirect are scored on that single matching:
recall over the gold quotes of a kind, precision over the predictions of that kind.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from quotes_data import GoldArticle

_HONORIFICS = frozenset("mr mrs ms miss dr prof sir dame rev the a an".split())


@dataclass(slots=True)
class Pred:
    """A predicted quote: span, kind (direct, indirect or mixed) and speaker answer."""

    start: int
    end: int
    kind: str
    speaker: str | None


@dataclass(slots=True)
class Tally:
    """Counts for one system on one data set."""

    gold: Counter[str] = field(default_factory=Counter)  # gold quotes per kind
    hit_gold: Counter[str] = field(default_factory=Counter)  # matched gold quotes per kind
    pred: Counter[str] = field(default_factory=Counter)
    hit_pred: Counter[str] = field(default_factory=Counter)
    spk_total: Counter[str] = field(default_factory=Counter)  # gold quotes per mention type
    spk_right: Counter[str] = field(default_factory=Counter)

    def prf(self, kind: str = "all") -> tuple[float, float, float]:
        """Precision, recall and F1 for ``kind`` (direct, indirect or all)."""
        keys = ("direct", "indirect") if kind == "all" else (kind,)
        hp = sum(self.hit_pred[k] for k in keys)
        np_ = sum(self.pred[k] for k in keys)
        hg = sum(self.hit_gold[k] for k in keys)
        ng = sum(self.gold[k] for k in keys)
        p = hp / np_ if np_ else 0.0
        r = hg / ng if ng else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def accuracy(self, mention_type: str = "all") -> tuple[float, int]:
        """Speaker accuracy over all gold quotes (of a mention type) and how many there were."""
        if mention_type == "all":
            total, right = sum(self.spk_total.values()), sum(self.spk_right.values())
        else:
            total, right = self.spk_total[mention_type], self.spk_right[mention_type]
        return (right / total if total else 0.0), total


def normalize(name: str) -> str:
    """Lower-case, drop punctuation, honorifics and leading articles."""
    words = re.sub(r"[^\w\s-]", " ", name.lower().replace("’s", "").replace("'s", "")).split()
    while words and words[0] in _HONORIFICS:
        words.pop(0)
    return " ".join(words)


def same_speaker(pred: str | None, gold: str, article: GoldArticle) -> bool:
    """True if ``pred`` names the gold speaker, case and honorifics aside.

    A lone surname for a person's full name (or a full name for a gold surname) counts only when the
    full name is one of the article's people and no other of them shares that surname: "Sok" for "Kim
    Sok" counts, "union" for "International Union of Operating Engineers" or "negotiations" for "a
    person familiar with the negotiations" does not.
    """
    if not pred or not gold:
        return False
    p, g = normalize(pred), normalize(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    short, full = (p, g) if len(p.split()) < len(g.split()) else (g, p)
    if len(short.split()) != 1 or short != full.split()[-1]:
        return False
    people = {normalize(x) for x in article.people}
    if full not in people:
        return False
    holders = {x for x in people if len(x.split()) > 1 and x.split()[-1] == short}
    return len(holders) <= 1


def overlap(gs: int, ge: int, ps: int, pe: int) -> int:
    """Characters shared by two spans."""
    return max(0, min(ge, pe) - max(gs, ps))


def score_article(
    article: GoldArticle,
    preds: list[Pred],
    threshold: float,
    tally: Tally,
    *,
    speakers: bool,
    gold_filter: str | None = None,
) -> None:
    """Add one article's counts to ``tally``; ``gold_filter`` keeps only speech or quote-marked gold."""
    golds = article.quotes
    if gold_filter == "speech":
        golds = [q for q in golds if q.speech]
    elif gold_filter == "marked":
        golds = [q for q in golds if q.kind == "direct"]
    remaining = list(range(len(preds)))
    matched_pred: set[int] = set()
    for gold in golds:
        kind = gold.kind
        tally.gold[kind] += 1
        length = max(1, gold.end - gold.start)
        best, best_score = None, threshold
        for n in remaining:
            p = preds[n]
            score = overlap(gold.start, gold.end, p.start, p.end) / length
            if score > best_score:
                best, best_score = n, score
        if best is not None:
            remaining.remove(best)
            matched_pred.add(best)
            tally.hit_gold[kind] += 1
        if speakers:
            tally.spk_total[gold.mention_type] += 1
            if best is not None and same_speaker(preds[best].speaker, gold.reference, article):
                tally.spk_right[gold.mention_type] += 1
    all_golds = article.quotes
    for n, p in enumerate(preds):
        kind = "direct" if p.kind == "direct" else "indirect"
        if gold_filter == "marked" and p.kind == "indirect":
            continue
        tally.pred[kind] += 1
        if n in matched_pred or (
            gold_filter is not None
            and any(
                overlap(g.start, g.end, p.start, p.end) / max(1, g.end - g.start) > threshold
                for g in all_golds
            )
        ):
            tally.hit_pred[kind] += 1
