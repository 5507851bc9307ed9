"""assemble: from per-line class probabilities to the record's parts."""

from __future__ import annotations

import numpy as np

from copydesk.clean.decode import Decoding
from copydesk.clean.labels import BODY, CLASSES
from copydesk.clean.model import LineModel
from copydesk.structure.assemble import PageView, assemble
from copydesk.structure.wordlists import WordLists


def _view(lines: list[str], body: float) -> PageView:
    """The page as the text model sees it, with every line given the same body probability."""
    model = LineModel(mode="text")
    page = model.page(lines)
    proba = np.full((len(page.index), len(CLASSES)), (1.0 - body) / (len(CLASSES) - 1), dtype=np.float32)
    proba[:, BODY] = body
    return PageView(page.index, page.text, page.base, proba, page.tokens)


def test_assemble_photo_credit_line_is_a_caption_even_when_scored_body() -> None:
    prose = [f"Paragraph {n} of the story says what happened in the northern provinces." for n in range(6)]
    credited = "Residents wade through a flooded street in the northern provinces (AP Photo/Jane Doe)"
    lines = [*prose, credited, "Officials said the water had risen by more than two metres overnight."]
    art = assemble(lines, _view(lines, body=0.9), Decoding(0.5), WordLists.load(), None)
    assert art.body == [*prose, lines[-1]]
    assert [(c.text[:9], c.credit) for c in art.captions] == [("Residents", "AP Photo/Jane Doe")]
    assert [ln.label for ln in art.lines] == ["body"] * 6 + ["caption", "body"]


def test_assemble_credit_line_goes_to_the_caption_above() -> None:
    prose = [f"Paragraph {n} of the story says what happened in the northern provinces." for n in range(6)]
    caption = "Residents wade through a flooded street in the northern provinces"
    lines = [*prose[:3], caption, "(Image credit: Jane Doe)", *prose[3:], "Photo: Reuters"]
    view = _view(lines, body=0.9)
    view.proba[3] = 0.01
    view.proba[3, CLASSES.index("caption")] = 0.96  # the model's caption, with no credit of its own
    art = assemble(lines, view, Decoding(0.5), WordLists.load(), None)
    assert art.body == prose
    # The credit line under the caption is its credit; a credit line under prose is a caption of its
    # own, with no text.
    assert [(c.text, c.credit) for c in art.captions] == [(caption, "Jane Doe"), ("", "Reuters")]
    assert [ln.label for ln in art.lines][3:5] == ["caption", "caption"]


def test_assemble_second_credit_line_adds_no_caption() -> None:
    prose = [f"Paragraph {n} of the story says what happened in the northern provinces." for n in range(6)]
    caption = "Residents wade through a flooded street in the northern provinces (AP Photo/Jane Doe)"
    lines = [*prose[:3], caption, "Photo: Jane Doe, AP", *prose[3:]]
    art = assemble(lines, _view(lines, body=0.9), Decoding(0.5), WordLists.load(), None)
    assert [(c.text[:9], c.credit) for c in art.captions] == [("Residents", "AP Photo/Jane Doe")]


def test_assemble_drops_the_authors_bio_at_the_foot() -> None:
    prose = [f"Paragraph {n} of the story says what happened in the northern provinces." for n in range(6)]
    bio = "Jane Roe is a reporter covering the provinces for the paper since 2015."
    lines = ["By Jane Roe", *prose, bio, "Jane Roe"]
    view = _view(lines, body=0.9)
    view.proba[0] = 0.01
    view.proba[0, CLASSES.index("byline")] = 0.96
    art = assemble(lines, view, Decoding(0.5), WordLists.load(), None)
    assert art.authors == ["Jane Roe"]
    assert art.body == prose
    assert [ln.label for ln in art.lines][-2:] == ["boilerplate", "boilerplate"]
