"""Cue verbs and the phrases around them: who is speaking, and where what they said begins.

All functions work on the token list of one paragraph and take ``lo``/``hi`` bounds (usually a
sentence). They return token index ranges, or None when the rules cannot read the sentence; the
caller may then ask the statistical parser (:mod:`copydesk.attribute.parse`).
"""

from __future__ import annotations

from copydesk.attribute.lexicon import Lexicon
from copydesk.attribute.mentions import is_role_word
from copydesk.attribute.text import Token

_DETERMINERS = frozenset(
    {"the", "a", "an", "this", "these", "those", "another", "his", "her", "their", "its", "our"}
)
_RELATIVES = frozenset({"who", "whose", "which", "whom"})
_TIME_DETERMINERS = frozenset({"this", "last", "next", "that", "each", "every"})
PREPOSITIONS = _PREPOSITIONS = frozenset(
    {
        "for",
        "with",
        "by",
        "at",
        "on",
        "in",
        "of",
        "from",
        "into",
        "against",
        "up",
        "out",
        "over",
        "off",
        "down",
        "back",
        "as",
        "upon",
        "through",
        "around",
        "across",
        "before",
    }
)
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "me", "us", "you", "reporters", "journalists", "it"})
_LINKS = frozenset({"of", "for", "with", "at", "from"})
_POSTMODS = _LINKS | {"to", "in", "on"}
_QUANTIFIERS = frozenset({"all", "some", "many", "most", "both", "several", "half", "none"})
Span = tuple[int, int]


def cue_at(tokens: list[Token], i: int, lex: Lexicon, *, direct: bool = False) -> str | None:
    """Return the cue lemma at ``tokens[i]`` ("according to" included), or None."""
    tok = tokens[i]
    if tok.quoted or not tok.is_word:
        return None
    if tok.is_cap and tok.lower != "according" and not tok.text.isupper():
        return None  # "United States", "Says" in a headline
    if tok.lower == "according" and i + 1 < len(tokens) and tokens[i + 1].lower == "to":
        return "according to"
    lemma = lex.cue_lemma(tok.text, direct=direct)
    if lemma is None:
        return None
    if i > 0 and tokens[i - 1].lower in lex.be_forms:
        return None  # passive: "was told", "is said to"
    if i > 0 and tokens[i - 1].lower in _DETERMINERS:
        return None  # a noun: "the claims", "her note"
    return lemma


def cue_phrase(tokens: list[Token], i: int) -> str:
    """The cue as written: the verb, or "according to"."""
    if tokens[i].lower == "according":
        return "according to"
    return tokens[i].lower


def _skip_back(tokens: list[Token], j: int, lo: int, lex: Lexicon) -> int:
    while j >= lo:
        tok = tokens[j]
        if tok.quoted:
            return j
        if lex.skippable(tok.text) or (not tok.is_cap and tok.lower.endswith("ly") and len(tok.lower) > 4):
            j -= 1  # "had basically said", "traditionally argued"
            continue
        if tok.text == "," and j - 2 >= lo and tokens[j - 1].text.isdigit() and tokens[j - 2].text == ",":
            j -= 3  # an age: "Smith, 45, said"
            continue
        if j - 1 >= lo and tok.lower in lex.frame_nouns and tokens[j - 1].lower in _TIME_DETERMINERS:
            j -= 2  # "Rempel earlier this week called"
            continue
        return j
    return j


def noun_phrase_back(tokens: list[Token], j: int, lo: int, lex: Lexicon) -> Span | None:
    """Return the noun phrase ending at ``tokens[j]`` (read backwards), or None."""
    i = j
    lower_words = 0
    while i >= lo:
        tok = tokens[i]
        low = tok.lower
        if tok.quoted:
            break
        if not tok.is_word and tok.text not in ".-&'’":
            break
        if low == "and" and i - 1 >= lo and tokens[i - 1].is_cap and i < j and tokens[i + 1].is_cap:
            i -= 1  # "owners Tore Sohlberg and Lehla Abreder said"
            continue
        w = next((k for k in (i, i - 1) if k >= lo and tokens[k].lower == "who"), None)
        if w is not None and i < j and w - 1 >= lo and tokens[w - 1].is_word and not tokens[w - 1].quoted:
            # "An official with the society who was present in court told ...": the person before "who"
            head = noun_phrase_back(tokens, w - 1, lo, lex)
            if head is not None and j + 1 - head[0] <= 16:
                return head  # the relative clause says which one; the phrase is the noun before it
            break
        if low in lex.boundaries and not (tok.is_cap and i > lo):
            break
        if low in lex.pronouns and i != j and low not in ("her", "his", "its", "their"):
            return None  # "Witnesses heard him tell ...": not a speaker phrase
        if (
            tok.is_word
            and not tok.is_cap
            and low not in lex.roles
            and low not in _DETERMINERS
            and not (low in _POSTMODS and i < j)
        ):
            lower_words += 1
            adjective = i - 1 >= lo and tokens[i - 1].lower in _DETERMINERS  # "the first lady"
            if lower_words > 4 or (low in lex.adverbs and not adjective):
                break
        i -= 1
        if low in _DETERMINERS:
            break
    start = i + 1
    while start <= j and (not tokens[start].is_word or tokens[start].lower in _POSTMODS):
        start += 1
    if start > j:
        return None
    # "Tim Guest with the Nova Scotia Health Authority", "a person familiar with the talks", "52 percent of
    # voters", "sources close to her campaign": the head noun stands before the preposition
    if start - 2 >= lo and tokens[start - 1].lower in _POSTMODS and _head_word(tokens[start - 2], lex):
        head = noun_phrase_back(tokens, start - 2, lo, lex)
        if head is not None and j + 1 - head[0] <= 14:
            return (head[0], j + 1)
    if start - 1 >= lo and tokens[start - 1].lower in _QUANTIFIERS and tokens[start].lower in _DETERMINERS:
        start -= 1  # "All those involved", "Some of"
    if j - start > 9:
        return None
    return (start, j + 1)


def _head_word(tok: Token, lex: Lexicon) -> bool:
    """True if ``tok`` can end a noun phrase that a prepositional phrase then modifies."""
    if not tok.is_word or tok.quoted:
        return False
    if tok.is_cap or is_role_word(tok.lower, lex):
        return True
    low = tok.lower
    return not (
        low in lex.be_forms
        or low in lex.adverbs
        or low in lex.boundaries
        or low in lex.pronouns
        or low in _POSTMODS
        or low in ("and", "or", "but", "not", "also")
        or lex.cue_lemma(low, direct=True) is not None
        or low.endswith(("ing", "ed"))
    )


def _appositive(tokens: list[Token], lex: Lexicon) -> bool:
    """True if ``tokens`` (between commas after a name) read as an appositive: "a spokesman for X"."""
    if not tokens:
        return False
    if tokens[0].lower in _RELATIVES:
        return True
    for t in tokens:
        if t.lower in _RELATIVES or t.lower in ("where", "when"):
            break  # a relative clause inside the appositive may have its own verb
        if t.lower in lex.be_forms or t.lower in ("has", "have", "had", "will", "would"):
            return False
    if _appositive_start(tokens[0], lex):
        return True
    return any(t.lower in lex.roles or t.lower.rstrip(".") in lex.titles for t in tokens[:8])


def _appositive_start(tok: Token, lex: Lexicon) -> bool:
    low = tok.lower
    return (
        low in _RELATIVES
        or low in _DETERMINERS
        or low in lex.roles
        or low in lex.titles
        or tok.text[:1].isdigit()
        or low in ("himself", "herself")
        or (not tok.is_cap and low.endswith(("ing", "ed")) and len(low) > 4)  # ", speaking on condition"
    )


def subject_before(tokens: list[Token], c: int, lo: int, lex: Lexicon) -> Span | None:
    """Return the speaker phrase before the cue at ``c`` (appositive included), or None."""
    j = _skip_back(tokens, c - 1, lo, lex)
    if j < lo:
        return None
    tok = tokens[j]
    if tok.quoted:
        return None
    if tok.lower == "who" and j - 1 >= lo:
        k = j - 1 if tokens[j - 1].text != "," else j - 2
        if k < lo or not tokens[k].is_cap:
            return None
        b = k
        while b - 1 >= lo and tokens[b - 1].is_cap and tokens[b - 1].is_word:
            b -= 1
        return (b, k + 1)  # "... touched on by Bortis who noted"
    if tok.lower in lex.pronouns and tok.lower not in ("her", "him", "them"):
        return (j, j + 1)
    if tok.text == ",":
        for k in range(lo + 1, j):
            if tokens[k].text != "," or tokens[k].quoted:
                continue
            if k + 1 < j and _appositive(tokens[k + 1 : j], lex):
                head = noun_phrase_back(tokens, k - 1, lo, lex)
                if head is not None and head[1] == k and (head[0] == lo or tokens[head[0]].is_cap):
                    return (head[0], j)  # "Jane Doe, a spokeswoman, said"
                segment = tokens[k + 1 : j]
                if tokens[k + 1].lower in _DETERMINERS and any(t.is_cap and t.is_word for t in segment[1:]):
                    # "Facebook made the tool for a crisis, a spokeswoman, Anna White, said": the words
                    # before the first comma are what she said
                    return (k + 1, j)
                if head is not None and head[1] == k:
                    return (head[0], j)
        return None
    return noun_phrase_back(tokens, j, lo, lex)


def subject_after(tokens: list[Token], c: int, hi: int, lex: Lexicon, *, clause: bool = False) -> Span | None:
    """Return the speaker phrase right after the cue at ``c`` ("said Jane Doe, a spokeswoman"), or None.

    With ``clause``, the phrase is the subject of a clause and ends where its verb seems to begin ("The
    nurse later sued", "The Vermont senator emailed supporters").
    """
    i = c + 1
    if i < hi and tokens[i].lower == "to" and tokens[c].lower == "according":
        i += 1
    while i < hi and lex.skippable(tokens[i].text):
        i += 1
    if i >= hi or tokens[i].quoted:
        return None
    if tokens[i].lower in lex.frame_open and tokens[c].lower != "according":
        return None  # "..., said on Saturday, and ...": no speaker after the cue
    if tokens[i].lower in lex.pronouns and tokens[i].lower not in ("him", "her", "them", "it"):
        return (i, i + 1)
    j = i
    lower_words = 0
    while j < hi:
        tok = tokens[j]
        if tok.quoted or (not tok.is_word and tok.text not in ".-&'’"):
            break
        if tok.lower in lex.boundaries and not tok.is_cap:
            break
        if tok.text == "." and j + 1 < hi and not (len(tokens[j - 1].text) <= 3 and tokens[j - 1].is_cap):
            break
        if clause and j > i and _verb_like(tok, lex):
            break
        if tok.is_word and not tok.is_cap and tok.lower not in lex.roles and tok.lower not in _DETERMINERS:
            if tok.lower in _PREPOSITIONS and j > i and tokens[j - 1].is_cap:
                if tok.lower in _LINKS | {"on"} and (
                    (j + 1 < hi and tokens[j + 1].is_cap)
                    or (j + 2 < hi and tokens[j + 1].lower == "the" and tokens[j + 2].is_cap)
                ):
                    j += 1  # "the National Institute on Drug Abuse", "Jane Doe of the union"
                    continue
                break  # "said Smith in a statement"
            lower_words += 1
            if lower_words > 4:
                break
        j += 1
    while j > i and not tokens[j - 1].is_word:
        j -= 1
    if j == i:
        return None
    end = j
    if (
        end + 1 < hi
        and tokens[end].lower == "who"
        and tokens[i].lower in ("a", "an", "one", "another", "the")
    ):
        # "said a woman who lives nearby": the relative clause says who she is
        k = end + 1
        while k < hi and k < end + 15 and tokens[k].text not in ",.;:!?" and not tokens[k].quoted:
            k += 1
        if k >= hi or tokens[k].text in ".!?":
            return (i, k)
    if end + 1 < hi and tokens[end].text == ",":
        k = end + 1
        while k < hi and tokens[k].text not in ",.;:!?" and not tokens[k].quoted:
            k += 1
        if _appositive(tokens[end + 1 : k], lex):
            end = k
    return (i, end)


def listener_end(tokens: list[Token], c: int, hi: int, lex: Lexicon) -> int:
    """Return where the listener after the cue at ``c`` ends ("told reporters", "told CBC News")."""
    i = c + 1
    if i < hi and tokens[i].lower in _OBJECT_PRONOUNS:
        return i + 1
    k = i + 1 if i + 1 < hi and tokens[i].lower == "the" and tokens[i + 1].is_cap else i
    if k < hi and tokens[k].is_cap and not tokens[k].quoted:
        # a named listener: "told HuffPost Canada the issue is ...", "told the Canadian Press"
        while k < hi and (
            (tokens[k].is_cap and tokens[k].is_word)
            or (tokens[k].lower in ("of", "the", "&", ".") and k + 1 < hi and tokens[k + 1].is_cap)
        ):
            k += 1
        return k
    if i < hi and (tokens[i].is_cap or tokens[i].lower in _DETERMINERS):
        span = subject_after(tokens, c, hi, lex)
        if span is not None and span[1] - span[0] <= 6:
            return span[1]
    return i


_AUXILIARIES = frozenset("has have had will would could can may might must should did does do".split())


def _verb_like(tok: Token, lex: Lexicon) -> bool:
    """True for a lower-case word that likely begins a verb phrase ("later", "declined", "has")."""
    low = tok.lower
    if not tok.is_word or tok.is_cap or low in lex.roles:
        return False
    return (
        low in lex.adverbs
        or low in lex.be_forms
        or low in _AUXILIARIES
        or (low.endswith("ed") and len(low) > 3)
        or low in lex.past_verbs
        or lex.cue_lemma(low, direct=True) is not None
    )


def content_start(tokens: list[Token], c: int, hi: int, lemma: str, lex: Lexicon) -> int:
    """Return where the reported words begin after the cue at ``c`` (``hi`` if nothing follows)."""
    i = listener_end(tokens, c, hi, lex) if lemma in lex.object_cues else c + 1
    while i < hi:
        tok = tokens[i]
        if tok.text in ",:" or lex.skippable(tok.text):
            i += 1
            continue
        if (tok.lower in lex.frame_open or tok.lower in _PREPOSITIONS) and not tok.quoted:
            that = next((k for k in range(i + 1, min(hi, i + 8)) if tokens[k].lower == "that"), None)
            if that is not None and not any(t.quoted or t.text in ",;:" for t in tokens[i:that]):
                return that + 1  # "acknowledged before the judge that ..."
        if tok.lower in lex.frame_open and not tok.quoted:
            k = i + 1
            while k < hi and k < i + 7 and tokens[k].text not in ",:" and tokens[k].lower != "that":
                k += 1
            if any(t.lower in lex.frame_nouns for t in tokens[i + 1 : k]) and not any(
                t.quoted for t in tokens[i:k]
            ):
                i = k
                continue
            if k < hi and tokens[k].text == "," and k - i <= 5 and not any(t.quoted for t in tokens[i:k]):
                i = k + 1  # "admits in this instance, there were fatalities"
                continue
        break
    if i < hi and tokens[i].lower == "that":
        i += 1
    if i < hi and tokens[i].text in ",:":
        i += 1
    return i


def content_ok(tokens: list[Token], i: int, hi: int, lemma: str, lex: Lexicon, c: int = -1) -> bool:
    """True if ``tokens[i:hi]`` can be what someone said after the cue lemma ``lemma`` at ``c``."""
    words = [t for t in tokens[i:hi] if t.is_word]
    if len(words) < 3:
        return False
    first = tokens[i].lower
    after_that = i > 0 and tokens[i - 1].lower == "that"
    if (first[:1].isdigit() and not after_that) or first in ("$", "%", "guilty", "not", "responsibility"):
        return False  # "added 0.3 per cent", "pleaded guilty"
    if lex.cue_lemma(first) is not None and first.endswith("ing"):
        return False  # "said, adding that ...": the words are before the cue
    if lemma in lex.that_cues and not (i > 0 and tokens[i - 1].lower == "that"):
        return False
    if c >= 0 and tokens[c + 1].text == "," and not tokens[i].quoted:
        return False  # "..., the Kenya Red Cross said, raising the possibility ..."
    if first == "to":
        return lemma in lex.to_cues
    if first in _PREPOSITIONS and not after_that:
        # "said with the rise of social media, people have ..."
        return any(t.text == "," for t in tokens[i + 1 : min(hi, i + 12)]) and len(words) >= 6
    return first not in lex.be_forms
