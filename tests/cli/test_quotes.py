"""``copydesk quotes``: JSONL in, {id, quotes, entities} out, bad lines to rejects."""

from __future__ import annotations

import json
from pathlib import Path

from copydesk.cli.main import main


def test_quotes_corpus_to_jsonl(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    text = "Mayor Jane Doe spoke on Monday.\n\n“We kept our promise to every family,” she said."
    corpus.write_text(json.dumps({"id": "a1", "text": text}) + "\nnot json\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["quotes", str(corpus), "-o", str(out), "-q", "--no-parser"]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [set(r) for r in rows] == [{"id", "quotes", "entities"}]
    quote = rows[0]["quotes"][0]
    assert text[quote["start"] : quote["end"]] == quote["text"] == "We kept our promise to every family,"
    assert (quote["kind"], quote["speaker"], quote["speaker_mention"], quote["cue"]) == (
        "direct",
        "Jane Doe",
        "she",
        "said",
    )
    assert rows[0]["entities"][0]["name"] == "Jane Doe"
    rejects = (tmp_path / "out.rejects.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(rejects) == 1 and json.loads(rejects[0])["reason"] == "invalid_json"


def test_quotes_help_lists_command(capsys) -> None:  # type: ignore[no-untyped-def]
    try:
        main(["quotes", "--help"])
    except SystemExit as exc:
        assert exc.code == 0
    assert "CORPUS" in capsys.readouterr().out
