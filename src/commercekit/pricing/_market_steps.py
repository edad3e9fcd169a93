"""``localize_price``'s figures by the public steps, one after the other: convert, add
the conversion fee, add the tax the market shows; each refused if ``Money`` could not
hold it.

``convert`` refuses a converted amount of 10^18 or more itself (named here ``price``, as
the batch path names the row's price that converts out of range); the fee (converted x
the fee percentage), the net price (converted + fee) and the price with tax (net x
(1 + the rates)) are products and sums that ``Money``'s arithmetic does not check, so
each is checked here, in that order, and refused as ``Money`` refuses any amount out
of range, naming the figure and what to change.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from commercekit._numbers import MAX_MAGNITUDE, RANGE
from commercekit.errors import InvalidAmountError
from commercekit.money import Money, RateTable, RoundingMode, convert, round_money
from commercekit.pricing._price_points import to_price_point
from commercekit.tax import TaxCategory, TaxRate, gross_price, rates_for

if TYPE_CHECKING:
    from commercekit.pricing._markets import Market

_RATES = "check base_price and the rates"


def stepped(
    base_price: Money,
    market: Market,
    rates: RateTable,
    on: date,
    category: TaxCategory,
    *,
    mode: RoundingMode,
) -> tuple[Money, Money, tuple[TaxRate, ...], Money]:
    """Converted, fee, the rates shown and the price with tax (the net price where the
    market shows prices without tax), each rounded with ``mode``.

    Raises:
        InvalidAmountError: the converted price, the fee, the net price or the price
            with tax is 10^18 or more (``field`` names it: ``price``, ``fee``, ``net``,
            ``with_tax``).
    """
    try:
        converted = convert(base_price, market.currency, rates, mode=mode)
    except InvalidAmountError as error:
        if error.field is not None:
            raise
        raise InvalidAmountError(
            error.value,
            f"is out of range: {RANGE} (base_price converted to {market.currency}); "
            f"{_RATES}",
            field="price",
        ) from error
    fee = round_money(converted * market.conversion_fee.scaleb(-2), mode=mode)
    _in_range(
        fee,
        "fee",
        f"the conversion fee, converted x {market.conversion_fee}%",
        f"{_RATES}, or lower the market's conversion_fee",
    )
    net = _in_range(converted + fee, "net", "the net price, converted + fee", _RATES)
    if not market.tax_inclusive:
        return converted, fee, (), net
    assert market.tax_jurisdiction is not None  # noqa: S101  # checked by Market
    taxes = rates_for(market.tax_jurisdiction, category, on=on)
    with_tax = gross_price(net, taxes, mode=mode)
    what = "the price with tax, net x (1 + the rates shown)"
    return converted, fee, taxes, _in_range(with_tax, "with_tax", what, _RATES)


def _in_range(figure: Money, field: str, what: str, fix: str) -> Money:
    """``figure`` if ``Money`` can hold it (below 10^18 in magnitude)."""
    if not -MAX_MAGNITUDE < figure.amount < MAX_MAGNITUDE:
        raise InvalidAmountError(
            figure, f"is out of range: {RANGE} ({what}); {fix}", field=field
        )
    return figure


def shown_at(market: Market, with_tax: Money, floor: Money | None) -> Money:
    """``with_tax`` moved to the market's price point (not below ``floor``); a price
    point that gives a price finer than the currency's minor unit is refused naming
    the price shown (``field`` ``shown``, as the batch path names it)."""
    assert market.price_point is not None  # noqa: S101  # asked only with one
    try:
        return to_price_point(
            with_tax, market.price_point, direction=market.direction, floor=floor
        )
    except InvalidAmountError as error:
        if error.field is not None:
            raise
        raise InvalidAmountError(error.value, error.reason, field="shown") from error
