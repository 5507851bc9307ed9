"""The systems a benchmark compares: copydesk and the baselines it must beat.

Each system maps a :class:`~render.Page` to the predicted main text. All but trafilatura read only
``page.text`` (the plain-text rendering), as copydesk's text mode does; trafilatura reads
``page.html`` and stands for what a DOM-based extractor gets with the markup in hand.
"""

from __future__ import annotations

import html
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from render import REPO, Page

try:
    import copydesk
except ImportError:  # not installed in the venv yet: use the repo's source tree
    sys.path.insert(0, str(REPO / "src"))
    import copydesk

# --- C4 line rules ----------------------------------------------------------------------------
# The line-level cleaning of C4 as coded in tensorflow_datasets/text/c4_utils.py (clean_page):
# strip the line; drop it if a word is longer than 1000 characters; remove Wikipedia-style
# citations; drop it unless it ends in . ? ! or " (and not in "..."); drop it if it has fewer than
# 5 words; drop the whole page on "lorem ipsum"; drop lines containing "javascript"; drop the
# whole page on "{"; drop lines with a cookie/privacy-policy phrase; finally drop the whole page if
# the kept lines hold fewer than 3 sentences. The C4 paper words it differently: lines of at least
# 3 words, pages of at least 5 sentences, lines ending in "a period, exclamation mark, question
# mark, or end quotation mark" (which ” is too); C4_PAPER runs that reading.
# Not applied: the bad-words page filter, the language filter and the corpus-level deduplication,
# which are separate steps of the C4 pipeline and not about telling content from boilerplate.


@dataclass(frozen=True, slots=True)
class C4Rules:
    """The settings of C4's line rules that its code and its paper disagree on."""

    min_words_per_line: int = 5
    min_sentences_per_page: int = 3
    end_marks: tuple[str, ...] = (".", "?", "!", '"')


C4_CODE = C4Rules()
C4_PAPER = C4Rules(min_words_per_line=3, min_sentences_per_page=5, end_marks=(".", "?", "!", '"', "”"))
C4_ELLIPSIS = "..."
C4_POLICY_SUBSTRINGS = (
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)
C4_CITATION_RE = re.compile(r"\[\d*\]|\[edit\]|\[citation needed\]")
C4_MAX_WORD_LENGTH = 1000
# C4 counts sentences with NLTK's punkt, which is not installed here (and needs a data download):
# count runs of . ! ? that end a token instead, at least one per kept line (every kept line ends
# in an end mark, so punkt finds at least one sentence in it too).
_SENTENCE_END_RE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)")


class _DropPage(Exception):
    """A C4 rule that discards the whole page fired."""


def _count_sentences(line: str) -> int:
    """Approximate punkt's sentence count for one kept line."""
    return max(1, len(_SENTENCE_END_RE.findall(line)))


def _c4_line(line: str, rules: C4Rules) -> str | None:
    """Apply C4's line rules to one line: the cleaned line, ``None`` to drop it, or raise _DropPage."""
    line = line.strip()
    if any(len(word) > C4_MAX_WORD_LENGTH for word in line.split()):
        return None
    line = C4_CITATION_RE.sub("", line)
    if not line.endswith(rules.end_marks) or line.endswith(C4_ELLIPSIS):
        return None
    if len(line.split()) < rules.min_words_per_line:
        return None
    lower = line.lower()
    if "lorem ipsum" in lower:
        raise _DropPage("lorem ipsum")
    if "javascript" in lower:
        return None
    if "{" in line:
        raise _DropPage("curly bracket")
    if any(phrase in lower for phrase in C4_POLICY_SUBSTRINGS):
        return None
    return line


def c4_clean(text: str, rules: C4Rules = C4_CODE) -> str:
    """Clean a page's text with C4's rules; an empty string when C4 would discard the page."""
    kept: list[str] = []
    try:
        for raw_line in text.splitlines():
            line = _c4_line(raw_line, rules)
            if line is not None:
                kept.append(line)
    except _DropPage:
        return ""
    if sum(_count_sentences(line) for line in kept) < rules.min_sentences_per_page:
        return ""
    return "\n".join(kept).strip()


# --- jusText over text lines ------------------------------------------------------------------

#: py3langid codes of languages jusText has a stoplist for (others run language-independent).
_JUSTEXT_LANGUAGES = {
    "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian",
    "it": "Italian", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "ms": "Malay", "nl": "Dutch",
    "nb": "Norwegian_Bokmal", "nn": "Norwegian_Nynorsk", "no": "Norwegian_Bokmal", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian",
    "sr": "Serbian", "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "vi": "Vietnamese",
}  # fmt: skip


@cache
def _stoplist(language: str | None) -> frozenset[str]:
    """jusText's stoplist for a language name, or an empty set (language-independent mode)."""
    import justext

    return frozenset(justext.get_stoplist(language)) if language else frozenset()


def _page_language(text: str) -> str | None:
    """The jusText stoplist name for the text's language, if jusText has one."""
    import py3langid

    code, _ = py3langid.classify(text)
    return _JUSTEXT_LANGUAGES.get(code)


def justext_lines(text: str, language: str | None = "English") -> str:
    """jusText with default settings over the rendered text, one ``<p>`` per non-blank line.

    ``language`` names the stoplist; ``None`` picks the page's language (py3langid). For a language
    jusText has no stoplist for, the stoplist is empty and both stopword thresholds are 0, jusText's
    documented language-independent mode.
    """
    import justext

    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    document = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>"
    stoplist = _stoplist(language or _page_language(text))
    thresholds = {} if stoplist else {"stopwords_low": 0.0, "stopwords_high": 0.0}
    paragraphs = justext.justext(document, stoplist, **thresholds)
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


# --- the systems ------------------------------------------------------------------------------


_CLEAN_ONLY = copydesk.CleanOptions(attribute=False)


def _copydesk(page: Page) -> str:
    """copydesk's text mode, cleaning and structure only: the article body lines."""
    return "\n".join(copydesk.clean_text(page.text, url=page.url, options=_CLEAN_ONLY).body)


def _copydesk_batch(pages: Sequence[Page]) -> list[str]:
    """copydesk's text mode over several pages at once, as corpus runs clean (``Cleaner.clean_many``)."""
    results = copydesk.clean_many([(p.text, p.url) for p in pages], "text", options=_CLEAN_ONLY)
    return ["" if isinstance(r, Exception) else "\n".join(r.body) for r in results]


def _copydesk_attributed(page: Page) -> str:
    """copydesk's text mode with quotes and entities too (same body; shows the cost of attribution)."""
    return "\n".join(copydesk.clean_text(page.text, url=page.url).body)


def _trafilatura(page: Page) -> str:
    """trafilatura on the HTML with default settings (the DOM-based reference)."""
    import trafilatura

    return trafilatura.extract(page.html, url=page.url) or ""


def _copydesk_html(page: Page) -> str:
    """copydesk's HTML mode, cleaning and structure only: the article body blocks."""
    return "\n".join(copydesk.clean_html(page.html, url=page.url, options=_CLEAN_ONLY).body)


def _trafilatura_precision(page: Page) -> str:
    """trafilatura on the HTML with ``favor_precision=True``."""
    import trafilatura

    return trafilatura.extract(page.html, url=page.url, favor_precision=True) or ""


def _readability(page: Page) -> str:
    """readability-lxml's article summary, as text."""
    import lxml.html
    from readability import Document

    summary = Document(page.html).summary(html_partial=True)
    return str(lxml.html.fromstring(summary).text_content()) if summary.strip() else ""


def _justext_html(page: Page) -> str:
    """jusText on the HTML with its default settings and the English stoplist."""
    import justext

    paragraphs = justext.justext(page.html.encode("utf-8"), justext.get_stoplist("English"), encoding="utf-8")
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


@dataclass(frozen=True, slots=True)
class System:
    """A named extractor and the input it reads."""

    name: str
    input: str  # "text" (the rendering) or "html"
    extract: Callable[[Page], str]
    batch: Callable[[Sequence[Page]], list[str]] | None = None  # several pages at once, if it can


#: Pages per call of a system that cleans in batches (copydesk's corpus runs use the same size).
BATCH = 16


SYSTEMS: tuple[System, ...] = (
    System("copydesk", "text", _copydesk),
    System(f"copydesk, {BATCH} pages at a time (as corpus runs)", "text", _copydesk, _copydesk_batch),
    System("copydesk + attribution", "text", _copydesk_attributed),
    System("raw text", "text", lambda page: page.text),
    System("C4 rules, as coded", "text", lambda page: c4_clean(page.text, C4_CODE)),
    System("C4 rules, as the paper words them", "text", lambda page: c4_clean(page.text, C4_PAPER)),
    System("jusText over lines, English", "text", lambda page: justext_lines(page.text, "English")),
    System("jusText over lines, page language", "text", lambda page: justext_lines(page.text, None)),
    System("trafilatura on HTML", "html", _trafilatura),
)


HTML_SYSTEMS: tuple[System, ...] = (
    System("copydesk, HTML mode", "html", _copydesk_html),
    System("copydesk, text mode (html-text rendering)", "text", _copydesk),
    System("trafilatura, default", "html", _trafilatura),
    System("trafilatura, favor_precision", "html", _trafilatura_precision),
    System("readability-lxml", "html", _readability),
    System("jusText on HTML, English", "html", _justext_html),
)


@dataclass(slots=True)
class Timed:
    """A system's predictions and the time it took: wall seconds, and this process's CPU seconds (which
    leave out the time other tenants of a shared machine held the core)."""

    predictions: list[str] = field(default_factory=list)
    seconds: float = 0.0
    cpu: float = 0.0


def run_interleaved(
    systems: Sequence[System], pages: Sequence[Page], chunk: int = 1
) -> list[Timed | Exception]:
    """Run several systems over the same pages, ``chunk`` pages at a time in turn (the order rotating),
    so that a slow spell of this shared machine falls on all of them alike. A system with a ``batch``
    takes each chunk in one call (so ``chunk`` is its batch size); the others page by page. Returns each
    system's predictions and summed extraction time, or the exception that stopped it (the others go
    on). One untimed warm-up call per system first, so that lazy imports and caches are not billed to
    the pages."""
    results: list[Timed | Exception] = [Timed() for _ in systems]
    for j, system in enumerate(systems):
        try:
            if pages:
                system.extract(pages[0])
        except Exception as exc:  # one broken system must not hide the others' numbers
            results[j] = exc
    for turn, at in enumerate(range(0, len(pages), chunk)):
        part = pages[at : at + chunk]
        for k in range(len(systems)):
            j = (k + turn) % len(systems)
            done, system = results[j], systems[j]
            if isinstance(done, Exception):
                continue
            try:
                start, cpu = time.perf_counter(), time.process_time()
                got = system.batch(part) if system.batch is not None else [system.extract(p) for p in part]
                done.cpu += time.process_time() - cpu
                done.seconds += time.perf_counter() - start
                done.predictions += got
            except Exception as exc:  # likewise
                results[j] = exc
    return results


def run_rounds(systems: Sequence[System], pages: Sequence[Page], rounds: int = 3) -> list[Timed | Exception]:
    """Run several systems over the same pages in ``rounds`` rounds; in each, every system takes all the
    pages in one pass (a system with a ``batch``, BATCH pages a call), in an order that rotates from
    round to round. A slow spell of this shared machine then falls on all of them alike, while each
    system runs with its own caches warm, as it would over a corpus. Returns each system's predictions
    (of the first round) and its extraction time over all rounds, or the exception that stopped it (the
    others go on)."""
    results: list[Timed | Exception] = [Timed() for _ in systems]
    for turn in range(rounds):
        for k in range(len(systems)):
            j = (k + turn) % len(systems)
            done = results[j]
            if isinstance(done, Exception):
                continue
            result = run_interleaved([systems[j]], pages, BATCH if systems[j].batch is not None else 1)[0]
            if isinstance(result, Exception):
                results[j] = result
                continue
            done.predictions = done.predictions if turn else result.predictions
            done.seconds += result.seconds
            done.cpu += result.cpu
    return results


def run_system(system: System, pages: Sequence[Page]) -> Timed:
    """Run one system over pages: its predictions and the time it took (raises what it raised)."""
    result = run_interleaved([system], pages, chunk=BATCH if system.batch is not None else 1)[0]
    if isinstance(result, Exception):
        raise result
    return result
