"""Earning points on an order: the basis, multipliers, bonus events, caps and rounding.

Programs differ on what a customer earns points *on*. Most count what was paid for the
goods after discounts, leaving out tax and shipping (a shop should not reward the tax it
collects for the state); some count the whole order. The basis is therefore an explicit
[`EarnBasis`][commercekit.loyalty.EarnBasis], and the caller passes the amounts it needs.

The calculation, in order:

1. each category's goods amount x points per unit x the category's multiplier, plus tax
   and shipping x points per unit when the basis includes them;
2. x the member's tier multiplier, x every bonus event live on the order date;
3. rounded to whole points with the rule's rounding mode (down by default: a customer is
   never promised a fraction of a point);
4. capped at ``cap_per_order``; then the fixed bonuses of live events are added.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr, named_fields
from commercekit._numbers import RANGE, context_free, named_at_the_door, out_of_range
from commercekit.errors import InputKind, InvalidLoyaltyError
from commercekit.loyalty._checks import (
    amount,
    choice,
    day,
    instance,
    items,
    points,
    rate,
    text,
)
from commercekit.money import Money, RoundingMode, round_ratio, validate_currency

__all__ = ["BonusEvent", "EarnBasis", "EarnRule", "Earned", "earn_points"]


class EarnBasis(enum.StrEnum):
    """Which part of the order earns points."""

    NET_GOODS = "net-goods"
    """Goods after discounts, without tax or shipping (the usual basis)."""
    GROSS_GOODS = "gross-goods"
    """Goods after discounts, with the tax on them."""
    NET_GOODS_AND_SHIPPING = "net-goods-and-shipping"
    """Goods after discounts and the shipping charge, without tax."""
    ORDER_TOTAL = "order-total"
    """Everything the customer paid: goods, tax and shipping."""


_WITH_TAX = {EarnBasis.GROSS_GOODS, EarnBasis.ORDER_TOTAL}
_WITH_SHIPPING = {EarnBasis.NET_GOODS_AND_SHIPPING, EarnBasis.ORDER_TOTAL}


def _multipliers(value: object, field: str = "") -> dict[str, Decimal]:
    if not isinstance(value, Mapping):
        raise InvalidLoyaltyError.refused(
            field,
            value,
            "is not a mapping; pass {'gold': Decimal('1.5')}",
            kind=InputKind.LIST,
        )
    return {text(key, "multiplier key"): rate(factor, key) for key, factor in value.items()}


def _convert_name(value: object) -> str:
    return text(value, "name")


def _convert_starts_on(value: object) -> date:
    return day(value, "starts_on")


def _convert_ends_on(value: object) -> date:
    return day(value, "ends_on")


def _convert_multiplier(value: object) -> Decimal:
    return rate(value, "multiplier", positive=True)


def _convert_bonus_points(value: object) -> int:
    return points(value, "bonus_points")


def _convert_points_per_unit(value: object) -> Decimal:
    return rate(value, "points_per_unit", positive=True)


def _convert_basis(value: object) -> EarnBasis:
    return choice(value, EarnBasis, "basis")


def _convert_cap_per_order(value: object) -> int | None:
    return None if value is None else points(value, "cap_per_order")


def _convert_rounding(value: object) -> RoundingMode:
    return choice(value, RoundingMode, "rounding")


@named_at_the_door
@attrs.frozen
class BonusEvent:
    """A dated promotion on points: from ``starts_on`` to ``ends_on``, both included.

    ``multiplier`` multiplies the points of every order in the window (double points is
    2); ``bonus_points`` adds a fixed number of points to each such order.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    name: str = attrs.field(converter=_convert_name)
    starts_on: date = attrs.field(converter=_convert_starts_on)
    ends_on: date = attrs.field(converter=_convert_ends_on)
    multiplier: Decimal = attrs.field(default=Decimal(1), converter=_convert_multiplier)
    bonus_points: int = attrs.field(default=0, converter=_convert_bonus_points)

    def __attrs_post_init__(self) -> None:
        if self.ends_on < self.starts_on:
            raise InvalidLoyaltyError.refused(
                "ends_on",
                self.ends_on,
                f"is before starts_on {self.starts_on.isoformat()}; swap the dates",
                kind=InputKind.DATE,
            )
        if self.multiplier == 1 and not self.bonus_points:
            raise InvalidLoyaltyError(
                "multiplier", self.multiplier, "and bonus_points 0 give no bonus at all"
            )

    def live_on(self, on: date) -> bool:
        """Whether an order placed on ``on`` gets the bonus."""
        return self.starts_on <= day(on, "on") <= self.ends_on


def _events(value: Iterable[BonusEvent]) -> tuple[BonusEvent, ...]:
    return tuple(
        instance(event, BonusEvent, "bonus_events")
        for event in items(value, "bonus_events")
    )


@named_at_the_door
@attrs.frozen(field_transformer=named_fields)
class EarnRule:
    """How many points an order earns, in one currency.

    ``points_per_unit`` is points per whole unit of ``currency`` (1 point per euro is
    ``1``; 1 point per 100 yen is ``Decimal('0.01')``).

    Examples:
        >>> rule = EarnRule("EUR", 1, tier_multipliers={"gold": Decimal("1.5")})
        >>> earn_points(rule, goods=Money("59.99", "EUR"), on=date(2026, 5, 4)).points
        59
        >>> earn_points(rule, goods=Money("59.99", "EUR"), on=date(2026, 5, 4), tier="gold")
        Earned(points=89, unrounded=Decimal('89.985'), why='...')
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    currency: str = attrs.field(converter=validate_currency)
    points_per_unit: Decimal = attrs.field(converter=_convert_points_per_unit)
    basis: EarnBasis = attrs.field(
        default=EarnBasis.NET_GOODS,
        converter=_convert_basis,
    )
    tier_multipliers: Mapping[str, Decimal] = attrs.field(
        factory=dict, converter=_multipliers
    )
    category_multipliers: Mapping[str, Decimal] = attrs.field(
        factory=dict, converter=_multipliers
    )
    cap_per_order: int | None = attrs.field(
        default=None,
        converter=_convert_cap_per_order,
    )
    bonus_events: tuple[BonusEvent, ...] = attrs.field(default=(), converter=_events)
    rounding: RoundingMode = attrs.field(
        default=RoundingMode.DOWN,
        converter=_convert_rounding,
    )


def _convert_earned_points(value: object) -> int:
    return points(value, "points")


def _convert_unrounded(value: object) -> Decimal:
    return rate(value, "unrounded")


def _convert_why(value: object) -> str:
    return text(value, "why")


@named_at_the_door
@attrs.frozen
class Earned:
    """The whole points an order earns, the exact figure before rounding, and why."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    points: int = attrs.field(converter=_convert_earned_points)
    unrounded: Decimal = attrs.field(converter=_convert_unrounded)
    why: str = attrs.field(converter=_convert_why)


@context_free
def earn_points(
    rule: EarnRule,
    *,
    goods: Money | Mapping[str, Money],
    on: date,
    tax: Money | None = None,
    shipping: Money | None = None,
    tier: str | None = None,
) -> Earned:
    """The points an order placed on ``on`` earns under ``rule``.

    ``goods`` is what was paid for the goods after discounts and without tax: one
    amount, or one per category when categories earn at different multipliers (a
    category without one earns at 1). ``tax`` and ``shipping`` are needed only when the
    rule's basis counts them. ``tier`` is the member's tier, if the rule multiplies by it.

    Examples:
        >>> rule = EarnRule("EUR", 1, basis=EarnBasis.ORDER_TOTAL)
        >>> earned = earn_points(
        ...     rule, goods=Money("40.00", "EUR"), tax=Money("8.40", "EUR"),
        ...     shipping=Money("4.95", "EUR"), on=date(2026, 5, 4))
        >>> earned.points
        53
        >>> print(earned.why)
        order total: goods 40.00 + tax 8.40 + shipping 4.95 EUR x 1 point(s) per EUR
        = 53.35; rounded down to 53
    """
    rule = instance(rule, EarnRule, "rule")
    on = day(on, "on")
    if tier is not None:
        tier = text(tier, "tier")
    raw, why = _on_basis(rule, goods, tax=tax, shipping=shipping)
    live = [event for event in rule.bonus_events if event.live_on(on)]
    raw, why = _multiplied(rule, tier, live, raw, why)
    earned, why = _whole_points(rule, raw, goods, why)
    for event in live:
        if event.bonus_points:
            earned += event.bonus_points
            why += f"; + {event.bonus_points} ({event.name})"
    return Earned(points=earned, unrounded=raw, why=why)


def _on_basis(
    rule: EarnRule, goods: object, *, tax: Money | None, shipping: Money | None
) -> tuple[Decimal, str]:
    """Step 1: each category's goods x its multiplier, plus tax and shipping when the
    basis counts them, x points per unit; and the why so far."""
    currency = rule.currency
    per_category = _goods(goods, currency)
    parts = [f"goods {_figures(per_category, rule.category_multipliers)}"]
    raw = sum(
        (
            money.amount * rule.category_multipliers.get(category, Decimal(1))
            for category, money in per_category.items()
        ),
        Decimal(0),
    )
    for field, value, wanted in (
        ("tax", tax, rule.basis in _WITH_TAX),
        ("shipping", shipping, rule.basis in _WITH_SHIPPING),
    ):
        if not wanted:
            continue
        if value is None:
            raise InvalidLoyaltyError(
                field, value, f"is needed: the basis {rule.basis.value!r} counts {field}"
            )
        found = amount(value, field, currency)
        raw += found.amount
        parts.append(f"{field} {found.amount}")
    why = (
        f"{rule.basis.value.replace('-', ' ')}: {' + '.join(parts)} {currency} x "
        f"{rule.points_per_unit} point(s) per {currency}"
    )
    return raw * rule.points_per_unit, why


def _multiplied(
    rule: EarnRule, tier: str | None, live: list[BonusEvent], raw: Decimal, why: str
) -> tuple[Decimal, str]:
    """Step 2: x the member's tier multiplier, x every bonus event live on the day."""
    if tier is not None:
        if tier not in rule.tier_multipliers:
            known = ", ".join(repr(name) for name in rule.tier_multipliers) or "none"
            raise InvalidLoyaltyError.refused(
                "tier",
                tier,
                f"has no multiplier in this rule; it knows: {known}",
                kind=InputKind.CHOICE,
                choices=tuple(rule.tier_multipliers),
            )
        raw *= rule.tier_multipliers[tier]
        why += f" x {rule.tier_multipliers[tier]} ({tier} tier)"
    for event in live:
        if event.multiplier != 1:
            raw *= event.multiplier
            why += f" x {event.multiplier} ({event.name})"
    return raw, why


def _whole_points(rule: EarnRule, raw: Decimal, goods: object, why: str) -> tuple[int, str]:
    """Steps 3 and 4: rounded to whole points by the rule's mode, then capped."""
    if out_of_range(raw):
        raise InvalidLoyaltyError(
            "goods",
            goods,
            f"earn {raw:E} points before rounding, out of range ({RANGE}); lower "
            "the amounts counted (goods, and tax and shipping where the rule counts "
            "them) or the rule's points per unit and multipliers",
        )
    exact = raw.as_integer_ratio()
    earned = round_ratio(exact[0], exact[1], rule.rounding)
    why += f" = {raw.normalize():f}; rounded {rule.rounding.value} to {earned}"
    if rule.cap_per_order is not None and earned > rule.cap_per_order:
        earned = rule.cap_per_order
        why += f"; capped at {earned} per order"
    return earned, why


def _goods(goods: object, currency: str) -> dict[str, Money]:
    """The goods amount per category ("" for one amount without categories)."""
    if not isinstance(goods, Mapping):
        return {"": amount(goods, "goods", currency)}
    if not goods:
        raise InvalidLoyaltyError.refused(
            "goods",
            goods,
            "has no category; pass {'books': Money('40.00', 'EUR')}",
            kind=InputKind.LIST,
        )
    return {
        text(category, "goods category"): amount(money, f"goods[{category!r}]", currency)
        for category, money in goods.items()
    }


def _figures(per_category: Mapping[str, Money], multipliers: Mapping[str, Decimal]) -> str:
    if list(per_category) == [""]:
        return str(per_category[""].amount)
    shown = [
        f"{name} {money.amount}"
        + (f" x {multipliers[name]}" if name in multipliers else "")
        for name, money in per_category.items()
    ]
    return "(" + ", ".join(shown) + ")"
