"""Tests of copydesk.dedup.clusters: components and the canonical rule."""

from __future__ import annotations

import numpy as np
import pytest

from copydesk.dedup.clusters import NO_DATE, Members, canonical_members, components, date_number


def test_clusters_components_join_chains() -> None:
    labels = components(6, np.array([0, 1, 4]), np.array([1, 2, 5]))
    assert labels[0] == labels[1] == labels[2]
    assert labels[4] == labels[5]
    assert len({labels[0], labels[3], labels[4]}) == 3


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2025-11-14", 20251114),
        ("2025-11-14T08:30:00Z", 20251114),
        (" 2024-01-02 ", 20240102),
        ("November 14, 2025", NO_DATE),
        ("2025-13-01", NO_DATE),
        (None, NO_DATE),
    ],
)
def test_clusters_date_number(published: str | None, expected: int) -> None:
    assert date_number(published) == expected


def canonical(dates: list[str | None], lengths: list[int], ids: list[str | None]) -> int:
    n = len(dates)
    members = Members(
        [f"k{i}" for i in range(n)], ids, np.array([date_number(d) for d in dates]), np.array(lengths)
    )
    return int(canonical_members(np.zeros(n, dtype=np.int64), members)[0])


@pytest.mark.parametrize(
    ("dates", "lengths", "ids", "expected"),
    [
        (["2025-01-03", "2025-01-02", "2025-01-04"], [10, 10, 99], ["a", "b", "c"], 1),  # earliest date
        ([None, "2025-01-05"], [99, 10], ["a", "b"], 1),  # a dated article before an undated one
        (["2025-01-02", "2025-01-02"], [10, 20], ["a", "b"], 1),  # same day: the longest body
        ([None, None, None], [20, 20, 20], ["c", "a", "b"], 1),  # then the smallest id
        ([None, None], [20, 20], [None, "k0x"], 0),  # no id: the key stands for it
    ],
)
def test_clusters_canonical_rule(
    dates: list[str | None], lengths: list[int], ids: list[str | None], expected: int
) -> None:
    assert canonical(dates, lengths, ids) == expected


def test_clusters_a_text_alone_is_its_own_canonical() -> None:
    members = Members(["a", "b"], ["a", "b"], np.array([1, 2]), np.array([5, 5]))
    assert canonical_members(np.array([0, 1]), members).tolist() == [0, 1]
