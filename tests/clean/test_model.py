from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest

from copydesk.clean.model import LineModel, default_model_path
from copydesk.errors import ModelError


def test_model_shipped_file_is_small() -> None:
    assert default_model_path().stat().st_size < 5 * 1024 * 1024


def test_model_predicts_probabilities_per_nonblank_line() -> None:
    model = LineModel()
    page = model.page(
        ["Menu", "", "A sentence that reads like prose, long enough to count as text.", "© 2024"]
    )
    proba = model.predict(page)
    assert proba.shape == (3, len(model.meta["classes"]))
    assert np.allclose(proba.sum(axis=1), 1.0, atol=1e-5)


def test_model_pickles_without_its_boosters() -> None:
    model = LineModel()
    model.setup()
    clone = pickle.loads(pickle.dumps(model))
    assert clone._members is None
    clone.setup()
    assert clone.meta == model.meta


def test_model_missing_file_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError):
        LineModel(tmp_path / "nope.json.gz").setup()
