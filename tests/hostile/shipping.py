"""Valid calls over ``commercekit.shipping``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from commercekit.money import Money, RateTable, RoundingMode
from commercekit.shipping import (
    BUNDLED_TARIFF,
    Bracket,
    DeMinimis,
    DimensionRounding,
    DutyRate,
    Fee,
    FreeShipping,
    Incoterm,
    Item,
    ItemDuty,
    ItemTax,
    Parcel,
    RateCard,
    Shipment,
    ShippingOption,
    TariffTable,
    Warehouse,
    Zone,
    de_minimis,
    example_rate_cards,
    rate_card_to_dict,
)
from commercekit.tax import BUNDLED, TaxCategory
from tests.hostile import Call, call, method

DAY = date(2026, 11, 26)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UCA = "https://www.canadapost.ca/tools/cst/web/help/item_typical_weights.asp"
TARIC = "https://ec.europa.eu/taxation_customs/dds2/taric/"


def _eur(amount: str) -> Money:
    return Money(amount, "EUR")


def _rounding() -> DimensionRounding:
    return DimensionRounding("cm", Decimal(1), "up", source=UCA)


def _parcel() -> Parcel:
    return Parcel(Decimal("1.2"), Decimal(30), Decimal(20), Decimal(10))


def _zone() -> Zone:
    return Zone("EU1", ["BE", "DE", "FR", "LU"], (2, 3))


def _card() -> RateCard:
    return example_rate_cards()[0]


def _option() -> ShippingOption:
    return ShippingOption(
        card=_card(),
        chargeable_kg=Decimal(2),
        price=_eur("7.19"),
        breakdown=(("EU1, up to 2 kg", _eur("6.63")), ("fuel surcharge", _eur("0.56"))),
        transit_days=(2, 3),
        free=False,
        cheapest=True,
        fastest=False,
    )


def _shirt() -> Item:
    return Item(
        "T-shirt",
        _eur("200.00"),
        hs_code="6109.10",
        origin="US",
        quantity=2,
        category=TaxCategory.STANDARD,
    )


def _shipment() -> Shipment:
    return Shipment((_shirt(),), destination="DE", shipping=_eur("20.00"))


def _duty_rate() -> DutyRate:
    return DutyRate("EU", "6109.10", Decimal(12), date(2026, 1, 1), None, TARIC)


def _de_minimis() -> DeMinimis:
    row = de_minimis("GB", "duty", origin="US", channel="courier", on=DAY)
    assert row is not None
    return row


def _rates() -> RateTable:
    return RateTable(
        base="EUR",
        rates={"GBP": Decimal("0.8457"), "USD": Decimal("1.0842")},
        observed_at=datetime(2026, 11, 25, 16, 0, tzinfo=UTC),
        provider="ECB reference rates",
    )


def _landed() -> Call:
    shipment = _shipment()
    item = shipment.items[0]
    return call(
        shipment=shipment,
        incoterm=Incoterm.DDP,
        customs_value=_eur("220.00"),
        duties=(
            ItemDuty(item, _eur("220.00"), Decimal(12), _eur("26.40"), "6109.10", TARIC),
        ),
        taxes=(ItemTax(item, _eur("246.40"), (), _eur("46.82")),),
        fees=(Fee("clearance", _eur("5.00"), taxable=True),),
        fee_tax=_eur("0.95"),
        explanation=("customs value EUR 220.00",),
        conversions=("GBP 135.00 is EUR 159.63",),
        rounding=_eur("0.40"),
    )


CALLS: dict[str, Callable[[], Call]] = {
    "Bracket": lambda: call(Decimal(2), _eur("6.63")),
    "BundledTariff": call,
    "CustomsRules": lambda: call(
        destination="GB",
        valuation="CIF",
        import_tax="import VAT",
        import_tax_base=("customs_value", "duty", "excise"),
        since=date(2021, 1, 1),
        until=None,
        legal_basis="Taxation (Cross-border Trade) Act 2018",
        sources=("https://www.gov.uk/guidance/how-to-value-your-imports-for-customs-duty",),
        note="transport to the UK border is part of the customs value",
    ),
    "DeMinimis": lambda: call(
        destination="GB",
        kind="duty",
        threshold=Money("135", "GBP"),
        measure="consignment_value",
        origins=frozenset({"US"}),
        channel="courier",
        scheme="UK low-value consignments (GBP 135)",
        since=date(2021, 1, 1),
        until=None,
        legal_basis="Customs (Relief from a Liability to Import Duty) Regulations 2020",
        sources=("https://www.gov.uk/guidance/check-if-you-can-get-relief-on-import-duty",),
        note="no duty on consignments of GBP 135 or less",
    ),
    "DeMinimis.applies_to": lambda: method(
        _de_minimis().applies_to, "US", "courier", "IOSS", DAY
    ),
    "DeliveryWindow": lambda: call(
        earliest=date(2026, 12, 29),
        latest=date(2026, 12, 30),
        dispatch=date(2026, 12, 24),
        reasons=("2026-12-25 skipped: Christmas Day (NL)",),
    ),
    "DimensionRounding": lambda: call("cm", Decimal(1), "up", source=UCA),
    "DimensionRounding.from_dict": lambda: method(
        DimensionRounding.from_dict,
        {"unit": "in", "increment": "1", "mode": "half-up", "source": UCA},
    ),
    "DimensionRounding.measure": lambda: method(_rounding().measure, Decimal("30.2")),
    "DutyRate": lambda: call(
        "EU",
        "6109.10",
        Decimal(12),
        date(2026, 1, 1),
        date(2026, 12, 31),
        TARIC,
        note="erga omnes third-country duty",
        description="T-shirts of cotton, knitted",
    ),
    "DutyRate.covers": lambda: method(_duty_rate().covers, "610910", "EU", DAY),
    "Fee": lambda: call("clearance", _eur("5.00"), taxable=True),
    "FreeShipping": lambda: call(
        _eur("50.00"), countries=frozenset({"DE"}), services=frozenset({"Standard"})
    ),
    "FreeShipping.covers": lambda: method(
        FreeShipping(_eur("50.00")).covers, _option(), "DE", _eur("60.00")
    ),
    "Item": lambda: call(
        "T-shirt",
        _eur("200.00"),
        hs_code="6109.10",
        origin="US",
        quantity=2,
        category=TaxCategory.STANDARD,
        excise="none",
    ),
    "ItemDuty": lambda: call(
        _shirt(),
        _eur("220.00"),
        Decimal(12),
        _eur("26.40"),
        "6109.10 at 12%",
        TARIC,
        base=_eur("220.00"),
    ),
    "ItemTax": lambda: call(
        _shirt(), _eur("246.40"), BUNDLED.rates_for("DE", "standard", on=DAY), _eur("46.82")
    ),
    "LandedCost": _landed,
    "Parcel": lambda: call(Decimal("1.2"), Decimal(30), Decimal(20), Decimal(10)),
    "Parcel.metric": lambda: method(
        Parcel.metric,
        weight=Decimal("1.2"),
        length=Decimal(30),
        width=Decimal(20),
        height=Decimal(10),
    ),
    "Parcel.imperial": lambda: method(
        Parcel.imperial, weight=Decimal(5), length=12, width=12, height=Decimal(12)
    ),
    "Parcel.as_measured": lambda: method(_parcel().as_measured, _rounding()),
    "RateCard": lambda: call(
        "ExampleParcel",
        "Standard",
        "NL",
        "EUR",
        (_zone(),),
        {"EU1": (Bracket(Decimal(2), _eur("6.63")), Bracket(Decimal(5), _eur("9.95")))},
        per_extra_kg={"EU1": _eur("1.10")},
        divisor=Decimal(5000),
        increment=Decimal("0.5"),
        max_weight_kg=Decimal("31.5"),
        fuel_surcharge_percent=Decimal("8.5"),
        remote_postcodes={"DE": ("18565", "25849")},
        remote_surcharge=_eur("4.50"),
        oversize_cm=Decimal(120),
        oversize_surcharge=_eur("12.50"),
        example=True,
        dimension_rounding=_rounding(),
    ),
    "RateCard.zone_for": lambda: method(_card().zone_for, "ES", postcode="35001"),
    "Shipment": lambda: call(
        (_shirt(),),
        destination="DE",
        shipping=_eur("20.00"),
        insurance=_eur("2.00"),
        transport_inland=_eur("5.00"),
        subdivision=None,
        channel="courier",
        sold_under="IOSS",
        postcode="10115",
        transport_mode="air",
    ),
    "ShippingOption": lambda: call(
        card=_card(),
        chargeable_kg=Decimal(2),
        price=_eur("7.19"),
        breakdown=(("EU1, up to 2 kg", _eur("6.63")), ("fuel surcharge", _eur("0.56"))),
        transit_days=(2, 3),
        free=False,
        cheapest=True,
        fastest=False,
    ),
    "TariffTable": lambda: call([_duty_rate()], name="my tariff"),
    "TariffTable.duty": lambda: method(
        TariffTable([_duty_rate()], name="my tariff").duty,
        "6109.10.0010",
        origin="US",
        destination="EU",
        on=DAY,
    ),
    "Warehouse": lambda: call(
        "DE",
        ZoneInfo("Europe/Berlin"),
        cutoff=time(15, 0),
        handling_days=1,
        subdivision="BY",
    ),
    "Zone": lambda: call(
        "ES-ISLANDS", ["ES"], (5, 8), postcodes=(("35000", "35999"), ("38000", "38999"))
    ),
    "Zone.covers": lambda: method(_zone().covers, "DE", "10115"),
    "chargeable_weight": lambda: call(
        _parcel(),
        divisor=Decimal(5000),
        increment=Decimal("0.5"),
        dimension_rounding=_rounding(),
        unit="kg",
    ),
    "check_hs_code": lambda: call("6109.10"),
    "customs_rules": lambda: call("EU", on=DAY),
    "de_minimis": lambda: call(
        "GB", "duty", origin="US", channel="courier", on=DAY, scheme="IOSS"
    ),
    "delivery_window": lambda: call(
        Warehouse("NL", AMSTERDAM, cutoff=time(15, 0), handling_days=1),
        "DE",
        (2, 3),
        ordered_at=datetime(2026, 12, 23, 16, 30, tzinfo=AMSTERDAM),
        subdivision="BY",
    ),
    "example_rate_cards": call,
    "landed_cost": lambda: call(
        _shipment(),
        incoterm="DDP",
        on=DAY,
        rates=_rates(),
        tariffs=BUNDLED_TARIFF,
        tax_rates=BUNDLED,
        fees=(Fee("clearance", _eur("5.00")),),
        mode=RoundingMode.HALF_UP,
        eu_flat_duty_scope="all",
    ),
    "rate_card_from_dict": lambda: call(rate_card_to_dict(_card()), example=True),
    "rate_card_to_dict": lambda: call(_card()),
    "shipping_options": lambda: call(
        _parcel(),
        "DE",
        [_card()],
        postcode="10115",
        order_value=_eur("60.00"),
        free_shipping=[FreeShipping(_eur("50.00"))],
    ),
}

_SCHEME = (
    "the name of the scheme under which tax was charged at sale, as the tax decision "
    "gives it ('IOSS', 'UK low-value consignments (GBP 135)' ...): a name, not a code"
)

_PROSE = "a sentence for people (what was decided and why), not a code from a list"
_TEXT = frozenset({"unknown code"})

VALID_BY_DESIGN: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    ("Shipment", "sold_under"): (_TEXT, _SCHEME),
    ("DeMinimis", "scheme"): (_TEXT, _SCHEME),
    ("DeMinimis.applies_to", "scheme"): (_TEXT, _SCHEME),
    ("de_minimis", "scheme"): (_TEXT, _SCHEME),
    ("CustomsRules", "import_tax"): (
        _TEXT,
        "the import tax's name as the law calls it ('import VAT', 'GST'), not a code",
    ),
    ("DeliveryWindow", "reasons"): (_TEXT, _PROSE),
    ("ItemDuty", "rule"): (_TEXT, _PROSE),
    ("LandedCost", "explanation"): (_TEXT, _PROSE),
    ("LandedCost", "conversions"): (_TEXT, _PROSE),
}
