"""The ``commercekit`` command.

``commercekit --version`` prints the version; ``commercekit demo`` runs the main job on
bundled data. Until the checkout quote lands, the demo is a tour of the rules so far: a
small cart priced, a discount shared over its lines, a bill split three ways, the same
total written for buyers in five locales, a Swiss cash payment, and the VAT decision for
the same cart sold across borders.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TextIO

from commercekit import __version__
from commercekit.errors import CommerceKitError
from commercekit.money import (
    Money,
    allocate,
    cash_round,
    cash_rounding,
    format_money,
    percent_of,
    split,
    sum_money,
)
from commercekit.tax import Buyer, Sale, Seller, decide, extract_tax

# The demo's bundled data: a cart as a Dutch shop would list it (net prices in EUR).
DEMO_DATE = date(2026, 11, 26)
DEMO_CART: tuple[tuple[str, int, str], ...] = (
    ("Merino scarf", 2, "34.95"),
    ("Leather notebook", 1, "19.99"),
    ("Fountain pen", 3, "12.49"),
)
DEMO_DISCOUNT_PERCENT = Decimal(10)
DEMO_LOCALES = ("nl_NL", "de_DE", "fr_FR", "en_IE", "de_CH")
DEMO_SWISS_RECEIPT = ("7.28", "12.45", "3.30")


def demo(out: TextIO) -> None:
    """Print the tour of the money core on the bundled cart."""
    lines = [Money(price, "EUR") * quantity for _, quantity, price in DEMO_CART]
    subtotal = sum_money(lines, "EUR")
    out.write("commercekit demo: the money core on a small cart\n\n")
    for (name, quantity, price), line in zip(DEMO_CART, lines, strict=True):
        out.write(f"  {name:<18} {quantity} x {price:>6} = {line.amount:>7} EUR\n")
    out.write(f"  {'subtotal':<31} {subtotal.amount:>7} EUR\n\n")

    discount = percent_of(subtotal, DEMO_DISCOUNT_PERCENT)
    shares = allocate(discount, [line.amount for line in lines])
    out.write(
        f"A {DEMO_DISCOUNT_PERCENT}% order discount of {discount.amount} EUR, shared over "
        "the lines in proportion to their value (largest remainder, exact to the cent):\n"
    )
    for (name, _, _), share in zip(DEMO_CART, shares, strict=True):
        out.write(f"  {name:<18} -{share.amount} EUR\n")
    assert sum_money(shares, "EUR") == discount  # noqa: S101  # the rule the demo shows
    total = subtotal - discount
    out.write(f"  total after discount: {total.amount} EUR\n\n")

    out.write("The total split between three friends (parts add up exactly):\n")
    parts = split(total, 3)
    out.write("  " + " + ".join(str(part.amount) for part in parts))
    out.write(f" = {sum_money(parts, 'EUR').amount} EUR\n\n")

    out.write("The same total as buyers read it (CLDR formats via babel):\n")
    for locale in DEMO_LOCALES:
        out.write(f"  {locale:<6} {format_money(total, locale)!s}\n")
    out.write("\n")

    chf = sum_money((Money(price, "CHF") for price in DEMO_SWISS_RECEIPT), "CHF")
    rule = cash_rounding("CHF", on=DEMO_DATE)
    paid_in_cash = cash_round(chf, on=DEMO_DATE)
    out.write(
        f"In Switzerland, a {chf.amount} CHF receipt paid in cash on {DEMO_DATE} is "
        f"{paid_in_cash.amount} CHF: cash is settled in steps of {rule.increment} "
        f"since {rule.since}\n  ({rule.convention}; source: {rule.source})\n\n"
    )
    _demo_cross_border(out, total)


def _demo_cross_border(out: TextIO, total: Money) -> None:
    """The same cart sold by a Dutch shop to consumers in three countries."""
    out.write("The same total, sold by a Dutch shop (OSS-registered, EUR 42,000 of EU\n")
    out.write("distance sales this year), to consumers abroad:\n")
    seller = Seller("NL", {"OSS"}, eu_sales_this_year=Money("42000", "EUR"))
    for buyer, place in ((Buyer("DE"), "Germany"), (Buyer("FR"), "France"),
                         (Buyer("ES", postcode="38001"), "Tenerife")):  # fmt: skip
        decision = decide(Sale(seller, buyer, "goods", total), on=DEMO_DATE)
        if decision.rates:
            inside = extract_tax(total, decision.rates)
            out.write(
                f"  {place:<9} {decision.regime.value}: {inside.tax.amount} EUR "
                f"{decision.taxed_in} VAT at {decision.rates[0].rate}% inside the price\n"
            )
        else:
            out.write(f"  {place:<9} {decision.regime.value}: no EU VAT\n")
        out.write(f"            why: {decision.rules[0].text}\n")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="commercekit", description="Commerce rules: money, tax, shipping, duties."
    )
    parser.add_argument("--version", action="version", version=f"commercekit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("demo", help="run the main job on bundled data")
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit code (2 for bad input, never a traceback)."""
    parser = _parser()
    arguments = parser.parse_args(argv)
    out = out or sys.stdout
    try:
        if arguments.command == "demo":
            demo(out)
            return 0
    except CommerceKitError as error:
        sys.stderr.write(f"commercekit: {error}\n")
        return 2
    parser.print_help(out)
    return 0
