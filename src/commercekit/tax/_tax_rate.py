"""One tax rate: its tax, category, kind, period and source, and where rates come from.

A [`TaxRate`][commercekit.tax.TaxRate] is one row of a rate table, checked when it is
built. A [`TaxRateSource`][commercekit.tax.TaxRateSource] answers "which rates apply
here on that day": the bundled tables ([`BundledRates`][commercekit.tax.BundledRates])
or a plug-in's live data, whose answer
[`source_rates`][commercekit.tax.source_rates] checks like any other input.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Protocol

import attrs

from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import EXACT, context_free, named_at_the_door, plugged
from commercekit.errors import InputKind, InvalidAmountError
from commercekit.money import to_decimal
from commercekit.tax import _checks
from commercekit.tax._categories import RateKind, TaxCategory, check_category

__all__ = ["TaxRate", "TaxRateSource", "source_rates"]

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


@named_at_the_door
@attrs.frozen
class TaxRate:
    """One tax's rate for one category in one jurisdiction, with its period and source.

    ``rate`` is in percent (``Decimal('25.5')``). ``category`` is the category asked
    for; ``applies_as`` the one whose rule applied: the same, or ``STANDARD`` when the
    jurisdiction has no special rate for it (then
    [`fallback`][commercekit.tax.TaxRate.fallback] is true).
    ``until`` is the last day the rate applies, ``None`` while it is open-ended.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
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
            raise invalid(
                "until",
                self.until.isoformat(),
                f"ends before the rate starts (since={self.since}); check the dates",
                kind=InputKind.DATE,
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
            >>> from datetime import date
            >>> from commercekit.tax import rate_for
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

    The United States has no bundled local rates (local sales tax needs an
    address-level provider); a plugin implements this Protocol to supply them, or any
    other jurisdiction's, and passes the rates to the computation functions
    ([`LocalRates`][commercekit.tax.LocalRates] is one built from the local rates of one
    address).

    A source may also have the optional method ``local_item_rules(jurisdiction,
    category, rules, *, on) -> tuple[PerItemRate, ...]``: for a category whose rate in
    a US state depends on the price of each item (``rules``, the state's own, from
    [`per_item_rates`][commercekit.tax.per_item_rates]), each local tax's rule under
    the same threshold: the local rate, or an exemption, either side of it (a New York
    locality that exempts clothing under USD 110 as the state does, or taxes it). It
    raises ``MissingDataError`` naming a local tax that does not say. A source without
    it answers the state's part alone for such a category, which a decision refuses
    where the state has local taxes (or, asked for a partial answer, says it left out).
    """

    def rates_for(
        self, jurisdiction: str, category: TaxCategory | str, *, on: date
    ) -> tuple[TaxRate, ...]:
        """Every tax that applies to ``category`` in ``jurisdiction`` on ``on``."""
        ...


OWN_SOURCES: set[type] = set()
"""The classes of the library's own rate sources (``BundledRates``, added where it is
defined): their answers are read from tables checked when read, by the library's code,
so ``source_rates`` does not check them again (``tests/test_tax_source_rates.py`` holds
every bundled answer to the check)."""


@context_free
def source_rates(
    source: TaxRateSource, jurisdiction: str, category: TaxCategory | str, *, on: date
) -> tuple[TaxRate, ...]:
    """``source.rates_for(...)``, with the answer checked: a plug-in's answer is input
    too, so anything but a non-empty tuple (or list) of ``TaxRate`` is refused with
    [`InvalidAmountError`][commercekit.errors.InvalidAmountError] naming the source's
    question. The rules ask their rate source through this one seam.

    Examples:
        >>> from datetime import date
        >>> from commercekit.tax import BUNDLED
        >>> found = source_rates(BUNDLED, "DE", "books", on=date(2026, 6, 1))
        >>> [rate.rate for rate in found]
        [Decimal('7')]
    """
    if type(source) in OWN_SOURCES:  # the library's answer: not checked again
        return source.rates_for(jurisdiction, category, on=on)
    if not callable(getattr(source, "rates_for", None)):
        raise InvalidAmountError.of_kind(InputKind.TYPE)(
            source, "is not a TaxRateSource (an object with rates_for(...)); pass one"
        )
    found = plugged(lambda: source.rates_for(jurisdiction, category, on=on))
    return checked_answer(found, jurisdiction, category, on)


def checked_answer(
    found: object, jurisdiction: str, category: TaxCategory | str, on: date
) -> tuple[TaxRate, ...]:
    """A rate source's answer to ``rates_for(jurisdiction, category, on=on)``, checked
    as ``source_rates`` checks a plug-in's."""
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
