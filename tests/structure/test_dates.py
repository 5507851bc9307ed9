from __future__ import annotations

import pytest

from copydesk.structure.dates import find_date, find_dateline
from copydesk.structure.wordlists import WordLists

WORDS = WordLists.load()


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Published: Jan 29, 2025", "2025-01-29"),
        ("Updated 3 March 2024, 10:12", "2024-03-03"),
        ("2023-11-05T10:00:00Z", "2023-11-05"),
        ("15. März 2022", "2022-03-15"),
        ("12 de octubre de 2021", "2021-10-12"),
        ("le 7 juillet 2020", "2020-07-07"),
        ("14.02.2019", "2019-02-14"),
        ("2026年11月28日 10時32分", "2026-11-28"),
        ("发布于2025年3月7日", "2025-03-07"),
        ("2024년 1월 5일", "2024-01-05"),
        ("no date here", None),
        ("February 31, 2020", None),
    ],
)
def test_dates_find_date(text: str, iso: str | None) -> None:
    assert find_date(text, WORDS) == iso


@pytest.mark.parametrize(
    ("para", "dateline"),
    [
        ("PHNOM PENH (Reuters) - Cambodia's government said on Monday...", "PHNOM PENH (Reuters)"),
        ("BERLIN, March 3 — Germany's parliament voted...", "BERLIN, March 3"),
        ("Exiled political analyst Kim Sok yesterday vowed to return.", None),
        ("AI: a new age - or not", None),
    ],
)
def test_dates_find_dateline(para: str, dateline: str | None) -> None:
    assert find_dateline(para) == dateline
