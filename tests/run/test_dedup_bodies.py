"""Tests of the body file that verification reads documents from."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from copydesk.run.dedup_bodies import SIGNATURES, TEXTS, BodyFile


def test_body_file_reads_back_each_row_written_in_any_order(tmp_path: Path) -> None:
    bodies = [["Première ligne.", "Deuxième — avec des accents."], [], None, ["one"], ["a", "", "b"]]
    signatures = np.arange(5 * 4, dtype=np.uint32).reshape(5, 4)
    found = BodyFile(tmp_path, rows=5, permutations=4)
    order = [[3, 0], [4, 1, 2]]  # two batches, rows out of order
    with found.writing():
        for rows in order:
            found.add_signatures(np.array(rows), signatures[rows])
        for rows in order[::-1]:  # bodies in another order than signatures
            array = pa.array([bodies[r] for r in rows], pa.list_(pa.string()))
            found.add_bodies(np.array(rows), pa.chunked_array([array[:1], array[1:]]))
    texts, got = found.read(np.array([0, 2, 3, 4, 1]))
    assert texts == ["Première ligne.\n\nDeuxième — avec des accents.", "", "one", "a\n\n\n\nb", ""]
    assert got.tolist() == signatures[[0, 2, 3, 4, 1]].tolist()
    assert found.signatures(np.array([4, 0])).tolist() == signatures[[4, 0]].tolist()


def test_body_file_refuses_a_row_never_written(tmp_path: Path) -> None:
    found = BodyFile(tmp_path, rows=2, permutations=4)
    with found.writing():
        found.add_signatures(np.array([0]), np.zeros((1, 4), dtype=np.uint32))
        found.add_bodies(np.array([0]), pa.array([["x"]], pa.list_(pa.string())))
    with pytest.raises(ValueError, match="without a signature"):
        found.read(np.array([1]))


def test_body_file_remove_deletes_its_files(tmp_path: Path) -> None:
    found = BodyFile(tmp_path / "dedup", rows=1, permutations=4)
    with found.writing():
        found.add_signatures(np.array([0]), np.zeros((1, 4), dtype=np.uint32))
    assert (tmp_path / "dedup" / TEXTS).exists() and (tmp_path / "dedup" / SIGNATURES).exists()
    found.remove()
    assert not any((tmp_path / "dedup").iterdir())
