"""US sales tax holidays a law makes every year, refused in a year whose days are missing.

The rate tables run on with no end, while the holidays' days are bundled year by year
(``_data/us_holidays.csv``, ``_data/per_item.csv``). A holiday its state's law makes
every year (Massachusetts' August weekend, M.G.L. c. 64H s. 6A; Texas' first weekend of
August; Connecticut's third week of August ...) falls in a year with no bundled days
on days the law's rule allows but commercekit cannot name: charging the general rate
then would be a silent default. Each law here gives the widest window its rule allows
(Massachusetts: every Saturday and Sunday of August) and the years bundled; on a day
of that window in another year, ``_us_holidays.on_holiday`` answers as on a bundled
holiday day, so a decision or a quote charging a category the
law covers a bundled rate above 0 % raises
[`MissingDataError`][commercekit.errors.MissingDataError], naming the law and the year.
The laws are in ``_data/us_holiday_laws.csv``, with what each rule was read in.
"""

from __future__ import annotations

import functools
from datetime import date

import attrs

from commercekit import _bundled
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit.tax._categories import TaxCategory, check_category
from commercekit.tax._item_rules import LocalTaxes

__all__ = ["HolidayLaw", "laws", "unbundled_law"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@attrs.frozen
class HolidayLaw(_bundled.Sourced):
    """One state's yearly holiday: the window of days its rule allows each year (month
    and day, inclusive; only ``weekdays`` where given), the categories it covers (empty:
    general goods, all but ``excluded``) and the years whose days are bundled."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    state: str
    name: str
    first_year: int
    last_year: int | None
    window_from: tuple[int, int]
    window_to: tuple[int, int]
    weekdays: frozenset[int]
    covers: tuple[TaxCategory, ...]
    excluded: frozenset[TaxCategory]
    bundled: frozenset[int]
    rule: str
    sources: tuple[str, ...]
    official: bool
    local_taxes: LocalTaxes

    def window(self, year: int) -> tuple[date, date]:
        """The first and last day the rule allows in ``year``."""
        return date(year, *self.window_from), date(year, *self.window_to)

    def allows(self, day: date) -> bool:
        """Whether ``day`` may be a day of the holiday under the law's rule."""
        first, last = self.window(day.year)
        return (
            self.first_year <= day.year <= (self.last_year or day.year)
            and first <= day <= last
            and (not self.weekdays or day.weekday() in self.weekdays)
        )

    def applies(self, category: TaxCategory) -> bool:
        """Whether the holiday may exempt goods of ``category``."""
        return category in self.covers if self.covers else category not in self.excluded


def _month_day(line: _bundled.Line, column: str) -> tuple[int, int]:
    text = line.text(column)
    month, _, day = text.partition("-")
    try:
        found = (int(month), int(day))
        date(2024, *found)  # a leap year: 02-29 is a day some year has
    except ValueError:
        raise line.error(column, text, "is not a month and day (MM-DD)") from None
    return found


def _weekday(line: _bundled.Line, word: str) -> int:
    if word not in _WEEKDAYS:
        raise line.error("weekdays", word, f"is not one of {', '.join(_WEEKDAYS)}")
    return _WEEKDAYS.index(word)


def _year(line: _bundled.Line, column: str) -> int | None:
    text = line.optional_text(column)
    return None if text is None else line.whole(column)


def _years(line: _bundled.Line) -> tuple[int, ...]:
    words = line.words("bundled")
    for word in words:
        if not word.isascii() or not word.isdigit():
            raise line.error("bundled", word, "is not a year")
    return tuple(int(word) for word in words)


_COLUMNS = (
    "state", "name", "first_year", "last_year", "window_from", "window_to", "weekdays",
    "covers", "excluded", "bundled", "rule", "source", "official", "local_taxes",
)  # fmt: skip


@functools.cache
def laws() -> tuple[HolidayLaw, ...]:
    """The bundled holiday laws, read when a US decision first asks."""
    lines = _bundled.read("commercekit.tax", "us_holiday_laws.csv", columns=_COLUMNS)
    return tuple(
        line.build(
            HolidayLaw,
            state=line.text("state"),
            name=line.text("name"),
            first_year=line.whole("first_year"),
            last_year=_year(line, "last_year"),
            window_from=_month_day(line, "window_from"),
            window_to=_month_day(line, "window_to"),
            weekdays=frozenset(_weekday(line, word) for word in line.words("weekdays")),
            covers=tuple(check_category(word) for word in line.words("covers")),
            excluded=frozenset(check_category(word) for word in line.words("excluded")),
            bundled=frozenset(_years(line)),
            rule=line.text("rule"),
            sources=line.sources(),
            official=line.flag("official"),
            local_taxes=line.choice("local_taxes", LocalTaxes),
        )
        for line in lines
    )


def unbundled_law(state: str, category: TaxCategory, day: date) -> HolidayLaw | None:
    """The law whose rule allows ``day`` as a holiday day for ``category`` in
    ``state`` in a year whose days are not bundled, if any."""
    return next(
        (
            law
            for law in laws()
            if law.state == state
            and day.year not in law.bundled
            and law.allows(day)
            and law.applies(category)
        ),
        None,
    )
