"""Gold quotes for the attribution benchmark: ggt-dev and PolNeAR, and the fixed tune/dev split.

The split was fixed before any tuning: a ggt-dev article belongs to ``dev`` when the first byte of the
md5 of its id is odd, to ``tune`` otherwise; PolNeAR's own ``train`` is for tuning and its ``dev`` is
held out. Texts are the publishers': they are read from shared/data and never copied into the repo.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(os.environ.get("COPYDESK_DATA", "/work/shared/data")) / "quotes"
_MARKS = "\"“”„«»‘’'"
_SPEECH_EXCLUDE = frozenset(  # PolNeAR cues of belief, thought, perception or intention rather than speech
    """think thinks thought believe believes believed believing feel feels felt know knows knew known want
    wants wanted wanting hope hopes hoped hoping expect expects expected fear fears feared seem seems seemed
    appear appears appeared see sees saw seen show shows showed shown find finds found wish wishes wished
    plan plans planned intend intends intended consider considers considered worry worries worried doubt
    doubts doubted realize realized realise realised understand understood like likes liked love loved
    hate hates hated support supports supported oppose opposes opposed favor favors favored prefer prefers
    preferred""".split()
)


@dataclass(slots=True)
class GoldQuote:
    """One gold quotation: span, kind, cue and speaker."""

    start: int
    end: int
    kind: str  # direct or indirect (mixed counts as indirect)
    reference: str  # the resolved speaker ("" when none)
    mention: str  # the speaker as written at the cue ("" when none)
    mention_type: str  # name, pronoun, description or none
    cue: str = ""
    speech: bool = True


@dataclass(slots=True)
class GoldArticle:
    """An article text with its gold quotes."""

    id: str
    text: str
    quotes: list[GoldQuote] = field(default_factory=list)
    people: list[str] = field(default_factory=list)


def ggt_split(article_id: str) -> str:
    """Return ``dev`` or ``tune`` for a ggt-dev article id (fixed before tuning)."""
    return "dev" if hashlib.md5(article_id.encode()).digest()[0] % 2 else "tune"


def mention_type(mention: str) -> str:
    """Classify how the gold speaker is mentioned: name, pronoun, description or none."""
    low = mention.strip().lower()
    if not low:
        return "none"
    if low in {"he", "she", "they", "it", "i", "we", "him", "her", "them"}:
        return "pronoun"
    words = mention.split()
    if words[0].lower() in {"the", "a", "an", "his", "her", "their", "its", "my", "one", "some", "both"}:
        return "description"
    if not words[0][:1].isupper():
        return "description"
    return "name"


def _quote_kind(text: str) -> str:
    stripped = text.strip()
    if stripped[:1] in _MARKS and stripped[-1:] in _MARKS:
        return "direct"
    return "indirect"


def load_ggt(split: str | None = None) -> list[GoldArticle]:
    """ggt-dev articles, all or one half of the fixed split (``tune`` or ``dev``)."""
    articles = []
    with open(DATA / "ggt-dev.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if split is not None and ggt_split(row["id"]) != split:
                continue
            art = GoldArticle(row["id"], row["text"], people=row.get("people", []))
            for q in row["quotes"]:
                span = q.get("quote_span")
                if not span:
                    continue
                kind = _quote_kind(row["text"][span[0] : span[1]])
                art.quotes.append(
                    GoldQuote(
                        span[0],
                        span[1],
                        kind,
                        q.get("reference") or "",
                        q.get("speaker") or "",
                        mention_type(q.get("speaker") or ""),
                        (q.get("verb") or "").lower(),
                    )
                )
            articles.append(art)
    return articles


_SPAN = re.compile(r"^(T\d+)\t(\w[\w-]*) ([\d; ]+)\t(.*)$")


def _polnear_article(text: str, ann: str, article_id: str) -> GoldArticle:
    spans: dict[str, tuple[str, int, int, str]] = {}
    art = GoldArticle(article_id, text)
    for line in ann.splitlines():
        m = _SPAN.match(line)
        if m:
            pieces = [tuple(int(x) for x in p.split()) for p in m.group(3).split(";")]
            spans[m.group(1)] = (m.group(2), pieces[0][0], pieces[-1][1], m.group(4))
            continue
        if line.startswith("E"):
            roles = dict(part.split(":", 1) for part in line.split("\t", 1)[1].split())
            content = spans.get(roles.get("Content", ""))
            if content is None:
                continue
            source = spans.get(roles.get("Source", ""))
            cue = spans.get(roles.get("Cue", ""))
            cue_text = cue[3].lower() if cue else ""
            quoted = any(ch in '"“”' for ch in text[content[1] : content[2]])
            speech = not (set(cue_text.split()) & _SPEECH_EXCLUDE) or "said" in cue_text.split()
            mention = source[3] if source else ""
            art.quotes.append(
                GoldQuote(
                    content[1],
                    content[2],
                    "direct" if quoted else "indirect",
                    mention,
                    mention,
                    mention_type(mention),
                    cue_text,
                    speech,
                )
            )
    return art


def load_polnear(split: str) -> list[GoldArticle]:
    """PolNeAR ``train`` or ``dev``; for articles annotated twice, the first annotation in name order."""
    root = DATA / "polnear" / split
    seen: set[str] = set()
    articles = []
    for ann_path in sorted((root / "attributions").glob("*.ann")):
        base = ann_path.stem.rsplit("_", 1)[0]
        if base in seen:
            continue
        text_path = root / "text" / f"{base}.txt"
        if not text_path.exists():
            continue
        seen.add(base)
        articles.append(
            _polnear_article(
                text_path.read_text(encoding="utf-8"), ann_path.read_text(encoding="utf-8"), base
            )
        )
    return articles
