"""The public entry points: turn one page into an :class:`~copydesk.record.Article`."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from copydesk.clean.lines import MAX_LINE_CHARS, looks_like_markup, split_lines, strip_markup
from copydesk.clean.model import LineModel
from copydesk.record import Article
from copydesk.structure.assemble import PageView, assemble
from copydesk.structure.wordlists import WordLists


@dataclass(slots=True, kw_only=True, frozen=True)
class CleanOptions:
    """Options of :func:`clean_text`; defaults live here and only here."""

    threshold: float | None = (
        None  # minimum content probability to keep a line; None: the model's tuned value
    )
    attribute: bool = True  # add quotes and entities
    model_path: Path | None = None  # a text model other than the shipped one


@dataclass(slots=True)
class Cleaner:
    """Holds the loaded model and word lists; build one per process (or use :func:`clean_text`)."""

    options: CleanOptions = field(default_factory=CleanOptions)
    _model: LineModel | None = None
    _words: WordLists | None = None

    def setup(self) -> None:
        """Load the model and word lists (once)."""
        if self._model is None:
            self._model = LineModel(self.options.model_path)
            self._model.setup()
            self._words = WordLists.load()

    def clean_text(self, text: str, url: str | None = None) -> Article:
        """Clean and structure one scraped page given as plain text."""
        self.setup()
        assert self._model is not None and self._words is not None
        warnings = []
        if looks_like_markup(text):
            text = strip_markup(text)
            warnings.append("input looks like HTML: tags and scripts were stripped (clean_html reads HTML)")
        lines = split_lines(text)
        skip = {i for i, ln in enumerate(lines) if len(ln) > MAX_LINE_CHARS}
        if skip:
            warnings.append(
                f"{len(skip)} line(s) longer than {MAX_LINE_CHARS} characters were removed unread"
            )
        page = self._model.page(lines, skip)
        proba = self._model.predict(page)
        threshold = self.options.threshold
        if threshold is None:
            threshold = float(self._model.meta.get("threshold", 0.5))
        view = PageView(page.index, page.text, page.base, proba)
        article = assemble(lines, view, threshold, self._words, url)
        if skip:
            for i in skip:
                article.lines[i].text = lines[i][:200] + "…"
        if not article.body:
            warnings.append("no article text found")
        article.warnings = warnings + article.warnings
        article.lang = detect_language(article.text or "\n".join(page.text))
        return article


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (from a sample of it), or None for too little text."""
    sample = text[:400]
    if len(sample.split()) < 5:
        return None
    import py3langid

    lang, _ = py3langid.classify(sample)
    return str(lang)


@cache
def default_cleaner() -> Cleaner:
    """The shared, read-only cleaner with default options that :func:`clean_text` uses."""
    return Cleaner()


def clean_text(text: str, url: str | None = None, *, options: CleanOptions | None = None) -> Article:
    """Clean and structure one scraped page given as plain text."""
    cleaner = default_cleaner() if options is None else Cleaner(options)
    return cleaner.clean_text(text, url)
