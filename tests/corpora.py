"""Small corpora for the corpus-run tests, built in the tests: JSONL, Parquet, WARC, page folders."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from copydesk import extract
from copydesk.extract import CleanOptions
from copydesk.record import Article

PAGE = (
    "A headline for the test\n\nThe first paragraph of a story, long enough to read like one.\n\n"
    "A second paragraph, with more words in it than the first one has.\n\nShare this\n"
)


def fake_clean(text: str, url: str | None = None, *, options: CleanOptions | None = None) -> Article:
    """A stand-in for the classifier: one body paragraph per non-empty line; fails on 'boom'."""
    if "boom" in text:
        raise ValueError("the cleaner broke on this page")
    return Article(
        url=url, title=text.split("\n")[0][:40], body=[ln for ln in text.split("\n") if ln.strip()]
    )


def patch_cleaner(monkeypatch: pytest.MonkeyPatch, clean: Callable[..., Article]) -> None:
    """Make copydesk's cleaning entry points, for one page and for a batch, call ``clean`` (a stand-in for
    the model: fast, and failing where a test wants it to)."""

    def many(
        docs: Sequence[tuple[str | bytes, str | None]],
        mode: str = "text",
        *,
        options: CleanOptions | None = None,
    ) -> list[Article | Exception]:
        out: list[Article | Exception] = []
        for doc, url in docs:
            try:
                out.append(clean(doc, url, options=options))
            except Exception as exc:
                out.append(exc)
        return out

    monkeypatch.setattr(extract, "clean_text", clean)
    monkeypatch.setattr(extract, "clean_many", many)


def jsonl(path: Path, docs: list[dict[str, object] | str], compress: str | None = None) -> Path:
    """Write documents (dicts, or raw lines) as JSONL, plain, gzip or zstd."""
    data = "".join((d if isinstance(d, str) else json.dumps(d)) + "\n" for d in docs).encode()
    if compress == "gz":
        data = gzip.compress(data)
    elif compress == "zst":
        import zstandard

        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)
    return path


def docs(n: int, prefix: str = "d") -> list[dict[str, object]]:
    """``n`` small distinct documents."""
    return [
        {
            "id": f"{prefix}{i}",
            "text": f"Story {prefix}{i}\nLine one of {i}.\nLine two.",
            "url": f"https://x.org/{i}",
        }
        for i in range(n)
    ]


def parquet(path: Path, rows: list[dict[str, object]], row_group_size: int = 2) -> Path:
    """Write rows as a Parquet file with small row groups."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group_size)
    return path


def warc_record(kind: str, uri: str, payload: bytes, *, status: int = 200, ctype: str = "text/html") -> bytes:
    """One WARC record; responses carry an HTTP head."""
    if kind == "response":
        block = f"HTTP/1.1 {status} OK\r\nContent-Type: {ctype}; charset=utf-8\r\n\r\n".encode() + payload
        content_type = "application/http; msgtype=response"
    else:
        block, content_type = payload, "application/warc-fields"
    record_id = f"<urn:uuid:{kind}-{zlib.crc32((uri + kind).encode())}>"
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: {record_id}\r\n"
        f"WARC-Date: 2025-01-01T00:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def html_page(i: int) -> bytes:
    """A small HTML news page."""
    return (
        f"<html><head><title>Story {i}</title></head><body><nav>Home | News</nav><h1>Story {i}</h1>"
        f"<p>The first paragraph of story {i}, long enough to read like one.</p>"
        "<p>A second paragraph, with more words in it than the first.</p></body></html>"
    ).encode()


def warc(path: Path, pages: int = 3, *, gz: bool = True) -> Path:
    """A WARC file like CC-NEWS's: warcinfo, then request/response pairs, one non-HTML response."""
    records = [warc_record("warcinfo", "", b"software: test\r\n")]
    for i in range(pages):
        records.append(warc_record("request", f"https://x.org/{i}", b"GET / HTTP/1.1\r\n\r\n"))
        records.append(warc_record("response", f"https://x.org/{i}", html_page(i)))
    records.append(warc_record("response", "https://x.org/logo.png", b"\x89PNG....", ctype="image/png"))
    data = b"".join(gzip.compress(r) for r in records) if gz else b"".join(records)
    path.write_bytes(data)
    return path
