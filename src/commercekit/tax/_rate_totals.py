"""An invoice's tax summary: one row per tax and rate, with its base and its tax.

At invoice level ([`RoundingLevel.INVOICE`][commercekit.tax.RoundingLevel]) each row's
tax is rounded once: the exact taxes of every line carrying that tax and rate are added
up, unrounded, and the sum is rounded to the minor unit; the row's tax is then shared
out between those lines in proportion to their exact taxes, so the lines add up to the
row. A line taxed twice (GST and PST, VAT and a surcharge) is in two rows, and a row is
never rounded once per group of lines taxed alike.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from commercekit import _checks as checks
from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import EXACT, named_at_the_door
from commercekit.money import (
    MINOR_UNITS,
    Money,
    RoundingMode,
    allocate,
    make_money,
    require_money,
    round_ratio,
)
from commercekit.tax import _checks
from commercekit.tax._categories import RateKind
from commercekit.tax._tax_rate import TaxRate

if TYPE_CHECKING:
    from commercekit.tax._tax_line import LineTax

__all__ = ["RateTotal", "rounded_per_rate", "summary"]

RowKey = tuple[str, Decimal, RateKind]
"""A summary row: the tax, its rate and the rate's kind."""


def _percent(value: object) -> Decimal:
    return checks.decimal(value, "rate", invalid)


def _kind(value: object) -> RateKind:
    return _checks.choice(value, RateKind, "kind")


@named_at_the_door
@attrs.frozen
class RateTotal:
    """One row of an invoice's tax summary: per tax and rate, the base and the tax.

    ``allocated`` says how ``amount`` was reached. ``False``: computed, the rate of
    each line's base rounded where the invoice rounds (per line, per unit, or once on
    the row), added up. ``True``: the tax's share of taxes rounded together (US state
    and local sales taxes, ``combined_rates``: SSUTA s. 324(B)): each line's tax at the
    combined rate is rounded once and shared between the taxes in proportion to their
    rates, so a share may be a cent from what the tax's own rate of the base rounds to
    (USD 5.00 in New York City: 8.875 % is 0.44, of which the city's 4.5 % share is
    0.22, where 4.5 % of 5.00 alone rounds to 0.23).
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    tax: str = attrs.field(validator=_checks.valid_text)
    rate: Decimal = attrs.field(converter=_percent)
    kind: RateKind = attrs.field(converter=_kind)
    base: Money = attrs.field(converter=require_money, validator=_checks.valid_amount)
    amount: Money = attrs.field(converter=require_money, validator=_checks.valid_amount)
    allocated: bool = attrs.field(default=False, kw_only=True, validator=_checks.valid_flag)

    def __attrs_post_init__(self) -> None:
        _checks.one_currency(self.base, self.amount, operation="tax")


def summary(results: Sequence[LineTax], *, together: bool = False) -> tuple[RateTotal, ...]:
    """One row per tax and rate, added up in ``Decimal`` (one currency, checked);
    where ``together`` (a line's taxes rounded together, then shared), the rows of a
    line with several taxes are ``allocated``."""
    rows: dict[RowKey, tuple[Decimal, Decimal]] = {}
    shared: set[RowKey] = set()
    for result in results:
        for tax in result.taxes:
            if together and len(result.taxes) > 1:
                shared.add((tax.rate.tax, tax.rate.rate, tax.rate.kind))
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
            allocated=(tax, rate, kind) in shared,
        )
        for (tax, rate, kind), (base, amount) in sorted(
            rows.items(), key=lambda item: (item[0][0], item[0][1])
        )
    )


def rounded_per_rate(
    amounts: Sequence[Money],
    rates: Sequence[tuple[TaxRate, ...]],
    *,
    inclusive: bool,
    mode: RoundingMode,
    together: bool = False,
) -> list[list[Money]]:
    """Each line's share of each of its taxes, every summary row rounded once.

    ``amounts`` are the lines' amounts (zero or more, one currency), ``rates`` their
    taxes. A line's exact tax at rate r is amount x r / 100 on a net amount, amount x
    r / (100 + R) inside a gross one (R: the sum of the line's rates). Per row, the
    exact taxes are added up and rounded once with ``mode``; the row's tax is shared
    out with [`allocate`][commercekit.money.allocate] in proportion to them. Where
    ``together``, every tax and rate is one row: the invoice's tax rounded once.

    A row with a tax-inclusive line taxed several times on one base (CGST + SGST, GST
    + QST) follows the one-base rule of ``extract_tax``: the row's taxable value, the
    lines' exact values amount x 100 / (100 + R) added up, is rounded once with
    ``mode``, and the row's tax is its rate of that value, rounded with ``mode``; so
    taxes at equal rates on the same lines are equal, as on each line. Such lines
    keep one row per tax and rate even where ``together``.
    """
    currency = amounts[0].currency
    exponent = MINOR_UNITS[currency.code]
    exact = [
        _exact_taxes(Fraction(amount.amount), line_rates, inclusive=inclusive)
        for amount, line_rates in zip(amounts, rates, strict=True)
    ]
    one_base = [inclusive and len(line_rates) > 1 for line_rates in rates]
    rows: dict[RowKey | None, list[tuple[int, int]]] = {}
    for line, line_rates in enumerate(rates):
        for index, rate in enumerate(line_rates):
            key = None if together and not one_base[line] else _key(rate)
            rows.setdefault(key, []).append((line, index))
    shares = [[make_money(Decimal(0), currency)] * len(line) for line in rates]
    for members in rows.values():
        taxes = [exact[line][index] for line, index in members]
        if any(one_base[line] for line, _ in members):
            total = _on_one_base(members, amounts, rates, exponent, mode)
        else:
            total = sum(taxes, Fraction(0))
        units = round_ratio(total.numerator * 10**exponent, total.denominator, mode)
        row_tax = make_money(Decimal(units).scaleb(-exponent), currency)
        for (line, index), part in zip(
            members, allocate(row_tax, _weights(taxes)), strict=True
        ):
            shares[line][index] = part
    return shares


def _key(rate: TaxRate) -> RowKey:
    return (rate.tax, rate.rate, rate.kind)


def _on_one_base(
    members: Sequence[tuple[int, int]],
    amounts: Sequence[Money],
    rates: Sequence[tuple[TaxRate, ...]],
    exponent: int,
    mode: RoundingMode,
) -> Fraction:
    """A row's tax by the one-base rule, unrounded: its rate of the row's taxable
    value (the members' exact values added up), rounded once with ``mode``."""
    first, index = members[0]
    percent = Fraction(rates[first][index].rate)
    value = sum((_exact_value(amounts[at], rates[at]) for at, _ in members), Fraction(0))
    units = round_ratio(value.numerator * 10**exponent, value.denominator, mode)
    return Fraction(units, 10**exponent) * percent / 100


def _exact_value(amount: Money, rates: tuple[TaxRate, ...]) -> Fraction:
    """The taxable value inside a gross ``amount``, unrounded: x 100 / (100 + R)."""
    total = sum((Fraction(rate.rate) for rate in rates), Fraction(0))
    return Fraction(amount.amount) * 100 / (100 + total)


def _exact_taxes(
    amount: Fraction, rates: tuple[TaxRate, ...], *, inclusive: bool
) -> list[Fraction]:
    """A line's taxes, unrounded: on its net amount, or inside its gross amount."""
    base = Fraction(100)
    if inclusive:
        base += sum((Fraction(rate.rate) for rate in rates), Fraction(0))
    return [amount * Fraction(rate.rate) / base for rate in rates]


def _weights(taxes: Sequence[Fraction]) -> list[int]:
    """Exact non-negative fractions as whole numbers in the same proportions (equal
    weights where all are zero, whose share is zero anyway)."""
    if not any(taxes):
        return [1] * len(taxes)
    common = math.lcm(*(tax.denominator for tax in taxes))
    return [tax.numerator * (common // tax.denominator) for tax in taxes]
