"""Duty rates: HS codes, dated duty rates by heading, and where they come from.

Duty rates come from a [`TariffSource`][commercekit.shipping.TariffSource]: a
[`TariffTable`][commercekit.shipping.TariffTable] a shop builds from its own rows, or a
plugin's live lookup. The bundled one reads ``_data/example_tariff.csv``, an EXAMPLE of
a few headings, not a full tariff.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Protocol

import attrs

from commercekit import _bundled
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr, named_fields
from commercekit._numbers import named_at_the_door
from commercekit.errors import InvalidAmountError, NoRuleError
from commercekit.money import to_decimal
from commercekit.regions import check_day
from commercekit.shipping import _checks as check

__all__ = [
    "BUNDLED_TARIFF",
    "BundledTariff",
    "DutyRate",
    "TariffSource",
    "TariffTable",
    "check_hs_code",
]


def _until(value: object) -> date | None:
    return check.optional_day(value, "until")


def _note(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    check.note(value, attribute.name)


def _in_order(since: date, until: date | None) -> None:
    if until is not None and until < since:
        raise InvalidAmountError(
            until, f"ends before it begins (since={since})", field="until"
        )


def _covers(since: date, until: date | None, on: date) -> bool:
    return since <= on and (until is None or on <= until)


def check_hs_code(value: object) -> str:
    """``value`` as an HS code or tariff heading: 2 to 14 digits, dots and spaces
    allowed between them (``6109.10``, ``6109 10 00``), or raise.

    Examples:
        >>> check_hs_code(" 6109.10 ")
        '6109.10'
        >>> check_hs_code("")
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidAmountError: '' is not an HS code or tariff heading; ...
    """
    text = value.strip() if isinstance(value, str) else ""
    digits = text.replace(".", "").replace(" ", "")
    if not digits.isdigit() or not 2 <= len(digits) <= 14:
        raise InvalidAmountError(
            value, "is not an HS code or tariff heading; write its digits, e.g. '6109.10'"
        )
    return text


def _duty_percent(value: object) -> Decimal:
    rate = to_decimal(value, "duty rate")
    if not 0 <= rate <= 1000:
        raise InvalidAmountError(value, "is not a duty rate from 0 to 1,000 percent")
    return rate


def _surcharge_percent(value: object) -> Decimal | None:
    if value is None:
        return None
    rate = to_decimal(value, "social_welfare_surcharge")
    if not 0 <= rate <= 100:
        raise InvalidAmountError(
            value, "is not a surcharge rate from 0 to 100 percent of the duty"
        )
    return rate


def _source(_: object, __: object, value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidAmountError(value, "is not a source; give the URL or the law")


def _hs_digits(value: object) -> str:
    if not isinstance(value, str) or not value.isdigit() or len(value) > 14:
        raise InvalidAmountError(
            value, "are not an HS code's digits; pass them without dots, e.g. '610910'"
        )
    return value


@named_at_the_door
@attrs.frozen(field_transformer=named_fields)
class DutyRate:
    """A duty rate for a heading: ad valorem percent, dated, with its source.

    ``heading`` is a tariff heading's digits (``6109.10``), which an HS code starting
    with them matches; ``until`` is the last day in force (``None`` while it is).
    ``social_welfare_surcharge`` is India's: the heading's own rate, in percent of the
    duty, where a notification exempts it (``0``) or lowers it; ``None`` means the
    general rate (10%, Finance Act 2018 s. 110). A row for another destination with
    one is refused (``InvalidAmountError``): it would be ignored.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    destination: str = attrs.field(converter=check.area)
    heading: str = attrs.field(converter=check_hs_code)
    rate: Decimal = attrs.field(converter=_duty_percent)
    since: date = attrs.field(converter=check_day)
    until: date | None = attrs.field(converter=_until)
    source: str = attrs.field(validator=_source)
    note: str = attrs.field(default="", validator=_note)
    description: str = attrs.field(default="", validator=_note)
    social_welfare_surcharge: Decimal | None = attrs.field(
        default=None, converter=_surcharge_percent
    )

    def __attrs_post_init__(self) -> None:
        _in_order(self.since, self.until)
        if self.social_welfare_surcharge is not None and self.destination != "IN":
            raise InvalidAmountError(
                self.social_welfare_surcharge,
                f"is a Social Welfare Surcharge rate on a row for {self.destination}: "
                "only India levies it; leave social_welfare_surcharge out",
            )

    @property
    def digits(self) -> str:
        """The heading's digits: how it is matched, however it is written."""
        return "".join(char for char in self.heading if char.isdigit())

    @named_at_the_door
    def covers(self, hs_code_digits: str, destination: str, on: date) -> bool:
        """Whether this row rates that HS code into ``destination`` on ``on``."""
        hs_code_digits = _hs_digits(hs_code_digits)
        destination = check.area(destination)
        on = check.day(on, "on")
        return (
            self.destination == destination
            and hs_code_digits.startswith(self.digits)
            and _covers(self.since, self.until, on)
        )


class TariffSource(Protocol):
    """Where duty rates come from: a tariff table, or a plugin's live lookup."""

    def duty(self, hs_code: str, *, origin: str, destination: str, on: date) -> DutyRate:
        """The duty rate for ``hs_code`` from ``origin`` into ``destination`` on ``on``."""
        ...


class TariffTable:
    """A tariff as data: dated duty rates by destination and heading, each sourced.

    A shop or plugin with its own classifications builds one from its rows (the JSON
    quote request can carry them); the longest heading that starts an HS code wins.
    Rates are third-country (MFN) rates: origin does not change them here.

    Examples:
        >>> from datetime import date
        >>> day = date(2026, 11, 26)
        >>> table = TariffTable([DutyRate("US", "6109.10", "16.5", date(2026, 1, 1), None,
        ...     "https://hts.usitc.gov/")], name="my tariff")
        >>> table.duty("6109.10.0012", origin="PT", destination="US", on=day).rate
        Decimal('16.5')
        >>> table.duty("6110.20", origin="PT", destination="US", on=day)
        Traceback (most recent call last):
        ...
        commercekit.errors.NoRuleError: no rule for duty on 6110.20 into US on ...
    """

    def __init__(self, rates: Iterable[DutyRate], *, name: str) -> None:
        self.rates = check.listed(rates, DutyRate, "rates")
        self.name = check.text(name, "name")
        seen: dict[tuple[str, str], list[DutyRate]] = {}
        for rate in self.rates:
            key = (rate.destination, rate.digits)  # 6109.10 and 610910 are one heading
            for other in seen.setdefault(key, []):
                if _overlap(rate, other):
                    raise InvalidAmountError(
                        rate, f"overlaps another row for {rate.heading} into "
                        f"{rate.destination} from {other.since}",
                    )  # fmt: skip
            seen[key].append(rate)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TariffTable):
            return NotImplemented
        return (self.name, self.rates) == (other.name, other.rates)

    __hash__ = None  # type: ignore[assignment]  # equal by value, mutable by nobody

    def __repr__(self) -> str:
        return f"{type(self).__name__}(<{len(self.rates)} rates>, name={self.name!r})"

    @named_at_the_door
    def duty(self, hs_code: str, *, origin: str, destination: str, on: date) -> DutyRate:
        """The rate of the longest heading that starts the HS code (``6109.10.0010``)."""
        hs_code = check_hs_code(hs_code)
        check.country(origin)  # the table holds third-country (MFN) rates: not used
        destination = check.area(destination)
        on = check.day(on, "on")
        digits = "".join(char for char in hs_code if char.isdigit())
        found = [rate for rate in self.rates if rate.covers(digits, destination, on)]
        if not found:
            raise NoRuleError(f"duty on {hs_code} into {destination}", on, self._covered())
        return max(found, key=lambda rate: len(rate.digits))

    def _covered(self) -> str:
        return f"the rows of {self.name}; add a row for this heading"


def _overlap(one: DutyRate, other: DutyRate) -> bool:
    ends = (one.until or date.max, other.until or date.max)
    return one.since <= ends[1] and other.since <= ends[0]


_TARIFF_COLUMNS: tuple[str, ...] = (
    "destination",
    "heading",
    "description",
    "rate",
    "since",
    "until",
)
_TARIFF_COLUMNS += ("source", "note")


def _duty_rate(line: _bundled.Line) -> DutyRate:
    return line.build(
        DutyRate,
        destination=line.text("destination"),
        heading=line.text("heading"),
        rate=line.decimal("rate"),
        since=line.day("since"),
        until=line.optional_day("until"),
        source=line.sources()[0],
        note=line.raw("note"),
        description=line.raw("description"),
    )


EXAMPLE_TARIFF_SOURCE = "example tariff (a few headings, not a complete customs tariff)"


class BundledTariff(TariffTable):
    """The EXAMPLE tariff bundled for the docs and tests (a few headings, MFN rates),
    its rows read on first use (a quote inside the EU never asks for a duty)."""

    def __init__(self) -> None:
        self.name = "the example tariff"

    @functools.cached_property
    def rates(self) -> tuple[DutyRate, ...]:  # type: ignore[override]  # read once
        """The rows, checked as any table's are."""
        lines = _bundled.read(
            "commercekit.shipping", "example_tariff.csv", columns=_TARIFF_COLUMNS
        )
        # Each row's source says it is the example's, so every duty quoted from it
        # says so too (in the explanation and the quote's duties), not only its name.
        rows = (_duty_rate(line) for line in lines)
        return TariffTable(
            (
                attrs.evolve(row, source=f"{EXAMPLE_TARIFF_SOURCE}: {row.source}")
                for row in rows
            ),
            name=self.name,
        ).rates

    def _covered(self) -> str:
        return (
            "the example tariff's few headings only; supply a TariffSource for real rates"
        )


BUNDLED_TARIFF = BundledTariff()
