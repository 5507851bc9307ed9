"""Names in an article: find capitalised names, type them, and group the mentions of each entity.

Typing uses evidence that a small NER model lacks or gets wrong: an honorific or title before the name
(``Mr``, ``Prime Minister``), a word that marks an organisation (``Council``, ``Police``), a gazetteer of
places, and whether the name is later used alone as a surname. ``Phay Siphan``, introduced as
``Government spokesman Phay Siphan``, is a person here whatever a tagger would say.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from copydesk.attribute.lexicon import Lexicon
from copydesk.attribute.mentions import is_name_token, name_run_end, split_name
from copydesk.attribute.text import Paragraph, Token


@dataclass(slots=True)
class NameSpan:
    """One occurrence of a capitalised name."""

    text: str
    start: int
    end: int
    paragraph: int
    token: int  # index of its first token in the paragraph
    subject: bool  # it opens its sentence (after an optional introductory phrase)
    titled: bool = False  # an honorific or title stood before it
    gender: str | None = None
    role: str | None = None  # "government spokesman" in "Government spokesman Phay Siphan"
    quoted: bool = False
    written: str = ""  # as written, with its honorific ("Mr Sok")
    next_pronoun: str | None = None  # gender of the first he/she that follows before another name
    appositive: str | None = (
        None  # "the lawyer for the society" in "Megan Bortis, the lawyer for the society,"
    )


@dataclass(slots=True)
class Named:
    """An entity of the article being built: canonical name, label and mentions."""

    name: str
    label: str
    first: int  # offset of its first mention
    mentions: list[str] = field(default_factory=list)
    gender: str | None = None
    roles: list[str] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)  # the name texts (without honorifics) that refer to it
    votes: dict[str, int] = field(default_factory=dict)  # pronoun genders seen after its mentions

    @property
    def parts(self) -> list[str]:
        """The words of the name."""
        return self.name.split()


_ORG_INNER = frozenset({"of", "for", "on"})


def _base(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _strip_possessive(text: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def find_names(paragraphs: list[Paragraph], lex: Lexicon) -> list[NameSpan]:
    """Return every capitalised name in the article, with titles and sentence-initial words stripped."""
    found: list[NameSpan] = []
    for para in paragraphs:
        tokens = para.tokens
        starts = {s.lo for s in para.sentences}
        for sent in para.sentences:
            i = sent.lo
            while i < sent.hi:
                if not is_name_token(tokens[i], lex):
                    i += 1
                    continue
                j = name_run_end(tokens, i, sent.hi, lex, orgs=True)
                if all(t.text.isupper() for t in tokens[i:j]) and j < sent.hi and tokens[j].text in ":|":
                    i = j  # a label such as "WATCH:" or "ENERGY:"
                    continue
                k = i
                while (
                    k < j
                    and (k in starts or tokens[k - 1].text in "“\"‘'")
                    and tokens[k].lower in lex.function_words
                ):
                    k += 1
                prefix, name = split_name(tokens[k:j], lex)
                if any(t.lower in _ORG_INNER for t in tokens[k:j]) and not any(
                    _base(t.lower).rstrip(".") in lex.titles for t in tokens[k:j]
                ):
                    prefix, name = [], tokens[k:j]  # "Bank of Canada", not a title before "Canada"
                if all(_base(t.lower).rstrip(".") in lex.titles for t in name):
                    i = max(j, i + 1)
                    continue
                titled = any(
                    _base(t.lower).rstrip(".") in lex.titles or lex.honorific(t.text) for t in prefix
                )
                gender = next((g for t in prefix if (g := lex.honorific(t.text)) in ("m", "f")), None)
                k += len(prefix)
                while k < j and tokens[k].lower in ("of", "for", "and", "the", "&", "-"):
                    k += 1
                end = j
                while end > k and tokens[end - 1].lower in ("of", "for", "and", "the", "&", "-", "."):
                    end -= 1
                if end < len(tokens) and tokens[end].text == "/":
                    end = k  # a photo credit: "(Tijana Martin/The Canadian Press)"
                owner = max(
                    (n for n in range(k, end - 2) if tokens[n].lower.endswith(("'s", "’s"))), default=-1
                )
                if owner >= 0:
                    k = owner + 1  # "CBC's Richard Cuthbertson", "Canada's Justin Trudeau": the person only
                if end > k:
                    text = _strip_possessive(
                        " ".join(t.text for t in tokens[k:end]).replace(" .", ".").replace(" - ", "-")
                    )
                    subject = k == sent.lo or (
                        k - 1 >= sent.lo and tokens[k - 1].text == "," and k - 1 < sent.lo + 8
                    )
                    if prefix and not subject:
                        subject = k - len(prefix) == sent.lo
                    role, begin = _role_before(para, k - len(prefix), k, sent.lo, lex)
                    if not subject and (begin == sent.lo or _after_comma(tokens, begin, sent.lo)):
                        subject = True  # "Chinese Foreign Ministry spokesperson Lu Kang gave ..."
                    if not subject and _appositive_subject(tokens, k, end, sent.lo, sent.hi, lex):
                        subject = True  # "A researcher at Symantec, Kevin Haley, agreed ..."
                    appositive = _role_after(para, end, sent.hi, lex)
                    written = " ".join(
                        t.text for t in tokens[k - len([t for t in prefix if lex.honorific(t.text)]) : end]
                    )
                    found.append(
                        NameSpan(
                            text,
                            tokens[k].start,
                            tokens[end - 1].end,
                            para.index,
                            k,
                            subject,
                            titled,
                            gender,
                            role,
                            tokens[k].quoted,
                            _strip_possessive(written.replace(" .", ".")),
                            appositive=appositive,
                        )
                    )
                i = max(j, i + 1)
    _vote_pronouns(paragraphs, found, lex)
    return found


def _vote_pronouns(paragraphs: list[Paragraph], found: list[NameSpan], lex: Lexicon) -> None:
    """Note the gender of the first he/she/his/her after each name, before the next name: a gender vote."""
    starts = {(s.paragraph, s.token) for s in found}
    for span in found:
        if span.quoted or not span.subject:
            continue  # an object's following pronoun is usually the subject's
        tokens = paragraphs[span.paragraph].tokens
        k = span.token + 1
        while k < len(tokens) and k < span.token + 40:
            tok = tokens[k]
            if (span.paragraph, k) in starts:
                break
            if not tok.quoted and tok.lower in lex.pronouns and lex.pronouns[tok.lower] in ("m", "f"):
                span.next_pronoun = lex.pronouns[tok.lower]
                break
            k += 1


def _role_before(para: Paragraph, i: int, k: int, lo: int, lex: Lexicon) -> tuple[str | None, int]:
    """The role words before a name (titles plus a run ending in a role noun) and where they begin."""
    tokens = para.tokens
    words = [t for t in tokens[i:k] if lex.honorific(t.text) is None and t.lower not in lex.function_words]
    b = i
    if b - 1 >= lo and tokens[b - 1].lower in lex.roles and not tokens[b - 1].quoted:
        while b - 1 >= lo and i - b < 5:
            prev = tokens[b - 1]
            if (
                not prev.is_word
                or prev.quoted
                or prev.lower in lex.boundaries
                or prev.lower in lex.function_words
            ):
                break
            b -= 1
    words = tokens[b:i] + words
    if not words:
        return None, b
    text = " ".join(t.text for t in words)
    if any(not t.is_cap for t in words):
        text = text[0].lower() + text[1:] if not words[0].text.isupper() else text
    return text, b


def _after_comma(tokens: list[Token], begin: int, lo: int) -> bool:
    return begin - 1 > lo and tokens[begin - 1].text == "," and begin - 1 < lo + 8


def _appositive_subject(tokens: list[Token], k: int, end: int, lo: int, hi: int, lex: Lexicon) -> bool:
    """True for a name set off by commas that a verb follows: "A researcher, Kevin Haley, agreed"."""
    if not (lo < k - 1 < lo + 15 and end + 1 < hi and tokens[k - 1].text == "," and tokens[end].text == ","):
        return False
    verb = tokens[end + 1]
    return (
        verb.is_word
        and not verb.is_cap
        and not verb.quoted
        and verb.lower not in lex.function_words
        and verb.lower not in lex.boundaries
        and verb.lower not in ("a", "an", "the", "who", "whose", "which")
        and not lex.skippable(verb.text)
    )


def _role_after(para: Paragraph, end: int, hi: int, lex: Lexicon) -> str | None:
    """An appositive after a name: ", a Kentucky Republican," or ", the lawyer for the society"."""
    tokens = para.tokens
    if end + 2 >= hi or tokens[end].text != "," or tokens[end + 1].lower not in ("a", "an", "the"):
        return None
    k = end + 2
    while k < hi and tokens[k].text not in ",.;:!?()" and not tokens[k].quoted and k - end < 14:
        if tokens[k].lower in lex.be_forms or tokens[k].lower in ("who", "which", "that"):
            return None
        k += 1
    words = tokens[end + 2 : k]
    if not words or k - end >= 14:
        return None
    return " ".join(t.text for t in words)


def _nationality(word: str, lex: Lexicon) -> bool:
    """True for an adjective of nationality ("Korean", "Chinese", "Canadian"), by its place's stem."""
    if not word.endswith(("an", "ese", "ish", "i")) or len(word) < 5:
        return False
    return word[:4] in lex.place_stems


def label_of(span: NameSpan, lex: Lexicon) -> str | None:
    """Return PERSON, ORG or GPE for a name from its own evidence, or None if it has none."""
    words = span.text.split()
    if _nationality(words[-1], lex) and not span.titled:
        return None  # "North Korean", "South Korean officials": a nationality, not a name
    if span.text in lex.places:
        return "GPE"
    if "&" in words:
        return "ORG"
    if any(w.lower() in lex.org_words for w in words) and not (len(words) == 1 and span.subject):
        return "ORG"
    if any(w.isupper() and len(w) > 1 and w.isalpha() for w in words) and not span.titled:
        return "ORG"  # "UN", "BC Hydro", "CBC News"
    if len(words) == 1 and span.subject and not span.titled:
        return None  # a capitalised first word of a sentence: not evidence of a name on its own
    if span.titled:
        return "PERSON"
    if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
        return "PERSON"
    return None


def build_entities(spans: list[NameSpan], lex: Lexicon, speakers: set[str] | None = None) -> list[Named]:
    """Group name occurrences into entities; single words join the person whose name they end or begin."""
    speakers = speakers or set()
    entities: list[Named] = []
    by_name: dict[str, Named] = {}
    singles: list[NameSpan] = []
    for span in spans:
        label = label_of(span, lex)
        if label is None or (label == "PERSON" and len(span.text.split()) == 1 and span.text not in speakers):
            if label is None or len(span.text.split()) == 1:
                singles.append(span)
                continue
        assert label is not None
        ent = by_name.get(span.text)
        if ent is None and label == "PERSON":
            ent = person_for(span.text, entities, span.start)
        if ent is None:
            ent = Named(span.text, label, span.start)
            entities.append(ent)
            by_name[span.text] = ent
        _add(ent, span)
    for span in singles:
        ent = by_name.get(span.text) or person_for(span.text, entities, span.start)
        if ent is None and (span.titled or span.text in speakers):
            ent = Named(span.text, "PERSON", span.start)
            entities.append(ent)
            by_name[span.text] = ent
        if ent is not None:
            _add(ent, span)
    entities = _merge_prefixed(entities)
    for ent in entities:
        if ent.gender is None and ent.label == "PERSON" and len(ent.parts) >= 2:
            ent.gender = lex.given_names.get(ent.parts[0])  # a first name outweighs a pronoun's vote
        if ent.gender is None and ent.votes:
            m, f = ent.votes.get("m", 0), ent.votes.get("f", 0)
            ent.gender = "m" if m > f else "f" if f > m else None
    entities.sort(key=lambda e: e.first)
    return entities


def _merge_prefixed(entities: list[Named]) -> list[Named]:
    """Fold "Getty Images Kevin Vickers" or "Sergeant-at-Arms Kevin Vickers" into "Kevin Vickers"."""
    persons = [e for e in entities if e.label == "PERSON" and len(e.parts) >= 2]
    gone: set[int] = set()
    for long in persons:
        if len(long.parts) < 3:
            continue
        short = next(
            (
                e
                for e in persons
                if e is not long
                and id(e) not in gone
                and 2 <= len(e.parts) < len(long.parts)
                and long.parts[-len(e.parts) :] == e.parts
            ),
            None,
        )
        if short is None:
            continue
        gone.add(id(long))
        short.keys |= long.keys
        short.mentions.extend(m for m in long.mentions if m not in short.mentions)
        short.positions = sorted(short.positions + long.positions)
        short.roles.extend(r for r in long.roles if r not in short.roles)
        short.first = min(short.first, long.first)
        short.gender = short.gender or long.gender
        for g, n in long.votes.items():
            short.votes[g] = short.votes.get(g, 0) + n
    return [e for e in entities if id(e) not in gone]


def _add(ent: Named, span: NameSpan) -> None:
    written = span.written or span.text
    ent.keys.add(span.text)
    if written not in ent.mentions:
        ent.mentions.append(written)
    ent.positions.append(span.start)
    if span.gender and not ent.gender:
        ent.gender = span.gender
    if span.next_pronoun:
        ent.votes[span.next_pronoun] = ent.votes.get(span.next_pronoun, 0) + 1
    if span.appositive and span.appositive not in ent.roles and ent.label == "PERSON":
        ent.roles.append(span.appositive)
    if span.role and span.role not in ent.roles:
        ent.roles.append(span.role)
    if len(span.text) > len(ent.name) and ent.label == "PERSON" and ent.name in span.text.split():
        ent.name = span.text


def person_for(text: str, entities: list[Named], at: int) -> Named | None:
    """The person whose name ``text`` shortens: the full name, its surname, or (if named just
    before) its first name; the one mentioned last before ``at`` wins."""
    words = text.split()
    best: Named | None = None
    best_pos = -2
    for ent in entities:
        if ent.label != "PERSON":
            continue
        parts = ent.parts
        last = max((p for p in ent.positions if p <= at), default=-1)
        if len(words) == 1:
            match = words[0] == parts[-1] or (words[0] == parts[0] and last >= 0 and at - last < 1500)
        else:
            match = words == parts[-len(words) :] or words == parts[: len(words)]
        if match and last > best_pos:
            best, best_pos = ent, last
    return best
