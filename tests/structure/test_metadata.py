from __future__ import annotations

from copydesk.clean.blocks import parse_html
from copydesk.structure.metadata import iso_date, read_metadata

JSON_LD = """<html lang="en-GB"><head>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "WebPage", "name": "Not this"},
 {"@type": "NewsArticle", "headline": "Flood waters rise", "datePublished": "2024-03-05T08:00:00Z",
  "author": [{"@type": "Person", "name": "Jane Smith"}, {"@type": "Person", "name": "Ahmed Ali"}],
  "publisher": {"@type": "Organization", "name": "Example News"}}]}</script>
<link rel="canonical" href="https://example.com/flood">
</head><body></body></html>"""

OPEN_GRAPH = """<html><head><meta property="og:title" content="Flood waters rise | Example">
<meta property="og:site_name" content="Example"><meta name="author" content="Jane Smith and Ahmed Ali">
<meta property="article:published_time" content="2024-03-05T08:00:00+01:00">
<script type="application/ld+json">{broken json</script></head><body></body></html>"""


def test_metadata_from_json_ld() -> None:
    meta = read_metadata(parse_html(JSON_LD))
    assert meta.title == "Flood waters rise"
    assert meta.authors == ["Jane Smith", "Ahmed Ali"]
    assert meta.publisher == "Example News"
    assert meta.published == "2024-03-05"
    assert meta.url == "https://example.com/flood"
    assert meta.lang == "en"
    assert meta.kind == "article"  # a NewsArticle, not just a WebPage


def test_metadata_from_open_graph_and_meta() -> None:
    meta = read_metadata(parse_html(OPEN_GRAPH))
    assert meta.title == "Flood waters rise | Example"
    assert meta.publisher == "Example"
    assert meta.authors == ["Jane Smith", "Ahmed Ali"]
    assert meta.published == "2024-03-05"
    assert meta.kind is None


def test_metadata_declared_page_kind() -> None:
    product = '<script type="application/ld+json">{"@type": "Product", "name": "Kettle"}</script>'
    assert read_metadata(parse_html(product)).kind == "other"
    og = '<meta property="og:type" content="article"><meta property="og:title" content="T">'
    assert read_metadata(parse_html(og)).kind == "article"
    site = read_metadata(parse_html('<meta property="og:type" content="website">'))
    assert site.kind is None and site.og_type == "website"


def test_metadata_time_element_and_rel_author() -> None:
    html = (
        '<html><body><a rel="author" href="/j">Jane Smith</a>'
        '<time datetime="2023-01-02">Jan 2</time></body></html>'
    )
    meta = read_metadata(parse_html(html))
    assert meta.authors == ["Jane Smith"] and meta.published == "2023-01-02"


def test_metadata_iso_date() -> None:
    assert iso_date("Tue, 2024-03-05T08:00") == "2024-03-05"
    assert iso_date("yesterday") is None


def test_metadata_guess_date_from_an_undeclared_page() -> None:
    from copydesk.structure.metadata import guess_date

    html = "<html><body><article><p>Some story text.</p></article></body></html>"
    assert guess_date(html, "https://example.com/2021/03/04/some-story") == "2021-03-04"
    assert guess_date("", None) is None
