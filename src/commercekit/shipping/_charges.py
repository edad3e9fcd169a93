"""The charges on one item, and the working notes of one landed-cost computation.

[`ItemDuty`][commercekit.shipping.ItemDuty] and [`ItemTax`][commercekit.shipping.ItemTax]
are the lines a landed cost is the sum of. ``Work`` gathers the explanation and the
currency conversions as the steps run; ``share`` splits an amount over items exactly,
in an order that does not depend on the order they were given in.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit.errors import CurrencyMismatchError
from commercekit.money import Money, RateTable, allocate, convert_noted, round_money
from commercekit.shipping import _checks as check
from commercekit.shipping._shipment import Item, Shipment
from commercekit.tax import TaxRate

__all__ = ["ItemDuty", "ItemTax", "Work", "share", "zero"]


def _item(value: object) -> Item:
    return check.instance(value, Item, "item")


def _customs_value(value: object) -> Money:
    return check.money(value, "customs_value")


def _duty_rate(value: object) -> Decimal | None:
    return check.optional_decimal(value, "rate")


def _amount(value: object) -> Money:
    return check.money(value, "amount")


def _rule(value: object) -> str:
    return check.text(value, "rule")


def _source(value: object) -> str:
    return check.text(value, "source")


def _one_currency(item: Item, *amounts: Money) -> None:
    code = item.value.currency.code
    for amount in amounts:
        if amount.currency.code != code:
            raise CurrencyMismatchError(code, amount.currency.code, "charge an item in")


def _duty_base(value: object) -> Money:
    return check.money(value, "base")


@attrs.frozen
class ItemDuty:
    """The duty on one item: its share of the customs value, the rate, the amount.

    ``base`` is what ``rate`` is a percentage of: the item's share of the customs value
    for a duty (the default), the duty itself for a surcharge levied on it (India's
    Social Welfare Surcharge, 10% of the basic customs duty: Finance Act 2018 s.
    110(3)).
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    item: Item = attrs.field(converter=_item)
    customs_value: Money = attrs.field(converter=_customs_value)
    rate: Decimal | None = attrs.field(converter=_duty_rate)
    amount: Money = attrs.field(converter=_amount)
    rule: str = attrs.field(converter=_rule)
    source: str = attrs.field(converter=_source)
    base: Money = attrs.field(
        default=attrs.Factory(lambda duty: duty.customs_value, takes_self=True),
        converter=_duty_base,
    )

    def __attrs_post_init__(self) -> None:
        _one_currency(self.item, self.customs_value, self.amount, self.base)


def _base(value: object) -> Money:
    return check.money(value, "base")


def _tax_rates(value: object) -> tuple[TaxRate, ...]:
    return check.listed(value, TaxRate, "rates")


@attrs.frozen
class ItemTax:
    """The import VAT/GST on one item: its base (its share of the customs value, its
    duty, its share of the costs the law adds), its rates and the tax, rounded."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    item: Item = attrs.field(converter=_item)
    base: Money = attrs.field(converter=_base)
    rates: tuple[TaxRate, ...] = attrs.field(converter=_tax_rates)
    amount: Money = attrs.field(converter=_amount)

    def __attrs_post_init__(self) -> None:
        _one_currency(self.item, self.base, self.amount)


class Work:
    """Conversions and explanations gathered while computing one landed cost."""

    def __init__(self, shipment: Shipment, rates: RateTable | None) -> None:
        self.currency = shipment.currency
        self.rates = rates
        self.conversions: list[str] = []
        self.lines: list[str] = []
        self.customs_value: Money | None = None
        """The consignment's customs value, once worked out."""

    def local(self, money: Money, *, charged: bool = False) -> Money:
        """``money`` in the shipment's currency: not rounded for a threshold (a limit
        is compared with the value itself), rounded to the currency when ``charged``
        (a fixed duty)."""
        return convert_noted(
            money,
            self.currency,
            self.rates,
            self.conversions,
            how="pass rates= (a RateTable)",
            rounded=charged,
        )

    def in_currency(self, money: Money, currency: str) -> Money:
        """``money`` (the shipment's) in ``currency``, unrounded: a figure the law
        measures in its own currency (Switzerland's import tax, in francs)."""
        return convert_noted(
            money,
            currency,
            self.rates,
            self.conversions,
            how="pass rates= (a RateTable)",
        )


def zero(currency: str) -> Money:
    """Nothing, in ``currency``, at its minor unit."""
    return round_money(Money(0, currency))


def share(
    total: Money, items: Sequence[Item], members: Sequence[int], weights: Sequence[Decimal]
) -> list[Money]:
    """``total`` shared exactly over the items ``members`` by ``weights`` (equally when
    all are zero), in ``members``' order. Ties are broken by the items themselves, never
    by the order they were given in."""
    order = sorted(range(len(members)), key=lambda k: _canonical(items[members[k]]))
    ranked = [weights[k] for k in order]
    parts = allocate(total, ranked if any(ranked) else [Decimal(1)] * len(ranked))
    shared = [total] * len(members)
    for k, part in zip(order, parts, strict=True):
        shared[k] = part
    return shared


def _canonical(item: Item) -> tuple[str, Decimal, str, str, int]:
    """An order for items that does not depend on the order they were given in."""
    return (
        item.description,
        item.value.amount,
        item.category.value,
        item.origin or "",
        item.quantity,
    )
