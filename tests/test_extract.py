"""clean_text on hostile and degenerate input: it must always return a record, never crash."""

from __future__ import annotations

import pytest

import copydesk
from copydesk.clean.lines import MAX_LINE_CHARS

ARTICLE = "\n\n".join(
    [
        "Home | World | Business | Sport",
        "Flood waters rise across the northern provinces",
        "By Jane Smith",
        "Heavy rain continued to fall across the northern provinces on Tuesday, forcing thousands "
        "of families "
        "to leave their homes as rivers burst their banks for the second time this month.",
        "Officials said the water level in the main river had risen by more than two metres overnight, "
        "and that "
        "emergency shelters in three towns were already full.",
        "\u201cWe have never seen anything like this,\u201d said a local farmer who had lost most "
        "of his crop. "
        "\u201cThe whole valley is under water.\u201d",
        "The national weather service warned that more rain was expected later in the week, "
        "and urged residents "
        "in low-lying areas to move to higher ground while roads were still open.",
        "Share this article",
        "\u00a9 2024 Example News. All rights reserved.",
    ]
)


def test_extract_article_body_found() -> None:
    art = copydesk.clean_text(ARTICLE)
    assert len(art.body) >= 3
    assert any("two metres overnight" in p for p in art.body)
    assert not any("All rights reserved" in p for p in art.body)
    assert art.lang == "en"


@pytest.mark.parametrize("text", ["", "   \n\n\t", "\x00\x01\x02", "a", "\ufffd" * 50])
def test_extract_degenerate_input_gives_empty_record(text: str) -> None:
    art = copydesk.clean_text(text)
    assert art.body == [] or all(p.strip() for p in art.body)
    assert "no article text found" in art.warnings or art.body


def test_extract_lines_cover_every_input_line() -> None:
    art = copydesk.clean_text(ARTICLE)
    assert [ln.index for ln in art.lines] == list(range(len(ARTICLE.split("\n"))))


def test_extract_control_characters_are_removed() -> None:
    art = copydesk.clean_text(ARTICLE.replace("Heavy rain", "Heavy\x07 rain\x00"))
    assert any(p.startswith("Heavy rain continued") for p in art.body)


def test_extract_html_in_text_is_stripped_with_warning() -> None:
    html = (
        "<html><body><div><p>" + ARTICLE.replace("\n\n", "</p>\n\n<p>") + "</p></div>"
        "<script>var tracking = {a: 1};</script><span></span></body></html>"
    )
    art = copydesk.clean_text(html)
    assert any("HTML" in w for w in art.warnings)
    assert not any("<" in p or "tracking" in p for p in art.body)


def test_extract_overlong_line_is_removed_unread() -> None:
    blob = "x" * (MAX_LINE_CHARS + 10)
    art = copydesk.clean_text(ARTICLE + "\n" + blob)
    assert any("longer than" in w for w in art.warnings)
    assert art.lines[-1].label == "boilerplate"
    assert len(art.lines[-1].text) < 300
    assert not any(blob[:100] in p for p in art.body)


def test_extract_record_round_trips_through_dict() -> None:
    art = copydesk.clean_text(ARTICLE, url="https://example.com/a")
    again = copydesk.Article.from_dict(art.to_dict())
    assert again == art


def test_extract_clean_many_matches_page_by_page_and_isolates_failures() -> None:
    cleaner = copydesk.Cleaner(copydesk.CleanOptions(attribute=False))
    pages = [ARTICLE, "", ARTICLE.replace("Flood", "Storm"), "Share this\nHome"]
    docs: list[tuple[str | bytes, str | None]] = [(p, f"https://e.com/{i}") for i, p in enumerate(pages)]
    docs.insert(2, (b"bytes are not text", None))
    results = cleaner.clean_many(docs)
    assert isinstance(results[2], TypeError)  # that page fails alone
    for (text, url), result in zip(docs[:2] + docs[3:], results[:2] + results[3:], strict=True):
        assert isinstance(text, str) and isinstance(result, copydesk.Article)
        assert result.to_dict() == cleaner.clean_text(text, url).to_dict()
    with pytest.raises(TypeError, match="decode the bytes"):
        cleaner.clean_text(b"bytes")  # type: ignore[arg-type]


def test_extract_clean_many_redoes_a_broken_batch_page_by_page(monkeypatch: pytest.MonkeyPatch) -> None:
    from copydesk.clean.model import LineModel

    featurise = LineModel.pages

    def breaks_on_storms(model: LineModel, pages: list[tuple[list[str], set[int] | None]]) -> list[object]:
        if any("Storm" in line for lines, _ in pages for line in lines):
            raise ValueError("a page that breaks featurisation")
        return featurise(model, pages)  # type: ignore[return-value]

    monkeypatch.setattr(LineModel, "pages", breaks_on_storms)
    cleaner = copydesk.Cleaner(copydesk.CleanOptions(attribute=False))
    docs: list[tuple[str | bytes, str | None]] = [(ARTICLE, None), (ARTICLE.replace("Flood", "Storm"), None)]
    good, bad = cleaner.clean_many(docs)
    assert isinstance(good, copydesk.Article) and good.body
    assert isinstance(bad, ValueError)


def test_extract_clean_many_pauses_the_collector_and_restores_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    import copydesk.extract as extract

    seen: list[bool] = []
    assemble = extract.assemble

    def watching(*args: object) -> copydesk.Article:
        seen.append(gc.isenabled())
        return assemble(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(extract, "assemble", watching)
    cleaner = copydesk.Cleaner(copydesk.CleanOptions(attribute=False))
    assert gc.isenabled()
    cleaner.clean_many([(ARTICLE, None), (ARTICLE, None)])
    assert seen == [False, False] and gc.isenabled()  # paused while cleaning, on again after
    gc.disable()
    try:  # a caller's own setting is left as it was
        cleaner.clean_text(ARTICLE)
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(RuntimeError), extract.collector_paused():
        raise RuntimeError("a failure inside")
    assert gc.isenabled()
    # What the pause holds back is what reference counting cannot free: a few of LightGBM's ctypes
    # objects a batch, as many for one page as for six (cleaning itself makes no reference cycles).
    gc.disable()
    try:
        gc.collect()
        cleaner.clean_many([(ARTICLE, None)])
        one = gc.collect()
        cleaner.clean_many([(ARTICLE, None)] * 6)
        six = gc.collect()
    finally:
        gc.enable()
    assert six == one <= 16
