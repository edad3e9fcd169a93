"""Numbers that come in: amounts, rates, ratios and quantities checked at the door.

Every number a rule is given passes through [`to_decimal`][commercekit.money.to_decimal]
once, so the arithmetic after it can trust what it holds: an exact, finite ``Decimal``
of a size no computation can run away with.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import moneyed

from commercekit._numbers import RANGE, out_of_range
from commercekit._words import with_article
from commercekit.errors import InputKind, InvalidAmountError

__all__ = ["to_decimal"]

_HOW_TO_FIX = "pass a Decimal, an int or a decimal string"


def to_decimal(value: object, what: str = "amount") -> Decimal:
    """Check and convert an amount, rate, ratio or quantity to a finite ``Decimal``.

    Numbers outside the library's range (magnitude below 10^18, no digit finer than
    10^-50) are refused, so no arithmetic on them can run away.

    Examples:
        >>> to_decimal("12.50"), to_decimal(3)
        (Decimal('12.50'), Decimal('3'))
        >>> to_decimal("1E+999999")
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidAmountError: '1E+999999' is out of range: numbers must ...
        >>> to_decimal(0.1)
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidAmountError: 0.1 is a float, which cannot hold most ...
    """
    if what.__class__ is not str or not what:
        raise InvalidAmountError.of_kind(InputKind.TEXT)(
            what, "is not a label; name the value as text ('rate')"
        )
    if isinstance(value, Decimal):
        # A subclass could override is_finite or as_tuple: check a plain copy.
        number = value if value.__class__ is Decimal else Decimal(value)
    elif isinstance(value, bool):
        raise InvalidAmountError(
            value, f"is a boolean, not {with_article(what)}; {_HOW_TO_FIX}"
        )
    elif isinstance(value, int):
        if out_of_range(value):
            raise InvalidAmountError(value, f"is out of range: {RANGE}")
        return Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise InvalidAmountError(
                value, f"is not a decimal number; {_HOW_TO_FIX} such as '12.34'"
            ) from None
    elif isinstance(value, float):
        raise InvalidAmountError(
            value,
            f"is a float, which cannot hold most decimal amounts exactly; "
            f"{_HOW_TO_FIX} such as '{value!r}'",
        )
    elif isinstance(value, moneyed.Money):
        # Money(pm) or Money(pm, code): the amount alone is wanted, or from_moneyed.
        raise InvalidAmountError.of_kind(InputKind.TYPE)(
            value,
            f"is money, not {with_article(what)}; pass its .amount, or convert a "
            "py-moneyed amount with Money.from_moneyed()",
        )
    else:
        raise InvalidAmountError(
            value,
            f"is {with_article(type(value).__name__)}, not {with_article(what)}; "
            f"{_HOW_TO_FIX}",
        )
    if not number.is_finite():
        raise InvalidAmountError(
            value,
            f"is not a finite number; {with_article(what)} must be finite: {_HOW_TO_FIX}",
        )
    if out_of_range(number):
        raise InvalidAmountError(value, f"is out of range: {RANGE}")
    return number
