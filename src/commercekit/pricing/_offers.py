"""Offers: what a promotion takes off, as small value objects.

Each offer says only *what* it gives; the conditions (which items, when, for whom) and
combination rules belong to the [`Promotion`][commercekit.pricing.Promotion] that
carries it, and the arithmetic to
[`apply_promotions`][commercekit.pricing.apply_promotions].

Percentages are ``Decimal``s (or ints, or decimal strings) above 0 and at most 100;
amounts are ``Money`` in whole minor units. Floats are refused.

Examples:
    >>> PercentOff("12.5").percent
    Decimal('12.5')
    >>> BuyXGetY(2, 1)
    BuyXGetY(buy=2, get=1, percent=Decimal('100'), max_applications=None)
    >>> AmountOff(Money("-5.00", "EUR"))
    Traceback (most recent call last):
    ...
    commercekit.errors.InvalidAmountError: Money('-5.00', 'EUR') is negative; a discount ...
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import TypeAlias

import attrs

from commercekit._checks import one_currency
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import named_at_the_door
from commercekit.errors import InputKind, InvalidAmountError
from commercekit.money import Money, to_decimal
from commercekit.pricing import _checks as checks
from commercekit.pricing._cart import whole_money, whole_number

__all__ = [
    "AmountOff",
    "BundlePrice",
    "BuyXGetY",
    "FixedPrice",
    "FreeShipping",
    "Offer",
    "PercentOff",
    "Tier",
    "Tiered",
]


def _percent(value: object) -> Decimal:
    percent = to_decimal(value, "percentage")
    if not 0 < percent <= 100:
        raise InvalidAmountError(
            value, "is not a percentage off; pass a number above 0 and at most 100"
        )
    return percent


def _positive_money(value: object) -> Money:
    money = whole_money(value, "discount")
    if not money.amount:
        raise InvalidAmountError(money, "is zero; an amount off must be more than zero")
    return money


def _price(value: object) -> Money:
    return whole_money(value, "price")


def _count(value: object) -> int:
    return whole_number(value, "number of units")


def optional_count(value: object) -> int | None:
    return None if value is None else whole_number(value, "limit")


def _each(value: object) -> bool:
    return checks.flag(value, "each")


@named_at_the_door
@attrs.frozen
class PercentOff:
    """``percent`` off the eligible items (or the shipping, for a shipping promotion).

    Examples:
        >>> PercentOff(10).percent
        Decimal('10')
        >>> PercentOff(0.1)
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidAmountError: 0.1 is a float, which cannot hold most ...
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    percent: Decimal = attrs.field(converter=_percent)


@named_at_the_door
@attrs.frozen
class AmountOff:
    """``amount`` off the eligible items once, or off each eligible unit with ``each``.

    Once: the amount is shared over the eligible lines in proportion to what they cost.
    It never takes more than the eligible items (or the shipping) cost.

    Examples:
        >>> AmountOff(Money("5.00", "EUR"), each=True).each
        True
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    amount: Money = attrs.field(converter=_positive_money)
    each: bool = attrs.field(default=False, converter=_each, kw_only=True)


@named_at_the_door
@attrs.frozen
class FixedPrice:
    """Each eligible unit sells at ``price`` (units already cheaper are left alone).

    Examples:
        >>> FixedPrice(Money("9.99", "EUR")).price
        Money('9.99', 'EUR')
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    price: Money = attrs.field(converter=_price)


@named_at_the_door
@attrs.frozen
class BuyXGetY:
    """Buy ``buy`` eligible units, get ``get`` more free (or ``percent`` off them).

    The *cheapest* eligible units are the ones given away: in a cart of 3 eligible
    units at 30, 20 and 10, "buy 2 get 1" makes the 10 one free. Every full group of
    ``buy + get`` units earns ``get`` units, up to ``max_applications`` groups.

    Examples:
        >>> BuyXGetY(2, 1, percent=50).percent
        Decimal('50')
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    buy: int = attrs.field(converter=_count)
    get: int = attrs.field(converter=_count)
    percent: Decimal = attrs.field(default=Decimal(100), converter=_percent, kw_only=True)
    max_applications: int | None = attrs.field(
        default=None, converter=optional_count, kw_only=True
    )


def _tier_minimum(value: object) -> int | Money:
    if isinstance(value, int) and not isinstance(value, bool):
        return whole_number(value, "tier quantity")
    return whole_money(value, "tier threshold")


@named_at_the_door
@attrs.frozen
class Tier:
    """One step of a [`Tiered`][commercekit.pricing.Tiered] offer.

    ``minimum`` is a number of eligible units (an int) or an eligible subtotal
    (``Money``); reaching it earns ``percent`` off or ``amount`` off (exactly one).

    Examples:
        >>> Tier(3, percent=10)
        Tier(minimum=3, percent=Decimal('10'), amount=None)
        >>> Tier(Money("100.00", "EUR"))
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidAmountError: Tier(...) gives neither a percent nor an ...
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    minimum: int | Money = attrs.field(converter=_tier_minimum)
    percent: Decimal | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(_percent),
        kw_only=True,
    )
    amount: Money | None = attrs.field(
        default=None, converter=attrs.converters.optional(_positive_money), kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        if self.percent is None and self.amount is None:
            raise InvalidAmountError(
                self,
                "gives neither a percent nor an amount; give exactly one, e.g. "
                "Tier(3, percent=10) or "
                "Tier(Money('100', 'EUR'), amount=Money('10', 'EUR'))",
            )
        if self.percent is not None and self.amount is not None:
            raise InvalidAmountError(
                self, "gives both a percent and an amount; give exactly one"
            )
        if isinstance(self.minimum, Money) and self.amount is not None:
            checks.same_currency(
                self.minimum.currency.code, self.amount, "amount", "minimum"
            )


def _tiers(value: object) -> tuple[Tier, ...]:
    if isinstance(value, Tier) or not isinstance(value, list | tuple):
        raise InvalidAmountError.of_kind(InputKind.LIST)(value, "is not a list of Tier")
    tiers = tuple(value)
    if not tiers or not all(isinstance(tier, Tier) for tier in tiers):
        raise InvalidAmountError.of_kind(InputKind.LIST)(
            value, "is not a non-empty list of Tier"
        )
    by_quantity = [isinstance(tier.minimum, int) for tier in tiers]
    if any(by_quantity) and not all(by_quantity):
        raise InvalidAmountError(
            value, "mixes quantity and spend tiers; use one kind in one Tiered offer"
        )
    amounts = [
        money
        for tier in tiers
        for money in (tier.minimum, tier.amount)
        if isinstance(money, Money)
    ]
    if amounts:
        one_currency(*amounts, operation="mix in one Tiered offer")
    minimums = [
        tier.minimum if isinstance(tier.minimum, int) else tier.minimum.amount
        for tier in tiers
    ]
    if any(later <= earlier for earlier, later in itertools.pairwise(minimums)):
        raise InvalidAmountError.of_kind(InputKind.LIST)(
            value, "has tiers out of order; list them from the lowest minimum up"
        )
    return tiers


@named_at_the_door
@attrs.frozen
class Tiered:
    """Quantity breaks or spend thresholds: the highest tier reached applies.

    Quantity tiers count the eligible units; spend tiers compare the eligible
    subtotal (after the discounts of earlier promotion classes).

    Examples:
        >>> breaks = Tiered([Tier(3, percent=10), Tier(5, percent=15)])
        >>> [tier.minimum for tier in breaks.tiers]
        [3, 5]
        >>> Tiered([Tier(5, percent=15), Tier(3, percent=10)])
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidAmountListError: ... has tiers out of order; list them ...
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    tiers: tuple[Tier, ...] = attrs.field(converter=_tiers)

    @property
    def by_quantity(self) -> bool:
        """Whether the tiers count units (rather than spend)."""
        return isinstance(self.tiers[0].minimum, int)


@named_at_the_door
@attrs.frozen
class BundlePrice:
    """Any ``quantity`` eligible units together for ``price`` ("3 for EUR 10").

    Bundles are filled with the most expensive eligible units first (the customer's
    best deal, as a till does it); a bundle that would cost more than its units is not
    made. Up to ``max_bundles`` bundles per order.

    Examples:
        >>> BundlePrice(3, Money("10.00", "EUR")).quantity
        3
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    quantity: int = attrs.field(converter=_count)
    price: Money = attrs.field(converter=_price)
    max_bundles: int | None = attrs.field(
        default=None, converter=optional_count, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        if self.quantity < 2:
            raise InvalidAmountError(
                self.quantity, "is too few units for a bundle; a bundle has 2 or more"
            )


@named_at_the_door
@attrs.frozen
class FreeShipping:
    """The shipping charge, waived. Put a threshold in ``minimum_subtotal``.

    Examples:
        >>> FreeShipping()
        FreeShipping()
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash


Offer: TypeAlias = (
    PercentOff | AmountOff | FixedPrice | BuyXGetY | Tiered | BundlePrice | FreeShipping
)
"""What a promotion takes off; one of the offer classes."""

OFFERS = (PercentOff, AmountOff, FixedPrice, BuyXGetY, Tiered, BundlePrice, FreeShipping)
# Offers that are about single units only make sense for products; free shipping only
# for shipping; the rest fit any class.
PRODUCT_ONLY = (FixedPrice, BuyXGetY, BundlePrice)
