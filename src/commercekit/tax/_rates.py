"""Dated VAT/GST rates per jurisdiction and product category.

Each jurisdiction's rates are a CSV file in ``_data/rates/`` (see the README there):
rows of ``(tax, category, kind, rate, since, until, source, note)``. A lookup takes the
jurisdiction, the product's [`TaxCategory`][commercekit.tax.TaxCategory] and the day of
the supply, and returns a [`TaxRate`][commercekit.tax.TaxRate] that says which row
applied and where it comes from. A category with no row of its own gets the standard
rate, and the result says it fell back.

Nothing here guesses: an unknown jurisdiction, a date before the data, or a place outside
the EU VAT area (the Canary Islands, Åland …) raises an error that says why.
A rate file with a line or a cell its column cannot hold is refused with a
[`DataFileError`][commercekit.errors.DataFileError] naming the file, the line and the
column, as every bundled table is.

Examples:
    >>> from datetime import date
    >>> rate = rate_for("FI", "standard", on=date(2024, 9, 1))
    >>> rate.rate, rate.since
    (Decimal('25.5'), datetime.date(2024, 9, 1))
    >>> rate_for("FI", "standard", on=date(2024, 8, 31)).rate
    Decimal('24')
    >>> rate_for("ES-CN", "standard", on=date(2026, 11, 26))
    Traceback (most recent call last):
    ...
    commercekit.errors.OutsideVatAreaError: Canary Islands (ES-CN) is part of ES but ...

A region inside its country's VAT area with rates of its own (the Azores, Madeira,
Corsica) has its own table, named by its ISO 3166-2 code; ``regions.rate_region`` finds
it from an address:

    >>> rate_for("PT-30", "standard", on=date(2026, 11, 26)).rate  # Madeira
    Decimal('22')
    >>> rate_for("FR-2A", "food", on=date(2026, 11, 26)).jurisdiction  # Corse-du-Sud
    'FR-20R'
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from importlib.resources import files

import attrs

from commercekit import _bundled
from commercekit._checks import invalid
from commercekit._numbers import context_free
from commercekit.errors import (
    AmbiguousTaxError,
    CommerceKitError,
    DataFileError,
    InputKind,
    InvalidRateTableError,
    NoRuleError,
    OutsideVatAreaError,
    UnknownJurisdictionError,
    shown,
)
from commercekit.regions import check_day, special_territory
from commercekit.tax import _checks
from commercekit.tax._categories import RateKind, TaxCategory, check_category
from commercekit.tax._tax_rate import (
    _ALIASES,
    TaxRate,
    TaxRateSource,
    _kind,
    _percent,
    source_rates,
)

__all__ = [
    "BundledRates",
    "TaxRate",
    "TaxRateSource",
    "jurisdictions",
    "rate_for",
    "rates_for",
    "source_rates",
]


_Periods = tuple[list[date], tuple[TaxRate, ...]]


def _periods(rates: Iterable[TaxRate]) -> _Periods:
    ordered = tuple(sorted(rates, key=lambda rate: rate.since))
    return [rate.since for rate in ordered], ordered


def _find(periods: _Periods | None, on: date) -> TaxRate | None:
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


def _read_file(file: str, jurisdiction: str, text: str) -> list[TaxRate]:
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


def _bundled_tables() -> dict[str, tuple[str, str]]:
    """The bundled tables: jurisdiction → (file name, CSV text)."""
    folder = files("commercekit.tax").joinpath("_data/rates")
    return {
        entry.name.removesuffix(".csv"): (entry.name, entry.read_text("utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".csv")
    }


def _tables(value: object) -> dict[str, tuple[str, str]]:
    """Tables given as jurisdiction → CSV text, as jurisdiction → (name, CSV text); an
    error in one names it ``tables['FI']``."""
    if not isinstance(value, dict) or not value:
        raise invalid(
            "tables",
            value,
            "is not a dict of rate tables, such as {'FI': '<the CSV text of FI.csv>'}",
            kind=InputKind.LIST,
        )
    found = {
        _checks.jurisdiction(code): _checks.text(text, f"tables[{shown(code)}]")
        for code, text in value.items()
    }
    return {code: (f"tables[{code!r}]", text) for code, text in found.items()}


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


class BundledRates:
    """The rate tables shipped with commercekit: the default ``TaxRateSource``.

    Tables are read once, when the class is first used, into an index that answers a
    lookup with two dictionary reads and a binary search.
    """

    def __init__(self, tables: dict[str, str] | None = None) -> None:
        """Load ``tables`` (jurisdiction → CSV text), or the bundled files by default."""
        named = _bundled_tables() if tables is None else _tables(tables)
        self.rows: dict[str, tuple[TaxRate, ...]] = {}
        self._taxes: dict[str, tuple[str, ...]] = {}
        self._own: dict[tuple[str, str, TaxCategory], _Periods] = {}
        self._standard: dict[tuple[str, str, TaxCategory], _Periods] = {}
        for jurisdiction, (file, text) in sorted(named.items()):
            try:
                rates = _read_file(file, jurisdiction, text)
            except DataFileError as error:
                if tables is None:
                    raise
                # A caller's table: still the InvalidAmountError it always was, caused
                # by what the rate refused (or by the loader's refusal itself).
                raise InvalidRateTableError(
                    error.file, error.line, error.column, error.reason
                ) from (error.__cause__ or error)
            self._index(jurisdiction, rates)

    def _index(self, jurisdiction: str, rates: list[TaxRate]) -> None:
        """File one jurisdiction's rates: each category's own periods, and the standard
        rate's periods relabelled for every category (the fallback)."""
        self.rows[jurisdiction] = tuple(rates)
        taxes = tuple(dict.fromkeys(rate.tax for rate in rates))
        self._taxes[jurisdiction] = taxes
        for tax in taxes:
            for category in TaxCategory:
                own = [r for r in rates if r.tax == tax and r.category is category]
                if own:
                    self._own[jurisdiction, tax, category] = _periods(own)
            standard = [
                r for r in rates if r.tax == tax and r.category is TaxCategory.STANDARD
            ]
            for category in TaxCategory:
                if category in (TaxCategory.ZERO_RATED, TaxCategory.EXEMPT):
                    relabelled = [_classified(r, category) for r in standard]
                else:
                    relabelled = [attrs.evolve(r, category=category) for r in standard]
                self._standard[jurisdiction, tax, category] = _periods(relabelled)

    def __repr__(self) -> str:
        return f"BundledRates(jurisdictions={', '.join(self.rows)})"

    def jurisdictions(self) -> tuple[str, ...]:
        """The codes of every jurisdiction with bundled rates."""
        return tuple(self.rows)

    def _jurisdiction(self, jurisdiction: object) -> str:
        if not isinstance(jurisdiction, str):
            raise UnknownJurisdictionError(jurisdiction, "it must be a string")
        code = jurisdiction.upper().strip()
        code = _ALIASES.get(code, code)
        if code in self.rows:
            return code
        territory = special_territory(code)
        if territory is not None and not territory.in_eu_vat_area:
            raise OutsideVatAreaError(territory, territory.explain())
        country = code.partition("-")[0]
        if country == "CA":
            hint = "Canada's rates depend on the province: use 'CA-ON', 'CA-QC', …"
        elif country == "US":
            hint = "no United States rates are bundled: sales tax needs a TaxRateSource"
        elif country in self.rows and "-" in code:
            return country  # a subdivision with no rules of its own: the country's
        else:
            hint = "bundled: " + ", ".join(self.rows)
        raise UnknownJurisdictionError(jurisdiction, hint)

    def rates_for(
        self, jurisdiction: str, category: TaxCategory | str, *, on: date
    ) -> tuple[TaxRate, ...]:
        """Every tax that applies to ``category`` in ``jurisdiction`` on ``on``.

        Most places have one (VAT or GST); British Columbia, Manitoba, Saskatchewan and
        Québec have two (GST and a provincial tax), each with its own rate and source.

        Examples:
            >>> bc = BUNDLED.rates_for("CA-BC", "standard", on=date(2026, 1, 1))
            >>> [(r.tax, r.rate) for r in bc]
            [('GST', Decimal('5')), ('PST', Decimal('7'))]
        """
        code = self._jurisdiction(jurisdiction)
        asked = check_category(category)
        day = check_day(on)
        found = []
        for tax in self._taxes[code]:
            rate = _find(self._own.get((code, tax, asked)), day) or _find(
                self._standard[code, tax, asked], day
            )
            if rate is not None:
                found.append(rate)
        if not found:
            # Every table has a standard rate (refused when loaded otherwise).
            first = min(r.since for r in self.rows[code] if r.category is STANDARD)
            raise NoRuleError(f"{code} {asked} rates", day, f"{first.isoformat()} onwards")
        return tuple(found)

    def rate_for(
        self,
        jurisdiction: str,
        category: TaxCategory | str,
        *,
        on: date,
        tax: str | None = None,
    ) -> TaxRate:
        """The one rate for ``category`` in ``jurisdiction`` on ``on``.

        Where two taxes apply (GST and PST in British Columbia), name the one you want
        with ``tax=``, or use [`rates_for`][commercekit.tax.rates_for] for both.
        """
        rates = self.rates_for(jurisdiction, category, on=on)
        if tax is not None:
            _checks.text(tax, "tax")
            for rate in rates:
                if rate.tax == tax:
                    return rate
            raise AmbiguousTaxError(
                str(jurisdiction), f"no {tax!r} applies on {on}; {_names(rates)} does"
            )
        if len(rates) > 1:
            raise AmbiguousTaxError(
                str(jurisdiction),
                f"{_names(rates)} both apply: pass tax= to choose one, "
                "or use rates_for() for all",
            )
        return rates[0]


def _names(rates: tuple[TaxRate, ...]) -> str:
    return " and ".join(rate.tax for rate in rates)


BUNDLED = BundledRates()


@context_free
def rate_for(
    jurisdiction: str, category: TaxCategory | str, *, on: date, tax: str | None = None
) -> TaxRate:
    """The bundled rate for ``category`` in ``jurisdiction`` on the day ``on``.

    See [`BundledRates.rate_for`][commercekit.tax.BundledRates.rate_for].

    Examples:
        >>> r = rate_for("DE", "childrens_clothing", on=date(2026, 11, 26))
        >>> r.rate, r.fallback
        (Decimal('19'), True)
    """
    return BUNDLED.rate_for(jurisdiction, category, on=on, tax=tax)


@context_free
def rates_for(
    jurisdiction: str, category: TaxCategory | str, *, on: date
) -> tuple[TaxRate, ...]:
    """Every bundled tax for ``category`` in ``jurisdiction`` on ``on``.

    See [`BundledRates.rates_for`][commercekit.tax.BundledRates.rates_for].
    """
    return BUNDLED.rates_for(jurisdiction, category, on=on)


@context_free
def jurisdictions() -> tuple[str, ...]:
    """Every jurisdiction with bundled rates."""
    return BUNDLED.jurisdictions()
