"""Golden test: who said what in the Kim Sok article, as a person read it (tests/golden/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copydesk.attribute import Attributor
from copydesk.record import Quote

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads((GOLDEN / "kim-sok-asylum.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def found(expected: dict) -> tuple[str, list[Quote], list]:
    text = "\n\n".join(expected["body"])
    att = Attributor()
    att.setup()
    quotes, entities = att(text)
    return text, quotes, entities


def _match(quotes: list[Quote], text: str) -> Quote | None:
    want = text.strip().rstrip(",.")
    for q in quotes:
        got = q.text.strip().rstrip(",.")
        if want in got and len(got) <= len(want) * 1.6:
            return q
    return None


def test_golden_kim_sok_all_six_direct_quotes(found: tuple, expected: dict) -> None:
    _, quotes, _ = found
    direct = [q for q in expected["quotes"] if q["kind"] == "direct"]
    assert len(direct) == 6
    for gold in direct:
        q = _match(quotes, gold["text"])
        assert q is not None, f"missed: {gold['text']!r}"
        assert q.kind == "direct"
        assert q.text == gold["text"]
        assert q.speaker == gold["speaker"], q


def test_golden_kim_sok_indirect_quotes(found: tuple, expected: dict) -> None:
    _, quotes, _ = found
    for gold in [q for q in expected["quotes"] if q["kind"] == "indirect"]:
        q = _match(quotes, gold["text"])
        assert q is not None, f"missed: {gold['text']!r}"
        assert q.kind == "indirect"
        assert (q.speaker, q.cue) == (gold["speaker"], gold["cue"])


def test_golden_kim_sok_offsets(found: tuple) -> None:
    text, quotes, _ = found
    for q in quotes:
        assert text[q.start : q.end] == q.text


def test_golden_kim_sok_speaker_roles(found: tuple, expected: dict) -> None:
    _, _, entities = found
    roles = {e.name: e.role for e in entities if e.label == "PERSON"}
    for name, role in expected["speakers"].items():
        assert roles.get(name) == role, name


@pytest.mark.parametrize("label", ["PERSON", "ORG", "GPE"])
def test_golden_kim_sok_entities_in_body(found: tuple, expected: dict, label: str) -> None:
    text, _, entities = found
    got = {e.name for e in entities if e.label == label}
    in_body = {name for name in expected["entities"][label] if name in text}
    assert in_body <= got
