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
column, as every bundled table is (each when it is first read: a quote in Germany reads
``DE.csv`` alone).

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

Another subdivision gets its country's table (``FR-75C``, Paris, is France); a code that
is no subdivision of the country raises ``UnknownJurisdictionError`` naming the
country's codes, never the country's rate:

    >>> rate_for("FR-ZZ", "standard", on=date(2026, 11, 26))
    Traceback (most recent call last):
    ...
    commercekit.errors.UnknownJurisdictionError: 'FR-ZZ' is not a jurisdiction with ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING

import attrs

from commercekit._bundled import package_files
from commercekit._checks import invalid
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import (
    AmbiguousTaxError,
    DataFileError,
    InputKind,
    InvalidRateTableError,
    OutsideVatAreaError,
    UnknownCountryError,
    UnknownJurisdictionError,
    shown,
)
from commercekit.regions import check_day, check_subdivision, special_territory
from commercekit.tax import _checks, _tax_rate
from commercekit.tax._categories import IN_ONLY, US_ONLY, TaxCategory, check_category
from commercekit.tax._rate_table import Table, find, indexed, read_file
from commercekit.tax._tax_rate import _ALIASES, TaxRate, TaxRateSource, source_rates

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = [
    "BundledRates",
    "TaxRate",
    "TaxRateSource",
    "jurisdictions",
    "rate_for",
    "rates_for",
    "source_rates",
]


def _bundled_tables() -> dict[str, Traversable]:
    """The bundled tables: jurisdiction → its CSV file (listed, not yet read)."""
    folder = package_files("commercekit.tax").joinpath("_data/rates")
    return {
        entry.name.removesuffix(".csv"): entry
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


class _Rows(Mapping[str, tuple[TaxRate, ...]]):
    """Each jurisdiction's rows, by code; a table is read when first asked for."""

    def __init__(self, codes: Mapping[str, object], table: Callable[[str], Table]) -> None:
        self._codes, self._table = codes, table

    def __getitem__(self, jurisdiction: str) -> tuple[TaxRate, ...]:
        if jurisdiction not in self._codes:
            raise KeyError(jurisdiction)
        return self._table(jurisdiction).rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)

    def __contains__(self, jurisdiction: object) -> bool:
        return jurisdiction in self._codes


class BundledRates:
    """The rate tables shipped with commercekit: the default ``TaxRateSource``.

    A bundled table is read and checked the first time its jurisdiction is asked for
    (a quote in Germany reads ``DE.csv`` alone), into an index that answers a lookup
    with two dictionary reads and a binary search; tables passed as ``tables`` are read
    and checked when given. ``rows`` maps each jurisdiction to its rows.
    """

    def __init__(self, tables: dict[str, str] | None = None) -> None:
        """Read and check ``tables`` (jurisdiction → CSV text), or by default list the
        bundled files, each read and checked when its jurisdiction is first asked for."""
        named = _bundled_tables() if tables is None else _tables(tables)
        self._files: dict[str, Traversable | tuple[str, str]] = dict(sorted(named.items()))
        self._read: dict[str, Table] = {}
        self.rows: Mapping[str, tuple[TaxRate, ...]] = _Rows(self._files, self._table)
        if tables is not None:
            for jurisdiction in self._files:
                self._table(jurisdiction)

    def _table(self, jurisdiction: str) -> Table:
        """The jurisdiction's table, read and indexed the first time (the same rows
        whichever call reads it first, so two threads reading it at once agree)."""
        table = self._read.get(jurisdiction)
        if table is None:
            source = self._files[jurisdiction]
            if isinstance(source, tuple):  # a caller's table: (name, CSV text)
                file, text = source
            else:
                file, text = source.name, source.read_text("utf-8")
            try:
                rates = read_file(file, jurisdiction, text)
            except DataFileError as error:
                if not isinstance(source, tuple):
                    raise
                # A caller's table: still the InvalidAmountError it always was, caused
                # by what the rate refused (or by the loader's refusal itself).
                raise InvalidRateTableError(
                    error.file, error.line, error.column, error.reason
                ) from (error.__cause__ or error)
            table = self._read[jurisdiction] = indexed(rates)
        return table

    def __repr__(self) -> str:
        return f"BundledRates(jurisdictions={', '.join(self._files)})"

    def jurisdictions(self) -> tuple[str, ...]:
        """The codes of every jurisdiction with bundled rates."""
        return tuple(self._files)

    def _jurisdiction(self, jurisdiction: object) -> str:
        if not isinstance(jurisdiction, str):
            raise UnknownJurisdictionError(jurisdiction, "it must be a string")
        code = jurisdiction.upper().strip()
        code = _ALIASES.get(code, code)
        if code in self._files:
            return code
        territory = special_territory(code)
        if territory is not None and not territory.in_eu_vat_area:
            raise OutsideVatAreaError(territory, territory.explain())
        country, dash, _ = code.partition("-")
        # FR-ZZ is refused, never answered as FR; India's places are checked with its
        # taxes (gst_taxes), which name today's code for a former one (IN-TG)
        if dash and len(country) == 2 and country != "IN":
            try:
                check_subdivision(country, code)
            except UnknownCountryError as error:
                raise UnknownJurisdictionError(
                    jurisdiction, f"{code} {error.reason}"
                ) from None
        if country == "CA":
            hint = "Canada's rates depend on the province: use 'CA-ON', 'CA-QC', …"
        elif country == "US":
            hint = "US sales tax is set by each state: use 'US-CA', 'US-NY', …"
        elif country in self._files and "-" in code:
            return country  # a subdivision with no rules of its own: the country's
        else:
            hint = "bundled: " + ", ".join(self._files)
        raise UnknownJurisdictionError(jurisdiction, hint)

    @named_at_the_door
    def rates_for(
        self, jurisdiction: str, category: TaxCategory | str, *, on: date
    ) -> tuple[TaxRate, ...]:
        """Every tax that applies to ``category`` in ``jurisdiction`` on ``on``.

        Most places have one (VAT or GST); British Columbia, Manitoba, Saskatchewan and
        Québec have two (GST and a provincial tax), each with its own rate and source.
        India's depend on where the supply is taxed: ``IN`` for an inter-State supply
        (IGST), a State's code for an intra-State one (CGST + SGST, or CGST + UTGST in a
        Union territory without a legislature); a category India's bundled rows do not
        cover raises [`MissingDataError`][commercekit.errors.MissingDataError] instead
        of falling back to the standard rate. So does a US state's category on a
        general-goods sales tax holiday (Massachusetts, Ohio), naming the holiday, as
        [`decide`][commercekit.tax.decide] does, or a holiday whose terms are not per
        item (Missouri's school supplies per purchase): not all its goods are exempt.

        Examples:
            >>> bc = BUNDLED.rates_for("CA-BC", "standard", on=date(2026, 1, 1))
            >>> [(r.tax, r.rate) for r in bc]
            [('GST', Decimal('5')), ('PST', Decimal('7'))]
            >>> day = date(2026, 1, 1)
            >>> [(r.tax, r.rate) for r in rates_for("IN-MH", "standard", on=day)]
            [('CGST', Decimal('9')), ('SGST', Decimal('9'))]
            >>> [(r.tax, r.rate) for r in rates_for("IN", "standard", on=day)]
            [('IGST', Decimal('18'))]
        """
        code = self._jurisdiction(jurisdiction)
        asked = check_category(category)
        day = check_day(on)
        table = self._table(code)
        place, taxes = code, table.taxes
        if code == "IN":  # India's taxes depend on where the supply is taxed
            from commercekit.tax._india import gst_taxes  # noqa: PLC0415  # India only

            place = str(jurisdiction).strip().upper()
            taxes = gst_taxes(place, day)
        found = []
        for tax in taxes:
            rate = find(table.own.get((tax, asked)), day)
            if rate is None and (not _per_category(code, asked) or asked in _CLASSIFIED):
                rate = find(table.standard[tax, asked], day)
            if rate is not None:
                found.append(
                    rate if place == code else attrs.evolve(rate, jurisdiction=place)
                )
        if not found:
            from commercekit.tax._rate_refusals import refuse_missing  # noqa: PLC0415

            refuse_missing(
                code, table, asked, day, place=place, per_heading=code in _RATE_PER_HEADING
            )
        if code[:3] == "US-":  # a general-goods holiday (MA, OH) has no bundled rate
            from commercekit.tax._us_holidays import refuse_on_holiday  # noqa: PLC0415

            refuse_on_holiday(code, asked, tuple(found), day)
        return tuple(found)

    @named_at_the_door
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


# Where each HSN heading or SAC has its own rate, a category without rows has no rate
# at all: falling back to the standard (residual) rate would be a guess. So too in a US
# state with a sales tax, where taxability is the state's own and only the categories
# with rows are bundled.
_RATE_PER_HEADING = frozenset({"IN"})
_CLASSIFIED = frozenset({TaxCategory.ZERO_RATED, TaxCategory.EXEMPT})


def _per_category(code: str, asked: TaxCategory) -> bool:
    """Whether ``code`` answers ``asked`` only from rows of its own (a US-only
    category outside the US states, an India-only one anywhere, any category in India
    or a US state with a sales tax)."""
    if asked in IN_ONLY or code[:3] != "US-":
        return code in _RATE_PER_HEADING or asked in US_ONLY or asked in IN_ONLY
    from commercekit.tax._us_states import no_sales_tax  # noqa: PLC0415  # US only

    return code not in no_sales_tax()


def _names(rates: tuple[TaxRate, ...]) -> str:
    return " and ".join(rate.tax for rate in rates)


BUNDLED = BundledRates()
_tax_rate.OWN_SOURCES.add(BundledRates)  # its answers are built from checked tables


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
