"""Parcels, rate cards and delivery dates."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import InvalidAmountError, UnknownCountryError
from commercekit.money import Money
from commercekit.shipping import (
    FreeShipping,
    Parcel,
    Warehouse,
    chargeable_weight,
    delivery_window,
    example_rate_cards,
    shipping_options,
)

D = Decimal
CARDS = example_rate_cards()
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_chargeable_weight() -> None:
    # Dimensional: 40 x 30 x 20 = 24,000 cm³ / 5,000 = 4.8 kg > 2.3 kg actual → 5.0
    box = Parcel.metric(weight=D("2.3"), length=40, width=30, height=20)
    assert chargeable_weight(box, divisor=D(5000), increment=D("0.5")) == D("5.0")
    # Heavy and small: the actual weight wins, rounded up to the step.
    brick = Parcel.metric(weight=D("7.01"), length=20, width=10, height=10)
    assert chargeable_weight(brick, divisor=D(5000), increment=D(1)) == D(8)
    # US practice: 12 x 12 x 12 in / 139 = 12.43 lb → 13 lb.
    cube = Parcel.imperial(weight=5, length=12, width=12, height=12)
    assert chargeable_weight(cube, divisor=D(139), increment=D(1), unit="lb") == D(13)
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
    weight = chargeable_weight(parcel, divisor=divisor, increment=step)
    assert weight >= parcel.weight_kg
    assert (weight / step) == (weight / step).to_integral_value()


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
    warehouse = Warehouse("NL", AMSTERDAM, cutoff=time(15, 0))
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
    warehouse = Warehouse("NL", AMSTERDAM, cutoff=time(15, 0))
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


def test_bad_input() -> None:
    with pytest.raises(InvalidAmountError, match="negative"):
        Parcel.metric(weight=D(-1), length=1, width=1, height=1)
    with pytest.raises(InvalidAmountError, match="float"):
        Parcel.metric(weight=1.5, length=1, width=1, height=1)  # type: ignore[arg-type]
    box = Parcel.metric(weight=D(1), length=1, width=1, height=1)
    with pytest.raises(InvalidAmountError, match="positive divisor"):
        chargeable_weight(box, divisor=D(0), increment=D(1))
    with pytest.raises(InvalidAmountError, match="'kg' or 'lb'"):
        chargeable_weight(box, divisor=D(5000), increment=D(1), unit="oz")  # type: ignore[arg-type]
    with pytest.raises(UnknownCountryError):
        shipping_options(box, "Germany", CARDS)
    warehouse = Warehouse("NL", AMSTERDAM)
    with pytest.raises(InvalidAmountError, match="timezone-aware"):
        delivery_window(warehouse, "DE", (1, 2), ordered_at=datetime(2026, 1, 5, 10))  # noqa: DTZ001  # the point of the test
    with pytest.raises(InvalidAmountError, match="min <= max"):
        delivery_window(
            warehouse, "DE", (3, 1), ordered_at=datetime(2026, 1, 5, 10, tzinfo=AMSTERDAM)
        )
    with pytest.raises(InvalidAmountError, match="days >= 0"):
        Warehouse("NL", AMSTERDAM, handling_days=-1)
