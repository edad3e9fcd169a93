"""The ``commercekit`` command's arguments: each command with a paragraph saying what it
does and an example of it, shown by ``commercekit COMMAND --help``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from commercekit.cli import _commands

if TYPE_CHECKING:
    from commercekit.money import RoundingMode

    _Commands = argparse._SubParsersAction[argparse.ArgumentParser]

_FORMAT = argparse.RawDescriptionHelpFormatter


# The service's own bounds (commercekit.service.MAX_WORKERS; a test keeps them equal),
# kept here so that the command line parses without importing the service.
MAX_WORKERS = 64


class _Version(argparse.Action):
    """``--version``: the installed version, read only when asked for."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        from commercekit import __version__  # noqa: PLC0415  # reads the metadata

        sys.stdout.write(f"commercekit {__version__}\n")
        parser.exit()


def _port(text: str) -> int:
    if not (text.isascii() and text.isdigit() and len(text) <= 5) or not (
        1 <= int(text) <= 65535
    ):
        message = f"a port is a whole number from 1 to 65535, not {text!r}"
        raise argparse.ArgumentTypeError(message)
    return int(text)


def _workers(text: str) -> int:
    if not (text.isascii() and text.isdigit() and len(text) <= 4) or not (
        1 <= int(text) <= MAX_WORKERS
    ):
        message = f"workers is a whole number from 1 to {MAX_WORKERS}, not {text!r}"
        raise argparse.ArgumentTypeError(message)
    return int(text)


def _host(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("give a host name or address, such as 127.0.0.1")
    return text


def _day(text: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        message = f"a day is written YYYY-MM-DD, such as 2026-11-30, not {text!r}"
        raise argparse.ArgumentTypeError(message) from None


def _rounding(text: str) -> RoundingMode:
    from commercekit.money import RoundingMode  # noqa: PLC0415  # only when prices runs

    try:
        return RoundingMode(text)
    except ValueError:
        modes = ", ".join(mode.value for mode in RoundingMode)
        message = f"rounding is one of {modes}, not {text!r}"
        raise argparse.ArgumentTypeError(message) from None


def _keys(text: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in text.split(","))
    if not all(names):
        message = (
            f"keys are column names separated by commas, such as sku,title, not {text!r}"
        )
        raise argparse.ArgumentTypeError(message)
    return names


def _command(
    commands: _Commands,
    name: str,
    summary: str,
    description: str,
    example: str,
) -> argparse.ArgumentParser:
    return commands.add_parser(
        name,
        help=summary,
        description=description,
        epilog=f"example:\n{example}",
        formatter_class=_FORMAT,
    )


def _demo(commands: _Commands) -> None:
    demo = _command(
        commands,
        "demo",
        "run the main job on bundled data",
        "Quote the four bundled example requests (one Dutch shop selling to a German\n"
        "consumer, a French business, a British consumer and an American consumer)\n"
        "and print each quote as a table, then the four totals side by side.",
        "  commercekit demo",
    )
    demo.set_defaults(run=_commands.demo)


def _quote(commands: _Commands) -> None:
    quoting = _command(
        commands,
        "quote",
        "price a JSON quote request",
        "Price the quote request in FILE (the format of `commercekit schema request`)\n"
        "and print the quote as a table or, with --format json, as JSON (the format\n"
        "of `commercekit schema quote`). FILE '-' reads standard input. A request\n"
        "commercekit refuses is one line on standard error and exit status 2.",
        "  commercekit quote cart.json\n"
        "  commercekit example nl-to-us-ddp | commercekit quote - --format json",
    )
    quoting.add_argument("request", metavar="FILE", help="the quote request; - for stdin")
    quoting.add_argument(
        "--format", choices=("table", "json"), default="table", help="how to print it"
    )
    quoting.set_defaults(run=_commands.quote_command)


def _schema(commands: _Commands) -> None:
    schema = _command(
        commands,
        "schema",
        "print the JSON Schema of a quote request or a quote",
        "Print the JSON Schema (draft 2020-12) that quote requests (request) or\n"
        "quotes (quote) follow, as shipped in the package. Validate against it in any\n"
        "language before calling commercekit.",
        "  commercekit schema request > quote-request.schema.json",
    )
    schema.add_argument("which", choices=("request", "quote"), help="which schema")
    schema.set_defaults(run=_commands.schema)


def _example(commands: _Commands) -> None:
    example = _command(
        commands,
        "example",
        "print a bundled example request",
        "Print the bundled example quote request NAME as JSON, a starting point for\n"
        "your own. Without NAME, list the names, one per line.",
        "  commercekit example\n  commercekit example nl-to-de-consumer > cart.json",
    )
    example.add_argument("name", metavar="NAME", nargs="?", help="the example's name")
    example.set_defaults(run=_commands.example)


def _tax_id(commands: _Commands) -> None:
    tax_id = _command(
        commands,
        "tax-id",
        "check a VAT or GST number's format and check digits",
        "Check a tax number's format and check digits, offline (not in the tax\n"
        "authority's registry), and print it normalised with its country and\n"
        "scheme. Exit status 0: valid; 1: not valid, with why on standard error;\n"
        "2: nothing to check (no letters or digits, or an unknown --country).\n"
        "AU, NZ, CA and IN numbers have no country prefix: give --country.",
        "  commercekit tax-id 'NL 0044.95.445.B01'\n"
        "  commercekit tax-id '51 824 753 556' --country AU",
    )
    tax_id.add_argument("number", metavar="NUMBER", help="the number, as written")
    tax_id.add_argument(
        "--country", metavar="CC", help="the country, for numbers without a prefix"
    )
    tax_id.set_defaults(run=_commands.tax_id)


def _serve(commands: _Commands) -> None:
    serve = _command(
        commands,
        "serve",
        "run the HTTP service (needs commercekit[server])",
        "Serve commercekit over HTTP (quotes, refunds, tax decisions, landed cost,\n"
        "tax numbers) for platforms written in other languages. It needs the\n"
        f"optional server extra: {_commands.SERVER_EXTRA}. It listens on\n"
        "127.0.0.1 unless told otherwise; it keeps no state, so run as many workers\n"
        "as you like.",
        "  commercekit serve --port 8080 --workers 4",
    )
    serve.add_argument(
        "--host", type=_host, default="127.0.0.1", help="address to listen on"
    )
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on")
    serve.add_argument(
        "--workers", type=_workers, default=1, help=f"worker processes (1 to {MAX_WORKERS})"
    )
    serve.set_defaults(run=_commands.serve)


def _prices(commands: _Commands) -> None:
    prices = _command(
        commands,
        "prices",
        "price a catalog file into markets (needs commercekit[batch])",
        "Price every row of CATALOG (CSV or Parquet: sku, price or price_minor,\n"
        "currency, and optionally category, cost with min_margin, market with\n"
        "minimum_price) into the markets of --markets, converting with the rate\n"
        "table of --rates on the day --on, and write the prices to --output (CSV\n"
        "or Parquet, by its suffix). Rows refused go to OUTPUT's name with\n"
        ".rejected.csv, each with the field and the error; a summary is printed.\n"
        "Exit status 0: every row priced; 1: some rows refused; 2: refused input.\n"
        "A progress bar shows on a terminal, unless --quiet.",
        "  commercekit prices catalog.csv --markets markets.json --rates rates.json \\\n"
        "      --on 2026-11-30 --output prices.parquet",
    )
    prices.add_argument("catalog", metavar="CATALOG", help="the catalog, .csv or .parquet")
    prices.add_argument(
        "--markets", required=True, metavar="FILE", help='{"markets": [...]} as JSON'
    )
    prices.add_argument(
        "--rates", required=True, metavar="FILE", help="the exchange rate table as JSON"
    )
    prices.add_argument(
        "--on", required=True, type=_day, metavar="YYYY-MM-DD", help="the day priced"
    )
    prices.add_argument(
        "-o", "--output", required=True, metavar="OUTPUT", help=".csv or .parquet"
    )
    prices.add_argument(
        "--rounding",
        type=_rounding,
        default="half-up",  # argparse passes a text default through _rounding
        metavar="MODE",
        help="the rounding of every step (default half-up, as localize_price)",
    )
    prices.add_argument(
        "--keys",
        type=_keys,
        default=("sku",),
        metavar="COLUMNS",
        help="columns copied to every output row, comma-separated (default sku)",
    )
    prices.add_argument("--quiet", action="store_true", help="no progress bar")
    prices.set_defaults(run=_commands.prices)


_COMMANDS: dict[str, Callable[[_Commands], None]] = {
    "demo": _demo,
    "quote": _quote,
    "schema": _schema,
    "example": _example,
    "tax-id": _tax_id,
    "serve": _serve,
    "prices": _prices,
}
"""Each command, in the order ``commercekit --help`` lists them, and what adds it."""


def build_parser(first: str | None = None) -> argparse.ArgumentParser:
    """The ``commercekit`` command and its commands; given ``first``, the first of the
    arguments, and it names a command, that command alone.

    Arguments that start with a command are that command's to parse, and anything
    printed about them (its help, its usage in a refusal, ``commercekit``'s usage for an
    argument no one knows) is the same without the other commands, whose parsers cost
    a quote from the command line about a millisecond to build.
    """
    parser = argparse.ArgumentParser(
        prog="commercekit",
        description="Commerce rules: money, tax, shipping, duties. Quote a cart as\n"
        "JSON, check a tax number, or serve it all over HTTP.",
        epilog="example:\n  commercekit example nl-to-de-consumer | commercekit quote -\n\n"
        "Run 'commercekit COMMAND --help' for what a command does.",
        formatter_class=_FORMAT,
    )
    parser.add_argument(
        "--version", action=_Version, nargs=0, help="show program's version number and exit"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, add in _COMMANDS.items():
        if first not in _COMMANDS or first == name:
            add(commands)
    return parser
