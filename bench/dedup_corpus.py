"""A synthetic corpus with known duplicates, for bench/dedup.py: originals and syndicated copies.

Paragraphs come from the wcxb-dev gold texts (``ground_truth.main_content``, read from
``$COPYDESK_DATA/wcxb-dev``, never copied into the repository) and the bundled sample pages. Document
``i`` is made from its own seeded random generator, so any document can be made again alone (the
benchmark regenerates the texts of candidate pairs instead of keeping 200,000 texts in memory).

- An *original* (65% of documents) is a run of consecutive paragraphs of one source text (same-topic
  stories: two windows of one source share some paragraphs but are different stories), or paragraphs
  drawn from several sources; about 3,000 characters; sometimes with boilerplate lines left in.
- A *copy* takes an earlier original and changes it like syndication does: boilerplate lines added or
  removed, paragraphs trimmed at the end or the start, a paragraph added (an update), and words edited
  (replaced, dropped, inserted) at a rate of up to 6%. The result spans Jaccard similarities from
  about 0.5 to 1.0 with the original, so the 0.8 threshold cuts through real cases.
"""

from __future__ import annotations

import ast
import json
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_synth import ADS, FOOTER, NAV, NOTICES, RELATED, SHARE, load_pages  # noqa: E402

DATA = Path(os.environ.get("COPYDESK_DATA", "/work/shared/data")) / "wcxb-dev" / "ground-truth"
BOILERPLATE = NAV + NOTICES + SHARE + ADS + RELATED + [f.format(year=2025) for f in FOOTER]
WORDS = "the a said on in new city year officials report people government week police state".split()


def load_sources(folder: Path = DATA) -> list[list[str]]:
    """Paragraphs of each gold text and sample page (paragraphs of 40 characters or more)."""
    texts = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        truth = data.get("ground_truth") or {}
        if isinstance(truth, str):
            truth = ast.literal_eval(truth)
        texts.append(truth.get("main_content") or "")
    texts += [page["text"] for page in load_pages()]
    sources = [[p.strip() for p in t.split("\n") if len(p.strip()) >= 40] for t in texts]
    return [s for s in sources if len(s) >= 3]


class DupCorpus:
    """Documents ``0..n-1`` with known originals and copies (deterministic for a seed)."""

    def __init__(self, seed: int = 0, copy_share: float = 0.35, target_chars: int = 3000) -> None:
        self.seed = seed
        self.copy_share = copy_share
        self.target_chars = target_chars
        self.sources = load_sources()
        self.pool = [p for s in self.sources for p in s]

    def _rng(self, i: int) -> random.Random:
        return random.Random(self.seed * 1_000_003 + i)

    def is_copy(self, i: int) -> bool:
        """Whether document ``i`` is a copy of an earlier original."""
        return i >= 10 and self._rng(i).random() < self.copy_share

    def original_of(self, i: int) -> int:
        """The original document ``i`` copies (itself for an original)."""
        rng = self._rng(i)
        if not (i >= 10 and rng.random() < self.copy_share):
            return i
        while True:  # a recent original, as syndication copies fresh stories
            j = i - 1 - int(rng.expovariate(1 / 300)) % i
            if not self.is_copy(j):
                return j

    def doc(self, i: int) -> str:
        """The text of document ``i``."""
        rng = self._rng(i)
        if i >= 10 and rng.random() < self.copy_share:
            return self._copy(self.doc(self.original_of(i)), random.Random(rng.random()))
        return self._original(rng)

    def docs(self, start: int, stop: int) -> list[str]:
        """The texts of documents ``start..stop-1``."""
        return [self.doc(i) for i in range(start, stop)]

    def _original(self, rng: random.Random) -> str:
        paragraphs: list[str] = []
        if rng.random() < 0.5:
            source = rng.choice(self.sources)
            k = rng.randrange(len(source))
            while sum(map(len, paragraphs)) < self.target_chars and k < len(source):
                paragraphs.append(source[k])
                k += 1
        while sum(map(len, paragraphs)) < self.target_chars:
            paragraphs.append(rng.choice(self.pool))
        if rng.random() < 0.3:
            paragraphs = rng.sample(BOILERPLATE, rng.randint(1, 3)) + paragraphs
        return "\n\n".join(paragraphs)

    def _copy(self, text: str, rng: random.Random) -> str:
        paragraphs = text.split("\n\n")
        if rng.random() < 0.5:  # boilerplate the cleaner left in, or took out
            paragraphs = [p for p in paragraphs if p not in BOILERPLATE]
            where = rng.choice((0, len(paragraphs)))
            paragraphs[where:where] = rng.sample(BOILERPLATE, rng.randint(1, 3))
        if rng.random() < 0.25 and len(paragraphs) > 3:  # trimmed
            paragraphs = paragraphs[: -rng.randint(1, 2)] if rng.random() < 0.7 else paragraphs[1:]
        if rng.random() < 0.25:  # updated with a paragraph
            paragraphs.insert(rng.randint(0, len(paragraphs)), rng.choice(self.pool))
        out = "\n\n".join(paragraphs)
        if rng.random() < 0.6:
            out = _edit_words(out, rng.uniform(0.0, 0.06), rng)
        return out


def _edit_words(text: str, rate: float, rng: random.Random) -> str:
    """Replace, drop or insert words at ``rate`` (paragraph breaks kept)."""
    out = []
    for paragraph in text.split("\n\n"):
        words = paragraph.split(" ")
        edited = []
        for word in words:
            if rng.random() >= rate:
                edited.append(word)
                continue
            action = rng.random()
            if action < 0.5:
                edited.append(rng.choice(WORDS))
            elif action < 0.8:
                edited += [word, rng.choice(WORDS)]
        out.append(" ".join(edited))
    return "\n\n".join(out)
