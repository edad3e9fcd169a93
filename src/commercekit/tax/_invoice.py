"""Invoices: the taxes of a cart, a receipt or an invoice, line by line and per rate.

Where the rounding happens changes the tax on the same cart, and the law or the
invoicing system decides: per unit, per line, or once per rate on the invoice total
([`RoundingLevel`][commercekit.tax.RoundingLevel]). Each line's tax is worked out with
[`add_tax`][commercekit.tax.add_tax] or [`extract_tax`][commercekit.tax.extract_tax];
the summary has one row per tax and rate.

Examples:
    >>> from datetime import date
    >>> from commercekit.money import Money
    >>> from commercekit.tax import rate_for
    >>> vat = rate_for("DE", "standard", on=date(2026, 11, 26))
    >>> cart = [TaxLine(Money("0.99", "EUR"), 3, vat)]
    >>> tax_invoice(cart, prices_include_tax=True, rounding=RoundingLevel.UNIT).tax
    Money('0.48', 'EUR')
    >>> tax_invoice(cart, prices_include_tax=True, rounding=RoundingLevel.LINE).tax
    Money('0.47', 'EUR')
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit._trusted import trusted, trusted_builder
from commercekit.errors import InputKind
from commercekit.money import (
    DEFAULT_ROUNDING,
    Money,
    RoundingMode,
    round_money,
    sum_money,
)
from commercekit.tax import _checks
from commercekit.tax._compute import (
    Parts,
    TaxAmount,
    _mode,
    added,
    added_together,
    beyond_money,
    extracted,
)
from commercekit.tax._compute_lines import extracted_each, line_gross
from commercekit.tax._rate_totals import RateTotal, rounded_per_rate, summary
from commercekit.tax._rounding_level import RoundingLevel
from commercekit.tax._tax_line import LineTax, TaxLine, amount_of
from commercekit.tax._tax_rate import TaxRate

__all__ = [
    "LineTax",
    "RateTotal",
    "RoundingLevel",
    "TaxBreakdown",
    "TaxLine",
    "tax_invoice",
]


def _line_taxes(value: object) -> tuple[LineTax, ...]:
    found = _checks.listed(value, LineTax, "lines")
    if not found:
        raise invalid("lines", value, "has no lines; a breakdown has at least one line")
    return found


def _rate_totals(value: object) -> tuple[RateTotal, ...]:
    return _checks.listed(value, RateTotal, "by_rate")


def _level(value: object) -> RoundingLevel:
    return _checks.choice(value, RoundingLevel, "rounding")


@named_at_the_door
@attrs.frozen
class TaxBreakdown:
    """The taxes of an invoice or receipt: per line, per rate, and in total.

    ``net + tax == gross`` for every line and for the whole; the per-rate rows add up to
    the totals.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    lines: tuple[LineTax, ...] = attrs.field(converter=_line_taxes)
    by_rate: tuple[RateTotal, ...] = attrs.field(converter=_rate_totals)
    prices_include_tax: bool = attrs.field(validator=_checks.valid_flag)
    rounding: RoundingLevel = attrs.field(converter=_level)

    def __attrs_post_init__(self) -> None:
        _checks.one_currency(
            *(line.net for line in self.lines),
            *(row.base for row in self.by_rate),
            operation="add up",
        )

    @property
    def net(self) -> Money:
        """The total net."""
        return sum_money([line.net for line in self.lines], self.lines[0].net.currency)

    @property
    def tax(self) -> Money:
        """The total tax."""
        return sum_money([line.tax for line in self.lines], self.lines[0].net.currency)

    @property
    def gross(self) -> Money:
        """The total the buyer pays."""
        return self.net + self.tax


def _line_by_unit(
    line: TaxLine, *, inclusive: bool, mode: RoundingMode, together: bool = False
) -> LineTax:
    """Tax per unit, times the quantity; the discount's tax taken off."""
    amount = amount_of(line)
    quantity = Decimal(line.quantity)

    def taxes_on(value: Money) -> tuple[Money, ...]:
        _, taxes = _taxes_of(
            value, line.rates, inclusive=inclusive, mode=mode, together=together
        )
        return tuple(tax.amount for tax in taxes)

    per_unit = taxes_on(line.price)
    off = taxes_on(line.discount) if line.discount is not None else None
    amounts = []
    for index, unit_tax in enumerate(per_unit):
        total = round_money(unit_tax * quantity, mode=mode)
        amounts.append(total - off[index] if off is not None else total)
    tax_total = sum_money(amounts, amount.currency)
    if any(value.amount < 0 for value in amounts) or (inclusive and tax_total > amount):
        # The units' tax and the discount's are rounded apart, so a discount of
        # nearly the whole line can take off more tax than the units carry (0.07 x 18
        # at 0.397 % is 0.00; the 1.26 discount's tax 0.01), or leave more tax than
        # is left to pay: then the tax is the tax of what is left, rounded once.
        return _line_by_line(line, inclusive=inclusive, mode=mode, together=together)
    net = amount - tax_total if inclusive else amount
    return trusted(
        LineTax,
        line=line,
        net=net,
        taxes=tuple(
            trusted(TaxAmount, rate=rate, base=net, amount=value)
            for rate, value in zip(line.rates, amounts, strict=True)
        ),
    )


def _taxes_of(
    amount: Money,
    rates: tuple[TaxRate, ...],
    *,
    inclusive: bool,
    mode: RoundingMode,
    together: bool = False,
) -> Parts:
    """``extract_tax`` (``inclusive``) or ``add_tax`` (its taxes rounded together where
    ``together``) on an amount of the invoice, unchecked; but a discount finer than the
    minor unit can leave a line's amount below zero, refused as they refuse it."""
    if amount.amount < 0:
        _checks.amount(amount, "gross" if inclusive else "net")  # raises
    add = added_together if together else added
    return (extracted if inclusive else add)(amount, rates, mode)


def _line_by_line(
    line: TaxLine, *, inclusive: bool, mode: RoundingMode, together: bool = False
) -> LineTax:
    amount = amount_of(line)
    net, taxes = _taxes_of(
        amount, line.rates, inclusive=inclusive, mode=mode, together=together
    )
    return trusted(LineTax, line=line, net=net, taxes=taxes)


def _lines_by_line(
    lines: Sequence[TaxLine], *, inclusive: bool, mode: RoundingMode, together: bool
) -> list[LineTax]:
    """``_line_by_line`` of each line, the tax-inclusive ones through ``extracted_each``
    (where every line's amount is Money's to hold, as a cart's is)."""
    if not inclusive:
        return [
            _line_by_line(line, inclusive=False, mode=mode, together=together)
            for line in lines
        ]
    grosses = [line_gross(line.price, line.quantity, line.discount) for line in lines]
    if any(gross < 0 or beyond_money(gross) for gross in grosses):
        # A line below zero is refused there; one beyond Money's range kept as it was.
        return [_line_by_line(line, inclusive=True, mode=mode) for line in lines]
    currency = lines[0].price.currency
    parts = extracted_each(grosses, currency, [line.rates for line in lines], mode)
    make = trusted_builder(LineTax)
    return [
        make(line=line, net=net, taxes=taxes)
        for line, (net, taxes) in zip(lines, parts, strict=True)
    ]


def _lines_by_invoice(
    lines: Sequence[TaxLine], *, inclusive: bool, mode: RoundingMode, together: bool
) -> list[LineTax]:
    """Round each tax and rate (every one together where ``together``) once on the
    invoice, then share it out between the lines (``rounded_per_rate``)."""
    amounts = [amount_of(line) for line in lines]
    for amount in amounts:
        if amount.amount < 0:
            _checks.amount(amount, "gross" if inclusive else "net")  # raises
    shares = rounded_per_rate(
        amounts, [line.rates for line in lines], inclusive=inclusive, mode=mode,
        together=together,
    )  # fmt: skip
    results = []
    for line, amount, line_taxes in zip(lines, amounts, shares, strict=True):
        net = amount - sum_money(line_taxes, amount.currency) if inclusive else amount
        if net.amount < 0:  # taxes rounded away from zero inside a price of a few cents
            raise invalid(
                "mode",
                mode,
                f"puts more tax inside {amount} than the price itself "
                f"({', '.join(map(str, line_taxes))}: each tax rounded once on the "
                "invoice, then shared out); round at line level, or half-up (the "
                "default) rather than away from zero",
                kind=InputKind.CHOICE,
            )
        results.append(
            trusted(
                LineTax,
                line=line,
                net=net,
                taxes=tuple(
                    trusted(TaxAmount, rate=rate, base=net, amount=value)
                    for rate, value in zip(line.rates, line_taxes, strict=True)
                ),
            )
        )
    return results


@context_free
def tax_invoice(
    lines: Sequence[TaxLine],
    *,
    prices_include_tax: bool,
    rounding: RoundingLevel = RoundingLevel.LINE,
    mode: RoundingMode = DEFAULT_ROUNDING,
    combined_rates: bool = False,
) -> TaxBreakdown:
    """The taxes of a cart, receipt or invoice, line by line and per rate.

    ``prices_include_tax`` says how the lines' prices are shown; ``rounding`` where tax
    is rounded; ``mode`` how. Mixed-rate carts (food and non-food) get one summary row
    per tax and rate. ``combined_rates`` rounds a line's taxes together, as US states
    round the state and local sales taxes (SSUTA s. 324; see the US guide): at unit or
    line level the tax at the line's combined rate is rounded once, at invoice level
    the invoice's taxes are added up, every rate together, and rounded once; each tax's
    share is then its exact part of that, by ``allocate`` (a leftover cent to the
    largest remainder), so the taxes shown add up to the tax charged. Tax-inclusive
    lines with several taxes on one base (CGST + SGST, GST + QST) follow the one-base
    rule of ``extract_tax`` at every level, ``combined_rates`` or not: at invoice
    level each row's taxable value is rounded once and its tax is its rate of that.

    Examples:
        >>> vat = rate_for("DE", "standard", on=date(2026, 11, 26))
        >>> food = rate_for("DE", "food", on=date(2026, 11, 26))
        >>> cart = [
        ...     TaxLine(Money("2.49", "EUR"), 3, food),
        ...     TaxLine(Money("19.99", "EUR"), 1, vat),
        ... ]
        >>> receipt = tax_invoice(cart, prices_include_tax=True)
        >>> for row in receipt.by_rate:
        ...     print(row.tax, row.rate, row.base, row.amount)
        VAT 7 6.98 EUR 0.49 EUR
        VAT 19 16.80 EUR 3.19 EUR
        >>> receipt.gross
        Money('27.46', 'EUR')
    """
    lines = _checks.listed(lines, TaxLine, "lines")
    if not lines:
        raise invalid("lines", lines, "has no lines; an invoice needs at least one line")
    _checks.one_currency(*(line.price for line in lines), operation="invoice")
    inclusive = _checks.flag(prices_include_tax, "prices_include_tax")
    _checks.net_prices(lines, inclusive=inclusive)
    level = _checks.choice(rounding, RoundingLevel, "rounding")
    mode = _mode(mode)
    together = _checks.flag(combined_rates, "combined_rates")
    if level is RoundingLevel.INVOICE:
        results = _lines_by_invoice(
            lines, inclusive=inclusive, mode=mode, together=together
        )
    elif level is RoundingLevel.UNIT:
        results = [
            _line_by_unit(line, inclusive=inclusive, mode=mode, together=together)
            for line in lines
        ]
    else:
        results = _lines_by_line(lines, inclusive=inclusive, mode=mode, together=together)
    return trusted(  # every part computed here from the checked lines
        TaxBreakdown,
        lines=tuple(results),
        # Shares of taxes rounded together (exclusive prices only: inclusive ones take
        # each rate of one base, as extract_tax does).
        by_rate=summary(results, together=together and not inclusive),
        prices_include_tax=inclusive,
        rounding=level,
    )
