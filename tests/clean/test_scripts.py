from __future__ import annotations

from copydesk.clean.scripts import words


def test_words_split_ideographs_and_hiragana_one_by_one() -> None:
    assert words("東京でロボットが走る") == ["東", "京", "で", "ロボット", "が", "走", "る"]
    assert words("新型iPhone发布") == ["新", "型", "iphone", "发", "布"]


def test_words_elsewhere_are_runs_of_word_characters() -> None:
    assert words("Der Minister, e-mail: 2026!") == ["der", "minister", "e", "mail", "2026"]
    assert words("서울 시장") == ["서울", "시장"]  # Korean is written with spaces: runs stay whole
