"""Speaker phrases: read a run of tokens as a name, a pronoun or a description, with its role.

``Government spokesman Phay Siphan`` is the name ``Phay Siphan`` with the role ``government spokesman``;
``Mr Sok`` is the name ``Sok`` with a male honorific; ``the spokesman`` is a description whose role noun
(``spokesman``) later lets it resolve to the person introduced with that role.
"""

from __future__ import annotations

from dataclasses import dataclass

from copydesk.attribute.lexicon import Lexicon
from copydesk.attribute.text import Token

_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "another", "one"})
_NAME_JOINERS = frozenset(
    {"de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "bin", "al", "el", "&", "-"}
)
_ORG_JOINERS = frozenset({"of", "for", "on", "the"})
_OF_WORDS = frozenset({"of", "for", "at", "with", "from", "in", "on", "to", "by"})


@dataclass(slots=True)
class Mention:
    """How a speaker is referred to at a cue."""

    text: str
    start: int
    end: int
    kind: str  # name, pronoun or description
    name: str | None = None  # the name without honorific or title ("Phay Siphan")
    role: str | None = None  # "government spokesman", "Prime Minister", "spokesman"
    gender: str | None = None  # m or f when an honorific or pronoun says so

    @property
    def surname(self) -> str | None:
        """The last word of the name."""
        return self.name.split()[-1] if self.name else None


def _role_text(words: list[Token]) -> str | None:
    if not words:
        return None
    text = " ".join(w.text for w in words).replace(" ,", ",").replace(" '", "'").replace(" ’", "’")
    if any(not w.is_cap and w.is_word for w in words):
        return (
            text[0].lower() + text[1:] if not (len(words[0].text) > 1 and words[0].text.isupper()) else text
        )
    return text


def is_name_token(tok: Token, lex: Lexicon) -> bool:
    """True for a capitalised word that can be part of a name (not "I’d" or "He’s")."""
    if not (tok.is_cap and tok.is_word) or tok.lower in lex.pronouns:
        return False
    for apostrophe in ("’", "'"):
        if apostrophe in tok.text:
            head, _, tail = tok.lower.partition(apostrophe)
            if head in lex.pronouns or tail in ("d", "m", "ll", "ve", "re") or head in lex.function_words:
                return False
    return True


def name_run_end(tokens: list[Token], i: int, hi: int, lex: Lexicon, *, orgs: bool = False) -> int:
    """Return the end of the capitalised name starting at ``tokens[i]`` (exclusive, at most ``hi``)."""
    j = i
    while j < hi:
        tok = tokens[j]
        if is_name_token(tok, lex) and tok.quoted == tokens[i].quoted:
            j += 1
            continue
        joiner = tok.lower in _NAME_JOINERS or (
            orgs
            and tok.lower in _ORG_JOINERS
            and any(t.lower in lex.org_words or t.lower in lex.titles for t in tokens[i:j])
        )
        if (
            joiner
            and j > i
            and j + 1 < hi
            and is_name_token(tokens[j + 1], lex)
            and tokens[j + 1].lower not in lex.cap_adverbs  # not "Acme Corporation on Friday"
        ):
            j += 1
            continue
        if tok.text == "." and j > i and len(tokens[j - 1].text) == 1 and tokens[j - 1].end == tok.start:
            j += 1  # a middle initial: "Harry J. Kazianis"
            continue
        break
    return j


def is_role_word(low: str, lex: Lexicon) -> bool:
    """True for a role noun or its plural ("officials", "authorities", "police")."""
    if low in lex.roles:
        return True
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", "")):
        if low.endswith(suffix) and low[: -len(suffix)] + repl in lex.roles:
            return True
    return False


def _trailing_name(head: list[Token], lex: Lexicon) -> int:
    """Index in ``head`` where its closing capitalised name begins (``len(head)`` if there is none)."""
    k = len(head)
    while k > 0 and (
        is_name_token(head[k - 1], lex) or head[k - 1].text == "." or head[k - 1].lower in _NAME_JOINERS
    ):
        k -= 1
    while k < len(head) and not is_name_token(head[k], lex):
        k += 1
    return k


def _is_title(tok: Token, lex: Lexicon) -> bool:
    low = tok.lower[:-2] if tok.lower.endswith(("'s", "’s")) else tok.lower
    return (
        low.rstrip(".") in lex.titles
        or lex.honorific(tok.text) is not None
        or low in lex.function_words
        or low in lex.roles
    )


def split_name(head: list[Token], lex: Lexicon) -> tuple[list[Token], list[Token]]:
    """Split a phrase into its prefix (determiner, titles, role words) and its closing name."""
    k = _trailing_name(head, lex)
    prefix, name = head[:k], head[k:]
    last = max((n for n, tok in enumerate(name[:-1]) if _is_title(tok, lex)), default=-1)
    if last >= 0:
        prefix, name = prefix + name[: last + 1], name[last + 1 :]
    if len(prefix) >= 2 and prefix[-1].lower == "of" and _is_title(prefix[-2], lex) and len(name) > 2:
        prefix, name = prefix + name[:1], name[1:]  # "Secretary of State Mike Pompeo"
    while name and name[0].text == ".":
        prefix, name = prefix + name[:1], name[1:]
    return prefix, name


def _coordinated(head: list[Token], lex: Lexicon) -> str | None:
    """Two names joined by "and" at the end of a phrase: "owners Tore Sohlberg and Lehla Abreder"."""
    ands = [n for n, t in enumerate(head) if t.lower == "and"]
    if len(ands) != 1 or ands[0] == 0:
        return None
    n = ands[0]
    _, second = split_name(head[n + 1 :], lex)
    _, first = split_name(head[:n], lex)
    if not first or not second or len(second) != len(head) - n - 1 or first[-1] is not head[n - 1]:
        return None
    return " ".join(t.text for t in first) + " and " + " ".join(t.text for t in second)


def _trim(tokens: list[Token]) -> list[Token]:
    toks = list(tokens)
    while toks and not toks[0].is_word:
        toks.pop(0)
    while toks and not toks[-1].is_word:
        toks.pop()
    return toks


def build_mention(tokens: list[Token], lex: Lexicon) -> Mention | None:
    """Read ``tokens`` (a speaker phrase) as a :class:`Mention`, or None if it is not one."""
    toks = _trim(tokens)
    if not toks:
        return None
    start, end = toks[0].start, toks[-1].end
    text = " ".join(t.text for t in toks).replace(" ,", ",").replace(" .", ".")
    if len(toks) == 1 and toks[0].lower in lex.pronouns:
        said = lex.pronouns[toks[0].lower]
        return Mention(toks[0].text, start, end, "pronoun", gender=said if said in "mf" else None)
    head, appositive = toks, []
    for k, tok in enumerate(toks):
        if tok.text == "," and k > 0:
            head, appositive = toks[:k], _trim(toks[k + 1 :])
            break
    for n, tok in enumerate(head):
        if (
            n >= 2
            and tok.lower in ("of", "with", "from", "at")
            and is_name_token(head[n - 1], lex)
            and not _is_title(head[n - 1], lex)
        ):
            if split_name(head[:n], lex)[1] and not any(t.lower in lex.org_words for t in head[:n]):
                head = head[:n]  # "Jingyi Pan of IG", "Tim Guest with the Nova Scotia Health Authority"
                break
    group = _coordinated(head, lex) or (_coordinated(appositive, lex) if appositive else None)
    if group is not None:
        return Mention(text, start, end, "name", name=group)
    prefix, name_toks = split_name(head, lex)
    if name_toks and prefix and prefix[-1].lower in _OF_WORDS:
        name_toks = []  # "the director of operations for EHS": EHS does not speak, the director does
    gender = next((g for t in prefix if (g := lex.honorific(t.text)) in ("m", "f")), None)
    role_words = [
        t for t in prefix if t.lower not in _DETERMINERS and lex.honorific(t.text) is None and t.text != "."
    ]
    possessive = any(t.lower.endswith(("'s", "’s")) for t in head)
    appos_role = _role_text([t for t in appositive if t.lower not in _DETERMINERS])
    if name_toks and is_role_word(name_toks[-1].lower, lex):
        if len(name_toks) == 1 or (prefix and prefix[0].lower in _DETERMINERS):
            name_toks = []  # "Officials said", "the Kentucky Republican said": described, not named
    if possessive and not name_toks:
        owner = next(n for n, t in enumerate(head) if t.lower.endswith(("'s", "’s")))
        rest = [t for t in head[owner + 1 :] if t.is_word]
        first_cap = next((n for n, t in enumerate(rest) if is_name_token(t, lex)), None)
        document = bool(rest) and rest[-1].lower in lex.documents
        if first_cap is not None and not document and not lex.skippable(rest[first_cap].text):
            # "the province's Department of Community Services", "North Korea's KCNA news agency"
            name = " ".join(t.text for t in rest[first_cap:])
            return Mention(text, start, end, "name", name=name)
    if name_toks and not possessive:
        name = " ".join(t.text for t in name_toks).replace(" .", ".")
        return Mention(
            text, start, end, "name", name=name, role=_role_text(role_words) or appos_role, gender=gender
        )
    if appositive:
        a_prefix, a_name = split_name(appositive, lex)
        if a_name and not a_prefix:
            name = " ".join(t.text for t in a_name).replace(" .", ".")
            words = [
                t
                for t in head
                if t.lower not in _DETERMINERS and t.lower not in ("his", "her", "their", "its")
            ]
            return Mention(text, start, end, "name", name=name, role=_role_text(words))
    words = [t for t in head if t.lower not in _DETERMINERS]
    if not words:
        return None
    first = appositive[0].lower if appositive else ""
    if first in ("who", "which", "that", "whose", "a", "an", "the") or (
        first.endswith(("ing", "ed")) and len(first) > 4
    ):
        # "The complaint, which was filed in court", "An official, speaking on condition of anonymity",
        # "the group, an al-Qaeda affiliate": the description is the noun phrase
        text, end = _join(head), head[-1].end
    return Mention(text, start, end, "description", role=_role_text(words))


def _join(tokens: list[Token]) -> str:
    return " ".join(t.text for t in tokens).replace(" ,", ",").replace(" .", ".")
