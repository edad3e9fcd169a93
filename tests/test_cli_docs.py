"""The shell examples in the docs run as shown: each ``console`` block's ``$`` lines
are run, and what follows each one is its standard output and error, ``...`` standing
for any text; ``$ echo $?`` shows the status of the command before it.

The lines are run here, not by a shell (starting Python for each one would take a
second a line): ``commercekit ...`` is ``main``, ``echo TEXT`` prints the text and
``a | b`` hands a's output to b as standard input. ``tests/test_cli_commands.py``
runs the real command through real pipes."""

from __future__ import annotations

import contextlib
import doctest
import io
import re
import shlex
import sys
from pathlib import Path

import attrs
import pytest

from commercekit.cli import main

DOCS = Path(__file__).resolve().parent.parent / "docs"
_BLOCK = re.compile(r"^```console\n(.*?)^```", re.MULTILINE | re.DOTALL)
_CHECKER = doctest.OutputChecker()


@attrs.frozen
class Example:
    page: str
    command: str
    expected: str


def _examples(page: Path) -> list[Example]:
    found: list[Example] = []
    for block in _BLOCK.findall(page.read_text(encoding="utf-8")):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, expected = chunk.partition("\n")
            found.append(Example(page.name, command, expected))
    return found


PAGES = sorted(page for page in DOCS.glob("*.md") if _examples(page))


def _stage(words: list[str], stdin: str, cwd: Path) -> tuple[int, str]:
    """One stage of a pipeline: ``echo TEXT`` or ``commercekit ...``, run here."""
    if words[0] == "echo":
        return 0, " ".join(words[1:]) + "\n"
    assert words[0] == "commercekit", f"the docs run only echo and commercekit: {words}"
    shown = io.StringIO()
    raw = io.TextIOWrapper(io.BytesIO(stdin.encode()))
    with (
        contextlib.redirect_stdout(shown),
        contextlib.redirect_stderr(shown),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr(sys, "stdin", raw)
        patch.chdir(cwd)
        try:
            status = main(words[1:], out=shown)
        except SystemExit as exit_info:  # argparse: --help, --version, a usage error
            status = int(exit_info.code or 0)
    return status, shown.getvalue()


def _run(command: str, cwd: Path) -> tuple[int, str]:
    """The command as bash would run it: a pipeline's status is its last stage's."""
    status, text = 0, ""
    for stage in command.split(" | "):
        status, text = _stage(shlex.split(stage), text, cwd)
    return status, text


def test_the_cli_page_has_examples_of_every_command() -> None:
    commands = {
        example.command.split()[1]
        for example in _examples(DOCS / "cli.md")
        if example.command.startswith("commercekit ")
    }
    assert commands >= {"example", "schema", "tax-id", "quote", "prices"}


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_console_examples_print_what_the_docs_show(page: Path, tmp_path: Path) -> None:
    status = 0
    for example in _examples(page):
        if example.command == "echo $?":
            got = f"{status}\n"
        else:
            status, got = _run(example.command, tmp_path)
        assert _CHECKER.check_output(example.expected, got, doctest.ELLIPSIS), (
            f"{page.name}: $ {example.command}\n--- expected\n{example.expected}"
            f"--- got\n{got}"
        )
