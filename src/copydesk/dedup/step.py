"""The map step of deduplication: each shard's articles sketched where they are cleaned.

:class:`Signatures` goes last in the cleaning stage. It passes every item on untouched and, when the
shard's stream ends, writes the shard's *signature file* beside the shard's output (before the shard is
committed, so a committed shard always has one)::

    OUT/_copydesk/dedup/sig-<shard>.parquet

one row per article, in the order of the shard's articles: ``key``, ``id``, ``date`` (YYYYMMDD, see
:func:`~copydesk.dedup.clusters.date_number`), ``length`` (body characters), ``exact`` (exact key; 0 for
an empty body), ``signature`` (the MinHash signature, 4 bytes a permutation), and one column ``b00``,
``b01``... per LSH band. The corpus-wide stage reads only the columns it needs from these files.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from copydesk.dedup.clusters import date_number
from copydesk.dedup.finder import DedupOptions, Sketch, Sketcher
from copydesk.record import Article
from copydesk.step import Item, Step, StepStats

SIGNATURE_DIR = ("_copydesk", "dedup")


def band_column(band: int) -> str:
    """The name of a band's column in signature files and the store."""
    return f"b{band:02d}"


def signature_path(out_dir: str | Path, shard_id: str) -> Path:
    """Where a shard's signature file lives."""
    return Path(out_dir).joinpath(*SIGNATURE_DIR, f"sig-{shard_id}.parquet")


def signature_table(
    keys: list[str], ids: list[str | None], dates: list[int], lengths: list[int], sketch: Sketch
) -> Any:
    """The Arrow table of a signature file."""
    import pyarrow as pa

    width = sketch.signatures.shape[1] * 4
    signatures = np.ascontiguousarray(sketch.signatures).view(np.uint8).reshape(-1)
    columns: dict[str, Any] = {
        "key": pa.array(keys, pa.string()),
        "id": pa.array(ids, pa.string()),
        "date": pa.array(dates, pa.int32()),
        "length": pa.array(lengths, pa.int64()),
        "exact": pa.array(sketch.exact, pa.uint64()),
        "signature": pa.FixedSizeBinaryArray.from_buffers(
            pa.binary(width), len(keys), [None, pa.py_buffer(signatures.tobytes())]
        ),
    }
    for band in range(sketch.bands.shape[1]):
        columns[band_column(band)] = pa.array(sketch.bands[:, band], pa.uint64())
    return pa.table(columns)


def write_signatures(path: Path, table: Any) -> None:
    """Write a signature file atomically."""
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def sketch_articles(keys: list[str], articles: Iterable[Article], sketcher: Sketcher) -> Any:
    """The signature table of articles (their cleaned bodies), given their keys."""
    articles = list(articles)
    texts = [a.text for a in articles]
    return signature_table(
        keys,
        [a.id for a in articles],
        [date_number(a.published) for a in articles],
        [len(t) for t in texts],
        sketcher(texts),
    )


@dataclass(slots=True, kw_only=True, frozen=True)
class Signatures(Step):
    """Sketch every article of a shard and write the shard's signature file into ``out_dir``."""

    name: ClassVar[str] = "signatures"
    out_dir: str
    options: DedupOptions = field(default_factory=DedupOptions)

    def run(self, items: Iterable[Item], stats: StepStats, context: Any = None) -> Iterator[Item]:
        """Pass the items on; when they end, write the signatures of the articles among them."""
        sketcher = Sketcher(self.options)
        keys: list[str] = []
        articles: list[Article] = []
        tables = []
        for item in items:
            if isinstance(item.value, Article):
                stats.seen += 1
                keys.append(item.key)
                articles.append(item.value)
                if len(keys) >= self.options.batch:
                    tables.append(sketch_articles(keys, articles, sketcher))
                    keys, articles = [], []
            yield item
        if keys or not tables:
            tables.append(sketch_articles(keys, articles, sketcher))
        import pyarrow as pa

        shard_id = getattr(context, "id", None) or "unnamed"
        write_signatures(signature_path(self.out_dir, shard_id), pa.concat_tables(tables))
