from __future__ import annotations

from copydesk.clean.blocks import extract_blocks, looks_like_script_shell, parse_html

PAGE = """<html><head><title>T</title><script>var x = "<p>not text</p>";</script><style>p{}</style></head>
<body><nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/w">World</a></li></ul></nav>
<article class="story-body"><h1 itemprop="headline">Flood waters rise</h1>
<p>Heavy rain <b>continued</b> to fall, <a href="/x">officials said</a>.</p>
<figure><img src="a.jpg"><figcaption>Rescue teams at work. Photo: AP</figcaption></figure>
<p>Second<br>paragraph.</p></article><footer>&copy; 2024 Example</footer></body></html>"""


def test_blocks_text_and_order() -> None:
    texts = [b.text for b in extract_blocks(PAGE)]
    assert texts == [
        "Home",
        "World",
        "Flood waters rise",
        "Heavy rain continued to fall, officials said.",
        "Rescue teams at work. Photo: AP",
        "Second paragraph.",
        "© 2024 Example",
    ]


def test_blocks_context() -> None:
    blocks = {b.text: b for b in extract_blocks(PAGE)}
    home = blocks["Home"]
    assert home.tag == "li" and "nav" in home.ancestors and "menu" in home.words
    assert home.link_chars == len("Home")
    para = blocks["Heavy rain continued to fall, officials said."]
    assert "article" in para.ancestors and "story" in para.words
    assert para.link_chars == len("officials said")
    assert blocks["Flood waters rise"].itemprops == ("headline",)
    assert blocks["Rescue teams at work. Photo: AP"].tag == "figcaption"


def test_blocks_hidden_by_the_page() -> None:
    html = (
        '<div style="display: none" itemscope><div itemprop="url">https://example.com/a.jpg</div></div>'
        '<p>Visible <span aria-hidden="true">icon</span>text.</p><section hidden><p>Tab two</p></section>'
        "<p>After.</p>"
    )
    blocks = extract_blocks(html)
    assert [(b.text, b.hidden) for b in blocks] == [
        ("https://example.com/a.jpg", True),
        ("Visible text.", False),  # hidden inline text is left out of its block
        ("Tab two", True),
        ("After.", False),
    ]


def test_blocks_split_at_double_line_breaks() -> None:
    html = "<div><b>5 Oct</b> - By Ana Lima<br><br><img>First line<br>same paragraph<br>\n <br>Second.</div>"
    texts = [b.text for b in extract_blocks(html)]
    assert texts == ["5 Oct - By Ana Lima", "First line same paragraph", "Second."]


def test_blocks_broken_and_deep_markup() -> None:
    deep = "<div>" * 5000 + "deep text" + "</div>" * 10
    assert [b.text for b in extract_blocks(deep)] == ["deep text"]
    assert [b.text for b in extract_blocks("<p>unclosed <b>bold <p>next")] == ["unclosed bold", "next"]
    assert extract_blocks("") == []


def test_blocks_script_shell_detected() -> None:
    shell = '<html><body><div id="root"></div><script src="app.js"></script></body></html>'
    tree = parse_html(shell)
    assert looks_like_script_shell(tree, extract_blocks(tree))
    tree = parse_html(PAGE)
    assert not looks_like_script_shell(tree, extract_blocks(tree))


def test_table_rows_are_one_block_and_layout_cells_stay_apart() -> None:
    long_cell = "The whole story sits in this layout cell, as old pages had it. " * 5
    html = (
        "<table><tr><th>Pos</th><th>Driver</th><th>Points</th></tr>"
        "<tr><td>1</td><td><a href='/kb'>Kyle Busch</a></td><td>5040</td></tr></table>"
        f"<table><tr><td>{long_cell}</td><td>Menu</td></tr></table>"
    )
    blocks = extract_blocks(html)
    assert [b.text for b in blocks[:2]] == ["Pos Driver Points", "1 Kyle Busch 5040"]
    assert blocks[1].link_chars == len("Kyle Busch")
    assert [b.text for b in blocks[2:]] == [long_cell.strip(), "Menu"]
