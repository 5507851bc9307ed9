"""Tests of copydesk.steps: the Clean step, and HTML cleaning with or without clean_html."""

from __future__ import annotations

import pickle

import pytest

from copydesk import extract
from copydesk.extract import CleanOptions
from copydesk.ingest.text import Document
from copydesk.record import Article
from copydesk.step import Item
from copydesk.steps import Clean, clean_html_page, html_to_text

HTML = "<html><head><script>x=1</script></head><body><p>Some <b>bold</b> text.</p><p>Second</p></body></html>"


def echo(text: str, url: str | None = None, *, options: CleanOptions | None = None) -> Article:
    return Article(body=[text], warnings=[f"attribute={options.attribute if options else None}"])


def test_steps_clean_keeps_id_and_url_and_passes_options(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract, "clean_text", echo)
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


def test_steps_clean_html_page_uses_clean_html_when_there(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_clean_html(html: str, url: str | None = None, *, options: CleanOptions | None = None) -> Article:
        return Article(title="from clean_html", url=url)

    monkeypatch.setattr(extract, "clean_html", fake_clean_html, raising=False)
    assert clean_html_page(HTML, "https://x.org").title == "from clean_html"


def test_steps_clean_html_page_falls_back_to_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(extract, "clean_html", raising=False)
    monkeypatch.setattr(extract, "clean_text", echo)
    assert clean_html_page(HTML).body == ["Some bold text.\nSecond"]


def test_steps_html_to_text_puts_blocks_on_lines_and_drops_scripts() -> None:
    assert html_to_text(HTML) == "Some bold text.\nSecond"
