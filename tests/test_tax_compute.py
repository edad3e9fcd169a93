"""Tax arithmetic: worked examples with their sources, and bad input.

The rates come from small inline tables (real rates, with their sources) so that these
tests check the arithmetic alone; the bundled data is checked in test_tax_rates.py.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from commercekit.errors import (
    AmbiguousTaxError,
    CurrencyMismatchError,
    InvalidAmountError,
    NoRuleError,
    UnknownCategoryError,
    UnknownJurisdictionError,
)
from commercekit.money import Money, RoundingMode
from commercekit.tax import (
    BundledRates,
    RoundingLevel,
    TaxLine,
    TaxRate,
    add_tax,
    extract_tax,
    gross_price,
    net_price,
    tax_invoice,
)

HEADER = "tax,category,kind,rate,since,until,source,note\n"
TABLES = {
    # UStG s.12: 19% standard since 2007-01-01, 7% on most food (Annex 2).
    "DE": HEADER
    + "VAT,standard,standard,19,2007-01-01,,https://www.gesetze-im-internet.de/ustg_1980/__12.html,\n"
    + "VAT,food,reduced,7,1983-07-01,,https://www.gesetze-im-internet.de/ustg_1980/__12.html,\n",
    # VATA 1994 s.2: 20% since 2011-01-04.
    "GB": HEADER
    + "VAT,standard,standard,20,2011-01-04,,https://www.legislation.gov.uk/ukpga/1994/23/section/2,\n",
    # Excise Tax Act (GST 5% since 2008-01-01); BC Provincial Sales Tax Act (7%).
    "CA-BC": HEADER
    + "GST,standard,standard,5,2008-01-01,,https://www.canada.ca/en/revenue-agency/services/tax/businesses/topics/gst-hst-businesses/charge-collect-which-rate.html,\n"
    + "PST,standard,standard,7,2013-04-01,,https://www2.gov.bc.ca/gov/content/taxes/sales-taxes/pst,\n"
    + "GST,food,zero,0,1991-01-01,,https://www.canada.ca/en/revenue-agency/services/forms-publications/publications/rc4022.html,\n"
    + "PST,food,exempt,0,2013-04-01,,https://www2.gov.bc.ca/gov/content/taxes/sales-taxes/pst,\n",
}
RATES = BundledRates(TABLES)
ON = date(2026, 11, 26)
DE = RATES.rate_for("DE", "standard", on=ON)
DE_FOOD = RATES.rate_for("DE", "food", on=ON)
GB = RATES.rate_for("GB", "standard", on=ON)
BC = RATES.rates_for("CA-BC", "standard", on=ON)


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def cad(amount: str) -> Money:
    return Money(amount, "CAD")


def test_vat_fraction_from_hmrc() -> None:
    # HMRC VAT Notice 700, "VAT fraction": at 20% the VAT in a VAT-inclusive price is
    # 1/6 of it, so GBP 120.00 including VAT holds GBP 20.00 VAT.
    # https://www.gov.uk/guidance/vat-guide-notice-700
    taxed = extract_tax(Money("120.00", "GBP"), GB)
    assert (taxed.net, taxed.tax, taxed.gross) == (
        Money("100.00", "GBP"),
        Money("20.00", "GBP"),
        Money("120.00", "GBP"),
    )


def test_gst_and_pst_are_shown_separately() -> None:
    # British Columbia: GST 5% and PST 7% each on the selling price (CRA RC4022; BC PST
    # Bulletin PST 001): CAD 100.00 → GST 5.00, PST 7.00, total 112.00.
    taxed = add_tax(Money("100.00", "CAD"), BC)
    assert [(t.rate.tax, t.amount) for t in taxed.taxes] == [
        ("GST", Money("5.00", "CAD")),
        ("PST", Money("7.00", "CAD")),
    ]
    assert taxed.gross == Money("112.00", "CAD")
    food = RATES.rates_for("CA-BC", "food", on=ON)
    assert [(r.tax, r.kind.value, r.rate) for r in food] == [
        ("GST", "zero", 0),
        ("PST", "exempt", 0),
    ]


def test_tax_inclusive_price_is_kept_exactly() -> None:
    # 9.99 at 19%: the exact tax is 1.595042…, rounded half-up to 1.60; net 8.39.
    taxed = extract_tax(eur("9.99"), DE)
    assert (taxed.net, taxed.tax, taxed.gross) == (eur("8.39"), eur("1.60"), eur("9.99"))


def test_extraction_rounds_the_exact_fraction_not_a_truncated_division() -> None:
    # 0.07 at 7% food rate: 0.07 x 7/107 = 0.004579… → 0.00 (half-up); a double rounding
    # through 0.0046 → 0.005 → 0.01 would be wrong.
    assert extract_tax(eur("0.07"), DE_FOOD).tax == eur("0.00")
    # 0.50 x 19/119 = 0.0798… → 0.08
    assert extract_tax(eur("0.50"), DE).tax == eur("0.08")


def test_modes() -> None:
    # 0.25 x 19% = 0.0475 → 0.05 half-up, 0.04 down
    assert add_tax(eur("0.25"), DE).tax == eur("0.05")
    assert add_tax(eur("0.25"), DE, mode=RoundingMode.DOWN).tax == eur("0.04")


def test_net_price_round_trips_to_the_gross() -> None:
    # 0.02 at 25% is 0.016 net: rounded to a cent (0.02) it would come back as 0.03.
    rate = BundledRates(
        {"DK": HEADER + "VAT,standard,standard,25,1992-01-01,,https://skat.dk,\n"}
    ).rate_for("DK", "standard", on=ON)
    net = net_price(Money("0.02", "DKK"), rate)
    assert net == Money("0.016", "DKK")
    assert gross_price(net, rate) == Money("0.02", "DKK")


def test_rounding_level_changes_the_tax_on_the_same_cart() -> None:
    # Three items at EUR 0.99 including 19% VAT. Per unit: 0.99 x 19/119 = 0.158…
    # → 0.16, times 3 = 0.48. Per line or invoice: 2.97 x 19/119 = 0.474… → 0.47.
    cart = [TaxLine(eur("0.99"), 3, DE)]
    per_unit = tax_invoice(cart, prices_include_tax=True, rounding=RoundingLevel.UNIT)
    per_line = tax_invoice(cart, prices_include_tax=True, rounding=RoundingLevel.LINE)
    assert per_unit.tax == eur("0.48")
    assert per_line.tax == eur("0.47")
    assert per_unit.gross == per_line.gross == eur("2.97")
    # Two lines of 0.10 net at 19%: per line 0.019 → 0.02 each (0.04); per invoice
    # 0.20 x 19% = 0.038 → 0.04 … and three lines: 0.06 per line, 0.057 → 0.06.
    # Five lines of 0.05 net: per line 0.0095 → 0.01 each = 0.05; per invoice
    # 0.25 x 19% = 0.0475 → 0.05. Seven lines of 0.03: 0.0057 → 0.01 each = 0.07;
    # invoice: 0.21 x 19% = 0.0399 → 0.04.
    lines = [TaxLine(eur("0.03"), 1, DE)] * 7
    assert tax_invoice(lines, prices_include_tax=False).tax == eur("0.07")
    by_invoice = tax_invoice(
        lines, prices_include_tax=False, rounding=RoundingLevel.INVOICE
    )
    assert by_invoice.tax == eur("0.04")
    assert sum(line.tax for line in by_invoice.lines) == eur("0.04")


def test_at_invoice_level_each_rate_row_is_rounded_once() -> None:
    # A BC invoice, prices without tax: a GST-only line (PST-exempt goods) of 0.30 and a
    # GST + PST line of 0.30. GST on the invoice: (0.30 + 0.30) x 5 % = 0.030 -> 0.03,
    # rounded once; PST: 0.30 x 7 % = 0.021 -> 0.02. Rounding GST per group of lines
    # taxed alike rounds the GST row twice: 0.015 -> 0.02 on each, 0.04 in all.
    lines = [TaxLine(cad("0.30"), 1, BC[0]), TaxLine(cad("0.30"), 1, BC)]
    invoice = tax_invoice(lines, prices_include_tax=False, rounding=RoundingLevel.INVOICE)
    rows = [(row.tax, row.base, row.amount) for row in invoice.by_rate]
    assert rows == [("GST", cad("0.60"), cad("0.03")), ("PST", cad("0.30"), cad("0.02"))]
    assert invoice.tax == cad("0.05")
    # GST 0.03 shared 0.015 : 0.015, the odd cent to the earlier line (allocate).
    assert [line.tax for line in invoice.lines] == [cad("0.02"), cad("0.03")]
    # Tax-inclusive, the same rule: GST inside 1.05 (5 %) and 1.12 (5 % + 7 %) is
    # 1.05 x 5/105 + 1.12 x 5/112 = 0.05 + 0.05 = 0.10; PST 1.12 x 7/112 = 0.07.
    gross = [TaxLine(cad("1.05"), 1, BC[0]), TaxLine(cad("1.12"), 1, BC)]
    inside = tax_invoice(gross, prices_include_tax=True, rounding=RoundingLevel.INVOICE)
    assert [(row.tax, row.amount) for row in inside.by_rate] == [
        ("GST", cad("0.10")),
        ("PST", cad("0.07")),
    ]
    assert inside.gross == cad("2.17")


def test_mixed_rate_receipt_with_a_discount() -> None:
    # A German receipt, prices including VAT: 3 x 2.49 food (7%), a 19.99 item (19%)
    # with a 2.00 discount. Food: 7.47 x 7/107 = 0.4886… → 0.49, net 6.98.
    # Item: 17.99 x 19/119 = 2.8723… → 2.87, net 15.12.
    receipt = tax_invoice(
        [
            TaxLine(eur("2.49"), 3, DE_FOOD, description="bread"),
            TaxLine(eur("19.99"), 1, DE, discount=eur("2.00"), description="kettle"),
        ],
        prices_include_tax=True,
    )
    rows = [(row.rate, row.base, row.amount) for row in receipt.by_rate]
    assert rows == [
        (Decimal(7), eur("6.98"), eur("0.49")),
        (Decimal(19), eur("15.12"), eur("2.87")),
    ]
    assert receipt.gross == eur("25.46")
    assert receipt.net + receipt.tax == receipt.gross
    for line in receipt.lines:
        assert line.net + line.tax == line.gross


def test_exclusive_invoice_with_quantities() -> None:
    # Net prices: 12 x 4.15 = 49.80 at 19% → 9.462 → 9.46.
    invoice = tax_invoice([TaxLine(eur("4.15"), 12, DE)], prices_include_tax=False)
    assert (invoice.net, invoice.tax, invoice.gross) == (
        eur("49.80"),
        eur("9.46"),
        eur("59.26"),
    )


def test_lookup_errors() -> None:
    with pytest.raises(UnknownJurisdictionError, match="bundled"):
        RATES.rate_for("FR", "standard", on=ON)
    with pytest.raises(UnknownJurisdictionError, match="province"):
        RATES.rate_for("CA", "standard", on=ON)
    with pytest.raises(UnknownJurisdictionError, match="TaxRateSource"):
        RATES.rate_for("US-NY", "standard", on=ON)
    with pytest.raises(UnknownCategoryError, match="food"):
        RATES.rate_for("DE", "groceries", on=ON)
    with pytest.raises(NoRuleError, match="2007-01-01 onwards"):
        RATES.rate_for("DE", "standard", on=date(2006, 12, 31))
    with pytest.raises(AmbiguousTaxError, match="GST and PST"):
        RATES.rate_for("CA-BC", "standard", on=ON)
    assert RATES.rate_for("CA-BC", "standard", on=ON, tax="PST").rate == 7
    with pytest.raises(AmbiguousTaxError, match="no 'HST'"):
        RATES.rate_for("CA-BC", "standard", on=ON, tax="HST")
    with pytest.raises(InvalidAmountError, match="not a date"):
        RATES.rate_for("DE", "standard", on="2026-01-01")  # type: ignore[arg-type]
    # A subdivision without rules of its own takes its country's.
    assert RATES.rate_for("DE-BY", "standard", on=ON).jurisdiction == "DE"


def test_fallback_is_explained() -> None:
    rate = RATES.rate_for("DE", "books", on=ON)
    assert rate.fallback
    assert rate.rate == 19
    assert "no special rate for books" in rate.explain()
    zero = RATES.rate_for("DE", "zero_rated", on=ON)
    assert (zero.rate, zero.kind.value) == (0, "zero")
    assert "classified by the seller" in zero.explain()


def test_bad_computation_input() -> None:
    with pytest.raises(InvalidAmountError, match="float"):
        TaxLine(eur("1.00"), 1.5, DE)  # type: ignore[arg-type]
    with pytest.raises(InvalidAmountError, match="negative quantity"):
        TaxLine(eur("1.00"), -1, DE)
    with pytest.raises(InvalidAmountError, match="negative price"):
        TaxLine(eur("-1.00"), 1, DE)
    with pytest.raises(InvalidAmountError, match="discount"):
        TaxLine(eur("1.00"), 1, DE, discount=eur("2.00"))
    with pytest.raises(CurrencyMismatchError):
        TaxLine(eur("1.00"), 1, DE, discount=Money("0.10", "USD"))
    with pytest.raises(CurrencyMismatchError):
        tax_invoice(
            [TaxLine(eur("1.00"), 1, DE), TaxLine(Money("1.00", "GBP"), 1, GB)],
            prices_include_tax=True,
        )
    with pytest.raises(InvalidAmountError, match="no lines"):
        tax_invoice([], prices_include_tax=True)
    with pytest.raises(InvalidAmountError, match="TaxRate"):
        add_tax(eur("1.00"), Decimal("0.19"))  # type: ignore[arg-type]
    with pytest.raises(InvalidAmountError, match="is not money"):
        extract_tax(1.19, DE)  # type: ignore[arg-type]
    with pytest.raises(InvalidAmountError, match="RoundingMode"):
        add_tax(eur("1.00"), DE, mode="nearest")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rounding", "inclusive", "named"),
    [
        (RoundingLevel.LINE, True, "negative gross"),
        (RoundingLevel.LINE, False, "negative net"),
        (RoundingLevel.INVOICE, True, "negative gross"),
        (RoundingLevel.INVOICE, False, "negative net"),
        (RoundingLevel.UNIT, True, "negative gross"),
        (RoundingLevel.UNIT, False, "negative base"),
    ],
)
def test_a_discount_finer_than_a_cent_cannot_leave_a_negative_line(
    rounding: RoundingLevel, inclusive: bool, named: str
) -> None:
    # 0.004 x 1 rounds to 0.00, less the 0.004 discount is -0.004: refused as
    # extract_tax (a negative gross) or add_tax (a negative net) refuses it, not taxed.
    line = TaxLine(eur("0.004"), 1, DE, discount=eur("0.004"))
    with pytest.raises(InvalidAmountError, match=named):
        tax_invoice([line], prices_include_tax=inclusive, rounding=rounding)


def test_a_plugin_rate_is_checked_like_bundled_data() -> None:
    def rate(**changes: object) -> object:
        fields: dict[str, object] = {
            "jurisdiction": "US-NY",
            "tax": "sales tax",
            "category": "standard",
            "applies_as": "standard",
            "rate": Decimal("8.875"),
            "kind": "standard",
            "since": date(2009, 6, 1),
            "until": None,
            "source": "https://www.tax.ny.gov/",
        }
        fields.update(changes)
        return TaxRate(**fields)  # type: ignore[arg-type]

    assert rate().rate == Decimal("8.875")  # type: ignore[attr-defined]
    with pytest.raises(InvalidAmountError, match="negative rate"):
        rate(rate=Decimal(-5))
    with pytest.raises(InvalidAmountError, match="float"):
        rate(rate=8.875)
    with pytest.raises(UnknownCategoryError):
        rate(category="groceries")
    with pytest.raises(InvalidAmountError, match="rate kind"):
        rate(kind="luxury")
    with pytest.raises(InvalidAmountError, match="not a date"):
        rate(since="2009-06-01")
    with pytest.raises(InvalidAmountError, match="ends before"):
        rate(until=date(2000, 1, 1))
    with pytest.raises(InvalidAmountError, match="negative rate"):
        BundledRates(
            {"DE": HEADER + "VAT,standard,standard,-19,2007-01-01,,https://x.invalid,\n"}
        )
