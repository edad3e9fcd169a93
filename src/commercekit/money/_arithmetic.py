"""Arithmetic helpers that are easy to get subtly wrong by hand.

Examples:
    >>> from commercekit.money import Money
    >>> sum_money([Money("1.10", "EUR"), Money("2.20", "EUR")], "EUR")
    Money('3.30', 'EUR')
    >>> sum_money([], "EUR")
    Money('0.00', 'EUR')
    >>> percent_of(Money("19.99", "EUR"), 19)
    Money('3.80', 'EUR')
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from functools import reduce

import moneyed

from commercekit._numbers import EXACT, MAX_ITERATED, at_most, at_the_door, context_free
from commercekit.errors import CurrencyMismatchError, InputKind, InvalidAmountError
from commercekit.money._amount import to_decimal
from commercekit.money._currency import QUANTUM, currency_of
from commercekit.money._money import Money, _make
from commercekit.money._rounding import (
    DEFAULT_ROUNDING,
    RoundingMode,
    require_money,
    round_money,
)

__all__ = ["percent_of", "sum_money"]

_add = EXACT.add


def sum_money(items: Iterable[moneyed.Money], currency: str | moneyed.Currency) -> Money:
    """Add up amounts that must all be in ``currency``; an empty sum is zero in it.

    Naming the currency is what makes the empty case right (the built-in ``sum`` would
    return the integer 0) and catches a stray amount in another currency. An iterator
    is read to at most ``MAX_ITERATED`` (1,000,000) amounts: one that yields more (an
    endless one) raises ``InvalidAmountError``; a list or tuple may be of any length.

    Examples:
        >>> sum_money([Money("5", "EUR"), Money("1", "USD")], "EUR")
        Traceback (most recent call last):
        ...
        commercekit.errors.CurrencyMismatchError: cannot add EUR and USD: the amounts ...
    """
    target = currency_of(currency)
    if isinstance(items, str | bytes | moneyed.Money) or not isinstance(items, Iterable):
        raise at_the_door(
            InvalidAmountError.of_kind(InputKind.LIST)(
                items, "is not a list of amounts; pass a list of Money"
            ),
            sum_money,
            items,
            currency,
        )
    if not isinstance(items, list | tuple):  # an iterator may never end: bounded
        read = at_most(items, MAX_ITERATED)
        if read is None:
            raise InvalidAmountError.of_kind(InputKind.LIST)(
                items,
                f"yields more than {MAX_ITERATED:,} amounts; pass a list or tuple",
                field="items",
            )
        items = read
    total = QUANTUM[target.code] * 0  # zero with the currency's decimals: 0.00 for EUR
    amounts = [
        item.amount
        for item in items
        if item.__class__ is Money and item.currency is target  # checked when built
    ]
    if len(amounts) == len(items):  # the usual case: ours, in the one currency
        return _make(Money, reduce(_add, amounts, total), target)
    for given in items:
        if given.__class__ is Money:  # ours, checked when built: the usual case
            item = given
        elif isinstance(given, moneyed.Money):
            item = require_money(given)
        else:
            raise at_the_door(
                InvalidAmountError(given, "is not money; sum_money adds Money amounts"),
                sum_money,
                items,
                currency,
            )
        if item.currency is not target and item.currency != target:
            raise CurrencyMismatchError(target.code, item.currency.code, "add")
        total = _add(total, item.amount)
    return _make(Money, total, target)


@context_free
def percent_of(
    money: Money, percent: Decimal | int | str, *, mode: RoundingMode = DEFAULT_ROUNDING
) -> Money:
    """``percent`` percent of ``money``, rounded to the minor unit with ``mode``.

    ``percent`` is in percent (``19`` means 19 %), as a ``Decimal``, int or decimal
    string. The product is exact before the one rounding step.

    Examples:
        >>> percent_of(Money("0.50", "EUR"), "3")
        Money('0.02', 'EUR')
        >>> percent_of(Money("0.50", "EUR"), "3", mode=RoundingMode.DOWN)
        Money('0.01', 'EUR')
        >>> percent_of(Money("1000", "JPY"), Decimal("8"))
        Money('80', 'JPY')
        >>> percent_of(Money("10.00", "EUR"), 0.19)
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidAmountError: 0.19 is a float, which cannot hold most ...
    """
    money = require_money(money)
    share = EXACT.multiply(money.amount, to_decimal(percent, "percentage")).scaleb(
        -2, EXACT
    )
    return round_money(_make(money.__class__, share, money.currency), mode=mode)
