"""ABC and XYZ classes, and the service levels they suggest.

Which products matter (ABC: their share of a measure such as revenue or margin), how
steadily they sell (XYZ: the coefficient of variation of their demand), and the target
service each combined class gets
([`ServiceLevelTable`][commercekit.inventory.ServiceLevelTable]). Ranking by margin
velocity lives in ``_ranking``, the stock health ratios in ``_health``.
"""

from __future__ import annotations

import enum
import string
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

import attrs
import moneyed

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import CurrencyMismatchError, InputKind, InvalidInventoryError
from commercekit.inventory._demand import DemandProfile
from commercekit.inventory._numbers import (
    choice,
    is_class_letter,
    is_positive_units,
    is_share,
    is_signed_quantity,
    is_text,
    listed,
    mapping,
    number,
    probability,
    rounded,
    signed_number,
    text,
)
from commercekit.inventory._service import ServiceMeasure
from commercekit.money import require_money

__all__ = [
    "AbcItem",
    "Crossing",
    "ServiceLevelTable",
    "abc_classes",
    "xyz_classes",
]


class Crossing(enum.StrEnum):
    """Which class gets the item whose cumulative share crosses a boundary."""

    UPPER = "upper"
    """The crossing item stays in the higher class (A keeps the item that reaches 80 %)."""
    LOWER = "lower"
    """The crossing item drops to the next class (A holds only items wholly within 80 %)."""


@named_at_the_door
@attrs.frozen
class AbcItem:
    """One item's place in an ABC analysis: its rank, share, cumulative share and class.

    ``value`` is the measure ranked, below zero for a product that loses money.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
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
                f"cannot exceed cumulative_share={self.cumulative_share}, which "
                f"includes it",
            )


def _measures(values: Mapping[str, object]) -> dict[str, Fraction]:
    """The measure per SKU as exact fractions; Money must all share one currency."""
    if not isinstance(values, Mapping) or not values:
        raise InvalidInventoryError.refused(
            "values",
            values,
            "is not a non-empty mapping of SKU to a measure",
            kind=InputKind.LIST,
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
        raise InvalidInventoryError.refused(
            "boundaries", boundaries, "has more than 26 classes", kind=InputKind.LIST
        )
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
        raise InvalidInventoryError.refused(
            "boundaries",
            boundaries,
            "must be two bounds, X's and Y's: ('0.5', '1')",
            kind=InputKind.LIST,
        )
    x, y = (number(bound, "boundaries", positive=True) for bound in bounds)
    if x >= y:
        raise InvalidInventoryError("boundaries", boundaries, "must rise: X below Y")
    profiles = mapping(demand, "demand", "{sku: DemandProfile(100, 20)}")
    classes = {}
    for sku, profile in sorted((text(k, "demand"), v) for k, v in profiles.items()):
        if not isinstance(profile, DemandProfile):
            raise InvalidInventoryError.refused(
                f"demand[{sku!r}]", profile, "is not a DemandProfile", kind=InputKind.TYPE
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

_CLASSES = tuple(abc + xyz for abc in string.ascii_uppercase for xyz in "XYZ")
"""Every combined class a service level may be set for: 'AX' to 'ZZ'."""


def _class_key(key: object) -> str:
    """An ABC letter followed by an XYZ letter: 'AX', 'CZ'."""
    if not (
        isinstance(key, str)
        and len(key) == 2  # two letters
        and key[0] in string.ascii_uppercase
        and key[1] in "XYZ"
    ):
        raise InvalidInventoryError.refused(
            "levels",
            key,
            "is not a class: an ABC letter and an XYZ letter, such as 'AX' or 'CZ'",
            kind=InputKind.CHOICE,
            choices=_CLASSES,
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


def _measure(value: object) -> ServiceMeasure:
    return choice(value, ServiceMeasure, "measure")


@named_at_the_door
@attrs.frozen
class ServiceLevelTable:
    """Target service levels by combined ABC-XYZ class, a starting point a shop overrides.

    The levels are fill rates (``measure``, the default) or, with
    ``measure="cycle_service_level"``, cycle service levels: the table says which, so
    a reorder run reads each target the way it was meant. The defaults keep A items
    (most of the value) at a 92-95 % fill rate, and lower the target as demand gets
    more erratic (Z), where each point of service costs most stock, down to 85 % for
    CZ items. They are a policy choice, not a rule: pass ``levels`` to change any of
    them.

    Examples:
        >>> table = ServiceLevelTable(levels={"CZ": "0.80"})
        >>> table.level("A", "X"), table.level("C", "Z"), table.measure.value
        (Decimal('0.95'), Decimal('0.80'), 'fill_rate')
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    levels: dict[str, Decimal] = attrs.field(default=None, converter=_levels)
    measure: ServiceMeasure = attrs.field(
        default=ServiceMeasure.FILL_RATE, converter=_measure
    )

    def level(self, abc: str, xyz: str) -> Decimal:
        """The target for an item in classes ``abc`` and ``xyz``."""
        first, second = text(abc, "abc"), text(xyz, "xyz")
        key = first + second
        if key not in self.levels:
            # Name the argument no class starts (or ends) with, else the pair.
            wrong, other = ("abc", first), ("xyz", second)
            if any(known.startswith(first) for known in self.levels):
                wrong, other = other, wrong
            known = ", ".join(sorted(self.levels))
            raise InvalidInventoryError.refused(
                *wrong,
                f"with {other[0]}={other[1]!r} makes the class {key!r}, which has no "
                f"service level; known: {known}",
                kind=InputKind.CHOICE,
                choices=sorted(self.levels),
            )
        return self.levels[key]
