"""What a reorder run reads and what it returns: SKUs, suppliers, lines, purchase orders.

The inputs are a [`ReorderItem`][commercekit.inventory.ReorderItem] per SKU (its stock,
demand, lead time, cost, class and pack terms) and a
[`Supplier`][commercekit.inventory.Supplier] per supplier (its minimum order value). The
results are a [`ReorderLine`][commercekit.inventory.ReorderLine] per SKU, grouped into a
[`PurchaseOrder`][commercekit.inventory.PurchaseOrder] per supplier, within one
[`ReorderRun`][commercekit.inventory.ReorderRun]. Each checks its fields when built, and
the sums it shows: a line's cash is its quantity x unit cost, rounded once, half-up, to
the currency's minor unit; an order's cash is the sum of its lines', the run's the sum
of its orders'.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit import _checks
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import named_at_the_door
from commercekit._words import with_article
from commercekit.errors import InputKind, InvalidInventoryError
from commercekit.inventory._demand import DemandProfile, LeadTime
from commercekit.inventory._numbers import (
    Field,
    choice,
    is_cash,
    is_class_letter,
    is_money,
    is_positive_units,
    is_probability,
    is_quantity,
    is_signed_units,
    is_text,
    is_units,
)
from commercekit.inventory._service import ServiceMeasure
from commercekit.money import Money, RoundingMode, sum_money

__all__ = [
    "LineOutcome",
    "PurchaseOrder",
    "ReorderItem",
    "ReorderLine",
    "ReorderRun",
    "Supplier",
]


class LineOutcome(enum.StrEnum):
    """What a reorder run did with a SKU."""

    ORDERED = "ordered"
    """Ordered as needed: rounded to packs and the SKU's minimum."""
    RAISED = "raised"
    """Ordered, with packs added so that the supplier's order reaches its minimum."""
    REDUCED = "reduced"
    """Ordered, fewer packs than needed: the budget did not cover them all."""
    NOT_NEEDED = "not_needed"
    """No order: the inventory position is above the reorder point."""
    HELD = "held"
    """Needed, not ordered: the supplier's order is below its minimum order value."""
    CUT = "cut"
    """Needed, not ordered: the budget ran out before this line."""


# Converters name the field they check, so a refusal says which amount to fix.


def _unit_cost(value: object) -> Money:
    return _checks.money(value, "unit_cost", InvalidInventoryError)


def _optional(value: object, field: str) -> Money | None:
    return None if value is None else _checks.money(value, field, InvalidInventoryError)


def _unit_margin(value: object) -> Money | None:
    return _optional(value, "unit_margin")


def _minimum_order_value(value: object) -> Money | None:
    return _optional(value, "minimum_order_value")


def _budget(value: object) -> Money | None:
    return _optional(value, "budget")


def _instance(kind: type, what: str) -> Callable[[object, Field, object], None]:
    def check(_: object, attribute: Field, value: object) -> None:
        if not isinstance(value, kind):
            raise InvalidInventoryError.refused(
                attribute.name, value, f"is not {with_article(what)}", kind=InputKind.TYPE
            )

    return check


def _xyz(_: object, attribute: Field, value: object) -> None:
    if value not in ("X", "Y", "Z"):
        raise InvalidInventoryError.refused(
            attribute.name,
            value,
            "is not an XYZ class; pass 'X', 'Y' or 'Z'",
            kind=InputKind.CHOICE,
            choices=("X", "Y", "Z"),
        )


@attrs.frozen
class ReorderItem:
    """One SKU as a reorder run sees it: stock, demand, lead time, cost, class, packs.

    * ``on_hand``, ``on_order`` and ``backorders`` give the inventory position;
    * ``demand`` per period and ``lead_time`` in the same periods;
    * ``order_quantity`` is Q of the (r, Q) policy (the economic order quantity, say),
      which a fill-rate target needs too;
    * ``unit_cost`` is what one unit costs to buy; ``unit_margin`` what it earns when
      sold (only a budget cut by margin needs it);
    * ``abc`` and ``xyz`` are its classes (from ``abc_classes`` and ``xyz_classes``,
      or the shop's own), which pick its service level;
    * ``pack_size`` and ``minimum`` are the supplier's pack and minimum order
      quantity for this SKU, in units.

    Examples:
        >>> from commercekit.inventory import DemandProfile, LeadTime
        >>> tee = ReorderItem("TEE", "PRINTCO", on_hand=420, on_order=0, backorders=12,
        ...     demand=DemandProfile(250, 37), lead_time=LeadTime(2), order_quantity=840,
        ...     unit_cost=Money("6.50", "EUR"), abc="A", xyz="X", pack_size=24)
        >>> tee.minimum, tee.unit_margin
        (0, None)
        >>> ReorderItem("TEE", "PRINTCO", 420, 0, 12, DemandProfile(250, 37),
        ...     LeadTime(2), 840, Money("6.50", "EUR"), "A", "W")
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidInventoryChoiceError: xyz='W' is not an XYZ class; ...
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    sku: str = attrs.field(validator=is_text)
    supplier: str = attrs.field(validator=is_text)
    on_hand: int = attrs.field(validator=is_units)
    on_order: int = attrs.field(validator=is_units)
    backorders: int = attrs.field(validator=is_units)
    demand: DemandProfile = attrs.field(validator=_instance(DemandProfile, "DemandProfile"))
    lead_time: LeadTime = attrs.field(validator=_instance(LeadTime, "LeadTime"))
    order_quantity: int = attrs.field(validator=is_positive_units)
    unit_cost: Money = attrs.field(converter=_unit_cost)
    abc: str = attrs.field(validator=is_class_letter)
    xyz: str = attrs.field(validator=_xyz)
    pack_size: int = attrs.field(default=1, validator=is_positive_units)
    minimum: int = attrs.field(default=0, validator=is_units)
    unit_margin: Money | None = attrs.field(default=None, converter=_unit_margin)

    def __attrs_post_init__(self) -> None:
        if self.unit_margin is not None:
            _checks.one_currency(self.unit_cost, self.unit_margin)


@attrs.frozen
class Supplier:
    """A supplier's order terms: its name and the least one order must come to.

    ``minimum_order_value`` is the supplier's minimum per purchase order, in money;
    ``None`` when it has none.

    Examples:
        >>> Supplier("POTTERY", minimum_order_value=Money("1500", "EUR"))
        Supplier(name='POTTERY', minimum_order_value=Money('1500', 'EUR'))
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    name: str = attrs.field(validator=is_text)
    minimum_order_value: Money | None = attrs.field(
        default=None, converter=_minimum_order_value
    )


def _outcome(value: object) -> LineOutcome:
    return choice(value, LineOutcome, "outcome")


def _measure(value: object) -> ServiceMeasure:
    return choice(value, ServiceMeasure, "measure")


def _service_class(_: object, attribute: Field, value: object) -> None:
    if not (isinstance(value, str) and len(value) == 2 and value[1] in "XYZ"):
        raise InvalidInventoryError.refused(
            attribute.name,
            value,
            "is not a class: an ABC letter and an XYZ letter, such as 'AX'",
            kind=InputKind.CHOICE,
        )
    is_class_letter(None, attribute, value[0])


@named_at_the_door
@attrs.frozen
class ReorderLine:
    """One SKU's result: its service level, reorder point, need, order, cash and why.

    ``needed`` is what the SKU needs today (rounded to packs and its minimum; 0 when
    above the reorder point, or when no demand is expected); ``quantity`` is what is
    ordered after the supplier's minimum and the budget; ``cash`` is ``quantity`` x
    ``unit_cost``, rounded once, half-up, to the currency's minor unit (exact when the
    unit cost is in whole minor units).
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    sku: str = attrs.field(validator=is_text)
    supplier: str = attrs.field(validator=is_text)
    service_class: str = attrs.field(validator=_service_class)
    measure: ServiceMeasure = attrs.field(converter=_measure)
    service_level: Decimal = attrs.field(validator=is_probability)
    reorder_point: Decimal = attrs.field(validator=is_quantity)
    inventory_position: int = attrs.field(validator=is_signed_units)
    needed: int = attrs.field(validator=is_units)
    quantity: int = attrs.field(validator=is_units)
    unit_cost: Money = attrs.field(validator=is_money)
    cash: Money = attrs.field(validator=is_cash)
    outcome: LineOutcome = attrs.field(converter=_outcome)
    why: str = attrs.field(validator=is_text)

    def __attrs_post_init__(self) -> None:
        code = _checks.one_currency(self.unit_cost, self.cash)
        exact = Fraction(self.unit_cost.amount) * self.quantity
        if self.cash != _checks.money_of(exact, code, RoundingMode.HALF_UP):
            raise InvalidInventoryError(
                "cash",
                self.cash,
                f"is not quantity x unit_cost ({self.quantity} x {self.unit_cost}), "
                "rounded half-up to the minor unit",
            )
        ordered = self.quantity > 0
        fits = {
            LineOutcome.NOT_NEEDED: self.needed == 0 and not ordered,
            LineOutcome.ORDERED: self.quantity == self.needed > 0,
            LineOutcome.RAISED: self.quantity > self.needed > 0,
            LineOutcome.REDUCED: ordered and self.needed > 0,
            LineOutcome.HELD: self.needed > 0 and not ordered,
            LineOutcome.CUT: self.needed > 0 and not ordered,
        }
        if not fits[self.outcome]:
            raise InvalidInventoryError.refused(
                "outcome",
                self.outcome,
                f"does not fit needed={self.needed} and quantity={self.quantity}",
                kind=InputKind.CHOICE,
            )


def _lines(_: object, attribute: Field, value: object) -> None:
    if not isinstance(value, tuple):
        raise InvalidInventoryError.refused(
            attribute.name, value, "is not a tuple of ReorderLine", kind=InputKind.LIST
        )
    for line in value:
        if not isinstance(line, ReorderLine):
            raise InvalidInventoryError.refused(
                attribute.name, line, "is not a ReorderLine", kind=InputKind.TYPE
            )
    skus = [line.sku for line in value]
    if skus != sorted(set(skus)):
        raise InvalidInventoryError.refused(
            attribute.name, skus, "must list each SKU once, in order", kind=InputKind.LIST
        )


def _flag(_: object, attribute: Field, value: object) -> None:
    _checks.flag(value, attribute.name, InvalidInventoryError)


def _cash_of(lines: tuple[ReorderLine, ...], cash: Money) -> Money:
    """The sum of the lines' cash, in ``cash``'s currency (which they must share)."""
    return sum_money((line.cash for line in lines), cash.currency)


@attrs.frozen
class PurchaseOrder:
    """One supplier's order: the lines that needed ordering, their cash, its minimum.

    ``lines`` are the supplier's SKUs that needed an order (in SKU order), whatever
    became of them; ``cash`` is the sum of their cash. ``placed`` is False when the
    order was held below the supplier's minimum or the budget cut all of it; ``why``
    says which, and what was done to meet the minimum.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    supplier: str = attrs.field(validator=is_text)
    lines: tuple[ReorderLine, ...] = attrs.field(validator=_lines)
    cash: Money = attrs.field(validator=is_cash)
    minimum_order_value: Money | None = attrs.field(converter=_minimum_order_value)
    placed: bool = attrs.field(validator=_flag)
    why: str = attrs.field(validator=is_text)

    def __attrs_post_init__(self) -> None:
        if not self.lines:
            raise InvalidInventoryError.refused(
                "lines", self.lines, "is empty; an order has lines", kind=InputKind.LIST
            )
        if any(line.supplier != self.supplier for line in self.lines):
            raise InvalidInventoryError.refused(
                "lines",
                self.lines,
                f"holds another supplier's line than {self.supplier}",
                kind=InputKind.LIST,
            )
        if self.minimum_order_value is not None:
            _checks.one_currency(self.cash, self.minimum_order_value)
        total = _cash_of(self.lines, self.cash)
        if total != self.cash:
            raise InvalidInventoryError(
                "cash", self.cash, f"is not the lines' sum ({total})"
            )
        ordered = any(line.quantity for line in self.lines)
        if self.placed != ordered or (self.placed and not self.meets_minimum):
            raise InvalidInventoryError.refused(
                "placed",
                self.placed,
                "must say whether any line was ordered, and an order placed must meet "
                f"its minimum_order_value={self.minimum_order_value}",
                kind=InputKind.FLAG,
            )

    @property
    def meets_minimum(self) -> bool:
        """Whether ``cash`` reaches the supplier's minimum order value (or it has none)."""
        minimum = self.minimum_order_value
        return minimum is None or self.cash >= minimum


def _orders(_: object, attribute: Field, value: object) -> None:
    if not isinstance(value, tuple) or not all(
        isinstance(order, PurchaseOrder) for order in value
    ):
        raise InvalidInventoryError.refused(
            attribute.name, value, "is not a tuple of PurchaseOrder", kind=InputKind.LIST
        )
    names = [order.supplier for order in value]
    if names != sorted(set(names)):
        raise InvalidInventoryError.refused(
            attribute.name,
            names,
            "must list each supplier once, in order",
            kind=InputKind.LIST,
        )


@attrs.frozen
class ReorderRun:
    """A reorder run's result: every SKU once, the purchase orders, their cash, why.

    ``lines`` holds every SKU given, in SKU order, whatever became of it; ``orders``
    one purchase order per supplier with a line that needed ordering, in supplier
    order; ``cash`` the sum of the orders' cash, never above ``budget`` when there is
    one.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    lines: tuple[ReorderLine, ...] = attrs.field(validator=_lines)
    orders: tuple[PurchaseOrder, ...] = attrs.field(validator=_orders)
    cash: Money = attrs.field(validator=is_cash)
    budget: Money | None = attrs.field(converter=_budget)
    why: str = attrs.field(validator=is_text)

    def __attrs_post_init__(self) -> None:
        if not self.lines:
            raise InvalidInventoryError.refused(
                "lines",
                self.lines,
                "is empty; a run has a line per SKU",
                kind=InputKind.LIST,
            )
        if self.budget is not None:
            _checks.one_currency(self.cash, self.budget)
        total = sum_money((order.cash for order in self.orders), self.cash.currency)
        if total != self.cash:
            raise InvalidInventoryError(
                "cash", self.cash, f"is not the orders' sum ({total})"
            )
        if self.budget is not None and self.cash > self.budget:
            raise InvalidInventoryError(
                "cash", self.cash, f"is over the budget {self.budget}"
            )
        ordered = [line for line in self.lines if line.needed]
        in_orders = [line for order in self.orders for line in order.lines]
        if sorted(in_orders, key=lambda line: line.sku) != ordered:
            raise InvalidInventoryError.refused(
                "orders",
                self.orders,
                "must hold exactly the lines that needed an order",
                kind=InputKind.LIST,
            )
