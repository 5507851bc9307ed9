"""Table printing for the benchmarks; the metrics themselves live in :mod:`copydesk.clean.evaluate`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from copydesk.clean.evaluate import corpus_f1, shingle_counts, shingle_scores, word_f1, word_prf

__all__ = ["corpus_f1", "markdown_table", "shingle_counts", "shingle_scores", "word_f1", "word_prf"]


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Render rows as a GitHub markdown table; floats get 3 decimals, text columns align left."""
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(header)]
    numeric = [all(_is_number(row[i]) for row in cells) for i in range(len(header))]

    def line(values: Sequence[str]) -> str:
        aligned = zip(values, widths, numeric, strict=True)
        padded = [v.rjust(w) if num else v.ljust(w) for v, w, num in aligned]
        return "| " + " | ".join(padded) + " |"

    dashes = ["-" * (w + 1) + ":" if num else "-" * (w + 2) for w, num in zip(widths, numeric, strict=True)]
    return "\n".join([line(header), "|" + "|".join(dashes) + "|", *(line(row) for row in cells)])


def _cell(value: object) -> str:
    """Format one table cell: floats with 4 decimals (the targets sit within 0.001 of the scores), ``None``
    as a dash, anything else with str()."""
    if value is None:
        return "-"
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def _is_number(text: str) -> bool:
    """Whether a formatted cell is numeric or a dash (for right alignment)."""
    return bool(re.fullmatch(r"[\d,.]+|-", text))
