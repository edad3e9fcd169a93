"""Multi-buys: buy X get Y, and bundles at a price.

These offers value units, not lines: the free units of a buy X get Y are the cheapest
eligible units, and a bundle is filled with the dearest units first (each bundle is then
worth no more than the one before, so bundling stops at the first bundle not worth
more than its price). Units valued at a fraction of a cent (a line of 3 already
discounted by 1 cent) are valued exactly, and only the discount is rounded.
"""

from __future__ import annotations

import math
from fractions import Fraction

from commercekit.money import to_minor_units
from commercekit.pricing._left_to_pay import Ledger, Refused, Rounder, Taken, spread
from commercekit.pricing._offers import BundlePrice, BuyXGetY
from commercekit.pricing._promotions import RejectionReason


def _by_unit_value(eligible: list[int], ledger: Ledger, *, reverse: bool) -> list[int]:
    remaining, quantities = ledger.remaining, ledger.quantities

    def value(index: int) -> tuple[Fraction, int]:
        # Ties go to the earlier line whichever way the units are ordered.
        unit = Fraction(remaining[index], quantities[index])
        return (-unit if reverse else unit, index)

    return sorted(eligible, key=value)


def buy_x_get_y(
    offer: BuyXGetY, eligible: list[int], ledger: Ledger, rounding: Rounder
) -> Taken | Refused:
    """Buy X get Y: the cheapest eligible units of each group go free (or at a discount)."""
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


def bundle(
    offer: BundlePrice, eligible: list[int], ledger: Ledger, rounding: Rounder
) -> Taken | Refused:
    """Bundles at a price: as many as are worth more than their price, dearest first."""
    quantities = ledger.quantities
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
    members, saving = _fill_bundles(offer, eligible, ledger, most)
    if not members:
        return Refused(
            RejectionReason.NOTHING_TO_DISCOUNT,
            f"{size} of the eligible units already cost {ledger.money(price)} or less",
        )
    return _share_bundle_saving(members, saving, eligible, ledger, rounding)


def _fill_bundles(
    offer: BundlePrice, eligible: list[int], ledger: Ledger, most: int
) -> tuple[dict[int, int], Fraction]:
    """The units put in bundles (by line) and what the bundles save, as a fraction."""
    quantities, remaining = ledger.quantities, ledger.remaining
    size, price = offer.quantity, to_minor_units(offer.price)
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
    return members, saving


def _share_bundle_saving(
    members: dict[int, int],
    saving: Fraction,
    eligible: list[int],
    ledger: Ledger,
    rounding: Rounder,
) -> Taken:
    """The saving, rounded once, shared over the bundled lines by the value bundled."""
    quantities, remaining = ledger.quantities, ledger.remaining
    common = math.lcm(*(quantities[index] for index in members))
    weights = {
        index: remaining[index] * taken * (common // quantities[index])
        for index, taken in members.items()
    }
    bundled_value = sum(weights.values()) // common  # whole minor units, rounded down
    total = min(rounding(saving.numerator, saving.denominator), bundled_value)
    order = list(weights)
    shares = dict(zip(order, spread(total, [weights[i] for i in order]), strict=True))
    return Taken([shares.get(index, 0) for index in eligible])
