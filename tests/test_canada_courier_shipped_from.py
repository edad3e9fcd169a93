"""Canada's CUSMA courier thresholds follow where the goods are shipped from (issue 18).

CBSA Customs Notice 20-18 (2 May 2020), para. 2: Canada keeps "a de minimis threshold
of at least CAD$150.00 for customs duties, and CAD$40.00 for taxes ... of goods shipped
by courier from the United States or Mexico"; "courier or postal shipments from any
other country, will continue to have a customs duty and tax remission threshold value of
up to CAD$20.00". The CBSA page "Increase to low-value shipment thresholds": by courier
"Imported from the US and Mexico: Up to $40: duty and tax free; Above $40 to $150: duty
free, but taxes still apply; Above $150: duties and taxes apply". The notice (as reprinted
in full by Willson International) adds that the goods "do not need to originate
according to the CUSMA Chapter 4, Rules of Origin, but rather be imported from the
United States or Mexico"; the Canadian Bar Association's note (2021, secondary): goods
"manufactured in the United States that are ... shipped from another country (other
than Mexico) will be subject to lower de minimis thresholds". The quote read those rows
by the goods' country of origin: a US shop's Chinese-made T-shirt paid duty, a German
shop's American-made one did not.
"""

from __future__ import annotations

import warnings
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, Quote, quote
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.service import create_app
from commercekit.shipping import (
    DutyRate,
    Item,
    Shipment,
    TariffTable,
    landed_cost,
)
from commercekit.tax import Buyer, Seller

AT = datetime(2026, 11, 26, 12, tzinfo=UTC)
TARIFF = TariffTable(
    [DutyRate("CA", "6109.10", "18", date(2020, 1, 1), None, "https://example.test/t")],
    name="a shop's own tariff (example rate)",
)
ONTARIO = Buyer("CA", subdivision="CA-ON")  # HST 13 %

with warnings.catch_warnings():  # starlette prefers httpx2 for its test client
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


def _quote(seller: str, origin: str, price: str) -> Quote:
    products = {"TEE": Product("TEE", "standard", hs_code="6109.10", origin=origin)}
    context = CheckoutContext(
        Seller(seller), ONTARIO, at=AT, prices_include_tax=False, products=products,
        tariffs=TARIFF, channel="courier",
    )  # fmt: skip
    return quote(Cart([CartLine("TEE", Money(price, "CAD"), 1)]), context)


def test_a_us_shops_chinese_made_tee_is_duty_free_under_cad_150() -> None:
    """CAD 100.00 by courier from the US: no duty (CAD 40.01 to 150), HST 13 % of
    100.00 = 13.00. The quote charged duty 18.00 and HST 15.34 (CAD 33.34)."""
    result = _quote("US", "CN", "100.00")
    landed = result.landed
    assert landed is not None
    assert any("150 CAD for goods shipped from US" in why for why in result.explanation)
    assert landed.duty == Money("0.00", "CAD")
    assert landed.import_tax == Money("13.00", "CAD")


def test_a_german_shops_american_made_tee_pays_over_cad_20() -> None:
    """CAD 100.00 by courier from Germany: over CAD 20, duty 18 % = 18.00 and HST 13 %
    of 118.00 = 15.34. The quote gave the CUSMA duty relief (CAD 13.00 in all)."""
    landed = _quote("DE", "US", "100.00").landed
    assert landed is not None
    assert landed.duty == Money("18.00", "CAD")
    assert landed.import_tax == Money("15.34", "CAD")


@pytest.mark.parametrize(
    ("price", "duty", "tax"),
    [
        ("40.00", "0.00", "0.00"),  # CAD 40 or less: duty and tax free
        ("40.01", "0.00", "5.20"),  # 13 % of 40.01 = 5.2013
        ("150.00", "0.00", "19.50"),
        ("150.01", "27.00", "23.01"),  # 18 % = 27.0018; 13 % of 177.01 = 23.0113
    ],
)
def test_both_sides_of_each_cusma_threshold(price: str, duty: str, tax: str) -> None:
    landed = _quote("US", "CN", price).landed
    assert landed is not None
    assert (landed.duty, landed.import_tax) == (Money(duty, "CAD"), Money(tax, "CAD"))


def test_landed_cost_asks_where_a_courier_parcel_to_canada_is_shipped_from() -> None:
    tee = Item("tee", Money("100.00", "CAD"), hs_code="6109.10", origin="US")
    unsaid = Shipment((tee,), destination="CA", subdivision="CA-ON", channel="courier")
    with pytest.raises(MissingDataError) as refused:
        landed_cost(unsaid, incoterm="DAP", on=AT.date(), tariffs=TARIFF)
    assert refused.value.field == "shipment.shipped_from"
    by_post = Shipment((tee,), destination="CA", subdivision="CA-ON", channel="post")
    assert landed_cost(by_post, incoterm="DAP", on=AT.date(), tariffs=TARIFF).duty == (
        Money("18.00", "CAD")
    )


@given(
    st.sampled_from(["US", "MX", "CN", "DE", "GB", "CA"]),
    st.sampled_from(["US", "MX", "CN", "DE", "GB"]),
    st.integers(min_value=1, max_value=30_000),
)
def test_the_relief_depends_on_where_it_is_shipped_from_not_its_origin(
    origin: str, shipped_from: str, cents: int
) -> None:
    """Whatever the goods' origin, a courier parcel to Canada is relieved as the
    place it is shipped from says: the same charges as for goods made there."""
    value = Money(Decimal(cents).scaleb(-2), "CAD")

    def charges(made_in: str) -> Money:
        item = Item("tee", value, hs_code="6109.10", origin=made_in)
        shipment = Shipment((item,), destination="CA", subdivision="CA-ON",
                            shipped_from=shipped_from, channel="courier")  # fmt: skip
        return landed_cost(shipment, incoterm="DAP", on=AT.date(), tariffs=TARIFF).charges

    assert charges(origin) == charges(shipped_from)


def test_the_service_says_what_to_write_in_the_shipment() -> None:
    """Over HTTP the refusal names the field and says what to write in JSON."""
    tee = {"description": "tee", "value": {"amount": "100.00", "currency": "CAD"},
           "hs_code": "6109.10", "origin": "CN"}  # fmt: skip
    asked = {"shipment": {"items": [tee], "destination": "CA", "subdivision": "CA-ON",
                          "channel": "courier"},
             "incoterm": "DAP", "on": "2026-11-26", "tariff": "example"}  # fmt: skip
    client = TestClient(create_app())
    answer = client.post("/landed-cost", json=asked)
    assert answer.status_code == 422
    problem = answer.json()
    assert problem["field"] == "shipment.shipped_from"
    assert 'write "shipped_from" in the shipment' in problem["detail"]
    asked["shipment"]["shipped_from"] = "US"  # type: ignore[index]
    landed = client.post("/landed-cost", json=asked).json()
    assert [duty["amount"] for duty in landed["duties"]] == [
        {"amount": "0.00", "currency": "CAD"}
    ]
