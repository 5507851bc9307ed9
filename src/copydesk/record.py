"""The data model: every record copydesk produces, in one place.

An :class:`Article` is what cleaning one page yields. Its parts are small typed dataclasses
(:class:`Line`, :class:`Caption`, :class:`Boilerplate`, :class:`Quote`, :class:`Entity`) and a
:class:`Reject` stands for an input that could not become an article. Every class converts to and
from plain JSON-ready dicts with ``to_dict`` / ``from_dict``; field names are the public schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache
from operator import attrgetter
from typing import Any, ClassVar

#: Labels a line can carry in :attr:`Article.lines`.
LINE_LABELS = (
    "blank",  # empty or whitespace-only input line
    "title",
    "byline",
    "date",
    "caption",
    "body",  # a body paragraph
    "heading",  # an in-article subheading (part of the body)
    "related",  # a headline of another story
    "boilerplate",  # anything else removed: ads, share widgets, navigation, footers...
)

#: Kinds of removed lines in :attr:`Article.boilerplate`.
BOILERPLATE_KINDS = (
    "ad",
    "share",
    "navigation",
    "related",
    "footer",
    "cookie",
    "subscription",
    "comment",
    "other",
)


class _Record:
    """Shared dict conversion for the dataclasses below."""

    __slots__ = ()
    _nested: ClassVar[dict[str, type]] = {}

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict of this record: what ``dataclasses.asdict`` gives (lists and nested
        records copied), without its deep copies of strings and numbers, which made it the slowest
        part of writing an article."""
        names, get, flat = _layout(type(self))  # type: ignore[arg-type]
        if flat:
            return dict(zip(names, get(self), strict=True))
        return {name: _plain(value) for name, value in zip(names, get(self), strict=True)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Any:
        """Build the record from a dict made by :meth:`to_dict` (unknown keys are ignored)."""
        known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                continue
            sub = cls._nested.get(key)
            if sub is not None and value is not None:
                value = [sub.from_dict(v) for v in value]  # type: ignore[attr-defined]
            kwargs[key] = value
        return cls(**kwargs)


def _plain(value: Any) -> Any:
    """A field value as plain JSON-ready data (records to dicts, lists and dicts copied)."""
    if isinstance(value, list):
        return [v.to_dict() for v in value] if value and isinstance(value[0], _Record) else list(value)
    if isinstance(value, _Record):
        return value.to_dict()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@cache
def _layout(cls: Any) -> tuple[tuple[str, ...], Any, bool]:
    """A record class's field names, a getter of all their values at once, and whether every field is a
    plain value (a string, number or None: the dict is then just names and values)."""
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    get = attrgetter(*names) if len(names) > 1 else (lambda record: (getattr(record, names[0]),))
    return names, get, not any("list" in str(f.type) or "dict" in str(f.type) for f in fields(cls))  # type: ignore[arg-type]


@dataclass(slots=True)
class Line(_Record):
    """One input line (or HTML block) with the label copydesk gave it."""

    index: int
    text: str
    label: str
    score: float = 0.0  # the classifier's probability that the line is article content
    kind: str | None = None  # for removed lines: one of BOILERPLATE_KINDS


@dataclass(slots=True)
class Caption(_Record):
    """A photo or video caption, with its credit split off when it carries one."""

    text: str
    credit: str | None = None


@dataclass(slots=True)
class Boilerplate(_Record):
    """A removed line and the reason it was removed."""

    text: str
    kind: str
    line: int  # index into Article.lines


@dataclass(slots=True)
class Quote(_Record):
    """Words someone said or reported, tied to a speaker."""

    text: str
    kind: str  # direct, indirect or mixed
    start: int  # character offsets into Article.text (the body paragraphs joined by blank lines)
    end: int
    speaker: str | None = None
    speaker_mention: str | None = None
    role: str | None = None
    cue: str | None = None


@dataclass(slots=True)
class Entity(_Record):
    """A person, organisation or place named in the article."""

    name: str
    label: str  # PERSON, ORG or GPE
    mentions: list[str] = field(default_factory=list)
    quotes: list[int] = field(default_factory=list)  # indexes into Article.quotes (people only)
    role: str | None = None


@dataclass(slots=True)
class Article(_Record):
    """A cleaned, structured news page."""

    _nested: ClassVar[dict[str, type]] = {
        "captions": Caption,
        "boilerplate": Boilerplate,
        "lines": Line,
        "quotes": Quote,
        "entities": Entity,
    }

    id: str | None = None
    url: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    published: str | None = None
    dateline: str | None = None
    body: list[str] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    boilerplate: list[Boilerplate] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    lang: str | None = None
    warnings: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    dup_cluster: str | None = None  # set by dedup: the canonical member's key, for every cluster member
    dup_of: str | None = None  # the canonical member's id (null for the canonical member and unique ones)
    dup_similarity: float | None = None  # estimated Jaccard similarity of the body with the canonical one

    @property
    def text(self) -> str:
        """The article body as one string, paragraphs separated by blank lines."""
        return "\n\n".join(self.body)


@dataclass(slots=True)
class Reject(_Record):
    """An input that could not become an article, and why."""

    id: str | None
    reason: str
    detail: str = ""
    source: str | None = None  # file and line number, when known
