"""The ``commercekit`` command.

``commercekit quote FILE`` prices a JSON quote request (see ``docs/json.md``; ``-``
reads standard input) and prints it as a table or, with ``--format json``, as a JSON
quote. ``commercekit schema request|quote`` prints the JSON Schemas, ``commercekit
example [NAME]`` the bundled requests, ``commercekit tax-id NUMBER`` checks a tax
number, ``commercekit serve`` runs the HTTP service (the ``server`` extra),
``commercekit prices CATALOG`` prices a catalog file into markets (the ``batch``
extra) and ``commercekit demo`` quotes the bundled examples. ``docs/cli.md`` shows
each one.

Exit status: 0 done; 1 a tax number that is not valid, or catalog rows refused; 2
refused, with one line on standard error saying why (a bad request, a missing file,
no command at all).

The modules along its seams: ``_parser`` (the arguments and each command's help),
``_read`` (a request from a file or standard input), ``_commands`` (what each command
does), ``_table`` (a quote as a table) and ``_prices`` (a catalog file priced in
chunks). Each command imports the parts of commercekit it uses when it runs, so
``commercekit example`` never loads the tax rules, nor anything but ``prices`` pyarrow.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, TextIO

from commercekit._lazy import public_names
from commercekit._numbers import context_free

if TYPE_CHECKING:
    from commercekit.cli._table import print_quote
    from commercekit.serde import MAX_REQUEST_BYTES
else:
    # Loaded on first use: a command imports only what it runs.
    __getattr__, __dir__ = public_names(
        __name__, {"._table": "print_quote", "commercekit.serde": "MAX_REQUEST_BYTES"}
    )

__all__ = ["MAX_REQUEST_BYTES", "command", "main", "print_quote"]


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector paused while a command loads, then as it was.

    Loading the command line and then a quote's rules makes some fifty thousand
    objects the collector tracks, next to none of them garbage, and the collector
    would walk them over and over while they load (some thirty collections,
    about 4 ms of a quote from the command line), and once more, all of them, at its
    first run after the pause. So what was allocated joins the oldest generation
    unwalked (``gc.freeze`` then ``gc.unfreeze``), where the collector's full
    collections reach it. What a quote leaves in cycles is bounded by the request's
    size (``MAX_REQUEST_BYTES``) and collected by the next full collection. Where
    the caller froze objects of its own, ``gc.unfreeze`` would thaw them too, so
    what was allocated is left where it is.
    """
    was_enabled = gc.isenabled()
    caller_froze = gc.get_freeze_count() > 0
    gc.disable()
    try:
        yield
    finally:
        if not caller_froze:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()


@context_free
def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status (2 for bad input, never a traceback).

    ``out`` is where results go (standard output unless given); refusals go to
    standard error.
    """
    with _no_cycle_collection():  # loading the command line: see there
        from commercekit.cli._commands import refuse  # noqa: PLC0415
        from commercekit.cli._parser import build_parser  # noqa: PLC0415
        from commercekit.errors import CommerceKitError, MissingDataError  # noqa: PLC0415

        given = sys.argv[1:] if argv is None else list(argv)
        parser = build_parser(given[0] if given else None)
        arguments = parser.parse_args(given)
    if arguments.command is None:
        parser.print_help(sys.stderr)
        return 2
    stream = out or sys.stdout
    try:
        status: int = arguments.run(arguments, stream)
        stream.flush()
    except MissingDataError as error:  # where the fact goes, as the HTTP service's field
        return refuse(f"{error.field}: {error}" if error.field else str(error))
    except CommerceKitError as error:
        return refuse(str(error))
    except BrokenPipeError:
        # The reader went away (`commercekit schema quote | head`): stop quietly, as
        # cat does; pointing stdout at /dev/null keeps Python's exit flush silent.
        if stream is sys.stdout:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for a command a pipe cut
    return status


def command() -> int:
    """The ``commercekit`` console script and ``python -m commercekit``: ``main`` on
    the process's arguments; returns the exit status.

    The process ends next, and at its end Python runs one full garbage collection
    that walks every object the command loaded (the rules, the libraries), to free
    memory the operating system takes back anyway. ``gc.freeze`` leaves them out of
    that walk. (So no finalizer of an object left in a reference cycle runs at exit:
    the commands close the files they write themselves, and Python flushes standard
    output and error.)
    """
    status = main()
    gc.freeze()
    return status
