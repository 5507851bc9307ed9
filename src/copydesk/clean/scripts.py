"""Words of scripts written without spaces (Chinese, Japanese).

By Unicode's default word boundaries (UAX #29), each ideograph and each hiragana is a word of its own
and a run of katakana is one word; elsewhere a word is a run of word characters. A Chinese paragraph
then counts about as many words as its translation (a word of Chinese is one to two characters), not
one "word" per clause, and its function words (的, の...) can be looked up one by one. The line
features (:mod:`copydesk.clean.features`) split words this way over a whole page at once; :func:`words`
is the same split of one string, for word lists.
"""

from __future__ import annotations

import re

#: Code point ranges (inclusive) whose letters are each a word: ideographs (with 々 〆 〇 and the
#: Suzhou numerals), hiragana, CJK compatibility ideographs; the astral CJK extensions B to H.
ONE_CHAR_WORDS = (
    (0x3005, 0x3007),
    (0x3021, 0x3029),
    (0x3040, 0x309F),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x3FFFF),
)
#: Katakana (with the prolonged sound mark, the phonetic extensions and the half-width forms): a run
#: of them is one word.
KATAKANA = ((0x30A0, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F))


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in ranges)


_SINGLE, _KANA = _char_class(ONE_CHAR_WORDS), _char_class(KATAKANA)
_WORD = re.compile(rf"[{_SINGLE}]|[{_KANA}]+|[^\W{_SINGLE}{_KANA}]+")


def words(text: str) -> list[str]:
    """The lowercased words of a string, split as above."""
    return _WORD.findall(text.lower())
