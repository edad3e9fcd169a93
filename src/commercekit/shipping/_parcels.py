"""Parcels, how carriers measure them, and chargeable weight.

Carriers charge for the space a parcel takes as well as its weight: the *dimensional*
(volumetric) weight is length x width x height divided by the carrier's divisor, and the
carrier charges the greater of the two, rounded *up* to its weight step. Common
divisors are 5000 cm³/kg (many express services), 4000 or 6000 for others, and 139
in³/lb in the United States; the divisor belongs to the carrier's rate card, so it is an
argument here, never a constant.

Before multiplying, most carriers round each side to a whole inch or centimetre, and
they do not all round the same way, nor the same way every year (see
[`DimensionRounding`][commercekit.shipping.DimensionRounding]). So how the carrier
measures is an argument too: a
[`DimensionRounding`][commercekit.shipping.DimensionRounding], or ``"exact"`` for a
carrier that uses the sizes as given.

Examples:
    >>> box = Parcel.metric(weight=Decimal("2.3"), length=40, width=30, height=20)
    >>> whole_cm_up = DimensionRounding("cm", 1, "up")
    >>> chargeable_weight(
    ...     box, divisor=Decimal(5000), increment=Decimal("0.5"),
    ...     dimension_rounding=whole_cm_up,
    ... )
    Decimal('5.0')
    >>> us_box = Parcel.imperial(weight=Decimal(5), length=12, width=12, height=12)
    >>> chargeable_weight(
    ...     us_box, divisor=Decimal(139), increment=Decimal(1), unit="lb",
    ...     dimension_rounding="exact",
    ... )
    Decimal('13')

    A carrier that rounds each side to the nearest inch, a half going up, measures a
    10.5-inch cube as 11 x 11 x 11 = 1,331 in³: 1,331 / 139 = 9.58 lb, billed 10 lb;
    the exact sizes (1,157.625 in³, 8.33 lb) would bill 9 lb:

    >>> cube = Parcel.imperial(
    ...     weight=1, length=Decimal("10.5"), width=Decimal("10.5"), height=Decimal("10.5")
    ... )
    >>> nearest_inch = DimensionRounding("in", 1, "half-up")
    >>> chargeable_weight(
    ...     cube, divisor=Decimal(139), increment=Decimal(1), unit="lb",
    ...     dimension_rounding=nearest_inch,
    ... )
    Decimal('10')
    >>> DimensionRounding("in", 1, "half-even")
    Traceback (most recent call last):
    ...
    commercekit.errors.InvalidAmountChoiceError: 'half-even' is not a way carriers ...
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Literal

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import EXACT, context_free, named_at_the_door
from commercekit._trusted import trusted
from commercekit.errors import InputKind, InvalidAmountError
from commercekit.money import RoundingMode, round_ratio, to_decimal

__all__ = [
    "CM_PER_IN",
    "KG_PER_LB",
    "DimensionRounding",
    "Parcel",
    "chargeable_weight",
]

KG_PER_LB = Decimal("0.45359237")
"""The international avoirdupois pound, exactly (1959 agreement)."""
CM_PER_IN = Decimal("2.54")
"""The international inch, exactly."""
_CM_PER_IN = CM_PER_IN.as_integer_ratio()  # 127 / 50
_KG_PER_LB = KG_PER_LB.as_integer_ratio()


def _size(value: object) -> Decimal:
    number = to_decimal(value, "size")
    if number < 0:
        raise InvalidAmountError(value, "is negative; weights and sizes are 0 or more")
    return number


_LENGTH_UNITS: dict[object, Literal["in", "cm"]] = {"in": "in", "cm": "cm"}
_SIDE_MODES = {mode.value: mode for mode in (RoundingMode.HALF_UP, RoundingMode.UP)}


def _length_unit(value: object) -> Literal["in", "cm"]:
    unit = _LENGTH_UNITS.get(value) if isinstance(value, str) else None
    if unit is None:
        raise InvalidAmountError.of_kind(InputKind.CHOICE)(
            value, "is not a unit of length; use 'in' or 'cm'", choices=("in", "cm")
        )
    return unit


def _side_increment(value: object) -> Decimal:
    step = to_decimal(value, "increment")
    if step <= 0:
        raise InvalidAmountError(
            value, "is not a positive increment; carriers round sides to a step such as 1"
        )
    return step


def _side_mode(value: object) -> RoundingMode:
    mode = _SIDE_MODES.get(value) if isinstance(value, str) else None
    if mode is None:
        raise InvalidAmountError.of_kind(InputKind.CHOICE)(
            value,
            "is not a way carriers round a side; use 'half-up' (to the nearest step, "
            "a half going up) or 'up' (any fraction goes up to the next step)",
            choices=_SIDE_MODES,
        )
    return mode


def _source(value: object) -> str | None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise InvalidAmountError.of_kind(InputKind.TEXT)(
            value, "is not a source; give the carrier page's URL"
        )
    return value


@named_at_the_door
@attrs.frozen
class DimensionRounding:
    """How a carrier measures each side of a parcel before working out its volume.

    Each side is taken in the carrier's ``unit`` (``"in"`` or ``"cm"``; a parcel kept in
    centimetres converts exactly, 1 in = 2.54 cm) and rounded to a whole number of
    ``increment`` with ``mode``: ``"half-up"`` (to the nearest step, a half going up:
    10.49 in is 10 in, 10.5 in is 11 in) or ``"up"`` (any fraction goes up: 10.1 in is
    11 in). ``source`` is where the carrier says so.

    What carriers publish (checked 2026-11-30; the rule changed on 2025-08-18):

    * UPS, until 2025-08-17: each side "to the nearest whole number", 1.00 to 1.49
      counting as 1 and 1.50 to 1.99 as 2 (``"half-up"``).
      https://www.ups.com/us/en/help-center/packaging-and-supplies/determine-billable-weight.page
    * UPS, from 2025-08-18: every fraction of an inch up to the next whole inch (11.1 in
      is 12 in; ``"up"``). Quoted from ups.com by
      https://www.supplychaindive.com/news/ups-dimensional-weight-rounding-change/756929
    * FedEx, until 2025-08-17: a half inch or more up, less than a half down
      (``"half-up"``); from 2025-08-18 every fraction of an inch or centimetre up
      (``"up"``). Service-guide wording as quoted in
      https://help.propertyroom.com/support/solutions/articles/44001804965-dimensional-weight
      and https://community.ebay.com/t5/Shipping/Shipping-Guide-Measuring-Packages/td-p/35214174/highlight/true/page/2
      (no fedex.com page stating either rule was found).
    * DHL Express (United States): each side to the nearest whole number "using
      standard rounding rules", 19.5 in counting as 20 (``"half-up"``).
      http://www.dhl-usa.com/en/tools/volumetric_weight_express.html
      DHL Express pages for centimetres give L x W x H / 5000 and no rounding of the
      sides, e.g. https://dhlexpressestonia.ee/en/terms-and-conditions-2/volumetric-weight-calculator/
    * Canada Post: measurements "rounded up to the nearest centimeter" (``"up"``).
      https://www.canadapost.ca/tools/cst/web/help/item_typical_weights.asp
    * USPS: each side "round off" to the nearest whole inch (DMM 123.1.4 and
      283.1.4.2, as quoted in shippers' forums: https://pe.usps.com/text/dmm300/283.htm),
      where round off takes a 5 or more up (``"half-up"``), as the DMM defines it:
      https://pe.usps.com/archive/html/dmmarchive20030810/P013.htm

    Examples:
        >>> cube_side = Decimal("10.5") * CM_PER_IN  # 26.670 cm
        >>> DimensionRounding("in", 1, "half-up").measure(cube_side)
        Decimal('11')
        >>> DimensionRounding("in", 1, "half-up").measure(Decimal("10.49") * CM_PER_IN)
        Decimal('10')
        >>> DimensionRounding("in", 1, "up").measure(Decimal("10.01") * CM_PER_IN)
        Decimal('11')
        >>> DimensionRounding("cm", Decimal("0.5"), "up").measure(Decimal("30.2"))
        Decimal('30.5')
        >>> DimensionRounding("cm", 0, "up")
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidAmountError: 0 is not a positive increment; ...
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    unit: Literal["in", "cm"] = attrs.field(converter=_length_unit)
    increment: Decimal = attrs.field(converter=_side_increment)
    mode: RoundingMode = attrs.field(converter=_side_mode)
    # Where the carrier says so: provenance, not part of the rule, so not compared.
    source: str | None = attrs.field(
        default=None, kw_only=True, converter=_source, eq=False
    )

    @classmethod
    @named_at_the_door
    def from_dict(cls, data: Mapping[str, object]) -> DimensionRounding:
        """From ``{"unit": "cm", "increment": "1", "mode": "up", "source": "https://…"}``."""
        if not isinstance(data, Mapping):
            raise InvalidAmountError.of_kind(InputKind.LIST)(
                data,
                "is not how a carrier measures; pass a dict with unit, increment, mode",
            )
        missing = [key for key in ("unit", "increment", "mode") if key not in data]
        if missing:
            raise InvalidAmountError(
                dict(data), f"needs {', '.join(missing)} to say how the carrier measures"
            )
        return cls(data["unit"], data["increment"], data["mode"], source=data.get("source"))

    def to_dict(self) -> dict[str, str]:
        """The JSON form ``from_dict`` reads back equal."""
        data = {
            "unit": self.unit,
            "increment": str(self.increment),
            "mode": self.mode.value,
        }
        return data | ({"source": self.source} if self.source else {})

    @context_free
    def measure(self, size_cm: Decimal) -> Decimal:
        """One side given in cm, as the carrier measures it: in ``unit``, rounded."""
        return _measured(self, _size(size_cm))


def _measured(rounding: DimensionRounding, size_cm: Decimal) -> Decimal:
    """``rounding.measure`` of a side already checked (a parcel's)."""
    # The exact ratio size / (1 in) / increment, in integers: rounded once.
    size, per = size_cm.as_integer_ratio()
    if rounding.unit == "in":
        size, per = size * _CM_PER_IN[1], per * _CM_PER_IN[0]
    step, per_step = rounding.increment.as_integer_ratio()
    whole = round_ratio(size * per_step, per * step, rounding.mode)
    return EXACT.multiply(Decimal(whole), rounding.increment)


def check_dimension_rounding(value: object) -> DimensionRounding | Literal["exact"]:
    """A carrier's way of measuring, or ``"exact"``; anything else is refused."""
    if isinstance(value, DimensionRounding):
        return value
    if value == "exact" and isinstance(value, str):
        return "exact"
    raise InvalidAmountError(
        value,
        "does not say how the carrier measures a parcel; pass a DimensionRounding "
        "such as DimensionRounding('in', 1, 'up'), or 'exact' if the carrier uses the "
        "sizes as given",
    )


@named_at_the_door
@attrs.frozen
class Parcel:
    """A parcel, kept in kilograms and centimetres (exact conversions from lb and in)."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    weight_kg: Decimal = attrs.field(converter=_size)
    length_cm: Decimal = attrs.field(converter=_size)
    width_cm: Decimal = attrs.field(converter=_size)
    height_cm: Decimal = attrs.field(converter=_size)

    @classmethod
    @named_at_the_door
    def metric(
        cls, *, weight: Decimal | int, length: Decimal | int, width: Decimal | int,
        height: Decimal | int,
    ) -> Parcel:  # fmt: skip
        """A parcel measured in kg and cm."""
        return cls(weight, length, width, height)

    @classmethod
    @named_at_the_door
    def imperial(
        cls, *, weight: Decimal | int, length: Decimal | int, width: Decimal | int,
        height: Decimal | int,
    ) -> Parcel:  # fmt: skip
        """A parcel measured in lb and in; converted exactly."""
        return cls(
            EXACT.multiply(_size(weight), KG_PER_LB),
            EXACT.multiply(_size(length), CM_PER_IN),
            EXACT.multiply(_size(width), CM_PER_IN),
            EXACT.multiply(_size(height), CM_PER_IN),
        )

    @property
    def volume_cm3(self) -> Decimal:
        """Length x width x height, in cm³."""
        return EXACT.multiply(EXACT.multiply(self.length_cm, self.width_cm), self.height_cm)

    @named_at_the_door
    def as_measured(
        self, dimension_rounding: DimensionRounding | Literal["exact"]
    ) -> Parcel:
        """This parcel with each side as the carrier measures it (still kept in cm).

        Examples:
            >>> box = Parcel.imperial(weight=1, length=Decimal("10.4"), width=8, height=6)
            >>> box.as_measured(DimensionRounding("in", 1, "half-up")).length_cm
            Decimal('25.40')
            >>> box.as_measured("exact") == box
            True
        """
        rounding = check_dimension_rounding(dimension_rounding)
        if rounding == "exact":
            return self
        per_unit = CM_PER_IN if rounding.unit == "in" else Decimal(1)
        length, width, height = (
            EXACT.multiply(_measured(rounding, side), per_unit)
            for side in (self.length_cm, self.width_cm, self.height_cm)
        )
        return trusted(
            Parcel,
            weight_kg=self.weight_kg,
            length_cm=length,
            width_cm=width,
            height_cm=height,
        )


@context_free
def chargeable_weight(
    parcel: Parcel,
    *,
    divisor: Decimal,
    increment: Decimal,
    dimension_rounding: DimensionRounding | Literal["exact"],
    unit: Literal["kg", "lb"] = "kg",
) -> Decimal:
    """The weight a carrier charges: max(actual, dimensional), rounded up to ``increment``.

    Each side is first measured the carrier's way (``dimension_rounding``; ``"exact"``
    keeps the sizes as given), then multiplied and divided by ``divisor``: in cm³ per kg
    for ``unit="kg"`` and in³ per lb for ``unit="lb"``. The result is in ``unit``,
    rounded up to ``increment`` only after the comparison.
    """
    if not isinstance(parcel, Parcel):
        raise InvalidAmountError.of_kind(InputKind.TYPE)(parcel, "is not a Parcel")
    divisor = to_decimal(divisor, "divisor")
    step = to_decimal(increment, "weight increment")
    if divisor <= 0 or step <= 0:
        raise InvalidAmountError((divisor, step), "needs a positive divisor and increment")
    if not isinstance(unit, str) or unit not in ("kg", "lb"):
        raise InvalidAmountError.of_kind(InputKind.CHOICE)(
            unit, "is not a weight unit; use 'kg' or 'lb'", choices=("kg", "lb")
        )
    measured = parcel.as_measured(dimension_rounding)
    return weight_charged(parcel.weight_kg, measured.volume_cm3, divisor, step, unit)


def weight_charged(
    weight_kg: Decimal,
    volume_cm3: Decimal,
    divisor: Decimal,
    step: Decimal,
    unit: Literal["kg", "lb"] = "kg",
) -> Decimal:
    """``chargeable_weight`` of a parcel already measured the carrier's way (its
    ``weight_kg`` and measured ``volume_cm3``), for a checked positive ``divisor`` and
    ``step``: the greater of the actual and the dimensional weight, in exact integer
    ratios, rounded up to ``step`` once."""
    actual, per_actual = weight_kg.as_integer_ratio()
    volume, per_volume = volume_cm3.as_integer_ratio()
    by, per_by = divisor.as_integer_ratio()
    dimensional, per_dimensional = volume * per_by, per_volume * by  # cm3 / divisor
    if unit == "lb":  # kg / (kg per lb); in3 = cm3 / (cm per in)^3
        actual, per_actual = actual * _KG_PER_LB[1], per_actual * _KG_PER_LB[0]
        inch, per_inch = _CM_PER_IN
        dimensional *= per_inch**3
        per_dimensional *= inch**3
    if actual * per_dimensional < dimensional * per_actual:
        actual, per_actual = dimensional, per_dimensional
    increment, per_increment = step.as_integer_ratio()
    steps = round_ratio(
        actual * per_increment, per_actual * increment, RoundingMode.CEILING
    )
    return EXACT.multiply(Decimal(steps), step)
