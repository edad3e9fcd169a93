"""A line of a cart, receipt or invoice: the value ``tax_invoice`` works on, and the
line's result (kept here, apart from the invoice arithmetic, as a quote's lines hold
it)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from commercekit import _checks as checks
from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import MAX_MAGNITUDE, RANGE, context_free, named_at_the_door
from commercekit.errors import CurrencyMismatchError, InvalidAmountError
from commercekit.money import Money, require_money, round_money
from commercekit.tax import _checks
from commercekit.tax._compute import Taxed, _rates
from commercekit.tax._tax_rate import TaxRate

__all__ = ["LineTax", "TaxLine"]


def _valid_quantity(_: object, __: attrs.Attribute[Any], value: object) -> None:
    if checks.signed_decimal(value, "quantity", invalid) < 0:
        raise invalid(
            "quantity", value, "is a negative quantity; returns are refunds, not lines"
        )


def _optional_money(value: object) -> Money | None:
    return None if value is None else require_money(value, "discount")


@named_at_the_door
@attrs.frozen
class TaxLine:
    """One line of a cart or invoice.

    ``price`` is the unit price as the shop shows it: gross where prices include tax, net
    where they do not. ``discount`` is this line's discount in the same terms (an order
    discount spread over the lines with [`allocate`][commercekit.money.allocate]); it
    reduces the taxable amount before tax. A line whose price x quantity is 10^18 or
    more is refused with ``InvalidAmountError``, as ``Money`` refuses such an amount.
    ``priced_without_tax``: rates chosen on the price without the tax, per item
    (``item_tax_lines``); ``tax_invoice`` refuses them with ``prices_include_tax=True``.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    price: Money = attrs.field(converter=require_money, validator=_checks.valid_amount)
    quantity: Decimal | int = attrs.field(validator=_valid_quantity)
    rates: tuple[TaxRate, ...] = attrs.field(converter=_rates)
    discount: Money | None = attrs.field(
        default=None, converter=_optional_money, validator=_checks.valid_optional_amount
    )
    description: str = attrs.field(default="", validator=_checks.valid_note)
    priced_without_tax: bool = attrs.field(default=False, validator=_checks.valid_flag)

    def __attrs_post_init__(self) -> None:
        _before_discount(self)  # price x quantity in range
        if self.discount is not None:
            if self.discount.currency != self.price.currency:
                raise CurrencyMismatchError(
                    self.price.currency.code, self.discount.currency.code, "discount"
                )
            if self.discount > self.price * Decimal(self.quantity):
                raise InvalidAmountError(
                    self.discount,
                    "is more than the line's amount (price x quantity); a discount "
                    "is between zero and the line's amount",
                )

    @context_free
    def amount(self) -> Money:
        """Unit price x quantity - discount, rounded to the minor unit (half-up)."""
        return amount_of(self)


def amount_of(line: TaxLine) -> Money:
    """``line.amount()``, in the library's context already (inside ``tax_invoice``)."""
    total = _before_discount(line)
    return total - line.discount if line.discount is not None else total


def _before_discount(line: TaxLine) -> Money:
    """Price x quantity, rounded half-up to the minor unit; refused if ``Money`` could
    not hold it (10^18 or more), as ``Money`` refuses any amount out of range."""
    total = round_money(line.price * line.quantity)
    if not -MAX_MAGNITUDE < total.amount < MAX_MAGNITUDE:
        raise InvalidAmountError(
            total.amount,
            f"is out of range: {RANGE} (the line's amount, price x quantity); "
            "split the line or check the price and quantity",
            field="quantity",
        )
    return total


@named_at_the_door
@attrs.frozen
class LineTax(Taxed):
    """A line's result: its net, its taxes and its gross."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    line: TaxLine = attrs.field(validator=_checks.instance_of(TaxLine))
