"""``localize_price``'s floors: a minimum advertised price, and a margin over cost."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from commercekit._checks import invalid
from commercekit._numbers import EXACT
from commercekit.errors import InvalidAmountError
from commercekit.money import (
    QUANTUM,
    Money,
    RateTable,
    RoundingMode,
    convert,
    require_money,
)
from commercekit.pricing import _checks as checks
from commercekit.pricing._margins import price_for_margin
from commercekit.tax import TaxRate, gross_price

if TYPE_CHECKING:
    from commercekit.pricing._markets import Market


def minimum_price_of(market: Market, value: object) -> Money:
    """A minimum advertised price: in the market's currency, in whole minor units (a
    shown price is, so a floor between two of them could not be shown)."""
    found = checks.same_currency(
        market.currency, checks.money(value, "minimum_price"), "minimum_price"
    )
    quantum = QUANTUM[market.currency]
    if found.amount != found.amount.quantize(quantum, context=EXACT):
        raise invalid(
            "minimum_price",
            found,
            f"has digits finer than {market.currency}'s minor unit ({quantum}); "
            "give a price that can be shown",
        )
    return found


def unfloored(market: Market, with_tax: Money) -> Decimal:
    """The price the market's rules give without a floor."""
    if market.price_point is None:
        return with_tax.amount
    return market.price_point.move(with_tax.amount, market.direction)


def floor_of(
    market: Market,
    *,
    rates: RateTable,
    taxes: tuple[TaxRate, ...],
    cost: Money | None,
    min_margin: Decimal | None,
    minimum_price: Money | None,
    mode: RoundingMode,
) -> Money | None:
    """The higher of the margin floor (``cost`` and ``min_margin``, both or neither)
    and ``minimum_price``, in the market's currency as shown; None without either."""
    floors = []
    if (cost is None) != (min_margin is None):
        given, missing = (
            ("cost", "min_margin") if min_margin is None else ("min_margin", "cost")
        )
        raise InvalidAmountError.refused(
            given,
            cost if min_margin is None else min_margin,
            f"is given without {missing}: a floor at a margin over cost needs both; "
            f"give {missing} too, or neither",
        )
    if cost is not None and min_margin is not None:
        local_cost = convert(require_money(cost), market.currency, rates, mode=mode)
        net_floor = price_for_margin(local_cost, min_margin)
        floors.append(gross_price(net_floor, taxes) if taxes else net_floor)
    if minimum_price is not None:
        floors.append(require_money(minimum_price))
    return max(floors) if floors else None
