"""Load the labelled pages and render them to plain text the way a scraper would.

Renderers: ``html-text`` (``html_text.extract_text(html, guess_layout=True)``, the reference) and
``inscriptis`` (``inscriptis.get_text(html)``, a second rendering to check that results do not
hang on one renderer's quirks). Renderings are cached under
``.cache/renders/<set>/<renderer>/<id>.txt``; delete that folder after upgrading a renderer.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("COPYDESK_DATA", "/work/shared/data"))
CACHE = REPO / ".cache" / "renders"


def _render_html_text(html: str) -> str:
    """The reference rendering: html-text with layout guessing."""
    import html_text

    return str(html_text.extract_text(html, guess_layout=True))


def _render_inscriptis(html: str) -> str:
    """The second rendering: inscriptis with its default configuration."""
    import inscriptis

    return str(inscriptis.get_text(html))


RENDERERS: dict[str, Callable[[str], str]] = {
    "html-text": _render_html_text,
    "inscriptis": _render_inscriptis,
}


@dataclass(frozen=True, slots=True)
class Page:
    """One labelled page: its HTML, its plain-text rendering and its gold main text."""

    id: str
    url: str | None
    html: str
    text: str
    gold: str
    page_type: str | None = None


# --- decoding ---------------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([a-z0-9_.:-]+)""", re.IGNORECASE)
#: Labels browsers treat as another encoding (WHATWG Encoding Standard).
_ENCODING_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}


def declared_charset(raw: bytes) -> str | None:
    """The charset named by the page's XML declaration or ``<meta>`` tag, if any."""
    head = raw[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def _codec(label: str | None) -> str | None:
    """A Python codec name for an encoding label, or ``None`` if the label is unknown."""
    if not label:
        return None
    label = _ENCODING_ALIASES.get(label.lower(), label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(raw: bytes, header_charset: str | None = None) -> str:
    """Decode page bytes: BOM, then strict UTF-8, then the header/meta charset, else UTF-8 with
    replacement characters.

    Strict UTF-8 goes before the declared charset because a stale declaration is common (pages
    re-saved as UTF-8 that still say iso-8859-1) while non-UTF-8 text that happens to be valid
    UTF-8 is vanishingly rare.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for label in (header_charset, declared_charset(raw)):
        codec = _codec(label)
        if codec:
            return raw.decode(codec, errors="replace")
    return raw.decode("utf-8", errors="replace")


def read_html(path: Path) -> str:
    """Read and decode one gzipped HTML file."""
    return decode_html(gzip.decompress(path.read_bytes()))


# --- rendering --------------------------------------------------------------------------------


def render(html: str, renderer: str) -> str:
    """Render HTML to plain text with the named renderer."""
    return RENDERERS[renderer](html)


def cached_render(set_name: str, renderer: str, page_id: str, html: str) -> str:
    """Render HTML, reusing ``.cache/renders/<set>/<renderer>/<id>.txt`` when it exists."""
    path = CACHE / set_name / renderer / f"{page_id}.txt"
    if path.exists():
        return path.read_text(encoding="utf-8")
    text = render(html, renderer)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return text


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
