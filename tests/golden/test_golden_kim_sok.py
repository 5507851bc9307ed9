"""Golden test: the Kim Sok page must come out exactly as a person extracted it by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import copydesk

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def pair() -> tuple[dict, dict]:
    text = (HERE / "kim-sok-asylum.txt").read_text(encoding="utf-8")
    expected = json.loads((HERE / "kim-sok-asylum.expected.json").read_text(encoding="utf-8"))
    return copydesk.clean_text(text).to_dict(), expected


@pytest.mark.parametrize("field", ["title", "authors", "publisher", "body", "related"])
def test_golden_kim_sok_field(pair: tuple[dict, dict], field: str) -> None:
    got, expected = pair
    assert got[field] == expected[field]


def test_golden_kim_sok_captions(pair: tuple[dict, dict]) -> None:
    got, expected = pair
    assert [{"text": c["text"], "credit": c["credit"]} for c in got["captions"]] == expected["captions"]


def test_golden_kim_sok_boilerplate(pair: tuple[dict, dict]) -> None:
    got, expected = pair
    assert [b["text"] for b in got["boilerplate"]] == expected["boilerplate"]


def test_golden_kim_sok_lines_cover_input(pair: tuple[dict, dict]) -> None:
    got, _ = pair
    text = (HERE / "kim-sok-asylum.txt").read_text(encoding="utf-8")
    assert len(got["lines"]) == len(text.split("\n"))
    assert {ln["label"] for ln in got["lines"]} <= {
        "blank",
        "title",
        "byline",
        "date",
        "caption",
        "body",
        "heading",
        "related",
        "boilerplate",
    }
