"""Tests of copydesk.cli.main: the dispatcher and its command-module contract."""

from __future__ import annotations

import pytest

from copydesk.cli import main as cli_main


def test_main_missing_command_module_leaves_the_others_working() -> None:
    parser, unavailable = cli_main.build_parser(("clean", "no_such_command"))
    assert unavailable == ["no_such_command"]
    assert parser.parse_args(["clean", "page.txt"]).input == "page.txt"


def test_main_unavailable_command_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli_main, "COMMANDS", ("clean", "no_such_command"))
    assert cli_main.main(["no_such_command"]) == 2
    assert "not available" in capsys.readouterr().err


def test_main_without_a_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main.main([]) == 2
    assert "clean" in capsys.readouterr().err


def test_main_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli_main.main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("copydesk ")
