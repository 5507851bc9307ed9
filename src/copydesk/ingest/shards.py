"""From the inputs of a corpus run to shards: the units of work that executors hand to workers.

:func:`plan` expands globs, detects each input's format (by its name, or as told), fingerprints it and
cuts it into :class:`Shard` s of about ``shard_docs`` documents: line spans of JSONL files, row groups
of Parquet files, record ranges of WARC files, and lists of files for folders of pages. A shard's id
depends only on the input's content and the span, so a run started again finds the same shards, and
the key of a document (input fingerprint and position) is the same whatever executor reads it.

Formats: ``jsonl`` (.jsonl, .ndjson, also .gz and .zst), ``parquet``, ``warc`` (.warc, .warc.gz),
``text`` (.txt) and ``html`` (.html, .htm). A folder is read for its page files (.txt, .html) and for the
data files in it (.jsonl, .parquet, .warc...), recursively.
"""

from __future__ import annotations

import glob
import hashlib
import os
from dataclasses import dataclass, field

from copydesk.errors import InputError
from copydesk.ingest.files import list_page_files
from copydesk.ingest.jsonl import JsonlOptions, scan_spans
from copydesk.ingest.parquet import row_groups
from copydesk.ingest.warc import scan_offsets

FORMATS = ("jsonl", "parquet", "warc", "text", "html")
_SUFFIXES = (
    ("jsonl", (".jsonl", ".jsonl.gz", ".jsonl.zst", ".ndjson", ".ndjson.gz", ".ndjson.zst")),
    ("parquet", (".parquet", ".pq")),
    ("warc", (".warc", ".warc.gz", ".warc.zst", ".arc.gz")),
    ("text", (".txt", ".text")),
    ("html", (".html", ".htm", ".xhtml")),
)
_SAMPLES = 16  # blocks read to fingerprint a file
_SAMPLE_BYTES = 1 << 16


@dataclass(slots=True, kw_only=True, frozen=True)
class ReadOptions:
    """How to read a run's inputs: the format (auto: from the name), field names, and shard size."""

    format: str = "auto"
    fields: JsonlOptions = field(default_factory=JsonlOptions)
    shard_docs: int = 1000


@dataclass(slots=True, frozen=True)
class Shard:
    """One unit of work: a span of one input (or a list of page files), with a stable id."""

    id: str
    input: str
    format: str
    fingerprint: str
    start: int = 0  # first line (JSONL), row group (Parquet) or byte offset (WARC)
    stop: int | None = None  # end, excluded; None: to the end of the input
    offset: int | None = 0  # byte offset of the first line of a plain JSONL file
    files: tuple[str, ...] = ()  # page files of a folder shard
    expected: int = 0  # documents expected, for progress
    whole: bool = True  # the shard covers its whole input
    error: str | None = None  # the input cannot be read at all: the shard reads as one reject...
    error_reason: str = "unreadable"  # ...with this reason


def detect_format(path: str) -> str:
    """Return the format of an input from its name (a folder holds text or HTML pages)."""
    if os.path.isdir(path):
        return "pages"
    name = path.lower()
    for fmt, suffixes in _SUFFIXES:
        if name.endswith(suffixes):
            return fmt
    names = ", ".join(s for _, group in _SUFFIXES for s in group[:2])
    raise InputError(f"cannot tell the format of {path} from its name ({names}...): give --input-format")


def expand_inputs(patterns: list[str]) -> list[str]:
    """Expand glob patterns (``**`` too) into input paths, sorted; a literal path must exist."""
    paths: list[str] = []
    for pattern in patterns:
        if os.path.exists(pattern):
            paths.append(pattern)
        elif glob.has_magic(pattern):
            found = sorted(glob.glob(pattern, recursive=True))
            if not found:
                raise InputError(f"no file matches {pattern}")
            paths.extend(found)
        else:
            raise InputError(f"cannot read {pattern}: No such file or directory")
    return list(dict.fromkeys(paths))


def fingerprint(path: str) -> str:
    """A short hash of a file's size and sampled content (of the path, when it cannot be read)."""
    digest = hashlib.blake2b(digest_size=8)
    try:
        size = os.path.getsize(path)
        digest.update(str(size).encode())
        with open(path, "rb") as file:
            step = max(_SAMPLE_BYTES, size // _SAMPLES)
            for offset in range(0, max(size, 1), step):
                file.seek(offset)
                digest.update(file.read(_SAMPLE_BYTES))
    except OSError:
        digest.update(b"unreadable:" + os.path.abspath(path).encode())
    return digest.hexdigest()


def _shard_id(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=8).hexdigest()


def plan(inputs: list[str], options: ReadOptions | None = None) -> list[Shard]:
    """Cut the inputs into shards (duplicate inputs, with the same content, are read once)."""
    options = options or ReadOptions()
    shards: dict[str, Shard] = {}
    for path in expand_inputs(inputs):
        fmt = options.format if options.format != "auto" else detect_format(path)
        for shard in _plan_input(path, fmt, options):
            shards.setdefault(shard.id, shard)
    return list(shards.values())


def _plan_input(path: str, fmt: str, options: ReadOptions) -> list[Shard]:
    """The shards of one input."""
    if os.path.isdir(path):
        if fmt in ("jsonl", "parquet", "warc"):  # a folder of data files of that format
            return [s for f in _data_files(path, fmt) for s in _plan_input(f, fmt, options)]
        data = [] if fmt != "pages" else _data_files(path, None)
        pages = _plan_folder(path, None if fmt == "pages" else fmt, options, quiet_if_empty=bool(data))
        return pages + [s for f in data for s in _plan_input(f, detect_format(f), options)]
    fp = fingerprint(path)
    # Options that change what is read are part of the id; options of later steps are not.
    config = (fmt, options.fields)

    def shard(start: int, stop: int | None, **kw: object) -> Shard:
        return Shard(_shard_id(fp, config, start, stop), path, fmt, fp, start, stop, **kw)  # type: ignore[arg-type]

    if fmt in ("text", "html"):
        return [shard(0, None, files=(path,), expected=1)]
    try:
        if fmt == "jsonl":
            spans = scan_spans(path, options.shard_docs)
            whole = len(spans) == 1
            return [
                shard(s.first_line, s.stop_line, offset=s.offset, whole=whole, expected=s.lines)
                for s in spans
            ]
        if fmt == "parquet":
            return _plan_parquet(path, row_groups(path), options.shard_docs, shard)
        if fmt == "warc":
            offsets = scan_offsets(path, options.shard_docs)
            whole = len(offsets) == 1
            return [
                shard(start, offsets[i + 1][0] if i + 1 < len(offsets) else None, whole=whole, expected=n)
                for i, (start, n) in enumerate(offsets)
            ]
    except InputError as exc:
        if os.access(path, os.R_OK) and fmt != "parquet":
            return [shard(0 if fmt == "warc" else 1, None, expected=1)]  # reading reports the damage
        return [shard(0, None, error=str(exc), expected=1)]
    raise InputError(f"unknown input format {fmt!r}: use one of {', '.join(FORMATS)}")


def _plan_parquet(path: str, sizes: list[int], shard_docs: int, shard: object) -> list[Shard]:
    """Group consecutive row groups into shards of at least ``shard_docs`` rows."""
    make = shard  # a closure from _plan_input
    groups: list[tuple[int, int, int]] = []  # (first group, stop group, rows)
    for i, rows in enumerate(sizes):
        if groups and groups[-1][2] < shard_docs:
            first, _, total = groups[-1]
            groups[-1] = (first, i + 1, total + rows)
        else:
            groups.append((i, i + 1, rows))
    if not groups:
        groups = [(0, 0, 0)]
    whole = len(groups) == 1
    return [make(a, b, whole=whole, expected=n) for a, b, n in groups]  # type: ignore[operator]


def _data_files(folder: str, fmt: str | None) -> list[str]:
    """JSONL, Parquet and WARC files under a folder (of one format, or of any), sorted."""
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            for kind, suffixes in _SUFFIXES[:3]:
                if name.lower().endswith(suffixes) and fmt in (None, kind) and not name.startswith("."):
                    found.append(os.path.join(root, name))
    return sorted(found)


def _plan_folder(
    folder: str, kind: str | None, options: ReadOptions, *, quiet_if_empty: bool = False
) -> list[Shard]:
    """Shards of ``shard_docs`` page files each; a folder without pages is one unreadable shard."""
    files = list_page_files(folder, kind)
    fmt = kind or "pages"
    if not files and quiet_if_empty:
        return []
    if not files:
        error = f"{folder} holds no page files ({kind or 'text or HTML'})"
        shard_id = _shard_id(os.path.abspath(folder), "empty")
        return [Shard(shard_id, folder, fmt, "", error=error, error_reason="empty_input", expected=1)]
    shards = []
    size = max(1, options.shard_docs)
    for i in range(0, len(files), size):
        chunk = tuple(files[i : i + size])
        stamp = [(os.path.relpath(f, folder), _stat(f)) for f in chunk]
        shard_id = _shard_id(stamp, fmt, options.fields.max_chars)
        shards.append(Shard(shard_id, folder, fmt, "", i, i + len(chunk), files=chunk, expected=len(chunk)))
    return shards


def _stat(path: str) -> tuple[int, int]:
    try:
        st = os.stat(path)
    except OSError:
        return (-1, -1)
    return (st.st_size, st.st_mtime_ns)
