"""Word lists and the pinned spaCy pipeline."""

from __future__ import annotations

import pytest

from copydesk.attribute.lexicon import inflect, load_lexicon


def test_lexicon_loads_every_list() -> None:
    lex = load_lexicon()
    assert lex.cue_lemma("said") == "say"
    assert lex.cue_lemma("told") == "tell"
    assert lex.cue_lemma("joked") is None and lex.cue_lemma("joked", direct=True) == "joke"
    assert lex.honorific("Mr.") == "m"
    assert "spokesman" in lex.roles
    assert "Finland" in lex.places
    assert "tell" in lex.object_cues and "vow" in lex.to_cues and "confirm" in lex.that_cues


@pytest.mark.parametrize(
    ("lemma", "form"), [("say", "says"), ("note", "noted"), ("deny", "denied"), ("stress", "stresses")]
)
def test_lexicon_inflect_regular_forms(lemma: str, form: str) -> None:
    assert form in inflect(lemma)


def test_lexicon_spacy_model_matches_pinned_hashes() -> None:
    pytest.importorskip("spacy")
    from copydesk.attribute.parse import model_digests, pinned_digests

    pinned = pinned_digests()
    installed = model_digests()
    assert installed, "no weight files found"
    for rel, digest in installed.items():
        assert pinned.get(rel) == digest, f"{rel} differs from data/model.sha256"


def test_lexicon_spacy_model_version() -> None:
    pytest.importorskip("spacy")
    from copydesk.attribute.parse import MODEL_VERSION, load_model

    assert load_model().meta["version"] == MODEL_VERSION
