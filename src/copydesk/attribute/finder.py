"""Find quotations in one paragraph: direct quotes with their cue, and reported speech around cues.

The finder only reads; it returns :class:`Found` candidates with a speaker *mention*. Resolving the
mention to a person happens afterwards, in text order, in :mod:`copydesk.attribute.speakers`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from copydesk.attribute import cues
from copydesk.attribute.asides import Aside, embedded_tweet, pull_quote
from copydesk.attribute.lexicon import Lexicon
from copydesk.attribute.mentions import Mention, build_mention
from copydesk.attribute.quotes import MarkedSpan
from copydesk.attribute.text import Paragraph, Sentence, Token

#: A fallback that finds the speaker phrase of the cue at a token when the rules cannot:
#: ``(paragraph, sentence, cue index) -> (start, end)`` token range, or None.
SubjectFallback = Callable[[Paragraph, Sentence, int], "tuple[int, int] | None"]


@dataclass(slots=True)
class Found:
    """A quotation candidate in one paragraph, before speaker resolution."""

    start: int
    end: int
    kind: str  # direct, indirect or mixed
    paragraph: int
    cue: str | None = None
    cue_at: int | None = None  # offset of the cue
    mention: Mention | None = None
    marked: list[MarkedSpan] = field(default_factory=list)
    aside: bool = False  # a pull quote or an embedded tweet, signed rather than told


_SUBORDINATORS = frozenset({"after", "before", "because", "when", "while", "if", "unless", "since", "until"})
_BREAKS = frozenset({",", "but", "and", "while", "as", "although", "though", ";", "—"})


def _words(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if t.is_word)


class ParagraphFinder:
    """Finds the quotations of one paragraph."""

    def __init__(
        self,
        para: Paragraph,
        spans: list[MarkedSpan],
        lex: Lexicon,
        min_words: int,
        fallback: SubjectFallback | None = None,
        inline_words: int = 2,
    ) -> None:
        self.para = para
        self.tokens = para.tokens
        self.spans = spans
        self.lex = lex
        self.min_words = min_words
        self.inline_words = inline_words
        self.fallback = fallback
        self.used: set[int] = set()  # token indexes of cues already used
        last = para.tokens[-1].text if para.tokens else ""
        # headlines, subheads and "READ MORE: ..." links end without a full stop and report nobody
        self._prose = last in '.!?…"”’)'

    def _range(self, span: MarkedSpan) -> tuple[int, int]:
        """Token range of a marked span, marks included."""
        hi_at = span.close_at if span.close_at is not None else span.end - 1
        idx = [i for i, t in enumerate(self.tokens) if span.open_at <= t.start <= hi_at]
        return (idx[0], idx[-1] + 1) if idx else (0, 0)

    def _mention(self, rng: tuple[int, int] | None) -> Mention | None:
        if rng is None:
            return None
        return build_mention(self.tokens[rng[0] : rng[1]], self.lex)

    def find(self) -> list[Found]:
        """Return the paragraph's quotations in text order."""
        found: list[Found] = []
        absorbed: set[int] = set()
        directs: list[tuple[int, Found | None]] = []
        for n, span in enumerate(self.spans):
            directs.append((n, self._direct(span)))
        pull = self._aside(pull_quote(self.para, self.lex, bool(self.spans)))
        if pull is not None:
            return [pull]
        tweet = self._aside(embedded_tweet(self.para, self.lex))
        if tweet is not None:
            found.append(tweet)
            self._prose = True  # what the tweet itself reports ("the union says ...")
        for sent in self.para.sentences:
            for item in self._indirect(sent):
                found.append(item)
                for n, span in enumerate(self.spans):
                    if item.start <= span.start and span.end <= item.end + 1:
                        absorbed.add(n)
        nested = {
            n
            for n, direct in directs
            if direct is not None
            and direct.cue_at is not None
            and any(f.start < direct.cue_at < direct.start and direct.end <= f.end + 1 for f in found)
        }
        for n, direct in directs:
            # a quotation inside reported speech stays apart when it has its own cue there: 'he said he
            # heard students shout, "Build that wall!"', 'in what he called "the loneliest moment"'
            if direct is not None and (n not in absorbed or n in nested):
                found.append(direct)
        found.sort(key=lambda f: f.start)
        return found

    def _aside(self, aside: Aside | None) -> Found | None:
        if aside is None:
            return None
        return Found(
            aside.start, aside.end, "direct", self.para.index, None, aside.at, aside.mention, aside=True
        )

    def _direct(self, span: MarkedSpan) -> Found | None:
        tokens = self.tokens
        qa, qb = self._range(span)
        if qb <= qa:
            return None
        sent_lo = self.para.sentence_of(qa).lo
        head_lo = sent_lo
        for k in range(qa - 1, sent_lo - 1, -1):
            if tokens[k].quoted:
                head_lo = k + 1
                break
        tail_hi = self.para.sentence_of(qb - 1).hi
        for k in range(qb, tail_hi):
            if tokens[k].quoted:
                tail_hi = k
                break
        found = Found(span.start, span.end, "direct", self.para.index, marked=[span])
        head = tokens[head_lo:qa]
        # cue after the quote: '"...," he said' / '"...," said Smith' / '"..." Smith told CBC'
        for c in range(qb, min(tail_hi, qb + 30)):
            lemma = cues.cue_at(tokens, c, self.lex, direct=True)
            if lemma is None:
                continue
            first = next((k for k in range(qb, c + 1) if tokens[k].is_word), c)
            rng = (
                cues.subject_after(tokens, c, tail_hi, self.lex)
                if first == c
                else cues.subject_before(tokens, c, qb, self.lex)
            )
            if rng is not None and first != c and rng[0] != first:
                break  # '"rumblings" that Vickers was running, and she said ...': another clause's cue
            if _words(head) >= 2 and _words(tokens[qa:qb]) < 4:
                break  # 'On Fox News's "Sunday Morning Futures," Issa said ...': a title, not his words
            mention = self._mention(rng)
            if mention is None:
                continue
            self.used.add(c)
            found.cue, found.cue_at, found.mention = cues.cue_phrase(tokens, c), tokens[c].start, mention
            if _words(head) >= 2 and not any(cues.cue_at(tokens, k, self.lex) for k in range(head_lo, qa)):
                found.kind, found.start = "mixed", head[0].start
            return found
        # cue before the quote: 'Smith said: "..."' / 'According to Smith, "..."'
        for c in range(qa - 1, head_lo - 1, -1):
            lemma = cues.cue_at(tokens, c, self.lex, direct=True)
            if lemma is None:
                continue
            if lemma == "according to":
                rng = cues.subject_after(tokens, c, qa, self.lex)
                if rng is None or _words(tokens[rng[1] : qa]) > 0:
                    return None  # "According to Haley, the threats were an "innovation"": reported speech
            else:
                reported = self.lex.cue_lemma(tokens[c].text) is not None
                if reported and cues.content_start(tokens, c, qa, lemma, self.lex) < qa:
                    return None  # reported speech that contains the quote: the indirect pass takes it
                # a verb that never reports speech ("called the conclusion "bold"") keeps the quote direct
                rng = cues.subject_before(tokens, c, head_lo, self.lex)
            mention = self._mention(rng)
            if mention is None:
                break
            self.used.add(c)
            found.cue, found.cue_at, found.mention = cues.cue_phrase(tokens, c), tokens[c].start, mention
            rest = [t for t in tokens[qb:tail_hi] if t.is_word]
            if len(rest) >= 3 and rest[-1].end <= self.para.end and not cues.cue_at(tokens, qb + 1, self.lex):
                found.kind, found.end = "mixed", rest[-1].end  # 'said "nobody knows," and added ...'
            return found
        inner = tokens[qa:qb]
        if head and head[-1].text == ":" and _words(head) >= 2:
            # "Martell, the addictions doctor, is more blunt: "...": the sentence's subject speaks
            mention = self._mention(cues.subject_after(tokens, head_lo - 1, qa, self.lex, clause=True))
            if mention is not None and mention.kind in ("name", "pronoun"):
                found.mention = mention
                return found
        starts_sentence = _words(head) == 0 or (head and head[-1].text == ":")
        if _words(inner) >= self.min_words and starts_sentence:
            return found
        if _words(inner) >= self.inline_words:
            # inside a sentence, words the sentence's subject used: 'he ... became "acutely aware"'
            if not starts_sentence and head_lo == sent_lo:
                found.mention = self._sentence_subject_mention(sent_lo, qa)
            return found
        return None

    def _sentence_subject_mention(self, lo: int, hi: int) -> Mention | None:
        """The person a sentence opens with, after an introductory phrase ("Early on, Dr. Lund became")."""
        tokens = self.tokens
        starts = [lo] + [k + 1 for k in range(lo, min(hi, lo + 8)) if tokens[k].text == ","][:1]
        for start in starts:
            while start < hi and tokens[start].lower in self.lex.function_words:
                start += 1  # "But he ..."
            if start >= hi:
                continue
            end = start + 1
            if tokens[start].lower not in self.lex.pronouns:
                end = start
                while end < hi and not tokens[end].quoted and (tokens[end].is_cap or tokens[end].text == "."):
                    end += 1
            if end >= hi or end == start:
                continue
            after = tokens[end]
            if not after.is_word or after.is_cap or after.lower in cues.PREPOSITIONS:
                continue  # "Early on, ...": no subject yet
            mention = self._mention((start, end))
            if mention is not None and mention.kind in ("name", "pronoun"):
                return mention
        return None

    def _indirect(self, sent: Sentence) -> list[Found]:
        tokens = self.tokens
        out: list[Found] = []
        if not self._prose:
            return out
        lo, hi = sent.lo, sent.hi
        while hi > lo and (not tokens[hi - 1].is_word and not tokens[hi - 1].quoted):
            hi -= 1
        for c in range(lo, hi):
            if c in self.used:
                continue
            lemma = cues.cue_at(tokens, c, self.lex)
            if lemma is None:
                continue
            items = self._around_cue(sent, lo, hi, c, lemma)
            if items:
                self.used.add(c)
                out.extend(items)
        # reported speech ends where the next speaker's clause begins ("..., but Chapman says ..."); a cue
        # nested inside reported speech without such a break is part of what was reported
        kept: list[Found] = []
        for item in out:
            prev = kept[-1] if kept else None
            if prev is not None and item.cue_at is not None and prev.start < item.cue_at < prev.end:
                c = next(k for k in range(lo, hi) if tokens[k].start == item.cue_at)
                if tokens[c - 1].text == "," and tokens[c].lower.endswith("ing"):
                    prev.end = tokens[c - 2].end  # "..., noting that ...": a second report
                    kept.append(item)
                    continue
            if prev is not None and item.mention is not None and prev.start < item.mention.start < prev.end:
                cut = [t for t in tokens[lo:hi] if prev.start <= t.start and t.end <= item.mention.start]
                if not cut or cut[-1].lower not in _BREAKS:
                    continue
                while cut and (not cut[-1].is_word or cut[-1].lower in _BREAKS):
                    cut.pop()
                if not cut:
                    continue
                prev.end = cut[-1].end
            kept.append(item)
        out = kept
        return out

    def _around_cue(self, sent: Sentence, lo: int, hi: int, c: int, lemma: str) -> list[Found]:
        tokens = self.tokens
        if lemma == "according to":
            source = cues.subject_after(tokens, c, hi, self.lex)
            if source is None:
                return []
            if c == lo or (c - 1 == lo and not tokens[lo].is_word):
                a = source[1] + 1 if source[1] < hi and tokens[source[1]].text == "," else source[1]
                return self._made(a, hi, c, source, "according to")
            if source[1] < hi and tokens[source[1]].text == "," and _words(tokens[source[1] : hi]) >= 3:
                # "The harsh truth, according to experts, is that ...": the words either side of the cue
                return self._made(lo, c, c, source, "according to") + self._made(
                    source[1] + 1, hi, c, source, "according to"
                )
            return self._made(lo, c, c, source, "according to")
        content_lo = cues.content_start(tokens, c, hi, lemma, self.lex)
        rng: tuple[int, int] | None
        if c > lo and tokens[c - 1].text == "," and not tokens[c].lower.endswith("ing"):
            after_rng = cues.subject_after(tokens, c, hi, self.lex)
            if (
                after_rng is not None
                and sum(
                    1
                    for t in tokens[after_rng[0] : after_rng[1]]
                    if t.is_word
                    and not t.is_cap
                    and t.lower not in self.lex.roles
                    and t.lower not in ("the", "a", "an")
                )
                > 2
            ):
                after_rng = None  # "..., says his son grew up in Houston": not "said Smith"
            inverted = self._content_first(lo, hi, c, lemma, after_rng, True)
            if inverted:
                return inverted
        conjoined = c > lo and tokens[c - 1].lower == "and"
        if (tokens[c].lower.endswith("ing") and c > lo and tokens[c - 1].text == ",") or (
            conjoined and any(cues.cue_at(tokens, k, self.lex) for k in range(lo, c))
        ):
            rng = self._sentence_subject(lo, c)  # "..., saying that ...", "... and added that ..."
        else:
            rng = cues.subject_before(tokens, c, lo, self.lex)
            if rng is None and self.fallback is not None:
                rng = self.fallback(self.para, sent, c)
                if rng is not None and any(t.quoted for t in tokens[rng[0] : rng[1]]):
                    rng = None
        if (
            rng is not None
            and rng[0] - 1 > lo
            and tokens[rng[0] - 1].text == ","
            and content_lo < hi
            and tokens[content_lo - 1].text == ","
        ):
            # "Facebook made the tool, a spokeswoman said on Saturday, and it has ...": words either side
            either = self._content_first(lo, hi, c, lemma, rng, False)
            if either:
                return either
        if rng is not None and cues.content_ok(tokens, content_lo, hi, lemma, self.lex, c):
            end = hi
            if tokens[content_lo].lower == "to":
                # "vowed to return ... after he was granted asylum": the pledge ends at the subordinate clause
                end = next((k for k in range(content_lo + 3, hi) if tokens[k].lower in _SUBORDINATORS), hi)
            return self._made(content_lo, end, c, rng, cues.cue_phrase(tokens, c))
        # content first: "Being in a public position can be hard, Lonechild said."
        after = rng is None
        if after:
            rng = cues.subject_after(tokens, c, hi, self.lex)
        return self._content_first(lo, hi, c, lemma, rng, after)

    def _content_first(
        self, lo: int, hi: int, c: int, lemma: str, rng: tuple[int, int] | None, after: bool
    ) -> list[Found]:
        """Reported words before the cue: "Being in a public position can be hard, Lonechild said"."""
        tokens = self.tokens
        if rng is None:
            return []
        comma = (rng[0] if not after else c) - 1
        while comma > lo and not tokens[comma].is_word and tokens[comma].text != ",":
            comma -= 1
        if comma <= lo or tokens[comma].text != ",":
            return []
        # what follows the cue clause: nothing, or another clause after a comma ("..., he said, but ...")
        k = max(c, rng[1] - 1) + 1
        if k == c + 1 and lemma in self.lex.object_cues:
            k = cues.listener_end(tokens, c, hi, self.lex)  # "..., he told reporters."
        while k < hi and (
            self.lex.skippable(tokens[k].text)
            or tokens[k].lower in self.lex.frame_nouns
            or tokens[k].lower in self.lex.frame_open
        ):
            if tokens[k].lower in self.lex.frame_open:
                # "..., she said in a video message": a phrase saying how or when
                e = k + 1
                while e < hi and e < k + 7 and tokens[e].text not in ",;:" and not tokens[e].quoted:
                    e += 1
                if any(t.lower in self.lex.frame_nouns for t in tokens[k + 1 : e]):
                    k = e
                    continue
            k += 1
        if k < hi and tokens[k].text != ",":
            return []
        a = lo
        while a < comma and not tokens[a].is_word and not tokens[a].quoted:
            a += 1
        participle = (
            k + 1 < hi and tokens[k + 1].lower.endswith("ing") and cues.cue_at(tokens, k + 1, self.lex)
        )
        if (
            k < hi
            and not participle
            and (
                _words(tokens[k:hi]) >= 4
                or (
                    _words(tokens[k:hi]) >= 3
                    and (
                        tokens[k + 1].lower in ("and", "but") | self.lex.pronouns.keys()
                        or _words(tokens[a:comma]) < 3
                    )
                )
            )
        ):
            # a parenthetical cue inside the reported sentence ("The drugs, he says, are ..."): two
            # quotations, the words before the cue and the words after it
            cue = cues.cue_phrase(tokens, c)
            return self._made(a, comma, c, rng, cue) + self._made(k + 1, hi, c, rng, cue)
        if _words(tokens[a:comma]) < 3:
            return []
        return self._made(a, comma, c, rng, cues.cue_phrase(tokens, c))

    def _made(self, a: int, b: int, c: int, rng: tuple[int, int], cue: str) -> list[Found]:
        item = self._make(a, b, c, rng, cue)
        return [item] if item is not None else []

    def _sentence_subject(self, lo: int, c: int) -> tuple[int, int] | None:
        for k in range(lo, c):
            if cues.cue_at(self.tokens, k, self.lex):
                return cues.subject_before(self.tokens, k, lo, self.lex)
        return cues.subject_after(self.tokens, lo - 1, c, self.lex, clause=True)

    def _make(self, a: int, b: int, c: int, rng: tuple[int, int], cue: str) -> Found | None:
        tokens = self.tokens
        while b > a and not tokens[b - 1].is_word and not tokens[b - 1].quoted:
            b -= 1
        while a < b and tokens[a].text in ",:;—–-":
            a += 1
        if b <= a:
            return None
        mention = self._mention(rng)
        if mention is None:
            return None
        for k in range(a, b):
            if tokens[k].text == "(" and any(t.text == "/" for t in tokens[k:b]):
                b = k  # a photo credit glued to the paragraph: "(Steve Lawrence/CBC)"
                break
        while b > a and not tokens[b - 1].is_word and not tokens[b - 1].quoted:
            b -= 1
        if b <= a:
            return None
        content = tokens[a:b]
        quoted = [t for t in content if t.quoted]
        kind = "indirect"
        start, end = content[0].start, content[-1].end
        if quoted:
            if len(quoted) == len(content) or all(t.quoted or not t.is_word for t in content):
                return None  # the whole content is a direct quote, attributed by the direct pass
            kind = "mixed"
        return Found(start, end, kind, self.para.index, cue, tokens[c].start, mention)
