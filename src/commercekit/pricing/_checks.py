"""The shared input checks, raising ``InvalidAmountError`` as pricing always has.

The shared checks of [`commercekit._checks`][commercekit._checks] bound to the
``invalid`` error (each raising ``InvalidAmountError`` of its kind: an
``InvalidAmountChoiceError`` listing the values for a choice, ...), plus the few
checks only pricing needs: sets of names (SKUs,
collections, segments), signed priorities and the decimal places of a ratio.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from commercekit import _checks
from commercekit._checks import invalid
from commercekit.errors import InputKind, NaiveDatetimeError
from commercekit.money import Money, RoundingMode

_CHECK = _checks.Checks(invalid)

MAX_PLACES = 28
"""The most decimal places a ratio (margin, markup) is rounded to: the library's
28-digit precision; more would only grow the digits computed."""


decimal = _CHECK.decimal
"""A finite ``Decimal`` of zero or more (more than zero with ``positive``)."""
whole = _CHECK.whole
"""A whole number in range, zero or more (or more than zero)."""
text = _CHECK.text
"""A ``str``, non-empty unless ``empty``."""
flag = _CHECK.flag
"""``True`` or ``False``; a truthy string is refused."""
day = _CHECK.day
"""A calendar date (a datetime is refused)."""
member = _CHECK.member
"""A member of ``kind`` (or its value); the error lists the values."""
money = _CHECK.money
"""Money of zero or more (more than zero with ``positive``)."""
instance = _CHECK.instance
"""``value`` if it is a ``kind``."""
items = _CHECK.items
"""A list or tuple, as a tuple."""


def signed_whole(value: object, field: str) -> int:
    """A whole number of either sign, in range (a priority)."""
    return _checks.signed_whole(value, field, invalid, example="10")


def places(value: object) -> int:
    """The decimal places a ratio is rounded to: 0 to ``MAX_PLACES``."""
    return whole(value, "places", unit="decimal places", maximum=MAX_PLACES)


def moment(value: object, what: str) -> datetime:
    """A timezone-aware datetime; a naive one raises ``NaiveDatetimeError``."""
    if isinstance(value, datetime) and value.utcoffset() is None:
        raise NaiveDatetimeError(value, what)
    return _CHECK.moment(value, what)


def mode(value: object) -> RoundingMode:
    """A rounding mode, as a member or its value (``"half-up"``)."""
    return member(value, RoundingMode, "mode")


def same_currency(currency: str, amount: Money, field: str, beside: str = "") -> Money:
    """``amount`` if it is in ``currency`` (that of the argument ``beside``, where
    named); otherwise say which currency it must be in."""
    if amount.currency.code != currency:
        of = f", the currency of {beside}" if beside else ""
        raise invalid(
            field, amount, f"is in {amount.currency.code}; it must be in {currency}{of}"
        )
    return amount


def names(value: object, field: str) -> frozenset[str]:
    """A set of names (SKUs, collections, segments): non-empty strings.

    A bare string is refused (it would be read as a set of letters), and so is a
    mapping (its values would be dropped).
    """
    if isinstance(value, str | bytes | Mapping) or not hasattr(value, "__iter__"):
        raise invalid(
            field,
            value,
            "is not a set of names; pass e.g. frozenset({'tees', 'sale'})",
            kind=InputKind.LIST,
        )
    return frozenset(text(name, field) for name in items(value, field))
