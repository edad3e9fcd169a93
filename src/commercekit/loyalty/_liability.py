"""What points cost the shop: the liability, and revenue under IFRS 15 / ASC 606.

Points a customer earns are a promise of future discounts, so part of what the customer
paid belongs to them. IFRS 15 (B39-B43) and ASC 606 treat them as a *material right*:
the transaction price is split between the goods and the points by stand-alone selling
prices, and the points' share is recognised as revenue as the points are redeemed,
against the total the shop expects ever to be redeemed. Points expected never to be
redeemed (breakage) are not a separate gain: they raise the revenue per redeemed point.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit._checks import money_of, one_currency
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import InputKind, InvalidLoyaltyError
from commercekit.loyalty import _checks
from commercekit.money import Money, allocate

__all__ = [
    "PointsLiability",
    "PointsRevenue",
    "RevenueAllocation",
    "allocate_transaction_price",
    "points_liability",
    "points_revenue",
    "points_standalone_price",
]


def _money(value: object, field: str, *, positive: bool = False) -> Money:
    return _checks.money(value, field, positive=positive)


def _convert_why(value: object) -> str:
    return _checks.text(value, "why")


def _rate(value: object, field: str) -> Decimal:
    found = _checks.rate(value, field)
    if found > 1:
        raise InvalidLoyaltyError(field, value, "is a share from 0 to 1 (0.97, not 97)")
    return found


@context_free
def points_standalone_price(
    points: int, value_per_point: Money, expected_redemption: object
) -> Money:
    """The stand-alone selling price of points: points x value x expected redemption rate.

    IFRS 15.B42: the price reflects the discount the customer would get, adjusted for
    the likelihood that the option is exercised.

    Examples:
        >>> from commercekit.money import Money
        >>> points_standalone_price(10_000, Money("1", "EUR"), "0.97")
        Money('9700.00', 'EUR')
    """
    count = _checks.points(points, "points")
    value = _money(value_per_point, "value_per_point")
    rate = _rate(expected_redemption, "expected_redemption")
    return money_of(
        Fraction(count) * Fraction(value.amount) * Fraction(rate), value.currency.code
    )


def _convert_goods(value: object) -> Money:
    return _money(value, "goods")


def _convert_points(value: object) -> Money:
    return _money(value, "points")


@named_at_the_door
@attrs.frozen
class RevenueAllocation:
    """The transaction price split between goods and points, adding up exactly."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    goods: Money = attrs.field(converter=_convert_goods)
    points: Money = attrs.field(converter=_convert_points)
    why: str = attrs.field(converter=_convert_why)

    def __attrs_post_init__(self) -> None:
        one_currency(self.goods, self.points)


@context_free
def allocate_transaction_price(
    price: Money, goods_standalone: Money, points_standalone: Money
) -> RevenueAllocation:
    """Split what the customer paid between goods and points by stand-alone selling prices.

    IFRS 15.73-80 (ASC 606-10-32-28): each performance obligation gets the share of the
    price its stand-alone selling price bears to the total. The split is exact to the
    cent (largest remainder): goods + points == price.

    Examples:
        >>> from commercekit.money import Money
        >>> split = allocate_transaction_price(
        ...     Money("100000", "EUR"), Money("100000", "EUR"), Money("9700", "EUR"))
        >>> split.goods, split.points
        (Money('91157.70', 'EUR'), Money('8842.30', 'EUR'))
    """
    paid = _money(price, "price")
    goods = _money(goods_standalone, "goods_standalone")
    points = _money(points_standalone, "points_standalone")
    one_currency(paid, goods, points)
    if not goods.amount + points.amount:
        raise InvalidLoyaltyError(
            "goods_standalone", goods, "and points_standalone are both zero"
        )
    to_goods, to_points = allocate(paid, [goods.amount, points.amount])
    return RevenueAllocation(
        goods=to_goods,
        points=to_points,
        why=(
            f"{paid.amount} split in the ratio {goods.amount} : {points.amount} of "
            f"stand-alone selling prices: goods {to_goods.amount}, points "
            f"{to_points.amount} (a contract liability until redeemed)"
        ),
    )


def _convert_to_date(value: object) -> Money:
    return _money(value, "to_date")


def _convert_this_period(value: object) -> Money:
    return _checks.signed_money(value, "this_period")


def _convert_deferred(value: object) -> Money:
    return _money(value, "deferred")


@named_at_the_door
@attrs.frozen
class PointsRevenue:
    """Revenue recognised for points: to date, this period, and what is still deferred.

    ``this_period`` is below zero when a higher estimate of the points ever to be
    redeemed takes back revenue recognised before (the cumulative catch-up).
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    to_date: Money = attrs.field(converter=_convert_to_date)
    this_period: Money = attrs.field(converter=_convert_this_period)
    deferred: Money = attrs.field(converter=_convert_deferred)
    why: str = attrs.field(converter=_convert_why)

    def __attrs_post_init__(self) -> None:
        one_currency(self.to_date, self.this_period, self.deferred)
        if self.this_period > self.to_date:
            raise InvalidLoyaltyError(
                "this_period",
                self.this_period,
                f"is more than the to_date={self.to_date.amount} recognised to date",
            )


@context_free
def points_revenue(
    allocated: Money,
    redeemed_to_date: int,
    expected_redemptions: int,
    recognised_before: Money,
) -> PointsRevenue:
    """Revenue for points redeemed so far, with the cumulative catch-up of IFRS 15.

    Revenue to date = allocated x points redeemed to date / points expected to be
    redeemed in total; this period's revenue is that less what was recognised before.
    When the expected total changes, the catch-up lands in the period of the change
    (IFRS 15 Illustrative Examples, Example 52, IE267-IE270; IFRS 15.B46 for breakage).
    Once every expected point is redeemed the whole allocation has been recognised.

    Examples:
        >>> from commercekit.money import Money
        >>> year_1 = points_revenue(Money("9000", "EUR"), 4500, 9700, Money("0", "EUR"))
        >>> year_1.this_period, year_1.deferred
        (Money('4175.26', 'EUR'), Money('4824.74', 'EUR'))
    """
    points = _money(allocated, "allocated")
    before = _money(recognised_before, "recognised_before")
    currency = one_currency(points, before)
    redeemed = _checks.points(redeemed_to_date, "redeemed_to_date")
    expected = _checks.points(expected_redemptions, "expected_redemptions")
    if expected == 0 or redeemed > expected:
        raise InvalidLoyaltyError.refused(
            "expected_redemptions",
            expected,
            f"must be at least the redeemed_to_date={redeemed} points already redeemed "
            "(and above 0): "
            "revise the estimate first",
            kind=InputKind.COUNT,
        )
    to_date = money_of(Fraction(points.amount) * Fraction(redeemed, expected), currency)
    if before > points:
        raise InvalidLoyaltyError(
            "recognised_before", before, f"exceeds the {points.amount} allocated"
        )
    return PointsRevenue(
        to_date=to_date,
        this_period=to_date - before,
        deferred=points - to_date,
        why=(
            f"{points.amount} x {redeemed} / {expected} points = {to_date.amount} to "
            f"date, less {before.amount} recognised before = "
            f"{(to_date - before).amount} this period"
        ),
    )


def _convert_face_value(value: object) -> Money:
    return _money(value, "face_value")


def _convert_expected(value: object) -> Money:
    return _money(value, "expected")


def _convert_breakage(value: object) -> Money:
    return _money(value, "breakage")


@named_at_the_door
@attrs.frozen
class PointsLiability:
    """Outstanding points at face value, the part expected to be redeemed, and breakage.

    The parts add up: ``expected + breakage == face_value``.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    face_value: Money = attrs.field(converter=_convert_face_value)
    expected: Money = attrs.field(converter=_convert_expected)
    breakage: Money = attrs.field(converter=_convert_breakage)

    def __attrs_post_init__(self) -> None:
        one_currency(self.face_value, self.expected, self.breakage)
        if self.expected + self.breakage != self.face_value:
            raise InvalidLoyaltyError(
                "breakage",
                self.breakage,
                f"and expected={self.expected.amount} do not add up to face_value="
                f"{self.face_value.amount}; breakage is face value less expected",
            )


@context_free
def points_liability(
    outstanding_points: int, value_per_point: Money, expected_redemption: object
) -> PointsLiability:
    """The points liability: outstanding points x value per point x expected redemption.

    ``face_value`` is what every outstanding point would cost if redeemed; ``expected``
    the liability at the expected redemption rate; ``breakage`` the difference, the
    value expected never to be claimed, shown separately.

    Examples:
        >>> from commercekit.money import Money
        >>> owed = points_liability(250_000, Money("0.01", "EUR"), "0.85")
        >>> owed.face_value, owed.expected, owed.breakage
        (Money('2500.00', 'EUR'), Money('2125.00', 'EUR'), Money('375.00', 'EUR'))
    """
    count = _checks.points(outstanding_points, "outstanding_points")
    value = _money(value_per_point, "value_per_point")
    rate = _rate(expected_redemption, "expected_redemption")
    currency = value.currency.code
    face = money_of(Fraction(count) * Fraction(value.amount), currency)
    expected = money_of(Fraction(count) * Fraction(value.amount) * Fraction(rate), currency)
    return PointsLiability(face_value=face, expected=expected, breakage=face - expected)
