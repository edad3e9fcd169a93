"""ABC and XYZ classes, the service levels they suggest, ranking, and stock health."""

from __future__ import annotations

import enum
import string
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

import attrs
import moneyed

from commercekit import _checks
from commercekit._numbers import context_free
from commercekit.errors import (
    CurrencyMismatchError,
    InvalidAmountError,
    InvalidInventoryError,
)
from commercekit.inventory._demand import DemandProfile
from commercekit.inventory._numbers import (
    choice,
    is_class_letter,
    is_positive_units,
    is_share,
    is_signed_money,
    is_signed_quantity,
    is_text,
    is_units,
    listed,
    mapping,
    number,
    probability,
    rounded,
    signed_number,
    text,
    units,
)
from commercekit.money import Money, require_money

__all__ = [
    "AbcItem",
    "Crossing",
    "RankedProduct",
    "SalesRecord",
    "ServiceLevelTable",
    "abc_classes",
    "days_of_inventory",
    "days_of_supply",
    "inventory_turnover",
    "rank_products",
    "sell_through",
    "stock_out_rate",
    "xyz_classes",
]


class Crossing(enum.StrEnum):
    """Which class gets the item whose cumulative share crosses a boundary."""

    UPPER = "upper"
    """The crossing item stays in the higher class (A keeps the item that reaches 80 %)."""
    LOWER = "lower"
    """The crossing item drops to the next class (A holds only items wholly within 80 %)."""


@attrs.frozen
class AbcItem:
    """One item's place in an ABC analysis: its rank, share, cumulative share and class.

    ``value`` is the measure ranked, below zero for a product that loses money.
    """

    sku: str = attrs.field(validator=is_text)
    value: Decimal = attrs.field(validator=is_signed_quantity)
    rank: int = attrs.field(validator=is_positive_units)
    share: Decimal = attrs.field(validator=is_share)
    cumulative_share: Decimal = attrs.field(validator=is_share)
    abc: str = attrs.field(validator=is_class_letter)

    def __attrs_post_init__(self) -> None:
        if self.share > self.cumulative_share:
            raise InvalidInventoryError(
                "share",
                self.share,
                f"cannot exceed the cumulative share {self.cumulative_share}, which "
                f"includes it",
            )


def _measures(values: Mapping[str, object]) -> dict[str, Fraction]:
    """The measure per SKU as exact fractions; Money must all share one currency."""
    if not isinstance(values, Mapping) or not values:
        raise InvalidInventoryError(
            "values", values, "is not a non-empty mapping of SKU to a measure"
        )
    currency = None
    found: dict[str, Fraction] = {}
    for key, value in values.items():
        sku = text(key, "values")
        if isinstance(value, moneyed.Money):
            money = require_money(value, "a measure")
            if currency is None:
                currency = money.currency.code
            elif money.currency.code != currency:
                raise CurrencyMismatchError(currency, money.currency.code, "rank")
            found[sku] = Fraction(money.amount)
        else:
            found[sku] = Fraction(signed_number(value, f"values[{sku!r}]"))
    return found


@context_free
def abc_classes(
    values: Mapping[str, object],
    boundaries: tuple[object, ...] = (80, 15, 5),
    crossing: Crossing | str = Crossing.UPPER,
) -> tuple[AbcItem, ...]:
    """Pareto (ABC) classes by a measure: revenue, contribution margin or units.

    Items are ranked by ``values`` (largest first, ties by SKU) and take classes A, B,
    C, ... in turn as their cumulative share of the total passes each boundary (in
    percent, summing to 100). ``crossing`` decides the item that straddles a boundary.
    Items whose measure is zero or negative (a loss-making product ranked by margin)
    add nothing and fall in the last class. The analysis is Dickie's (1951), as in
    Silver, Pyke and Thomas, *Inventory and Production Management in Supply Chains*,
    4th ed., on selective control by ABC classes.

    Examples:
        >>> items = abc_classes({"TEE": 500, "MUG": 300, "CAP": 120, "PIN": 80})
        >>> for item in items:
        ...     print(item.sku, item.cumulative_share, item.abc)
        TEE 0.5000 A
        MUG 0.8000 A
        CAP 0.9200 B
        PIN 1.0000 B
        >>> [item.abc for item in abc_classes(
        ...     {"TEE": 500, "MUG": 300, "CAP": 120, "PIN": 80}, crossing="lower")]
        ['A', 'A', 'B', 'C']
    """
    measures = _measures(values)
    limits = [
        number(bound, "boundaries", positive=True)
        for bound in listed(boundaries, "boundaries")
    ]
    if not limits or sum(limits) != 100:
        raise InvalidInventoryError(
            "boundaries", boundaries, "must be percentages that add up to 100"
        )
    if len(limits) > 26:
        raise InvalidInventoryError("boundaries", boundaries, "has more than 26 classes")
    rule = choice(crossing, Crossing, "crossing")
    ordered = sorted(measures.items(), key=lambda item: (-item[1], item[0]))
    total = sum((max(value, Fraction(0)) for _, value in ordered), Fraction(0))
    edges = []
    running = Fraction(0)
    for limit in limits:
        running += Fraction(limit) / 100
        edges.append(running)
    result = []
    before = Fraction(0)
    for rank, (sku, value) in enumerate(ordered, start=1):
        share = max(value, Fraction(0)) / total if total else Fraction(0)
        after = before + share
        if share == 0:
            index = len(edges) - 1
        elif rule is Crossing.UPPER:  # the class the item starts in
            index = next(i for i, edge in enumerate(edges) if before < edge)
        else:  # the class the item ends in
            index = next(i for i, edge in enumerate(edges) if after <= edge)
        result.append(
            AbcItem(
                sku=sku,
                value=rounded(value),
                rank=rank,
                share=rounded(share),
                cumulative_share=rounded(after),
                abc=chr(ord("A") + index),
            )
        )
        before = after
    return tuple(result)


@context_free
def xyz_classes(
    demand: Mapping[str, DemandProfile], boundaries: tuple[object, object] = ("0.5", "1")
) -> dict[str, str]:
    """XYZ classes by the coefficient of variation of demand (std_dev / mean).

    X: steady demand (CV at or below the first boundary); Y: variable (at or below the
    second); Z: erratic, or no demand at all. The defaults 0.5 and 1 are a common
    choice, not a standard: shops with weekly data often use tighter ones.

    Examples:
        >>> xyz_classes({"TEE": DemandProfile(100, 20), "UMBRELLA": DemandProfile(10, 25)})
        {'TEE': 'X', 'UMBRELLA': 'Z'}
    """
    bounds = listed(boundaries, "boundaries")
    if len(bounds) != 2:  # X's bound and Y's
        raise InvalidInventoryError(
            "boundaries", boundaries, "must be two bounds, X's and Y's: ('0.5', '1')"
        )
    x, y = (number(bound, "boundaries", positive=True) for bound in bounds)
    if x >= y:
        raise InvalidInventoryError("boundaries", boundaries, "must rise: X below Y")
    profiles = mapping(demand, "demand", "{sku: DemandProfile(100, 20)}")
    classes = {}
    for sku, profile in sorted((text(k, "demand"), v) for k, v in profiles.items()):
        if not isinstance(profile, DemandProfile):
            raise InvalidInventoryError(
                f"demand[{sku!r}]", profile, "is not a DemandProfile"
            )
        cv = profile.coefficient_of_variation
        if not profile.mean:
            classes[sku] = "Z"
        else:
            classes[sku] = "X" if cv <= x else "Y" if cv <= y else "Z"
    return classes


_DEFAULT_LEVELS = {
    "AX": "0.95", "AY": "0.95", "AZ": "0.92",
    "BX": "0.93", "BY": "0.92", "BZ": "0.90",
    "CX": "0.90", "CY": "0.88", "CZ": "0.85",
}  # fmt: skip


def _class_key(key: object) -> str:
    """An ABC letter followed by an XYZ letter: 'AX', 'CZ'."""
    if not (
        isinstance(key, str)
        and len(key) == 2  # two letters
        and key[0] in string.ascii_uppercase
        and key[1] in "XYZ"
    ):
        raise InvalidInventoryError(
            "levels",
            key,
            "is not a class: an ABC letter and an XYZ letter, such as 'AX' or 'CZ'",
        )
    return key


def _levels(value: Mapping[str, object] | None) -> dict[str, Decimal]:
    table: dict[str, object] = dict(_DEFAULT_LEVELS)
    if value is not None:
        table.update(mapping(value, "levels", "{'AX': '0.97'}"))
    return {
        _class_key(key): probability(level, f"levels[{key!r}]")
        for key, level in table.items()
    }


@attrs.frozen
class ServiceLevelTable:
    """Target fill rates by combined ABC-XYZ class, a starting point a shop overrides.

    The defaults keep A items (most of the value) at 92-95 %, and lower the target as
    demand gets more erratic (Z), where each point of service costs most stock, down to
    85 % for CZ items. They are a policy choice, not a rule: pass ``levels`` to change
    any of them.

    Examples:
        >>> table = ServiceLevelTable(levels={"CZ": "0.80"})
        >>> table.level("A", "X"), table.level("C", "Z")
        (Decimal('0.95'), Decimal('0.80'))
    """

    levels: dict[str, Decimal] = attrs.field(default=None, converter=_levels)

    def level(self, abc: str, xyz: str) -> Decimal:
        """The target for an item in classes ``abc`` and ``xyz``."""
        key = f"{text(abc, 'abc')}{text(xyz, 'xyz')}"
        if key not in self.levels:
            known = ", ".join(sorted(self.levels))
            raise InvalidInventoryError(
                "class", key, f"has no service level; known: {known}"
            )
        return self.levels[key]


def _margin(value: object) -> Money:
    try:
        return require_money(value, "the contribution margin")
    except InvalidAmountError as problem:
        raise InvalidInventoryError("contribution_margin", value, problem.reason) from None


@attrs.frozen
class SalesRecord:
    """A product's sales over a number of periods: units, contribution margin, frequency.

    ``periods_with_sales`` counts the periods in which it sold at all. The margin may be
    below zero: a product sold at a loss.
    """

    sku: str = attrs.field(validator=is_text)
    units: int = attrs.field(validator=is_units)
    contribution_margin: Money = attrs.field(converter=_margin)
    periods: int = attrs.field(validator=is_positive_units)
    periods_with_sales: int = attrs.field(validator=is_units)

    def __attrs_post_init__(self) -> None:
        if self.periods_with_sales > self.periods:
            raise InvalidInventoryError(
                "periods_with_sales",
                self.periods_with_sales,
                f"cannot exceed periods ({self.periods})",
            )


@attrs.frozen
class RankedProduct:
    """A product's rank by margin velocity and frequency, with the score and its parts.

    A product sold at a loss has a margin, and a score, below zero.
    """

    sku: str = attrs.field(validator=is_text)
    rank: int = attrs.field(validator=is_positive_units)
    margin_per_period: Money = attrs.field(validator=is_signed_money)
    frequency: Decimal = attrs.field(validator=is_share)
    score: Decimal = attrs.field(validator=is_signed_quantity)


@context_free
def rank_products(
    records: tuple[SalesRecord, ...] | list[SalesRecord],
) -> tuple[RankedProduct, ...]:
    """Rank products that sell fast, profitably and repeatedly.

    Score = contribution margin per period x frequency (the share of periods with a
    sale): a product earning EUR 100 a week in every week outranks one earning EUR 150
    a week from two big orders a quarter. Ties go to more units, then the SKU.

    Examples:
        >>> from commercekit.money import Money
        >>> ranked = rank_products([
        ...     SalesRecord("TEE", 400, Money("1200", "EUR"), 12, 12),
        ...     SalesRecord("BULK", 90, Money("1800", "EUR"), 12, 2),
        ... ])
        >>> [(item.sku, str(item.score)) for item in ranked]
        [('TEE', '100.0000'), ('BULK', '25.0000')]
    """
    currency = None
    scored = []
    for record in listed(records, "records"):
        if not isinstance(record, SalesRecord):
            raise InvalidInventoryError("records", record, "is not a SalesRecord")
        margin = record.contribution_margin
        if currency is None:
            currency = margin.currency.code
        elif margin.currency.code != currency:
            raise CurrencyMismatchError(currency, margin.currency.code, "rank")
        periods, selling = record.periods, record.periods_with_sales
        per_period = Fraction(margin.amount) / periods
        frequency = Fraction(selling, periods)
        scored.append((per_period * frequency, record, per_period, frequency, margin))
    scored.sort(key=lambda row: (-row[0], -row[1].units, row[1].sku))
    return tuple(
        RankedProduct(
            sku=record.sku,
            rank=rank,
            margin_per_period=Money(rounded(per_period), margin.currency),
            frequency=rounded(frequency),
            score=rounded(score),
        )
        for rank, (score, record, per_period, frequency, margin) in enumerate(scored, 1)
    )


def _money_ratio(top: tuple[str, Money], bottom: tuple[str, Money]) -> Fraction:
    """``top / bottom`` for two amounts in one currency: top >= 0, bottom > 0."""
    return _checks.money_ratio(top, bottom, InvalidInventoryError)


@context_free
def inventory_turnover(cost_of_goods_sold: Money, average_inventory: Money) -> Decimal:
    """Inventory turnover = cost of goods sold / average inventory value (at cost).

    How many times the stock was sold and replaced over the period the cost of goods
    sold covers; average inventory is usually (opening + closing) / 2.

    Examples:
        >>> from commercekit.money import Money
        >>> inventory_turnover(Money("120000", "EUR"), Money("20000", "EUR"))
        Decimal('6.0000')
    """
    return rounded(
        _money_ratio(
            ("cost_of_goods_sold", cost_of_goods_sold),
            ("average_inventory", average_inventory),
        )
    )


@context_free
def days_of_inventory(
    cost_of_goods_sold: Money, average_inventory: Money, days: int = 365
) -> Decimal:
    """Days of inventory = average inventory / cost of goods sold x days in the period.

    The average number of days a unit waits before it sells: ``days`` / turnover.

    Examples:
        >>> from commercekit.money import Money
        >>> days_of_inventory(Money("120000", "EUR"), Money("20000", "EUR"))
        Decimal('60.8333')
    """
    share = _money_ratio(
        ("average_inventory", average_inventory),
        ("cost_of_goods_sold", cost_of_goods_sold),
    )
    return rounded(share * units(days, "days", positive=True))


@context_free
def days_of_supply(on_hand: int, demand_per_day: object) -> Decimal:
    """Days of supply = units on hand / expected demand per day: how long stock lasts.

    Examples:
        >>> days_of_supply(450, 30)
        Decimal('15.0000')
    """
    stock = units(on_hand, "on_hand")
    rate = number(demand_per_day, "demand_per_day", positive=True)
    return rounded(Fraction(stock) / Fraction(rate))


@context_free
def sell_through(
    units_sold: int, units_received: int, beginning_on_hand: int = 0
) -> Decimal:
    """Sell-through = units sold / (units on hand at the start + units received).

    The share of the stock available in the period that sold.

    Examples:
        >>> sell_through(340, 400, beginning_on_hand=100)
        Decimal('0.6800')
    """
    sold = units(units_sold, "units_sold")
    available = units(units_received, "units_received") + units(
        beginning_on_hand, "beginning_on_hand"
    )
    if not available:
        raise InvalidInventoryError(
            "units_received", units_received, "and the opening stock are both zero"
        )
    if sold > available:
        raise InvalidInventoryError(
            "units_sold", sold, f"exceeds the {available} units available in the period"
        )
    return rounded(Fraction(sold, available))


@context_free
def stock_out_rate(periods_out_of_stock: int, periods: int) -> Decimal:
    """Stock-out rate = periods (days) with no stock / periods observed.

    Examples:
        >>> stock_out_rate(3, 90)
        Decimal('0.0333')
    """
    total = units(periods, "periods", positive=True)
    out = units(periods_out_of_stock, "periods_out_of_stock")
    if out > total:
        raise InvalidInventoryError(
            "periods_out_of_stock", out, f"exceeds periods ({total})"
        )
    return rounded(Fraction(out, total))
