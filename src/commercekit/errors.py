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

from datetime import date, datetime, timedelta

__all__ = [
    "AllocationError",
    "AmbiguousTaxError",
    "CommerceKitError",
    "CurrencyMismatchError",
    "DuplicatePromotionError",
    "ExcessReturnError",
    "ExclusivePromotionConflictError",
    "FutureRatesError",
    "InsufficientPointsError",
    "InvalidAmountError",
    "InvalidCartError",
    "InvalidInventoryError",
    "InvalidJsonError",
    "InvalidLoyaltyError",
    "InvalidMetricError",
    "InvalidPromotionError",
    "InvalidTaxIdError",
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


class CommerceKitError(Exception):
    """The root of every error commercekit raises on purpose."""


class InvalidAmountError(CommerceKitError, ValueError):
    """An amount, rate, ratio or quantity that commercekit refuses to compute with.

    Floats, NaN, infinities, booleans and text that is not a decimal number are all
    refused: each would silently change the money it stands for.
    """

    def __init__(self, value: object, reason: str) -> None:
        self.value = value
        self.reason = reason
        super().__init__(f"{shown(value)} {reason}")


class UnknownCurrencyError(CommerceKitError, ValueError):
    """A currency code that is not an ISO 4217 code commercekit can compute with."""

    def __init__(self, code: object, reason: str | None = None) -> None:
        self.code = code
        self.reason = reason or (
            "is not an ISO 4217 currency code; use a three-letter code such as "
            "'EUR', 'USD' or 'JPY'"
        )
        super().__init__(f"{shown(code)} {self.reason}")


class UnknownCountryError(CommerceKitError, ValueError):
    """A place code that is not a country (ISO 3166-1 alpha-2), or not a subdivision
    (ISO 3166-2) or postcode of the country given."""

    def __init__(self, code: object, reason: str | None = None) -> None:
        self.code = code
        super().__init__(
            f"{shown(code)} "
            + (
                reason
                or "is not an ISO 3166-1 alpha-2 country code; use two capital letters "
                "such as 'NL', 'DE' or 'CH'"
            )
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


class UnknownCategoryError(CommerceKitError, ValueError):
    """A product tax category outside commercekit's vocabulary."""

    def __init__(self, category: object, known: str) -> None:
        self.category = category
        super().__init__(f"{shown(category)} is not a tax category; use one of: {known}")


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


class NaiveDatetimeError(CommerceKitError, ValueError):
    """A datetime without a time zone where a moment in time is needed.

    A promotion that "ends at midnight" ends at a different moment in Amsterdam and in
    New York; a naive datetime cannot say which.
    """

    def __init__(self, value: object, what: str) -> None:
        self.value = value
        self.what = what
        super().__init__(
            f"{what} {shown(value)} has no time zone; pass a timezone-aware datetime "
            f"such as datetime(2026, 11, 27, 0, 0, tzinfo=ZoneInfo('Europe/Amsterdam'))"
        )


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


class InvalidInventoryError(CommerceKitError, ValueError):
    """A demand, lead time, service level or quantity an inventory rule cannot use."""

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field}={shown(value)} {reason}")


class InvalidMetricError(CommerceKitError, ValueError):
    """An input that makes a unit-economics measure meaningless (zero orders, say)."""

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field}={shown(value)} {reason}")


class InvalidLoyaltyError(CommerceKitError, ValueError):
    """Points, dates, rules or lots a loyalty program cannot use.

    Negative or fractional points, a lot id the ledger does not hold, an expiry before
    the earning date, a bonus event that ends before it starts.
    """

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field}={shown(value)} {reason}")


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
