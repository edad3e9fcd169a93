"""JSON in and out: the converter's shapes, the quote request, the schemas."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit import inventory, loyalty, metrics
from commercekit.checkout import quote
from commercekit.errors import CommerceKitError, InputKind, InvalidJsonError
from commercekit.money import Money, RateTable, RoundingMode
from commercekit.pricing import (
    AmountOff,
    BundlePrice,
    BuyXGetY,
    Cart,
    CartLine,
    FixedPrice,
    FreeShipping,
    Offer,
    PercentOff,
    Promotion,
    PromotionClass,
    Tier,
    Tiered,
)
from commercekit.serde import (
    converter,
    example_request,
    example_requests,
    quote_request_from_json,
    quote_request_to_json,
    quote_schema,
    quote_to_json,
    request_schema,
    structure,
)
from commercekit.shipping import example_rate_cards, rate_card_to_dict
from commercekit.tax import Buyer, Regime, Seller, TaxCategory, validate_tax_id
from tests.strategies import any_amounts, money, varied_currencies

EXAMPLES = example_requests()


def _validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _round_trip(value: object) -> object:
    """Unstructure, through JSON text, and structure back as the same type."""
    text = json.dumps(converter.unstructure(value))
    return converter.structure(json.loads(text), type(value))


# --- the converter's shapes ----------------------------------------------------------


@given(money(varied_currencies(), any_amounts))
def test_money_round_trips_exactly(amount: Money) -> None:
    """structure(unstructure(m)) == m, with the very same digits, in every currency."""
    back = _round_trip(amount)
    assert isinstance(back, Money)
    assert back == amount
    assert back.amount.as_tuple() == amount.amount.as_tuple()
    assert back.currency.code == amount.currency.code


def test_money_shape_has_the_amount_as_a_string() -> None:
    assert converter.unstructure(Money("1234.50", "EUR")) == {
        "amount": "1234.50",
        "currency": "EUR",
    }
    assert converter.unstructure(Money("500", "JPY")) == {
        "amount": "500",
        "currency": "JPY",
    }


@given(
    st.datetimes(
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=-5, minutes=-30))])
    )
)
def test_aware_datetimes_round_trip(moment: datetime) -> None:
    """An offset-carrying datetime comes back as the same moment, offset kept."""
    back = _round_trip(moment)
    assert back == moment
    assert isinstance(back, datetime)
    assert back.utcoffset() == moment.utcoffset()


@given(st.dates())
def test_dates_round_trip(day: date) -> None:
    """A date is its ISO 8601 text."""
    assert _round_trip(day) == day
    assert converter.unstructure(day) == day.isoformat()


@pytest.mark.parametrize(
    "member", [*TaxCategory, *Regime, *RoundingMode, *PromotionClass], ids=str
)
def test_enums_are_their_values(member: object) -> None:
    assert converter.unstructure(member) == member.value  # type: ignore[attr-defined]
    assert _round_trip(member) is member


def test_value_objects_round_trip() -> None:
    eur = Money("20.00", "EUR")
    objects: list[object] = [
        CartLine("TEE", eur, 3, frozenset({"tees", "organic"})),
        Cart(
            [CartLine("TEE", eur, 1)],
            coupon_codes={"welcome"},
            customer_segments={"vip", "b2b"},
            customer_usage={"WELCOME": 1},
        ),
        Seller("NL", {"OSS", "GB"}, eu_sales_this_year=Money("42000.00", "EUR")),
        Buyer("FR", postcode="75002", tax_id=_tax_id("FR40303265045")),
        Buyer("AU", tax_id=_tax_id("51824753556", "AU")),
        RateTable(
            base="EUR",
            rates={"GBP": Decimal("0.84"), "USD": Decimal("1.05")},
            observed_at=datetime(2026, 11, 25, 16, tzinfo=UTC),
            provider="example",
        ),
        Decimal("0.000123"),
        frozenset({"b", "a"}),
    ]
    offers = [
        PercentOff("12.5"),
        AmountOff(Money("5.00", "EUR"), each=True),
        FixedPrice(Money("9.99", "EUR")),
        BuyXGetY(2, 1, percent=50, max_applications=3),
        Tiered([Tier(3, percent=5), Tier(6, amount=Money("10.00", "EUR"))]),
        Tiered([Tier(Money("100.00", "EUR"), percent=10)]),
        BundlePrice(3, Money("50.00", "EUR"), max_bundles=2),
        FreeShipping(),
    ]
    objects += [
        Promotion(
            f"P{index}",
            offer,
            code="SAVE",
            starts=datetime(2026, 11, 27, tzinfo=timezone(timedelta(hours=1))),
            ends=datetime(2026, 12, 1, tzinfo=UTC),
            skus={"TEE"},
            minimum_subtotal=Money("10.00", "EUR"),
            combines_with={PromotionClass.ORDER},
        )
        for index, offer in enumerate(offers)
    ]
    for value in objects:
        assert _round_trip(value) == value, value


def _tax_id(text: str, country: str | None = None) -> Any:
    return validate_tax_id(text, country)


def test_sets_are_sorted_lists() -> None:
    line = CartLine("TEE", Money("1.00", "EUR"), 1, frozenset({"z", "a", "m"}))
    assert converter.unstructure(line)["collections"] == ["a", "m", "z"]


def test_offers_carry_their_type() -> None:
    assert converter.unstructure(PercentOff(10)) == {"type": "percent_off", "percent": "10"}
    assert structure({"type": "free_shipping"}, Offer) == FreeShipping()


# --- structure errors name the field -------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind", "field", "words"),
    [
        ({"amount": 12.34, "currency": "EUR"}, Money, "amount", "floats are not money"),
        ({"amount": 12, "currency": "EUR"}, Money, "amount", "as strings"),
        ({"amount": "12.34", "currency": "XYZ"}, Money, "currency", "ISO 4217"),
        ({"amount": "12,34", "currency": "EUR"}, Money, "amount", "not a decimal"),
        ({"amount": "12.34"}, Money, "currency", "missing"),
        ("12.34 EUR", Money, "", "expected money"),
        ("0.84", Decimal, "", ""),
        (0.84, Decimal, "", "as strings"),
        ("2026-11-26T12:00:00", datetime, "", "no UTC offset"),
        ("26/11/2026", date, "", "ISO 8601"),
        ("luxury", TaxCategory, "", "'standard'"),
        ({"country": "XX"}, Seller, "country", "ISO 3166-1"),
        ({"country": "FR", "tax_id": "FR40303265046"}, Buyer, "tax_id", "not a valid"),
        ({"country": "FR", "tax_id": 40303265045}, Buyer, "tax_id", "expected a string"),
        (
            {"sku": "TEE", "unit_price": {"amount": "1.00", "currency": "EUR"}},
            CartLine,
            "quantity",
            "missing",
        ),
        (
            {
                "sku": "TEE",
                "quantity": "2",
                "unit_price": {"amount": "1", "currency": "EUR"},
            },
            CartLine,
            "quantity",
            "whole number",
        ),
        (
            {
                "sku": "TEE",
                "quantity": 1,
                "unit_price": {"amount": "1", "currency": "EUR"},
                "colour": "red",
            },
            CartLine,
            "colour",
            "not a known field",
        ),
        (
            {"id": "P", "offer": {"type": "half_off"}},
            Promotion,
            "offer.type",
            "percent_off",
        ),
        (
            {"id": "P", "offer": {"type": "percent_off", "percent": 10}},
            Promotion,
            "offer.percent",
            "as strings",
        ),
    ],
)
def test_structure_errors_name_the_field(
    data: object, kind: type, field: str, words: str
) -> None:
    if kind is Decimal and data == "0.84":
        assert structure(data, kind) == Decimal("0.84")
        return
    with pytest.raises(InvalidJsonError) as caught:
        structure(data, kind)
    assert isinstance(caught.value, CommerceKitError)
    assert caught.value.field == field
    assert words in caught.value.reason
    assert "\n" not in str(caught.value)


def test_request_errors_carry_the_full_path() -> None:
    data = example_request("nl-to-de-consumer")
    data["cart"]["lines"][1]["unit_price"]["amount"] = 39.5
    with pytest.raises(InvalidJsonError, match="floats are not money") as caught:
        quote_request_from_json(data)
    assert caught.value.field == "cart.lines[1].unit_price.amount"

    data = example_request("nl-to-de-consumer")
    data["products"]["TEE-ORGANIC"]["origin"] = "ZZ"
    with pytest.raises(InvalidJsonError) as caught:
        quote_request_from_json(data)
    assert caught.value.field == "products['TEE-ORGANIC'].origin"

    data = example_request("nl-to-de-consumer")
    del data["at"]
    with pytest.raises(InvalidJsonError, match=r"^at: is missing$"):
        quote_request_from_json(data)

    data = example_request("nl-to-de-consumer")
    data["shipping"]["rate_cards"] = "dhl"
    with pytest.raises(InvalidJsonError, match=r"^shipping\.rate_cards: 'dhl'"):
        quote_request_from_json(data)

    data = example_request("nl-to-de-consumer")
    data["promotions"][2]["starts"] = "2026-11-27T00:00:00"
    with pytest.raises(
        InvalidJsonError, match=r"^promotions\[2\]\.starts: .* no UTC offset"
    ):
        quote_request_from_json(data)


# --- requests and quotes -------------------------------------------------------------


def test_schemas_are_draft_2020_12() -> None:
    for schema in (request_schema(), quote_schema()):
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_requests_and_their_quotes_match_the_schemas(name: str) -> None:
    data = example_request(name)
    _validator(request_schema()).validate(data)
    cart, context = quote_request_from_json(data)
    written = quote_to_json(quote(cart, context))
    _validator(quote_schema()).validate(json.loads(json.dumps(written)))


@pytest.mark.parametrize("name", EXAMPLES)
def test_requests_round_trip(name: str) -> None:
    """Reading a request, writing it and reading it back gives the same cart and context."""
    cart, context = quote_request_from_json(example_request(name))
    written = quote_request_to_json(cart, context)
    _validator(request_schema()).validate(written)
    assert quote_request_from_json(json.loads(json.dumps(written))) == (cart, context)


def test_a_request_carries_the_shops_own_rate_cards_and_tariff() -> None:
    """A plugin in another language sends real data: its cards (any currency) and a
    tariff of dated, sourced rows; the quote uses them, and the request round-trips."""
    card = rate_card_to_dict(example_rate_cards()[0])
    card.update(
        carrier="ShopPost",
        service="Economy",
        origin="US",
        currency="USD",
        zones=[{"name": "GB", "countries": ["GB"], "transit_days": [4, 7]}],
        brackets={"GB": [["2", "14.00"], ["10", "29.00"]]},
        per_extra_kg={},
    )
    request = {
        "cart": {"lines": [{"sku": "COAT", "quantity": 2,
                            "unit_price": {"amount": "120.00", "currency": "USD"}}]},
        "seller": {"country": "US"},
        "buyer": {"country": "GB"},
        "at": "2026-11-26T12:00:00+00:00",
        "prices_include_tax": False,
        "products": {"COAT": {"tax_category": "standard", "hs_code": "6201.40",
                              "origin": "CN", "weight_kg": "1.2"}},
        "shipping": {"rate_cards": [card]},
        "tariff": {"name": "UK Global Tariff (extract)", "rows": [
            {"destination": "GB", "heading": "6201.40", "rate": "12", "since": "2021-01-01",
             "until": None, "source": "https://www.trade-tariff.service.gov.uk/"}]},
        "exchange_rates": {"base": "EUR", "rates": {"USD": "1.05", "GBP": "0.84"},
                           "observed_at": "2026-11-25T16:00:00+01:00", "provider": "x"},
    }  # fmt: skip
    _validator(request_schema()).validate(request)
    cart, context = quote_request_from_json(request)
    result = quote(cart, context)
    assert result.shipping is not None
    assert result.shipping.service == "ShopPost Economy"
    assert result.landed is not None
    assert result.landed.duties[0].source == "https://www.trade-tariff.service.gov.uk/"
    assert result.landed.duties[0].rate == Decimal(12)
    written = quote_request_to_json(cart, context)
    _validator(request_schema()).validate(written)
    assert quote_request_from_json(json.loads(json.dumps(written))) == (cart, context)
    broken = copy.deepcopy(request)
    del broken["tariff"]["rows"][0]["source"]
    with pytest.raises(InvalidJsonError, match=r"tariff\.rows\[0\]\.source"):
        quote_request_from_json(broken)


def test_the_schema_refuses_what_the_reader_refuses() -> None:
    data = example_request("nl-to-gb-consumer")
    floats = copy.deepcopy(data)
    floats["cart"]["lines"][0]["unit_price"]["amount"] = 24.95
    naive = copy.deepcopy(data)
    naive["at"] = "2026-11-26T12:00:00"
    typo = copy.deepcopy(data)
    typo["prices_include_vat"] = True
    for bad in (floats, naive, typo):
        assert not _validator(request_schema()).is_valid(bad)
        with pytest.raises(InvalidJsonError):
            quote_request_from_json(bad)


def test_the_four_examples_decide_as_the_rules_say() -> None:
    def quoted(name: str) -> dict[str, Any]:
        return quote_to_json(quote(*quote_request_from_json(example_request(name))))

    de = quoted("nl-to-de-consumer")
    assert (de["decision"]["regime"], de["decision"]["taxed_in"]) == ("oss_union", "DE")
    assert {row["rate"] for row in de["tax_summary"]} == {"7", "19"}
    assert [p["id"] for p in de["promotions"]["applied"]] == ["WELCOME10"]
    assert {p["id"]: p["reason"] for p in de["promotions"]["rejected"]} == {
        "TEES-3-FOR-2": "not-started",
        "FREESHIP100": "below-minimum",
    }

    fr = quoted("nl-to-fr-business")
    assert fr["decision"]["regime"] == "intra_community_supply"
    assert fr["decision"]["collected_by"] == "buyer"
    assert fr["tax"] == {"amount": "0.00", "currency": "EUR"}

    gb = quoted("nl-to-gb-consumer")
    assert (gb["decision"]["regime"], gb["decision"]["taxed_in"]) == (
        "low_value_at_sale",
        "GB",
    )
    assert gb["border_charges"]["collected_at_checkout"]["amount"] == "0.00"

    us = quoted("nl-to-us-ddp")
    assert us["decision"]["regime"] == "export"
    tee = next(d for d in us["landed_cost"]["duties"] if d["sku"] == "TEE-ORGANIC")
    assert (tee["hs_code"], tee["rate"]) == ("6109.10", "16.5")
    assert us["border_charges"] == {
        "collected_at_checkout": {"amount": "12.35", "currency": "EUR"},
        "due_at_delivery": {"amount": "0.00", "currency": "EUR"},
    }
    assert us["grand_total"] == {"amount": "148.35", "currency": "EUR"}


def test_dap_moves_the_border_charges_to_the_door() -> None:
    data = example_request("nl-to-us-ddp")
    data["incoterm"] = "DDU"
    written = quote_to_json(quote(*quote_request_from_json(data)))
    assert written["incoterm"] == "DAP"
    assert written["due_at_delivery"] == {"amount": "12.35", "currency": "EUR"}
    assert written["grand_total"] == {"amount": "136.00", "currency": "EUR"}


def test_inventory_loyalty_and_metrics_values_round_trip_through_json() -> None:
    """Every kind of result a plugin stores or sends crosses JSON and comes back equal."""
    eur = Money("1", "EUR")
    cover = inventory.lead_time_demand(
        inventory.DemandProfile(100, 20), inventory.LeadTime(4, 1)
    )
    ledger = loyalty.PointsLedger(loyalty.ExpiryRule(loyalty.ExpiryPolicy.FIXED_TERM, 12))
    ledger, entries = ledger.earn("order-1", 120, on=date(2026, 1, 5))
    values: list[object] = [
        cover,
        inventory.safety_stock_for_fill_rate(cover, "0.95", 400),
        inventory.economic_order_quantity(1000, eur * 10, eur * 2),
        inventory.route_order(
            {"TEE": 1}, [inventory.Location("NL-AMS", "NL")], {"NL-AMS": {"TEE": 3}}, "DE"
        ),
        inventory.available_to_promise({"NL-AMS": {"TEE": 3}}),
        inventory.ReorderPointPolicy(10, 5),
        inventory.simulate(
            inventory.ReorderPointPolicy(300, 400),
            inventory.DemandProfile(100, 20),
            inventory.LeadTime(2),
            30,
            seed=1,
        ),
        ledger,
        entries[0],
        loyalty.EarnRule("EUR", 1),
        loyalty.points_liability(1000, Money("0.01", "EUR"), "0.9"),
        metrics.cohorts([metrics.Purchase("ann", date(2026, 1, 5), eur)])[0],
    ]
    for value in values:
        data = json.loads(json.dumps(converter.unstructure(value)))
        assert converter.structure(data, type(value)) == value


def _request_with(path: tuple[str | int, ...], value: object) -> dict[str, Any]:
    data = example_request("nl-to-de-consumer")
    parent: Any = data
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return data


_AMOUNT = ("cart", "lines", 0, "unit_price", "amount")
_WEIGHT = ("products", "TEE-ORGANIC", "weight_kg")


@pytest.mark.parametrize(
    "text", ["1e1", "24.95E0", "+24.95", " 24.95", "24.95 ", "2_4.95", "٢٤.٩٥", "24.", ".5"]
)
@pytest.mark.parametrize("path", [_AMOUNT, _WEIGHT], ids=["amount", "decimal"])
def test_the_reader_takes_decimals_exactly_as_the_schema_writes_them(
    text: str, path: tuple[str | int, ...]
) -> None:
    data = _request_with(path, text)
    schema_accepts = jsonschema.Draft202012Validator(request_schema()).is_valid(data)
    assert not schema_accepts
    with pytest.raises(InvalidJsonError, match="is not a decimal number"):
        quote_request_from_json(data)


@pytest.mark.parametrize(
    "text",
    [
        "20261126T120000+0100",
        "2026-11-26 12:00:00+01:00",
        "2026-W48-4T12:00:00Z",
        "2026-11-26T12Z",
        "2026-11-26T12:00:00+0100",
        "2026-11-26T12:00:00,5+01:00",
    ],
)
def test_the_reader_takes_datetimes_exactly_as_the_schema_writes_them(text: str) -> None:
    with pytest.raises(InvalidJsonError, match="is not an ISO 8601 datetime"):
        quote_request_from_json(_request_with(("at",), text))


def test_a_list_that_names_an_item_twice_is_refused_as_the_schema_does() -> None:
    data = _request_with(("cart", "lines", 0, "collections"), ["tees", "tees"])
    with pytest.raises(InvalidJsonError, match="lists an item twice"):
        quote_request_from_json(data)


def test_a_lone_surrogate_is_not_text() -> None:
    data = json.loads(
        json.dumps(example_request("nl-to-de-consumer")).replace(
            '"TEE-ORGANIC"', '"TEE-\\ud800"'
        )
    )
    with pytest.raises(InvalidJsonError, match="lone surrogate"):
        quote_request_from_json(data)


def test_goods_may_leave_from_northern_ireland() -> None:
    """From XI, the warehouse is in Northern Ireland: GB, subdivision NIR (the example's
    Dutch warehouse is refused, naming both places)."""
    data = _request_with(("ship_from",), "XI")
    with pytest.raises(InvalidJsonError, match="'NL' is where the warehouse is") as wrong:
        quote_request_from_json(data)
    assert wrong.value.field == "warehouse"
    assert "ship from XI" in wrong.value.reason
    data["warehouse"] = {"country": "GB", "timezone": "Europe/London", "cutoff": "15:00",
                         "handling_days": 1, "subdivision": "NIR"}  # fmt: skip
    _, context = quote_request_from_json(data)
    assert context.ship_from == "XI"


@pytest.mark.parametrize(
    ("path", "value", "kind", "choices"),
    [
        (("incoterm",), "FOB", InputKind.CHOICE, ("DDP", "DAP", "DDU")),
        (("at",), "2026-13-01", InputKind.DATE, ()),
        (("cart", "lines", 0, "unit_price", "amount"), "1.5.5", InputKind.AMOUNT, ()),
        (("cart", "lines", 0, "quantity"), "2", InputKind.COUNT, ()),
        (("cart", "lines", 0, "quantity"), 0, InputKind.COUNT, ()),
        (("buyer", "country"), "ZZ", InputKind.PLACE, ()),
        (("prices_include_tax",), "yes", InputKind.FLAG, ()),
    ],
)
def test_a_json_refusal_says_what_kind_of_value_was_wrong(
    path: tuple[str | int, ...], value: object, kind: InputKind, choices: tuple[str, ...]
) -> None:
    """The JSON boundary keeps the kind a rule refused a value as, and its choices."""
    data = copy.deepcopy(example_request(example_requests()[0]))
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    with pytest.raises(InvalidJsonError) as refused:
        quote_request_from_json(data)
    assert refused.value.kind is kind
    assert refused.value.choices == choices
    assert refused.value.field.startswith(str(path[0]))


def test_a_malformed_document_has_no_value_kind() -> None:
    data = copy.deepcopy(example_request(example_requests()[0]))
    del data["buyer"]
    with pytest.raises(InvalidJsonError, match="buyer: is missing") as refused:
        quote_request_from_json(data)
    assert refused.value.kind is None
