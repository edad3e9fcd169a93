"""India's GST on footwear before 2022-01-01: by the retail sale price marked on each
pair (Notification 1/2017-Central Tax (Rate) Schedule I S. No. 225; the limit Rs 500,
Rs 1000 from 2018-07-27 by 18/2018-Central Tax (Rate)), stated as
``RateFacts.marked_retail_price`` (sources: tax/_data/in_by_fact.csv).

CBIC's GST rates FAQ of 27 July 2017 (Q. 32, as reproduced by taxinindia.com) is the
worked example: the retail sale price includes the GST, footwear pays 5 % when it does
not exceed Rs 500 a pair and 18 % when it does, and the GST is paid on the transaction
value."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import InvalidInputError, MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import Buyer, RateFacts, Seller, fact_rates

GST_BEGAN = date(2017, 7, 1)
RS_1000_FROM = date(2018, 7, 27)  # 18/2018-Central Tax (Rate), 26 July 2018
BY_SALE_VALUE = date(2022, 1, 1)  # 21/2021-Central Tax (Rate): per_item.csv


def marked(price: str) -> RateFacts:
    return RateFacts(marked_retail_price=Money(price, "INR"))


def igst(price: str, day: date) -> Decimal:
    [rate] = fact_rates("IN", "footwear", marked(price), on=day)
    assert rate.tax == "IGST"
    return rate.rate


@pytest.mark.parametrize(
    ("price", "rate"), [("0.00", 5), ("500.00", 5), ("500.01", 18), ("1000.00", 18)]
)
@pytest.mark.parametrize("day", [GST_BEGAN, date(2018, 7, 26)])
def test_rs_500_marked_until_2018_07_26(price: str, rate: int, day: date) -> None:
    """FAQ Q. 32: 5 % if the marked price does not exceed Rs 500, 18 % if it does."""
    assert igst(price, day) == rate


@pytest.mark.parametrize(
    ("price", "rate"), [("500.01", 5), ("1000.00", 5), ("1000.01", 18)]
)
@pytest.mark.parametrize("day", [RS_1000_FROM, date(2021, 12, 31)])
def test_rs_1000_marked_from_2018_07_27(price: str, rate: int, day: date) -> None:
    assert igst(price, day) == rate


def test_within_a_state_the_halves() -> None:
    rates = fact_rates("IN-MH", "footwear", marked("799.00"), on=date(2020, 1, 15))
    assert [(r.tax, r.rate) for r in rates] == [
        ("CGST", Decimal("2.5")),
        ("SGST", Decimal("2.5")),
    ]
    assert "marked" in rates[0].note


def test_without_the_marked_price_it_is_refused_by_name() -> None:
    with pytest.raises(MissingDataError, match=r"RateFacts\.marked_retail_price"):
        fact_rates("IN", "footwear", RateFacts(), on=date(2020, 1, 15))


def test_from_2022_the_sale_value_decides_not_the_marked_price() -> None:
    with pytest.raises(InvalidInputError, match="per_item_rates"):
        fact_rates("IN", "footwear", marked("799.00"), on=BY_SALE_VALUE)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (Money("499.00", "USD"), "not in INR"),
        (Money("-1.00", "INR"), "negative"),
        ("499.00", "Money"),
    ],
)
def test_a_wrong_marked_price_is_refused(value: object, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        RateFacts(marked_retail_price=value)


def _quote(price: str, discount_day: date, facts: RateFacts | None) -> list[str]:
    context = CheckoutContext(
        Seller("IN", {"IN-MH"}), Buyer("IN", subdivision="IN-MH"),
        at=datetime(discount_day.year, discount_day.month, discount_day.day, 12,
                    tzinfo=UTC),
        prices_include_tax=False,
        products={"SHOE": Product("SHOE", "footwear", rate_facts=facts)},
    )  # fmt: skip
    [line] = quote(Cart([CartLine("SHOE", Money(price, "INR"), 2)]), context).lines
    return [f"{r.tax} {r.rate}" for r in line.rates] + [str(line.tax)]


def test_the_quote_rates_by_the_marked_price_and_taxes_the_price_paid() -> None:
    """A pair marked Rs 999 sold for Rs 900.00 (without the GST) in 2019: 5 % of the
    price paid, CGST 2.5 % + SGST 2.5 % of Rs 1800.00 = Rs 90.00; marked Rs 1099 and
    sold at the same price, 18 %: Rs 324.00."""
    day = date(2019, 3, 1)
    assert _quote("900.00", day, marked("999.00")) == ["CGST 2.5", "SGST 2.5", "90.00 INR"]
    assert _quote("900.00", day, marked("1099.00")) == ["CGST 9", "SGST 9", "324.00 INR"]


def test_the_quote_without_the_fact_names_the_products_field() -> None:
    with pytest.raises(MissingDataError, match=r"products\['SHOE'\].rate_facts"):
        _quote("900.00", date(2019, 3, 1), None)


@given(
    cents=st.integers(min_value=0, max_value=500_000),
    day=st.dates(min_value=GST_BEGAN, max_value=date(2021, 12, 31)),
)
def test_five_percent_exactly_up_to_the_limit_of_the_day(cents: int, day: date) -> None:
    """A pair pays 5 % exactly when its marked price does not exceed the day's limit
    (Rs 500, Rs 1000 from 2018-07-27), else 18 %; CGST + SGST add up to the IGST."""
    price = str(Decimal(cents) / 100)
    limit = Decimal(1000 if day >= RS_1000_FROM else 500)
    assert igst(price, day) == (5 if Decimal(price) <= limit else 18)
    halves = fact_rates("IN-KA", "footwear", marked(price), on=day)
    assert sum(r.rate for r in halves) == igst(price, day)
