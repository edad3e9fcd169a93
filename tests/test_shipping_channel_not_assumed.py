"""A parcel's channel (post or courier) is never assumed (issue 18).

CBSA Customs Notice 20-18 (2 May 2020), para. 2: Canada keeps "a de minimis threshold
of at least CAD$150.00 for customs duties, and CAD$40.00 for taxes ... of goods shipped
by courier from the United States or Mexico"; "postal shipments from the U.S. or Mexico,
as well as any courier or postal shipments from any other country, will continue to have
a customs duty and tax remission threshold value of up to CAD$20.00". The CBSA page
"Increase to low-value shipment thresholds" says the same: by mail, "$20 and under: duty
and tax free when imported from any country".

Worked by hand: a US shop sends a CAD 30.00 T-shirt (tariff rate 18 %, an example rate)
to Ontario (HST 13 %). By post: over CAD 20, so duty 18 % of 30.00 = 5.40 and HST 13 % of
35.40 = 4.602, 4.60: CAD 10.00 at the border. By courier: CAD 40 or less from the US,
duty and tax free. Not said: refused by name. The shipment defaulted to courier and the
quote printed CAD 0.00 for the parcel a US shop sends by post.

Singapore (IRAS, "GST on imported low-value goods"): the S$400 relief is for goods
imported by air or by post, so a parcel by air is relieved whatever its channel, and one
by sea only by post (no duty relief: the example tariff's duty is due either way).
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
    de_minimis,
    landed_cost,
)
from commercekit.shipping._de_minimis import _read_de_minimis
from commercekit.tax import Buyer, Seller

with warnings.catch_warnings():  # starlette prefers httpx2 for its test client
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

AT = datetime(2026, 11, 26, 12, tzinfo=UTC)
DAY = AT.date()
CURRENCY = {"CA": "CAD", "SG": "SGD", "GB": "GBP", "AU": "AUD", "NZ": "NZD", "JP": "JPY"}
TARIFF = TariffTable(
    [
        DutyRate(country, "6109.10", "18", date(2000, 1, 1), None, "https://example.test/t")
        for country in CURRENCY
    ],
    name="a shop's own tariff (example rate)",
)


def _quote(price: str, **how: str) -> Quote:
    products = {"TEE": Product("TEE", "standard", hs_code="6109.10", origin="CN")}
    context = CheckoutContext(
        Seller("US"), Buyer("CA", subdivision="CA-ON"), at=AT, prices_include_tax=False,
        products=products, tariffs=TARIFF, **how,
    )  # fmt: skip
    return quote(Cart([CartLine("TEE", Money(price, "CAD"), 1)]), context)


def test_a_us_shops_cad_30_parcel_without_a_channel_is_refused_by_name() -> None:
    with pytest.raises(MissingDataError, match="post or by courier") as refused:
        _quote("30.00")
    assert refused.value.field == "channel"
    assert "Postal Imports Remission Order" in str(refused.value)
    assert "CUSMA" in str(refused.value)


def test_by_post_it_pays_duty_and_hst_by_courier_nothing() -> None:
    """By post: duty 5.40 and HST 4.60 (worked above); by courier: nothing."""
    by_post = _quote("30.00", channel="post").landed
    assert by_post is not None
    assert by_post.duty == Money("5.40", "CAD")
    assert by_post.import_tax == Money("4.60", "CAD")
    by_courier = _quote("30.00", channel="courier").landed
    assert by_courier is not None
    assert by_courier.charges == Money("0.00", "CAD")


def _shipment(destination: str, value: str, **how: str) -> Shipment:
    item = Item("tee", Money(value, CURRENCY[destination]), hs_code="6109.10", origin="CN")
    where = {"subdivision": "CA-ON"} if destination == "CA" else {}
    return Shipment((item,), destination=destination, **where, **how)


def test_a_shipment_has_no_channel_unless_given() -> None:
    assert _shipment("CA", "30.00", shipped_from="US").channel is None


def test_landed_cost_names_the_shipments_channel() -> None:
    with pytest.raises(MissingDataError) as refused:
        landed_cost(_shipment("CA", "30.00", shipped_from="US"), incoterm="DAP", on=DAY,
                    tariffs=TARIFF)  # fmt: skip
    assert refused.value.field == "shipment.channel"
    assert "Shipment(channel=" in str(refused.value)


def test_what_does_not_depend_on_the_channel_needs_none() -> None:
    """From China, CAD 20 by post or courier alike: no channel asked, figures kept."""
    for value, charges in (("20.00", "0.00"), ("30.00", "10.00")):
        landed = landed_cost(_shipment("CA", value, shipped_from="CN"), incoterm="DAP",
                             on=DAY, tariffs=TARIFF)  # fmt: skip
        assert landed.charges == Money(charges, "CAD")


def test_singapore_by_air_needs_no_channel_by_sea_it_does() -> None:
    by_air = landed_cost(_shipment("SG", "50.00", transport_mode="air"), incoterm="DAP",
                         on=DAY, tariffs=TARIFF)  # fmt: skip
    assert by_air.import_tax == Money("0.00", "SGD")  # GST relieved; duty is not
    with pytest.raises(MissingDataError) as refused:
        landed_cost(_shipment("SG", "50.00", transport_mode="sea"), incoterm="DAP",
                    on=DAY, tariffs=TARIFF)  # fmt: skip
    assert refused.value.field == "shipment.channel"


def test_the_service_says_what_to_write_in_the_shipment() -> None:
    tee = {"description": "tee", "value": {"amount": "30.00", "currency": "CAD"},
           "hs_code": "6109.10", "origin": "CN"}  # fmt: skip
    shipment = {"items": [tee], "destination": "CA", "subdivision": "CA-ON",
                "shipped_from": "US"}  # fmt: skip
    asked = {"shipment": shipment, "incoterm": "DAP", "on": "2026-11-26",
             "tariff": "example"}  # fmt: skip
    answer = TestClient(create_app()).post("/landed-cost", json=asked)
    assert answer.status_code == 422
    assert answer.json()["field"] == "shipment.channel"
    assert 'write the shipment\'s "channel"' in answer.json()["detail"]


def test_a_json_quote_names_its_own_channel() -> None:
    """POST /quote: the refusal names the request's "channel"; given, CAD 10.00."""
    line = {"sku": "TEE", "unit_price": {"amount": "30.00", "currency": "CAD"},
            "quantity": 1}  # fmt: skip
    asked: dict[str, object] = {
        "cart": {"lines": [line]}, "seller": {"country": "US"},
        "buyer": {"country": "CA", "subdivision": "CA-ON"},
        "at": "2026-11-26T12:00:00+00:00", "prices_include_tax": False,
        "products": {"TEE": {"tax_category": "standard", "hs_code": "6109.10",
                             "origin": "CN"}},
        "tariff": "example",
    }  # fmt: skip
    client = TestClient(create_app())
    answer = client.post("/quote", json=asked)
    assert answer.status_code == 422
    assert answer.json()["field"] == "channel"
    assert 'write "channel" in the request' in answer.json()["detail"]
    answered = client.post("/quote", json=asked | {"channel": "post"}).json()
    assert answered["landed_cost"]["charges"] == {"amount": "10.00", "currency": "CAD"}


ROWS = _read_de_minimis()
DESTINATIONS = sorted({row.destination for row in ROWS})
COUNTRIES = sorted({"US", "MX", "CN", "HK", "DE", "GB", "NO", "JP"})


@given(
    st.sampled_from(DESTINATIONS),
    st.sampled_from(["duty", "tax"]),
    st.sampled_from(COUNTRIES),
    st.sampled_from([None, *COUNTRIES]),
    st.sampled_from([None, "air", "sea", "land"]),
    st.sampled_from([None, "VOEC", "IOSS"]),
    st.sampled_from(sorted({row.since for row in ROWS} | {date(2026, 11, 26)})),
)
def test_no_relief_depends_on_a_channel_it_was_not_given(
    area: str,
    kind: str,
    origin: str,
    shipped_from: str | None,
    mode: str | None,
    scheme: str | None,
    on: date,
) -> None:
    """Without a channel, the relief is the one post and courier both give, or the
    channel is asked for by name."""
    asked = {"origin": origin, "on": on, "scheme": scheme, "shipped_from": shipped_from,
             "transport_mode": mode}  # fmt: skip

    def relief(channel: str | None) -> object:
        try:
            row = de_minimis(area, kind, channel=channel, **asked)  # type: ignore[arg-type]
        except MissingDataError as error:
            return error.field
        return None if row is None else (row.threshold, row.measure)

    unsaid = relief(None)
    if unsaid != "shipment.channel":
        assert unsaid == relief("post") == relief("courier")


@given(
    st.sampled_from(["CA", "SG", "GB", "AU", "NZ"]),
    st.sampled_from(["US", "MX", "CN", "DE"]),
    st.sampled_from([None, "air", "sea"]),
    st.integers(min_value=1, max_value=200_000),
)
def test_no_landed_cost_depends_on_a_channel_it_was_not_given(
    destination: str, shipped_from: str, mode: str | None, cents: int
) -> None:
    """Landed cost without a channel is the same by post and by courier, or asks."""
    value = str(Decimal(cents).scaleb(-2))
    how = {"shipped_from": shipped_from} | ({"transport_mode": mode} if mode else {})

    def charges(**channel: str) -> Money | str | None:
        try:
            shipment = _shipment(destination, value, **how, **channel)
            return landed_cost(shipment, incoterm="DAP", on=DAY, tariffs=TARIFF).charges
        except MissingDataError as error:
            return error.field

    unsaid = charges()
    if unsaid != "shipment.channel":
        assert unsaid == charges(channel="post") == charges(channel="courier")
