"""Render HTML to plain text the way a scraper would (training and benchmarks; needs the dev extra).

Renderers: ``html-text`` (``html_text.extract_text(html, guess_layout=True)``, the reference) and
``inscriptis`` (``inscriptis.get_text(html)``, a second rendering, so that nothing learned or
measured hangs on one renderer's quirks). :func:`cached_render` keeps renderings under
``<cache>/<set>/<renderer>/<id>.txt``; delete that folder after upgrading a renderer.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


def _render_html_text(html: str) -> str:
    import html_text

    return str(html_text.extract_text(html, guess_layout=True))


def _render_inscriptis(html: str) -> str:
    import inscriptis

    return str(inscriptis.get_text(html))


RENDERERS: dict[str, Callable[[str], str]] = {
    "html-text": _render_html_text,
    "inscriptis": _render_inscriptis,
}


def render(html: str, renderer: str) -> str:
    """Render HTML to plain text with the named renderer."""
    return RENDERERS[renderer](html)


def cached_render(cache: Path, set_name: str, renderer: str, page_id: str, html: str) -> str:
    """Render HTML, reusing ``<cache>/<set>/<renderer>/<id>.txt`` when it exists."""
    path = cache / set_name / renderer / f"{page_id}.txt"
    if path.exists():
        return path.read_text(encoding="utf-8")
    text = render(html, renderer)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return text
