from __future__ import annotations

import numpy as np
import pytest

from copydesk.structure.header import BODY, BYLINE, CAPTION, OTHER, TITLE, is_strong_byline, repair_header
from copydesk.structure.wordlists import WordLists

WORDS = WordLists.load()


@pytest.mark.parametrize(
    ("line", "strong"),
    [
        ("Taing Vida / Khmer Times Share:", True),
        ("By Jane Smith", True),
        ("Jane Smith | Reuters", True),
        ("Home / World Cup", False),
        ("Jane Smith said the vote would be held on Monday.", False),
    ],
)
def test_header_strong_byline(line: str, strong: bool) -> None:
    assert is_strong_byline(line, WORDS, None) is strong


def test_header_repairs_title_byline_and_caption() -> None:
    texts = [
        "Flood waters rise in the north",
        "By Jane Smith",
        "Rescue teams at work in the valley. Reuters",
        "Heavy rain continued to fall across the northern provinces on Tuesday.",
    ]
    labels = [OTHER, BODY, BYLINE, BODY]
    proba = np.array([[0.6, 0.1, 0.15, 0.1, 0.05]] + [[0.2, 0.6, 0.0, 0.1, 0.1]] * 3)
    repair_header(labels, texts, proba, WORDS, None)
    assert labels == [TITLE, BYLINE, CAPTION, BODY]


def test_header_recovers_byline_and_caption_removed_above_the_body() -> None:
    texts = [
        "Home / World",
        "Flood waters rise in the north",
        "Jane Smith / Example News Share:",
        "Rescue teams at work in the valley. Reuters",
        "Heavy rain continued to fall across the northern provinces on Tuesday.",
    ]
    labels = [OTHER, TITLE, OTHER, OTHER, BODY]
    proba = np.array([[0.9, 0.1, 0.0, 0.0, 0.0]] + [[0.2, 0.6, 0.0, 0.1, 0.1]] * 4)
    repair_header(labels, texts, proba, WORDS, None)
    assert labels == [OTHER, TITLE, BYLINE, CAPTION, BODY]


def test_header_keeps_confident_labels() -> None:
    texts = ["Menu", "A story title here", "Body text goes on and on, as prose does."]
    labels = [OTHER, TITLE, BODY]
    proba = np.array([[0.9, 0.0, 0.1, 0.0, 0.0], [0.1, 0.1, 0.8, 0.0, 0.0], [0.1, 0.9, 0.0, 0.0, 0.0]])
    repair_header(labels, texts, proba, WORDS, None)
    assert labels == [OTHER, TITLE, BODY]


def test_header_title_is_the_headline_above_the_byline() -> None:
    texts = [
        "brand brand brand",
        "Flood waters rise in the north",
        "By Jane Smith",
        "Rain fell all night long.",
    ]
    labels = [OTHER, OTHER, BODY, BODY]
    proba = np.array([[0.6, 0.1, 0.3, 0.0, 0.0], [0.6, 0.4, 0.0, 0.0, 0.0]] + [[0.2, 0.7, 0.0, 0.1, 0.0]] * 2)
    repair_header(labels, texts, proba, WORDS, None)
    assert labels == [OTHER, TITLE, BYLINE, BODY]


def test_header_byline_further_above_the_body() -> None:
    texts = [
        "Flood waters rise in the north",
        "By Jane Smith",
        *["Share", "Tweet", "Email", "Print", "Save"],
        "Heavy rain continued to fall across the northern provinces on Tuesday.",
    ]
    labels = [TITLE] + [OTHER] * 6 + [BODY]
    proba = np.array([[0.1, 0.1, 0.8, 0.0, 0.0]] + [[0.9, 0.1, 0.0, 0.0, 0.0]] * 6 + [[0.1, 0.9, 0, 0, 0]])
    repair_header(labels, texts, proba, WORDS, None)
    assert labels == [TITLE, BYLINE] + [OTHER] * 5 + [BODY]


def test_header_fallback_title_is_not_a_date() -> None:
    texts = ["Flood waters rise in the north", "August 13, 2018", "By Jane Smith", "Heavy rain fell again."]
    labels = [OTHER, OTHER, BYLINE, BODY]
    proba = np.array([[0.7, 0.1, 0.2, 0.0, 0.0], [0.6, 0.1, 0.3, 0.0, 0.0]] + [[0.1, 0.9, 0, 0, 0]] * 2)
    repair_header(labels, texts, proba, WORDS, None)
    assert labels == [TITLE, OTHER, BYLINE, BODY]


def test_header_fallback_title_is_not_a_row_of_share_buttons() -> None:
    texts = ["Facebook Twitter Pinterest Email WhatsApp", "By Jane Smith", "Heavy rain fell again."]
    labels = [OTHER, BYLINE, BODY]
    proba = np.array([[0.6, 0.1, 0.3, 0.0, 0.0]] + [[0.1, 0.9, 0, 0, 0]] * 2)
    repair_header(labels, texts, proba, WORDS, None)
    assert labels == [OTHER, BYLINE, BODY]
