"""The arithmetic of each offer, in whole minor units.

Internal to [`apply_promotions`][commercekit.pricing.apply_promotions]. Every amount
here is an ``int`` count of the cart currency's minor units (cents), so the arithmetic
is exact and fast; ``Money`` objects are built only for the result. Each function gets
what is left to discount on each eligible line (after the promotions applied before
it) and returns what it takes off each of them, never more than what is left.

Rounding points:

* a percentage on a product promotion is rounded on each line;
* a percentage on an order promotion is rounded once, on the eligible total, and the
  rounded amount shared over the lines with [`allocate`][commercekit.money.allocate];
* a percentage on shipping is rounded once, on the shipping charge;
* units valued at a fraction of a cent (a line of 3 already discounted by 1 cent) are
  valued exactly, and only the discount is rounded.

The ledger of what is left to pay is in ``_left_to_pay``; the multi-buys (buy X get Y,
bundles), which value units rather than lines, in ``_multibuys``.
"""

from __future__ import annotations

from decimal import Decimal

from commercekit.money import to_minor_units
from commercekit.pricing._left_to_pay import Ledger, Refused, Rounder, Taken, spread
from commercekit.pricing._multibuys import bundle, buy_x_get_y
from commercekit.pricing._offers import (
    AmountOff,
    BundlePrice,
    BuyXGetY,
    FixedPrice,
    FreeShipping,
    PercentOff,
    Tiered,
)
from commercekit.pricing._promotions import Promotion, PromotionClass, RejectionReason


def _percent_lines(
    percent: Decimal, eligible: list[int], ledger: Ledger, rounding: Rounder
) -> list[int]:
    numerator, denominator = percent.as_integer_ratio()
    denominator *= 100
    remaining = ledger.remaining
    return [rounding(remaining[index] * numerator, denominator) for index in eligible]


def _percent_once(percent: Decimal, amount: int, rounding: Rounder) -> int:
    numerator, denominator = percent.as_integer_ratio()
    return rounding(amount * numerator, denominator * 100)


def _percent(
    promotion: Promotion,
    percent: Decimal,
    eligible: list[int],
    ledger: Ledger,
    rounding: Rounder,
) -> Taken:
    kind = promotion.promotion_class
    if kind is PromotionClass.SHIPPING:
        return Taken([0] * len(eligible), _percent_once(percent, ledger.shipping, rounding))
    if kind is PromotionClass.PRODUCT:
        return Taken(_percent_lines(percent, eligible, ledger, rounding))
    weights = list(map(ledger.remaining.__getitem__, eligible))
    return Taken(spread(_percent_once(percent, sum(weights), rounding), weights))


def _amount(
    promotion: Promotion, amount: int, eligible: list[int], ledger: Ledger, *, each: bool
) -> Taken:
    if promotion.promotion_class is PromotionClass.SHIPPING:
        taken = min(amount, ledger.shipping)
        note = _capped(ledger, amount, taken, "the shipping charge")
        return Taken([0] * len(eligible), taken, note)
    remaining = ledger.remaining
    if each:
        quantities = ledger.quantities
        lines = [min(amount * quantities[index], remaining[index]) for index in eligible]
        wanted = sum(amount * quantities[index] for index in eligible)
        return Taken(lines, 0, _capped(ledger, wanted, sum(lines), "the eligible items"))
    weights = [remaining[index] for index in eligible]
    taken = min(amount, sum(weights))
    return Taken(
        spread(taken, weights),
        0,
        _capped(ledger, amount, taken, "the eligible items"),
    )


def _capped(ledger: Ledger, wanted: int, taken: int, what: str) -> str:
    if taken >= wanted:
        return ""
    return (
        f"capped at {ledger.money(taken)}, what was left of {what}; "
        f"{ledger.money(wanted)} would have made it negative"
    )


def _fixed_price(price: int, eligible: list[int], ledger: Ledger) -> Taken | Refused:
    remaining, quantities = ledger.remaining, ledger.quantities
    lines = [max(0, remaining[index] - price * quantities[index]) for index in eligible]
    if not any(lines):
        return Refused(
            RejectionReason.NOTHING_TO_DISCOUNT,
            f"the eligible items already cost {ledger.money(price)} a unit or less",
        )
    return Taken(lines)


def _tiered(
    promotion: Promotion,
    offer: Tiered,
    eligible: list[int],
    ledger: Ledger,
    rounding: Rounder,
) -> Taken | Refused:
    if offer.by_quantity:
        reached = sum(ledger.quantities[index] for index in eligible)
        shown = f"{reached} eligible units"
    else:
        reached = sum(ledger.remaining[index] for index in eligible)
        shown = f"eligible items of {ledger.money(reached)}"
    tier = None
    for candidate in offer.tiers:
        minimum = candidate.minimum
        needed = minimum if isinstance(minimum, int) else to_minor_units(minimum)
        if reached >= needed:
            tier = candidate
    if tier is None:
        first = offer.tiers[0].minimum
        return Refused(
            RejectionReason.BELOW_MINIMUM,
            f"the first tier needs {first}{' units' if isinstance(first, int) else ''}; "
            f"the cart has {shown}",
        )
    if tier.percent is not None:
        return _percent(promotion, tier.percent, eligible, ledger, rounding)
    assert tier.amount is not None  # noqa: S101  # a Tier has a percent or an amount
    return _amount(promotion, to_minor_units(tier.amount), eligible, ledger, each=False)


def discount(
    promotion: Promotion, eligible: list[int], ledger: Ledger, rounding: Rounder
) -> Taken | Refused:
    """What ``promotion`` takes off the ``eligible`` lines (and shipping) now."""
    offer = promotion.offer
    if promotion.promotion_class is PromotionClass.SHIPPING and not ledger.shipping:
        return Refused(
            RejectionReason.NO_SHIPPING, "there is no shipping charge left to discount"
        )
    if promotion.minimum_subtotal is not None:
        reached = sum(map(ledger.remaining.__getitem__, eligible))
        if reached < to_minor_units(promotion.minimum_subtotal):
            after = reached != _undiscounted(eligible, ledger)
            return Refused(
                RejectionReason.BELOW_MINIMUM,
                f"the eligible items come to {ledger.money(reached)}"
                f"{' after earlier discounts' if after else ''}"
                f", below the minimum of {promotion.minimum_subtotal}",
            )
    if promotion.promotion_class is not PromotionClass.SHIPPING and not any(
        map(ledger.remaining.__getitem__, eligible)
    ):
        return Refused(
            RejectionReason.NOTHING_TO_DISCOUNT,
            "nothing is left to pay on the eligible items",
        )
    taken: Taken | Refused
    if isinstance(offer, PercentOff):
        taken = _percent(promotion, offer.percent, eligible, ledger, rounding)
    elif isinstance(offer, AmountOff):
        amount = to_minor_units(offer.amount)
        taken = _amount(promotion, amount, eligible, ledger, each=offer.each)
    elif isinstance(offer, FixedPrice):
        taken = _fixed_price(to_minor_units(offer.price), eligible, ledger)
    elif isinstance(offer, BuyXGetY):
        taken = buy_x_get_y(offer, eligible, ledger, rounding)
    elif isinstance(offer, BundlePrice):
        taken = bundle(offer, eligible, ledger, rounding)
    elif isinstance(offer, Tiered):
        taken = _tiered(promotion, offer, eligible, ledger, rounding)
    else:
        assert isinstance(offer, FreeShipping)  # noqa: S101  # the offers are a closed set
        taken = Taken([0] * len(eligible), ledger.shipping)
    if isinstance(taken, Taken) and not taken.shipping and not any(taken.lines):
        return Refused(
            RejectionReason.NOTHING_TO_DISCOUNT,
            "the discount rounds to zero on what is left of the eligible items",
        )
    return taken


def _undiscounted(eligible: list[int], ledger: Ledger) -> int:
    subtotals = ledger.subtotals
    return sum(subtotals[index] for index in eligible)
