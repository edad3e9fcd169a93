"""Checked inputs and rounded ratios for the unit-economics formulas.

Functions check their arguments with these on entry; the value objects check their
fields with them when built (``field_text``, ``field_day``, ``field_count`` are attrs
validators, which know the field's name), so a formula can trust the fields it reads.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

import attrs
import moneyed

from commercekit import _checks
from commercekit._beyond import ratio_beyond
from commercekit._numbers import out_of_range
from commercekit.errors import (
    InputKind,
    InvalidAmountError,
    InvalidMetricError,
    UnknownCountryError,
)
from commercekit.money import Money, minor_units, to_minor_units
from commercekit.regions import check_country

PLACES = 4
"""Decimals kept in ratios (rates, multiples, days, months)."""

_Kind = TypeVar("_Kind")
_CHECK = _checks.Checks(InvalidMetricError)

_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")


def ratio(value: Fraction) -> Decimal:
    """An exact ratio rounded half-even to ``PLACES`` decimals."""
    return _checks.rounded(value, PLACES)


amount = _CHECK.money
"""Money that is not negative (or > 0 with ``positive``)."""
number = _CHECK.decimal
"""A finite decimal that is not negative (or > 0 with ``positive``); no floats."""
signed_number = _CHECK.signed_decimal
"""A finite decimal of either sign (a margin ratio, which a loss makes negative)."""
choice = _CHECK.member
"""A member of ``kind``, or its value; otherwise an error listing the values."""
of_kind = _CHECK.instance
"""``value`` if it is a ``kind``; otherwise an error naming the type to pass."""
day = _CHECK.day
"""A calendar date (a datetime, a moment, is refused)."""
text = _CHECK.text
"""Non-empty text: an order number, a SKU, a reason code."""
flag = _CHECK.flag
"""``True`` or ``False``."""
items = _CHECK.items
"""A list or tuple, possibly empty, as a tuple."""


def count(value: object, field: str, *, positive: bool = False) -> int:
    """A whole count (orders, sessions, customers): an ``int`` not below zero."""
    return _CHECK.whole(value, field, positive=positive)


def signed_amount(value: object, field: str) -> Money:
    """Money of either sign (a margin, which a loss makes negative)."""
    if not isinstance(value, moneyed.Money):
        raise InvalidMetricError(field, value, "is not money; pass Money(amount, currency)")
    if isinstance(value, Money):
        return value
    try:
        return Money(value.amount, value.currency.code)
    except InvalidAmountError as problem:
        raise InvalidMetricError(field, value, problem.reason) from None


def booked(value: object, field: str) -> Money:
    """An amount as booked: money, zero or more, in whole minor units (cents for EUR,
    yen for JPY), as an order or a refund records it."""
    found = amount(value, field)
    try:
        to_minor_units(found)
    except InvalidAmountError:
        places = minor_units(found.currency.code)
        raise InvalidMetricError(
            field,
            value,
            f"has more than {found.currency.code}'s {places} decimals; pass the "
            "amount as booked (round it with round_money() first)",
        ) from None
    return found


def market(value: object, field: str = "market") -> str:
    """A market: the ISO 3166-1 alpha-2 code of the country sold to, upper case."""
    try:
        return check_country(value)
    except UnknownCountryError as problem:
        raise InvalidMetricError.refused(
            field, value, problem.reason, kind=InputKind.PLACE
        ) from None


def texts(value: object, field: str, *, empty: bool = True) -> tuple[str, ...]:
    """A list of non-empty texts, as a tuple (empty only if ``empty``)."""
    found = _CHECK.items(value, field)
    if not found and not empty:
        raise InvalidMetricError.refused(
            field, value, "is empty; pass at least one text", kind=InputKind.LIST
        )
    return tuple(_CHECK.text(text, field) for text in found)


def money_ratio(top: tuple[str, object], bottom: tuple[str, object]) -> Fraction:
    """``top / bottom`` for two amounts in one currency: top >= 0, bottom > 0."""
    return _checks.money_ratio(top, bottom, InvalidMetricError)


def days_outstanding(
    balance: tuple[str, object], flow: tuple[str, object], days: int
) -> Decimal:
    """``balance / flow x days`` (DSO, DPO), rounded half-even to ``PLACES`` decimals.

    Both are money, zero or more, in one currency. A balance of zero over a flow of
    zero is 0 days: nothing is owed, because nothing was sold or bought on credit (a
    shop paid at checkout has no receivables). A balance above zero with no flow is
    refused: it cannot be turned into days."""
    owed = amount(balance[1], balance[0])
    through = amount(flow[1], flow[0])
    _checks.one_currency(owed, through, operation="divide")
    if not through.amount and not owed.amount:
        return ratio(Fraction(0))
    if not through.amount:
        raise InvalidMetricError(
            flow[0],
            through,
            f"is zero, but {balance[0]} are {owed}: a balance comes from a flow in the "
            "period (receivables from sales on credit, payables from purchases); pass "
            f"the period's {flow[0].replace('_', ' ')}, or {balance[0]} of 0 if "
            "nothing is owed",
        )
    return in_days((balance[0], owed), (flow[0], through), days)


def in_days(balance: tuple[str, Money], flow: tuple[str, Money], days: int) -> Decimal:
    """``balance / flow x days``, rounded half-even to ``PLACES`` decimals; a figure of
    10^18 days or more (a flow of a cent against a balance of billions) is refused
    naming the flow, with the bounds that keep it in range."""
    found = ratio(money_ratio(balance, flow) * days)
    if out_of_range(found):
        raise ratio_beyond(
            InvalidMetricError,
            f"{balance[0]} / {flow[0]} x days",
            found,
            over=((*balance, balance[1].amount, 1), ("days", days, days, 1)),
            under=((*flow, flow[1].amount, 1),),
        )
    return found


def listed(
    value: object, kind: type[_Kind], field: str, *, empty: str = ""
) -> tuple[_Kind, ...]:
    """A non-empty list or tuple of ``kind``, as a tuple; ``empty`` says why it must
    not be empty."""
    found = _CHECK.items(value, field)
    if not found:
        raise InvalidMetricError.refused(
            field,
            value,
            f"is empty{empty}; pass a non-empty list of {kind.__name__}",
            kind=InputKind.LIST,
        )
    for element in found:
        of_kind(element, kind, field)
    return found


def year_month(value: object, field: str) -> str:
    """A calendar month written ``"YYYY-MM"``."""
    text = _CHECK.text(value, field)
    if not _MONTH.fullmatch(text) or text.startswith("0000"):
        raise InvalidMetricError.refused(
            field,
            value,
            "is not a month written YYYY-MM; pass a str such as '2026-01'",
            kind=InputKind.DATE,
        )
    return text


def field_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: non-empty text (an order number, a SKU, a channel, a customer id)."""
    _CHECK.text(value, attribute.name)


def field_day(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a calendar date, not a datetime."""
    _CHECK.day(value, attribute.name)


def field_count(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a whole count, zero or more."""
    count(value, attribute.name)
