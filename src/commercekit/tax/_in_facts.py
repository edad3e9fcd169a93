"""India: GST rates that turn on a fact of the supply, not on its category alone.

Hotel accommodation is rated by the value of a unit of accommodation per day, in bands
that changed five times (Notification 11/2017-Central Tax (Rate) S. No. 7 and the
exemption of 12/2017-Central Tax (Rate) S. No. 14, as amended):

* 2017-07-01: the *declared tariff*: below Rs 1000 Nil, Rs 1000 to below 2500 12 %,
  Rs 2500 to below 7500 18 %, Rs 7500 and above 28 %;
* 2018-07-27 (13/2018): the same bands on the *value of supply* (the transaction value);
* 2019-10-01 (20/2019): up to Rs 1000 Nil, above 1000 up to 7500 12 %, above 7500 18 %;
* 2022-07-18 (3/2022, 4/2022): the Nil band gone, up to Rs 7500 12 %;
* 2025-09-22 (15/2025): up to Rs 7500 5 % without input tax credit, above 18 %.

Restaurant service is rated by its premises: from 2017-11-15 (46/2017) 5 % without
input tax credit, 18 % in a hotel whose rooms reach Rs 7500 a day ("specified premises"
from 2019-10-01, redefined from 2025-04-01 by 05/2025). From 2017-07-01 to 2017-11-14
(11/2017 S. No. 7 as first issued) 12 % with neither air conditioning nor a licence to
serve liquor, 18 % with either, in a hotel whose rooms reach Rs 7500 a day too (the
GST Council's 28 % of May 2017 for five-star hotels was made 18 % on 18 June 2017).

Footwear before 2022-01-01 is rated by the **retail sale price marked on each pair**
(GST included): 5 % if it does not exceed Rs 500 (Rs 1000 from 2018-07-27, 18/2018),
18 % above (1/2017-Central Tax (Rate) Schedule I S. No. 225, as reproduced; from
2022-01-01 by the sale value of each pair, ``_data/per_item.csv``).

Motor cars are rated by their fuel, engine capacity, length and, for large cars,
whether they are utility vehicles, with the compensation cess until 2025-09-21
(``tax/_in_cars.py``); motorcycles by their fuel and engine capacity, with the cess
above 350 cc until 2025-09-21 (``tax/_in_motorcycles.py``); electric ones of either
category at 12 %, 5 % from 2019-08-01, without cess (``tax/_in_electric.py``).

Passengers by air are rated by their class: economy 5 %, other than economy 12 %, 18 %
from 2025-09-22 (as reported; the entries were not read). By rail and road, by the
conveyance (``tax/_in_conveyance.py``): rail in first class or an air-conditioned
coach, an air-conditioned contract or stage carriage, a radio taxi 5 %; rail in other
classes and metro exempt, from 2017-07-01; a motorcab, maxicab or motor cycle with the
fuel in the fare at 5 % or, with full input tax credit, 12 % (18 % from 2025-09-22) as
the supplier chooses (``RateFacts.full_input_tax_credit``; a motorcab's 12 % from
2017-08-22, the others' rates from 2017-10-13); from 2025-09-22 rail as reported
unchanged; the other conveyances refused, saying what was reported.
Drinks of heading 2202 10 are rated by the heading stated, and pay the compensation
cess beside the GST until 2025-09-21 (``tax/_in_headings.py``); pan masala, which
needs no fact, 28 % and a 60 % cess until 2023-03-31, and is refused after, when its
cess and then its GST turn on the retail sale price of each unit
(``tax/_in_pan_masala.py``).

The caller states the fact in a [`RateFacts`][commercekit.tax.RateFacts];
[`fact_rates`][commercekit.tax.fact_rates] answers the rates of the taxes of the place
(``IN``: IGST at the rate; a State: CGST and SGST at half each), which a
[`TaxLine`][commercekit.tax.TaxLine] takes. Without the fact it refuses, naming it.
The rows are in ``_data/in_by_fact.csv``, each with its source.

Examples:
    >>> from datetime import date
    >>> from commercekit.money import Money
    >>> room = RateFacts(unit_value_per_day=Money("7500.00", "INR"))
    >>> [(r.tax, r.rate) for r in fact_rates("IN-KA", "accommodation", room,
    ...                                      on=date(2025, 9, 21))]
    [('CGST', Decimal('6')), ('SGST', Decimal('6'))]
    >>> [(r.tax, r.rate) for r in fact_rates("IN", "accommodation", room,
    ...                                      on=date(2025, 9, 22))]
    [('IGST', Decimal('5'))]
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal

import attrs

from commercekit import _bundled
from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free
from commercekit.errors import InputKind, MissingDataError, NoRuleError
from commercekit.regions import check_day
from commercekit.tax import _checks
from commercekit.tax._categories import TaxCategory, check_category
from commercekit.tax._in_cars import car_rates, car_rows
from commercekit.tax._in_conveyance import why_not_bundled
from commercekit.tax._in_electric import electric_rows
from commercekit.tax._in_headings import (
    heading_categories,
    heading_rates,
    row_rate,
    split_gst,
)
from commercekit.tax._in_headings import rows_table as heading_rows
from commercekit.tax._in_motorcycles import motorcycle_rates, motorcycle_rows
from commercekit.tax._in_pan_masala import pan_masala_rates
from commercekit.tax._in_rate_facts import RateFacts
from commercekit.tax._item_rules import ItemRule
from commercekit.tax._tax_rate import TaxRate

__all__ = ["fact_rates", "has_fact_rows"]

_FIELDS = {
    TaxCategory.ACCOMMODATION: ("unit_value_per_day",),
    TaxCategory.RESTAURANT: ("specified_premises", "air_conditioned", "liquor_licence"),
    TaxCategory.PASSENGER_TRANSPORT: ("air_class", "conveyance", "full_input_tax_credit"),
    TaxCategory.FOOTWEAR: ("marked_retail_price",),
}
"""The ``RateFacts`` fields each category's rows may turn on."""

_BANDED = {
    TaxCategory.ACCOMMODATION: "unit_value_per_day",
    TaxCategory.FOOTWEAR: "marked_retail_price",
}
"""The ``RateFacts`` field, an amount in INR, a banded row compares."""

_OTHER_MODE = {"air_class": "conveyance", "conveyance": "air_class"}
"""Facts of two modes of transport: a row naming one does not apply where the other is
stated."""

_BY_SALE_VALUE = date(2022, 1, 1)
"""From this day footwear is rated by the sale value of each pair (21/2021-Central
Tax (Rate)), in ``_data/per_item.csv``, not by the price marked on it."""


def _stated(facts: RateFacts, field: str) -> str | None:
    """The fact ``field`` as the data's rows state it (``yes``/``no``), or ``None``."""
    value = getattr(facts, field)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return None if value is None else str(value)


@attrs.frozen
class _Row:
    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    category: TaxCategory
    low: Decimal | None
    high: Decimal | None
    bounds: ItemRule | None
    fact: tuple[tuple[str, str], ...]
    rate: TaxRate
    compared_on: str

    def matches(self, facts: RateFacts) -> bool:
        if self.bounds is None:
            return all(_stated(facts, field) == value for field, value in self.fact)
        stated = getattr(facts, _BANDED[self.category])
        if stated is None:
            return False
        value = stated.amount
        if self.bounds is ItemRule.BELOW:
            return (self.low is None or value >= self.low) and (
                self.high is None or value < self.high
            )
        return (self.low is None or value > self.low) and (
            self.high is None or value <= self.high
        )


_COLUMNS = (
    "category", "low", "high", "bounds", "fact", "rate", "kind",
    "compared_on", "since", "until", "source", "note",
)  # fmt: skip


def _row(line: _bundled.Line) -> _Row:
    category = check_category(line.text("category"))
    return _Row(
        category=category,
        low=line.optional_decimal("low"),
        high=line.optional_decimal("high"),
        bounds=line.optional_choice("bounds", ItemRule),
        fact=_facts(line, category),
        compared_on=line.text("compared_on"),
        rate=row_rate(line, "IGST", category),
    )


def _facts(line: _bundled.Line, category: TaxCategory) -> tuple[tuple[str, str], ...]:
    """A row's ``fact``: ``field=value`` pairs joined by ``;``, each field one its
    category turns on."""
    text = line.optional_text("fact")
    pairs = [] if text is None else [part.split("=") for part in text.split(";")]
    for pair in pairs:
        if len(pair) != 2 or pair[0] not in _FIELDS[category]:
            raise line.error("fact", text, f"is not field=value pairs of {category}")
    return tuple((field, value) for field, value in pairs)


@functools.cache
def rows_table() -> dict[TaxCategory, tuple[_Row, ...]]:
    """The bundled rows by category, read when first asked for."""
    lines = _bundled.read("commercekit.tax", "in_by_fact.csv", columns=_COLUMNS)
    rows = [(line, _row(line)) for line in lines]
    _bundled.check_periods(
        (line, (row.category, row.low, row.fact), row.rate.since,
         row.rate.until)
        for line, row in rows
    )  # fmt: skip
    found: dict[TaxCategory, list[_Row]] = {}
    for _, row in rows:
        found.setdefault(row.category, []).append(row)
    return {category: tuple(rows) for category, rows in found.items()}


def has_fact_rows(category: TaxCategory, on: date) -> bool:
    """Whether ``category``'s Indian rate on ``on`` is bundled here, by a fact."""
    return any(rate.covers(on) for rate in _all_rates(category))


def _all_rates(category: TaxCategory) -> tuple[TaxRate, ...]:
    """Every bundled rate of ``category`` by a fact, on any day."""
    by_heading = (rate for _, rate in heading_rows().get(category, ()))
    by_band = (row.rate for row in rows_table().get(category, ()))
    cars = (row.rate for row in car_rows() if category is TaxCategory.MOTOR_CARS)
    bikes = (row.rate for row in motorcycle_rows() if category is TaxCategory.MOTORCYCLES)
    electric = (rate for rate in electric_rows() if rate.category is category)
    return (*by_heading, *by_band, *cars, *bikes, *electric)


def _in_force(asked: TaxCategory, day: date) -> tuple[_Row, ...]:
    rows = tuple(row for row in rows_table().get(asked, ()) if row.rate.covers(day))
    if rows:
        return rows
    if asked is TaxCategory.FOOTWEAR and day >= _BY_SALE_VALUE:
        raise invalid(
            "category",
            str(asked),
            f"is rated by the sale value of each pair on {day}, not by RateFacts (from "
            "2022-01-01, Notification 21/2021-Central Tax (Rate)); use per_item_rates()",
        )
    if asked in _FIELDS:
        first = min(row.rate.since for row in rows_table()[asked])
        raise NoRuleError(f"IN GST rate for {asked} by its facts", day, f"{first} on")
    raise invalid(
        "category",
        str(asked),
        "has no Indian rate that turns on RateFacts; use 'accommodation', "
        "'restaurant', 'passenger_transport', 'non_alcoholic_drinks', 'motor_cars', "
        "'motorcycles', 'pan_masala' or 'footwear' (before 2022), or "
        "rates_for() for the others",
    )


@context_free
def fact_rates(
    jurisdiction: str, category: TaxCategory | str, facts: RateFacts, *, on: date
) -> tuple[TaxRate, ...]:
    """The Indian GST rates of ``category`` on ``on`` for a supply with ``facts``,
    one per tax of the place of supply ``jurisdiction`` (``IN``: IGST at the rate; a
    State: CGST and SGST, or CGST and UTGST, at half each).

    Each rate's ``note`` names the band, premises or heading and its entry, ``source``
    where it was read. Goods that pay the compensation cess get one more rate, tax
    ``compensation cess``, on the same value. Raises ``MissingDataError`` naming the
    ``RateFacts`` fields the rate turns on when they are ``None`` (both modes, air
    class and conveyance, for passenger transport; and for a heading without a
    bundled entry); ``NoRuleError`` before the first bundled row, or where no row has
    the facts stated (a motorcab with full credit before 2017-08-22; a radio taxi from
    2025-09-22, naming the rates reported); ``InvalidInputError`` subclasses for a place
    outside India, a category with no such rows, facts that are not ``RateFacts``, or
    facts of two modes of transport.

    Examples:
        >>> from datetime import date
        >>> [r.rate for r in fact_rates("IN", "restaurant",
        ...                             RateFacts(specified_premises=True),
        ...                             on=date(2026, 6, 1))]
        [Decimal('18')]
        >>> fact_rates("IN", "restaurant", RateFacts(), on=date(2026, 6, 1))
        Traceback (most recent call last):
        ...
        commercekit.errors.MissingDataError: missing RateFacts.specified_premises: ...
    """
    code = _checks.jurisdiction(jurisdiction)
    if code != "IN" and not code.startswith("IN-"):
        raise invalid("jurisdiction", jurisdiction, "is not India or an Indian State")
    asked, day = check_category(category), check_day(on)
    if not isinstance(facts, RateFacts):
        raise invalid("facts", facts, "is not RateFacts", kind=InputKind.TYPE)
    if asked is TaxCategory.MOTOR_CARS:
        return car_rates(code, facts, day)
    if asked is TaxCategory.MOTORCYCLES:
        return motorcycle_rates(code, facts, day)
    if asked is TaxCategory.PAN_MASALA:
        return pan_masala_rates(code, facts, day)
    if asked in heading_categories():
        if facts.heading is None:
            turns = (
                f"India's GST rate for {asked} turns on the HSN heading of the goods "
                "(and some headings pay the compensation cess too)"
            )
            raise MissingDataError(
                "RateFacts.heading",
                f"{turns}; pass rate_facts=RateFacts(heading='2202 10 10'), say",
                field="facts.heading",
                json_how=f'{turns}; write "rate_facts": {{"heading": "2202 10 10"}}, '
                "say, in the product",
            )
        return heading_rates(code, asked, facts.heading, day)
    rows = _in_force(asked, day)
    found = [row for row in rows if row.matches(facts)]
    if not found:
        _refuse(asked, facts, rows, day)
    if len(found) > 1:  # air_class and conveyance: two modes of transport
        raise invalid(
            "facts", facts, f"states facts of more than one entry of {asked}: keep one"
        )
    return split_gst(found[0].rate, code, day)


def _refuse(
    asked: TaxCategory, facts: RateFacts, rows: tuple[_Row, ...], day: date
) -> None:
    """No row applies: name the first fact each row still possible turns on and is
    not said; where every such fact is said, no bundled row has those facts."""
    missing: dict[str, str] = {}
    for row in rows:
        named = (_BANDED[asked],) if row.bounds else tuple(f for f, _ in row.fact)
        if any(
            _stated(facts, f) not in (None, v)
            or (f in _OTHER_MODE and _stated(facts, _OTHER_MODE[f]) is not None)
            for f, v in row.fact
        ):
            continue
        unsaid = [field for field in named if _stated(facts, field) is None]
        if unsaid:
            missing.setdefault(unsaid[0], row.compared_on)
    if missing:
        fields = list(missing)
        turns_on = f"India's GST rate for {asked} on {day} turns on " + "; or ".join(
            missing.values()
        )
        written = " or ".join(f'"{field}"' for field in fields)
        raise MissingDataError(
            tuple(f"RateFacts.{field}" for field in fields),
            f"{turns_on}; pass RateFacts({'=..., or '.join(fields)}=...)",
            field=f"facts.{fields[0]}",
            json_how=f'{turns_on}; write {written} in the product\'s "rate_facts"',
        )
    said = ", ".join(
        f"{field}={getattr(facts, field)}"
        for field in _FIELDS[asked]
        if getattr(facts, field) is not None
    )
    known = (
        why_not_bundled(facts.conveyance, day)
        if asked is TaxCategory.PASSENGER_TRANSPORT and facts.conveyance is not None
        else None
    )
    raise NoRuleError(
        f"IN GST rate for {asked} with RateFacts({said})",
        day,
        "the rows of in_by_fact.csv, none of which has these facts on that day ("
        + (known or "its header says which entries were not read")
        + ")",
    )
