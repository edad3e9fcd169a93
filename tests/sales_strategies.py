"""Hypothesis strategies for a period's order lines and returns (the metrics tests).

A drawn book holds a few orders of a few products, in one currency with 0, 2, 3 or 4
decimals, sold on days around March 2026 (some outside it), with returns of up to
every unit sold, split over one or two returns with the shop's reason codes. The
refunds of a line's returns never exceed what was paid for the units returned: their
share of the line's revenue after discounts, plus at most the line's own share of the
shipping charged (so an order's refunds of shipping stay within what it was charged).
"""

from __future__ import annotations

from datetime import date

import attrs
from hypothesis import strategies as st

from commercekit.metrics import OrderLine, ReturnLine
from commercekit.money import Money, from_minor_units, split, sum_money, to_minor_units
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


def refund_cap(line: OrderLine, units: int) -> Money:
    """What ``units`` returned of ``line`` were paid, by the first parts of ``split``,
    with the line's shipping charged: the most their refunds may be here."""
    paid = line.revenue - line.discounts
    goods = split(paid, line.units)[:units] if paid.amount > 0 else []
    return sum_money([*goods, line.shipping_charged], paid.currency.code)


@st.composite
def returns_of(draw: st.DrawFn, line: OrderLine, code: str) -> list[ReturnLine]:
    """Nothing, or up to every unit of ``line`` back in one or two returns, refunding
    at most what they were paid, shipping included."""
    back = draw(st.integers(0, line.units))
    parts = [
        units
        for units in ([back] if back < 2 or draw(st.booleans()) else [1, back - 1])
        if units
    ]
    most = to_minor_units(refund_cap(line, back))
    left = draw(st.integers(0, most))
    refunds = []
    for index, _ in enumerate(parts):
        refund = left if index == len(parts) - 1 else draw(st.integers(0, left))
        refunds.append(refund)
        left -= refund
    return [
        ReturnLine(
            order=line.order,
            product=line.product,
            units=units,
            reason=draw(st.sampled_from(REASONS)),
            refund=from_minor_units(refund, code),
            return_shipping=draw(amounts(code)),
            restocking_loss=draw(amounts(code)),
        )
        for units, refund in zip(parts, refunds, strict=True)
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
