"""The public entry points: turn one page into an :class:`~copydesk.record.Article`."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import numpy as np

from copydesk.attribute import Attributor
from copydesk.clean.blocks import Block, extract_blocks, looks_like_script_shell, parse_html
from copydesk.clean.decode import Decoding
from copydesk.clean.dom_features import Declared, page_kind
from copydesk.clean.features import PageLines
from copydesk.clean.lines import MAX_LINE_CHARS, looks_like_markup, split_lines, strip_markup
from copydesk.clean.model import LineModel
from copydesk.ingest.html import decode_html
from copydesk.record import Article
from copydesk.structure.assemble import PageView, assemble, drop_title_echo
from copydesk.structure.byline import dom_bylines, squashed_host
from copydesk.structure.language import LanguageId
from copydesk.structure.metadata import PageMeta, guess_date, read_metadata
from copydesk.structure.wordlists import WordLists


@dataclass(slots=True, kw_only=True, frozen=True)
class CleanOptions:
    """Options of :func:`clean_text` and :func:`clean_html`; defaults live here and only here."""

    threshold: float | None = None  # least content probability of a kept line; None: the model's tuned value
    switch_cost: float | None = None  # contiguity of the body (clean.decode); None: the model's tuned value
    attribute: bool = True  # add quotes and entities (offsets into Article.text; English pages)
    model_path: Path | None = None  # a text model other than the shipped one
    html_model_path: Path | None = None  # an HTML model other than the shipped one


@dataclass(slots=True)
class _Read:
    """A page read and featurised, waiting for its lines' class probabilities."""

    lines: list[str]  # the input lines (text mode) or the text blocks (HTML mode)
    page: PageLines | None  # featurised: text mode, for a batch of pages at once (Cleaner.clean_many)
    warnings: list[str]
    url: str | None
    skip: set[int] = field(default_factory=set)  # over-long lines, left unread
    blocks: list[Block] = field(default_factory=list)
    meta: PageMeta | None = None  # HTML mode: what the page declares
    html: str | None = None


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause CPython's cyclic garbage collector for the block, then restore it as it was.

    Cleaning a batch allocates tens of thousands of containers (token lists, line records) that
    reference counting frees and that form no cycles. The collector still runs every 700 allocations,
    and the objects alive at those moments move to older generations, which sets off full collections:
    each walks every object of every loaded module (about 70 ms in a process with copydesk's models
    loaded), and they took about a tenth of the time of cleaning a batch. Cleaning makes no reference
    cycles (LightGBM's ctypes calls leave a few objects a batch, whatever its size); cycles made
    meanwhile by another thread are collected once the block ends. Mercurial's ``util.nogc`` does the
    same around its large allocations."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _raise_or_return(result: Article | Exception) -> Article:
    if isinstance(result, Exception):
        raise result
    return result


@dataclass(slots=True)
class Cleaner:
    """Holds the loaded models and word lists; build one per process (or use :func:`clean_text`)."""

    options: CleanOptions = field(default_factory=CleanOptions)
    _models: dict[str, LineModel] = field(default_factory=dict)
    _words: WordLists | None = None
    _attributor: Attributor | None = None
    _language: LanguageId = field(default_factory=LanguageId)

    def setup(self, mode: str = "text") -> None:
        """Load the model of a mode, the word lists and the attributor (each once)."""
        if mode not in self._models:
            path = self.options.model_path if mode == "text" else self.options.html_model_path
            model = LineModel(path, mode)
            model.setup()
            self._models[mode] = model
        if self._words is None:
            self._words = WordLists.load()
            self._language.setup()
        if self.options.attribute and self._attributor is None:
            self._attributor = Attributor()
            self._attributor.setup()

    def _decoding(self, model: LineModel) -> Decoding:
        """The model's tuned decoding, with the threshold or switch cost the options set."""
        tuned, opts = Decoding.from_meta(model.meta), self.options
        return replace(
            tuned,
            threshold=tuned.threshold if opts.threshold is None else opts.threshold,
            switch_cost=tuned.switch_cost if opts.switch_cost is None else opts.switch_cost,
        )

    def clean_text(self, text: str, url: str | None = None) -> Article:
        """Clean and structure one scraped page given as plain text."""
        return _raise_or_return(self.clean_many([(text, url)], "text")[0])

    def clean_html(self, html: str | bytes, url: str | None = None) -> Article:
        """Clean and structure one page given as HTML (bytes are decoded; the page's charset is a hint)."""
        return _raise_or_return(self.clean_many([(html, url)], "html")[0])

    def clean_many(
        self, docs: Sequence[tuple[str | bytes, str | None]], mode: str = "text"
    ) -> list[Article | Exception]:
        """Clean several pages of one mode (``text`` or ``html``), each given with its url or None: one
        result per page, its article or the exception it raised, which leaves the other pages alone. The
        model runs once over all the pages' lines, so a corpus cleans faster in batches than page by page.
        The cyclic garbage collector is paused meanwhile (:func:`collector_paused`)."""
        self.setup(mode)
        with collector_paused():
            return self._clean_batch(docs, mode)

    def _clean_batch(
        self, docs: Sequence[tuple[str | bytes, str | None]], mode: str
    ) -> list[Article | Exception]:
        """:meth:`clean_many`, its models set up."""
        model = self._models[mode]
        read: list[_Read | Exception] = []
        for doc, url in docs:
            try:
                read.append(self._read_html(doc, url) if mode == "html" else self._read_text(doc, url))
            except Exception as exc:  # the caller decides what a failed page becomes
                read.append(exc)
        ok = [r for r in read if isinstance(r, _Read)]
        try:
            probas: list[np.ndarray | Exception] = list(self._predict(model, ok))
        except Exception:  # a page broke the batch: each page alone, so that it fails alone
            probas = []
            for r in ok:
                try:
                    probas.append(self._predict(model, [r])[0])
                except Exception as exc:  # likewise
                    probas.append(exc)
        results = iter(probas)
        out: list[Article | Exception] = []
        for item in read:
            proba = item if isinstance(item, Exception) else next(results)
            if isinstance(proba, Exception):
                out.append(proba)
                continue
            assert isinstance(item, _Read)
            try:
                out.append(self._article(item, proba, model))
            except Exception as exc:  # likewise
                out.append(exc)
        return out

    def _predict(self, model: LineModel, reads: list[_Read]) -> list[np.ndarray]:
        """The class probabilities of the lines of read pages; text pages are featurised here, together."""
        if model.mode == "text":
            for r, page in zip(reads, model.pages([(r.lines, r.skip) for r in reads]), strict=True):
                r.page = page
        pages = [r.page for r in reads if r.page is not None]
        assert len(pages) == len(reads)  # every read page is featurised by now
        return model.predict_many(
            pages,
            [r.blocks for r in reads] if model.mode == "html" else None,
            [declared(r.meta) if r.meta else None for r in reads],
        )

    def _read_text(self, text: str | bytes, url: str | None) -> _Read:
        """Split a plain-text page into lines (featurised later, with the other pages of its batch)."""
        if isinstance(text, bytes):
            raise TypeError("clean_text takes text (str); decode the bytes first, or use clean_html")
        warnings = []
        if looks_like_markup(text):
            text = strip_markup(text)
            warnings.append("input looks like HTML: tags and scripts were stripped (clean_html reads HTML)")
        lines = split_lines(text)
        skip = (
            {i for i, ln in enumerate(lines) if len(ln) > MAX_LINE_CHARS}
            if len(text) > MAX_LINE_CHARS
            else set()
        )
        if skip:
            warnings.append(
                f"{len(skip)} line(s) longer than {MAX_LINE_CHARS} characters were removed unread"
            )
        return _Read(lines, None, warnings, url, skip=skip)

    def _read_html(self, html: str | bytes, url: str | None) -> _Read:
        """Parse an HTML page into text blocks and its declared metadata, and featurise the blocks."""
        if isinstance(html, bytes):
            html = decode_html(html)
        tree = parse_html(html)
        meta = read_metadata(tree)
        blocks = extract_blocks(tree)
        warnings = []
        if looks_like_script_shell(tree, blocks):
            warnings.append(
                "page is a JavaScript shell: its text is rendered by scripts, so there is none to read"
            )
            blocks = []
        page = self._models["html"].block_page(blocks)
        return _Read([b.text for b in blocks], page, warnings, url, blocks=blocks, meta=meta, html=html)

    def _article(self, read: _Read, proba: np.ndarray, model: LineModel) -> Article:
        """Structure a read page, given its lines' class probabilities."""
        words = self._words
        assert words is not None
        page, meta = read.page, read.meta
        assert page is not None
        view = PageView(page.index, page.text, page.base, proba, page.tokens)
        url = read.url or (meta.url if meta else None)
        article = assemble(read.lines, view, self._decoding(model), words, url)
        for i in read.skip:
            article.lines[i].text = read.lines[i][:200] + "…"
        if meta is None:
            return self._finish(article, read.warnings, fallback_text="\n".join(page.text))
        apply_declared(article, meta)
        article.authors = article.authors or dom_bylines(meta.byline_texts, words, read.url)
        if not article.published and article.body:  # declared first, then the text, then htmldate's guess
            article.published = guess_date(read.html or "", url)
        return self._finish(article, read.warnings, fallback_text="\n".join(read.lines), lang=meta.lang)

    def _finish(
        self, article: Article, warnings: list[str], fallback_text: str, lang: str | None = None
    ) -> Article:
        """Title echoes, language, attribution and warnings: what both modes do last."""
        article.title = strip_site_name(article.title, article.publisher, article.url)
        drop_title_echo(article)
        if not article.body:
            warnings.append("no article text found")
        article.warnings = warnings + article.warnings
        article.lang = self._language.classify(article.text or fallback_text) or lang
        if self._attributor is not None and article.body and article.lang in (None, "en"):
            self._attributor.attribute_article(article)
        return article


def declared(meta: PageMeta) -> Declared:
    """What the HTML model reads of a page's metadata: the kind of page it declares itself to be, and
    the article text it declares."""
    return Declared(page_kind(meta.kind, meta.og_type, bool(meta.published)), meta.body)


def apply_declared(article: Article, meta: PageMeta) -> None:
    """Prefer what the page declares (JSON-LD, OpenGraph, meta tags) over what was read off its text."""
    declared = strip_site_name(meta.title, meta.publisher)
    if declared and not (article.title and article.title.lower() in declared.lower()):
        article.title = declared
    article.authors = meta.authors or article.authors
    article.publisher = meta.publisher or article.publisher
    article.published = meta.published or article.published


def strip_site_name(title: str | None, site: str | None, url: str | None = None) -> str | None:
    """Drop a " | Site Name" or " - Site Name" suffix from a title, when the site is known: by its name
    (``site``), or by the page's host ("Raw HTTP Logging | CODE FARM" on codefarm.io). A breadcrumb trail
    before it ("Home » News » ...") goes too."""
    if not title:
        return None
    for sep in (" » ", " › ", " > "):  # a breadcrumb trail ends with the page's own title
        last = title.rpartition(sep)[2]  # (the whole title when it has no such separator)
        if len(last.split(None, 2)) > 2:
            title = last
    if site or url:
        for sep in (" | ", " - ", " – ", " — ", " :: "):
            head, found, tail = title.rpartition(sep)
            if found and head and _names_site(tail, site, url):
                return head.strip()
    return title.strip()


def _names_site(tail: str, site: str | None, url: str | None) -> bool:
    """Whether a title's tail names the site: its name, or its host (letters and digits alike)."""
    low = tail.lower().strip()
    if site and (site.lower() in low or low in site.lower()):
        return True
    squashed = "".join(filter(str.isalnum, low))
    return url is not None and len(squashed) >= 4 and squashed in squashed_host(url)


@cache
def shared_cleaner(options: CleanOptions | None = None) -> Cleaner:
    """The shared, read-only cleaner that :func:`clean_text` uses for these options (built once)."""
    return Cleaner(options or CleanOptions())


def clean_text(text: str, url: str | None = None, *, options: CleanOptions | None = None) -> Article:
    """Clean and structure one scraped page given as plain text."""
    return shared_cleaner(options).clean_text(text, url)


def clean_html(html: str | bytes, url: str | None = None, *, options: CleanOptions | None = None) -> Article:
    """Clean and structure one page given as HTML: the same record as :func:`clean_text`."""
    return shared_cleaner(options).clean_html(html, url)


def clean_many(
    docs: Sequence[tuple[str | bytes, str | None]], mode: str = "text", *, options: CleanOptions | None = None
) -> list[Article | Exception]:
    """Clean several pages of one mode at once (:meth:`Cleaner.clean_many`): one article, or the exception
    that page raised, per page."""
    return shared_cleaner(options).clean_many(docs, mode)
