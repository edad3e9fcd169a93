"""A sale's values without the tax inside them: what its limits are measured on.

Limits on a sale (the EU's EUR 10,000 distance-sales threshold, low-value import limits
per consignment or per item) are set on values without VAT/GST. Where prices include
the tax, [`decide`][commercekit.tax.decide] takes it out of each line as
[`extract_tax`][commercekit.tax.extract_tax] does (rounded half-up, the default mode),
and adds the values up without a Money per line where only the total is asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import reduce

from commercekit._numbers import EXACT
from commercekit.money import MINOR_UNITS, QUANTUM, Money, make_money
from commercekit.tax._compute import any_beyond_money, beyond_money, rate_ratio
from commercekit.tax._tax_rate import TaxRate

__all__ = ["net_total", "nets_of", "taxes_inside"]

_SUBTRACT = EXACT.subtract
_MULTIPLY = EXACT.multiply
_ADD = EXACT.add


def taxes_inside(
    grosses: Sequence[Money], rates: Sequence[tuple[TaxRate, ...]]
) -> list[Decimal]:
    """The tax inside each gross (checked: in one currency, zero or more) at its
    rates, as ``extract_tax`` rounds it: ``share_of_gross`` at the default half-up
    mode (``_tax_units``)."""
    if not grosses:
        return []
    quantum = QUANTUM[grosses[0].currency.code]  # units x quantum: to the minor unit
    return [_MULTIPLY(units, quantum) for units in _tax_units(grosses, rates)]


def _tax_units(grosses: Sequence[Money], rates: Sequence[tuple[TaxRate, ...]]) -> list[int]:
    """The tax inside each gross in whole minor units, ``share_of_gross`` at half-up
    inlined for a long sale: its ratio worked out once per tuple of rates (by
    identity: every tuple stays alive in ``rates``)."""
    scale = 10 ** MINOR_UNITS[grosses[0].currency.code]
    keys = list(map(id, rates))
    shares = {}  # tax = gross x R / (100 + R): (R's numerator x scale, its denominator)
    for key, line_rates in dict(zip(keys, rates, strict=True)).items():
        rate_num, rate_den = rate_ratio(line_rates)
        shares[key] = (rate_num * scale, 100 * rate_den + rate_num)
    # Half-up of a ratio of zero or more: (2 x n x a + d x b) // (2 x d x b).
    return [
        (2 * gross_num * share_num + gross_den * share_den) // (2 * gross_den * share_den)
        for (gross_num, gross_den), (share_num, share_den) in zip(
            [gross.amount.as_integer_ratio() for gross in grosses],
            map(shares.__getitem__, keys),
            strict=True,
        )
    ]


def nets_of(grosses: Sequence[Money], taxes: Sequence[Decimal]) -> list[Money]:
    """``extract_tax(gross, rates).net`` of each gross, given the ``taxes_inside`` it,
    without building the taxes: the values a limit is measured on."""
    nets = []
    for gross, tax in zip(grosses, taxes, strict=True):
        currency = gross.currency
        if beyond_money(gross.amount):  # as before: Money's arithmetic holds it
            nets.append(gross - make_money(tax, currency))
        else:
            nets.append(make_money(_SUBTRACT(gross.amount, tax), currency))
    return nets


def net_total(
    grosses: Sequence[Money], rates: Sequence[tuple[TaxRate, ...]]
) -> Money | None:
    """``sum_money(nets_of(grosses, taxes_inside(grosses, rates)))`` (at least one
    gross): the grosses added up in ``Decimal`` less the taxes added up in whole minor
    units, without a Money or a ``Decimal`` tax per line (exact arithmetic: the same
    value, and the same decimals, the finest of the grosses' and the minor unit's);
    ``None`` where a gross or the total is beyond Money's range (``nets_of`` then
    holds it as before)."""
    currency = grosses[0].currency
    quantum = QUANTUM[currency.code]
    amounts = [gross.amount for gross in grosses]
    if any_beyond_money(amounts):
        return None
    total = reduce(_ADD, amounts, quantum * 0)  # as sum_money: 0.00 for EUR, then each
    total = _SUBTRACT(total, _MULTIPLY(sum(_tax_units(grosses, rates)), quantum))
    return None if beyond_money(total) else make_money(total, currency)
