"""``Money(Decimal, code)`` takes a short path past the calls between its checks; it
must build exactly what the checks one after the other build, and refuse what they
refuse."""

from __future__ import annotations

from decimal import Decimal

import moneyed
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import CommerceKitError
from commercekit.money import Money, make_money, to_decimal
from commercekit.money._currency import currency_of

CODES = ("EUR", "JPY", "KWD", "CLF", "eur", "XAU", "XXX", "ABC", "")


def by_steps(amount: Decimal, code: str) -> tuple[str, ...]:
    """The amount, its repr and the currency from ``to_decimal`` and ``currency_of``;
    a refusal names the argument of ``Money`` it refuses, ``amount`` or ``currency``."""
    try:
        checked = to_decimal(amount)
    except CommerceKitError as error:
        return (type(error).__name__, f"{error} (argument 'amount')")
    try:
        found = checked, currency_of(code)
    except CommerceKitError as error:
        return (type(error).__name__, f"{error} (argument 'currency')")
    plain = moneyed.Money(*found)
    return (repr(plain.amount), plain.currency.code, str(id(found[1])))


@given(
    digits=st.integers(-(10**60), 10**60),
    exponent=st.integers(-70, 30),
    special=st.sampled_from([None, "NaN", "Infinity", "-Infinity", "-0", "0E-51"]),
    code=st.sampled_from(CODES),
)
def test_money_of_a_decimal_is_what_its_checks_build(
    digits: int, exponent: int, special: str | None, code: str
) -> None:
    """For any Decimal (in range or not, finite or not, negative zero included) and
    any code (ISO, lower case, no minor unit, unknown, empty), ``Money(amount, code)``
    holds the same amount (its digits and exponent) and the same currency object as
    ``to_decimal`` and ``currency_of`` give, or raises the same error with the same
    message; ``make_money`` of an accepted amount builds an equal Money."""
    amount = Decimal(special) if special else Decimal(digits).scaleb(exponent)
    try:
        money = Money(amount, code)
    except CommerceKitError as error:
        got: tuple[str, ...] = (type(error).__name__, str(error))
    else:
        got = (repr(money.amount), money.currency.code, str(id(money.currency)))
        assert money.amount is amount
        assert repr(make_money(money.amount, money.currency)) == repr(money)
    assert got == by_steps(amount, code)
