from __future__ import annotations

import pytest

from copydesk.structure.captions import is_credited, split_credit


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
        ("Rescue teams at work [Reuters]  ", "Rescue teams at work", "Reuters"),  # brackets, then spaces
        ("Rescue teams at work AP/Jane Roe", "Rescue teams at work", "AP/Jane Roe"),  # no full stop
        ("Rescue teams at work! EPA", "Rescue teams at work!", "EPA"),
        # An agency before the label belongs to the credit, in brackets or after a sentence's end.
        ("Protesters in the square. (AP Photo/Jane Roe)", "Protesters in the square.", "AP Photo/Jane Roe"),
        ("Protesters in the square (AP Photo/Jane Roe)", "Protesters in the square", "AP Photo/Jane Roe"),
        ("Hun Sen at a rally. Xinhua Photo/Li Ming", "Hun Sen at a rally.", "Xinhua Photo/Li Ming"),
        ("Flooded streets (Photo: AFP)", "Flooded streets", "AFP"),  # the label alone is not kept
        ("Crowds in Paris Photo: Reuters", "Crowds in Paris", "Reuters"),  # no sentence's end: no agency
    ],
)
def test_captions_split_credit(text: str, caption: str, credit: str) -> None:
    got = split_credit(text)
    assert (got.text, got.credit) == (caption, credit)


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("(Image credit: Blue Origin)", "Blue Origin"),
        ("(AP Photo/Jane Roe)", "AP Photo/Jane Roe"),
        ("Photo: Reuters", "Reuters"),
        ("(Reuters)", "Reuters"),
    ],
)
def test_captions_credit_alone_has_no_text(text: str, credit: str) -> None:
    got = split_credit(text)
    assert (got.text, got.credit) == ("", credit)


@pytest.mark.parametrize(
    "text",
    [
        "A man walks his dog in the park.",
        "The president speaks (left) to aides.",
        "Reuters",
        "Image: Jose Mourinho, left, has replaced Mauricio Pochettino as manager of Tottenham",
    ],
)
def test_captions_without_credit_unchanged(text: str) -> None:
    got = split_credit(text)
    assert (got.text, got.credit) == (text, None)


@pytest.mark.parametrize(
    "text",
    [
        "A man loads trims into his truck in Hialeah, Fla. (AP Photo/Alan Diaz, File)",
        "Protesters have worn masks to protect their identities (Image: GETTY )",
        "(Image credit: Sierra Nevada Corp.)",
        "Photo: iFixit",
        "Scooter Braun at a private residence. (Photo by Kevin Mazur/Getty Images)",
        "The Mustang earns the top pick for EVs. Image by John Goreham",
        "Die Kanzlerin in Berlin (Foto: dpa)",
    ],
)
def test_captions_explicit_credit_is_credited(text: str) -> None:
    assert is_credited(text)


@pytest.mark.parametrize(
    "text",
    [
        "Secure key vendors (photo, video, florist, entertainment)",
        "He took a photo: it was the last one of the trip.",
        "The photo by the lake was taken in 1952.",
        "Protesters gather in the square. (Reuters)",  # a credit, but not an explicit photo credit
        "word " * 90 + "(Photo: AP)",  # prose that long is not a caption
    ],
)
def test_captions_prose_is_not_credited(text: str) -> None:
    assert not is_credited(text)
