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
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import attrs
import moneyed

from commercekit.money import (
    Money,
    RoundingMode,
    allocate,
    decimal_rounding,
    from_minor_units,
    to_minor_units,
)
from commercekit.pricing._cart import Cart
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

Rounder = Callable[[int, int], int]
"""Rounds ``numerator / denominator`` (both >= 0, denominator > 0) to an int."""


def rounder(mode: RoundingMode) -> Rounder:
    """Exact rounding of a non-negative fraction with ``mode`` (a hot path: no checks).

    Discounts are never negative, so "up" and "ceiling" agree, as do "down" and "floor".
    """
    decimal_rounding(mode)  # refuses anything that is not a RoundingMode
    mode = RoundingMode(mode)
    if mode in (RoundingMode.UP, RoundingMode.CEILING):
        return lambda numerator, denominator: -(-numerator // denominator)
    if mode in (RoundingMode.DOWN, RoundingMode.FLOOR):
        return lambda numerator, denominator: numerator // denominator
    if mode is RoundingMode.HALF_UP:
        return lambda numerator, denominator: (
            (2 * numerator + denominator) // (2 * denominator)
        )
    if mode is RoundingMode.HALF_DOWN:
        return lambda numerator, denominator: (
            (2 * numerator + denominator - 1) // (2 * denominator)
        )

    def half_even(numerator: int, denominator: int) -> int:
        quotient, remainder = divmod(numerator, denominator)
        twice = 2 * remainder
        if twice > denominator or (twice == denominator and quotient & 1):
            return quotient + 1
        return quotient

    return half_even


@attrs.define
class Ledger:
    """What is left to pay on each line and on shipping, in minor units (mutable)."""

    currency: moneyed.Currency
    exponent: int
    quantities: list[int]
    subtotals: list[int]
    shipping_charge: int
    remaining: list[int] = attrs.field(init=False)
    shipping: int = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.reset()

    @classmethod
    def of(cls, cart: Cart, exponent: int) -> Ledger:
        """The ledger of an undiscounted cart."""
        quantities = [line.quantity for line in cart.lines]
        subtotals = [to_minor_units(line.unit_price) * line.quantity for line in cart.lines]
        shipping = 0 if cart.shipping is None else to_minor_units(cart.shipping)
        return cls(
            cart.lines[0].unit_price.currency, exponent, quantities, subtotals, shipping
        )

    def reset(self) -> None:
        """Back to the undiscounted cart."""
        self.remaining = list(self.subtotals)
        self.shipping = self.shipping_charge

    def money(self, count: int) -> Money:
        """``count`` minor units as Money."""
        return from_minor_units(count, self.currency)

    def take(self, eligible: list[int], discounts: list[int], shipping: int) -> None:
        """Commit a promotion's discounts."""
        remaining = self.remaining
        for index, discount in zip(eligible, discounts, strict=True):
            remaining[index] -= discount
        self.shipping -= shipping


@attrs.frozen
class Taken:
    """What one promotion takes off: per eligible line (aligned), and off shipping."""

    lines: list[int]
    shipping: int = 0
    note: str = ""


@attrs.frozen
class Refused:
    """Why a promotion takes nothing: a reason name and the explanation."""

    reason: RejectionReason
    detail: str


def spread(ledger: Ledger, total: int, weights: list[int]) -> list[int]:
    """Share ``total`` over lines in proportion to ``weights``, exactly (allocate)."""
    if not total:
        return [0] * len(weights)
    if len(weights) == 1:
        return [total]
    return [to_minor_units(part) for part in allocate(ledger.money(total), weights)]


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
    weights = [ledger.remaining[index] for index in eligible]
    return Taken(spread(ledger, _percent_once(percent, sum(weights), rounding), weights))


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
        spread(ledger, taken, weights),
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


def _by_unit_value(eligible: list[int], ledger: Ledger, *, reverse: bool) -> list[int]:
    remaining, quantities = ledger.remaining, ledger.quantities

    def value(index: int) -> tuple[Fraction, int]:
        # Ties go to the earlier line whichever way the units are ordered.
        unit = Fraction(remaining[index], quantities[index])
        return (-unit if reverse else unit, index)

    return sorted(eligible, key=value)


def _buy_x_get_y(
    offer: BuyXGetY, eligible: list[int], ledger: Ledger, rounding: Rounder
) -> Taken | Refused:
    quantities, remaining = ledger.quantities, ledger.remaining
    count = sum(quantities[index] for index in eligible)
    groups = count // (offer.buy + offer.get)
    if offer.max_applications is not None:
        groups = min(groups, offer.max_applications)
    free = groups * offer.get
    if not free:
        return Refused(
            RejectionReason.BELOW_MINIMUM,
            f"needs {offer.buy + offer.get} eligible units; the cart has {count}",
        )
    numerator, denominator = offer.percent.as_integer_ratio()
    denominator *= 100
    given: dict[int, int] = {}
    for index in _by_unit_value(eligible, ledger, reverse=False):
        units_here = min(quantities[index], free)
        given[index] = rounding(
            remaining[index] * units_here * numerator, quantities[index] * denominator
        )
        free -= units_here
        if not free:
            break
    return Taken([given.get(index, 0) for index in eligible])


def _bundle(
    offer: BundlePrice, eligible: list[int], ledger: Ledger, rounding: Rounder
) -> Taken | Refused:
    quantities, remaining = ledger.quantities, ledger.remaining
    size, price = offer.quantity, to_minor_units(offer.price)
    count = sum(quantities[index] for index in eligible)
    most = count // size
    if offer.max_bundles is not None:
        most = min(most, offer.max_bundles)
    if not most:
        return Refused(
            RejectionReason.BELOW_MINIMUM,
            f"needs {size} eligible units for a bundle; the cart has {count}",
        )
    members: dict[int, int] = {}
    saving = Fraction(0)
    made = 0
    open_units: dict[int, int] = {}
    open_value = Fraction(0)
    open_count = 0
    # Units in order of value, dearest first: each bundle is worth no more than the one
    # before, so bundling stops at the first bundle not worth more than its price.
    for index in _by_unit_value(eligible, ledger, reverse=True):
        left = quantities[index]
        unit = Fraction(remaining[index], quantities[index])
        while left and made < most:
            if not open_count and left >= size:
                whole = min(left // size, most - made)
                if unit * size <= price:
                    left = 0
                    made = most
                    break
                members[index] = members.get(index, 0) + whole * size
                saving += whole * (unit * size - price)
                made += whole
                left -= whole * size
                continue
            taking = min(left, size - open_count)
            open_units[index] = open_units.get(index, 0) + taking
            open_value += unit * taking
            open_count += taking
            left -= taking
            if open_count == size:
                if open_value <= price:
                    made = most
                    break
                for member, taken in open_units.items():
                    members[member] = members.get(member, 0) + taken
                saving += open_value - price
                made += 1
                open_units, open_value, open_count = {}, Fraction(0), 0
        if made >= most:
            break
    if not members:
        return Refused(
            RejectionReason.NOTHING_TO_DISCOUNT,
            f"{size} of the eligible units already cost {ledger.money(price)} or less",
        )
    common = math.lcm(*(quantities[index] for index in members))
    weights = {
        index: remaining[index] * taken * (common // quantities[index])
        for index, taken in members.items()
    }
    bundled_value = sum(weights.values()) // common  # whole minor units, rounded down
    total = min(rounding(saving.numerator, saving.denominator), bundled_value)
    order = list(weights)
    shares = dict(
        zip(order, spread(ledger, total, [weights[i] for i in order]), strict=True)
    )
    return Taken([shares.get(index, 0) for index in eligible])


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
        reached = sum(ledger.remaining[index] for index in eligible)
        if reached < to_minor_units(promotion.minimum_subtotal):
            after = reached != _undiscounted(eligible, ledger)
            return Refused(
                RejectionReason.BELOW_MINIMUM,
                f"the eligible items come to {ledger.money(reached)}"
                f"{' after earlier discounts' if after else ''}"
                f", below the minimum of {promotion.minimum_subtotal}",
            )
    if promotion.promotion_class is not PromotionClass.SHIPPING and not any(
        ledger.remaining[index] for index in eligible
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
        taken = _buy_x_get_y(offer, eligible, ledger, rounding)
    elif isinstance(offer, BundlePrice):
        taken = _bundle(offer, eligible, ledger, rounding)
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
