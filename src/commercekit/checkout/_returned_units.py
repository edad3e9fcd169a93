"""The units returned: which units of which lines come back, and what each is worth.

A return names SKUs and units; a SKU's units are taken from its quote lines in order,
and never more than are left once earlier refunds are counted (commercekit keeps no
state: the earlier refunds are passed in).

Units are refunded at ``split(line.gross, quantity)``: the first *n* units returned are
worth the first *n* parts added up, and each refund is that cumulative amount after it
less the cumulative amount before it. So refunds in any steps add up to exactly the
line's figure, never a cent more.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import cast

from commercekit.checkout._checks import count, sequence
from commercekit.checkout._model import Quote, QuoteLine
from commercekit.checkout._refund_result import Refund, RefundLine
from commercekit.errors import (
    ExcessReturnError,
    InvalidAmountError,
    RefundMismatchError,
    UnknownSkuError,
    shown,
)
from commercekit.money import Money, from_minor_units, sum_money, to_minor_units


def first_parts(total: Money, parts: int, units: int) -> Money:
    """The first ``units`` of ``split(total, parts)`` added up, without building them.

    ``split`` gives each part ``total // parts`` minor units and the first
    ``total % parts`` parts one more, so the first ``units`` parts hold
    ``units * each + min(units, leftover)`` minor units: the cumulative amount for that
    many units, in constant time whatever the quantity. ``total`` is zero or more in
    whole minor units (a quote's figure).
    """
    each, leftover = divmod(to_minor_units(total), parts)
    return from_minor_units(units * each + min(units, leftover), total.currency)


def earlier_refunds(value: object) -> tuple[Refund, ...]:
    """The earlier refunds, checked to be a list of ``Refund``."""
    found = sequence(value, "previous")
    for earlier in found:
        if not isinstance(earlier, Refund):
            raise RefundMismatchError(f"{shown(earlier)} is not a Refund")
    return cast("tuple[Refund, ...]", found)


def units_before(order: Quote, previous: Sequence[Refund]) -> list[int]:
    """Units of each quote line already refunded; refuses refunds of another order."""
    before = [0] * len(order.lines)
    for earlier in previous:
        if earlier.paid != order.grand_total:
            raise RefundMismatchError(
                f"a previous refund is against an order that paid {earlier.paid}, "
                f"not this quote's {order.grand_total}"
            )
        for back in earlier.lines:
            if not 0 <= back.line < len(order.lines) or (
                order.lines[back.line].sku != back.sku
            ):
                raise RefundMismatchError(
                    f"a previous refund returns {shown(back.sku)} on line {back.line}, "
                    f"which this quote does not have"
                )
            before[back.line] += back.units
    for index, line in enumerate(order.lines):
        if before[index] > line.quantity:
            raise RefundMismatchError(
                f"the previous refunds return {before[index]} of {shown(line.sku)} on line "
                f"{index}, more than the {line.quantity} bought"
            )
    return before


def units_now(
    order: Quote, returned_lines: Mapping[str, int], before: Sequence[int]
) -> list[int]:
    """Units of each quote line returned now: a SKU's lines are filled in order."""
    if not isinstance(returned_lines, Mapping):
        raise InvalidAmountError(
            returned_lines, "is not a mapping of SKU to units; pass e.g. {'MUG': 1}"
        )
    known = tuple(dict.fromkeys(line.sku for line in order.lines))
    now = [0] * len(order.lines)
    for sku, units in returned_lines.items():
        if sku not in known:
            raise UnknownSkuError(sku, known)
        if isinstance(units, bool) or not isinstance(units, int):
            raise InvalidAmountError(
                units,
                f"is not a whole number of units of {shown(sku)}; pass an int",
                field=f"returned_lines[{sku!r}]",
            )
        if units < 0:
            raise InvalidAmountError(
                units,
                f"is a negative number of units of {shown(sku)}; pass 0 or more",
                field=f"returned_lines[{sku!r}]",
            )
        count(units, f"returned_lines[{shown(sku)}]")  # within range, for the messages
        indexes = [i for i, line in enumerate(order.lines) if line.sku == sku]
        bought = sum(order.lines[i].quantity for i in indexes)
        returned = sum(before[i] for i in indexes)
        if units > bought - returned:
            raise ExcessReturnError(sku, bought, returned, units)
        left = units
        for index in indexes:
            take = min(left, order.lines[index].quantity - before[index])
            now[index] = take
            left -= take
    return now


def refund_line(index: int, line: QuoteLine, before: int, after: int) -> RefundLine:
    """What goes back for units ``before`` to ``after`` of quote line ``index``."""
    quantity = line.quantity

    def share(total: Money) -> Money:
        return first_parts(total, quantity, after) - first_parts(total, quantity, before)

    gross, tax = share(line.gross), share(line.tax)
    return RefundLine(
        index, line.sku, after - before, share(line.discount), gross - tax, tax, gross
    )


def net_returned(order: Quote, units: Sequence[int]) -> Money:
    """The goods' net value of the first ``units`` of each line, as refunds share it."""
    currency = order.currency
    parts = [
        first_parts(line.gross, line.quantity, n) - first_parts(line.tax, line.quantity, n)
        for line, n in zip(order.lines, units, strict=True)
    ]
    return sum_money(parts, currency)
