"""Errors raised by commercekit.

Every error commercekit raises on purpose is a
[`CommerceKitError`][commercekit.errors.CommerceKitError], so one ``except
CommerceKitError`` catches them all. Each leaf class names what went wrong, carries the
offending values as attributes, and its message says how to fix it.

Some leaves also inherit from the built-in exception that Python code would expect
(``TypeError`` for mixing currencies, ``ValueError`` for a malformed amount), so code
written for py-moneyed that catches those keeps working.

Examples:
    >>> from commercekit.money import Money
    >>> Money(1.5, "EUR")
    Traceback (most recent call last):
    ...
    commercekit.errors.InvalidAmountError: 1.5 is a float, which cannot hold most ...
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import ClassVar

__all__ = [
    "KIND_ERRORS",
    "PACKAGE_ERRORS",
    "PACKAGE_KIND_ERRORS",
    "AllocationError",
    "AmbiguousTaxError",
    "CommerceKitError",
    "CurrencyMismatchError",
    "DuplicatePromotionError",
    "ExcessReturnError",
    "ExclusivePromotionConflictError",
    "FutureRatesError",
    "InputKind",
    "InsufficientPointsError",
    "InvalidAmountError",
    "InvalidCartError",
    "InvalidChoiceError",
    "InvalidCountError",
    "InvalidDateError",
    "InvalidFlagError",
    "InvalidInputError",
    "InvalidInventoryError",
    "InvalidJsonError",
    "InvalidListError",
    "InvalidLoyaltyError",
    "InvalidMetricError",
    "InvalidPlaceError",
    "InvalidPromotionError",
    "InvalidTaxIdError",
    "InvalidTextError",
    "InvalidTypeError",
    "MissingDataError",
    "MissingExchangeRateError",
    "MoneyParseError",
    "NaiveDatetimeError",
    "NoRuleError",
    "OutsideVatAreaError",
    "RefundMismatchError",
    "StaleRatesError",
    "UnknownCategoryError",
    "UnknownCountryError",
    "UnknownCurrencyError",
    "UnknownJurisdictionError",
    "UnknownLocaleError",
    "UnknownPromotionError",
    "UnknownSkuError",
    "shown",
]


_SHOWN_LIMIT = 120


def shown(value: object) -> str:
    """``repr(value)`` for an error message: never raises, never longer than a line.

    An error message must survive any value it names: ``repr()`` of an integer with
    thousands of digits raises ``ValueError``, and a megabyte string would drown the
    message, so both are shortened.

    Examples:
        >>> shown("DE"), shown(10**10000)
        ("'DE'", '<an integer of 33220 bits>')
        >>> len(shown("x" * 10**6)) <= 120
        True
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
        return f"<an integer of {value.bit_length()} bits>"
    try:
        text = repr(value)
    except Exception:  # any failure to show a value must not hide the error
        return f"<a {type(value).__name__} that cannot be shown>"
    if len(text) > _SHOWN_LIMIT:
        tail = f"... ({len(text)} chars)"
        return text[: _SHOWN_LIMIT - len(tail)] + tail
    return text


def _restore(cls: type[CommerceKitError], args: tuple[object, ...]) -> CommerceKitError:
    """An error rebuilt by pickle from its message, its attributes set afterwards."""
    return cls.__new__(cls, *args)


class CommerceKitError(Exception):
    """The root of every error commercekit raises on purpose.

    Every error pickles to the same class, message and attributes (an error raised in a
    worker process reaches the caller intact), although the leaves take their own
    constructor arguments rather than the message.
    """

    def __reduce__(self) -> tuple[object, ...]:
        return (_restore, (type(self), self.args), self.__dict__ or None)


class InputKind(enum.Enum):
    """What a refused input was meant to be: the ``kind`` of an
    [`InvalidInputError`][commercekit.errors.InvalidInputError]."""

    AMOUNT = "amount"
    """A number: an amount of money, a rate, a ratio, a quantity, a weight."""
    CHOICE = "choice"
    """One value from a fixed list (the error's ``choices``): a mode, a category."""
    DATE = "date"
    """A calendar day (a ``date``) or a moment (an aware ``datetime``)."""
    COUNT = "count"
    """A whole number: units, points, days, periods, parts."""
    TEXT = "text"
    """A ``str``: a name, an id, a code to look up."""
    FLAG = "flag"
    """``True`` or ``False``."""
    LIST = "list"
    """A list or tuple (or a set, a mapping) of values."""
    TYPE = "type"
    """An object of a given class (a ``Quote``, a ``RateTable``)."""
    PLACE = "place"
    """A country, a subdivision, a jurisdiction, a customs area or a postcode."""


class InvalidInputError(CommerceKitError, ValueError):
    """An input commercekit refuses, with what it was meant to be.

    ``value`` is the input, ``reason`` what is wrong with it and what to pass instead,
    ``field`` the argument or field it was given as (``None`` where the message names
    it), ``kind`` an [`InputKind`][commercekit.errors.InputKind] and ``choices`` the
    values allowed when the input is a choice (empty otherwise).

    It is the base of the package errors
    ([`InvalidAmountError`][commercekit.errors.InvalidAmountError],
    [`InvalidInventoryError`][commercekit.errors.InvalidInventoryError],
    [`InvalidMetricError`][commercekit.errors.InvalidMetricError],
    [`InvalidLoyaltyError`][commercekit.errors.InvalidLoyaltyError]) and of one class
    per kind ([`InvalidChoiceError`][commercekit.errors.InvalidChoiceError],
    [`InvalidDateError`][commercekit.errors.InvalidDateError], ...). An input of a
    kind other than an amount refused by a package is both: an
    ``InvalidInventoryChoiceError`` is an ``InvalidInventoryError`` (what the inventory
    rules have always raised) and an ``InvalidChoiceError``. Catch the package's class,
    the kind's class, or this one.

    Examples:
        >>> from decimal import Decimal
        >>> from commercekit.pricing import CHARM_99
        >>> try:
        ...     CHARM_99.move(Decimal("23.40"), "sideways")
        ... except InvalidChoiceError as error:
        ...     print(type(error).__name__, error.field, error.kind, error.choices)
        ...     print(isinstance(error, InvalidAmountError), isinstance(error, ValueError))
        InvalidAmountChoiceError direction InputKind.CHOICE ('up', 'nearest', 'down')
        True True
    """

    kind: ClassVar[InputKind] = InputKind.AMOUNT
    """What the input was meant to be; a package's own class means an amount."""

    _kinds: ClassVar[dict[InputKind, type[InvalidInputError]]] = {}

    def __init__(
        self,
        value: object,
        reason: str,
        *,
        field: str | None = None,
        choices: Iterable[str] = (),
    ) -> None:
        self.value = value
        self.reason = reason
        self.field = field
        self.choices = tuple(choices)
        super().__init__(self._message())

    def _message(self) -> str:
        said = f"{shown(self.value)} {self.reason}"
        return said if self.field is None else f"{said} (argument {self.field!r})"

    @classmethod
    def of_kind(cls, kind: InputKind) -> type[InvalidInputError]:
        """The class this package raises for an input of ``kind``: itself for an
        amount, ``Invalid<Package><Kind>Error`` for the other kinds."""
        return cls._kinds.get(kind, cls)

    @classmethod
    def refused(
        cls,
        field: str,
        value: object,
        reason: str,
        *,
        kind: InputKind = InputKind.AMOUNT,
        choices: Iterable[str] = (),
    ) -> InvalidInputError:
        """The error this package raises for ``field``'s ``value`` of ``kind``."""
        return cls.of_kind(kind)(value, reason, field=field, choices=choices)


class InvalidChoiceError(InvalidInputError):
    """A value that is not one of a fixed list; ``choices`` lists the values allowed."""

    kind = InputKind.CHOICE


class InvalidDateError(InvalidInputError):
    """Not a calendar day (a ``date``, never a ``datetime``), or not an aware moment."""

    kind = InputKind.DATE


class InvalidCountError(InvalidInputError):
    """Not a whole number (an ``int``, never a bool or a float), or one out of bounds."""

    kind = InputKind.COUNT


class InvalidTextError(InvalidInputError):
    """Not a ``str``, or empty text where a name, an id or a code is needed."""

    kind = InputKind.TEXT


class InvalidFlagError(InvalidInputError):
    """Not ``True`` or ``False`` (a truthy ``"no"`` is refused, not read as yes)."""

    kind = InputKind.FLAG


class InvalidListError(InvalidInputError):
    """Not a list or tuple (text, a mapping or a lone value), or a list of the wrong
    shape."""

    kind = InputKind.LIST


class InvalidTypeError(InvalidInputError, TypeError):
    """An object of the wrong class where a given one is needed (a ``RateTable``).

    It is a ``TypeError`` too, as code written for py-moneyed expects of a wrong type.
    """

    kind = InputKind.TYPE


class InvalidPlaceError(InvalidInputError):
    """Not a country, subdivision, jurisdiction, customs area or postcode."""

    kind = InputKind.PLACE


KIND_ERRORS: tuple[type[InvalidInputError], ...] = (
    InvalidChoiceError,
    InvalidDateError,
    InvalidCountError,
    InvalidTextError,
    InvalidFlagError,
    InvalidListError,
    InvalidTypeError,
    InvalidPlaceError,
)
"""One class per kind of input other than an amount, to catch that kind anywhere."""


class InvalidAmountError(InvalidInputError):
    """An amount, rate, ratio or quantity that commercekit refuses to compute with.

    Floats, NaN, infinities, booleans and text that is not a decimal number are all
    refused: each would silently change the money it stands for.

    The money, tax, pricing, shipping and checkout packages raise it for every input
    they refuse; where the input is not an amount, the class raised is also the
    kind's (``InvalidAmountChoiceError`` is an ``InvalidChoiceError`` too, and so on),
    and ``kind`` says which.
    """


class UnknownCurrencyError(CommerceKitError, ValueError):
    """A currency code that is not an ISO 4217 code commercekit can compute with."""

    def __init__(self, code: object, reason: str | None = None) -> None:
        self.code = code
        self.reason = reason or (
            "is not an ISO 4217 currency code; use a three-letter code such as "
            "'EUR', 'USD' or 'JPY'"
        )
        super().__init__(f"{shown(code)} {self.reason}")


class UnknownCountryError(InvalidPlaceError):
    """A place code that is not a country (ISO 3166-1 alpha-2), or not a subdivision
    (ISO 3166-2) or postcode of the country given.

    ``code`` is the value given (also ``value``, as an
    [`InvalidPlaceError`][commercekit.errors.InvalidPlaceError]).
    """

    def __init__(self, code: object, reason: str | None = None) -> None:
        self.code = code
        super().__init__(
            code,
            reason
            or "is not an ISO 3166-1 alpha-2 country code; use two capital letters "
            "such as 'NL', 'DE' or 'CH'",
        )


class UnknownLocaleError(CommerceKitError, ValueError):
    """A locale identifier that CLDR (through babel) does not know."""

    def __init__(self, locale: object) -> None:
        self.locale = locale
        super().__init__(
            f"{shown(locale)} is not a locale CLDR knows; use an identifier such as "
            f"'nl_NL', 'fr_FR' or 'de_CH'"
        )


class CurrencyMismatchError(CommerceKitError, TypeError):
    """Two amounts in different currencies were combined or compared.

    Convert one of them first (with an explicit exchange rate); commercekit never
    converts silently.
    """

    def __init__(self, left: str, right: str, operation: str) -> None:
        self.left = left
        self.right = right
        self.operation = operation
        super().__init__(
            f"cannot {operation} {left} and {right}: the amounts are in different "
            f"currencies; convert one of them with an explicit exchange rate first"
        )


class AllocationError(CommerceKitError, ValueError):
    """Ratios or part counts that cannot divide an amount."""


class MoneyParseError(CommerceKitError, ValueError):
    """Text that cannot be read as one unambiguous amount of money."""

    def __init__(self, text: str, locale: str, reason: str) -> None:
        self.text = text
        self.locale = locale
        self.reason = reason
        super().__init__(f"cannot read {shown(text)} as money in locale {locale}: {reason}")


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

    ``missing`` names each fact that is missing; ``how`` says how to supply it. A quote
    that may go on without them is asked for with ``partial=True`` and then lists them
    in its ``missing`` field instead of raising.
    """

    def __init__(self, missing: tuple[str, ...] | str, how: str) -> None:
        self.missing = (missing,) if isinstance(missing, str) else tuple(missing)
        self.how = how
        super().__init__(f"missing {'; '.join(self.missing)}: {how}")


class MissingExchangeRateError(MissingDataError, UnknownCurrencyError):
    """Money must be converted to another currency (to compare it with a limit in that
    currency, or to charge it there) and no exchange-rate table was given.

    It is both a ``MissingDataError`` (a fact was not supplied; a partial quote lists it)
    and an ``UnknownCurrencyError`` (the currency cannot be computed with), as the rules
    that convert raised one or the other before they shared one conversion.
    ``source`` and ``target`` are the two ISO 4217 codes.
    """

    def __init__(self, source: str, target: str, how: str) -> None:
        self.source = source
        self.target = target
        self.code = source  # as an UnknownCurrencyError
        self.reason = how
        self.missing = (f"an exchange rate from {source} to {target}",)
        self.how = how
        Exception.__init__(self, f"missing {self.missing[0]}: {how}")


class UnknownJurisdictionError(CommerceKitError, LookupError):
    """A jurisdiction code commercekit has no rules for."""

    def __init__(self, code: object, known: str) -> None:
        self.code = code
        super().__init__(
            f"{shown(code)} is not a jurisdiction with bundled tax rates; use an ISO "
            f"3166 code such as 'DE', 'XI' or 'CA-ON' ({known}), or supply rates through a "
            f"TaxRateSource"
        )


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


class StaleRatesError(CommerceKitError, ValueError):
    """An exchange-rate table older than the caller allows."""

    def __init__(
        self, provider: str, observed_at: datetime, at: datetime, max_age: timedelta
    ) -> None:
        self.provider = provider
        self.observed_at = observed_at
        self.at = at
        self.max_age = max_age
        super().__init__(
            f"the rates from {provider} were observed {observed_at.isoformat()}, more than "
            f"{max_age} before {at.isoformat()}; fetch a fresh table or allow an older "
            f"one with max_age="
        )


class FutureRatesError(CommerceKitError, ValueError):
    """An exchange-rate table observed after the moment it is asked to convert for."""

    def __init__(self, provider: str, observed_at: datetime, at: date) -> None:
        self.provider = provider
        self.observed_at = observed_at
        self.at = at
        super().__init__(
            f"the rates from {provider} were observed {observed_at.isoformat()}, after "
            f"{at.isoformat()}, the moment they would convert for: pass the table known "
            "at that moment"
        )


class InvalidTaxIdError(CommerceKitError, ValueError):
    """A VAT/GST number whose format or check digits are wrong."""

    def __init__(self, text: str, country: str, reason: str) -> None:
        self.text = text
        self.country = country
        self.reason = reason
        super().__init__(f"{shown(text)} is not a valid {country} VAT number: {reason}")


class NaiveDatetimeError(InvalidDateError):
    """A datetime without a time zone where a moment in time is needed.

    A promotion that "ends at midnight" ends at a different moment in Amsterdam and in
    New York; a naive datetime cannot say which. ``what`` (also ``field``) names the
    moment.
    """

    def __init__(self, value: object, what: str) -> None:
        self.what = what
        super().__init__(
            value,
            "has no time zone; pass a timezone-aware datetime such as "
            "datetime(2026, 11, 27, 0, 0, tzinfo=ZoneInfo('Europe/Amsterdam'))",
            field=what,
        )

    def _message(self) -> str:
        return f"{self.what} {shown(self.value)} {self.reason}"


class InvalidCartError(CommerceKitError, ValueError):
    """A cart that promotions cannot be applied to (no lines, bad usage counts)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"invalid cart: {reason}")


class InvalidPromotionError(CommerceKitError, ValueError):
    """A promotion whose definition contradicts itself or its offer."""

    def __init__(self, promotion_id: object, reason: str) -> None:
        self.promotion_id = promotion_id
        self.reason = reason
        super().__init__(f"promotion {shown(promotion_id)}: {reason}")


class DuplicatePromotionError(CommerceKitError, ValueError):
    """Two promotions with the same id were given together."""

    def __init__(self, promotion_id: str) -> None:
        self.promotion_id = promotion_id
        super().__init__(
            f"two promotions have the id {shown(promotion_id)}; ids identify promotions in "
            f"usage counts and results, so give each promotion its own id"
        )


class UnknownPromotionError(CommerceKitError, LookupError):
    """A promotion refers to a promotion id that was not given."""

    def __init__(self, promotion_id: str, referenced_by: str) -> None:
        self.promotion_id = promotion_id
        self.referenced_by = referenced_by
        super().__init__(
            f"promotion {shown(referenced_by)} refers to {shown(promotion_id)}, which "
            f"is not among the promotions given; pass that promotion too, or remove the "
            f"reference"
        )


class ExclusivePromotionConflictError(CommerceKitError, ValueError):
    """Two exclusive promotions could both be live, and nothing says which one wins."""

    def __init__(self, first: str, second: str, priority: int) -> None:
        self.first = first
        self.second = second
        self.priority = priority
        super().__init__(
            f"exclusive promotions {shown(first)} and {shown(second)} both have "
            f"priority {priority} and their validity windows overlap, so nothing decides "
            f"which one applies; "
            f"give one of them a higher priority or make their windows not overlap"
        )


class InvalidJsonError(CommerceKitError, ValueError):
    """JSON input (a quote request, a value object) with a field that is wrong.

    ``field`` is the path to it (``cart.lines[0].unit_price.amount``; empty for the
    document itself) and ``reason`` what is wrong with it and how to write it instead.
    """

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}" if field else reason)


class UnknownSkuError(CommerceKitError, LookupError):
    """A return names a SKU that is not on the quote being refunded."""

    def __init__(self, sku: object, known: tuple[str, ...]) -> None:
        self.sku = sku
        self.known = known
        listed = ", ".join(shown(code) for code in known)
        super().__init__(f"{shown(sku)} is not on the quote; it has: {listed}")


class ExcessReturnError(CommerceKitError, ValueError):
    """A return of more units than were bought, counting the earlier refunds."""

    def __init__(self, sku: str, bought: int, returned: int, requested: int) -> None:
        self.sku = sku
        self.bought = bought
        self.returned = returned
        self.requested = requested
        super().__init__(
            f"cannot return {requested} more of {shown(sku)}: {bought} were bought and "
            f"{returned} already refunded, so at most {bought - returned} can come back; "
            f"check the previous refunds passed as previous="
        )


class RefundMismatchError(CommerceKitError, ValueError):
    """An earlier refund passed as ``previous`` does not belong to the quote."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(
            f"{reason}; pass as previous= only the refunds made against this quote"
        )


class _FieldInputError(InvalidInputError):
    """The shape the rule packages' own errors share: ``(field, value, reason)``, with
    the message ``field=value reason``."""

    def __init__(
        self, field: str, value: object, reason: str, *, choices: Iterable[str] = ()
    ) -> None:
        super().__init__(value, reason, field=field, choices=choices)

    def _message(self) -> str:
        return f"{self.field}={shown(self.value)} {self.reason}"

    @classmethod
    def refused(
        cls,
        field: str,
        value: object,
        reason: str,
        *,
        kind: InputKind = InputKind.AMOUNT,
        choices: Iterable[str] = (),
    ) -> InvalidInputError:
        """The error this package raises for ``field``'s ``value`` of ``kind``."""
        made = cls.of_kind(kind)
        assert issubclass(made, _FieldInputError)  # noqa: S101  # by construction
        return made(field, value, reason, choices=choices)


class InvalidInventoryError(_FieldInputError):
    """A demand, lead time, service level or quantity an inventory rule cannot use."""


class InvalidMetricError(_FieldInputError):
    """An input that makes a unit-economics measure meaningless (zero orders, say)."""


class InvalidLoyaltyError(_FieldInputError):
    """Points, dates, rules or lots a loyalty program cannot use.

    Negative or fractional points, a lot id the ledger does not hold, an expiry before
    the earning date, a bonus event that ends before it starts.
    """


PACKAGE_ERRORS: tuple[type[InvalidInputError], ...] = (
    InvalidAmountError,
    InvalidInventoryError,
    InvalidMetricError,
    InvalidLoyaltyError,
)
"""The packages' input errors: each has one subclass per kind in ``KIND_ERRORS``."""


def _package_kinds() -> dict[str, type[InvalidInputError]]:
    """``Invalid<Package><Kind>Error`` for each package error and kind: a subclass of
    both, so a caller may catch either; named here, at import, so that it pickles."""
    made: dict[str, type[InvalidInputError]] = {}
    for package in PACKAGE_ERRORS:
        stem = package.__name__.removesuffix("Error")
        package._kinds = {}
        for kind_error in KIND_ERRORS:
            name = f"{stem}{kind_error.kind.value.title()}Error"
            doc = (
                f"An input meant as a {kind_error.kind.value}, refused where "
                f"``{package.__name__}`` is raised: both a ``{package.__name__}`` "
                f"and an ``{kind_error.__name__}``."
            )
            cls = type(
                name,
                (package, kind_error),
                {"__module__": __name__, "__qualname__": name, "__doc__": doc},
            )
            package._kinds[kind_error.kind] = made[name] = cls
    return made


PACKAGE_KIND_ERRORS = _package_kinds()
"""Every ``Invalid<Package><Kind>Error`` by name (``InvalidInventoryChoiceError``)."""
globals().update(PACKAGE_KIND_ERRORS)
__all__ += sorted(PACKAGE_KIND_ERRORS)  # noqa: PLE0605  # made above, one per package and kind


class InsufficientPointsError(CommerceKitError, ValueError):
    """More points were asked for than the ledger can spend on that date.

    Points still in their pending period and points that have expired cannot be spent.
    """

    def __init__(self, requested: int, spendable: int, on: date | None = None) -> None:
        self.requested = requested
        self.spendable = spendable
        self.on = on
        when = f" on {on.isoformat()}" if on is not None else ""
        super().__init__(
            f"cannot take {requested} points{when}: only {spendable} are spendable "
            f"(pending and expired points do not count); ask for at most {spendable}"
        )
