"""An invoice's tax-inclusive lines worked out together: each line's gross in ``Decimal``
and the tax inside each at its rates, with no Money built but the results (``_invoice``'s
fast path; the arithmetic is ``_compute``'s)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from moneyed import Currency

from commercekit._numbers import EXACT
from commercekit._trusted import trusted_builder
from commercekit.money import (
    DEFAULT_ROUNDING,
    MINOR_UNITS,
    QUANTUM,
    Money,
    RoundingMode,
    decimal_rounding,
    make_money,
    round_money,
)
from commercekit.tax._compute import (
    Parts,
    TaxAmount,
    on_one_base,
    rate_ratio,
    share_of_gross,
)
from commercekit.tax._tax_rate import TaxRate

_SUBTRACT = EXACT.subtract
_LINE_ROUNDING = decimal_rounding(DEFAULT_ROUNDING)  # round_money's default


def line_gross(price: Money, quantity: Decimal | int, discount: Money | None) -> Decimal:
    """An invoice line's amount as ``_tax_line.amount_of`` works it out (price x
    quantity rounded half-up to the minor unit, less the discount), in ``Decimal``:
    with no Money built on the way for a whole quantity."""
    if quantity.__class__ is int:
        total = EXACT.multiply(price.amount, quantity).quantize(
            QUANTUM[price.currency.code], _LINE_ROUNDING, EXACT
        )
        if not total:
            total = total.copy_abs()  # as round_money: 0.00, never -0.00
    else:
        total = round_money(price * quantity).amount
    return total if discount is None else _SUBTRACT(total, discount.amount)


def _inside_each(
    grosses: Sequence[Decimal],
    rates: Sequence[tuple[TaxRate, ...]],
    exponent: int,
    mode: RoundingMode,
) -> Iterator[Decimal]:
    """The tax inside each gross at its rates (``_inclusive_tax``'s amount), their
    ratio worked out once per tuple of rates (looked up by identity, so the caller
    keeps every tuple alive meanwhile, as a list of lines does)."""
    ratios: dict[int, tuple[int, int]] = {}
    for gross, line_rates in zip(grosses, rates, strict=True):
        ratio = ratios.get(id(line_rates))
        if ratio is None:
            ratio = ratios[id(line_rates)] = rate_ratio(line_rates)
        yield share_of_gross(gross, ratio, "tax", exponent, mode)


def extracted_each(
    grosses: Sequence[Decimal],
    currency: Currency,
    rates: Sequence[tuple[TaxRate, ...]],
    mode: RoundingMode,
) -> list[Parts]:
    """``extracted`` of each gross (an amount of ``currency`` in Money's range, zero or
    more) at its rates: an invoice's lines, with no Money built but the results."""
    make_tax = trusted_builder(TaxAmount)
    taxes = _inside_each(grosses, rates, MINOR_UNITS[currency.code], mode)
    parts: list[Parts] = []
    for gross, inside, line_rates in zip(grosses, taxes, rates, strict=True):
        tax = make_money(inside, currency)
        net = make_money(_SUBTRACT(gross, inside), currency)
        if len(line_rates) == 1:  # _split_tax's first case, without its calls
            parts.append((net, (make_tax(rate=line_rates[0], base=net, amount=tax),)))
        else:
            parts.append(on_one_base(make_money(gross, currency), line_rates, mode))
    return parts
