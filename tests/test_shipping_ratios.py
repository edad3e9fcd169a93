"""The shipping arithmetic in integer ratios equals the same rules in ``Fraction``, and
the options ``shipping_options`` builds trusted equal those built and checked."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Literal

import attrs
from hypothesis import given
from hypothesis import strategies as st

from commercekit.money import RoundingMode, round_ratio
from commercekit.shipping import (
    CM_PER_IN,
    KG_PER_LB,
    DimensionRounding,
    Parcel,
    ShippingOption,
    chargeable_weight,
    example_rate_cards,
    shipping_options,
)

D = Decimal
_SIZES = st.decimals(min_value=0, max_value=400, places=3)
_STEPS = st.sampled_from([D(1), D("0.5"), D("0.1"), D("0.25"), D(2)])
_ROUNDINGS = st.one_of(
    st.just("exact"),
    st.builds(
        DimensionRounding,
        st.sampled_from(["in", "cm"]),
        _STEPS,
        st.sampled_from(["half-up", "up"]),
    ),
)


def _measured(rounding: DimensionRounding | Literal["exact"], side: Decimal) -> Fraction:
    """A side in cm as the carrier measures it, in ``Fraction`` (the rule as written)."""
    if rounding == "exact":
        return Fraction(side)
    size = Fraction(side) / (Fraction(CM_PER_IN) if rounding.unit == "in" else 1)
    steps = size / Fraction(rounding.increment)
    whole = round_ratio(steps.numerator, steps.denominator, rounding.mode)
    per_unit = Fraction(CM_PER_IN) if rounding.unit == "in" else 1
    return whole * Fraction(rounding.increment) * per_unit


@given(
    st.tuples(_SIZES, _SIZES, _SIZES, _SIZES),
    _ROUNDINGS,
    st.sampled_from([D(5000), D(4000), D(139), D(166), D("6000.5")]),
    _STEPS,
    st.sampled_from(["kg", "lb"]),
)
def test_chargeable_weight_equals_the_rule_in_fractions(
    numbers: tuple[Decimal, Decimal, Decimal, Decimal],
    rounding: DimensionRounding | Literal["exact"],
    divisor: Decimal,
    step: Decimal,
    unit: Literal["kg", "lb"],
) -> None:
    """chargeable_weight == ceil(max(actual, measured volume / divisor) / step) x step."""
    weight, length, width, height = numbers
    parcel = Parcel.metric(weight=weight, length=length, width=width, height=height)
    volume = Fraction(1)
    for side in (length, width, height):
        volume *= _measured(rounding, side)
    actual = Fraction(weight)
    if unit == "lb":
        actual /= Fraction(KG_PER_LB)
        volume /= Fraction(CM_PER_IN) ** 3
    heavier = max(actual, volume / Fraction(divisor)) / Fraction(step)
    steps = round_ratio(heavier.numerator, heavier.denominator, RoundingMode.CEILING)
    found = chargeable_weight(
        parcel, divisor=divisor, increment=step, dimension_rounding=rounding, unit=unit
    )
    assert found == steps * step
    assert str(found) == str(D(steps) * step)  # the same decimals as before


@given(_SIZES, _ROUNDINGS)
def test_a_side_is_measured_as_the_rule_in_fractions(
    side: Decimal, rounding: DimensionRounding | Literal["exact"]
) -> None:
    """measure(side) == the side rounded in Fraction, in the carrier's unit."""
    if rounding == "exact":
        return
    per_unit = Fraction(CM_PER_IN) if rounding.unit == "in" else 1
    assert Fraction(rounding.measure(side)) == _measured(rounding, side) / per_unit


@given(st.tuples(_SIZES, _SIZES, _SIZES, _SIZES), st.sampled_from(["DE", "FR", "NL"]))
def test_options_built_trusted_equal_options_built_checked(
    numbers: tuple[Decimal, Decimal, Decimal, Decimal], country: str
) -> None:
    """Every option equals ShippingOption(...) of its own fields, checked: same repr."""
    weight, length, width, height = numbers
    parcel = Parcel.metric(weight=weight, length=length, width=width, height=height)
    cards = example_rate_cards()
    for option in shipping_options(parcel, country, cards):
        checked = ShippingOption(**attrs.asdict(option, recurse=False))
        assert checked == option
        assert repr(checked) == repr(option)
        assert option.chargeable_kg == chargeable_weight(
            parcel,
            divisor=option.card.divisor,
            increment=option.card.increment,
            dimension_rounding=option.card.dimension_rounding,
        )
