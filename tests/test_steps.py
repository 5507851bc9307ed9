"""Tests of copydesk.steps: the Clean step, and HTML cleaning with or without clean_html."""

from __future__ import annotations

import pickle

import pytest
from corpora import patch_cleaner

from copydesk import extract
from copydesk.extract import CleanOptions
from copydesk.ingest.text import Document
from copydesk.record import Article
from copydesk.step import Item
from copydesk.steps import Clean

HTML = "<html><head><script>x=1</script></head><body><p>Some <b>bold</b> text.</p><p>Second</p></body></html>"


def echo(text: str, url: str | None = None, *, options: CleanOptions | None = None) -> Article:
    return Article(body=[text], warnings=[f"attribute={options.attribute if options else None}"])


def test_steps_clean_keeps_id_and_url_and_passes_options(monkeypatch: pytest.MonkeyPatch) -> None:
    patch_cleaner(monkeypatch, echo)
    step = Clean(options=CleanOptions(attribute=False))
    article = step.process(Document("d1", "Text.", "https://x.org"), Item("k", Document("d1", "")))
    assert (article.id, article.url, article.body, article.warnings) == (
        "d1",
        "https://x.org",
        ["Text."],
        ["attribute=False"],
    )


def test_steps_clean_is_cheap_to_pickle() -> None:
    step = Clean(options=CleanOptions(attribute=False))
    assert len(pickle.dumps(step)) < 500 and pickle.loads(pickle.dumps(step)) == step


def test_steps_clean_sends_html_documents_to_clean_html(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_clean_html(html: str, url: str | None = None, *, options: CleanOptions | None = None) -> Article:
        return Article(title="from clean_html", url=url)

    monkeypatch.setattr(extract, "clean_html", fake_clean_html)
    doc = Document("d1", HTML, "https://x.org", html=True)
    article = Clean().process(doc, Item("k", doc))
    assert (article.id, article.title, article.url) == ("d1", "from clean_html", "https://x.org")
