"""Publication dates and datelines found in the text."""

from __future__ import annotations

import re
from datetime import date

from copydesk.structure.wordlists import WordLists

_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")
# Chinese, Japanese and Korean: "2026年11月28日", "2026년 11월 28일" (no word boundary before the year:
# in Chinese text a letter may stand right before it).
_YMD_CJK = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
_DMY_NUM = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d\d)\b")
_MONTH_FIRST = re.compile(r"\b([^\W\d_]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b")
_DAY_FIRST = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?([^\W\d_]{3,10})\.?,?\s+(?:de\s+)?((?:19|20)\d\d)\b"
)
# "PHNOM PENH (Reuters) -", "BERLIN, March 3 (dpa) --", "Paris :"
_DATELINE = re.compile(
    r"^(?P<dl>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\- ]{1,40}[A-ZÀ-ÖØ-Þ.](?:,\s*[\w.'’ ]{2,30}?)?"
    r"(?:\s*[(\[][^()\[\]]{1,40}[)\]])?)\s*(?:[—–]|--?|:)\s+"
)


def _make(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def find_date(text: str, words: WordLists) -> str | None:
    """The first date written in ``text``, as an ISO string."""
    if m := _ISO.search(text) or _YMD_CJK.search(text):
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _MONTH_FIRST.search(text):
        month = words.months.get(m.group(1).lower())
        if month:
            return _make(int(m.group(3)), month, int(m.group(2)))
    for m in _DAY_FIRST.finditer(text):
        month = words.months.get(m.group(2).lower())
        if month:
            return _make(int(m.group(3)), month, int(m.group(1)))
    if m := _DMY_NUM.search(text):
        return _make(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return None


def find_dateline(first_paragraph: str) -> str | None:
    """The dateline opening a story ("PHNOM PENH (Reuters) -"), without its dash."""
    m = _DATELINE.match(first_paragraph)
    if not m:
        return None
    place = m.group("dl").strip()
    letters = [c for c in place.split("(")[0].split(",")[0] if c.isalpha()]
    if len(letters) < 3 or sum(c.isupper() for c in letters) / len(letters) < 0.8:
        return None
    return place
