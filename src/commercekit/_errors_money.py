"""Errors of money: currencies, locales, mixed currencies, parsing, exchange rates.

Part of [`commercekit.errors`][commercekit.errors], which re-exports every name here.

Where py-moneyed raises an error of its own or a built-in one for the same mistake
(``CurrencyDoesNotExist``, ``MoneyComparisonError``, ``TypeError``,
``decimal.DivisionByZero``), the class here inherits from it too, so code written for
py-moneyed keeps catching what it caught.
"""

from __future__ import annotations

import decimal
from datetime import date, datetime, timedelta

from moneyed.classes import CurrencyDoesNotExist
from moneyed.classes import MoneyComparisonError as _MoneyedComparisonError

from commercekit._errors_data import MissingDataError
from commercekit._errors_input import InvalidAmountError, InvalidTypeError
from commercekit._errors_root import CommerceKitError, shown

__all__ = [
    "AllocationError",
    "CurrencyMismatchError",
    "DivisionByZeroError",
    "FutureRatesError",
    "MissingExchangeRateError",
    "MoneyComparisonError",
    "MoneyParseError",
    "StaleRatesError",
    "UnknownCurrencyError",
    "UnknownLocaleError",
]


class UnknownCurrencyError(CommerceKitError, ValueError, CurrencyDoesNotExist):
    """A currency code that is not an ISO 4217 code commercekit can compute with.

    It is also py-moneyed's ``CurrencyDoesNotExist``, which ``moneyed.Money`` raises
    for an unknown code.
    """

    def __init__(self, code: object, reason: str | None = None) -> None:
        self.code = code
        self.reason = reason or (
            "is not an ISO 4217 currency code; use a three-letter code such as "
            "'EUR', 'USD' or 'JPY'"
        )
        super().__init__(f"{shown(code)} {self.reason}")


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


class MoneyComparisonError(InvalidTypeError, _MoneyedComparisonError):
    """Money ordered (``<``, ``<=``, ``>``, ``>=``) against something that is not money.

    ``price < 10`` has no answer: ten of which currency? Compare with money in the same
    currency, or compare ``price.amount`` with a number. It is py-moneyed's
    ``moneyed.classes.MoneyComparisonError`` too (a ``TypeError``), which py-moneyed
    raises for the same comparison. ``value`` (also ``other``, py-moneyed's name) is
    what money was compared with.
    """

    def __init__(self, other: object) -> None:
        self.other = other
        super().__init__(
            other,
            "is not money: money is only ordered against money in the same currency; "
            "compare its .amount to compare it with a number",
        )

    # py-moneyed's class builds its own message from ``other``; ours says how to fix it.
    __str__ = Exception.__str__


class DivisionByZeroError(InvalidAmountError, decimal.DivisionByZero):
    """Money divided by zero (a number or a zero amount).

    It is also the ``decimal.DivisionByZero`` (a ``ZeroDivisionError``) that
    py-moneyed's division lets through.
    """


class AllocationError(CommerceKitError, ValueError):
    """Ratios or part counts that cannot divide an amount."""


class MoneyParseError(CommerceKitError, ValueError):
    """Text that cannot be read as one unambiguous amount of money."""

    def __init__(self, text: str, locale: str, reason: str) -> None:
        self.text = text
        self.locale = locale
        self.reason = reason
        super().__init__(f"cannot read {shown(text)} as money in locale {locale}: {reason}")


class MissingExchangeRateError(MissingDataError, UnknownCurrencyError):
    """Money must be converted to another currency (to compare it with a limit in that
    currency, or to charge it there) and no exchange-rate table was given.

    It is both a ``MissingDataError`` (a fact was not supplied; a partial quote lists it)
    and an ``UnknownCurrencyError`` (the currency cannot be computed with), as the rules
    that convert raised one or the other before they shared one conversion.
    ``source`` and ``target`` are the two ISO 4217 codes.
    """

    def __init__(
        self, source: str, target: str, how: str, json_how: str | None = None
    ) -> None:
        self.source = source
        self.target = target
        self.code = source  # as an UnknownCurrencyError
        self.reason = how
        self.missing = (f"an exchange rate from {source} to {target}",)
        self.how = how
        self.json_how = json_how
        Exception.__init__(self, f"missing {self.missing[0]}: {how}")


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
