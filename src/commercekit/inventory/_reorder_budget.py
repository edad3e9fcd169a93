"""A reorder run's two limits: each supplier's minimum order value, and the budget.

After each SKU's need is known, two rules may change what is ordered:

* **the supplier's minimum order value**: an order that comes to less is either
  raised, by adding whole packs to its first line in priority order (the fewest packs
  that reach the minimum), or held, as the run's ``below_minimum`` option says;
* **the budget**: when the orders come to more, lines are kept in priority order
  while the budget lasts; the first line that does not fit whole is reduced to the
  whole packs that fit (or cut, if that is below a pack or the SKU's minimum), and each
  later line is kept only if it still fits whole or in part. An order the budget left
  below its supplier's minimum is then held; the money that frees is not spent again
  (the run does not re-plan), so the orders kept never exceed the budget.

The priority is the run's [`BudgetPriority`][commercekit.inventory.BudgetPriority];
the last tie goes to the SKU that sorts first, so a run is deterministic.

A line's cash is its quantity x unit cost, rounded once, half-up, to the currency's
minor unit (a unit cost may be finer: EUR 0.333); an order's cash is the sum of its
lines' and the run's the sum of its orders'. The minimum and the budget are compared
with those rounded sums, so the packs added or kept are counted in the cash shown.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit._methods import attrs_repr
from commercekit._numbers import MAX_MAGNITUDE
from commercekit.errors import InputKind, InvalidInventoryError
from commercekit.inventory._numbers import money_result
from commercekit.inventory._reorder_items import LineOutcome, ReorderItem, Supplier
from commercekit.inventory._service import ServiceMeasure
from commercekit.money import Money, minor_units, sum_money

__all__ = [
    "BelowMinimum",
    "BudgetPriority",
    "Draft",
    "hold_below_minimum",
    "line_cash",
    "meet_minimums",
    "order_cash",
    "priority_key",
    "spend_budget",
]


class BelowMinimum(enum.StrEnum):
    """What a reorder run does with an order below its supplier's minimum order value."""

    HOLD = "hold"
    """Hold the whole order: nothing is ordered from that supplier today."""
    RAISE = "raise"
    """Add whole packs to the order's first line in priority order until it reaches
    the minimum."""


class BudgetPriority(enum.StrEnum):
    """Which lines a reorder run keeps first when the budget is short (most protected
    first; ties by SKU)."""

    CLASS = "class"
    """By ABC class (A first), then XYZ class (X first), then the largest shortfall in
    periods of demand, as ``SHORTFALL`` ranks it."""
    SHORTFALL = "shortfall"
    """The largest shortfall first, in periods of demand: (reorder point - inventory
    position) / mean demand per period. A SKU 34 units short at 60 a period (0.57
    periods) comes before one 58 short at 250 (0.23). A SKU with a mean demand of 0
    (ordered for units owed, or for the spread of a forecast of 0) has no periods of
    demand to count: it comes after every SKU with demand, the most units below its
    reorder point first."""
    MARGIN = "margin"
    """The highest unit margin first (each item's ``unit_margin``)."""


@attrs.define
class Draft:
    """One SKU's line while the run works on it (private: the result is ``ReorderLine``)."""

    __repr__ = attrs_repr
    item: ReorderItem
    measure: ServiceMeasure
    level: Decimal
    point: Decimal
    position: int
    needed: int
    quantity: int
    outcome: LineOutcome
    why: list[str]

    @property
    def cash(self) -> Money:
        return line_cash(self.item, self.quantity)

    def stop(self, outcome: LineOutcome, why: str) -> None:
        """Order nothing of this SKU, and say why."""
        self.quantity = 0
        self.outcome = outcome
        self.why.append(why)


def line_cash(item: ReorderItem, quantity: int) -> Money:
    """``quantity`` x the item's unit cost, rounded once, half-up, to the minor unit;
    refused at 10^18 or more."""
    return money_result(
        Fraction(item.unit_cost.amount) * quantity,
        item.unit_cost.currency.code,
        f"items[{item.sku!r}]",
        f"{quantity} units at {item.unit_cost} cost more than money holds; check the "
        "unit cost and the order quantity",
    )


def _grid(amount: Money) -> tuple[Fraction, Fraction]:
    """The currency's minor unit and half of it, for ``amount``'s currency."""
    step = Fraction(1, 10 ** minor_units(amount.currency.code))
    return step, step / 2


Key = Callable[[Draft], tuple[object, ...]]


def _shortfall(line: Draft) -> tuple[object, ...]:
    """Periods of demand below the reorder point, most first; SKUs with no mean demand
    after all others, most units below it first; then by SKU."""
    below = Fraction(line.point) - line.position
    mean = line.item.demand.mean
    if not mean:
        return (1, -below, line.item.sku)
    return (0, -below / Fraction(mean), line.item.sku)


def priority_key(priority: BudgetPriority) -> Key:
    """The sort key that puts the most protected line first."""
    if priority is BudgetPriority.CLASS:
        return lambda line: (line.item.abc, line.item.xyz, *_shortfall(line))
    if priority is BudgetPriority.SHORTFALL:
        return _shortfall

    def margin(line: Draft) -> tuple[object, ...]:
        assert line.item.unit_margin is not None  # noqa: S101  # checked by the run
        return (-line.item.unit_margin.amount, line.item.sku)

    return margin


def order_cash(lines: list[Draft], currency: str) -> Money:
    """What ``lines`` come to: each line's cash, summed."""
    return sum_money((line.cash for line in lines), currency)


def _raise(lines: list[Draft], minimum: Money, wanted: Money, key: Key) -> str | None:
    """Add the fewest whole packs to the first paying line that bring the order's
    cash, as rounded, to ``minimum``."""
    paying = [line for line in sorted(lines, key=key) if line.item.unit_cost.amount]
    if not paying:
        return None
    line = paying[0]
    pack = line.item.pack_size
    # The line's cash must round to at least the rest of the minimum (itself rounded
    # up to the minor unit, C): half-up, that is an exact value of at least C - half.
    step, half = _grid(minimum)
    rest = Fraction((minimum - (wanted - line.cash)).amount)
    least = math.ceil(rest / step) * step - half
    unit = Fraction(line.item.unit_cost.amount)
    packs = max(1, math.ceil((least / unit - line.quantity) / pack))
    quantity = line.quantity + packs * pack
    if quantity >= MAX_MAGNITUDE:
        raise InvalidInventoryError.refused(
            "minimum_order_value",
            minimum,
            f"would need {quantity} units of {line.item.sku}, beyond the range of "
            "numbers; check the minimum and the unit cost",
            kind=InputKind.COUNT,
        )
    line.quantity = quantity
    line.outcome = LineOutcome.RAISED
    line.why.append(
        f"raised by {packs} pack{'s' * (packs != 1)} of {pack} to {quantity} so that "
        f"the order reaches the supplier's minimum {minimum}"
    )
    return f"{line.item.sku} + {packs} x {pack}"


def meet_minimums(
    groups: dict[str, list[Draft]],
    terms: dict[str, Supplier],
    below: BelowMinimum,
    key: Key,
) -> dict[str, str]:
    """Raise or hold each order below its supplier's minimum; what each order did."""
    notes = {}
    for name, lines in groups.items():
        minimum = terms[name].minimum_order_value
        wanted = order_cash(lines, lines[0].item.unit_cost.currency.code)
        if minimum is None:
            notes[name] = f"its lines come to {wanted}; the supplier has no minimum"
            continue
        if wanted >= minimum:
            notes[name] = f"its lines come to {wanted}, at least the minimum {minimum}"
            continue
        raised = (
            _raise(lines, minimum, wanted, key) if below is BelowMinimum.RAISE else None
        )
        if raised is not None:
            now = order_cash(lines, wanted.currency.code)
            notes[name] = (
                f"its lines came to {wanted}, below the minimum {minimum}: raised "
                f"({raised}) to {now}"
            )
            continue
        reason = (
            "no line has a cost to raise"
            if below is BelowMinimum.RAISE
            else "below_minimum='hold'"
        )
        for line in lines:
            line.stop(
                LineOutcome.HELD,
                f"held: the supplier's order comes to {wanted}, below its minimum "
                f"{minimum}",
            )
        notes[name] = (
            f"held: its lines come to {wanted}, below the minimum {minimum} ({reason})"
        )
    return notes


def _fit(line: Draft, left: Money) -> None:
    """Reduce ``line`` to the whole packs whose cash, as rounded, ``left`` pays for,
    or cut it."""
    item = line.item
    pack = item.pack_size
    # Half-up, a cash rounds to at most G (``left`` rounded down to the minor unit)
    # exactly when its exact value is below G + half.
    step, half = _grid(left)
    most = math.floor(Fraction(left.amount) / step) * step + half
    packs = math.ceil(most / (Fraction(item.unit_cost.amount) * pack)) - 1
    least = max(pack, math.ceil(Fraction(item.minimum, pack)) * pack)
    if packs * pack < least:
        line.stop(
            LineOutcome.CUT,
            f"cut: {left} of the budget was left, less than {least} units (a pack, or "
            "the SKU's minimum) cost",
        )
        return
    line.why.append(
        f"reduced from {line.quantity} to {packs * pack} ({packs} x {pack}): "
        f"{left} of the budget was left"
    )
    line.quantity = packs * pack
    line.outcome = LineOutcome.REDUCED


def spend_budget(lines: list[Draft], budget: Money, key: Key) -> None:
    """Keep the lines in priority order while ``budget`` lasts; reduce or cut the rest."""
    left = budget
    for line in sorted((line for line in lines if line.quantity), key=key):
        if line.cash > left:
            _fit(line, left)
        left -= line.cash


def _budget_note(lines: list[Draft]) -> str:
    """Which of an order's lines the budget reduced or cut ('' if none)."""
    said = [
        f"{word} {', '.join(line.item.sku for line in lines if line.outcome is outcome)}"
        for word, outcome in (("reduced", LineOutcome.REDUCED), ("cut", LineOutcome.CUT))
        if any(line.outcome is outcome for line in lines)
    ]
    return f"; the budget {' and '.join(said)}" if said else ""


def hold_below_minimum(
    groups: dict[str, list[Draft]], terms: dict[str, Supplier], notes: dict[str, str]
) -> None:
    """Hold each order the budget left below its supplier's minimum; note what the
    budget did to each order."""
    for name, lines in groups.items():
        minimum = terms[name].minimum_order_value
        kept = order_cash(lines, lines[0].item.unit_cost.currency.code)
        cut = _budget_note(lines)
        notes[name] += cut
        if not any(line.quantity for line in lines):
            continue
        if minimum is None or kept >= minimum:
            notes[name] += f", leaving {kept}" if cut else ""
            continue
        for line in lines:
            if line.quantity:
                line.stop(
                    LineOutcome.HELD,
                    f"held: the budget left the supplier's order at {kept}, below its "
                    f"minimum {minimum}",
                )
        notes[name] += (
            f", leaving {kept}, below the minimum {minimum}: held (the money freed is "
            "not spent on other lines)"
        )
