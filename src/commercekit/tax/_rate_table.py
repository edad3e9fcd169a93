"""One rate table read and indexed: the rows of a CSV file checked as ``TaxRate``
checks them, then each category's periods per tax (``BundledRates`` keeps one index
per jurisdiction, read when first asked for)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import NamedTuple

import attrs

from commercekit import _bundled
from commercekit.errors import CommerceKitError, DataFileError
from commercekit.tax import _checks
from commercekit.tax._categories import RateKind, TaxCategory, check_category
from commercekit.tax._tax_rate import TaxRate, _kind, _percent

__all__ = ["STANDARD", "Table", "find", "indexed", "read_file"]


_Periods = tuple[list[date], tuple[TaxRate, ...]]


def _periods(rates: Iterable[TaxRate]) -> _Periods:
    ordered = tuple(sorted(rates, key=lambda rate: rate.since))
    return [rate.since for rate in ordered], ordered


def find(periods: _Periods | None, on: date) -> TaxRate | None:
    if periods is None:
        return None
    starts, rates = periods
    index = bisect.bisect_right(starts, on) - 1
    if index < 0:
        return None
    rate = rates[index]
    return rate if rate.until is None or on <= rate.until else None


STANDARD = TaxCategory.STANDARD
_COLUMNS = ("tax", "category", "kind", "rate", "since", "until", "source", "note")


def read_file(file: str, jurisdiction: str, text: str) -> list[TaxRate]:
    """The rows of one rate table, read by the shared loader: a line or a cell that is
    not what its column holds, two rows of one tax and category whose periods overlap,
    or a tax without a standard rate is refused with the file, the line and the
    column."""
    read = [
        (line, _rate_of(line, jurisdiction))
        for line in _bundled.lines_of(file, text, columns=_COLUMNS)
    ]
    _bundled.check_periods(
        (line, (rate.tax, rate.category), rate.since, rate.until) for line, rate in read
    )
    rates = [rate for _, rate in read]
    for tax in dict.fromkeys(rate.tax for rate in rates):
        if not any(r.tax == tax and r.category is TaxCategory.STANDARD for r in rates):
            raise DataFileError(
                file,
                None,
                "category",
                f"has no 'standard' row for {tax}: add one; it is the rate of every "
                "category without rows of its own",
            )
    return rates


@contextmanager
def _cell(line: _bundled.Line, column: str | None) -> Iterator[None]:
    """A value the rate refuses is refused with the line and the column, its own
    error as the cause and its message as the reason."""
    try:
        yield
    except CommerceKitError as error:
        raise DataFileError(line.file, line.number, column, str(error)) from error


def _rate_of(line: _bundled.Line, jurisdiction: str) -> TaxRate:
    """One row as a ``TaxRate``; each cell is checked as the rate checks it (an unknown
    category or kind, a negative rate, an empty tax or source), so the refusal names
    the column."""
    rate, since, until = line.decimal("rate"), line.day("since"), line.optional_day("until")
    with _cell(line, "category"):
        category = check_category(line.raw("category"))
    with _cell(line, "kind"):
        kind = _kind(line.raw("kind"))
    with _cell(line, "rate"):
        rate = _percent(rate)
    for column in ("tax", "source"):
        with _cell(line, column):
            _checks.text(line.raw(column), column)
    with _cell(line, "until" if until is not None and until < since else None):
        return TaxRate(
            jurisdiction=jurisdiction,
            tax=line.raw("tax"),
            category=category,
            applies_as=category,
            rate=rate,
            kind=kind,
            since=since,
            until=until,
            source=line.raw("source"),
            note=line.raw("note"),
        )


def _classified(standard: TaxRate, category: TaxCategory) -> TaxRate:
    """A seller-classified zero-rated or exempt supply, dated by the standard rate."""
    kind = RateKind.ZERO if category is TaxCategory.ZERO_RATED else RateKind.EXEMPT
    return attrs.evolve(
        standard,
        category=category,
        applies_as=category,
        rate=Decimal(0),
        kind=kind,
        note=f"classified by the seller as {category}; no {standard.tax} is charged",
    )


class Table(NamedTuple):
    """One jurisdiction's rates, indexed: each category's own periods per tax, and the
    standard rate's periods relabelled for every category (the fallback)."""

    rows: tuple[TaxRate, ...]
    taxes: tuple[str, ...]
    own: dict[tuple[str, TaxCategory], _Periods]
    standard: dict[tuple[str, TaxCategory], _Periods]


def indexed(rates: list[TaxRate]) -> Table:
    taxes = tuple(dict.fromkeys(rate.tax for rate in rates))
    own: dict[tuple[str, TaxCategory], _Periods] = {}
    standard: dict[tuple[str, TaxCategory], _Periods] = {}
    for tax in taxes:
        for category in TaxCategory:
            found = [r for r in rates if r.tax == tax and r.category is category]
            if found:
                own[tax, category] = _periods(found)
        standards = [r for r in rates if r.tax == tax and r.category is STANDARD]
        for category in TaxCategory:
            if category in (TaxCategory.ZERO_RATED, TaxCategory.EXEMPT):
                relabelled = [_classified(r, category) for r in standards]
            else:
                relabelled = [attrs.evolve(r, category=category) for r in standards]
            standard[tax, category] = _periods(relabelled)
    return Table(tuple(rates), taxes, own, standard)
