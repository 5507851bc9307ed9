"""Resolve a speaker mention (``Mr Sok``, ``he``, ``the spokesman``) to the entity it names.

Resolution walks the article in text order and keeps a salience list: people who opened a sentence or
were just quoted. A pronoun goes to the most salient person whose gender does not conflict; a surname
to the person whose full name ends with it; a role description to the person introduced with that role;
``the company`` or ``the city`` to the organisation or place named last.
"""

from __future__ import annotations

from copydesk.attribute.entities import Named, NameSpan, _person_for
from copydesk.attribute.lexicon import Lexicon
from copydesk.attribute.mentions import Mention

import os
_MODE = os.environ.get("SAL", "subject")
_PLACE_NOUNS = frozenset({"city", "province", "state", "country", "town", "municipality", "region"})


class Resolver:
    """Speaker resolution over one article's entities; call :meth:`resolve` in text order."""

    def __init__(self, entities: list[Named], names: list[NameSpan], lex: Lexicon) -> None:
        self.lex = lex
        self.entities = entities
        self._by_mention: dict[str, Named] = {}
        for ent in entities:
            for key in sorted(ent.keys):
                self._by_mention.setdefault(key, ent)
        # (offset, entity) of people opening a sentence: salient for a following pronoun
        self._salient: list[tuple[int, Named]] = []
        for span in names:
            ent = self._by_mention.get(span.text)
            if ent is not None and (span.subject or _MODE == "all") and not span.quoted and _MODE != "speakers":
                self._salient.append((span.start, ent))
        self._salient.sort(key=lambda pair: pair[0])

    def entity_for_name(self, name: str, at: int) -> Named | None:
        """The entity a written name refers to at offset ``at``."""
        ent = self._by_mention.get(name)
        if ent is not None:
            return ent
        words = name.split()
        if words and words[0].lower() in self.lex.function_words:
            ent = self._by_mention.get(" ".join(words[1:]))
            if ent is not None:
                return ent
        return _person_for(name, self.entities, at)

    def note_speaker(self, ent: Named, at: int) -> None:
        """Record that ``ent`` spoke at offset ``at``: it becomes the most salient person there."""
        self._salient.append((at, ent))
        self._salient.sort(key=lambda pair: pair[0])

    def _pronoun(self, mention: Mention, at: int) -> Named | None:
        low = mention.text.lower()
        want = self.lex.pronouns.get(low)
        if want in ("group", "thing"):
            for pos, ent in reversed(self._salient):
                if pos < at and ent.label != "PERSON":
                    return ent
            return None
        for pos, ent in reversed(self._salient):
            if pos >= at or ent.label != "PERSON":
                continue
            if want in ("m", "f") and ent.gender and ent.gender != want:
                continue
            if want in ("m", "f") and not ent.gender:
                ent.gender = want
            return ent
        return None

    def _description(self, mention: Mention, at: int) -> Named | None:
        role = (mention.role or "").lower()
        words = role.replace(",", " ").split()
        if not words:
            return None
        head = words[-1]
        if head in self.lex.org_nouns and len(words) <= 2:
            want = "GPE" if head in _PLACE_NOUNS else "ORG"
            best: Named | None = None
            best_pos = -1
            for ent in self.entities:
                if ent.label != want:
                    continue
                for pos in ent.positions:
                    if best_pos < pos < at:
                        best, best_pos = ent, pos
            return best
        if head in self.lex.roles or head in self.lex.titles:
            candidates = [e for e in self.entities if e.label == "PERSON" and any(head in r.lower().split() for r in e.roles)]
            if candidates:
                return max(candidates, key=lambda e: max((p for p in e.positions if p < at), default=-1))
        return None

    def resolve(self, mention: Mention, at: int) -> tuple[str | None, Named | None]:
        """Return the resolved speaker name (or None) and its entity for ``mention`` at offset ``at``."""
        if mention.kind == "pronoun":
            ent = self._pronoun(mention, at)
        elif mention.kind == "name" and mention.name:
            ent = self.entity_for_name(mention.name, at)
            if ent is None:
                return mention.name, None
            if mention.gender and not ent.gender:
                ent.gender = mention.gender
        else:
            ent = self._description(mention, at)
        if ent is None:
            return None, None
        if mention.role and mention.kind == "name" and mention.role not in ent.roles:
            ent.roles.append(mention.role)
        return ent.name, ent
