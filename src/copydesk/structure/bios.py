"""An author's bio at the foot of an article: "Jane Roe is a reporter covering health.", "Written by Jane
Roe", or her name on a line of its own. Such lines read as prose, so the classifier keeps them, but
they present the author, not the story; extraction benchmarks leave them out of the article body.

A bio is found among the last body lines by the names the byline gave: a line that opens with an
author's full name (after an optional title such as "Dr."), that names the author after "By" or
"Written by", or that opens with the author's first name followed by a copula ("Sam is the VP of ...",
"Anna ist Redakteurin ..."). The line found and the body lines below it are removed.
"""

from __future__ import annotations

import re

from copydesk.structure.byline import clean_name, has_by_prefix

#: Body lines from the end of the body among which a bio is looked for.
TAIL_LINES = 4
#: A bio and what follows it may hold at most this share of the body's words (else it is the article).
MOST_SHARE = 0.4
_WORD = re.compile(r"[\w'’.-]+")
_TITLES = frozenset({"dr", "dr.", "prof", "prof.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "about"})
#: Verbs that follow a first name opening a bio, in copydesk's languages ("Sam is", "Anna ist").
_COPULAS = frozenset(
    {"is", "was", "has", "ist", "war", "est", "était", "es", "fue", "è", "é", "är", "er", "jest"}
)


def bio_start(body: list[str], authors: list[str]) -> int | None:
    """The index of the first of ``body``'s last lines that presents an author (see module doc), or None
    when none does or when that line and those below it would hold too much of the body."""
    names = [name for name in map(str.split, authors) if len(name) >= 2]
    if not names:
        return None
    words = [len(p.split()) for p in body]
    total = sum(words)
    for j in range(max(len(body) - TAIL_LINES, 0), len(body)):
        if _presents(body[j], names) and sum(words[j:]) <= MOST_SHARE * total:
            return j
    return None


def _presents(line: str, names: list[list[str]]) -> bool:
    """Whether a line is an author's name, a "Written by" line, or opens a bio."""
    if has_by_prefix(line):  # "By Jane Roe", "Written by Jane Roe" (byline's prefixes, in its languages)
        toks = _WORD.findall(clean_name(line))
        return any(toks[: len(n)] == n for n in names) and len(toks) <= 8
    toks = _WORD.findall(line)
    while toks and toks[0].lower() in _TITLES:
        toks = toks[1:]
    for name in names:
        if toks[: len(name)] == name:
            return True
        if len(toks) >= 6 and toks[0] == name[0] and len(name[0]) >= 3 and toks[1].lower() in _COPULAS:
            return True
    return False
