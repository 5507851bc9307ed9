from __future__ import annotations

import pytest

from copydesk.structure.repair import strip_fused_glyph


def test_repair_strips_icon_letter_before_known_word() -> None:
    assert strip_fused_glyph("vKim Sok fled the Kingdom.", {"Kim", "Sok"}) == "Kim Sok fled the Kingdom."


@pytest.mark.parametrize("line", ["iPhone sales rose.", "eBay said on Monday."])
def test_repair_keeps_real_camel_case_words(line: str) -> None:
    first = line.split()[0]
    assert strip_fused_glyph(line, {first, first[1:]}) == line


def test_repair_keeps_unknown_remainder() -> None:
    assert strip_fused_glyph("xForce launched.", {"Force"} - {"Force"}) == "xForce launched."
