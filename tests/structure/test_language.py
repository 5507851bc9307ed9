import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from copydesk.structure.language import SAMPLE_CHARS, TRIE_DEPTH, LanguageId, trie_depth

TEXTS = [
    "The government spokesman said on Tuesday that the asylum request had been denied by the court.",
    "Der Regierungssprecher sagte am Dienstag, dass der Asylantrag vom Gericht abgelehnt worden sei.",
    "El portavoz del gobierno dijo el martes que la solicitud de asilo había sido rechazada por el juez.",
    "Le porte-parole du gouvernement a déclaré mardi que la demande d'asile avait été rejetée.",
    "Представитель правительства заявил во вторник, что просьба об убежище была отклонена судом.",
    "政府发言人周二表示 法院已经驳回了 这项庇护申请 他将不会被遣返 调查仍在继续进行中",
    "THE GOVERNMENT SPOKESMAN SAID ON TUESDAY THAT THE ASYLUM REQUEST HAD BEEN DENIED.",
    "12 34 56 78 90 11 12 13 14 15 16",
    "a b c d e f g h i j k l m n o p",
    "Kim Sok fled to Finland in 2018 " * 30,
]


@pytest.fixture(scope="module")
def identifier() -> LanguageId:
    lid = LanguageId()
    lid.setup()
    return lid


@pytest.mark.parametrize("text", TEXTS)
def test_language_agrees_with_py3langid(identifier: LanguageId, text: str) -> None:
    expected, _ = LanguageIdentifier.from_model_file(MODEL_FILE).classify(text[:SAMPLE_CHARS])
    assert identifier.classify(text) == expected


def test_language_reads_the_expected_languages(identifier: LanguageId) -> None:
    assert [identifier.classify(t) for t in TEXTS[:6]] == ["en", "de", "es", "fr", "ru", "zh"]


@pytest.mark.parametrize("text", ["", "too few words here", "\x00\x01 \ufffd"])
def test_language_is_none_for_too_little_text(identifier: LanguageId, text: str) -> None:
    assert identifier.classify(text) is None


def test_language_trie_depth_is_the_models() -> None:
    model = LanguageIdentifier.from_model_file(MODEL_FILE)
    nextmove = np.asarray(model.tk_nextmove, dtype=np.int64)
    rowbase = np.asarray(model.tk_row, dtype=np.int64) << 8
    assert trie_depth(nextmove, rowbase) == TRIE_DEPTH


def test_language_pickles_without_its_model(identifier: LanguageId) -> None:
    import pickle

    copy = pickle.loads(pickle.dumps(identifier))
    assert copy._model is None
    assert copy.classify(TEXTS[0]) == "en"
