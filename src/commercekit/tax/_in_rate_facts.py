"""India: the facts of a supply a GST rate may turn on beyond its category.

A shop states them in a [`RateFacts`][commercekit.tax.RateFacts], once per product:
the value of a hotel room per day, a restaurant's premises (and before 2017-11-15 its
air conditioning and liquor licence), the HSN heading of a drink, how a passenger
travels (an [`AirClass`][commercekit.tax.AirClass] by air, a
[`Conveyance`][commercekit.tax.Conveyance] by rail or road) and, where the supplier
may choose its rate, whether it takes full input tax credit, the price marked on a pair
of footwear, and what a motor car is (a [`Propulsion`][commercekit.tax.Propulsion],
its engine capacity and length). Each fact is checked when the ``RateFacts`` is built;
which of them a rate turns on, and on which days, is
[`fact_rates`][commercekit.tax.fact_rates]' to say (``tax/_in_facts.py``).

Examples:
    >>> RateFacts(conveyance="radio_taxi").conveyance
    <Conveyance.RADIO_TAXI: 'radio_taxi'>
    >>> RateFacts(engine_cc=True)
    Traceback (most recent call last):
    ...
    commercekit.errors.InvalidAmountTypeError: True is not a whole number ...
"""

from __future__ import annotations

import enum

import attrs

from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import named_at_the_door
from commercekit.money import Money
from commercekit.tax import _checks
from commercekit.tax._in_cars import Propulsion, engine_cc, length_mm, propulsion
from commercekit.tax._in_conveyance import Conveyance
from commercekit.tax._in_headings import check_heading

__all__ = ["AirClass", "RateFacts"]


class AirClass(enum.StrEnum):
    """The class a passenger travels in by air, as India's GST rates it."""

    ECONOMY = "economy"
    """Economy class."""
    OTHER = "other"
    """Other than economy class: premium economy, business, first."""


def _in_rupees(value: object, field: str) -> Money | None:
    """A value in INR, not negative, or ``None``."""
    if value is None:
        return None
    found = _checks.amount(value, field)
    if found.currency.code != "INR":
        raise invalid(field, value, "is not in INR; the bands are in rupees")
    return found


def _value_per_day(value: object) -> Money | None:
    return _in_rupees(value, "unit_value_per_day")


def _marked_price(value: object) -> Money | None:
    return _in_rupees(value, "marked_retail_price")


def _premises(value: object) -> bool | None:
    return None if value is None else _checks.flag(value, "specified_premises")


def _utility(value: object) -> bool | None:
    return None if value is None else _checks.flag(value, "utility_vehicle")


def _conveyance(value: object) -> Conveyance | None:
    return None if value is None else _checks.choice(value, Conveyance, "conveyance")


def _air_conditioned(value: object) -> bool | None:
    return None if value is None else _checks.flag(value, "air_conditioned")


def _liquor_licence(value: object) -> bool | None:
    return None if value is None else _checks.flag(value, "liquor_licence")


def _full_credit(value: object) -> bool | None:
    return None if value is None else _checks.flag(value, "full_input_tax_credit")


def _heading(value: object) -> str | None:
    return None if value is None else check_heading(value)


def _air_class(value: object) -> AirClass | None:
    return None if value is None else _checks.choice(value, AirClass, "air_class")


@named_at_the_door
@attrs.frozen
class RateFacts:
    """The facts an Indian GST rate turns on beyond the category.

    ``unit_value_per_day`` (INR, without the GST) is the value of a unit of hotel
    accommodation per day: its declared tariff before 2018-07-27, its value of supply
    (transaction value) from that day. ``specified_premises`` says whether a restaurant
    service is supplied at "specified premises" as the definition of the day has it
    (a hotel whose units reach Rs 7500 a day). ``heading`` is the HSN heading, subheading
    or tariff item of goods (4, 6 or 8 digits, kept without spaces: ``'22021010'``),
    which rates a drink and says whether it pays the compensation cess.
    ``air_conditioned`` (the restaurant has air-conditioning or central air-heating in
    any part of the establishment at any time during the year) and ``liquor_licence``
    (it has a licence or permit to serve alcoholic liquor) rate restaurant service from
    2017-07-01 to 2017-11-14. ``air_class`` (an [`AirClass`][commercekit.tax.AirClass])
    rates a passenger's travel by air, ``conveyance`` (a
    [`Conveyance`][commercekit.tax.Conveyance]) by rail or road. Where an entry lets
    the supplier choose its rate, ``full_input_tax_credit`` says the choice: ``True``
    the higher rate with full input tax credit, ``False`` the lower rate without it
    (a motor vehicle with the fuel in the fare from 2025-09-22: 18 % or 5 %, the
    lower with credit only of input services in the same line of business).
    ``marked_retail_price`` (INR, GST included) is the retail sale price indelibly
    marked or embossed on a pair of footwear, which rated footwear before 2022-01-01
    (the GST itself is still charged on the price the buyer pays). A motor car is
    described by ``propulsion`` (a [`Propulsion`][commercekit.tax.Propulsion]),
    ``engine_cc`` (cubic centimetres), ``length_mm`` (millimetres) and
    ``utility_vehicle`` (an SUV, MUV, MPV or XUV with a ground clearance of 170 mm or
    more, as compensation cess S. No. 52B of the day has it); a motorcycle by
    ``propulsion`` and ``engine_cc``.

    ``None`` means not said: a rate that turns on the fact is refused; a fact the
    day's rate does not turn on is not looked at. Raises ``InvalidInputError``
    subclasses for a value or price that is negative, not ``Money`` or not in INR, a
    flag that is not a ``bool``, a heading that is not 4, 6 or 8 digits, an
    ``air_class``, ``conveyance`` or ``propulsion`` not among its enum's values, and a
    size that is not a whole number from 1 to 99,999.

    Examples:
        >>> facts = RateFacts(heading="2202 10 10", air_class="economy")
        >>> facts.heading, facts.air_class
        ('22021010', <AirClass.ECONOMY: 'economy'>)
        >>> RateFacts(unit_value_per_day=Money("90.00", "USD"))
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidAmountError: ... is not in INR; the bands are in ...
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash

    unit_value_per_day: Money | None = attrs.field(default=None, converter=_value_per_day)
    specified_premises: bool | None = attrs.field(default=None, converter=_premises)
    heading: str | None = attrs.field(default=None, converter=_heading)
    air_class: AirClass | None = attrs.field(default=None, converter=_air_class)
    marked_retail_price: Money | None = attrs.field(default=None, converter=_marked_price)
    propulsion: Propulsion | None = attrs.field(default=None, converter=propulsion)
    engine_cc: int | None = attrs.field(default=None, converter=engine_cc)
    length_mm: int | None = attrs.field(default=None, converter=length_mm)
    utility_vehicle: bool | None = attrs.field(default=None, converter=_utility)
    air_conditioned: bool | None = attrs.field(default=None, converter=_air_conditioned)
    liquor_licence: bool | None = attrs.field(default=None, converter=_liquor_licence)
    conveyance: Conveyance | None = attrs.field(default=None, converter=_conveyance)
    full_input_tax_credit: bool | None = attrs.field(default=None, converter=_full_credit)
