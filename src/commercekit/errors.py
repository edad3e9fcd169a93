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

from typing import Any

from commercekit._errors_data import (
    AmbiguousTaxError,
    DataFileError,
    InvalidRateTableError,
    InvalidTaxIdError,
    MissingDataError,
    MissingPaymentCostError,
    NoRuleError,
    NoThresholdError,
    OutsideVatAreaError,
    UnknownCategoryError,
    UnknownCountryError,
    UnknownJurisdictionError,
)
from commercekit._errors_input import (
    KIND_ERRORS,
    PACKAGE_ERRORS,
    PACKAGE_KIND_NAMES,
    InputKind,
    InvalidAmountError,
    InvalidBatchError,
    InvalidChoiceError,
    InvalidCountError,
    InvalidDateError,
    InvalidFlagError,
    InvalidInputError,
    InvalidInventoryError,
    InvalidListError,
    InvalidLoyaltyError,
    InvalidMetricError,
    InvalidPaymentError,
    InvalidPlaceError,
    InvalidTextError,
    InvalidTypeError,
    NaiveDatetimeError,
    package_kind_error,
)
from commercekit._errors_money import (
    AllocationError,
    CurrencyMismatchError,
    DivisionByZeroError,
    FutureRatesError,
    MissingExchangeRateError,
    MoneyComparisonError,
    MoneyParseError,
    StaleRatesError,
    UnknownCurrencyError,
    UnknownLocaleError,
)
from commercekit._errors_orders import (
    DuplicatePromotionError,
    ExcessReturnError,
    ExclusivePromotionConflictError,
    InsufficientPointsError,
    InvalidCartError,
    InvalidJsonError,
    InvalidPromotionError,
    RefundMismatchError,
    RefundPolicyRefusedError,
    SurchargeRefusedError,
    UnknownPromotionError,
    UnknownSkuError,
)
from commercekit._errors_root import CommerceKitError, _restore, shown

__all__ = [
    "KIND_ERRORS",
    "PACKAGE_ERRORS",
    "PACKAGE_KIND_ERRORS",  # made when asked for: see __getattr__
    "AllocationError",
    "AmbiguousTaxError",
    "CommerceKitError",
    "CurrencyMismatchError",
    "DataFileError",
    "DivisionByZeroError",
    "DuplicatePromotionError",
    "ExcessReturnError",
    "ExclusivePromotionConflictError",
    "FutureRatesError",
    "InputKind",
    "InsufficientPointsError",
    "InvalidAmountError",
    "InvalidBatchError",
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
    "InvalidPaymentError",
    "InvalidPlaceError",
    "InvalidPromotionError",
    "InvalidRateTableError",
    "InvalidTaxIdError",
    "InvalidTextError",
    "InvalidTypeError",
    "MissingDataError",
    "MissingExchangeRateError",
    "MissingPaymentCostError",
    "MoneyComparisonError",
    "MoneyParseError",
    "NaiveDatetimeError",
    "NoRuleError",
    "NoThresholdError",
    "OutsideVatAreaError",
    "RefundMismatchError",
    "RefundPolicyRefusedError",
    "StaleRatesError",
    "SurchargeRefusedError",
    "UnknownCategoryError",
    "UnknownCountryError",
    "UnknownCurrencyError",
    "UnknownJurisdictionError",
    "UnknownLocaleError",
    "UnknownPromotionError",
    "UnknownSkuError",
    "shown",
]

# The classes are defined in private modules, one per seam (the root, refused inputs,
# money, rules and data, orders), but belong here: a traceback prints
# ``commercekit.errors.InvalidAmountError``, and pickle finds a class (and ``_restore``,
# which rebuilds an error) by its ``__module__``, so an error pickled before the split
# still loads, and one pickled now names only this module.
_restore.__module__ = __name__
for _name in __all__:
    if isinstance(globals().get(_name), type):
        globals()[_name].__module__ = __name__
del _name

__all__ += sorted(PACKAGE_KIND_NAMES)  # noqa: PLE0605  # one per package and kind, see __getattr__


PACKAGE_KIND_ERRORS: dict[str, type[InvalidInputError]]
"""Each ``Invalid<Package><Kind>Error`` by its name (all 48 made when it is read)."""


def __getattr__(name: str) -> Any:  # a class made on first use: typed as any
    """``PACKAGE_KIND_ERRORS`` and each ``Invalid<Package><Kind>Error``, made when first
    asked for (PEP 562): by an import, by pickle finding the class of an error, or
    where a rule raises it (``InvalidAmountError.of_kind``, the same class)."""
    if name == "PACKAGE_KIND_ERRORS":
        return {each: package_kind_error(each) for each in PACKAGE_KIND_NAMES}
    if name in PACKAGE_KIND_NAMES:
        return package_kind_error(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
