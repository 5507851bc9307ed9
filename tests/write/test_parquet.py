"""Tests of copydesk.write.parquet: Arrow types from the data model."""

from __future__ import annotations

import dataclasses

import pyarrow as pa
import pytest

from copydesk.record import Article, Caption, Reject
from copydesk.write.parquet import arrow_type, article_schema, reject_schema


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        (str, pa.string()),
        (int | None, pa.int64()),
        (list[str], pa.list_(pa.string())),
        (list[int], pa.list_(pa.int64())),
        (Caption, pa.struct([("text", pa.string()), ("credit", pa.string())])),
    ],
)
def test_parquet_arrow_type(hint: object, expected: pa.DataType) -> None:
    assert arrow_type(hint) == expected


def test_parquet_schemas_hold_provenance_and_every_record_field() -> None:
    for schema, cls in ((article_schema(), Article), (reject_schema(), Reject)):
        assert schema.names[:4] == ["key", "input", "source", "position"]
        assert {f.name for f in dataclasses.fields(cls)} <= set(schema.names)
