"""The process's entry point, ``commercekit.cli.command``, and the garbage collector.

``command`` (the console script and ``python -m commercekit``) runs ``main`` on the
process's arguments, then leaves every object out of the collection Python runs at
exit (``gc.freeze``); ``main`` itself, which programs and tests call in-process,
leaves nothing frozen.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import subprocess
import sys
from pathlib import Path

import pytest

from commercekit.cli import command, main
from commercekit.cli._parser import build_parser

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "src/commercekit/examples/nl-to-de-consumer.json")


def test_command_runs_main_on_the_process_arguments_and_freezes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``command`` prints what ``main`` prints for the same arguments, returns its
    status, and leaves the objects frozen for the process's exit."""
    expected = io.StringIO()
    assert main(["quote", EXAMPLE], out=expected) == 0
    monkeypatch.setattr(sys, "argv", ["commercekit", "quote", EXAMPLE])
    try:
        assert command() == 0
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert capsys.readouterr().out == expected.getvalue()


def test_command_returns_a_refusal_status(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A refused request still exits 2 with one line on standard error."""
    monkeypatch.setattr(sys, "argv", ["commercekit", "quote", "no-such-request.json"])
    try:
        assert command() == 2
    finally:
        gc.unfreeze()
    assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.parametrize("request_file", [EXAMPLE, "no-such-request.json"])
def test_a_quote_in_process_leaves_nothing_frozen(request_file: str) -> None:
    """``main`` moves what the quote allocated to the oldest generation, where full
    collections reach it: nothing is left frozen."""
    assert gc.get_freeze_count() == 0
    main(["quote", request_file], out=io.StringIO())
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("arguments", [["quote", EXAMPLE], ["quote", "no-such.json"]])
def test_main_leaves_what_its_caller_froze_frozen(arguments: list[str]) -> None:
    """An application that froze its own objects (``gc.freeze``, as a server does
    before it forks) finds them frozen still after calling ``main``: a library call
    leaves the caller's collector as it was."""
    kept = [[number] for number in range(1000)]
    gc.freeze()
    try:
        main(arguments, out=io.StringIO())
        # The collector's generations list no frozen object.
        assert not any(found is kept for found in gc.get_objects())
    finally:
        gc.unfreeze()
    assert any(found is kept for found in gc.get_objects())


def test_python_m_commercekit_prints_the_quote() -> None:
    """``python -m commercekit quote FILE`` prints the table ``main`` prints."""
    expected = io.StringIO()
    main(["quote", EXAMPLE], out=expected)
    done = subprocess.run(  # noqa: S603  # our own interpreter, fixed arguments
        [sys.executable, "-m", "commercekit", "quote", EXAMPLE],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PATH": "", "PYTHONPATH": str(ROOT / "src")},
    )
    assert done.stdout == expected.getvalue()


_ARGUMENTS = [
    ["quote"],
    ["quote", "-h"],
    ["quote", EXAMPLE, "--bogus"],
    ["quote", EXAMPLE, "--format", "xml"],
    ["quote", EXAMPLE, "extra"],
    ["quote", "--version"],
    ["quote", EXAMPLE, "--format", "json"],
    ["demo", "extra"],
    ["schema", "nope"],
    ["example", "-h"],
    ["tax-id"],
    ["serve", "--port", "0"],
    ["serve", "--workers", "99", "--host", "0.0.0.0"],  # noqa: S104  # parsed, not served
    ["prices", "-h"],
    ["prices", "c.csv", "--markets", "m", "--rates", "r", "--on", "2026-13-01", "-o", "o"],
]
"""Arguments starting with each command, right and wrong (help, a missing or unknown
argument, a value refused), as a user types them."""


def _parsed(parser: argparse.ArgumentParser, arguments: list[str]) -> tuple[object, str]:
    """What ``parser`` makes of ``arguments``: the namespace or the exit status, and
    what it printed."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        try:
            found: object = vars(parser.parse_args(arguments))
        except SystemExit as done:
            found = done.code
    return found, printed.getvalue()


@pytest.mark.parametrize("arguments", _ARGUMENTS, ids=" ".join)
def test_a_command_parses_and_prints_the_same_without_the_others(
    arguments: list[str],
) -> None:
    """Arguments that start with a command are parsed by that command's parser alone
    (a quote builds no other command's), with the same result, help and refusals as
    by the parser of every command; other arguments get every command."""
    alone = build_parser(arguments[0])
    assert list(_commands_of(alone)) == [arguments[0]]
    assert _parsed(alone, arguments) == _parsed(build_parser(), arguments)
    assert list(_commands_of(build_parser("--help"))) == list(_commands_of(build_parser()))


def _commands_of(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (commands,) = (action for action in parser._actions if isinstance(action.choices, dict))
    return dict(commands.choices)
