"""Who said what: the :class:`Attributor` step and the :func:`attribute` function.

For one clean article it finds quote-marked spans (:mod:`.quotes`), reads the cue and speaker phrase
around each and around every cue verb (:mod:`.finder`), groups the names of the article into entities
(:mod:`.entities`) and resolves each speaker mention to one of them (:mod:`.speakers`). Quotes without
their own cue inherit a speaker: the other half of a quote split around its cue, the rest of a
quotation running over several paragraphs, or, for a paragraph that is only a quote, the last speaker.
"""

from __future__ import annotations

from dataclasses import dataclass

from copydesk.attribute.entities import Named, build_entities, find_names
from copydesk.attribute.finder import Found, ParagraphFinder
from copydesk.attribute.lexicon import Lexicon, load_lexicon
from copydesk.attribute.mentions import Mention, build_mention
from copydesk.attribute.parse import SubjectParser
from copydesk.attribute.quotes import find_marked, mark_quoted
from copydesk.attribute.speakers import Resolver
from copydesk.attribute.text import read_paragraphs
from copydesk.record import Article, Entity, Quote


@dataclass(frozen=True, slots=True, kw_only=True)
class AttributeOptions:
    """Settings of attribution; the defaults are the tuned ones."""

    indirect: bool = True  # report indirect and mixed quotes as well as direct ones
    min_quote_words: int = 3  # a marked span with no cue that opens a sentence needs this many words
    min_inline_words: int = 2  # one inside a sentence ('became "acutely aware"') needs this many
    use_parser: bool = True  # let the statistical parser read the few sentences the rules cannot
    parser_budget: int = 6  # at most this many sentences per article go to the parser


class Attributor:
    """Finds quotes and speakers in clean article text. Cheap to build and pickle; ``setup()`` loads."""

    def __init__(self, options: AttributeOptions | None = None) -> None:
        self.options = options or AttributeOptions()
        self._lex: Lexicon | None = None
        self._parser: SubjectParser | None = None

    def setup(self) -> None:
        """Load the word lists (and, lazily on first use, the parser)."""
        if self._lex is None:
            self._lex = load_lexicon()
        if self.options.use_parser and self._parser is None:
            self._parser = SubjectParser(self._lex, budget=self.options.parser_budget)

    def warm_up(self) -> None:
        """Load everything now, the parser included, so that the first article pays no loading time."""
        self.setup()
        if self._parser is not None:
            self._parser.load()

    def __getstate__(self) -> dict[str, object]:
        return {"options": self.options}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.options = state["options"]  # type: ignore[assignment]
        self._lex = None
        self._parser = None

    def __call__(self, text: str) -> tuple[list[Quote], list[Entity]]:
        """Return the quotes and entities of ``text`` (paragraphs separated by blank lines)."""
        self.setup()
        lex = self._lex
        assert lex is not None
        view = text.replace("''", '"\u200b')  # two apostrophes stand for a double mark ("''Yes,'' he said")
        paragraphs = read_paragraphs(view, lex)
        marked = find_marked(view, paragraphs)
        mark_quoted(paragraphs, marked)
        if self._parser is not None:
            self._parser.reset(view)
        found: list[Found] = []
        for para in paragraphs:
            spans = [s for s in marked if s.paragraph == para.index]
            finder = ParagraphFinder(
                para,
                spans,
                lex,
                self.options.min_quote_words,
                self._parser.subject if self._parser is not None else None,
                self.options.min_inline_words,
            )
            found.extend(finder.find())
        if not self.options.indirect:
            found = [f for f in found if f.kind == "direct"]
        names = find_names(paragraphs, lex)
        signatures = [(f.mention.start, f.mention.end) for f in found if f.aside and f.mention]
        for span in names:
            if any(a <= span.start < b for a, b in signatures):
                span.subject = False  # the name under a pull quote or tweet is no subject of the story
        speakers = {f.mention.name for f in found if f.mention is not None and f.mention.name}
        entities = build_entities(names, lex, speakers)
        resolver = Resolver(entities, names, lex, view)
        narrators: dict[int, Named] = {}
        for span in names:
            ent = resolver.entity_for_name(span.text, span.start)
            if span.subject and not span.quoted and ent is not None and ent.label == "PERSON":
                narrators.setdefault(span.paragraph, ent)
        openers = {
            para.index: build_mention(para.tokens[:1], lex)
            for para in paragraphs
            if para.tokens and para.tokens[0].lower in ("he", "she") and not para.tokens[0].quoted
        }
        quotes, owners = _resolve(text, found, resolver, narrators, openers)
        return quotes, _entity_records(entities, quotes, owners)

    def attribute_article(self, article: Article) -> Article:
        """Fill ``article.quotes`` and ``article.entities`` from its body; returns the article."""
        article.quotes, article.entities = self(article.text)
        return article


def _resolve(
    text: str,
    found: list[Found],
    resolver: Resolver,
    narrators: dict[int, Named],
    openers: dict[int, Mention | None],
) -> tuple[list[Quote], list[Named | None]]:
    """Resolve speakers in text order and let quotes without a cue inherit one."""
    quotes: list[Quote] = []
    owners: list[Named | None] = []
    resolved: list[tuple[str | None, Named | None, Found]] = []
    for item in found:
        if item.mention is None:
            resolved.append((None, None, item))
            continue
        at = item.cue_at if item.cue_at is not None else item.start
        name, ent = resolver.resolve(item.mention, at, (item.start, item.end))
        if name is not None and not item.aside:
            # a pull quote or an embedded tweet stands apart from the story: it makes nobody salient
            resolver.note_speaker(name, ent, item.mention, at)
        resolved.append((name, ent, item))
    # a paragraph that opens with "He" or "She" tells about the person the pronoun stands for
    for index, opener in openers.items():
        if opener is not None and index not in narrators:
            _, ent = resolver.resolve(opener, opener.start)
            if ent is not None and ent.label == "PERSON":
                narrators[index] = ent
    # quotes with no cue of their own: same paragraph first, then the quotation they continue, then the last
    for n, (_, _, item) in enumerate(resolved):
        if item.mention is not None:
            continue
        donor = _donor(resolved, n, narrators)
        if donor is not None:
            resolved[n] = (donor[0], donor[1], item)  # the speaker only: the quote has no cue of its own
    for name, ent, item in resolved:
        donor_mention = item.mention
        role = None
        if donor_mention is not None and donor_mention.kind == "name":
            role = donor_mention.role
        if role is None and ent is not None and ent.roles:
            role = ent.roles[0]
        if role is None and donor_mention is not None and donor_mention.kind == "description":
            role = donor_mention.role
        quotes.append(
            Quote(
                text=text[item.start : item.end],
                kind=item.kind,
                start=item.start,
                end=item.end,
                speaker=name,
                speaker_mention=donor_mention.text if donor_mention is not None else None,
                role=role,
                cue=item.cue,
            )
        )
        owners.append(ent)
    return quotes, owners


def _donor(
    resolved: list[tuple[str | None, Named | None, Found]], n: int, narrators: dict[int, Named]
) -> tuple[str | None, Named | None] | None:
    item = resolved[n][2]
    # the other part of a quote split around its cue, in the same paragraph
    for k in (n - 1, n + 1, n - 2, n + 2):
        if 0 <= k < len(resolved):
            name, ent, other = resolved[k]
            if other.paragraph == item.paragraph and other.mention is not None and name is not None:
                return name, ent
    # a quotation over several paragraphs gets its speaker from a later paragraph when it opens unclosed
    if item.marked and item.marked[0].close_at is None:
        for name, ent, other in resolved[n + 1 :]:
            if other.paragraph > item.paragraph + 3:
                break
            if other.mention is not None and name is not None:
                return name, ent
    # a quote paragraph after a paragraph that tells about someone, with no quotation of its own
    before = item.paragraph - 1
    if before in narrators and not any(other.paragraph == before for _, _, other in resolved):
        ent = narrators[before]
        return ent.name, ent
    for name, ent, other in reversed(resolved[:n]):
        if name is not None and not other.aside:
            return name, ent
    return None


def _entity_records(entities: list[Named], quotes: list[Quote], owners: list[Named | None]) -> list[Entity]:
    records: list[Entity] = []
    index: dict[int, Entity] = {}
    for ent in entities:
        rec = Entity(
            name=ent.name,
            label=ent.label,
            mentions=list(ent.mentions),
            role=ent.roles[0] if ent.roles else None,
        )
        records.append(rec)
        index[id(ent)] = rec
    for n, (quote, owner) in enumerate(zip(quotes, owners, strict=True)):
        if owner is not None and owner.label == "PERSON":
            index[id(owner)].quotes.append(n)
        elif owner is None and quote.speaker and quote.speaker_mention and quote.speaker[:1].isupper():
            named = next((r for r in records if r.name == quote.speaker), None)
            if named is None:
                named = Entity(name=quote.speaker, label="PERSON", mentions=[quote.speaker_mention])
                records.append(named)
            named.quotes.append(n)
    return records


def attribute(text: str, options: AttributeOptions | None = None) -> tuple[list[Quote], list[Entity]]:
    """Return the quotes and entities of a clean article text (paragraphs separated by blank lines)."""
    return Attributor(options)(text)
