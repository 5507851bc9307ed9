"""The shipped two-stage line classifier: gradient-boosted trees over line features, then stacked.

Stage one sees each line's features and its neighbours'; stage two adds the neighbours' stage-one
class probabilities, which smooths labels over runs the way a sequence model would. A model file may
hold several such pairs ("members", trained alike but for their random seed): their final probabilities
are averaged, which evens out the noise of any one of them.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from copydesk.clean.blocks import Block
from copydesk.clean.context import Pages, context_features, stacked_features
from copydesk.clean.dom_features import Declared, DomWords, block_groups, dom_features, group_means
from copydesk.clean.features import BASE_NAMES, PageLines, char_table, line_shapes, page_lines_many
from copydesk.clean.labels import BODY
from copydesk.clean.lexicon import Lexicon, load_lexicon
from copydesk.errors import ModelError

_LOG_CHARS = BASE_NAMES.index("log_chars")  # a block's length, the weight of its vote in stage two
#: The shipped model file of each mode: text lines, or HTML blocks (text features plus DOM evidence).
MODEL_FILES = {"text": "text-lines.json.gz", "html": "html-blocks.json.gz"}
#: How boosters predict, in training and at inference alike: a line whose class is already clear after a
#: few trees skips the rest (about 3x faster, same winning class). Stage two is trained on stage-one
#: output produced this way, so the two stages see the same numbers in training as in use. A model
#: file records the margin it was trained with (``meta["predict_margin"]``); :func:`predict_options`.
PREDICT: dict[str, Any] = {
    "num_threads": 1,
    "pred_early_stop": True,
    "pred_early_stop_freq": 5,
    "pred_early_stop_margin": 2.0,
}


def predict_options(margin: float | None = None) -> dict[str, Any]:
    """:data:`PREDICT` with a model's own early-stop margin."""
    return PREDICT if margin is None else {**PREDICT, "pred_early_stop_margin": margin}


def default_model_path(mode: str = "text") -> Path:
    """Where the shipped model of a mode lives inside the package."""
    return Path(str(resources.files("copydesk.clean").joinpath("models", MODEL_FILES[mode])))


def save_model(path: Path, members: list[tuple[str, str]], meta: dict[str, Any]) -> None:
    """Write each member's two boosters (LightGBM text dumps) and the metadata to one gzipped JSON file."""
    payload = {"meta": meta, "members": [{"stage1": one, "stage2": two} for one, two in members]}
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
        json.dump(payload, fh)


@dataclass(slots=True)
class LineModel:
    """Loads lazily (in :meth:`setup`) so it is cheap to pickle and send to workers."""

    path: Path | None = None
    mode: str = "text"
    _members: list[tuple[Any, Any]] | None = field(default=None, repr=False)  # (stage one, stage two)
    _lexicon: Lexicon | None = field(default=None, repr=False)
    _table: np.ndarray | None = field(default=None, repr=False)
    _dom_words: DomWords | None = field(default=None, repr=False)
    meta: dict[str, Any] = field(default_factory=dict)

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path, "mode": self.mode}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.path = state["path"]
        self.mode = state["mode"]
        self._members = None
        self._lexicon = None
        self._table = None
        self._dom_words = None
        self.meta = {}

    def setup(self) -> None:
        """Load the members' boosters (once); word lists load on first use (:attr:`lexicon`)."""
        if self._members is not None:
            return
        import lightgbm as lgb

        path = self.path or default_model_path(self.mode)
        try:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                payload = json.load(fh)
            self._members = [
                (lgb.Booster(model_str=m["stage1"]), lgb.Booster(model_str=m["stage2"]))
                for m in payload["members"]
            ]
        except (OSError, ValueError, KeyError, lgb.basic.LightGBMError) as exc:
            raise ModelError(f"cannot load the line model {path}: {exc}") from exc
        self.meta = payload["meta"]

    @property
    def lexicon(self) -> Lexicon:
        """The word lists the features use."""
        if self._lexicon is None:
            self._lexicon = load_lexicon()
        return self._lexicon

    def page(self, lines: list[str], skip: set[int] | None = None) -> PageLines:
        """Featurise the non-blank lines of a page."""
        return self.pages([(lines, skip)])[0]

    def pages(self, pages: list[tuple[list[str], set[int] | None]]) -> list[PageLines]:
        """Featurise the non-blank lines of several pages (each its lines and the lines to skip) at once."""
        return page_lines_many(pages, self.lexicon, self._char_table())

    def block_page(self, blocks: list[Block]) -> PageLines:
        """Featurise the text of HTML blocks (every block is one "line", none blank)."""
        texts = [b.text for b in blocks]
        if not texts:
            return PageLines(
                [], [], np.zeros((0, len(BASE_NAMES)), np.float32), np.zeros((0, 2), np.float32), []
            )
        base, tokens = line_shapes(texts, self.lexicon, self._char_table())
        return PageLines(
            list(range(len(texts))), texts, base, np.ones((len(texts), 2), dtype=np.float32), tokens
        )

    def _char_table(self) -> np.ndarray:
        if self._table is None:
            self._table = char_table()
        return self._table

    def first_stage(
        self, page: PageLines, blocks: list[Block] | None = None, declared: Declared | None = None
    ) -> np.ndarray:
        """Stage-one features of a non-empty page: text context, plus in HTML mode DOM evidence and what
        the page declares about itself (its kind and article text)."""
        return self.first_stage_many([page], [blocks or []], [declared])

    def first_stage_many(
        self, pages: list[PageLines], blocks: list[list[Block]], declared: list[Declared | None]
    ) -> np.ndarray:
        """:meth:`first_stage` of several non-empty pages, their rows stacked."""
        first = context_features(pages)
        if self.mode == "html":
            if self._dom_words is None:
                self._dom_words = DomWords.load()
            dom = [dom_features(b, self._dom_words, d) for b, d in zip(blocks, declared, strict=True)]
            first = np.concatenate([first, np.concatenate(dom)], axis=1)
        return first

    def predict(
        self, page: PageLines, blocks: list[Block] | None = None, declared: Declared | None = None
    ) -> np.ndarray:
        """Class probabilities, one row per non-blank line (columns as in ``labels.CLASSES``)."""
        return self.predict_many([page], None if blocks is None else [blocks], [declared])[0]

    def predict_many(
        self,
        pages: list[PageLines],
        blocks: list[list[Block]] | None = None,
        declared: list[Declared | None] | None = None,
    ) -> list[np.ndarray]:
        """:meth:`predict` for several pages (HTML mode: with each page's blocks and declarations). The
        features are computed, and the boosters run, once over all the pages' lines: a corpus run cleans
        faster in batches."""
        self.setup()
        assert self._members is not None
        blocks = blocks or [[] for _ in pages]
        declared = declared or [None for _ in pages]
        empty = np.zeros((0, len(self.meta.get("classes", ()))), dtype=np.float32)
        todo = [k for k, page in enumerate(pages) if page.index]
        if not todo:
            return [empty for _ in pages]
        layout = Pages.of([len(pages[k].index) for k in todo])
        first = self.first_stage_many(
            [pages[k] for k in todo], [blocks[k] for k in todo], [declared[k] for k in todo]
        )
        options = predict_options(self.meta.get("predict_margin"))
        groups = [block_groups(blocks[k]) for k in todo] if self.mode == "html" else None
        total: np.ndarray | None = None
        for stage1, stage2 in self._members:
            proba1 = stage1.predict(first, **options)
            member = np.asarray(stage2.predict(self._second_stage(first, proba1, layout, groups), **options))
            total = member if total is None else total + member
        assert total is not None
        average = total / len(self._members) if len(self._members) > 1 else total
        out: list[np.ndarray] = [empty for _ in pages]
        for k, (a, z) in zip(todo, layout.bounds(), strict=True):
            out[k] = average[a:z]
        return out

    def second_stage(self, first: np.ndarray, proba1: np.ndarray, groups: np.ndarray | None) -> np.ndarray:
        """Stage-two features of a page: the stacked neighbours' probabilities, plus in HTML mode the mean
        body probability of the blocks sharing each enclosing element (``groups``, from ``block_groups``)."""
        return self._second_stage(first, proba1, Pages.of([len(first)]), None if groups is None else [groups])

    def _second_stage(
        self, first: np.ndarray, proba1: np.ndarray, layout: Pages, groups: list[np.ndarray] | None
    ) -> np.ndarray:
        """:meth:`second_stage` of pages laid end to end (``layout``), each with its groups in HTML mode."""
        second = stacked_features(first, proba1, layout)
        if groups is None:
            return second
        weights = np.expm1(first[:, _LOG_CHARS]).astype(np.float64)
        means = [
            group_means(g, proba1[a:z, BODY], weights[a:z])
            for g, (a, z) in zip(groups, layout.bounds(), strict=True)
        ]
        return np.concatenate([second, np.concatenate(means)], axis=1)
