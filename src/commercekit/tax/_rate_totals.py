"""An invoice's tax summary: one row per tax and rate, with its base and its tax."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from commercekit import _checks as checks
from commercekit._checks import invalid
from commercekit._numbers import EXACT
from commercekit.money import Money, make_money, require_money
from commercekit.tax import _checks
from commercekit.tax._categories import RateKind

if TYPE_CHECKING:
    from commercekit.tax._invoice import LineTax

__all__ = ["RateTotal", "summary"]


def _percent(value: object) -> Decimal:
    return checks.decimal(value, "rate", invalid)


def _kind(value: object) -> RateKind:
    return _checks.choice(value, RateKind, "kind")


@attrs.frozen
class RateTotal:
    """One row of an invoice's tax summary: per tax and rate, the base and the tax."""

    tax: str = attrs.field(validator=_checks.valid_text)
    rate: Decimal = attrs.field(converter=_percent)
    kind: RateKind = attrs.field(converter=_kind)
    base: Money = attrs.field(converter=require_money, validator=_checks.valid_amount)
    amount: Money = attrs.field(converter=require_money, validator=_checks.valid_amount)

    def __attrs_post_init__(self) -> None:
        _checks.one_currency(self.base, self.amount, operation="tax")


def summary(results: Sequence[LineTax]) -> tuple[RateTotal, ...]:
    """One row per tax and rate, added up in ``Decimal`` (one currency, checked)."""
    rows: dict[tuple[str, Decimal, RateKind], tuple[Decimal, Decimal]] = {}
    for result in results:
        for tax in result.taxes:
            key = (tax.rate.tax, tax.rate.rate, tax.rate.kind)
            base, amount = tax.base.amount, tax.amount.amount
            found = rows.get(key)
            if found is not None:
                base, amount = EXACT.add(found[0], base), EXACT.add(found[1], amount)
            rows[key] = (base, amount)
    currency = results[0].net.currency
    return tuple(
        RateTotal(
            tax=tax,
            rate=rate,
            kind=kind,
            base=make_money(base, currency),
            amount=make_money(amount, currency),
        )
        for (tax, rate, kind), (base, amount) in sorted(
            rows.items(), key=lambda item: (item[0][0], item[0][1])
        )
    )
