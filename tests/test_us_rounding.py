"""US state and local sales taxes rounded together, at their combined rate.

The Streamlined Sales and Use Tax Agreement s. 324, as the member states enacted it
(R.I. Gen. Laws 44-18.1-25, N.D. Century Code 57-39.4-25, K.S.A. 79-3676, RCW
82.08.054: "This rounding rule shall be applied to the aggregated state and local
taxes"), carries the tax to the third decimal and rounds half up to the cent, on an
item or an invoice basis. A line's state and local taxes are rounded once, at their
combined rate, and shared between the jurisdictions so that they add up to it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.money import Money, sum_money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import (
    BUNDLED,
    Buyer,
    RoundingLevel,
    Seller,
    TaxCategory,
    TaxLine,
    TaxRate,
    rates_for,
    tax_invoice,
)

DAY = date(2026, 6, 1)
TEXAS = rates_for("US-TX", "standard", on=DAY)[0]  # 6.25 %
CITY = attrs.evolve(TEXAS, tax="city", rate=Decimal("2"), note="a 2% local rate")


class TexasWithLocal:
    """A plugin's answer: the bundled Texas rate and a 2 % local one."""

    def rates_for(
        self, jurisdiction: str, category: TaxCategory | str, *, on: date
    ) -> tuple[TaxRate, ...]:
        state = BUNDLED.rates_for(jurisdiction, category, on=on)
        asked = TaxCategory(category)
        return (*state, attrs.evolve(CITY, category=asked, applies_as=asked))


def test_separate_and_combined_rounding_differ_on_usd_4_20() -> None:
    """USD 4.20 at 6.25 % + 2 %: 0.2625 + 0.084 = 0.3465, which rounds to 0.35; each
    rounded apart, 0.26 + 0.08 = 0.34. Together: 0.35, shown as 0.27 + 0.08."""
    line = [TaxLine(Money("4.20", "USD"), 1, (TEXAS, CITY))]
    for level in RoundingLevel:
        apart = tax_invoice(line, prices_include_tax=False, rounding=level)
        together = tax_invoice(
            line, prices_include_tax=False, rounding=level, combined_rates=True
        )
        assert apart.tax == Money("0.34", "USD")
        assert together.tax == Money("0.35", "USD")
        assert [t.amount for t in together.lines[0].taxes] == [
            Money("0.27", "USD"),
            Money("0.08", "USD"),
        ]


def test_combined_rounding_on_the_invoice_rounds_once() -> None:
    """Two USD 0.20 items: each line's 0.0165 rounds to 0.02 (0.04 in all); on the
    invoice 0.033 rounds to 0.03 once. Apart per rate on the invoice: 6.25 % of 0.40
    is 0.025, 0.03; 2 % is 0.008, 0.01: 0.04."""
    lines = [TaxLine(Money("0.20", "USD"), 1, (TEXAS, CITY))] * 2
    by_line = tax_invoice(lines, prices_include_tax=False, combined_rates=True)
    once = tax_invoice(
        lines,
        prices_include_tax=False,
        rounding=RoundingLevel.INVOICE,
        combined_rates=True,
    )
    apart = tax_invoice(lines, prices_include_tax=False, rounding=RoundingLevel.INVOICE)
    assert by_line.tax == Money("0.04", "USD")
    assert once.tax == Money("0.03", "USD")
    assert apart.tax == Money("0.04", "USD")
    assert sum_money([row.amount for row in once.by_rate], "USD") == once.tax


def _texas() -> CheckoutContext:
    return CheckoutContext(
        Seller("US", {"US-TX"}), Buyer("US", subdivision="US-TX"),
        at=datetime(2026, 6, 1, 12, tzinfo=UTC), prices_include_tax=False,
        products={"PEN": Product("PEN", "standard")}, tax_rates=TexasWithLocal(),
    )  # fmt: skip


def test_the_quote_rounds_texas_state_and_local_together() -> None:
    result = quote(Cart([CartLine("PEN", Money("4.20", "USD"), 1)]), _texas())
    assert result.tax == Money("0.35", "USD")
    assert [(row.tax, row.amount) for row in result.tax_summary] == [
        ("city", Money("0.08", "USD")),
        ("sales tax", Money("0.27", "USD")),
    ]


def test_the_quote_rounds_an_invoice_once() -> None:
    context = attrs.evolve(_texas(), rounding=RoundingLevel.INVOICE)
    result = quote(Cart([CartLine("PEN", Money("0.20", "USD"), 2)]), context)
    assert result.tax == Money("0.03", "USD")


AMOUNTS = st.integers(min_value=0, max_value=10**7).map(lambda c: Decimal(c) / 100)
RATES = st.lists(
    st.integers(min_value=0, max_value=10_000).map(lambda r: Decimal(r) / 1000),
    min_size=1,
    max_size=4,
)


@given(
    st.lists(st.tuples(AMOUNTS, st.integers(1, 9)), min_size=1, max_size=6),
    RATES,
    st.sampled_from(list(RoundingLevel)),
)
def test_the_parts_shown_add_up_to_the_combined_tax(
    lines: list[tuple[Decimal, int]], percents: list[Decimal], level: RoundingLevel
) -> None:
    """With combined_rates: the taxes of every line add up to the line's tax, the
    per-rate rows add up to the invoice's tax, and each line's tax at line level is its
    amount x the combined rate rounded half up once (at invoice level, the invoice's)."""
    rates = tuple(
        attrs.evolve(TEXAS, tax=f"tax {index}", rate=percent)
        for index, percent in enumerate(percents)
    )
    taxed = [TaxLine(Money(price, "USD"), quantity, rates) for price, quantity in lines]
    result = tax_invoice(
        taxed, prices_include_tax=False, rounding=level, combined_rates=True
    )
    combined = sum(percents, Decimal(0)) / 100
    cent = Decimal("0.01")
    assert sum_money([row.amount for row in result.by_rate], "USD") == result.tax
    for line in result.lines:
        assert sum_money([t.amount for t in line.taxes], "USD") == line.tax
    if level is RoundingLevel.LINE:
        for line in result.lines:
            expected = (line.net.amount * combined).quantize(cent, ROUND_HALF_UP)
            assert line.tax.amount == expected
    if level is RoundingLevel.INVOICE:
        expected = (result.net.amount * combined).quantize(cent, ROUND_HALF_UP)
        assert result.tax.amount == expected
