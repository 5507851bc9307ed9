"""What an HTML page declares about itself: JSON-LD, OpenGraph, ``<meta>``, ``<time>``, ``rel=author``.

Declared metadata comes before anything guessed from the text: JSON-LD ``NewsArticle`` (or any
``Article``/``BlogPosting`` type) first, then OpenGraph and ``<meta>`` tags, then ``<time>`` and
``rel=author`` links. Dates are returned as ISO dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson
from selectolax.lexbor import LexborHTMLParser

from copydesk.structure.byline import clean_name

_ARTICLE_TYPES = frozenset(
    "newsarticle article blogposting reportagenewsarticle analysisnewsarticle opinionnewsarticle "
    "reviewnewsarticle backgroundnewsarticle liveblogposting socialmediaposting scholarlyarticle "
    "techarticle webpage".split()
)
#: Declared types of pages that are not one article: their main content is a list, a product, a thread...
_OTHER_TYPES = frozenset(
    "product collectionpage itemlist searchresultspage qapage faqpage discussionforumposting profilepage "
    "event recipe jobposting softwareapplication course realestatelisting offer aggregateoffer".split()
)
_MARKUP = re.compile(r"<[^>]{0,500}>")  # some sites declare the body as HTML
_MIN_DECLARED_BODY = 200  # shorter "bodies" are teasers, not the article
_ISO_DATE = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)")
_AUTHOR_META = (
    "author",
    "article:author",
    "dc.creator",
    "dcterms.creator",
    "sailthru.author",
    "parsely-author",
    "byl",
    "twitter:creator",
)
_DATE_META = (
    "article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
    "dcterms.date",
    "dc.date.issued",
    "parsely-pub-date",
    "sailthru.date",
    "og:published_time",
    "publication_date",
    "article.published",
    "original-publish-date",
)


_BYLINE_NODES = '[class*="byline"], [class*="author"], [id*="byline"], [id*="author"], [rel="author"]'


@dataclass(slots=True)
class PageMeta:
    """Metadata a page declares (each field None or empty when it declares none)."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    lang: str | None = None
    description: str | None = None
    byline_texts: list[str] = field(default_factory=list)  # texts of elements marked author or byline
    kind: str | None = (
        None  # "article" when declared one (JSON-LD or og:type), "other" for a product, a list...
    )
    og_type: str | None = None
    body: str | None = None  # the article's text as JSON-LD declares it (``articleBody``), markup stripped


def iso_date(value: str | None) -> str | None:
    """The date part of an ISO-like timestamp."""
    if not value:
        return None
    m = _ISO_DATE.search(value)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def _json_ld_objects(tree: LexborHTMLParser) -> Iterator[dict[str, Any]]:
    for node in tree.css('script[type="application/ld+json"]'):
        raw = (node.text(deep=True) or "").strip()
        if not raw or len(raw) > 2_000_000:
            continue
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            continue
        todo = [data]
        while todo:
            item = todo.pop()
            if isinstance(item, list):
                todo.extend(item)
            elif isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    todo.extend(graph)


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    types = t if isinstance(t, list) else [t]
    return {str(x).lower() for x in types if x}


def _names(value: Any) -> list[str]:
    """Person names from a JSON-LD author value (a string, an object, or a list of them)."""
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip() and not name.startswith("http"):
            out.append(" ".join(name.split()))
    return out


def _from_json_ld(tree: LexborHTMLParser, meta: PageMeta) -> None:
    objects = list(_json_ld_objects(tree))
    types = set().union(*map(_types, objects)) if objects else set()
    if types & (_ARTICLE_TYPES - {"webpage"}):
        meta.kind = "article"
    elif types & _OTHER_TYPES:
        meta.kind = "other"
    articles = [o for o in objects if _types(o) & _ARTICLE_TYPES]
    articles.sort(key=lambda o: "webpage" in _types(o))  # real article types first
    for obj in articles:
        if not meta.title and isinstance(obj.get("headline"), str):
            meta.title = " ".join(obj["headline"].split())
        if not meta.authors:
            meta.authors = _names(obj.get("author"))
        pub = obj.get("publisher")
        if not meta.publisher and isinstance(pub, dict) and isinstance(pub.get("name"), str):
            meta.publisher = pub["name"].strip()
        if not meta.published:
            meta.published = iso_date(str(obj.get("datePublished") or obj.get("dateCreated") or ""))
        body = obj.get("articleBody")
        if not meta.body and isinstance(body, str) and len(body) >= _MIN_DECLARED_BODY:
            meta.body = _MARKUP.sub(" ", body)


def _meta_content(tree: LexborHTMLParser) -> dict[str, str]:
    out: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower().strip()
        value = attrs.get("content")
        if key and value and key not in out:
            out[key] = value.strip()
    return out


def read_metadata(tree: LexborHTMLParser) -> PageMeta:
    """Everything the page declares, most trustworthy source first."""
    meta = PageMeta()
    _from_json_ld(tree, meta)
    tags = _meta_content(tree)
    meta.title = meta.title or tags.get("og:title") or tags.get("twitter:title")
    meta.publisher = meta.publisher or tags.get("og:site_name") or tags.get("application-name")
    meta.description = tags.get("og:description") or tags.get("description")
    meta.og_type = (tags.get("og:type") or "").lower().strip() or None
    if meta.kind is None and meta.og_type:
        meta.kind = "article" if meta.og_type == "article" else "other" if meta.og_type == "product" else None
    if not meta.authors:
        for key in _AUTHOR_META:
            value = tags.get(key)
            if value and not value.startswith(("http", "@")):
                meta.authors = [a.strip() for a in re.split(r"\s*(?:,|;| and )\s*", value) if a.strip()]
                break
    if not meta.authors:
        names = [
            n.text(strip=True) for n in tree.css('a[rel="author"], [itemprop="author"] [itemprop="name"]')
        ]
        meta.authors = list(dict.fromkeys(n for n in names if n and len(n) < 80))
    meta.authors = [clean_name(a) for a in meta.authors]  # "By Jane Smith" declared as a name
    if not meta.published:
        for key in _DATE_META:
            if found := iso_date(tags.get(key)):
                meta.published = found
                break
    if not meta.published:
        node = tree.css_first("time[datetime]")
        meta.published = iso_date(node.attributes.get("datetime")) if node else None
    canonical = tree.css_first('link[rel="canonical"]')
    meta.url = (canonical.attributes.get("href") if canonical else None) or tags.get("og:url")
    html = tree.css_first("html")
    lang = html.attributes.get("lang") if html else None
    meta.lang = lang.split("-")[0].lower() if lang else None
    meta.byline_texts = [t for n in tree.css(_BYLINE_NODES)[:30] if (t := n.text(separator=" ", strip=True))]
    if not meta.title:
        node = tree.css_first("title")
        meta.title = node.text(strip=True) if node else None
    return meta


def guess_date(html: str, url: str | None = None) -> str | None:
    """The publication date htmldate finds in a page (its last resort, for pages that declare none)."""
    import htmldate

    try:
        found = htmldate.find_date(html, url=url, extensive_search=True, original_date=True)
    except (ValueError, TypeError, AttributeError):  # htmldate on markup it cannot read
        return None
    return iso_date(found) if isinstance(found, str) else None
