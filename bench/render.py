"""Load the labelled pages and render them to plain text the way a scraper would.

Renderers: ``html-text`` (``html_text.extract_text(html, guess_layout=True)``, the reference) and
``inscriptis`` (``inscriptis.get_text(html)``, a second rendering to check that results do not
hang on one renderer's quirks). Renderings are cached under
``.cache/renders/<set>/<renderer>/<id>.txt``; delete that folder after upgrading a renderer.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from copydesk.clean import render as _render
from copydesk.ingest.html import decode_html

REPO = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("COPYDESK_DATA", "/work/shared/data"))
CACHE = REPO / ".cache" / "renders"
RENDERERS = _render.RENDERERS
cached_render = partial(_render.cached_render, CACHE)


@dataclass(frozen=True, slots=True)
class Page:
    """One labelled page: its HTML, its plain-text rendering and its gold main text."""

    id: str
    url: str | None
    html: str
    text: str
    gold: str
    page_type: str | None = None


def read_html(path: Path) -> str:
    """Read and decode one gzipped HTML file."""
    return decode_html(gzip.decompress(path.read_bytes()))


# --- data sets --------------------------------------------------------------------------------


def load_scrapinghub(renderer: str, limit: int | None = None) -> list[Page]:
    """The scrapinghub article-extraction-benchmark pages (evaluation only), in sorted id order."""
    root = DATA / "scrapinghub"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        html = read_html(root / "html" / f"{page_id}.html.gz")
        pages.append(
            Page(
                id=page_id,
                url=truth[page_id].get("url"),
                html=html,
                text=cached_render("scrapinghub", renderer, page_id, html),
                gold=truth[page_id].get("articleBody") or "",
                page_type="article",
            )
        )
    return pages


def _wcxb_page_type(record: dict[str, object]) -> str:
    """A WCXB page's primary type, read as WCXB's evaluate.py does ('category' counts as 'collection')."""
    internal = record.get("_internal") or {}
    page_type = internal.get("page_type", {}) if isinstance(internal, dict) else {}
    primary = page_type.get("primary", "article") if isinstance(page_type, dict) else page_type
    primary = str(primary or "article")
    return "collection" if primary == "category" else primary


def load_wcxb(renderer: str, limit: int | None = None) -> list[Page]:
    """The WCXB development pages (training and tuning), in file order."""
    root = DATA / "wcxb-dev"
    pages = []
    for truth_path in sorted((root / "ground-truth").glob("*.json"))[:limit]:
        page_id = truth_path.stem
        record = json.loads(truth_path.read_text(encoding="utf-8"))
        truth = record.get("ground_truth") or {}
        html = read_html(root / "html" / f"{page_id}.html.gz")
        pages.append(
            Page(
                id=page_id,
                url=record.get("url"),
                html=html,
                text=cached_render("wcxb-dev", renderer, page_id, html),
                gold=truth.get("main_content") or "",
                page_type=_wcxb_page_type(record),
            )
        )
    return pages


LOADERS: dict[str, Callable[[str, int | None], list[Page]]] = {
    "scrapinghub": load_scrapinghub,
    "wcxb-dev": load_wcxb,
}
