"""Decode fetched HTML bytes to text, trusting what the bytes say over what the page declares."""

from __future__ import annotations

import codecs
import re

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([a-z0-9_.:-]+)""", re.IGNORECASE)
#: Labels browsers treat as another encoding (WHATWG Encoding Standard).
_ENCODING_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}


def declared_charset(raw: bytes) -> str | None:
    """The charset named by the page's XML declaration or ``<meta>`` tag, if any."""
    head = raw[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def _codec(label: str | None) -> str | None:
    """A Python codec name for an encoding label, or ``None`` if the label is unknown."""
    if not label:
        return None
    label = _ENCODING_ALIASES.get(label.lower(), label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(raw: bytes, header_charset: str | None = None) -> str:
    """Decode page bytes: BOM, then strict UTF-8, then the header/meta charset, else UTF-8 with
    replacement characters.

    Strict UTF-8 goes before the declared charset because a stale declaration is common (pages
    re-saved as UTF-8 that still say iso-8859-1) while non-UTF-8 text that happens to be valid
    UTF-8 is vanishingly rare.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for label in (header_charset, declared_charset(raw)):
        codec = _codec(label)
        if codec:
            return raw.decode(codec, errors="replace")
    return raw.decode("utf-8", errors="replace")
