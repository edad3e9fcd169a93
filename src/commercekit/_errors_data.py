"""Errors of rules and their data: dated rules, missing facts, places, tax categories.

Part of [`commercekit.errors`][commercekit.errors], which re-exports every name here.
A bundled data file with a cell its column cannot hold is refused with
[`DataFileError`][commercekit.errors.DataFileError], which names the file, the line
and the column.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from commercekit._errors_input import (
    InvalidAmountError,
    InvalidChoiceError,
    InvalidPlaceError,
)
from commercekit._errors_root import CommerceKitError, shown

__all__ = [
    "AmbiguousTaxError",
    "DataFileError",
    "InvalidTaxIdError",
    "MissingDataError",
    "MissingPaymentCostError",
    "NoRuleError",
    "NoThresholdError",
    "OutsideVatAreaError",
    "UnknownCategoryError",
    "UnknownCountryError",
    "UnknownJurisdictionError",
]


class NoRuleError(CommerceKitError, LookupError):
    """No dated rule covers the date asked for.

    commercekit never falls back to a guess (such as 0% or today's rule) for a date
    its data does not cover.
    """

    def __init__(self, subject: str, on: date, covered: str) -> None:
        self.subject = subject
        self.on = on
        self.covered = covered
        super().__init__(
            f"no rule for {subject} on {on.isoformat()}; the data covers {covered}"
        )


class MissingDataError(CommerceKitError, LookupError):
    """A fact a rule needs was not supplied (a product's facts, a tariff row, a rate).

    ``missing`` names each fact that is missing; ``how`` says how to supply it;
    ``field``, where the rule knows it, the argument or field path that should hold the
    first (``products['MUG'].weight_kg``), else ``None``; ``json_how``, where a JSON
    request supplies it otherwise than a Python call (a request carries no rate
    source), how, in the request's words (the CLI and the HTTP service say it instead
    of ``how``), else ``None``. A quote that may go on without them is asked for with
    ``partial=True`` and then lists them in its ``missing`` field instead of raising.
    """

    field: str | None = None
    json_how: str | None = None

    def __init__(
        self,
        missing: tuple[str, ...] | str,
        how: str,
        *,
        field: str | None = None,
        json_how: str | None = None,
    ) -> None:
        self.missing = (missing,) if isinstance(missing, str) else tuple(missing)
        self.how = how
        self.field = field
        self.json_how = json_how
        super().__init__(f"missing {'; '.join(self.missing)}: {how}")

    @property
    def json_message(self) -> str:
        """The message with ``json_how`` for ``how`` where it has one."""
        if self.json_how is None:
            return str(self)
        return f"missing {'; '.join(self.missing)}: {self.json_how}"

    def at(self, field: str | None) -> MissingDataError:
        """The same refusal pointing at ``field``: a rule's argument named as its
        caller holds it (``facts.heading`` as ``products['TEA'].rate_facts.heading``)."""
        return MissingDataError(self.missing, self.how, field=field, json_how=self.json_how)


class MissingPaymentCostError(MissingDataError):
    """A payment-cost schedule with no figure for what was asked: no row for the
    method, card and merchant country on the day, or a row that does not state the fee
    a question needs (a currency-conversion fee, a dispute fee, what happens to the fee
    on a refund).

    ``missing`` names the figure; ``how`` says to pass a ``PaymentCostSource`` holding
    the provider's contract (or the bundled example schedule that has the row).
    """


class NoThresholdError(NoRuleError, MissingDataError):
    """A jurisdiction with no bundled threshold of that name (Japan has no
    ``registration_threshold`` in the data), from ``threshold_for`` and
    ``threshold_periods`` alike.

    ``jurisdiction`` and ``rule`` are what was asked, ``having`` the jurisdictions
    that have that rule. A [`NoRuleError`][commercekit.errors.NoRuleError] (what
    ``threshold_for`` raised before) and a
    [`MissingDataError`][commercekit.errors.MissingDataError] (what
    ``threshold_periods`` raised); ``on`` is the day asked, ``None`` from
    ``threshold_periods``.
    """

    def __init__(
        self, jurisdiction: str, rule: str, having: Iterable[str], on: date | None = None
    ) -> None:
        self.jurisdiction = jurisdiction
        self.rule = rule
        self.having = tuple(having)
        self.subject = f"the threshold {rule} of {jurisdiction}"
        self.on = on  # type: ignore[assignment]  # no day from threshold_periods
        self.covered = f"{rule} for {', '.join(self.having)}"
        self.missing = (self.subject,)
        self.how = f"the bundled thresholds have it for {', '.join(self.having)}"
        CommerceKitError.__init__(
            self, f"{jurisdiction} has no {rule} in the bundled thresholds; {self.how}"
        )


class DataFileError(CommerceKitError, ValueError):
    """A data file with a line or a cell that cannot be read: a bundled CSV table, or a
    table given in the same format (a rate table passed to ``BundledRates``).

    ``file`` is the file's name (``thresholds.csv``), ``line`` the line in it, counting
    from 1 with the comment lines (``None`` for the file as a whole), ``column`` the
    column's name (``None`` for a whole line) and ``reason`` what is wrong there. The
    message puts them together: ``thresholds.csv line 17, column 'amount': 'abc' is not
    a decimal``.
    """

    def __init__(
        self, file: str, line: int | None, column: str | None, reason: str
    ) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
        super().__init__(f"{self.where}: {reason}")

    @property
    def where(self) -> str:
        """``thresholds.csv line 17, column 'amount'``: the file, line and column."""
        at = self.file if self.line is None else f"{self.file} line {self.line}"
        return at if self.column is None else f"{at}, column {self.column!r}"


class InvalidRateTableError(DataFileError, InvalidAmountError):
    """A rate table passed to ``BundledRates(tables=...)`` that cannot be read.

    A [`DataFileError`][commercekit.errors.DataFileError] naming the table, line and
    column, and an [`InvalidAmountError`][commercekit.errors.InvalidAmountError], what
    such a table's refusals were before the bundled files shared one reader; ``value``
    is the table's name.
    """

    def __init__(
        self, file: str, line: int | None, column: str | None, reason: str
    ) -> None:
        self.file, self.line, self.column = file, line, column
        self.value, self.reason, self.field, self.choices = file, reason, column, ()
        Exception.__init__(self, f"{self.where}: {reason}")


class UnknownCountryError(InvalidPlaceError):
    """A place code that is not a country (ISO 3166-1 alpha-2), or not a subdivision
    (ISO 3166-2) or postcode of the country given.

    ``code`` is the value given (also ``value``, as an
    [`InvalidPlaceError`][commercekit.errors.InvalidPlaceError]); ``field`` the
    argument or field it was given as, where the rule knows it.
    """

    def __init__(
        self, code: object, reason: str | None = None, *, field: str | None = None
    ) -> None:
        self.code = code
        super().__init__(
            code,
            reason
            or "is not an ISO 3166-1 alpha-2 country code; use two capital letters "
            "such as 'NL', 'DE' or 'CH'",
            field=field,
        )


class UnknownJurisdictionError(CommerceKitError, LookupError):
    """A jurisdiction code commercekit has no rules for."""

    def __init__(self, code: object, known: str) -> None:
        self.code = code
        self.use = (
            f"{shown(code)} is not a jurisdiction with bundled tax rates; use an ISO "
            f"3166 code such as 'DE', 'XI' or 'CA-ON' ({known})"
        )
        super().__init__(f"{self.use}, or supply rates through a TaxRateSource")

    @property
    def json_message(self) -> str:
        """The codes to use: a JSON request carries no rate source."""
        return self.use


class UnknownCategoryError(InvalidChoiceError):
    """A product tax category outside commercekit's vocabulary.

    ``known`` lists the categories, as text (``"standard, food"``) or values; they are
    the ``choices`` of this [`InvalidChoiceError`][commercekit.errors.InvalidChoiceError].
    """

    def __init__(self, category: object, known: str | Iterable[str]) -> None:
        self.category = category
        listed = known.split(", ") if isinstance(known, str) else tuple(known)
        super().__init__(
            category,
            f"is not a tax category; use one of: {', '.join(listed)}",
            choices=listed,
        )


class OutsideVatAreaError(CommerceKitError, LookupError):
    """The place is part of a member state but outside the EU VAT area.

    Its sales are not charged the member state's VAT: the Canary Islands apply IGIC,
    Büsingen Swiss VAT, Heligoland none. ``territory`` carries the why and the source.
    """

    def __init__(self, territory: object, message: str) -> None:
        self.territory = territory
        super().__init__(message)


class AmbiguousTaxError(CommerceKitError, LookupError):
    """More than one tax applies (GST and PST) where one rate was asked for."""

    def __init__(self, jurisdiction: str, message: str) -> None:
        self.jurisdiction = jurisdiction
        super().__init__(f"{jurisdiction}: {message}")


class InvalidTaxIdError(CommerceKitError, ValueError):
    """A VAT/GST number whose format or check digits are wrong."""

    def __init__(self, text: str, country: str, reason: str) -> None:
        self.text = text
        self.country = country
        self.reason = reason
        of = "" if country in ("unknown", "any") else f"{country} "
        super().__init__(f"{shown(text)} is not a valid {of}VAT number: {reason}")
