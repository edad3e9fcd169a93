"""Parcels, rate cards and delivery dates."""

from __future__ import annotations

import math
from datetime import datetime, time
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Literal
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import (
    CommerceKitError,
    InvalidAmountError,
    InvalidJsonError,
    UnknownCountryError,
)
from commercekit.money import Money, RoundingMode
from commercekit.shipping import (
    DimensionRounding,
    FreeShipping,
    Parcel,
    Warehouse,
    chargeable_weight,
    delivery_window,
    example_rate_cards,
    rate_card_from_dict,
    rate_card_to_dict,
    shipping_options,
)

D = Decimal
CARDS = example_rate_cards()
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# How carriers measure each side (sources and dates in DimensionRounding's docstring).
# UPS until 2025-08-17: "1.00 to 1.49 will be considered 1, and 1.50 to 1.99 will be
# considered 2", https://www.ups.com/us/en/help-center/packaging-and-supplies/determine-billable-weight.page
NEAREST_INCH = DimensionRounding(
    "in",
    1,
    "half-up",
    source="https://www.ups.com/us/en/help-center/packaging-and-supplies/determine-billable-weight.page",
)
# UPS and FedEx from 2025-08-18: every fraction of an inch goes up ("11.1 inches ...
# deemed to have a length of 12 inches", UPS as quoted by
# https://www.supplychaindive.com/news/ups-dimensional-weight-rounding-change/756929).
NEXT_INCH = DimensionRounding(
    "in",
    1,
    "up",
    source="https://www.supplychaindive.com/news/ups-dimensional-weight-rounding-change/756929",
)
# Canada Post: "Measurements must be rounded up to the nearest centimeters."
NEXT_CM = DimensionRounding(
    "cm",
    1,
    "up",
    source="https://www.canadapost.ca/tools/cst/web/help/item_typical_weights.asp",
)


def test_chargeable_weight() -> None:
    # Dimensional: 40 x 30 x 20 = 24,000 cm³ / 5,000 = 4.8 kg > 2.3 kg actual → 5.0
    box = Parcel.metric(weight=D("2.3"), length=40, width=30, height=20)
    assert chargeable_weight(
        box, divisor=D(5000), increment=D("0.5"), dimension_rounding=NEXT_CM
    ) == D("5.0")
    # Heavy and small: the actual weight wins, rounded up to the step.
    brick = Parcel.metric(weight=D("7.01"), length=20, width=10, height=10)
    assert chargeable_weight(
        brick, divisor=D(5000), increment=D(1), dimension_rounding="exact"
    ) == D(8)
    # US practice: 12 x 12 x 12 in / 139 = 12.43 lb → 13 lb.
    cube = Parcel.imperial(weight=5, length=12, width=12, height=12)
    assert chargeable_weight(
        cube, divisor=D(139), increment=D(1), unit="lb", dimension_rounding=NEXT_INCH
    ) == D(13)
    assert cube.weight_kg == D("2.26796185")  # 5 lb, exactly


@given(
    st.integers(min_value=0, max_value=70_000),
    st.integers(min_value=0, max_value=150),
    st.integers(min_value=0, max_value=150),
    st.integers(min_value=0, max_value=150),
    st.sampled_from([D(4000), D(5000), D(6000)]),
    st.sampled_from([D("0.1"), D("0.5"), D(1)]),
)
def test_chargeable_weight_is_never_below_the_actual_weight(
    grams: int, length: int, width: int, height: int, divisor: Decimal, step: Decimal
) -> None:
    """chargeable_weight >= actual weight, and is a whole number of steps."""
    parcel = Parcel.metric(
        weight=D(grams).scaleb(-3), length=length, width=width, height=height
    )
    weight = chargeable_weight(
        parcel, divisor=divisor, increment=step, dimension_rounding="exact"
    )
    assert weight >= parcel.weight_kg
    assert (weight / step) == (weight / step).to_integral_value()


def _cube(inches: str) -> Parcel:
    side = D(inches)
    return Parcel.imperial(weight=1, length=side, width=side, height=side)


def _lb(parcel: Parcel, rounding: DimensionRounding | Literal["exact"]) -> Decimal:
    """Chargeable pounds at a UPS-style divisor of 139 in³/lb, whole-pound steps."""
    return chargeable_weight(
        parcel, divisor=D(139), increment=D(1), unit="lb", dimension_rounding=rounding
    )


def test_sides_rounded_to_the_nearest_inch_before_dividing() -> None:
    # UPS until 2025-08-17 (and DHL Express's US tool, USPS): nearest inch, a half up.
    # https://www.ups.com/us/en/help-center/packaging-and-supplies/determine-billable-weight.page
    # 10.5 in cube, 1 lb: 10.5 → 11; 11 x 11 x 11 = 1,331 in³; 1,331 / 139 = 9.58 → 10 lb
    assert _lb(_cube("10.5"), NEAREST_INCH) == D(10)
    # The exact sizes under-bill it: 10.5³ = 1,157.625 in³; / 139 = 8.33 → 9 lb.
    assert _lb(_cube("10.5"), "exact") == D(9)
    # Just below the half: 10.49 → 10; 10 x 10 x 10 = 1,000 in³; / 139 = 7.19 → 8 lb.
    assert _lb(_cube("10.49"), NEAREST_INCH) == D(8)
    # 10.4 in cube: 10.4 → 10; 1,000 in³ / 139 = 7.19 → 8 lb ...
    assert _lb(_cube("10.4"), NEAREST_INCH) == D(8)
    # ... which the exact sizes over-bill: 10.4³ = 1,124.864 in³; / 139 = 8.09 → 9 lb.
    assert _lb(_cube("10.4"), "exact") == D(9)


def test_sides_rounded_up_to_the_next_inch_before_dividing() -> None:
    # UPS and FedEx from 2025-08-18: any fraction of an inch goes up (11.1 in → 12 in).
    # https://www.supplychaindive.com/news/ups-dimensional-weight-rounding-change/756929
    # 10.4 in cube: 10.4 → 11; 1,331 in³ / 139 = 9.58 → 10 lb (8 lb before the change).
    assert _lb(_cube("10.4"), NEXT_INCH) == D(10)
    # 10.5 and 10.01 both → 11: 10 lb; a whole 10 in stays 10: 1,000 / 139 → 8 lb.
    assert _lb(_cube("10.5"), NEXT_INCH) == D(10)
    assert _lb(_cube("10.01"), NEXT_INCH) == D(10)
    assert _lb(_cube("10"), NEXT_INCH) == D(8)


def test_metric_parcels_are_measured_in_the_carriers_unit() -> None:
    # 26.67 cm is 10.5 in exactly (x 2.54), so an inch carrier rounds it to 11 in.
    box = Parcel.metric(weight=1, length=D("26.67"), width=D("26.67"), height=D("26.67"))
    assert NEAREST_INCH.measure(box.length_cm) == D(11)
    assert _lb(box, NEAREST_INCH) == D(10)
    # A whole-centimetre carrier rounding up (Canada Post), 0.1 kg steps:
    # 30.1 x 20.5 x 10.9 cm → 31 x 21 x 11 = 7,161 cm³; / 5,000 = 1.4322 → 1.5 kg.
    # The exact sizes: 6,725.845 cm³ / 5,000 = 1.345 → 1.4 kg.
    flat = Parcel.metric(weight=1, length=D("30.1"), width=D("20.5"), height=D("10.9"))
    assert chargeable_weight(
        flat, divisor=D(5000), increment=D("0.1"), dimension_rounding=NEXT_CM
    ) == D("1.5")
    assert chargeable_weight(
        flat, divisor=D(5000), increment=D("0.1"), dimension_rounding="exact"
    ) == D("1.4")


_TENTHS = st.integers(min_value=0, max_value=1_500).map(lambda n: D(n).scaleb(-1))


@given(
    st.tuples(_TENTHS, _TENTHS, _TENTHS),
    st.integers(min_value=0, max_value=1_500),
    st.sampled_from([("half-up", ROUND_HALF_UP), ("up", ROUND_CEILING)]),
    st.sampled_from([D(1), D("0.5")]),
    st.sampled_from([D(139), D(166)]),
)
def test_rounded_sides_give_the_hand_computed_weight(
    sides: tuple[Decimal, Decimal, Decimal],
    tenths_lb: int,
    mode: tuple[str, str],
    step: Decimal,
    divisor: Decimal,
) -> None:
    """weight == ceil(max(lb, prod(side rounded to step) / divisor)), sides in inches."""
    name, decimal_mode = mode
    length, width, height = sides
    pounds = D(tenths_lb).scaleb(-1)
    parcel = Parcel.imperial(weight=pounds, length=length, width=width, height=height)
    rounding = DimensionRounding("in", step, name)
    # By hand: each side to a whole number of steps with decimal's own rounding.
    measured = [
        (side / step).quantize(D(1), rounding=decimal_mode) * step for side in sides
    ]
    cubic = measured[0] * measured[1] * measured[2]
    by_hand = max(math.ceil(Fraction(cubic) / Fraction(divisor)), math.ceil(pounds))
    weight = chargeable_weight(
        parcel, divisor=divisor, increment=D(1), unit="lb", dimension_rounding=rounding
    )
    assert weight == by_hand


@given(
    st.tuples(_TENTHS, _TENTHS, _TENTHS),
    st.sampled_from([("half-up", ROUND_HALF_UP), ("up", ROUND_CEILING)]),
)
def test_rounded_centimetres_give_the_hand_computed_weight(
    sides: tuple[Decimal, Decimal, Decimal], mode: tuple[str, str]
) -> None:
    """weight == ceil_0.5(prod(side rounded to 1 cm) / 5000), for a 0 kg parcel."""
    name, decimal_mode = mode
    length, width, height = sides
    parcel = Parcel.metric(weight=0, length=length, width=width, height=height)
    measured = [side.quantize(D(1), rounding=decimal_mode) for side in sides]
    cubic = measured[0] * measured[1] * measured[2]
    by_hand = D(math.ceil(Fraction(cubic) / 5000 * 2)) / 2
    weight = chargeable_weight(
        parcel,
        divisor=D(5000),
        increment=D("0.5"),
        dimension_rounding=DimensionRounding("cm", 1, name),
    )
    assert weight == by_hand


def test_options_are_priced_and_marked() -> None:
    box = Parcel.metric(weight=D("1.2"), length=30, width=20, height=10)
    standard, express = shipping_options(box, "DE", CARDS)
    # Standard, zone EU1 up to 2 kg: 6.63 + 8.5 % fuel (0.56) = 7.19
    assert standard.price == Money("7.19", "EUR")
    assert [label for label, _ in standard.breakdown] == [
        "EU1, up to 2 kg",
        "fuel surcharge 8.5%",
    ]
    assert (standard.cheapest, standard.fastest) == (True, False)
    # Express, zone EU up to 2 kg: 13.99 + 12 % fuel (1.68) = 15.67
    assert express.price == Money("15.67", "EUR")
    assert (express.cheapest, express.fastest) == (False, True)


def test_heavier_parcels_pay_per_extra_kilogram() -> None:
    heavy = Parcel.metric(weight=D("12.2"), length=40, width=40, height=40)
    # 64,000 cm³ / 5,000 = 12.8 kg → 13.0 kg chargeable; 10 kg bracket 14.95 + 3 extra kg
    # at 1.10 = 3.30 → 18.25, + 8.5 % fuel (1.55) = 19.80
    standard = shipping_options(heavy, "FR", CARDS[:1])[0]
    assert standard.chargeable_kg == D("13.0")
    assert standard.price == Money("19.80", "EUR")


def test_the_charge_follows_the_cards_rounding() -> None:
    standard = CARDS[0]
    assert standard.dimension_rounding == DimensionRounding("cm", 1, RoundingMode.UP)
    # An 11.5 in cube (29.21 cm) to NL, divisor 5,000 cm³/kg, 0.5 kg steps.
    box = _cube("11.5")
    # Exact: 11.5³ = 1,520.875 in³ = 24,922.69... cm³; / 5,000 = 4.98 → 5.0 kg,
    # bracket up to 5 kg 6.95 + 8.5 % fuel (0.59) = 7.54.
    exact = shipping_options(
        box, "NL", [attrs.evolve(standard, dimension_rounding="exact")]
    )
    assert (exact[0].chargeable_kg, exact[0].price) == (D("5.0"), Money("7.54", "EUR"))
    # Nearest inch: 12 in; 1,728 in³ = 28,316.85 cm³; / 5,000 = 5.66 → 6.0 kg,
    # bracket up to 10 kg 9.95 + 8.5 % fuel (0.85) = 10.80.
    inch_card = attrs.evolve(standard, dimension_rounding=NEAREST_INCH)
    rounded = shipping_options(box, "NL", [inch_card])[0]
    assert (rounded.chargeable_kg, rounded.price) == (D("6.0"), Money("10.80", "EUR"))
    assert rounded.chargeable_kg == chargeable_weight(
        box, divisor=D(5000), increment=D("0.5"), dimension_rounding=NEAREST_INCH
    )
    # The oversize surcharge (longest side over 120 cm) reads the measured sides too:
    # 120.4 cm is 121 cm rounded up, 120 cm to the nearest centimetre.
    long_box = Parcel.metric(weight=D(1), length=D("120.4"), width=10, height=10)
    up = shipping_options(long_box, "NL", [standard])[0]
    assert up.breakdown[-1] == (
        "oversize (longest side over 120 cm)",
        Money("12.50", "EUR"),
    )
    nearest = attrs.evolve(
        standard, dimension_rounding=DimensionRounding("cm", 1, "half-up")
    )
    labels = [
        label for label, _ in shipping_options(long_box, "NL", [nearest])[0].breakdown
    ]
    assert labels == ["NL, up to 5 kg", "fuel surcharge 8.5%"]  # 12,000 cm³: 2.5 kg


def test_surcharges_and_limits() -> None:
    box = Parcel.metric(weight=D(1), length=30, width=20, height=10)
    hiddensee = shipping_options(box, "DE", CARDS[:1], postcode="18565")[0]
    assert ("remote area", Money("4.50", "EUR")) in hiddensee.breakdown
    long_box = Parcel.metric(weight=D(1), length=130, width=10, height=10)
    oversize = shipping_options(long_box, "DE", CARDS[:1])[0]
    assert oversize.breakdown[-1] == (
        "oversize (longest side over 120 cm)",
        Money("12.50", "EUR"),
    )
    too_heavy = Parcel.metric(weight=D(40), length=30, width=30, height=30)
    assert shipping_options(too_heavy, "DE", CARDS) == ()
    assert shipping_options(box, "BR", CARDS) == ()  # no zone serves Brazil


def test_zones_by_postcode_range() -> None:
    box = Parcel.metric(weight=D(1), length=30, width=20, height=10)
    madrid = shipping_options(box, "ES", CARDS[:1], postcode="28001")[0]
    tenerife = shipping_options(box, "ES", CARDS[:1], postcode="38001")[0]
    assert madrid.breakdown[0][0] == "EU2, up to 2 kg"
    assert tenerife.breakdown[0][0] == "ES-ISLANDS, up to 2 kg"
    assert tenerife.transit_days == (5, 8)


def test_free_shipping_above_a_threshold() -> None:
    box = Parcel.metric(weight=D(1), length=30, width=20, height=10)
    rule = FreeShipping(
        Money("50.00", "EUR"), countries=frozenset({"DE"}), services=frozenset({"Standard"})
    )
    below = shipping_options(
        box, "DE", CARDS, order_value=Money("49.99", "EUR"), free_shipping=[rule]
    )
    assert not any(option.free for option in below)
    above = shipping_options(
        box, "DE", CARDS, order_value=Money("50.00", "EUR"), free_shipping=[rule]
    )
    assert above[0].free
    assert above[0].price == Money("0.00", "EUR")
    assert above[0].breakdown[-1] == ("free shipping", Money("-7.19", "EUR"))
    assert not above[1].free  # Express is not covered


def test_delivery_before_and_after_the_cut_off() -> None:
    warehouse = Warehouse("NL", AMSTERDAM, cutoff=time(15, 0), handling_days=0)
    # Monday 2026-11-23 14:59: dispatched the same day, 2-3 business days to Germany.
    early = delivery_window(
        warehouse, "DE", (2, 3), ordered_at=datetime(2026, 11, 23, 14, 59, tzinfo=AMSTERDAM)
    )
    assert (str(early.dispatch), str(early.earliest), str(early.latest)) == (
        "2026-11-23",
        "2026-11-25",
        "2026-11-26",
    )
    late = delivery_window(
        warehouse, "DE", (2, 3), ordered_at=datetime(2026, 11, 23, 15, 0, tzinfo=AMSTERDAM)
    )
    assert str(late.dispatch) == "2026-11-24"
    # Friday after the cut-off: handled Monday.
    friday = delivery_window(
        warehouse, "DE", (1, 1), ordered_at=datetime(2026, 11, 27, 18, 0, tzinfo=AMSTERDAM)
    )
    assert (str(friday.dispatch), str(friday.earliest)) == ("2026-11-30", "2026-12-01")


def test_holidays_at_origin_and_destination() -> None:
    warehouse = Warehouse("NL", AMSTERDAM, cutoff=time(15, 0), handling_days=0)
    # Epiphany (6 January) is a public holiday in Bavaria, not in Berlin.
    ordered = datetime(2026, 1, 5, 10, 0, tzinfo=AMSTERDAM)  # Monday
    bavaria = delivery_window(warehouse, "DE", (1, 1), ordered_at=ordered, subdivision="BY")
    berlin = delivery_window(warehouse, "DE", (1, 1), ordered_at=ordered, subdivision="BE")
    assert (str(bavaria.earliest), str(berlin.earliest)) == ("2026-01-07", "2026-01-06")
    assert "2026-01-06 skipped: Epiphany (DE-BY)" in bavaria.reasons
    # An order placed on a Dutch public holiday (King's Day, Monday 2026-04-27).
    kings_day = delivery_window(
        warehouse, "NL", (1, 1), ordered_at=datetime(2026, 4, 27, 9, 0, tzinfo=AMSTERDAM)
    )
    assert str(kings_day.dispatch) == "2026-04-28"
    assert kings_day.reasons[0].startswith("ordered 2026-04-27 09:00 CEST, on a closed day")


def test_a_regional_holiday_counted_without_the_region_is_named() -> None:
    """Without the destination's Land, Epiphany (a holiday in Bavaria, Baden-
    Wuerttemberg and Saxony-Anhalt only) is counted, and the reasons say so."""
    warehouse = Warehouse("NL", AMSTERDAM, cutoff=time(15, 0), handling_days=0)
    ordered = datetime(2026, 1, 5, 10, 0, tzinfo=AMSTERDAM)  # Monday
    germany = delivery_window(warehouse, "DE", (1, 2), ordered_at=ordered)
    assert (str(germany.earliest), str(germany.latest)) == ("2026-01-06", "2026-01-07")
    assert germany.reasons == (
        (
            "2026-01-06 counted as a business day in DE, a public holiday in some "
            "regions only (Epiphany: Augsburg, BW, BY, ST); name the destination's "
            "region to count it"
        ),
    )
    # With the Land given, nothing is left to say about other regions.
    berlin = delivery_window(warehouse, "DE", (1, 2), ordered_at=ordered, subdivision="BE")
    assert berlin.reasons == ()
    # The warehouse's own region: a Bavarian warehouse named without its Land.
    munich = Warehouse("DE", ZoneInfo("Europe/Berlin"), cutoff=time(15, 0), handling_days=1)
    leaving = delivery_window(munich, "NL", (1, 1), ordered_at=ordered)
    assert str(leaving.dispatch) == "2026-01-06"
    assert leaving.reasons[0].endswith("name the warehouse's region to count it")


def test_a_cut_off_with_a_time_zone_is_refused() -> None:
    """The cut-off is read in the warehouse's time zone; one carrying its own is refused
    (comparing it with the order's wall-clock time would fail in Python)."""
    with pytest.raises(InvalidAmountError, match="wall-clock time") as refused:
        Warehouse("NL", AMSTERDAM, cutoff=time(15, 0, tzinfo=AMSTERDAM), handling_days=0)
    assert refused.value.field == "cutoff"


def test_bad_input() -> None:
    with pytest.raises(InvalidAmountError, match="negative"):
        Parcel.metric(weight=D(-1), length=1, width=1, height=1)
    with pytest.raises(InvalidAmountError, match="float"):
        Parcel.metric(weight=1.5, length=1, width=1, height=1)  # type: ignore[arg-type]
    box = Parcel.metric(weight=D(1), length=1, width=1, height=1)
    with pytest.raises(InvalidAmountError, match="positive divisor"):
        chargeable_weight(box, divisor=D(0), increment=D(1), dimension_rounding="exact")
    with pytest.raises(InvalidAmountError, match="'kg' or 'lb'"):
        chargeable_weight(
            box,
            divisor=D(5000),
            increment=D(1),
            dimension_rounding="exact",
            unit="oz",  # type: ignore[arg-type]
        )
    with pytest.raises(UnknownCountryError):
        shipping_options(box, "Germany", CARDS)
    warehouse = Warehouse("NL", AMSTERDAM, cutoff=time(15, 0), handling_days=0)
    with pytest.raises(InvalidAmountError, match="no time zone"):
        delivery_window(warehouse, "DE", (1, 2), ordered_at=datetime(2026, 1, 5, 10))  # noqa: DTZ001  # the point of the test
    with pytest.raises(InvalidAmountError, match="min <= max"):
        delivery_window(
            warehouse, "DE", (3, 1), ordered_at=datetime(2026, 1, 5, 10, tzinfo=AMSTERDAM)
        )
    with pytest.raises(InvalidAmountError, match="zero or more"):
        Warehouse("NL", AMSTERDAM, cutoff=time(15, 0), handling_days=-1)


def test_bad_dimension_rounding() -> None:
    with pytest.raises(InvalidAmountError, match="float"):
        DimensionRounding("in", 0.5, "up")
    with pytest.raises(InvalidAmountError, match="finite"):
        DimensionRounding("in", D("NaN"), "up")
    with pytest.raises(InvalidAmountError, match="boolean"):
        DimensionRounding("in", increment=True, mode="up")
    for step in (0, D(-1)):
        with pytest.raises(InvalidAmountError, match="positive increment"):
            DimensionRounding("cm", step, "up")
    for mode in ("half-even", RoundingMode.HALF_EVEN, "nearest", None):
        with pytest.raises(InvalidAmountError, match="not a way carriers round"):
            DimensionRounding("in", 1, mode)
    for unit in ("mm", "IN", None):
        with pytest.raises(InvalidAmountError, match="'in' or 'cm'"):
            DimensionRounding(unit, 1, "up")
    with pytest.raises(InvalidAmountError, match="URL"):
        DimensionRounding("in", 1, "up", source=42)
    with pytest.raises(InvalidAmountError, match="needs increment, mode"):
        DimensionRounding.from_dict({"unit": "cm"})
    box = Parcel.metric(weight=D(1), length=1, width=1, height=1)
    for stated in ("none", None, {"unit": "cm", "increment": "1", "mode": "up"}):
        with pytest.raises(InvalidAmountError, match="how the carrier measures"):
            chargeable_weight(
                box,
                divisor=D(5000),
                increment=D(1),
                dimension_rounding=stated,  # type: ignore[arg-type]
            )
        with pytest.raises(InvalidAmountError, match="how the carrier measures"):
            attrs.evolve(CARDS[0], dimension_rounding=stated)


def test_a_card_must_state_its_rounding() -> None:
    data = rate_card_to_dict(example_rate_cards()[0])
    exact = rate_card_from_dict({**data, "dimension_rounding": "exact"})
    assert exact.dimension_rounding == "exact"
    del data["dimension_rounding"]
    with pytest.raises(InvalidJsonError, match="does not say how its carrier measures"):
        rate_card_from_dict(data)


def test_rate_cards_read_back_from_their_json_form() -> None:
    for card in example_rate_cards():
        assert rate_card_from_dict(rate_card_to_dict(card), example=True) == card
    data = rate_card_to_dict(example_rate_cards()[0])
    del data["zones"]
    with pytest.raises(InvalidJsonError, match="zones"):
        rate_card_from_dict(data)
    with pytest.raises(InvalidJsonError, match=r"^divisor: 5000\.0 is a float"):
        rate_card_from_dict(
            {**rate_card_to_dict(example_rate_cards()[0]), "divisor": 5000.0}
        )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"brackets": {"NL": [["10", "20.00"], ["2", "8.00"]]}}, "by weight, rising"),
        ({"fuel_surcharge_percent": "-100"}, "fuel surcharge from 0 to 100"),
        ({"remote_postcodes": {"DE": [""]}}, "an empty one matches all"),
        ({"remote_surcharge": 4.5}, "float"),
    ],
)
def test_a_card_that_would_misprice_is_refused(
    change: dict[str, object], message: str
) -> None:
    data = rate_card_to_dict(example_rate_cards()[0])
    if "brackets" in change:
        data["brackets"] = {**data["brackets"], **change.pop("brackets")}  # type: ignore[dict-item]
    data.update(change)
    with pytest.raises(CommerceKitError, match=message):
        rate_card_from_dict(data)


def test_a_country_in_two_zones_is_refused() -> None:
    data = rate_card_to_dict(example_rate_cards()[0])
    data["zones"] = [
        *data["zones"],
        {"name": "TWICE", "countries": ["DE"], "transit_days": [9, 9]},
    ]
    data["brackets"] = {**data["brackets"], "TWICE": [["30", "3.00"]]}
    with pytest.raises(InvalidJsonError, match=r'^zones: \["DE"\] are in more than one'):
        rate_card_from_dict(data)
