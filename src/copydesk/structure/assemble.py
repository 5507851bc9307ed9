"""Turn per-line class probabilities into a structured :class:`~copydesk.record.Article`."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import groupby

import numpy as np

from copydesk.clean.decode import Decoding, body_mask
from copydesk.clean.features import BASE_NAMES
from copydesk.clean.labels import BODY, BYLINE, CAPTION, OTHER, TITLE
from copydesk.clean.lexicon import GROUPS
from copydesk.record import Article, Boilerplate, Line
from copydesk.structure.bios import bio_start
from copydesk.structure.byline import parse_byline, strip_widgets
from copydesk.structure.captions import is_credited, split_credit
from copydesk.structure.dates import find_date, find_dateline
from copydesk.structure.header import repair_header
from copydesk.structure.kinds import boilerplate_kinds
from copydesk.structure.prune import not_body
from copydesk.structure.related import find_related
from copydesk.structure.repair import strip_fused_glyph
from copydesk.structure.wordlists import WordLists

_LEX = [BASE_NAMES.index(f"lex_{g}") for g in GROUPS]
_HAS_DATE = BASE_NAMES.index("has_date")
_LOG_WORDS = BASE_NAMES.index("log_words")
_WORD = re.compile(r"\w+")
_HEADING_END = re.compile(r"[.!?。！？…,;\"'”’»]$")


@dataclass(slots=True)
class PageView:
    """The non-blank lines of a page with their features and class probabilities."""

    index: list[int]
    text: list[str]
    base: np.ndarray
    proba: np.ndarray
    tokens: list[list[str]]  # lowercased word tokens of each line


def decode(view: PageView, decoding: Decoding) -> list[int]:
    """One class per line: body where :func:`~copydesk.clean.decode.body_mask` keeps it, else the
    likeliest other class; one title."""
    proba = view.proba
    rest = proba.copy()
    rest[:, BODY] = -1.0
    keep = body_mask(proba[:, BODY], view.base[:, _LOG_WORDS], decoding)
    labels: list[int] = np.where(keep, BODY, rest.argmax(axis=1)).tolist()
    first = int(np.argmax(keep)) if keep.any() else len(labels)  # the title stands above the body
    best = int(np.argmax(proba[:first, TITLE])) if first else None
    for k in [k for k, lab in enumerate(labels) if lab == TITLE and k != best]:
        labels[k] = OTHER
    if best is not None and proba[best, TITLE] >= 0.2:
        labels[best] = TITLE
    return labels


def _short_runs(texts: list[str], removed: list[bool]) -> list[bool]:
    """Removed lines inside a run of three or more short removed lines (menus). Lines are
    whitespace-normalised, so a line of at most four words has at most three spaces."""
    short = [gone and t.count(" ") <= 3 for gone, t in zip(removed, texts, strict=True)]
    out: list[bool] = []
    for is_short, run in groupby(short):
        size = sum(1 for _ in run)
        out += [is_short and size >= 3] * size
    return out


def assemble(
    lines: list[str],
    view: PageView,
    decoding: Decoding,
    words: WordLists,
    url: str | None,
) -> Article:
    """Build the article record (title, byline, captions, body, related, boilerplate, lines)."""
    labels = decode(view, decoding)
    texts = view.text
    kept = [lab == BODY for lab in labels]
    for k in not_body(texts, kept, words):
        labels[k] = OTHER
    repair_header(labels, texts, view.proba, words, url)
    for k, lab in enumerate(labels):  # a line with a photo credit is a caption, wherever it stands
        if lab == BODY and is_credited(texts[k]):
            labels[k] = CAPTION
    bylines = {k: parse_byline(texts[k], words, url) for k, lab in enumerate(labels) if lab == BYLINE}
    authors = list(dict.fromkeys(a for by in bylines.values() for a in by.authors))
    body_at = [k for k, lab in enumerate(labels) if lab == BODY]
    bio = bio_start([texts[k] for k in body_at], authors)
    for k in body_at[bio:] if bio is not None else ():
        labels[k] = OTHER
    vocabulary = LazyVocabulary(texts)
    art = Article(url=url, authors=authors)
    out_labels: dict[int, str] = {}
    kinds: dict[int, str] = {}
    extra_boiler: list[Boilerplate] = []
    first_body = body_at[0] if body_at else len(texts)

    for k, lab in enumerate(labels):
        i, text = view.index[k], texts[k]
        if lab == TITLE:
            art.title = strip_widgets(text, words)[0] or text
            out_labels[i] = "title"
        elif lab == BYLINE:
            by = bylines[k]
            art.publisher = art.publisher or by.publisher
            if by.date_text and not art.published:
                art.published = find_date(by.date_text, words)
            extra_boiler += [Boilerplate(text=r, kind="share", line=i) for r in by.removed]
            out_labels[i] = "byline"
        elif lab == CAPTION:
            caption = split_credit(strip_fused_glyph(text, vocabulary))
            if caption.text or not (k and labels[k - 1] == CAPTION):
                art.captions.append(caption)
            elif art.captions[-1].credit is None:  # a credit line under its caption: the caption's credit
                art.captions[-1].credit = caption.credit
            out_labels[i] = "caption"
        elif lab == BODY:
            para = strip_fused_glyph(text, vocabulary)
            art.body.append(para)
            # At most 12 words (split stops after 12 cuts), no final punctuation.
            heading = len(para.split(None, 12)) <= 12 and not _HEADING_END.search(para)
            out_labels[i] = "heading" if heading else "body"

    removed = [lab == OTHER for lab in labels]
    markers, headlines = find_related(texts, removed, words)
    short_run = _short_runs(texts, removed)
    has_date: list[float] = view.base[:, _HAS_DATE].tolist()
    gone = [k for k, out in enumerate(removed) if out]
    kind_of = boilerplate_kinds(
        [view.tokens[k] for k in gone], view.base[np.ix_(gone, _LEX)], [short_run[k] for k in gone]
    )
    for k, kind in zip(gone, kind_of, strict=True):
        i = view.index[k]
        if k in headlines:
            art.related.append(headlines[k])
            out_labels[i], kinds[i] = "related", "related"
            continue
        if not art.published and has_date[k] and len(texts[k].split()) <= 12 and abs(k - first_body) <= 8:
            found = find_date(texts[k], words)
            if found:
                art.published, out_labels[i] = found, "date"
                continue
        out_labels[i] = "boilerplate"
        kinds[i] = "navigation" if k in markers else kind

    if art.body:
        art.dateline = find_dateline(art.body[0])
    art.lines, line_kinds = _line_records(lines, view, out_labels, kinds)
    removed_lines = [Boilerplate(lines[i], kind, i) for i, kind in enumerate(line_kinds) if kind]
    art.boilerplate = (
        sorted(removed_lines + extra_boiler, key=lambda b: b.line) if extra_boiler else removed_lines
    )
    return art


def drop_title_echo(article: Article) -> None:
    """A body paragraph that repeats the title (an ``<h1>`` when the title came from metadata) is the
    title, not body."""
    if not article.title or not article.body:
        return
    key = " ".join(_WORD.findall(article.title.lower()))
    longest = 2 * len(article.title) + 20  # far longer paragraphs cannot have the same words
    # Nor can shorter ones than half the key: lowercasing at most doubles a text (only "İ" grows).
    shortest = len(key) // 2
    echoes = {
        p for p in article.body if shortest <= len(p) <= longest and " ".join(_WORD.findall(p.lower())) == key
    }
    if not echoes:
        return
    article.body = [p for p in article.body if p not in echoes]
    for line in article.lines:
        if line.label in ("body", "heading") and line.text.strip() in echoes:
            line.label = "title"


def _line_records(
    lines: list[str], view: PageView, labels: dict[int, str], kinds: dict[int, str]
) -> tuple[list[Line], list[str | None]]:
    """Every input line's record, and each line's boilerplate kind (None for a line kept or blank)."""
    n = len(lines)
    score = np.zeros(n)
    score[view.index] = view.proba[:, BODY].round(4)
    label = ["boilerplate" if text else "blank" for text in lines]
    for i, lab in labels.items():
        label[i] = lab
    kind: list[str | None] = ["other" if lab == "boilerplate" else None for lab in label]
    for i, k in kinds.items():
        kind[i] = k
    return list(map(Line, range(n), lines, label, score.tolist(), kind)), kind


class LazyVocabulary(Mapping[str, int]):
    """The word counts of a page, collected only if a repair asks for them."""

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts
        self._counts: Counter[str] | None = None

    def _get(self) -> Counter[str]:
        if self._counts is None:
            self._counts = Counter(w for t in self._texts for w in _WORD.findall(t))
        return self._counts

    def __getitem__(self, word: str) -> int:
        return self._get()[word]

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())
