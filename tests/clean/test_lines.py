from __future__ import annotations

import pytest

from copydesk.clean.lines import MAX_LINE_CHARS, looks_like_markup, sanitise_line, split_lines, strip_markup


def test_lines_one_output_line_per_input_line() -> None:
    text = "a\r\nb\rc\u2028d\n\n"
    assert split_lines(text) == ["a", "b", "c", "d", "", ""]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\x00b\x07c", "abc"),
        ("\ufeffTitle\u200b here", "Title here"),
        ("icon\ue001 text", "icon text"),
        ("  many \t\u00a0 spaces  ", "many spaces"),
        ("e\u0301te\u0301", "été"),
    ],
)
def test_lines_sanitise(raw: str, clean: str) -> None:
    assert sanitise_line(raw) == clean


def test_lines_overlong_line_kept_unsanitised() -> None:
    long = "x" * (MAX_LINE_CHARS + 1)
    assert split_lines(f"a\n{long}\nb\x00") == ["a", long, "b"]


def test_lines_markup_detected_and_stripped() -> None:
    html = (
        "<html><head><script>var a = 1;\nvar b;</script></head><body><div><p>Hello <a href='x'>world</a></p>"
        "<span>x</span></div></body></html>"
    )
    assert looks_like_markup(html)
    stripped = strip_markup(html)
    assert "Hello world" in stripped and "var a" not in stripped and "<" not in stripped
    assert stripped.count("\n") == html.count("\n")


def test_lines_plain_text_is_not_markup() -> None:
    assert not looks_like_markup("The value of x < 3 and y > 2 in <this> case.")
