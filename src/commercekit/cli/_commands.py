"""What each ``commercekit`` command does, once its arguments are parsed.

Each command imports what it runs when it runs (the packages load each name on first
use), so ``commercekit example`` costs no tax rules and ``--help`` no rules at all.

Each command takes the parsed arguments and the stream to print to, and returns the
exit status: 0 done, 1 a tax number that is not valid (a correct answer, not an
error), 2 input or a setup it refuses. A refusal is one line on standard error.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from typing import Any, TextIO

from commercekit import checkout, serde, tax
from commercekit.cli import _no_cycle_collection
from commercekit.errors import (
    CommerceKitError,
    InvalidTaxIdError,
    UnknownCountryError,
    shown,
)

SERVER_EXTRA = "pip install 'commercekit[server]'"
"""How to install what ``commercekit serve`` needs."""

DEMO_TITLES = {
    "nl-to-de-consumer": "A Dutch shop sells to a German consumer (OSS)",
    "nl-to-fr-business": "The same shop sells to a French business (reverse charge)",
    "nl-to-gb-consumer": "... to a British consumer, under GBP 135 (UK VAT at sale)",
    "nl-to-us-ddp": "... to an American consumer, duties paid at checkout (DDP)",
}


def refuse(message: str, status: int = 2) -> int:
    """Say ``message`` in one line on standard error; return ``status``."""
    one_line = " ".join(message.split())  # whatever the message held
    sys.stderr.write(f"commercekit: {one_line}\n")
    return status


def _print_json(data: Any, out: TextIO) -> None:
    json.dump(data, out, indent=2, ensure_ascii=False)
    out.write("\n")


def demo(arguments: argparse.Namespace, out: TextIO) -> int:
    """Quote the bundled example requests: one shop, four buyers, four sets of rules."""
    out.write(
        "commercekit demo: cross-border checkout quotes on bundled examples\n"
        "(requests in commercekit/examples/; run `commercekit quote FILE` on your own)\n"
    )
    from commercekit.cli._table import money_text, print_quote

    totals = []
    for name in serde.example_requests():
        cart, context = serde.quote_request_from_json(serde.example_request(name))
        result = checkout.quote(cart, context)
        out.write(f"\n{'=' * 78}\n{DEMO_TITLES.get(name, name)}  [{name}]\n{'=' * 78}\n")
        print_quote(result, out)
        totals.append((name, result))
    out.write(f"\n{'=' * 78}\nIn short\n")
    for name, result in totals:
        decision = result.decision
        out.write(
            f"  {name:<20} {decision.regime.value:<24} "
            f"{money_text(result.grand_total)} at checkout"
            + (f", {result.due_at_delivery} at the door" if result.due_at_delivery else "")
            + "\n"
        )
    return 0


def quote_command(arguments: argparse.Namespace, out: TextIO) -> int:
    """``commercekit quote FILE``: read the request, quote it, print it. A refusal of
    the rules names the request field it points at, first, as a refused value does
    (``local_rates: missing local sales tax rates for US-NY ...``)."""
    with _no_cycle_collection():  # the rules load, then the quote runs
        from commercekit.cli._read import read_request

        try:
            cart, context = serde.quote_request_from_json(read_request(arguments.request))
        except CommerceKitError as error:  # refused while the request was read
            return _refused(error, getattr(error, "field", None))
        try:
            result = checkout.quote(cart, context)
        except CommerceKitError as error:  # said where and in the request's words, as HTTP
            return _refused(error, serde.QUOTE_REQUEST_WHERE.field_of(error))
        if arguments.format == "json":
            _print_json(serde.quote_to_json(result), out)
        else:
            from commercekit.cli._table import print_quote

            print_quote(result, out)
    return 0


def _refused(error: CommerceKitError, field: str | None) -> int:
    """A refusal of a request, in its words, after the field it names (as HTTP's
    ``field`` and ``detail``)."""
    from commercekit._json_words import json_refusal

    said = json_refusal(error)
    return refuse(
        f"{field}: {said}" if field and not said.startswith(f"{field}: ") else said
    )


def schema(arguments: argparse.Namespace, out: TextIO) -> int:
    """``commercekit schema request|quote``: the shipped JSON Schema."""
    which = serde.request_schema if arguments.which == "request" else serde.quote_schema
    _print_json(which(), out)
    return 0


def example(arguments: argparse.Namespace, out: TextIO) -> int:
    """``commercekit example [NAME]``: a bundled request, or the names of all of them."""
    if arguments.name is None:
        out.writelines(f"{name}\n" for name in serde.example_requests())
    else:
        _print_json(serde.example_request(arguments.name), out)
    return 0


def tax_id(arguments: argparse.Namespace, out: TextIO) -> int:
    """``commercekit tax-id NUMBER``: 0 valid, 1 not valid, 2 nothing to check."""
    number: str = arguments.number
    if not any(char.isalnum() for char in number):
        return refuse(f"{shown(number)} holds no letters or digits; give a tax number")
    try:
        checked = tax.validate_tax_id(number, arguments.country)
    except UnknownCountryError:
        return refuse(
            f"--country {shown(arguments.country)} is not a country whose tax numbers "
            "commercekit validates; give a two-letter code such as NL, DE or AU"
        )
    except InvalidTaxIdError as error:
        if error.country == "unknown":
            return refuse(
                f"{shown(number)} is not a valid VAT number: it has no country prefix "
                "commercekit knows; give --country for AU, NZ, CA and IN numbers, which "
                "are written without one",
                status=1,
            )
        return refuse(str(error), status=1)
    out.write(
        f"number     {checked}\n"
        f"country    {checked.country}\n"
        f"scheme     {checked.scheme}\n"
        f"formatted  {checked.formatted}\n"
        "checked    format and check digits, offline (not the tax authority's "
        "registry)\n"
    )
    return 0


def serve(arguments: argparse.Namespace, out: TextIO) -> int:
    """``commercekit serve``: the HTTP service, from the optional ``server`` extra."""
    try:
        # Imported here, so every other command works without the extra installed.
        service = importlib.import_module("commercekit.service")
    except ImportError:
        return refuse(f"the HTTP service needs the server extra: {SERVER_EXTRA}")
    service.run(host=arguments.host, port=arguments.port, workers=arguments.workers)
    return 0


def prices(arguments: argparse.Namespace, out: TextIO) -> int:
    """``commercekit prices CATALOG``: a catalog priced into markets, in chunks."""
    # Imported here: pricing a catalog loads pyarrow and tqdm, no other command does.
    prices_module = importlib.import_module("commercekit.cli._prices")
    status: int = prices_module.prices(arguments, out)
    return status
