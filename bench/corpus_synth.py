"""A large synthetic news corpus made from the bundled sample pages, with varied boilerplate.

Each document is one of the pages of ``samples/corpus.jsonl`` with its numbers changed, and boilerplate
drawn at random around and inside it: navigation bars, cookie and newsletter notices, share widgets, ads
between paragraphs, related headlines and footers. Deterministic for a given seed; written as several
JSONL shards, like a crawl would be.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "corpus.jsonl"
_DIGITS = re.compile(r"\d")

NAV = [
    "Home | News | Politics | Business | Sport | Culture | Opinion",
    "World  US  Europe  Asia  Tech  Science  Health",
    "Menu Search Sign in Subscribe",
    "Skip to main content",
    "Latest Stories  Most Read  Newsletters  Podcasts  Video",
]
NOTICES = [
    "We use cookies to improve your experience. By continuing you accept our cookie policy.",
    "Accept all cookies  Manage preferences",
    "Sign up for our morning newsletter and get the top stories in your inbox.",
    "You have reached your limit of free articles this month. Subscribe for unlimited access.",
]
SHARE = ["Share", "Share this article", "Facebook Twitter LinkedIn Email", "Copy link", "Print this page"]
ADS = ["Advertisement", "ADVERTISEMENT", "Sponsored content", "Story continues below advertisement"]
RELATED = [
    "Related: City council votes on the new transport plan",
    "More from this section",
    "Read more: What the new rules mean for renters",
    "You may also like",
    "Trending: The five things to know this week",
]
FOOTER = [
    "© {year} The Daily Example. All rights reserved.",
    "Terms of Use | Privacy Policy | Contact Us | Careers",
    "Follow us on social media",
    "Back to top",
]


def load_pages(path: Path = SAMPLES) -> list[dict[str, str]]:
    """The sample pages: id, url and text."""
    with open(path, encoding="utf-8") as file:
        return [json.loads(line) for line in file if line.strip()]


def synth_page(page: dict[str, str], number: int, rng: random.Random) -> dict[str, str]:
    """One synthetic document made from a sample page."""
    lines = page["text"].split("\n")
    shift = rng.randint(1, 9)
    lines = [
        _DIGITS.sub(lambda m: str((int(m.group()) + shift) % 10), ln) if rng.random() < 0.3 else ln
        for ln in lines
    ]
    out = rng.sample(NAV, rng.randint(1, 3)) + rng.sample(NOTICES, rng.randint(0, 2)) + [""]
    for line in lines:
        out.append(line)
        if line and rng.random() < 0.04:
            out += ["", rng.choice(ADS), ""]
    out += [""] + rng.sample(SHARE, rng.randint(1, 3)) + rng.sample(RELATED, rng.randint(0, 3))
    out += [f.format(year=2000 + rng.randint(0, 25)) for f in rng.sample(FOOTER, rng.randint(1, 3))]
    return {
        "id": f"synth-{number:07d}",
        "url": f"{page.get('url') or 'https://example.com/'}?v={number}",
        "text": "\n".join(out),
    }


def synth_docs(count: int, seed: int = 0) -> Iterator[dict[str, str]]:
    """``count`` synthetic documents."""
    pages = load_pages()
    rng = random.Random(seed)
    for number in range(count):
        yield synth_page(pages[number % len(pages)], number, rng)


def write_corpus(folder: Path, count: int, shards: int = 8, seed: int = 0) -> list[Path]:
    """Write ``count`` documents as ``shards`` JSONL files in ``folder`` (reused when already there)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"part-{i:02d}.jsonl" for i in range(shards)]
    stamp = folder / "DONE"
    if stamp.exists() and stamp.read_text() == f"{count} {shards} {seed}":
        return paths
    files = [open(p, "w", encoding="utf-8") for p in paths]
    try:
        for i, doc in enumerate(synth_docs(count, seed)):
            files[i % shards].write(json.dumps(doc) + "\n")
    finally:
        for file in files:
            file.close()
    stamp.write_text(f"{count} {shards} {seed}")
    return paths
