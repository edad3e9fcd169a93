"""Hypothesis strategies for a period's order lines and returns (the metrics tests).

A drawn book holds a few orders of a few products, in one currency with 0, 2, 3 or 4
decimals, sold on days around March 2026 (some outside it), with returns of up to
every unit sold, split over one or two returns with the shop's reason codes.
"""

from __future__ import annotations

from datetime import date

import attrs
from hypothesis import strategies as st

from commercekit.metrics import OrderLine, ReturnLine
from commercekit.money import Money, from_minor_units
from tests.strategies import REPRESENTATIVE_CURRENCIES

START, END = date(2026, 3, 1), date(2026, 4, 1)
"""The period the properties report on: March 2026."""

PRODUCTS = ("TEE", "MUG", "CAP", "SOCKS")
CHANNELS = ("web", "marketplace")
MARKETS = ("NL", "DE", "FR")
REASONS = ("too-small", "damaged", "changed-mind")


@attrs.frozen
class Book:
    """Order lines and returns in one currency."""

    currency: str
    lines: list[OrderLine]
    returns: list[ReturnLine]


def amounts(code: str, most: int = 10**6) -> st.SearchStrategy[Money]:
    """Money in whole minor units of ``code``, zero or more."""
    return st.integers(0, most).map(lambda units: from_minor_units(units, code))


@st.composite
def order_lines(draw: st.DrawFn, code: str, order: str, product: str) -> OrderLine:
    """One line of ``product`` on ``order``, every amount drawn."""
    money = amounts(code)
    return OrderLine(
        order=order,
        day=draw(st.dates(date(2026, 2, 25), date(2026, 4, 5))),
        product=product,
        channel=draw(st.sampled_from(CHANNELS)),
        market=draw(st.sampled_from(MARKETS)),
        units=draw(st.integers(1, 6)),
        revenue=draw(money),
        discounts=draw(money),
        cost_of_goods=draw(money),
        fulfilment=draw(money),
        shipping_charged=draw(money),
        shipping_cost=draw(money),
        payment_costs=draw(money),
        commissions=draw(money),
    )


@st.composite
def returns_of(draw: st.DrawFn, line: OrderLine, code: str) -> list[ReturnLine]:
    """Nothing, or up to every unit of ``line`` back in one or two returns."""
    back = draw(st.integers(0, line.units))
    parts = [back] if back < 2 or draw(st.booleans()) else [1, back - 1]
    return [
        ReturnLine(
            order=line.order,
            product=line.product,
            units=units,
            reason=draw(st.sampled_from(REASONS)),
            refund=draw(amounts(code)),
            return_shipping=draw(amounts(code)),
            restocking_loss=draw(amounts(code)),
        )
        for units in parts
        if units
    ]


@st.composite
def books(draw: st.DrawFn, *, most: int = 8) -> Book:
    """A few orders of a few products, one line per product and order, with returns."""
    code = draw(st.sampled_from(REPRESENTATIVE_CURRENCIES))
    keys = draw(
        st.lists(
            st.tuples(st.sampled_from(("1", "2", "3", "4")), st.sampled_from(PRODUCTS)),
            min_size=1,
            max_size=most,
            unique=True,
        )
    )
    lines = [draw(order_lines(code, order, product)) for order, product in keys]
    returns = [item for line in lines for item in draw(returns_of(line, code))]
    return Book(code, lines, returns)


def shuffled(data: st.DataObject, book: Book) -> Book:
    """The same book with its lines and returns in another order."""
    lines = data.draw(st.permutations(book.lines))
    returns = data.draw(st.permutations(book.returns))
    return Book(book.currency, lines, returns)
