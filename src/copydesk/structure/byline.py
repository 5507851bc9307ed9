"""Parse a byline: "By Taing Vida / Khmer Times Share:" -> authors, publisher, and the widget debris."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from copydesk.structure.wordlists import WordLists

_PREFIX = re.compile(
    r"^(?:(?:written|posted|reported|published|story|words|text)\s+)?"
    r"(?:by|von|par|por|di|door|av|af|przez|autor(?:a|in)?|author|auteur|autore|reporter)\b(?:[:\s]+|$)",
    re.I,
)
#: Day names a date may open with ("Tuesday, 12 March 2019"), in the languages of the month names.
_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"lunes|martes|miércoles|jueves|viernes|sábado|domingo|"
    r"lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|"
    r"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|"
    r"(?:segunda|terça|quarta|quinta|sexta)(?:-feira)?)\.?"
)
_DATE_TAIL = re.compile(
    r"\s*(?:[|•·,–—-]\s*)?(?:(?:(?:published|updated|posted|veröffentlicht|aktualisiert|publiziert|erschienen|"
    r"publié|publicado|pubblicato|actualizado|mis à jour)(?:\s+(?:on|am|le|el|il|em|op))?|on)\b[:\s]*)?"
    + rf"(?:\b{_WEEKDAY},?\s+)?"
    + r"(?:\d{1,2}(?:st|nd|rd|th)?\.?\s+\w+\.?,?\s+\d{4}|\w+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|"
    r"\d{4}-\d\d-\d\d|\d{1,2}[./]\d{1,2}[./]\d{2,4}).*$",
    re.I,
)
# Every date form above has four digits in a row or a digit, a dot or slash and a digit ("5/3/24").
_DATE_HINT = re.compile(r"\d{4}|\d[./]\d")
_SPLIT = re.compile(r"\s+(?:/|\||and|und|et|y|e|en|och|og|i|&)\s+|\s*[,;/|·•]\s*", re.I)
_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’.-]*$|^(?:van|von|de|da|del|der|den|di|du|la|le|bin|al|el)$")


@dataclass(slots=True)
class Byline:
    """What a byline line says."""

    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    date_text: str | None = None
    removed: list[str] = field(default_factory=list)  # widget debris cut off the line


def strip_widgets(text: str, words: WordLists) -> tuple[str, list[str]]:
    """Cut share/follow widget words off the end of a line; return the rest and what was cut."""
    removed: list[str] = []
    tokens = text.split()
    while tokens and tokens[-1].lower().strip("|·•") in words.widgets:
        removed.insert(0, tokens.pop())
    return " ".join(tokens), ([" ".join(removed)] if removed else [])


def is_person_name(part: str) -> bool:
    """A plausible person name: 2-5 tokens, capitalised (particles allowed), no digits."""
    toks = part.split()
    if not 1 < len(toks) <= 5 or any(c.isdigit() for c in part):
        return False
    return all(_NAME_TOKEN.match(t) for t in toks) and toks[0][0].isupper()


def is_publisher(part: str, words: WordLists, url: str | None) -> bool:
    """A name that reads as a publication or agency (by its words, or by the page's domain)."""
    toks = [t.lower().strip(".") for t in part.split()]
    if not toks or len(toks) > 5:
        return False
    if any(t in words.publisher_words for t in toks):
        return True
    if url and toks:
        squashed = "".join(toks)
        return len(squashed) >= 4 and squashed in squashed_host(url)
    return False


@lru_cache(maxsize=64)
def squashed_host(url: str) -> str:
    """A URL's host without scheme, "www.", dots and hyphens: "khmertimeskh.com" -> "khmertimeskhcom"."""
    host = re.sub(r"^https?://(www\.)?", "", url.lower()).split("/")[0]
    return host.replace("-", "").replace(".", "")


def parse_byline(line: str, words: WordLists, url: str | None = None) -> Byline:
    """Split a byline into authors, publisher, a date and removed widget text."""
    out = Byline()
    text, out.removed = strip_widgets(line.strip(), words)
    m = _DATE_TAIL.search(text) if _DATE_HINT.search(text) else None
    if m and m.start() > 0:
        out.date_text = m.group(0).strip(" |•·,–—-")
        text = text[: m.start()]
    text, prefixed = _PREFIX.subn("", text.strip())
    parts = [
        p for p in (_no_handles(part).strip(" .:") for part in _SPLIT.split(text.strip(" |•·,–—-:"))) if p
    ]
    for part in parts:
        if out.publisher is None and is_publisher(part, words, url):
            out.publisher = part
        elif is_person_name(part):
            out.authors.append(part)
    if prefixed and not (out.authors or out.publisher) and parts and _is_credited_name(parts[0]):
        out.authors.append(parts[0])  # "By Kristin", "Written by Ask the Doctors": what "by" names
    return out


def _no_handles(part: str) -> str:
    """A byline part without its social handles and e-mail addresses ("Chris Pokorny @DawgsByNature")."""
    return " ".join(t for t in part.split() if "@" not in t) if "@" in part else part


def _is_credited_name(part: str) -> bool:
    """What an explicit "By" may name besides a person's full name: one name, a team or a column (up to
    five words, capitalised, no digits)."""
    return len(part.split(None, 5)) <= 5 and part[0].isupper() and not any(c.isdigit() for c in part)


def has_by_prefix(text: str) -> bool:
    """Whether a line opens like a byline: "By ...", "Von ...", "Written by ..."."""
    return _PREFIX.match(text.strip()) is not None


def clean_name(name: str) -> str:
    """A declared author name without a "By" prefix or surrounding punctuation."""
    return _PREFIX.sub("", " ".join(name.split())).strip(" ,;:|")


def dom_bylines(texts: list[str], words: WordLists, url: str | None = None) -> list[str]:
    """Authors from the texts of elements a page marks as author or byline (the first that names one)."""
    for text in texts:
        if 1 <= len(text.split()) <= 14:
            by = parse_byline(text, words, url)
            if by.authors:
                return by.authors
    return []
