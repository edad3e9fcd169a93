"""India: the GST and compensation cess of motor cars, by the facts of the car.

Motor cars (heading 8703) paid 28 % GST and a **compensation cess** that turns on the
fuel, the engine capacity and the length of the car, and for large cars on whether it
is a utility vehicle with a ground clearance of 170 mm or more (Notification
1/2017-Compensation Cess (Rate) S. No. 50-52B, as amended by 5/2017 from 2017-09-11):

* petrol, LPG or CNG, not exceeding 1200 cc and 4000 mm: 1 %; diesel, not exceeding
  1500 cc and 4000 mm: 3 % (S. No. 50, 51);
* any other car: 15 % until 2017-09-10; from 2017-09-11, 17 % not exceeding 1500 cc,
  20 % above, 22 % for a utility vehicle above 1500 cc, 4000 mm and 170 mm (52-52B).

From 2025-09-22 the cess is Nil (2/2025-Compensation Cess (Rate)) and the GST is 18 %
for the small cars of S. No. 50 and 51 and 40 % for the others (9/2025-Central Tax
(Rate) Schedules II and III). The caller states the facts in a
[`RateFacts`][commercekit.tax.RateFacts]; a fact the car's rate turns on that is not
stated is refused by name. Electric cars are rated by ``tax/_in_electric.py`` (12 %,
5 % from 2019-08-01, no cess). Hybrid cars (``petrol_hybrid``, ``diesel_hybrid``) pay
the cars' GST and, from 2017-09-11, the cess of their own entries (S. No. 47 and 48 as
5/2017 substituted them): Nil up to 1200 cc (petrol) or 1500 cc (diesel) and 4000 mm,
15 % above; from 2025-09-22 no cess and 18 % or 40 % by the same limits, as reported.
Before 2017-09-11 a hybrid is refused (the entries as first issued were not read). The
rows are in ``_data/in_motor_cars.csv``, each with the reproduction it was read in (no
notification was read in the gazette itself).

Examples:
    >>> from datetime import date
    >>> from commercekit.tax import RateFacts, fact_rates
    >>> hatchback = RateFacts(propulsion="petrol", engine_cc=1197, length_mm=3995)
    >>> [(r.tax, r.rate) for r in fact_rates("IN-MH", "motor_cars", hatchback,
    ...                                      on=date(2025, 9, 21))]
    [('CGST', Decimal('14')), ('SGST', Decimal('14')), ('compensation cess', Decimal('1'))]
    >>> [(r.tax, r.rate) for r in fact_rates("IN", "motor_cars", hatchback,
    ...                                      on=date(2025, 9, 22))]
    [('IGST', Decimal('18'))]
    >>> sedan = RateFacts(propulsion="petrol_hybrid", engine_cc=1498, length_mm=4583)
    >>> [(r.tax, r.rate) for r in fact_rates("IN", "motor_cars", sedan,
    ...                                      on=date(2025, 9, 21))]
    [('IGST', Decimal('28')), ('compensation cess', Decimal('15'))]
"""

from __future__ import annotations

import enum
import functools
from datetime import date
from typing import TYPE_CHECKING

import attrs

from commercekit import _bundled
from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit.errors import InputKind, MissingDataError, NoRuleError
from commercekit.tax import _checks
from commercekit.tax._categories import TaxCategory
from commercekit.tax._in_electric import electric_rates
from commercekit.tax._in_headings import CESS, row_rate, split_gst
from commercekit.tax._tax_rate import TaxRate

if TYPE_CHECKING:  # _in_rate_facts imports this module
    from commercekit.tax._in_rate_facts import RateFacts

__all__ = [
    "Propulsion", "car_rates", "car_rows", "engine_cc", "length_mm", "limit",
    "missing_fact", "propulsion",
]  # fmt: skip

_LARGEST = 100_000
"""No car's engine (cc) or length (mm) reaches this: a larger figure is a mistake."""


class Propulsion(enum.StrEnum):
    """What drives a motor car or motorcycle, as India's GST and compensation cess
    entries name it."""

    PETROL = "petrol"
    """Petrol, liquefied petroleum gases (LPG) or compressed natural gas (CNG)."""
    DIESEL = "diesel"
    """Diesel (compression ignition)."""
    HYBRID = "hybrid"
    """An engine and an electric motor, not saying which engine: refused for a car,
    whose entry turns on it (say ``petrol_hybrid`` or ``diesel_hybrid``)."""
    PETROL_HYBRID = "petrol_hybrid"
    """A spark-ignition engine (petrol, LPG or CNG) and an electric motor, both "as
    motors for propulsion" (8703 40, 8703 60, plug-in hybrids included; compensation
    cess S. No. 47): the electric motor can propel the car on its own. A mild hybrid,
    whose motor only assists the engine, is ``petrol`` (the Haryana advance ruling on
    S. No. 48 of 25 Oct 2018)."""
    DIESEL_HYBRID = "diesel_hybrid"
    """A compression-ignition engine (diesel or semi-diesel) and an electric motor,
    both "as motors for propulsion" (8703 50, 8703 70; compensation cess S. No. 48): a
    mild hybrid is ``diesel``, as ``PETROL_HYBRID`` says."""
    ELECTRIC = "electric"
    """Electrically operated: run solely on electrical energy (``tax/_in_electric.py``)."""

    @classmethod
    def _missing_(cls, value: object) -> Propulsion | None:
        """None for a value that is no member; a CNG or LPG car is refused, told to say
        'petrol' (so a JSON request is, at its path)."""
        refuse_gas(value)
        return None

    @property
    def hybrid(self) -> bool:
        """Whether an engine and an electric motor drive the vehicle."""
        return self in _HYBRIDS


_HYBRIDS = frozenset(
    {Propulsion.HYBRID, Propulsion.PETROL_HYBRID, Propulsion.DIESEL_HYBRID}
)

_HYBRID_ENTRIES = date(2017, 9, 11)
"""From this day compensation cess S. No. 47 and 48 read as 5/2017-Compensation Cess
(Rate) substituted them; their words before it were not read."""


_GASES = frozenset({"cng", "lpg"})
"""Fuels the entries name with petrol ("petrol, LPG or CNG driven"), not values."""


def propulsion(value: object) -> Propulsion | None:
    """What drives the car, or ``None``; a CNG or LPG car is told to say ``petrol``."""
    refuse_gas(value)
    return None if value is None else _checks.choice(value, Propulsion, "propulsion")


def refuse_gas(value: object) -> None:
    """Refuse 'cng' or 'lpg' as a propulsion, saying which value the entries give it."""
    if isinstance(value, str) and value.strip().lower() in _GASES:
        raise invalid(
            "propulsion",
            value,
            "is not a Propulsion value: the GST and cess entries name vehicles "
            "'petrol, LPG or CNG driven' together, so say 'petrol' ('petrol_hybrid' "
            "with an electric motor)",
            kind=InputKind.CHOICE,
            choices=[member.value for member in Propulsion],
        )


def _size(value: object, field: str) -> int | None:
    """An engine capacity (cc) or a length (mm): a whole number from 1 to 99,999, or
    ``None``."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(field, value, "is not a whole number", kind=InputKind.TYPE)
    if not 0 < value < _LARGEST:
        raise invalid(field, value, f"is not from 1 to {_LARGEST - 1}")
    return value


def engine_cc(value: object) -> int | None:
    """The engine capacity in cc, or ``None``."""
    return _size(value, "engine_cc")


def length_mm(value: object) -> int | None:
    """The length in mm, or ``None``."""
    return _size(value, "length_mm")


@attrs.frozen
class _Row:
    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash

    propulsion: Propulsion | None
    engine_cc: tuple[int | None, int | None]
    length_mm: tuple[int | None, int | None]
    utility_vehicle: bool | None
    rate: TaxRate

    def matches(self, facts: RateFacts, engine_cc: int, length_mm: int) -> bool | None:
        """Whether the car matches; ``None`` where it turns on ``utility_vehicle``,
        not stated."""
        if self.propulsion not in (None, facts.propulsion):
            return False
        for (over, up_to), value in (
            (self.engine_cc, engine_cc),
            (self.length_mm, length_mm),
        ):
            if (over is not None and value <= over) or (
                up_to is not None and value > up_to
            ):
                return False
        if self.utility_vehicle is None:
            return True
        if facts.utility_vehicle is None:
            return None
        return self.utility_vehicle == facts.utility_vehicle


_COLUMNS = (
    "tax", "rate", "kind", "propulsion", "engine_cc_over", "engine_cc_up_to",
    "length_mm_over", "length_mm_up_to", "utility_vehicle", "since", "until",
    "source", "note",
)  # fmt: skip


def limit(line: _bundled.Line, column: str) -> int | None:
    """A whole-number limit of a data row (cc, mm), or ``None`` where blank."""
    found = line.optional_decimal(column)
    return None if found is None else int(found)


def _row(line: _bundled.Line) -> _Row:
    said = line.optional_text("utility_vehicle")
    return _Row(
        propulsion=line.optional_choice("propulsion", Propulsion),
        engine_cc=(limit(line, "engine_cc_over"), limit(line, "engine_cc_up_to")),
        length_mm=(limit(line, "length_mm_over"), limit(line, "length_mm_up_to")),
        utility_vehicle=None if said is None else line.flag("utility_vehicle"),
        rate=row_rate(line, line.text("tax"), TaxCategory.MOTOR_CARS),
    )


@functools.cache
def car_rows() -> tuple[_Row, ...]:
    """The bundled rows, read when first asked for."""
    lines = _bundled.read("commercekit.tax", "in_motor_cars.csv", columns=_COLUMNS)
    rows = [(line, _row(line)) for line in lines]
    _bundled.check_periods(
        (line, (row.rate.tax, row.propulsion, row.engine_cc, row.length_mm,
                row.utility_vehicle), row.rate.since, row.rate.until)
        for line, row in rows
    )  # fmt: skip
    return tuple(row for _, row in rows)


def missing_fact(vehicle: str, field: str, why: str) -> MissingDataError:
    """The refusal of a ``vehicle`` ("car", "motorcycle") whose ``field`` is not
    stated, saying the rate turns on ``why``."""
    turns = f"India's GST and compensation cess on a {vehicle} turn on {why}"
    return MissingDataError(
        f"RateFacts.{field}",
        f"{turns}; pass RateFacts({field}=...) with the {vehicle}'s other facts",
        field=f"facts.{field}",
        json_how=f'{turns}; write "{field}" in the product\'s "rate_facts", with the '
        f"{vehicle}'s other facts",
    )


def hybrid_refused(vehicles: str, vehicle: str, bundled: str) -> MissingDataError:
    """The refusal of a hybrid ``vehicle`` ("motor car", plural ``vehicles``), whose
    entries commercekit does not bundle: ``bundled`` says which it does."""
    return MissingDataError(
        f"IN GST rate for hybrid {vehicles}",
        f"{bundled}; pass a TaxRateSource with the {vehicle}'s rates",
        field="facts.propulsion",
        json_how=f"{bundled}, and a JSON request carries no rates of its own",
    )


def car_rates(code: str, facts: RateFacts, day: date) -> tuple[TaxRate, ...]:
    """The GST of a motor car with ``facts`` on ``day`` as the taxes of the place
    ``code``, then its compensation cess where one applies. Raises
    ``MissingDataError`` naming the fact not stated (or a hybrid car, not bundled)
    and ``NoRuleError`` before 2017-07-01."""
    in_force = [row for row in car_rows() if row.rate.covers(day)]
    if not in_force:
        raise NoRuleError("IN GST rate for motor_cars by its facts", day, "2017-07-01 on")
    if facts.propulsion is None:
        raise missing_fact(
            "motor car", "propulsion", "what drives the car (petrol, LPG or CNG; diesel)"
        )
    if facts.propulsion is Propulsion.ELECTRIC:
        return electric_rates(code, TaxCategory.MOTOR_CARS, day)
    if facts.propulsion is Propulsion.HYBRID:
        raise missing_fact(
            "hybrid car",
            "propulsion",
            "its engine (compensation cess S. No. 47, a spark-ignition engine: "
            "'petrol_hybrid'; S. No. 48, a compression-ignition engine: "
            "'diesel_hybrid'), each with an electric motor that can propel the car on "
            "its own ('motors for propulsion', as the Haryana advance ruling of 25 Oct "
            "2018 read it); a mild hybrid, whose motor only assists the engine, is "
            "rated by its engine: 'petrol' or 'diesel'",
        )
    if facts.propulsion.hybrid and day < _HYBRID_ENTRIES:
        bundled = (
            "commercekit bundles a hybrid car's compensation cess (S. No. 47 and 48) "
            "from 2017-09-11, as 5/2017-Compensation Cess (Rate) substituted it; the "
            "entries as first issued were not read (the GST Council's table of 9 "
            "September 2017 gives 15 % for hybrid mid-segment, large and sports "
            "utility cars, and nothing for the small ones)"
        )
        raise hybrid_refused("motor cars", "car", bundled)
    cc, mm = facts.engine_cc, facts.length_mm
    if cc is None:
        raise missing_fact("motor car", "engine_cc", "the engine capacity in cc")
    if mm is None:
        raise missing_fact("motor car", "length_mm", "the length of the car in mm")
    found = [(row, row.matches(facts, cc, mm)) for row in in_force]
    if any(matched is None for _, matched in found):
        raise missing_fact(
            "motor car",
            "utility_vehicle",
            "whether a car above 1500 cc and 4000 mm is a utility vehicle (SUV, MUV, "
            "MPV, XUV) with a ground clearance of 170 mm or more (compensation cess "
            "S. No. 52B)",
        )
    rates = [row.rate for row, matched in found if matched]
    [gst] = [rate for rate in rates if rate.tax == "GST"]  # the rows tile the facts
    cess = tuple(attrs.evolve(r, jurisdiction=code) for r in rates if r.tax == CESS)
    return split_gst(gst, code, day) + cess
