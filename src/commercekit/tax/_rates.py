"""Dated VAT/GST rates per jurisdiction and product category.

Each jurisdiction's rates are a CSV file in ``_data/rates/`` (see the README there):
rows of ``(tax, category, kind, rate, since, until, source, note)``. A lookup takes the
jurisdiction, the product's [`TaxCategory`][commercekit.tax.TaxCategory] and the day of
the supply, and returns a [`TaxRate`][commercekit.tax.TaxRate] that says which row
applied and where it comes from. A category with no row of its own gets the standard
rate, and the result says it fell back.

Nothing here guesses: an unknown jurisdiction, a date before the data, or a place outside
the EU VAT area (the Canary Islands, Åland …) raises an error that says why.

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
import csv
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from importlib.resources import files
from typing import Protocol

import attrs

from commercekit._checks import invalid
from commercekit._numbers import EXACT, context_free, plugged
from commercekit.errors import (
    AmbiguousTaxError,
    InputKind,
    InvalidAmountError,
    NoRuleError,
    OutsideVatAreaError,
    UnknownJurisdictionError,
    shown,
)
from commercekit.money import to_decimal
from commercekit.regions import check_day, special_territory
from commercekit.tax import _checks
from commercekit.tax._categories import RateKind, TaxCategory, check_category

__all__ = [
    "BundledRates",
    "TaxRate",
    "TaxRateSource",
    "jurisdictions",
    "rate_for",
    "rates_for",
    "source_rates",
]

# Codes whose rates are bundled under another code: Greece's EU VAT prefix, Northern
# Ireland's ISO 3166-2 code, and Corsica's two departments (FR-2A, FR-2B), whose rates are
# the collectivity's (FR-20R). Without the last two, a department would fall through to
# the country below and be answered with mainland rates.
_ALIASES = {"EL": "GR", "GB-NIR": "XI", "FR-2A": "FR-20R", "FR-2B": "FR-20R"}
_KINDS = {kind.value: kind for kind in RateKind}


def _kind(value: object) -> RateKind:
    if isinstance(value, RateKind):
        return value
    found = _KINDS.get(value) if isinstance(value, str) else None
    if found is None:
        kinds = ", ".join(repr(kind) for kind in _KINDS)
        raise invalid(
            "kind",
            value,
            f"is not a rate kind; use one of {kinds}",
            kind=InputKind.CHOICE,
            choices=tuple(_KINDS),
        )
    return found


def _percent(value: object) -> Decimal:
    rate = to_decimal(value, "rate")
    if rate < 0:
        raise InvalidAmountError(value, "is a negative rate; a tax rate is 0 or more")
    return rate


def _jurisdiction(value: object) -> str:
    return _checks.jurisdiction(value)


@attrs.frozen
class TaxRate:
    """One tax's rate for one category in one jurisdiction, with its period and source.

    ``rate`` is in percent (``Decimal('25.5')``). ``category`` is the category asked
    for; ``applies_as`` the one whose rule applied: the same, or ``STANDARD`` when the
    jurisdiction has no special rate for it (then
    [`fallback`][commercekit.tax.TaxRate.fallback] is true).
    ``until`` is the last day the rate applies, ``None`` while it is open-ended.
    """

    jurisdiction: str = attrs.field(converter=_jurisdiction)
    tax: str = attrs.field(validator=_checks.valid_text)
    category: TaxCategory = attrs.field(converter=check_category)
    applies_as: TaxCategory = attrs.field(converter=check_category)
    rate: Decimal = attrs.field(converter=_percent)
    kind: RateKind = attrs.field(converter=_kind)
    since: date = attrs.field(validator=_checks.valid_day)
    until: date | None = attrs.field(validator=_checks.valid_optional_day)
    source: str = attrs.field(validator=_checks.valid_text)
    note: str = attrs.field(default="", validator=_checks.valid_note)

    def __attrs_post_init__(self) -> None:
        if self.until is not None and self.until < self.since:
            raise InvalidAmountError.of_kind(InputKind.DATE)(
                self.until, f"ends before the rate starts ({self.since}); check the dates"
            )

    @property
    def fallback(self) -> bool:
        """Whether the category has no special rate here and the standard rate applies."""
        return self.applies_as is not self.category

    @property
    def fraction(self) -> Decimal:
        """The rate as a fraction: ``Decimal('0.255')`` for 25.5 %."""
        return self.rate.scaleb(-2, EXACT)

    def covers(self, on: date) -> bool:
        """Whether the rate is in force on ``on``."""
        day = _checks.day(on, "on")
        return self.since <= day and (self.until is None or day <= self.until)

    def explain(self) -> str:
        """The rule in one sentence: rate, tax, category, period and source.

        Examples:
            >>> print(rate_for("DE", "books", on=date(2026, 11, 26)).explain())
            DE VAT on books: 7% (reduced), in force since 2021-01-01. Source: ...
        """
        period = f"in force since {self.since}" + (
            f" until {self.until}" if self.until else ""
        )
        if self.fallback:
            why = f"; no special rate for {self.category}, so the standard rate applies"
        elif self.category in (TaxCategory.ZERO_RATED, TaxCategory.EXEMPT):
            why = f"; {self.note}"
        else:
            why = ""
        return (
            f"{self.jurisdiction} {self.tax} on {self.category}: {self.rate}% "
            f"({self.kind}){why}, {period}. Source: {self.source}"
        )


class TaxRateSource(Protocol):
    """Where rates come from: the bundled tables, or a plugin's live data.

    The United States has no bundled rates (state and local sales tax needs an
    address-level provider); a plugin implements this Protocol to supply them, or any
    other jurisdiction's, and passes the rates to the computation functions.
    """

    def rates_for(
        self, jurisdiction: str, category: TaxCategory | str, *, on: date
    ) -> tuple[TaxRate, ...]:
        """Every tax that applies to ``category`` in ``jurisdiction`` on ``on``."""
        ...


@context_free
def source_rates(
    source: TaxRateSource, jurisdiction: str, category: TaxCategory | str, *, on: date
) -> tuple[TaxRate, ...]:
    """``source.rates_for(...)``, with the answer checked: a plug-in's answer is input
    too, so anything but a non-empty tuple (or list) of ``TaxRate`` is refused with
    [`InvalidAmountError`][commercekit.errors.InvalidAmountError] naming the source's
    question. The rules ask their rate source through this one seam.

    Examples:
        >>> found = source_rates(BUNDLED, "DE", "books", on=date(2026, 6, 1))
        >>> [rate.rate for rate in found]
        [Decimal('7')]
    """
    if not callable(getattr(source, "rates_for", None)):
        raise InvalidAmountError.of_kind(InputKind.TYPE)(
            source, "is not a TaxRateSource (an object with rates_for(...)); pass one"
        )
    found = plugged(lambda: source.rates_for(jurisdiction, category, on=on))
    question = f"the rate source's answer for {jurisdiction} ({category}) on {on}"
    if (
        not isinstance(found, tuple | list)
        or not found
        or not all(isinstance(rate, TaxRate) for rate in found)
    ):
        raise InvalidAmountError.of_kind(InputKind.LIST)(
            found, f"is {question}; rates_for must return a non-empty tuple of TaxRate"
        )
    asked = check_category(category)
    where = {str(jurisdiction).upper(), _ALIASES.get(str(jurisdiction).upper(), "")}
    taxes: set[tuple[str, str]] = set()
    for rate in found:
        problem = (
            "is for another jurisdiction"
            if not any(_related(rate.jurisdiction, code) for code in where if code)
            else "is for another category"
            if rate.category is not asked
            else f"is not in force on {on}"
            if not rate.covers(on)
            else "repeats a tax already given"
            if (rate.jurisdiction, rate.tax) in taxes
            else None
        )
        if problem is not None:
            raise InvalidAmountError(rate, f"{problem}, in {question}")
        taxes.add((rate.jurisdiction, rate.tax))
    return tuple(found)


def _related(found: str, asked: str) -> bool:
    """The same jurisdiction, or one inside the other (DE for DE-BY, CA-ON for CA)."""
    return found == asked or asked.startswith(f"{found}-") or found.startswith(f"{asked}-")


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


_COLUMNS = ("tax", "category", "kind", "rate", "since", "until", "source", "note")


def _read_file(jurisdiction: str, text: str) -> list[TaxRate]:
    where = f"tables[{jurisdiction!r}]"
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    missing = [column for column in _COLUMNS if column not in (rows.fieldnames or ())]
    if missing:
        raise invalid(
            where,
            text,
            f"has no column {', '.join(missing)}: its header must be {','.join(_COLUMNS)}",
        )
    found = []
    for number, row in enumerate(rows, start=2):
        line = f"{where}, row {number}"
        found.append(
            TaxRate(
                jurisdiction=jurisdiction,
                tax=row["tax"],
                category=row["category"],
                applies_as=row["category"],
                rate=row["rate"],
                kind=row["kind"],
                since=_iso_day(row["since"], f"{line}, since"),
                until=_iso_day(row["until"], f"{line}, until") if row["until"] else None,
                source=row["source"],
                note=row["note"] or "",
            )
        )
    return found


def _iso_day(value: object, field: str) -> date:
    try:
        return date.fromisoformat(_checks.text(value, field))
    except ValueError:
        raise invalid(
            field, value, "is not a date written YYYY-MM-DD", kind=InputKind.DATE
        ) from None


def _tables(value: object) -> dict[str, str]:
    if not isinstance(value, dict) or not value:
        raise invalid(
            "tables",
            value,
            "is not a dict of rate tables, such as {'FI': '<the CSV text of FI.csv>'}",
            kind=InputKind.LIST,
        )
    return {
        _checks.jurisdiction(code): _checks.text(text, f"tables[{shown(code)}]")
        for code, text in value.items()
    }


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
        if tables is None:
            folder = files("commercekit.tax").joinpath("_data/rates")
            tables = {
                entry.name.removesuffix(".csv"): entry.read_text("utf-8")
                for entry in folder.iterdir()
                if entry.name.endswith(".csv")
            }
        else:
            tables = _tables(tables)
        self.rows: dict[str, tuple[TaxRate, ...]] = {}
        self._taxes: dict[str, tuple[str, ...]] = {}
        self._own: dict[tuple[str, str, TaxCategory], _Periods] = {}
        self._standard: dict[tuple[str, str, TaxCategory], _Periods] = {}
        for jurisdiction, text in sorted(tables.items()):
            rates = _read_file(jurisdiction, text)
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
            first = min(
                rate.since
                for rate in self.rows[code]
                if rate.category is TaxCategory.STANDARD
            )
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
