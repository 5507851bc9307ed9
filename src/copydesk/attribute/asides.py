"""Quotations set apart from the story: pull quotes signed with a name, and embedded tweets.

Neither has a cue verb. A pull quote is a paragraph of words followed by the speaker's name alone, as a
layout shows a highlighted quotation ("... thankful for it. Morgan McNeely"); an embedded tweet ends with
"— Name (@handle) date". Their speakers are named but make nobody salient in the story around them.
"""

from __future__ import annotations

from dataclasses import dataclass

from copydesk.attribute.lexicon import Lexicon
from copydesk.attribute.mentions import Mention, build_mention, name_run_end
from copydesk.attribute.text import Paragraph, Token

_ENDS = '.!?…"”’'


@dataclass(frozen=True, slots=True)
class Aside:
    """The words of a pull quote or tweet (character offsets) and the name that signs them."""

    start: int
    end: int
    at: int  # offset of the signature
    mention: Mention


def _words(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if t.is_word)


def pull_quote(para: Paragraph, lex: Lexicon, marked: bool) -> Aside | None:
    """A pull quote: words that end as a sentence does, then a name (with its title) alone."""
    tokens, sents = para.tokens, para.sentences
    if len(sents) < 2 or marked or tokens[-1].text in _ENDS:
        return None
    last = sents[-1]
    end = name_run_end(tokens, last.lo, last.hi, lex)
    if not 2 <= _words(tokens[last.lo : end]) <= 8 or (end < last.hi and tokens[end].text != ","):
        return None
    if end < last.hi and _words(tokens[end : last.hi]) > 5:
        return None
    body = tokens[: last.lo]
    # a cue verb among the words is no obstacle ("... your most vulnerable state. Julie Easley")
    if _words(body) < 5 or body[-1].text not in _ENDS:
        return None
    mention = build_mention(tokens[last.lo : last.hi], lex)
    if mention is None or mention.kind != "name":
        return None
    return Aside(body[0].start, body[-1].end, tokens[last.lo].start, mention)


def embedded_tweet(para: Paragraph, lex: Lexicon) -> Aside | None:
    """An embedded tweet: its words, then "— Name (@handle) date"; links at the end are not words."""
    tokens = para.tokens
    paren = next(
        (k for k in range(len(tokens) - 2, 0, -1) if tokens[k].text == "(" and tokens[k + 1].text == "@"),
        None,
    )
    if paren is None:
        return None
    dash = next((k for k in range(paren - 1, max(0, paren - 9), -1) if tokens[k].text in "—–-"), None)
    if dash is None or dash + 1 >= paren:
        return None
    mention = build_mention(tokens[dash + 1 : paren], lex)
    if mention is None or mention.kind != "name":
        return None
    end = dash
    while end > 0:  # drop trailing links: a run of tokens without spaces that holds "/" and "."
        k = end
        while k > 0 and tokens[k - 1].start == (tokens[k - 2].end if k > 1 else -1):
            k -= 1
        run = "".join(t.text for t in tokens[k - 1 : end]) if k > 0 else ""
        if k > 0 and "/" in run and "." in run:
            end = k - 1
            continue
        break
    body = tokens[:end]
    if _words(body) < 5:
        return None
    return Aside(body[0].start, body[-1].end, tokens[dash + 1].start, mention)
