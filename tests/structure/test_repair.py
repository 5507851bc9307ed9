from __future__ import annotations

import pytest

from copydesk.structure.repair import strip_fused_glyph


def test_repair_strips_icon_letter_before_known_word() -> None:
    counts = {"vKim": 1, "Kim": 3, "Sok": 5}
    assert strip_fused_glyph("vKim Sok fled the Kingdom.", counts) == "Kim Sok fled the Kingdom."


@pytest.mark.parametrize("line", ["iPhone sales rose.", "eBay said on Monday."])
def test_repair_keeps_real_camel_case_words(line: str) -> None:
    first = line.split()[0]
    assert strip_fused_glyph(line, {first: 3, first[1:]: 1}) == line


def test_repair_keeps_unknown_remainder() -> None:
    assert strip_fused_glyph("xForce launched.", {"xForce": 1}) == "xForce launched."
