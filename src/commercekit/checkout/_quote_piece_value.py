"""India: a shipping charge and the value of each piece that picks a garment's rate.

Garments and footwear are rated by their "sale value" per piece or pair (Rs 1000, Rs
2500 from 2025-09-22), which CBIC reads as the transaction value, not the retail sale
price (GST rates FAQ of 27 July 2017, Q. 33). The transaction value includes what the
supplier charges for anything done in respect of the supply at or before delivery (CGST
Act s. 15(2)(c)), and goods delivered by their supplier for one price are a composite
supply at the goods' rate (s. 2(30), s. 8(a)): the quote taxes the shipping at the rate
of the goods it is shared over. No notification or clarification read says how a charge
for the whole order is shared over the pieces when comparing each with the threshold.
So where the shipping, shared over the lines by their amounts as the quote shares it
and evenly over a line's pieces, would put a piece in the other band, the quote is
refused, naming the ways out; where it cannot, the rate does not depend on the answer.

References:
    CBIC, GST Acts (CGST Act ss. 2(30), 8, 15): https://cbic-gst.gov.in/gst-acts.html
    CBIC, GST rates FAQ of 27 July 2017, Q. 33, as reproduced (read 2026-12-01):
        http://taxinindia.com/category/gst/hsn-classification/
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from commercekit._numbers import EXACT
from commercekit.errors import MissingDataError
from commercekit.money import Money, sum_money
from commercekit.pricing import CartLine
from commercekit.tax import ItemRule, TaxCategory

if TYPE_CHECKING:
    from commercekit.tax import PerItemRate

__all__ = ["shipping_keeps_each_band"]

_times = EXACT.multiply
_add = EXACT.add


def shipping_keeps_each_band(
    cart_lines: Sequence[CartLine],
    categories: Sequence[TaxCategory],
    by_item: dict[TaxCategory, tuple[PerItemRate, ...]],
    shipping: tuple[Money | None, Sequence[Money]],
) -> None:
    """Refuse a shipping charge that, shared over the pieces of a line rated by the
    value of each piece, would put a piece in the other band of an ``up_to`` rule.

    ``shipping`` is the charge taxed with the goods and each line's amount after its
    discount (the value without the charge)."""
    charge, amounts = shipping
    if charge is None or not charge.amount or not amounts:
        return
    total = sum_money(amounts, charge.currency).amount
    if not total:
        return
    for line, category, amount in zip(cart_lines, categories, amounts, strict=True):
        rules = by_item.get(category, ())
        if not rules or rules[0].rule is not ItemRule.UP_TO:
            continue
        # each piece: amount / q without the charge, (amount + charge x amount / total) / q
        # with it; compared with the threshold without dividing
        limit = _times(_times(rules[0].threshold.amount, line.quantity), total)
        without = _times(amount.amount, total)
        with_it = _add(without, _times(charge.amount, amount.amount))
        if (without <= limit) != (with_it <= limit):
            raise _refused(line, category, rules[0], charge)


def _refused(
    line: CartLine, category: TaxCategory, rule: PerItemRate, charge: Money
) -> MissingDataError:
    return MissingDataError(
        f"whether the shipping counts in the sale value of each piece on line {line.sku!r}",
        f"India rates {category} by the sale value of each piece or pair "
        f"({rule.threshold} the limit), the transaction value (CBIC GST rates FAQ of "
        "27 July 2017, Q. 33), which includes what the supplier charges for delivering "
        "the goods (CGST Act s. 15(2)(c)); no notification or clarification read says "
        f"how the shipping of {charge} for the whole order is shared over the pieces, "
        "and shared by value it puts these pieces in the other band. Put the delivery "
        "in the price of the pieces, or quote without a shipping charge",
        field="shipping",
    )
