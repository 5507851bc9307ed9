"""Split hostile scraped text into sanitised lines.

Scraped text may carry control characters, Unicode line separators, private-use icon glyphs, stray
markup and absurdly long lines. :func:`split_lines` turns it into a list of clean line strings while
keeping one output line per input line, so labels can be traced back to the input.
"""

from __future__ import annotations

import re
import unicodedata

#: Lines longer than this are never article text (minified scripts, data blobs); they are not featurised.
MAX_LINE_CHARS = 100_000

_BREAKS = "\r\u2028\u2029\x0b\x0c\x85"
_NEWLINES = re.compile(f"\r\n|[{_BREAKS}]")
# C0/C1 controls except tab and newline, zero-width and bidi marks, BOMs and non-characters.
_CONTROLS = re.compile(
    r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufffe\uffff]"
)
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]{0,2000})?/?>")
_SCRIPT_BLOCK = re.compile(r"<(script|style|noscript)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_MARKUP_HINT = re.compile(r"<(?:html|head|body|div|p|script|style|span|a)\b", re.I)


def normalise_newlines(text: str) -> str:
    """Map every line-break convention to ``\\n``."""
    if any(c in text for c in _BREAKS):  # a search for each is quicker than a pass of the pattern
        return _NEWLINES.sub("\n", text)
    return text


def _sanitise(text: str) -> str:
    """Drop control and icon-font characters and normalise to NFC (line breaks are kept)."""
    if not text.replace("\n", "").isprintable():  # both patterns match only unprintable characters
        text = _CONTROLS.sub("", text)
        text = _PRIVATE_USE.sub(" ", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def sanitise_line(line: str) -> str:
    """Drop control and icon-font characters and collapse runs of (any Unicode) whitespace."""
    return " ".join(_sanitise(line).split())


def looks_like_markup(text: str) -> bool:
    """Tell whether plain text is in fact (a lot of) HTML markup."""
    sample = text[:20_000]
    return len(_MARKUP_HINT.findall(sample)) >= 5


def strip_markup(text: str) -> str:
    """Remove script/style blocks and tags from text that carries HTML, keeping line structure."""

    def keep_newlines(match: re.Match[str]) -> str:
        return "\n" * match.group(0).count("\n")

    text = _SCRIPT_BLOCK.sub(keep_newlines, text)
    return _TAG.sub(keep_newlines, text)


def split_lines(text: str) -> list[str]:
    """Split text into sanitised lines, one per input line (over-long lines are kept, unsanitised)."""
    text = normalise_newlines(text)
    if len(text) > MAX_LINE_CHARS:
        raw = text.split("\n")
        if max(map(len, raw)) > MAX_LINE_CHARS:
            return [line if len(line) > MAX_LINE_CHARS else sanitise_line(line) for line in raw]
    # Collapse whitespace runs; a printable line without double spaces or tabs only needs a strip.
    return [
        line.strip() if line.isprintable() and "  " not in line else " ".join(line.split())
        for line in _sanitise(text).split("\n")
    ]
