"""Parquet output: Arrow schemas derived from the data model, and rows for articles and rejects.

An article row is the record of :meth:`~copydesk.record.Article.to_dict` (nested lists of lines,
quotes, entities... as lists of structs) after four provenance columns: ``key`` (input fingerprint and
position: unique and stable), ``input`` (the input file), ``source`` (file:line, file@offset or a path)
and ``position``. The schema is built from the dataclasses' type hints, so a field added to
:mod:`copydesk.record` appears in the output without a change here. Files written this way read with
pandas, polars, DuckDB and Hugging Face ``datasets`` alone.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, Union

from copydesk.record import Article, Reject

PROVENANCE = (("key", str), ("input", str), ("source", str | None), ("position", int))


def arrow_type(hint: Any) -> Any:
    """The Arrow type of a record field's type hint (str, int, float, bool, lists, dataclasses)."""
    import pyarrow as pa

    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return arrow_type(args[0])
        return pa.string()
    if origin is list:
        return pa.list_(arrow_type(typing.get_args(hint)[0]))
    if origin is dict:
        key, value = typing.get_args(hint)
        return pa.map_(arrow_type(key), arrow_type(value))
    if dataclasses.is_dataclass(hint):
        return pa.struct([pa.field(name, arrow_type(tp)) for name, tp in record_fields(hint)])
    simple = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    if hint in simple:
        return simple[hint]
    raise TypeError(f"no Arrow type for {hint!r}")


def record_fields(cls: Any) -> list[tuple[str, Any]]:
    """``(name, type hint)`` of a record dataclass's fields, in declaration order."""
    hints = typing.get_type_hints(cls)
    return [(f.name, hints[f.name]) for f in dataclasses.fields(cls)]


@cache
def article_schema() -> Any:
    """The Arrow schema of article rows: provenance columns, then the Article's fields."""
    import pyarrow as pa

    return pa.schema(
        [pa.field(n, arrow_type(t)) for n, t in PROVENANCE]
        + [pa.field(n, arrow_type(t)) for n, t in record_fields(Article) if n not in dict(PROVENANCE)]
    )


@cache
def reject_schema() -> Any:
    """The Arrow schema of reject rows: provenance columns, then the Reject's fields."""
    import pyarrow as pa

    return pa.schema(
        [pa.field(n, arrow_type(t)) for n, t in PROVENANCE]
        + [pa.field(n, arrow_type(t)) for n, t in record_fields(Reject) if n not in dict(PROVENANCE)]
    )


def article_row(key: str, input: str, source: str | None, position: int, article: Article) -> dict[str, Any]:
    """The output row of one article."""
    return {"key": key, "input": input, "source": source, "position": position, **article.to_dict()}


def reject_row(key: str, input: str, position: int, reject: Reject) -> dict[str, Any]:
    """The output row of one reject."""
    return {"key": key, "input": input, "position": position, **reject.to_dict()}


def article_from_row(row: dict[str, Any]) -> Article:
    """Rebuild an :class:`Article` from an output row (provenance columns are dropped)."""
    return Article.from_dict(row)  # type: ignore[no-any-return]
