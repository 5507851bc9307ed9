"""Tests of copydesk.step: the item, and the base step's loop, counters and error policy."""

from __future__ import annotations

import pytest

from copydesk.errors import CopydeskError, MissingExtra, ModelError, RejectedInput
from copydesk.ingest.text import Document
from copydesk.record import Article, Reject
from copydesk.step import Item, MapStep, StepStats


class Upper(MapStep):
    """A document step: the text upper-cased as the body; fails on 'boom', rejects 'refuse'."""

    def process(self, value: Document, item: Item) -> Article:
        if "boom" in value.text:
            raise ValueError("broke")
        if "refuse" in value.text:
            raise RejectedInput("not_an_article", "a listing page")
        if "model" in value.text:
            raise MissingExtra("ray", "ray")
        return Article(id=value.id, body=[value.text.upper()])


def run(step: MapStep, *values: object) -> tuple[list[Item], StepStats]:
    stats = StepStats()
    items = [Item(f"k:{i}", v, "in", i, f"in:{i}") for i, v in enumerate(values)]  # type: ignore[arg-type]
    return list(step.run(items, stats)), stats


def test_step_map_step_processes_documents_and_counts() -> None:
    out, stats = run(Upper(), Document("a", "hi"), Document("b", "yo"))
    assert [i.value.body for i in out] == [["HI"], ["YO"]]  # type: ignore[union-attr]
    assert (stats.seen, stats.rejected) == (2, {})


def test_step_map_step_passes_other_values_through() -> None:
    reject, article = Reject("r", "empty_text"), Article(id="x")
    out, stats = run(Upper(), reject, article)
    assert [i.value for i in out] == [reject, article]
    assert stats.seen == 0


@pytest.mark.parametrize(("text", "reason"), [("boom", "error"), ("refuse", "not_an_article")])
def test_step_map_step_failure_becomes_reject_with_source(text: str, reason: str) -> None:
    out, stats = run(Upper(), Document("a", text))
    value = out[0].value
    assert isinstance(value, Reject) and (value.id, value.reason, value.source) == ("a", reason, "in:0")
    assert stats.rejected == {reason: 1}


def test_step_map_step_broken_setup_stops_the_run() -> None:
    with pytest.raises(CopydeskError, match="ray is not installed"):
        run(Upper(), Document("a", "model"))


def test_step_model_error_is_raised_as_model_error() -> None:
    class Broken(MapStep):
        def process(self, value: Document, item: Item) -> Article:
            raise ModelError("model file missing")

    with pytest.raises(ModelError):
        run(Broken(), Document("a", "x"))


class Batched(Upper):
    """Upper, a batch at a time: records the batches it was given; a batch holding 'crash' fails whole."""

    batch_size = 3

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def process_batch(self, values: list[Document], items: list[Item]) -> list[object]:
        self.batches.append([v.id or "" for v in values])
        if any("crash" in v.text for v in values):
            raise RuntimeError("the batch broke")
        return super().process_batch(values, items)  # type: ignore[return-value]


def test_step_batches_keep_order_and_judge_each_value() -> None:
    step = Batched()
    values = [Document(str(i), t) for i, t in enumerate(["a", "boom", "b", "c", "d", "refuse"])]
    passed = Reject("r", "empty_text")
    out, stats = run(step, *values[:5], passed, values[5])
    # A value that passes through ends a batch; a lone value goes through process().
    assert step.batches == [["0", "1", "2"], ["3", "4"]]
    assert [getattr(i.value, "reason", None) or i.value.body for i in out] == [  # type: ignore[union-attr]
        ["A"],
        "error",
        ["B"],
        ["C"],
        ["D"],
        "empty_text",
        "not_an_article",
    ]
    assert (stats.seen, stats.rejected) == (6, {"error": 1, "not_an_article": 1})


def test_step_a_failed_batch_is_done_again_value_by_value() -> None:
    step = Batched()
    out, stats = run(step, *[Document(str(i), t) for i, t in enumerate(["a", "crash", "boom", "c"])])
    assert step.batches == [["0", "1", "2"]]
    assert [getattr(i.value, "reason", None) or i.value.body for i in out] == [  # type: ignore[union-attr]
        ["A"],
        ["CRASH"],
        "error",
        ["C"],
    ]
    assert stats.rejected == {"error": 1}
