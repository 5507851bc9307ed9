"""Resolve a speaker mention (``Mr Sok``, ``he``, ``the spokesman``) to the entity it names.

Resolution walks the article in text order and keeps a salience list: people and organisations that
opened a sentence or were just quoted. ``he``/``she`` go to the most salient person whose gender does
not conflict and who is not talked about in the quote itself (in "Macharia hid under a desk, he said",
``he`` is not Macharia); ``they``/``it`` to the organisation or group quoted last; a surname to the
person whose full name ends with it; a role description to the person introduced with that role
before (its head noun comes before any preposition: ``the lawyer for the society``); another definite
description of a person (``the Kentucky Republican``) to the most salient person, unless someone was
introduced unnamed with that noun (``a judge ... the judge``); ``the company`` (a kind of organisation)
to the organisation named last, while ``the commission`` or ``police`` stay as written; ``the
statement`` to its author, the speaker just before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from copydesk.attribute.entities import Named, NameSpan, person_for
from copydesk.attribute.lexicon import Lexicon
from copydesk.attribute.mentions import Mention, is_role_word

_PREPOSITIONS = frozenset({"of", "for", "with", "at", "from", "in", "on", "to", "by", "who", "which", "that"})


@dataclass(slots=True)
class _Salient:
    at: int
    name: str
    entity: Named | None
    kind: str  # person, org or group


class Resolver:
    """Speaker resolution over one article's entities; call :meth:`resolve` in text order."""

    def __init__(
        self,
        entities: list[Named],
        names: list[NameSpan],
        lex: Lexicon,
        text: str = "",
    ) -> None:
        self.lex = lex
        self.text = text
        self.entities = entities
        self._by_key: dict[str, Named] = {}
        for ent in entities:
            for key in sorted(ent.keys):
                self._by_key.setdefault(key, ent)
        self._salient: list[_Salient] = []
        for span in names:
            named = self._by_key.get(span.text)
            if named is not None and span.subject and not span.quoted and named.label != "GPE":
                self._salient.append(_Salient(span.start, named.name, named, _kind(named)))
        self._salient.sort(key=lambda s: s.at)

    def entity_for_name(self, name: str, at: int) -> Named | None:
        """The entity a written name refers to at offset ``at``."""
        ent = self._by_key.get(name)
        if ent is not None:
            return ent
        words = name.split()
        if words and words[0].lower() in self.lex.function_words:
            ent = self._by_key.get(" ".join(words[1:]))
            if ent is not None:
                return ent
        return person_for(name, self.entities, at)

    def note_speaker(self, name: str, ent: Named | None, mention: Mention, at: int) -> None:
        """Record that ``name`` spoke at offset ``at``: it becomes the most salient there."""
        if ent is not None:
            kind = _kind(ent)
        elif mention.kind == "name" and " and " in (mention.name or ""):
            kind = "group"
        elif mention.kind == "description" and (mention.role or "").endswith("s"):
            kind = "group"
        elif mention.kind == "name":
            kind = "person"
        else:
            return
        self._salient.append(_Salient(at, name, ent, kind))
        self._salient.sort(key=lambda s: s.at)

    def _pronoun(self, mention: Mention, at: int, span: tuple[int, int]) -> _Salient | None:
        want = self.lex.pronouns.get(mention.text.lower())
        for item in reversed(self._salient):
            # who is talked about in the quote is not who talks: "Macharia hid under a desk, he said"
            if item.at >= at or span[0] <= item.at < span[1]:
                continue
            if want in ("group", "thing"):
                if item.kind == "person":
                    if want == "thing":
                        continue
                    continue
                return item
            if item.kind != "person":
                continue
            ent = item.entity
            if want in ("m", "f") and ent is not None and ent.gender and ent.gender != want:
                continue
            if want in ("m", "f") and ent is not None and not ent.gender:
                ent.gender = want
            return item
        if want not in ("m", "f"):
            return None
        # nobody salient fits: the person of that gender mentioned last, wherever in the sentence
        best: Named | None = None
        best_pos = -1
        for ent in self.entities:
            if ent.label != "PERSON" or ent.gender != want:
                continue
            for pos in ent.positions:
                if best_pos < pos < at and not span[0] <= pos < span[1]:
                    best, best_pos = ent, pos
        return _Salient(best_pos, best.name, best, "person") if best is not None else None

    def _last_speaker(self, at: int) -> _Salient | None:
        for item in reversed(self._salient):
            if item.at < at:
                return item
        return None

    def _description(
        self, mention: Mention, at: int, span: tuple[int, int] = (0, 0)
    ) -> Named | _Salient | None:
        role = (mention.role or "").lower()
        words = role.replace(",", " ").split()
        cut = next(
            (n for n, w in enumerate(words) if n > 0 and (w in _PREPOSITIONS or _participle(w))), len(words)
        )
        words = words[:cut]  # "the lawyer for the society", "a release sent to media": the head comes first
        if not words:
            return None
        head = words[-1]
        if head in self.lex.documents:
            if len(words) >= 2 and words[-2].endswith(("'s", "’s")):
                owner = words[-2][:-2]
                return self._description(
                    Mention(owner, mention.start, mention.end, "description", role=owner), at
                )
            author = self._author(mention.text)
            if author is not None:
                return author
            return self._last_speaker(at)
        label = self.lex.org_nouns.get(head)
        if label is not None and len(words) <= 2:
            best: Named | None = None
            best_pos = -1
            loose = head in self.lex.loose_org_nouns and not any(
                head in e.name.lower() for e in self.entities if e.label == label
            )
            if label != "ORG" or not loose:
                # "the commission", "the city", "police": a reader takes them as written; only a category
                # noun ("the company", "the team") stands for the organisation named before
                return None
            for ent in self.entities:
                if ent.label != label:
                    continue
                for pos in ent.positions:
                    if best_pos < pos < at:
                        best, best_pos = ent, pos
            return best
        if head.endswith("s") and head[:-1] in self.lex.roles:
            return None  # "officials", "experts": a group, not one person named before
        key = " ".join(words[-2:]) if len(words) >= 2 and words[-2] not in ("former", "new") else head
        for probe in (key, head):
            candidates = [
                e
                for e in self.entities
                if e.label == "PERSON"
                and any(f" {_role_head(r)}".endswith(f" {probe}") for r in e.roles)
                and any(p < at for p in e.positions)  # introduced before, not later in the story
            ]
            if candidates:
                return max(candidates, key=lambda e: max((p for p in e.positions if p < at), default=-1))
        if (
            mention.text.split()[0].lower() == "the"
            and (is_role_word(head, self.lex) or _AGE.fullmatch(head))
            and head not in self.lex.agents
        ):
            # "the Kentucky Republican said": a definite description of someone already in the story, unless
            # an unnamed one was introduced before ("a judge ... the judge")
            if not self._introduced_unnamed(head, mention.start):
                return self._salient_person(at, span)
        return None

    def _author(self, text: str) -> Named | _Salient | None:
        """The named author of a document: "a statement from the RCMP", "a release sent by UFCW Local 832"."""
        found = re.search(r"\b(?:from|by)\s+(?:the\s+)?([A-Z][\w.&'’-]*(?:\s+[A-Z0-9][\w.&'’-]*)*)", text)
        if found is None:
            return None
        name = found.group(1).strip()
        ent = self.entity_for_name(name, len(self.text))
        return ent if ent is not None else _Salient(0, name, None, "org")

    def _introduced_unnamed(self, head: str, before: int) -> bool:
        pattern = re.compile(
            rf"\b(?:a|an|one|another)\s+(?:[\w-]+\s+){{0,3}}{re.escape(head)}\b", re.IGNORECASE
        )
        return pattern.search(self.text, 0, before) is not None

    def _salient_person(self, at: int, span: tuple[int, int]) -> _Salient | None:
        for item in reversed(self._salient):
            if item.at < at and not span[0] <= item.at < span[1] and item.kind == "person":
                return item
        return None

    def resolve(
        self, mention: Mention, at: int, span: tuple[int, int] = (0, 0)
    ) -> tuple[str | None, Named | None]:
        """Return the resolved speaker name (or None) and its entity for ``mention`` at offset ``at``.

        ``span`` is the quote's own extent: a pronoun never resolves to someone mentioned inside it.
        """
        found: Named | _Salient | None
        if mention.kind == "pronoun":
            found = self._pronoun(mention, at, span)
        elif mention.kind == "name" and mention.name:
            found = self.entity_for_name(mention.name, at)
            if found is None and " and " in mention.name:
                # "Sandmann and Phillips": each of them by full name
                names = []
                for part in mention.name.split(" and "):
                    ent = self.entity_for_name(part, at)
                    names.append(ent.name if ent is not None else part)
                return " and ".join(names), None
            if found is None:
                return mention.name, None
            if mention.gender and not found.gender:
                found.gender = mention.gender
        else:
            found = self._description(mention, at, span)
        if found is None:
            return None, None
        if isinstance(found, _Salient):
            return found.name, found.entity
        if mention.role and mention.kind == "name" and mention.role not in found.roles:
            found.roles.append(mention.role)
        return found.name, found


def _role_head(role: str) -> str:
    """A role up to its head noun: "spokesman for the company" -> "spokesman"."""
    words = role.lower().replace(",", " ").split()
    cut = next(
        (n for n, w in enumerate(words) if n > 0 and (w in _PREPOSITIONS or _participle(w))), len(words)
    )
    return " ".join(words[:cut])


_AGE = re.compile(r"\d+-year-old")  # "the 28-year-old said"


def _participle(word: str) -> bool:
    """True for a past participle after a head noun ("sent", "released", "issued", "cited")."""
    return word in ("sent", "made", "given", "seen", "written", "shown") or (
        word.endswith("ed") and len(word) > 4
    )


def _kind(ent: Named) -> str:
    return "person" if ent.label == "PERSON" else "org"
