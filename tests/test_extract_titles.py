"""Titles lose the site's name and the breadcrumb trail that pages wrap them in."""

from __future__ import annotations

import pytest

from copydesk.extract import strip_site_name


@pytest.mark.parametrize(
    ("title", "site", "url", "expected"),
    [
        ("Raw HTTP Logging | CODE FARM", None, "https://www.codefarm.io/blog/x", "Raw HTTP Logging"),
        ("Flood waters rise - Example News", "Example News", None, "Flood waters rise"),
        (
            "Flood waters rise - Example News",
            None,
            "https://news.example.org/a",
            "Flood waters rise - Example News",
        ),
        ("Rust vs Go | Ferris", None, None, "Rust vs Go | Ferris"),  # no site known: left whole
        ("Paper Trails > Best Practices for PTO Benefits", None, None, "Best Practices for PTO Benefits"),
        ("Home » News » Flood waters rise - Example News", "Example News", None, "Flood waters rise"),
        ("Parts > Tools", None, None, "Parts > Tools"),  # too short to be a title of its own
    ],
)
def test_extract_title_loses_its_site_name(
    title: str, site: str | None, url: str | None, expected: str
) -> None:
    assert strip_site_name(title, site, url) == expected
