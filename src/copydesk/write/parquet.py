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
import operator
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


def rows_table(rows: list[dict[str, Any]], schema: Any) -> Any:
    """The Arrow table of rows (dicts by column name; a missing name is null), built a column at a time:
    the same table as ``Table.from_pylist``, in about half the time (that one converts row by row)."""
    import pyarrow as pa

    return pa.Table.from_arrays(
        [pa.array([row.get(f.name) for row in rows], type=f.type) for f in schema], schema=schema
    )


def article_row(
    key: str, input: str, source: str | None, position: int, article: Article, *, arrow: bool = False
) -> dict[str, Any]:
    """The output row of one article (``arrow``: nested records as tuples, for Arrow only)."""
    return {"key": key, "input": input, "source": source, "position": position, **to_row(article, arrow)}


def reject_row(key: str, input: str, position: int, reject: Reject) -> dict[str, Any]:
    """The output row of one reject."""
    return {"key": key, "input": input, "position": position, **to_row(reject)}


def to_row(record: Any, arrow: bool = False) -> dict[str, Any]:
    """A record as a dict of plain values, like ``to_dict`` but without deep copies (many times faster).

    Lists of strings or numbers are shared with the record, not copied: the row is for writing only.
    With ``arrow``, nested records of plain fields become tuples in field order, which Arrow reads as
    structs and which are an order of magnitude cheaper to make than dicts.
    """
    converters = _converters(type(record), arrow)  # type: ignore[arg-type]
    return {name: convert(getattr(record, name)) for name, convert in converters}


def _same(value: Any) -> Any:
    return value


@cache
def _converters(cls: type, arrow: bool) -> tuple[tuple[str, Any], ...]:
    """For each field of a record class: its name and how to turn its value into a plain one."""

    def nested(hint: Any) -> Any:
        origin = typing.get_origin(hint)
        if origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(hint) if a is not type(None)]
            inner = nested(args[0]) if len(args) == 1 else _same
            return _same if inner is _same else (lambda v: None if v is None else inner(v))
        if origin is list:
            item = typing.get_args(hint)[0]
            if arrow and dataclasses.is_dataclass(item) and _flat(item):
                getter = operator.attrgetter(*(name for name, _ in record_fields(item)))
                return lambda v: list(map(getter, v))
            inner = nested(item)
            return _same if inner is _same else (lambda v: [inner(x) for x in v])
        if dataclasses.is_dataclass(hint):
            return lambda v: to_row(v, arrow)
        return _same

    return tuple((name, nested(hint)) for name, hint in record_fields(cls))


def _flat(cls: Any) -> bool:
    """Tell whether a record class has more than one field, none of them a record."""
    fields = record_fields(cls)
    return len(fields) > 1 and all(
        not dataclasses.is_dataclass(t) and not any(dataclasses.is_dataclass(a) for a in typing.get_args(t))
        for _, t in fields
    )


def article_from_row(row: dict[str, Any]) -> Article:
    """Rebuild an :class:`Article` from an output row (provenance columns are dropped)."""
    return Article.from_dict(row)  # type: ignore[no-any-return]
