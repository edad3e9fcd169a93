"""India's goods rated by their facts (a motor car, footwear by its marked price) and
services rated by theirs (a restaurant before 2017-11-15, a radio taxi) from one shop's
catalogue on one day, 2017-10-02: each quote equals ``fact_rates`` composed by hand.

HAND-BUILT from the rows: a petrol car of 1197 cc and 3995 mm, 28 % GST + 1 % cess
(1/2017-Compensation Cess (Rate) S. No. 50); a pair marked Rs 450, 5 % (1/2017-Central
Tax (Rate) Schedule I S. No. 225); a restaurant with neither air conditioning nor a
liquor licence, 12 % (11/2017-Central Tax (Rate) S. No. 7 (i) as first issued); a radio
taxi, 5 % (S. No. 8 (ii)(c)).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from commercekit.checkout import CheckoutContext, Product, Quote, quote
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import (
    Buyer,
    RateFacts,
    Seller,
    ServiceFacts,
    TaxLine,
    fact_rates,
    tax_invoice,
)

DAY = date(2017, 10, 2)
FACTS = {
    "CAR": ("motor_cars", RateFacts(propulsion="petrol", engine_cc=1197, length_mm=3995)),
    "SHOE": ("footwear", RateFacts(marked_retail_price=Money("450.00", "INR"))),
    "THALI": ("restaurant", RateFacts(specified_premises=False, air_conditioned=False,
                                      liquor_licence=False)),
    "RIDE": ("passenger_transport", RateFacts(conveyance="radio_taxi")),
}  # fmt: skip
LINES = {
    "CAR": CartLine("CAR", Money("500000.00", "INR"), 1),
    "SHOE": CartLine("SHOE", Money("400.00", "INR"), 2),
    "THALI": CartLine("THALI", Money("250.00", "INR"), 4),
    "RIDE": CartLine("RIDE", Money("250.00", "INR"), 2),
}


def _quote(skus: list[str], service: ServiceFacts | None = None) -> Quote:
    context = CheckoutContext(
        Seller("IN", {"IN-KA"}), Buyer("IN", subdivision="IN-KA"),
        at=datetime(DAY.year, DAY.month, DAY.day, 12, tzinfo=UTC),
        prices_include_tax=False,
        products={sku: Product(sku, c, rate_facts=f) for sku, (c, f) in FACTS.items()},
        service_facts=service,
    )  # fmt: skip
    return quote(Cart([LINES[sku] for sku in skus]), context)


def _by_hand(skus: list[str]) -> Money:
    lines = [
        TaxLine(LINES[sku].unit_price, LINES[sku].quantity,
                fact_rates("IN-KA", FACTS[sku][0], FACTS[sku][1], on=DAY))
        for sku in skus
    ]  # fmt: skip
    return tax_invoice(lines, prices_include_tax=False).tax


@pytest.mark.parametrize(
    ("skus", "service", "tax"),
    [
        (["CAR", "SHOE"], None, "145040.00"),  # 29 % of 5,00,000 + 5 % of 800
        (["THALI"], ServiceFacts("in_person", location="IN-KA"), "120.00"),  # 12 % of 1,000
        (["RIDE"], ServiceFacts("passenger_transport", location="IN-KA"), "25.00"),
    ],
)
def test_each_quote_equals_its_rates_composed_by_hand(
    skus: list[str], service: ServiceFacts | None, tax: str
) -> None:
    found = _quote(skus, service)
    assert found.tax == _by_hand(skus) == Money(tax, "INR")
    assert found.tax == sum((t.amount for t in found.tax_summary), Money("0", "INR"))


def test_a_cart_of_goods_and_a_cab_ride_asks_to_quote_the_ride_apart() -> None:
    with pytest.raises(MissingDataError, match=r"12\(9\).*apart"):
        _quote(
            ["CAR", "SHOE", "RIDE"], ServiceFacts("passenger_transport", location="IN-KA")
        )
