"""A reorder run across the catalog: today's purchase orders, SKU by SKU, with why.

For each SKU (a [`ReorderItem`][commercekit.inventory.ReorderItem]) the run

1. looks up its service level in the shop's
   [`ServiceLevelTable`][commercekit.inventory.ServiceLevelTable] by its ABC and XYZ
   classes, as a fill rate or a cycle service level (the table says which);
2. sets the reorder point for that level over its lead time
   ([`safety_stock_for_fill_rate`][commercekit.inventory.safety_stock_for_fill_rate]
   with its order quantity, or
   [`safety_stock_for_cycle_service`][commercekit.inventory.safety_stock_for_cycle_service]);
3. decides today's order with [`reorder`][commercekit.inventory.reorder] under the
   (r, Q) policy, given the SKU's demand: nothing above the reorder point, else the
   fewest multiples of Q that lift the position above it, rounded up to the supplier's
   packs and the SKU's minimum. A SKU with no demand expected
   (``DemandProfile(0, 0)``) orders nothing, unless customers are owed units.

It then groups the lines by supplier into purchase orders, applies each supplier's
minimum order value and the budget (see ``_reorder_budget``), and returns every SKU
once, in SKU order, with what became of it and why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from typing import TypeVar

from commercekit import _checks
from commercekit._numbers import RANGE, context_free, out_of_range
from commercekit._words import with_article
from commercekit.errors import InputKind, InvalidInventoryError, MissingDataError
from commercekit.inventory._classify import ServiceLevelTable
from commercekit.inventory._demand import lead_time_demand
from commercekit.inventory._numbers import choice, listed
from commercekit.inventory._policies import ReorderPointPolicy, reorder
from commercekit.inventory._reorder_budget import (
    BelowMinimum,
    BudgetPriority,
    Draft,
    hold_below_minimum,
    meet_minimums,
    order_cash,
    priority_key,
    spend_budget,
)
from commercekit.inventory._reorder_items import (
    LineOutcome,
    PurchaseOrder,
    ReorderItem,
    ReorderLine,
    ReorderRun,
    Supplier,
)
from commercekit.inventory._service import (
    ServiceMeasure,
    Shortfall,
    safety_stock_for_cycle_service,
    safety_stock_for_fill_rate,
)
from commercekit.inventory._stock_value import MAX_SKUS
from commercekit.money import Money, sum_money

__all__ = ["reorder_run"]


def _plan(item: ReorderItem, table: ServiceLevelTable, shortfall: Shortfall) -> Draft:
    """The SKU's service level, reorder point and today's need, explained."""
    level = table.level(item.abc, item.xyz)
    cover = lead_time_demand(item.demand, item.lead_time)
    if table.measure is ServiceMeasure.FILL_RATE:
        stock = safety_stock_for_fill_rate(cover, level, item.order_quantity, shortfall)
    else:
        stock = safety_stock_for_cycle_service(cover, level)
    measure = table.measure.value.replace("_", " ")
    said = [
        f"class {item.abc}{item.xyz}: {measure} {level} from the service-level table",
        stock.why,
    ]
    point = stock.reorder_point
    if point < 0:
        said.append("a reorder point below zero is taken as 0")
        point = Decimal(0)
    decision = reorder(
        item.on_hand,
        item.on_order,
        item.backorders,
        ReorderPointPolicy(point, item.order_quantity),
        demand=item.demand,
        pack_size=item.pack_size,
        minimum=item.minimum,
    )
    said.append(decision.why)
    return Draft(
        item=item,
        measure=table.measure,
        level=level,
        point=point,
        position=decision.inventory_position,
        needed=decision.quantity,
        quantity=decision.quantity,
        outcome=LineOutcome.ORDERED if decision.quantity else LineOutcome.NOT_NEEDED,
        why=said,
    )


_Kind = TypeVar("_Kind")


def _bounded(value: object, field: str, kind: type[_Kind]) -> list[_Kind]:
    """A list of 1 to ``MAX_SKUS`` ``kind``s."""
    found = listed(value, field)
    if not found or len(found) > MAX_SKUS:
        raise InvalidInventoryError.refused(
            field,
            f"{len(found)} entries",
            f"must hold 1 to {MAX_SKUS:,} {kind.__name__}s; run a larger catalog in parts",
            kind=InputKind.LIST,
        )
    for entry in found:
        if not isinstance(entry, kind):
            raise InvalidInventoryError.refused(
                field, entry, f"is not {with_article(kind.__name__)}", kind=InputKind.TYPE
            )
    return list(found)


def _once(names: list[str], field: str) -> None:
    twice = sorted(name for name, count in Counter(names).items() if count > 1)
    if twice:
        raise InvalidInventoryError.refused(
            field, twice, "are given more than once; give each once", kind=InputKind.LIST
        )


def _checked(
    items: object, suppliers: object, table: object, budget: object
) -> tuple[list[ReorderItem], dict[str, Supplier], Money | None]:
    """The items, the suppliers' terms by name and the budget, checked together."""
    found = _bounded(items, "items", ReorderItem)
    terms = _bounded(suppliers, "suppliers", Supplier)
    _once([item.sku for item in found], "items")
    _once([term.name for term in terms], "suppliers")
    if not isinstance(table, ServiceLevelTable):
        raise InvalidInventoryError.refused(
            "service_levels", table, "is not a ServiceLevelTable", kind=InputKind.TYPE
        )
    by_name = {term.name: term for term in terms}
    unknown = sorted({item.supplier for item in found} - by_name.keys())
    if unknown:
        raise MissingDataError(
            f"supplier terms for {', '.join(unknown[:10])}",
            "pass a Supplier(name, minimum_order_value) for every item's supplier",
        )
    cap = None if budget is None else _checks.money(budget, "budget", InvalidInventoryError)
    amounts = [item.unit_cost for item in found]
    amounts += [t.minimum_order_value for t in terms if t.minimum_order_value is not None]
    _checks.one_currency(*amounts, *([cap] if cap is not None else []))
    return found, by_name, cap


def _line(draft: Draft) -> ReorderLine:
    item = draft.item
    return ReorderLine(
        sku=item.sku,
        supplier=item.supplier,
        service_class=item.abc + item.xyz,
        measure=draft.measure,
        service_level=draft.level,
        reorder_point=draft.point,
        inventory_position=draft.position,
        needed=draft.needed,
        quantity=draft.quantity,
        unit_cost=item.unit_cost,
        cash=draft.cash,
        outcome=draft.outcome,
        why="; ".join(draft.why),
    )


def _summary(
    lines: tuple[ReorderLine, ...],
    orders: tuple[PurchaseOrder, ...],
    cash: Money,
    budget: Money | None,
    priority: BudgetPriority,
) -> str:
    counts = dict.fromkeys(LineOutcome, 0)
    for line in lines:
        counts[line.outcome] += 1
    shown = ", ".join(
        f"{count} {outcome.value.replace('_', ' ')}"
        for outcome, count in counts.items()
        if count
    )
    placed = sum(order.placed for order in orders)
    said = (
        f"{len(lines)} SKUs: {shown}; {placed} of {len(orders)} purchase orders placed, "
        f"{cash} in all"
    )
    if budget is not None:
        said += f", within a budget of {budget} (lines kept by {priority.value} priority)"
    return said


@context_free
def reorder_run(
    items: Sequence[ReorderItem],
    suppliers: Sequence[Supplier],
    service_levels: ServiceLevelTable,
    *,
    shortfall: Shortfall | str = Shortfall.BACKORDER,
    below_minimum: BelowMinimum | str = BelowMinimum.HOLD,
    budget: Money | None = None,
    priority: BudgetPriority | str = BudgetPriority.CLASS,
) -> ReorderRun:
    """Today's purchase orders across the catalog, each SKU's line explained.

    Each SKU gets the service level its ABC and XYZ classes have in ``service_levels``
    (a fill rate, served with ``shortfall`` in mind, or a cycle service level), the
    reorder point for it, and today's (r, Q) order rounded to its packs and minimum.
    Orders are grouped by supplier; one below its supplier's minimum order value is
    raised or held (``below_minimum``). With a ``budget``, lines are kept in
    ``priority`` order while it lasts, and the rest reduced or cut: the cash kept never
    exceeds it. Every SKU appears once in ``lines``, in SKU order; a run takes at most
    ``MAX_SKUS`` SKUs and suppliers, and the same input gives the same run.

    Examples:
        >>> from commercekit.inventory import DemandProfile, LeadTime, ServiceLevelTable
        >>> def item(sku, on_hand, abc):
        ...     return ReorderItem(sku, "ACME", on_hand, 0, 0, DemandProfile(100, 20),
        ...         LeadTime(2), 500, Money("4.00", "EUR"), abc, "X", pack_size=24)
        >>> run = reorder_run([item("TEE", 150, "A"), item("CAP", 400, "B")],
        ...     [Supplier("ACME")], ServiceLevelTable())
        >>> [(line.sku, line.reorder_point, line.quantity) for line in run.lines]
        [('CAP', Decimal('166.6569'), 0), ('TEE', Decimal('178.6875'), 504)]
        >>> run.orders[0].cash, run.lines[1].outcome.value
        (Money('2016.00', 'EUR'), 'ordered')
    """
    found, terms, cap = _checked(items, suppliers, service_levels, budget)
    lost = choice(shortfall, Shortfall, "shortfall")
    below = choice(below_minimum, BelowMinimum, "below_minimum")
    order = choice(priority, BudgetPriority, "priority")
    if order is BudgetPriority.MARGIN:
        absent = sorted(item.sku for item in found if item.unit_margin is None)
        if absent:
            raise MissingDataError(
                f"unit margin of {', '.join(absent[:10])}",
                "give every ReorderItem a unit_margin, or choose another priority",
            )
    key = priority_key(order)
    drafts = [
        _plan(item, service_levels, lost) for item in sorted(found, key=lambda i: i.sku)
    ]
    groups: dict[str, list[Draft]] = {}
    for draft in drafts:
        if draft.needed:
            groups.setdefault(draft.item.supplier, []).append(draft)
    groups = dict(sorted(groups.items()))
    notes = meet_minimums(groups, terms, below, key)
    if cap is not None:
        spend_budget(drafts, cap, key)
        hold_below_minimum(groups, terms, notes)
    lines = tuple(_line(draft) for draft in drafts)
    by_sku = {line.sku: line for line in lines}
    currency = found[0].unit_cost.currency.code
    cashes = {name: order_cash(group, currency) for name, group in groups.items()}
    cash = sum_money(cashes.values(), currency)
    if out_of_range(cash.amount):
        raise InvalidInventoryError.refused(
            "items",
            f"<{len(found)} SKUs>",
            f"would order {cash} in all, out of range: {RANGE}; run fewer SKUs at a time",
            kind=InputKind.LIST,
        )
    orders = tuple(
        PurchaseOrder(
            supplier=name,
            lines=tuple(by_sku[draft.item.sku] for draft in group),
            cash=cashes[name],
            minimum_order_value=terms[name].minimum_order_value,
            placed=any(draft.quantity for draft in group),
            why=notes[name],
        )
        for name, group in groups.items()
    )
    return ReorderRun(
        lines=lines,
        orders=orders,
        cash=cash,
        budget=cap,
        why=_summary(lines, orders, cash, cap, order),
    )
