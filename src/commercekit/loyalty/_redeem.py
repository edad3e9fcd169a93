"""Points as a discount at checkout: value per point, limits per order, rounding down.

A program sets what a point is worth in each currency the shop sells in, the fewest and
most points one order may use, and the largest share of the goods points may pay for.
The discount is rounded *down* to the currency's minor unit, so points never buy more
than they are worth; the points used are the points the ledger should then redeem.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit._checks import money_of
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import InputKind, InsufficientPointsError, InvalidLoyaltyError
from commercekit.loyalty._checks import (
    instance,
    money,
    points,
    rate,
    signed_money,
    text,
)
from commercekit.money import Money, RoundingMode, validate_currency

__all__ = ["PointsDiscount", "RedemptionRule", "redemption_discount"]


def _values(value: object) -> dict[str, Money]:
    if not isinstance(value, Mapping) or not value:
        raise InvalidLoyaltyError.refused(
            "value_per_point",
            value,
            "is not a mapping of currencies to Money; pass {'EUR': Money('0.01', 'EUR')}",
            kind=InputKind.LIST,
        )
    found: dict[str, Money] = {}
    for code, given in value.items():
        currency = validate_currency(code)
        field = f"value_per_point[{currency!r}]"
        worth = signed_money(given, field)
        if worth.currency.code != currency or worth.amount <= 0:
            raise InvalidLoyaltyError(
                field, given, f"must be a positive amount in {currency}"
            )
        found[currency] = worth
    return found


def _convert_min_points(value: object) -> int:
    return points(value, "min_points")


def _convert_max_points(value: object) -> int | None:
    return None if value is None else points(value, "max_points")


def _convert_max_share(value: object) -> Decimal:
    return rate(value, "max_share", positive=True)


@named_at_the_door
@attrs.frozen
class RedemptionRule:
    """What a point is worth per currency, and how many one order may use.

    ``max_share`` is the largest share of the goods points may pay for (``'0.5'`` is
    half); ``max_points`` (optional) an absolute limit per order.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    value_per_point: Mapping[str, Money] = attrs.field(converter=_values)
    min_points: int = attrs.field(default=0, converter=_convert_min_points)
    max_points: int | None = attrs.field(
        default=None,
        converter=_convert_max_points,
    )
    max_share: Decimal = attrs.field(default=Decimal(1), converter=_convert_max_share)

    def __attrs_post_init__(self) -> None:
        if self.max_share > 1:
            raise InvalidLoyaltyError(
                "max_share", self.max_share, "must be at most 1: write 50 % as '0.5'"
            )
        if self.max_points is not None and self.max_points < self.min_points:
            raise InvalidLoyaltyError.refused(
                "max_points",
                self.max_points,
                f"is below min_points {self.min_points}; raise it or lower min_points",
                kind=InputKind.COUNT,
            )


def _convert_points(value: object) -> int:
    return points(value, "points")


def _convert_discount(value: object) -> Money:
    return money(value, "discount")


def _convert_why(value: object) -> str:
    return text(value, "why")


@named_at_the_door
@attrs.frozen
class PointsDiscount:
    """The points an order uses and the discount they buy."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    points: int = attrs.field(converter=_convert_points)
    discount: Money = attrs.field(converter=_convert_discount)
    why: str = attrs.field(converter=_convert_why)


@context_free
def redemption_discount(
    rule: RedemptionRule, requested: int, *, goods: Money, spendable: int | None = None
) -> PointsDiscount:
    """The discount ``requested`` points give on ``goods``, within the rule's limits.

    ``goods`` is the amount points may pay for (usually the goods after other
    discounts). When ``spendable`` (the ledger's spendable balance) is given, asking for
    more raises ``InsufficientPointsError``. Asking for fewer than ``min_points`` is an
    error; asking for more than the limits allow uses as many as they allow (and none
    when that is below the minimum).

    Examples:
        >>> rule = RedemptionRule({"EUR": Money("0.01", "EUR")}, min_points=500,
        ...                       max_share="0.5")
        >>> used = redemption_discount(rule, 4000, goods=Money("59.99", "EUR"))
        >>> used.points, used.discount
        (2999, Money('29.99', 'EUR'))
        >>> print(used.why)
        at most 0.5 of goods 59.99 = 29.995 EUR, so at most 2999 points;
        2999 x 0.01 EUR = 29.99 EUR, rounded down
        >>> redemption_discount(rule, 100, goods=Money("59.99", "USD"))
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidLoyaltyChoiceError: currency='USD' has no value ...
    """
    rule = instance(rule, RedemptionRule, "rule")
    wanted = points(requested, "requested", positive=True)
    goods = signed_money(goods, "goods")
    currency = goods.currency.code
    if currency not in rule.value_per_point:
        known = sorted(rule.value_per_point)
        raise InvalidLoyaltyError.refused(
            "currency",
            currency,
            "has no value per point in this program; it has values for: "
            + ", ".join(known),
            kind=InputKind.CHOICE,
            choices=known,
        )
    if goods.amount < 0:
        raise InvalidLoyaltyError("goods", goods, "must be zero or more")
    if spendable is not None:
        available = points(spendable, "spendable")
        if wanted > available:
            raise InsufficientPointsError(wanted, available)
    if wanted < rule.min_points:
        raise InvalidLoyaltyError.refused(
            "requested",
            wanted,
            f"is below the minimum of {rule.min_points} points per order",
            kind=InputKind.COUNT,
        )
    worth = rule.value_per_point[currency].amount
    # Exact, so that no rounding of the quotient lets points buy more than the share.
    cap = Fraction(goods.amount) * Fraction(rule.max_share)
    limit = math.floor(cap / Fraction(worth))
    share_cap = goods.amount * rule.max_share  # shown only
    used, reasons = wanted, []
    if used > limit:
        used = limit
        share = f"{rule.max_share} of " if rule.max_share < 1 else ""
        reasons.append(
            f"at most {share}goods {goods.amount} = {share_cap} {currency}, "
            f"so at most {limit} points"
        )
    if rule.max_points is not None and used > rule.max_points:
        used = rule.max_points
        reasons.append(f"at most {rule.max_points} points per order")
    if used < rule.min_points:
        reasons.append(f"below the minimum of {rule.min_points}, so no points are used")
        used = 0
    discount = money_of(Fraction(worth) * used, currency, RoundingMode.DOWN)
    reasons.append(
        f"{used} x {worth} {currency} = {discount.amount} {currency}, rounded down"
    )
    return PointsDiscount(points=used, discount=discount, why="; ".join(reasons))
