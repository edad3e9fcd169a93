"""The delivery promise in the checkout quote.

With a warehouse in the context, the quote's shipping charge carries the window
``delivery_window`` gives for an order placed at the quote's moment, with the chosen
service's transit days and the holidays of the warehouse and of the address (its
region's where the context knows it); without one there are no dates and the quote
says so. Here: the window against ``delivery_window`` composed by hand on random order
times, cut-offs, handling and transit days, warehouses and addresses; worked examples
over Christmas and regional holidays; the warehouse checked against where the goods
ship from; and the same through JSON, the schemas, the table and the HTTP service.

The holidays in the worked examples, from their laws:

* Netherlands: both Christmas days are "algemeen erkende feestdagen", Algemene
  termijnenwet art. 3(1), https://wetten.overheid.nl/BWBR0002448.
* Germany: each Land sets its own; the Christmas days are holidays in all 16.
  Bavaria adds Epiphany (6 January), Bayerisches Feiertagsgesetz Art. 1(1),
  https://www.gesetze-bayern.de/Content/Document/BayFTG-1 (and Augsburg's Peace
  Festival, Art. 1(2)); Berlin does not keep Epiphany, Feiertagsgesetz Berlin s. 1,
  https://gesetze.berlin.de/bsbe/document/jlr-FeiertGBEV9P1.
* Northern Ireland keeps St Patrick's Day (17 March) as a bank holiday, Banking and
  Financial Dealings Act 1971 Schedule 1 para. 3,
  https://www.legislation.gov.uk/ukpga/1971/80/schedule/1.
"""

from __future__ import annotations

import copy
import io
import json
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import jsonschema
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.cli import main
from commercekit.errors import (
    InputKind,
    InvalidAmountError,
    InvalidJsonError,
)
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.serde import (
    example_request,
    quote_request_from_json,
    quote_request_to_json,
    quote_schema,
    quote_to_json,
    request_schema,
    structure,
)
from commercekit.shipping import (
    DeliveryWindow,
    Warehouse,
    delivery_window,
    example_rate_cards,
    rate_card_from_dict,
)
from commercekit.tax import Buyer, Seller
from tests.quote_data import RATES
from tests.test_json_boundary import PYTHON_WORDS

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SHOP = Seller("NL", {"OSS"}, eu_sales_this_year=Money("42000", "EUR"))
PRODUCTS = {
    "TEE": Product(
        "TEE", "standard", hs_code="6109.10", origin="PT", weight_kg=Decimal("0.25")
    )
}
CART = Cart([CartLine("TEE", Money("24.95", "EUR"), 2)])
DUTCH_WAREHOUSE = Warehouse("NL", AMSTERDAM, cutoff=time(15, 0), handling_days=0)


def _context(buyer: Buyer, at: datetime, **changes: Any) -> CheckoutContext:
    """The Dutch shop's checkout on the example cards' Standard service."""
    fields: dict[str, Any] = {
        "products": PRODUCTS,
        "rate_cards": example_rate_cards(),
        "service": "Standard",
        "exchange_rates": RATES,
        "partial": True,
        "warehouse": DUTCH_WAREHOUSE,
    }
    return CheckoutContext(SHOP, buyer, at=at, prices_include_tax=True, **fields | changes)


# --- worked examples ------------------------------------------------------------------


def test_a_christmas_order_after_the_cut_off_arrives_after_the_holidays() -> None:
    """Ordered Wednesday 23 December 2026, 16:30 in Amsterdam, after the 15:00 cut-off:
    handled Thursday the 24th (a working day in NL) and handed over that day; Friday
    the 25th is Christmas Day in NL and DE, the 26th (Second Christmas Day) a Saturday,
    then Sunday; the Standard service's 2-3 business days to Germany are Monday 28,
    Tuesday 29 and Wednesday 30 December."""
    ordered = datetime(2026, 12, 23, 16, 30, tzinfo=AMSTERDAM)
    result = quote(CART, _context(Buyer("DE", postcode="10115"), ordered))
    assert result.shipping is not None
    assert result.shipping.transit_days == (2, 3)
    window = result.shipping.delivery
    assert window is not None
    assert (str(window.dispatch), str(window.earliest), str(window.latest)) == (
        "2026-12-24",
        "2026-12-29",
        "2026-12-30",
    )
    delivery = [line for line in result.explanation if line.startswith("delivery")]
    assert delivery == [
        (
            "delivery: 2026-12-29 to 2026-12-30, handed to the carrier 2026-12-24 (NL "
            "warehouse, cut-off 15:00 Europe/Amsterdam, 0 handling and 2-3 transit "
            "business days by ExampleParcel Standard)"
        ),
        (
            "delivery: ordered 2026-12-23 16:30 CET, after the 15:00 cut-off: handled "
            "next business day"
        ),
        "delivery: 2026-12-25 skipped: Christmas Day (NL)",
    ]
    # The money is what it was without a warehouse: dates change no figure.
    undated = quote(CART, _context(Buyer("DE", postcode="10115"), ordered, warehouse=None))
    assert undated.grand_total == result.grand_total
    assert undated.lines == result.lines


def test_the_buyers_land_counts_its_own_holidays() -> None:
    """Ordered Tuesday 5 January 2027 at 10:00: Epiphany (Wednesday the 6th) is a
    holiday in Bavaria, not in Berlin. To Munich the 2-3 days are 7, 8 and (after the
    weekend) 11 January; to Berlin 6, 7 and 8; to Germany with no Land the count is
    Berlin's, and the reasons say that Epiphany was counted."""
    ordered = datetime(2027, 1, 5, 10, 0, tzinfo=AMSTERDAM)

    def window(buyer: Buyer) -> DeliveryWindow:
        charge = quote(CART, _context(buyer, ordered)).shipping
        assert charge is not None
        assert charge.delivery is not None
        return charge.delivery

    munich = window(Buyer("DE", subdivision="DE-BY"))
    berlin = window(Buyer("DE", subdivision="DE-BE"))
    somewhere = window(Buyer("DE"))
    assert (str(munich.earliest), str(munich.latest)) == ("2027-01-08", "2027-01-11")
    assert munich.reasons == ("2027-01-06 skipped: Epiphany (DE-BY)",)
    assert (str(berlin.earliest), str(berlin.latest)) == ("2027-01-07", "2027-01-08")
    assert berlin.reasons == ()
    assert (somewhere.earliest, somewhere.latest) == (berlin.earliest, berlin.latest)
    assert somewhere.reasons == (
        (
            "2027-01-06 counted as a business day in DE, a public holiday in some regions "
            "only (Epiphany: Augsburg, BW, BY, ST); name the destination's region to count "
            "it"
        ),
    )


def test_a_postcode_in_northern_ireland_counts_its_holidays() -> None:
    """Ordered Monday 15 March 2027 at 10:00 to Belfast (postcode BT, Northern
    Ireland): St Patrick's Day, Wednesday the 17th, is skipped; the 3-5 days are 16,
    18, 19, 22 and 23 March. To London it is counted: 16, 17, 18, 19 and 22."""
    ordered = datetime(2027, 3, 15, 10, 0, tzinfo=AMSTERDAM)

    def window(postcode: str) -> DeliveryWindow:
        context = attrs.evolve(
            _context(Buyer("GB", postcode=postcode), ordered),
            seller=Seller("NL", {"OSS", "GB"}, eu_sales_this_year=Money("42000", "EUR")),
        )
        charge = quote(CART, context).shipping
        assert charge is not None
        assert charge.delivery is not None
        return charge.delivery

    belfast, london = window("BT1 5GS"), window("SW1A 1AA")
    assert (str(belfast.earliest), str(belfast.latest)) == ("2027-03-19", "2027-03-23")
    assert "2027-03-17 skipped: Saint Patrick's Day (GB-NIR)" in belfast.reasons
    assert (str(london.earliest), str(london.latest)) == ("2027-03-18", "2027-03-22")
    assert london.reasons[0].startswith("2027-03-17 counted as a business day in GB")


def test_a_subdivision_without_holidays_of_its_own_is_said() -> None:
    """Paris (FR-75C) is an ISO 3166-2 subdivision in no holiday region (its parent,
    Île-de-France, has no calendar of its own): France's holidays are counted, and the
    explanation says why. Greater London (GB-LND) lies in England (ISO 3166-2's
    parent, GB-ENG), whose calendar is counted, with no such note (issue 18)."""
    ordered = datetime(2027, 3, 15, 10, 0, tzinfo=AMSTERDAM)
    seller = Seller("NL", {"OSS", "GB"}, eu_sales_this_year=Money("42000", "EUR"))
    paris, london = (
        quote(CART, attrs.evolve(_context(buyer, ordered), seller=seller)).explanation
        for buyer in (Buyer("FR", subdivision="FR-75C"), Buyer("GB", subdivision="GB-LND"))
    )
    assert (
        "delivery: FR-75C has no public-holiday calendar of its own in the holidays "
        "library; the holidays of FR as a whole are counted"
    ) in paris
    assert not any("calendar of its own" in line for line in london)


# --- without dates --------------------------------------------------------------------


def test_without_a_warehouse_there_are_no_dates_and_the_quote_says_so() -> None:
    ordered = datetime(2026, 12, 23, 16, 30, tzinfo=AMSTERDAM)
    result = quote(CART, _context(Buyer("DE"), ordered, warehouse=None))
    assert result.shipping is not None
    assert result.shipping.delivery is None
    assert result.missing == ()  # complete for money
    assert (
        "no delivery dates: the quote names no warehouse the goods leave from"
    ) in result.explanation
    assert quote_to_json(result)["shipping"]["delivery"] is None


def test_a_warehouse_without_priced_shipping_gives_no_dates_and_says_why() -> None:
    ordered = datetime(2026, 12, 23, 16, 30, tzinfo=AMSTERDAM)
    result = quote(CART, _context(Buyer("DE"), ordered, rate_cards=(), service=None))
    assert result.shipping is None
    assert any(line.startswith("no delivery dates: the quote prices no shipping")
               for line in result.explanation)  # fmt: skip


# --- the warehouse is where the goods leave from --------------------------------------

HOME_ZONE = {
    "NL": AMSTERDAM, "DE": ZoneInfo("Europe/Berlin"), "GB": ZoneInfo("Europe/London")
}  # fmt: skip
"""A time zone of each warehouse's country: a warehouse refuses another country's."""


@pytest.mark.parametrize(
    ("seller", "ship_from", "warehouse", "words"),
    [
        ("NL", None, ("DE", None), ("'DE' is where the warehouse is, but the goods ship "
         "from NL (the seller's country); give the warehouse they leave from, or set "
         "ship_from='DE'")),
        ("NL", "BE", ("NL", None), ("'NL' is where the warehouse is, but the goods ship "
         "from BE (ship_from)")),
        ("GB", "XI", ("GB", None), ("'GB' is where the warehouse is, but the goods ship "
         "from XI (ship_from); give the warehouse they leave from, or set "
         "ship_from='GB' (a warehouse in Northern Ireland is in country 'GB', "
         "subdivision 'NIR'; its goods ship from 'XI')")),
        ("GB", None, ("GB", "NIR"), ("'XI' is where the warehouse is, but the goods ship "
         "from GB")),
    ],
)  # fmt: skip
def test_a_warehouse_elsewhere_is_refused_naming_both_places(
    seller: str, ship_from: str | None, warehouse: tuple[str, str | None], words: str
) -> None:
    country, region = warehouse
    built = Warehouse(
        country, HOME_ZONE[country], cutoff=time(15, 0), handling_days=0,
        subdivision=region,
    )  # fmt: skip
    with pytest.raises(InvalidAmountError) as refused:
        CheckoutContext(
            Seller(seller), Buyer("DE"), at=datetime(2026, 12, 1, tzinfo=UTC),
            prices_include_tax=True, ship_from=ship_from, warehouse=built,
        )  # fmt: skip
    assert refused.value.field == "warehouse"
    assert refused.value.kind is InputKind.PLACE
    assert words in str(refused.value)


@pytest.mark.parametrize(
    ("seller", "ship_from", "warehouse"),
    [("NL", None, ("NL", None)), ("NL", "DE", ("DE", "BY")), ("GB", "XI", ("GB", "NIR")),
     ("XI", None, ("GB", "GB-NIR")), ("GB", None, ("GB", "ENG"))],
)  # fmt: skip
def test_a_warehouse_where_the_goods_leave_is_taken(
    seller: str, ship_from: str | None, warehouse: tuple[str, str | None]
) -> None:
    country, region = warehouse
    built = Warehouse(
        country, HOME_ZONE[country], cutoff=time(15, 0), handling_days=0,
        subdivision=region,
    )  # fmt: skip
    context = CheckoutContext(
        Seller(seller), Buyer("DE"), at=datetime(2026, 12, 1, tzinfo=UTC),
        prices_include_tax=True, ship_from=ship_from, warehouse=built,
    )  # fmt: skip
    assert context.warehouse is built


# --- the window equals delivery_window composed by hand ------------------------------

WAREHOUSES = {"NL": (None,), "DE": (None, "BY", "BE", "DE-NW"), "FR": (None,),
              "AT": (None, "9")}  # fmt: skip
"""Where the goods leave from, and the warehouse's region (holidays library or ISO)."""
WAREHOUSE_ZONES = {"NL": ("Europe/Amsterdam", "Europe/Brussels"),
                   "DE": ("Europe/Berlin", "Europe/Busingen"), "FR": ("Europe/Paris",),
                   "AT": ("Europe/Vienna",)}  # fmt: skip
"""The IANA zones of each origin: a warehouse keeps its country's clock."""
ADDRESSES = (
    ("DE", None, None, None), ("DE", "DE-BY", None, "BY"), ("DE", "DE-BE", "10115", "BE"),
    ("NL", None, None, None), ("FR", None, None, None), ("AT", "AT-9", None, "9"),
    ("BE", None, None, None), ("IT", "IT-MI", None, "MI"), ("ES", "ES-MD", None, "MD"),
    ("ES", None, "35001", "CN"),  # the Canary Islands, by postcode
    ("FR", None, "97100", "971"),  # Guadeloupe, by postcode
    ("GB", None, "BT1 5GS", "NIR"),  # Northern Ireland, by postcode
    ("GB", "GB-SCT", None, "SCT"), ("GB", "GB-LND", None, "ENG"),  # London: England's
    ("FR", "FR-75C", None, None),  # Paris: Île-de-France has no calendar of its own
    ("US", "US-NY", None, "NY"), ("US", None, None, None), ("CH", "CH-ZH", None, "ZH"),
)  # fmt: skip
"""Addresses, each with the holiday region a person reads off it."""
ZONES = tuple(map(ZoneInfo, ("Europe/Amsterdam", "Europe/Berlin", "UTC",
                             "America/New_York", "Asia/Tokyo")))  # fmt: skip
SEASONS = tuple(
    date.fromisoformat(day)
    for day in ("2026-12-23", "2026-12-31", "2027-03-25", "2027-05-05", "2027-12-23",
                "2028-01-05", "2028-04-13", "2028-10-02", "2028-12-22")
)  # fmt: skip
"""Days just before holidays (Christmas, Easter, Ascension, Epiphany, German Unity)."""


def _card(origin: str, transit: tuple[int, int]) -> Any:
    countries = sorted({country for country, *_ in ADDRESSES})
    return rate_card_from_dict({
        "carrier": "TestPost", "service": "Road", "origin": origin, "currency": "EUR",
        "divisor": "5000", "increment": "0.5", "dimension_rounding": "exact",
        "zones": [{"name": "ALL", "countries": countries, "transit_days": list(transit)}],
        "brackets": {"ALL": [["30", "9.00"]]},
    })  # fmt: skip


@st.composite
def orders(draw: st.DrawFn) -> tuple[CheckoutContext, tuple[int, int], str | None]:
    """A checkout with a warehouse, the service's transit days and the address's
    holiday region by hand."""
    origin = draw(st.sampled_from(sorted(WAREHOUSES)))
    warehouse = Warehouse(
        origin,
        ZoneInfo(draw(st.sampled_from(WAREHOUSE_ZONES[origin]))),
        cutoff=draw(st.times()),
        handling_days=draw(st.integers(0, 4)),
        subdivision=draw(st.sampled_from(WAREHOUSES[origin])),
    )
    low = draw(st.integers(0, 5))
    transit = (low, low + draw(st.integers(0, 5)))
    day = draw(st.one_of(st.sampled_from(SEASONS),
                         st.dates(date(2026, 11, 26), date(2028, 12, 31))))  # fmt: skip
    at = datetime.combine(day, draw(st.times()), tzinfo=draw(st.sampled_from(ZONES)))
    at = max(at, datetime(2026, 11, 26, tzinfo=UTC))  # after the rate table's moment
    country, subdivision, postcode, region = draw(st.sampled_from(ADDRESSES))
    context = CheckoutContext(
        Seller(origin, {"OSS", "GB"}, eu_sales_this_year=Money("42000", "EUR")),
        Buyer(country, subdivision=subdivision, postcode=postcode),
        at=at, prices_include_tax=True, products=PRODUCTS,
        rate_cards=[_card(origin, transit)], exchange_rates=RATES, partial=True,
        warehouse=warehouse,
    )  # fmt: skip
    return context, transit, region


@given(orders())
def test_the_quotes_window_is_delivery_window_composed_by_hand(
    order: tuple[CheckoutContext, tuple[int, int], str | None],
) -> None:
    """quote().shipping.delivery == delivery_window(warehouse, address, the service's
    transit days, ordered_at=at, the address's region); its reasons are in the
    explanation; and the dates change no figure of the quote."""
    context, transit, region = order
    assert context.warehouse is not None
    by_hand = delivery_window(
        context.warehouse,
        context.buyer.country,
        transit,
        ordered_at=context.at,
        subdivision=region,
    )
    result = quote(CART, context)
    assert result.shipping is not None
    assert result.shipping.delivery == by_hand
    event(f"{len(by_hand.reasons)} reasons")
    summary = (
        f"delivery: {by_hand.earliest} to {by_hand.latest}, handed to the carrier "
        f"{by_hand.dispatch} "
    )
    lines = result.explanation
    at = next(index for index, line in enumerate(lines) if line.startswith(summary))
    said = [f"delivery: {reason}" for reason in by_hand.reasons]
    assert list(lines[at + 1 : at + 1 + len(said)]) == said
    undated = quote(CART, attrs.evolve(context, warehouse=None))
    assert undated.shipping is not None
    assert attrs.evolve(undated.shipping, delivery=by_hand) == result.shipping
    assert (undated.lines, undated.grand_total) == (result.lines, result.grand_total)


# --- JSON -----------------------------------------------------------------------------


def _validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _christmas_request() -> dict[str, Any]:
    """The bundled German consumer's request, ordered after the cut-off on 23 December."""
    data = example_request("nl-to-de-consumer")
    data["at"] = "2026-12-23T16:30:00+01:00"
    return data


def test_the_json_quote_shows_the_window_and_it_reads_back_equal() -> None:
    data = _christmas_request()
    assert data["warehouse"] == {"country": "NL", "timezone": "Europe/Amsterdam",
                                 "cutoff": "15:00", "handling_days": 0}  # fmt: skip
    result = quote(*quote_request_from_json(data))
    written = json.loads(json.dumps(quote_to_json(result)))
    _validator(quote_schema()).validate(written)
    assert written["shipping"]["delivery"] == {
        "earliest": "2026-12-29",
        "latest": "2026-12-30",
        "dispatch": "2026-12-24",
        "reasons": [
            (
                "ordered 2026-12-23 16:30 CET, after the 15:00 cut-off: handled next "
                "business day"
            ),
            "2026-12-25 skipped: Christmas Day (NL)",
        ],
    }
    assert result.shipping is not None
    assert structure(written["shipping"]["delivery"], DeliveryWindow) == (
        result.shipping.delivery
    )
    # Without a warehouse: null, and a quote that still matches the schema.
    del data["warehouse"]
    undated = json.loads(json.dumps(quote_to_json(quote(*quote_request_from_json(data)))))
    _validator(quote_schema()).validate(undated)
    assert undated["shipping"]["delivery"] is None
    assert undated["grand_total"] == written["grand_total"]


def test_a_request_with_a_warehouse_round_trips() -> None:
    """Every field of a warehouse crosses JSON and comes back equal."""
    data = _christmas_request()
    data["ship_from"] = "DE"
    data["warehouse"] = {"country": "DE", "timezone": "Europe/Berlin", "cutoff": "17:30",
                         "handling_days": 2, "subdivision": "DE-BY"}  # fmt: skip
    _validator(request_schema()).validate(data)
    cart, context = quote_request_from_json(data)
    assert context.warehouse == Warehouse(
        "DE", ZoneInfo("Europe/Berlin"), cutoff=time(17, 30), handling_days=2,
        subdivision="DE-BY",
    )  # fmt: skip
    written = quote_request_to_json(cart, context)
    assert written["warehouse"] == data["warehouse"]
    _validator(request_schema()).validate(written)
    assert quote_request_from_json(json.loads(json.dumps(written))) == (cart, context)


@pytest.mark.parametrize(
    ("warehouse", "field"),
    [
        (Warehouse("NL", AMSTERDAM, cutoff=time(15, 0, 30), handling_days=0), "cutoff"),
    ],
)  # fmt: skip
def test_the_writer_refuses_what_json_cannot_say(warehouse: Warehouse, field: str) -> None:
    """A cut-off with seconds: JSON has no way to say it. (A zone without an IANA name
    cannot reach the writer: ``Warehouse`` refuses it, having no name to check.)"""
    cart, context = quote_request_from_json(_christmas_request())
    with pytest.raises(InvalidJsonError) as refused:
        quote_request_to_json(cart, attrs.evolve(context, warehouse=warehouse))
    assert refused.value.field == f"warehouse.{field}"


@pytest.mark.parametrize(
    ("key", "value", "kind", "words"),
    [
        ("timezone", "Mars/Olympus_Mons", InputKind.TEXT, "not an IANA time zone name"),
        ("timezone", "localtime", InputKind.TEXT, "not an IANA time zone name"),
        ("timezone", "../../../etc/passwd", InputKind.TEXT, "not an IANA time zone"),
        ("timezone", "", InputKind.TEXT, "not an IANA time zone name"),
        ("timezone", 1, InputKind.TEXT, "is the JSON number 1; expected a string"),
        ("cutoff", "25:00", InputKind.DATE, "'25:00' is not a time of day"),
        ("cutoff", "15:60", InputKind.DATE, "not a time of day"),
        ("cutoff", "3pm", InputKind.DATE, 'write it "HH:MM" on the 24-hour clock'),
        ("cutoff", "15:00:00", InputKind.DATE, "not a time of day"),
        ("cutoff", "15:00+01:00", InputKind.DATE, "not a time of day"),
        ("cutoff", 1500, InputKind.DATE, "the JSON number 1500 is not a time of day"),
        ("cutoff", None, InputKind.DATE, "the JSON value null is not a time of day"),
        ("handling_days", -1, InputKind.COUNT, "-1 must be zero or more"),
        ("handling_days", 367, InputKind.COUNT, "more than 366 days"),
        ("handling_days", 1.5, InputKind.COUNT, "the JSON number 1.5"),
        ("handling_days", "1", InputKind.COUNT, "expected a whole number"),
        ("handling_days", True, InputKind.COUNT, "the JSON value true"),
        ("country", "QZ", InputKind.PLACE, "'QZ' is not an ISO 3166-1"),
        ("country", "XI", InputKind.PLACE, "'XI' is not an ISO 3166-1"),
        ("subdivision", "XX", InputKind.PLACE, "not a region of NL with its own public"),
        ("subdivision", 5, InputKind.TEXT, "expected a string"),
    ],
)
def test_a_hostile_warehouse_is_refused_at_its_field(
    key: str, value: Any, kind: InputKind, words: str
) -> None:
    """Each wrong warehouse field: an InvalidJsonError at warehouse.<field>, of its
    kind, in JSON's words; the schema refuses what it can express."""
    data = _christmas_request()
    data["warehouse"][key] = value
    with pytest.raises(InvalidJsonError) as refused:
        quote_request_from_json(data)
    assert (refused.value.field, refused.value.kind) == (f"warehouse.{key}", kind)
    assert words in refused.value.reason
    assert not [word for word in PYTHON_WORDS if word in str(refused.value)]
    if key in {"cutoff", "handling_days"} or not isinstance(value, str):
        assert not _validator(request_schema()).is_valid(data)


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"warehouse": "NL"}, "warehouse", "is the string 'NL'; expected a JSON object"),
        ({"warehouse": []}, "warehouse", "is a JSON array"),
        ({"warehouse": {}}, "warehouse.country", "is missing"),
        ({"ship_from": "DE"}, "warehouse", ("'NL' is where the warehouse is, but the "
         "goods ship from DE (ship_from)")),
    ],
)  # fmt: skip
def test_a_hostile_or_misplaced_warehouse_is_refused(
    change: dict[str, Any], field: str, words: str
) -> None:
    data = _christmas_request() | change
    with pytest.raises(InvalidJsonError) as refused:
        quote_request_from_json(data)
    assert refused.value.field == field
    assert words in refused.value.reason
    extra = copy.deepcopy(_christmas_request())
    extra["warehouse"]["dock"] = 4
    with pytest.raises(InvalidJsonError, match=r"^warehouse\.dock: "):
        quote_request_from_json(extra)
    assert not _validator(request_schema()).is_valid(extra)


# --- the table ------------------------------------------------------------------------


def _table(data: dict[str, Any], tmp_path: Path) -> list[str]:
    path = tmp_path / "request.json"
    path.write_text(json.dumps(data), "utf-8")
    out = io.StringIO()
    assert main(["quote", str(path)], out=out) == 0
    return [line.strip() for line in out.getvalue().splitlines()]


def test_the_table_shows_the_delivery_dates_under_the_shipping(tmp_path: Path) -> None:
    rows = _table(_christmas_request(), tmp_path)
    at = rows.index("ExampleParcel Standard (example rate card, invented prices), 2-3 "
                    "business days")  # fmt: skip
    assert rows[at + 1 : at + 4] == [
        "delivery 2026-12-29 to 2026-12-30 (handed to the carrier 2026-12-24)",
        (
            "why: ordered 2026-12-23 16:30 CET, after the 15:00 cut-off: handled next "
            "business day"
        ),
        "why: 2026-12-25 skipped: Christmas Day (NL)",
    ]
    undated = _christmas_request()
    del undated["warehouse"]
    rows = _table(undated, tmp_path)
    assert "no delivery dates: the request names no warehouse" in rows


def test_the_demo_shows_each_examples_delivery_dates() -> None:
    """Each bundled example names the shop's Amsterdam warehouse; the British one
    notes Saint Andrew's Day, a bank holiday in Scotland only (St Andrew's Day Bank
    Holiday (Scotland) Act 2007, https://www.legislation.gov.uk/asp/2007/2), counted
    for an address in London."""
    out = io.StringIO()
    assert main(["demo"], out=out) == 0
    rows = [line.strip() for line in out.getvalue().splitlines()]
    assert [row for row in rows if row.startswith("delivery ")] == [
        "delivery 2026-11-30 to 2026-12-01 (handed to the carrier 2026-11-26)",
        "delivery 2026-11-30 to 2026-12-01 (handed to the carrier 2026-11-26)",
        "delivery 2026-12-01 to 2026-12-03 (handed to the carrier 2026-11-26)",
        "delivery 2026-12-03 to 2026-12-10 (handed to the carrier 2026-11-26)",
    ]
    assert (
        "why: 2026-11-30 counted as a business day in GB, a public holiday in some "
        "regions only (Saint Andrew's Day: SCT); name the destination's region to "
        "count it"
    ) in rows
