"""Pan masala (tariff item 2106 90 20), category ``pan_masala``: India's GST and
compensation cess on each side of every change date, and refused everywhere else.

Sources (all secondary: the gazette was not opened; tax/_data/in_by_heading.csv):
- 1/2017-Compensation Cess (Rate), 28 June 2017, S. No. 1: "2106 90 20 Pan-masala 60%"
  (eximguru.com's and a scribd.com copy of the notification); GST 28 % (1/2017-Central
  Tax (Rate) Schedule IV, 14 % CGST; 9/2025 Schedule VII from 2025-09-22);
- 2/2023-Compensation Cess (Rate), 31 March 2023, from 2023-04-01: "0.32R per unit", R
  the retail sale price of a unit (edukating.com's summary, caclub.in);
- 3/2023-Compensation Cess (Rate), 26 July 2023, from 2023-07-27: S. No. 1 "Pan Masala
  with declared retail sale price" 0.32R per unit, S. No. 1A the others 60 % (lawcrux.com
  and taxguru.in reproduce the text; taxtmi.com gives the day);
- from 2026-02-01: the cess Nil (3/2025-Compensation Cess (Rate), as tabled by
  gstsafar.com and taxo.online), GST 40 % (19/2025-Central Tax (Rate), as tabled by
  taxo.online: "2106 90 20 Pan masala 14% 20%"), on a value that rule 31D of the CGST
  Rules deems to be the declared retail sale price less the tax (20/2025-Central Tax,
  in force from that day, as reproduced by app.ikargos.com).
"""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.cli import main
from commercekit.errors import InvalidInputError, MissingDataError, NoRuleError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import (
    Buyer,
    RateFacts,
    Sale,
    Seller,
    TaxLine,
    decide,
    fact_rates,
    rates_for,
    tax_invoice,
)

GST_BEGAN = date(2017, 7, 1)
LAST_AD_VALOREM = date(2023, 3, 31)
PER_UNIT = date(2023, 4, 1)  # 2/2023-Compensation Cess (Rate)
DECLARED_PRICE = date(2023, 7, 27)  # 3/2023-Compensation Cess (Rate)
RULE_31D = date(2026, 2, 1)  # 19/2025-Central Tax (Rate), 20/2025-Central Tax


def _taxes(
    place: str, day: date, price: str = "1000.00", *, gross: bool = False
) -> list[tuple[str, str]]:
    rates = fact_rates(place, "pan_masala", RateFacts(), on=day)
    line = TaxLine(Money(price, "INR"), 1, rates)
    invoice = tax_invoice([line], prices_include_tax=gross)
    return [(row.tax, str(row.amount.amount)) for row in invoice.by_rate]


@pytest.mark.parametrize("day", [GST_BEGAN, date(2020, 1, 1), LAST_AD_VALOREM])
def test_28_percent_gst_and_60_percent_cess_of_the_value(day: date) -> None:
    """Rs 1,000 of pan masala: within Maharashtra CGST 140 + SGST 140 + cess 600 (the
    cess on the value, not on the value with the GST); to another State IGST 280 +
    cess 600; within Chandigarh CGST 140 + UTGST 140 + cess 600."""
    assert _taxes("IN-MH", day) == [
        ("CGST", "140.00"), ("SGST", "140.00"), ("compensation cess", "600.00"),
    ]  # fmt: skip
    assert _taxes("IN", day) == [("IGST", "280.00"), ("compensation cess", "600.00")]
    assert _taxes("IN-CH", day) == [
        ("CGST", "140.00"), ("UTGST", "140.00"), ("compensation cess", "600.00"),
    ]  # fmt: skip


def test_a_price_with_the_taxes_in_it_is_188_percent_of_the_value() -> None:
    """Rs 1,880 with GST and cess in it is Rs 1,000 of value: the same three taxes."""
    assert _taxes("IN-KA", LAST_AD_VALOREM, "1880.00", gross=True) == [
        ("CGST", "140.00"), ("SGST", "140.00"), ("compensation cess", "600.00"),
    ]  # fmt: skip


def test_before_gst_began_there_is_no_rule() -> None:
    with pytest.raises(NoRuleError, match="2017-07-01"):
        fact_rates("IN", "pan_masala", RateFacts(), on=date(2017, 6, 30))


@pytest.mark.parametrize(
    ("day", "said"),
    [
        (PER_UNIT, "0.32"),
        (date(2023, 7, 26), "2/2023"),
        (DECLARED_PRICE, "1A"),
        (date(2026, 1, 31), "declared retail sale price"),
        (RULE_31D, "31D"),
        (date(2026, 12, 1), "40%"),
    ],
)
def test_from_2023_04_01_refused_naming_the_retail_sale_price(day: date, said: str) -> None:
    """The cess per unit (and from 2026-02-01 the GST on a value deemed from the
    retail sale price) needs the price declared on each unit: refused, never 28 % or
    28 % + 60 % of the sale price."""
    for place in ("IN", "IN-MH"):
        with pytest.raises(MissingDataError) as refused:
            fact_rates(place, "pan_masala", RateFacts(), on=day)
        assert "retail sale price" in str(refused.value)
        assert said in str(refused.value)
        with pytest.raises(MissingDataError, match="retail sale price"):
            rates_for(place, "pan_masala", on=day)


def test_rates_for_points_to_fact_rates_while_the_cess_is_a_rate() -> None:
    with pytest.raises(MissingDataError, match="fact_rates") as refused:
        rates_for("IN-MH", "pan_masala", on=LAST_AD_VALOREM)
    assert "60%" in str(refused.value)


def test_another_heading_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="2106 90 20"):
        fact_rates("IN", "pan_masala", RateFacts(heading="2106 90 99"), on=LAST_AD_VALOREM)
    stated = fact_rates("IN", "pan_masala", RateFacts(heading="2106 90 20"),
                        on=LAST_AD_VALOREM)  # fmt: skip
    assert stated == fact_rates("IN", "pan_masala", RateFacts(), on=LAST_AD_VALOREM)


@pytest.mark.parametrize("place", ["DE", "GB", "FR", "AU", "NZ", "US-CA", "US-OR", "US-NY"])
def test_outside_india_refused_never_the_standard_or_food_rate(place: str) -> None:
    with pytest.raises(MissingDataError, match="2106 90 20"):
        rates_for(place, "pan_masala", on=date(2025, 1, 1))


def _sale(seller: Seller, buyer: Buyer) -> Sale:
    return Sale(seller, buyer, "goods", Money("1000.00", "INR"), category="pan_masala")


def test_a_decision_in_india_lists_the_gst_and_the_cess() -> None:
    in_maharashtra = _sale(Seller("IN", {"IN-MH"}), Buyer("IN", subdivision="IN-MH"))
    found = decide(in_maharashtra, on=LAST_AD_VALOREM)
    assert [(r.tax, r.rate) for r in found.rates] == [
        ("CGST", Decimal(14)), ("SGST", Decimal(14)), ("compensation cess", Decimal(60)),
    ]  # fmt: skip
    with pytest.raises(MissingDataError, match="retail sale price"):
        decide(in_maharashtra, on=PER_UNIT)


def test_a_decision_abroad_is_refused() -> None:
    with pytest.raises(MissingDataError, match="2106 90 20"):
        decide(_sale(Seller("DE", {"DE"}), Buyer("DE")), on=date(2025, 1, 1))


def _quote(day: date, buyer: str) -> tuple[list[tuple[str, str]], Money]:
    context = CheckoutContext(
        Seller("IN", {"IN-MH"}), Buyer("IN", subdivision=buyer),
        at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        prices_include_tax=False, products={"PM": Product("PM", "pan_masala")},
    )  # fmt: skip
    done = quote(Cart([CartLine("PM", Money("250.00", "INR"), 4)]), context)
    return [(t.tax, str(t.amount.amount)) for t in done.tax_summary], done.tax


def test_a_quote_needs_no_rate_facts_and_equals_the_rates_by_hand() -> None:
    """Four at Rs 250 within Maharashtra on 2023-03-31: CGST 140 + SGST 140 + cess
    600; to Karnataka IGST 280 + cess 600: the invoice of fact_rates' rates."""
    for buyer, place in (("IN-MH", "IN-MH"), ("IN-KA", "IN")):
        rates = fact_rates(place, "pan_masala", RateFacts(), on=LAST_AD_VALOREM)
        by_hand = tax_invoice([TaxLine(Money("250.00", "INR"), 4, rates)],
                              prices_include_tax=False)  # fmt: skip
        summary, tax = _quote(LAST_AD_VALOREM, buyer)
        assert summary == [(r.tax, str(r.amount.amount)) for r in by_hand.by_rate]
        assert tax == by_hand.tax == Money("880.00", "INR")


def test_a_quote_from_2023_04_01_is_refused() -> None:
    with pytest.raises(MissingDataError, match="retail sale price"):
        _quote(PER_UNIT, "IN-MH")


def test_the_command_line_quotes_pan_masala_from_json(tmp_path: Path) -> None:
    request = {
        "cart": {"lines": [{"sku": "PM", "quantity": 4,
                            "unit_price": {"amount": "250.00", "currency": "INR"}}]},
        "seller": {"country": "IN", "registrations": ["IN-MH"]},
        "buyer": {"country": "IN", "subdivision": "IN-KA"},
        "at": "2023-03-31T12:00:00+05:30",
        "prices_include_tax": False,
        "products": {"PM": {"tax_category": "pan_masala"}},
    }  # fmt: skip
    path = tmp_path / "pan-masala.json"
    path.write_text(json.dumps(request), "utf-8")
    out = io.StringIO()
    assert main(["quote", str(path), "--format", "json"], out=out) == 0
    said = json.loads(out.getvalue())
    assert said["tax"] == {"amount": "880.00", "currency": "INR"}
    taxes = {(t["tax"], t["amount"]["amount"]) for t in said["tax_summary"]}
    assert taxes == {("IGST", "280.00"), ("compensation cess", "600.00")}


@given(paise=st.integers(min_value=1, max_value=10**11),
       day=st.dates(min_value=GST_BEGAN, max_value=LAST_AD_VALOREM))  # fmt: skip
def test_within_a_state_or_between_states_the_same_tax(paise: int, day: date) -> None:
    """Any value on any day of the rows: the cess is 60 % of the value (not of the
    value with the GST) on either supply, and CGST + SGST equal IGST within a paisa."""
    price = str(Decimal(paise) / 100)
    within = dict(_taxes("IN-MH", day, price))
    between = dict(_taxes("IN", day, price))
    value = Decimal(paise) / 100
    assert Decimal(within["compensation cess"]) == (value * Decimal("0.6")).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    assert within["compensation cess"] == between["compensation cess"]
    halves = Decimal(within["CGST"]) + Decimal(within["SGST"])
    assert abs(halves - Decimal(between["IGST"])) <= Decimal("0.01")
