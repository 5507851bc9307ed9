from __future__ import annotations

import pytest

from copydesk.structure.captions import split_credit


@pytest.mark.parametrize(
    ("text", "caption", "credit"),
    [
        (
            "Kim Sok fled the Kingdom after serving a jail term for defamation. DAP News",
            "Kim Sok fled the Kingdom after serving a jail term for defamation.",
            "DAP News",
        ),
        ("Protesters gather in the square. (Reuters)", "Protesters gather in the square.", "Reuters"),
        (
            "The minister at a press conference. Photo: John Doe",
            "The minister at a press conference.",
            "John Doe",
        ),
        ("Flooded streets in Valencia. AFP/Getty Images", "Flooded streets in Valencia.", "AFP/Getty Images"),
        ("Die Kanzlerin in Berlin. Foto: dpa", "Die Kanzlerin in Berlin.", "dpa"),
    ],
)
def test_captions_split_credit(text: str, caption: str, credit: str) -> None:
    got = split_credit(text)
    assert (got.text, got.credit) == (caption, credit)


@pytest.mark.parametrize(
    "text", ["A man walks his dog in the park.", "The president speaks (left) to aides."]
)
def test_captions_without_credit_unchanged(text: str) -> None:
    got = split_credit(text)
    assert (got.text, got.credit) == (text, None)
