"""Parcels and chargeable weight.

Carriers charge for the space a parcel takes as well as its weight: the *dimensional*
(volumetric) weight is length x width x height divided by the carrier's divisor, and the
carrier charges the greater of the two, rounded *up* to its weight step. Common
divisors are 5000 cm³/kg (many express services), 4000 or 6000 for others, and 139
in³/lb in the United States; the divisor belongs to the carrier's rate card, so it is an
argument here, never a constant.

Examples:
    >>> box = Parcel.metric(weight=Decimal("2.3"), length=40, width=30, height=20)
    >>> chargeable_weight(box, divisor=Decimal(5000), increment=Decimal("0.5"))
    Decimal('5.0')
    >>> us_box = Parcel.imperial(weight=Decimal(5), length=12, width=12, height=12)
    >>> chargeable_weight(us_box, divisor=Decimal(139), increment=Decimal(1), unit="lb")
    Decimal('13')
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Literal

import attrs

from commercekit.errors import InvalidAmountError
from commercekit.money import RoundingMode
from commercekit.money._money import EXACT, to_decimal
from commercekit.money._rounding import round_ratio

__all__ = ["CM_PER_IN", "KG_PER_LB", "Parcel", "chargeable_weight"]

KG_PER_LB = Decimal("0.45359237")
"""The international avoirdupois pound, exactly (1959 agreement)."""
CM_PER_IN = Decimal("2.54")
"""The international inch, exactly."""


def _size(value: object) -> Decimal:
    number = to_decimal(value, "size")
    if number < 0:
        raise InvalidAmountError(value, "is negative; weights and sizes are 0 or more")
    return number


@attrs.frozen
class Parcel:
    """A parcel, kept in kilograms and centimetres (exact conversions from lb and in)."""

    weight_kg: Decimal = attrs.field(converter=_size)
    length_cm: Decimal = attrs.field(converter=_size)
    width_cm: Decimal = attrs.field(converter=_size)
    height_cm: Decimal = attrs.field(converter=_size)

    @classmethod
    def metric(
        cls, *, weight: Decimal | int, length: Decimal | int, width: Decimal | int,
        height: Decimal | int,
    ) -> Parcel:  # fmt: skip
        """A parcel measured in kg and cm."""
        return cls(weight, length, width, height)

    @classmethod
    def imperial(
        cls, *, weight: Decimal | int, length: Decimal | int, width: Decimal | int,
        height: Decimal | int,
    ) -> Parcel:  # fmt: skip
        """A parcel measured in lb and in; converted exactly."""
        return cls(
            _size(weight) * KG_PER_LB,
            _size(length) * CM_PER_IN,
            _size(width) * CM_PER_IN,
            _size(height) * CM_PER_IN,
        )

    @property
    def volume_cm3(self) -> Decimal:
        """Length x width x height, in cm³."""
        return EXACT.multiply(EXACT.multiply(self.length_cm, self.width_cm), self.height_cm)


def chargeable_weight(
    parcel: Parcel,
    *,
    divisor: Decimal,
    increment: Decimal,
    unit: Literal["kg", "lb"] = "kg",
) -> Decimal:
    """The weight a carrier charges: max(actual, dimensional), rounded up to ``increment``.

    ``divisor`` is in cm³ per kg for ``unit="kg"`` and in³ per lb for ``unit="lb"``;
    the result is in ``unit``.
    """
    if not isinstance(parcel, Parcel):
        raise InvalidAmountError(parcel, "is not a Parcel")
    divisor = to_decimal(divisor, "divisor")
    step = to_decimal(increment, "weight increment")
    if divisor <= 0 or step <= 0:
        raise InvalidAmountError((divisor, step), "needs a positive divisor and increment")
    if unit == "kg":
        actual = Fraction(parcel.weight_kg)
        dimensional = Fraction(parcel.volume_cm3) / Fraction(divisor)
    elif unit == "lb":
        actual = Fraction(parcel.weight_kg) / Fraction(KG_PER_LB)
        dimensional = (
            Fraction(parcel.volume_cm3) / Fraction(CM_PER_IN) ** 3 / Fraction(divisor)
        )
    else:
        raise InvalidAmountError(unit, "is not a weight unit; use 'kg' or 'lb'")
    heavier = max(actual, dimensional) / Fraction(step)
    steps = round_ratio(heavier.numerator, heavier.denominator, RoundingMode.CEILING)
    return EXACT.multiply(Decimal(steps), step)
