"""clean_html end to end on a hand-made page: declared metadata, blocks, and hostile HTML."""

from __future__ import annotations

import copydesk

PARAGRAPHS = [
    "Heavy rain continued to fall across the northern provinces on Tuesday, forcing thousands of "
    "families to leave their homes as rivers burst their banks for the second time this month.",
    "Officials said the water level in the main river had risen by more than two metres overnight, "
    "and that emergency shelters in three towns were already full.",
    "\u201cWe have never seen anything like this,\u201d said a local farmer who had lost most of his crop.",
    "The national weather service warned that more rain was expected later in the week, and urged "
    "residents in low-lying areas to move to higher ground while roads were still open.",
]
NAV = "".join(f'<li><a href="/{s}">{s}</a></li>' for s in ("Home", "World", "Business", "Sport", "Culture"))
PAGE = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Flood waters rise in the north | Example News</title>
<meta property="og:site_name" content="Example News">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Flood waters rise in the north",
 "datePublished": "2024-03-05T08:00:00Z", "author": {{"@type": "Person", "name": "Jane Smith"}}}}</script>
<script>{"var x = 1;" * 5000}</script><style>{"p {{ color: red }}" * 2000}</style></head>
<body><header><nav class="site-nav"><ul>{NAV}</ul></nav></header>
<main><article class="story">
<h1>Flood waters rise in the north</h1>
<div class="byline">By <a rel="author" href="/jane">Jane Smith</a></div>
<figure><img src="x.jpg"><figcaption>Rescue teams at work in the valley. Photo: AP</figcaption></figure>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article><aside class="related"><h3>Related</h3><ul>
<li><a href="/a">Storm season starts early this year</a></li>
<li><a href="/b">Farmers count the cost</a></li></ul></aside></main>
<footer><p>&copy; 2024 Example News. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""

OPTIONS = copydesk.CleanOptions(attribute=False)


def test_extract_html_body_and_metadata() -> None:
    art = copydesk.clean_html(PAGE, url="https://example.com/flood", options=OPTIONS)
    assert art.title == "Flood waters rise in the north"
    assert art.authors == ["Jane Smith"]
    assert art.publisher == "Example News"
    assert art.published == "2024-03-05"
    assert art.lang == "en"
    assert sum(any(p[:60] in b for b in art.body) for p in PARAGRAPHS) >= 3
    assert not any("All rights reserved" in b or "Business" == b for b in art.body)
    assert all(
        ln.label in {"title", "byline", "date", "caption", "body", "heading", "related", "boilerplate"}
        for ln in art.lines
    )


def test_extract_html_bytes_in_a_declared_charset() -> None:
    raw = (
        PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("\u201c", '"').replace("\u201d", '"')
    )
    raw = raw.replace("Flood waters", "Crue à Orléans: flood waters").encode("cp1252")
    art = copydesk.clean_html(raw, options=OPTIONS)
    assert art.title and "Orléans" in art.title


def test_extract_html_javascript_shell_warns_with_empty_body() -> None:
    shell = '<html><head><script src="/app.js"></script></head><body><div id="root"></div></body></html>'
    art = copydesk.clean_html(shell, options=OPTIONS)
    assert art.body == []
    assert any("JavaScript" in w for w in art.warnings)


def test_extract_html_broken_markup_and_empty_input() -> None:
    assert copydesk.clean_html("", options=OPTIONS).body == []
    broken = "<div><p>" + PARAGRAPHS[0] + "<p>" + PARAGRAPHS[1] + "</span></td>"
    art = copydesk.clean_html(broken, options=OPTIONS)
    assert isinstance(art.body, list)


def test_extract_html_clean_many_matches_page_by_page() -> None:
    cleaner = copydesk.Cleaner(OPTIONS)
    pages = [PAGE, "<html><body><script>app()</script></body></html>", PAGE.replace("Flood", "Storm")]
    results = cleaner.clean_many([(p, None) for p in pages], "html")
    for page, result in zip(pages, results, strict=True):
        assert isinstance(result, copydesk.Article)
        assert result.to_dict() == cleaner.clean_html(page).to_dict()
