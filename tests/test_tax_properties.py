"""Hypothesis properties of the tax arithmetic."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import InvalidAmountError
from commercekit.money import Money, RoundingMode, minor_units, round_ratio
from commercekit.tax import (
    RateKind,
    RoundingLevel,
    TaxBreakdown,
    TaxCategory,
    TaxLine,
    TaxRate,
    add_tax,
    extract_tax,
    gross_price,
    net_price,
    tax_invoice,
)
from tests.strategies import minor_unit_amounts, tax_lines, tax_rates, varied_currencies

LEVELS = list(RoundingLevel)


@given(
    varied_currencies().flatmap(lambda c: minor_unit_amounts(c).map(lambda a: (c, a))),
    tax_rates(),
)
def test_inclusive_exclusive_inclusive_reproduces_the_shown_gross(
    drawn: tuple[str, Decimal], rates: tuple[TaxRate, ...]
) -> None:
    """gross_price(net_price(gross)) == gross, exactly, for any currency and rates."""
    code, amount = drawn
    gross = Money(abs(amount), code)
    assert gross_price(net_price(gross, rates), rates) == gross


@given(
    varied_currencies().flatmap(lambda c: minor_unit_amounts(c).map(lambda a: (c, a))),
    tax_rates(),
)
def test_net_plus_tax_is_gross(
    drawn: tuple[str, Decimal], rates: tuple[TaxRate, ...]
) -> None:
    """extract_tax keeps the gross; net + tax == gross; each tax is within half a unit."""
    code, amount = drawn
    money = Money(abs(amount), code)
    inside = extract_tax(money, rates)
    assert inside.gross == money
    assert inside.net + inside.tax == money
    added = add_tax(money, rates)
    assert added.gross == added.net + added.tax
    exact = Fraction(money.amount) * sum(Fraction(rate.rate) for rate in rates) / 100
    assert abs(Fraction(added.tax.amount) - exact) <= Fraction(len(rates), 2) * unit(code)


def unit(code: str) -> Fraction:
    """One minor unit of ``code``."""
    return Fraction(1, 10 ** minor_units(code))


@given(
    st.lists(tax_lines(), min_size=1, max_size=8), st.sampled_from(LEVELS), st.booleans()
)
def test_every_line_and_the_invoice_add_up(
    lines: list[TaxLine], level: RoundingLevel, inclusive: bool
) -> None:
    """net + tax == gross for every line and the invoice; by-rate rows sum to the totals."""
    invoice = tax_invoice(lines, prices_include_tax=inclusive, rounding=level)
    for line in invoice.lines:
        assert line.net + line.tax == line.gross
    assert invoice.net + invoice.tax == invoice.gross
    assert sum(row.amount for row in invoice.by_rate) == invoice.tax
    if inclusive:
        assert invoice.gross == sum(line.amount() for line in lines)
    else:
        assert invoice.net == sum(line.amount() for line in lines)


@given(st.lists(tax_lines(), min_size=1, max_size=8), st.booleans())
def test_per_line_and_per_invoice_differ_by_at_most_half_a_unit_per_line(
    lines: list[TaxLine], inclusive: bool
) -> None:
    """|per-line tax - per-invoice tax| <= half a minor unit per line and tax."""
    per_line = tax_invoice(lines, prices_include_tax=inclusive, rounding=RoundingLevel.LINE)
    per_invoice = tax_invoice(
        lines, prices_include_tax=inclusive, rounding=RoundingLevel.INVOICE
    )
    roundings = sum(len(line.rates) for line in lines)
    difference = abs(Fraction(per_line.tax.amount) - Fraction(per_invoice.tax.amount))
    assert difference <= Fraction(roundings, 2) * unit("EUR")


def _exact_taxes(line: TaxLine, *, inclusive: bool) -> list[Fraction]:
    """Each of a line's taxes, unrounded: amount x r / 100 on a net amount, amount x r
    / (100 + the line's rates) inside a gross one."""
    amount = Fraction(line.amount().amount)
    total = sum(Fraction(rate.rate) for rate in line.rates)
    base = 100 + total if inclusive else Fraction(100)
    return [amount * Fraction(rate.rate) / base for rate in line.rates]


@given(
    st.lists(tax_lines(), min_size=1, max_size=8),
    st.booleans(),
    st.sampled_from(list(RoundingMode)),
)
def test_at_invoice_level_each_rate_row_is_rounded_once(
    lines: list[TaxLine], inclusive: bool, mode: RoundingMode
) -> None:
    """At invoice level each rate row's tax == round(sum of its lines' exact taxes),
    rounded once with the mode (where a tax-inclusive line has several taxes on one
    base: round(round(sum of the lines' exact values) x rate)), and the invoice's tax
    is the sum of those rows."""

    def invoiced() -> TaxBreakdown:
        return tax_invoice(
            lines, prices_include_tax=inclusive, rounding=RoundingLevel.INVOICE, mode=mode
        )

    if inclusive:
        # A price with tax inside can hold less than its taxes rounded once on the
        # invoice (a cent holding two taxes each rounded up to a cent): then refused.
        try:
            invoice = invoiced()
        except InvalidAmountError as error:
            refused = error
        else:
            refused = None
        if refused is not None:
            assert refused.field == "mode", refused
            return
    else:
        invoice = invoiced()
    exact: dict[tuple[str, Decimal], Fraction] = {}
    values: dict[tuple[str, Decimal], Fraction] = {}
    one_base: set[tuple[str, Decimal]] = set()
    for line in lines:
        taxes = _exact_taxes(line, inclusive=inclusive)
        total = sum(Fraction(rate.rate) for rate in line.rates)
        value = Fraction(line.amount().amount) * 100 / (100 + total)
        for rate, tax in zip(line.rates, taxes, strict=True):
            key = (rate.tax, rate.rate)
            exact[key] = exact.get(key, Fraction(0)) + tax
            values[key] = values.get(key, Fraction(0)) + value
            if inclusive and len(line.rates) > 1:
                one_base.add(key)

    def cents(value: Fraction) -> Fraction:
        return Fraction(round_ratio(value.numerator * 100, value.denominator, mode), 100)

    for key in one_base:  # the one-base rule: the row's value rounded, then its rate
        exact[key] = cents(values[key]) * Fraction(key[1]) / 100
    rows = {(row.tax, row.rate): row.amount.amount for row in invoice.by_rate}
    assert rows == {
        key: Decimal(round_ratio(value.numerator * 100, value.denominator, mode)).scaleb(-2)
        for key, value in exact.items()
    }  # cents: tax_lines() draws EUR lines
    assert invoice.tax.amount == sum(rows.values())


@given(
    minor_unit_amounts("EUR", limit=10**9),
    minor_unit_amounts("EUR", limit=10**9),
    tax_rates(),
    st.sampled_from(list(RoundingMode)),
    st.booleans(),
)
def test_tax_is_monotone_in_the_base(
    a: Decimal, b: Decimal, rates: tuple[TaxRate, ...], mode: RoundingMode, inclusive: bool
) -> None:
    """A larger base never carries less tax, whatever the rounding mode."""
    low, high = sorted((abs(a), abs(b)))
    compute = extract_tax if inclusive else add_tax
    assert (
        compute(Money(low, "EUR"), rates, mode=mode).tax
        <= compute(Money(high, "EUR"), rates, mode=mode).tax
    )


def test_taxes_rounded_up_on_the_invoice_never_exceed_the_price_they_are_inside() -> None:
    """EUR 0.01 with two taxes of 0.001 % inside: rounded up once each on the invoice,
    they would come to 0.02 inside a price of 0.01 (a net of -0.01); refused, naming
    the mode. Line level rounds the line's taxes together: 0.01."""
    rates = tuple(
        TaxRate(
            jurisdiction="CA-BC",
            tax=name,
            category=TaxCategory.STANDARD,
            applies_as=TaxCategory.STANDARD,
            rate=Decimal("0.001"),
            kind=RateKind.STANDARD,
            since=date(2024, 1, 1),
            until=None,
            source="https://example.invalid/two-tiny-taxes",
        )
        for name in ("T0", "T1")
    )
    line = TaxLine(Money("0.01", "EUR"), 1, rates)
    with pytest.raises(InvalidAmountError, match=r"more tax inside 0\.01 EUR") as raised:
        tax_invoice(
            [line],
            prices_include_tax=True,
            rounding=RoundingLevel.INVOICE,
            mode=RoundingMode.UP,
        )
    assert raised.value.field == "mode"
    by_line = tax_invoice([line], prices_include_tax=True, mode=RoundingMode.UP)
    assert by_line.tax == Money("0.01", "EUR")
