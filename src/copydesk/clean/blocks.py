"""Split an HTML page into text blocks, each with the DOM evidence around it.

A block is the text between two block-level boundaries (a paragraph, a heading, a list item, a table
cell, a caption...). Alongside its text, a block records the tags and class/id words of its
ancestors, how much of it sits inside links, and the ``itemprop`` values around it: the evidence the
HTML-mode classifier adds to the text features.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

BLOCK_TAGS = frozenset(
    "p div section article main aside nav header footer h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table tr td th "
    "tbody thead tfoot blockquote pre figure figcaption form address details summary hr center fieldset "
    "legend caption body html dialog menu hgroup search".split()
)
SKIP_TAGS = frozenset(
    "script style noscript template svg iframe head object embed canvas select option input textarea math "
    "link meta base audio video source track map area".split()
)
_TOKEN = re.compile(r"[a-z]+")
_SPACES = re.compile(r"\s+")
_MAX_CONTEXT = 8  # ancestors whose class/id words are kept


@dataclass(slots=True)
class Block:
    """One block of text and its DOM context."""

    text: str
    tag: str  # the innermost block-level element
    ancestors: tuple[str, ...]  # tags of the enclosing elements, innermost first
    words: tuple[str, ...]  # class/id words of the nearest ancestors (and the block element)
    itemprops: tuple[str, ...]
    link_chars: int
    elements: tuple[int, ...]  # ids of the enclosing block-level elements, innermost first
    hidden: bool = False  # inside an element the page hides (``hidden``, ``display:none``, ``aria-hidden``)

    @property
    def depth(self) -> int:
        """How many block-level elements enclose the block (its own included)."""
        return len(self.elements)


@dataclass(slots=True)
class _Frame:
    tag: str
    words: tuple[str, ...]
    itemprop: str | None
    eid: int = 0
    buffer: list[str] = field(default_factory=list)
    link_chars: int = 0
    after_break: bool = False  # nothing but spaces since the last <br>


def _attr_words(attrs: dict[str, str | None]) -> tuple[str, ...]:
    text = f"{attrs.get('class') or ''} {attrs.get('id') or ''} {attrs.get('role') or ''}".lower()
    if attrs.get("rel") == "author":
        text += " author"
    return tuple(_TOKEN.findall(text))


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def is_hidden(attrs: dict[str, str | None]) -> bool:
    """Whether an element's attributes hide it from readers (style sheets are not looked at)."""
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    return style is not None and _HIDDEN_STYLE.search(style) is not None


def parse_html(html: str) -> LexborHTMLParser:
    """Parse HTML with lexbor (an HTML5 parser: any markup parses, however broken)."""
    return LexborHTMLParser(html)


def looks_like_script_shell(tree: LexborHTMLParser, blocks: list[Block]) -> bool:
    """A page whose text is rendered by JavaScript: almost no text, but scripts or an app root element."""
    chars = sum(len(b.text) for b in blocks)
    if chars >= 300:
        return False
    scripts = len(tree.css("script"))
    return (
        scripts >= 2
        or tree.css_first("#root, #app, #__next, #__nuxt, [data-reactroot], noscript") is not None
    )


def extract_blocks(tree: LexborHTMLParser | str, max_blocks: int = 20_000) -> list[Block]:
    """The page's text blocks in document order."""
    if isinstance(tree, str):
        tree = parse_html(tree)
    root = tree.body or tree.root
    if root is None:
        return []
    blocks: list[Block] = []
    stack: list[_Frame] = [_Frame("body", (), None)]
    link_depth = 0
    hidden_depth = 0
    hidden_inline = 0
    next_eid = 1

    def flush() -> None:
        frame = stack[-1]
        if not frame.buffer:  # most elements end with nothing of their own to say
            frame.link_chars = 0
            frame.after_break = False
            return
        text = _SPACES.sub(" ", "".join(frame.buffer)).strip()
        if text and len(blocks) < max_blocks:
            tags = tuple(f.tag for f in reversed(stack))
            words = tuple(w for f in reversed(stack[-_MAX_CONTEXT:]) for w in f.words)
            props = tuple(f.itemprop for f in stack if f.itemprop)
            eids = tuple(f.eid for f in reversed(stack))
            blocks.append(
                Block(
                    text,
                    frame.tag,
                    tags,
                    words,
                    props,
                    min(frame.link_chars, len(text)),
                    eids,
                    hidden_depth > 0,
                )
            )
        frame.buffer.clear()
        frame.link_chars = 0
        frame.after_break = False

    # Iterative walk with explicit enter/leave events, so deep pages cannot exhaust the recursion limit.
    todo: list[tuple[LexborNode, bool]] = [(root, True)]
    hiding: set[int] = set()  # hidden elements being walked
    while todo:
        node, entering = todo.pop()
        tag = node.tag or ""
        if not entering:
            if tag in BLOCK_TAGS:
                flush()
                stack.pop()
            elif tag == "a":
                link_depth -= 1
            if node.mem_id in hiding:
                if tag in BLOCK_TAGS:
                    hidden_depth -= 1
                else:
                    hidden_inline -= 1
            continue
        if tag == "-text":
            text = node.text_content or ""
            if text and hidden_inline == 0:
                frame = stack[-1]
                frame.buffer.append(text)
                if frame.after_break and not text.isspace():
                    frame.after_break = False
                if link_depth:
                    stack[-1].link_chars += len(text.strip())
            continue
        if tag in SKIP_TAGS or tag.startswith("-"):
            continue
        if tag == "br":
            if stack[-1].after_break:  # <br><br>: a paragraph break, as old pages mark them
                flush()
            else:
                stack[-1].buffer.append("\n")
                stack[-1].after_break = True
            continue
        attrs = node.attributes
        if tag in BLOCK_TAGS:
            flush()
            stack.append(_Frame(tag, _attr_words(attrs), attrs.get("itemprop"), next_eid))
            next_eid += 1
        if attrs and is_hidden(attrs):  # hidden blocks are marked, hidden text inside a block is left out
            hiding.add(node.mem_id)
            if tag in BLOCK_TAGS:
                hidden_depth += 1
            else:
                hidden_inline += 1
        if tag == "a":
            link_depth += 1
        todo.append((node, False))
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        todo.extend((c, True) for c in reversed(children))
    flush()
    return merge_table_rows(blocks)


#: Table cells longer than this are not merged into their row: a layout table's cell holds a page part.
MAX_CELL_CHARS = 200


def merge_table_rows(blocks: list[Block]) -> list[Block]:
    """Join the cells of a table row into one block ("1 Kyle Busch 5040 5"), as a reader sees the row
    and as a text rendering prints it. Cells that hold long text (layout tables) stay blocks of their own."""
    out: list[Block] = []
    run: list[Block] = []

    def close() -> None:
        if len(run) > 1:
            first = run[0]
            out.append(
                Block(
                    " ".join(b.text for b in run),
                    first.tag,
                    first.ancestors,
                    first.words,
                    first.itemprops,
                    sum(b.link_chars for b in run),
                    first.elements,
                    any(b.hidden for b in run),
                )
            )
        else:
            out.extend(run)
        run.clear()

    for b in blocks:
        cell = b.tag in ("td", "th") and len(b.elements) > 1 and len(b.text) <= MAX_CELL_CHARS
        if run and not (cell and b.elements[1] == run[-1].elements[1]):
            close()
        if cell:
            run.append(b)
        else:
            out.append(b)
    close()
    return out
