"""The ``Money`` value: an exact ``Decimal`` amount in an ISO 4217 currency.

``Money`` *is* a ``moneyed.Money`` (a subclass), so it works wherever py-moneyed or
django-money amounts do. What it adds:

* it refuses floats, NaN, infinities, booleans and malformed text when created or
  multiplied, instead of quietly turning ``0.1`` into ``0.1000000000000000055...``;
* arithmetic never depends on the ambient ``decimal`` context: ``+``, ``-`` and ``*`` are
  exact whatever precision or rounding a caller has set;
* mixing currencies raises
  [`CurrencyMismatchError`][commercekit.errors.CurrencyMismatchError] naming both;
* it is several times faster than py-moneyed's own operators (see ``bench/money.py``).

Rounding is never hidden inside an operator: ``*`` gives the exact product and
[`round_money`][commercekit.money.round_money] rounds it, naming its mode.

Examples:
    >>> from decimal import Decimal
    >>> price = Money("19.99", "EUR")
    >>> price * 3
    Money('59.97', 'EUR')
    >>> price * Decimal("0.19")
    Money('3.7981', 'EUR')
    >>> price + Money("5", "USD")
    Traceback (most recent call last):
    ...
    commercekit.errors.CurrencyMismatchError: cannot add EUR and USD: the amounts are in ...
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from typing import TypeVar, overload

import moneyed

from commercekit._numbers import (
    DIVISION,
    EXACT,
    MAX_MAGNITUDE,
    MIN_EXPONENT,
    RANGE,
    at_the_door,
    named_at_the_door,
    out_of_range,
)
from commercekit.errors import (
    CommerceKitError,
    CurrencyMismatchError,
    DivisionByZeroError,
    InputKind,
    InvalidAmountError,
    MoneyComparisonError,
)
from commercekit.money._amount import to_decimal
from commercekit.money._currency import CURRENCIES, currency_of
from commercekit.typing import Amount

__all__ = ["Money", "make_money"]

_add = EXACT.add
_subtract = EXACT.subtract
_multiply = EXACT.multiply
_minus = EXACT.minus
_new = object.__new__
_BaseMoney = moneyed.Money
_Currency = moneyed.Currency

_M = TypeVar("_M", bound="Money")

_FINEST = MIN_EXPONENT
_LARGEST = 17  # |x| < 10^18
_NOT_MONEY = InvalidAmountError.of_kind(InputKind.TYPE)  # a TypeError, as py-moneyed's


def make_money(amount: Decimal, currency: moneyed.Currency) -> Money:
    """Money from an amount computed from checked money, without the constructor's
    parsing: the fast constructor the rule packages build results with.

    ``amount`` must be a plain finite ``Decimal`` whose leading digit is in the range
    (a product or a quantized sum of checked amounts is); ``currency`` a py-moneyed
    ``Currency`` (``money.currency`` of the amounts it came from). Anything else is
    refused; use ``Money(amount, code)`` for values from outside.

    Examples:
        >>> price = Money("19.99", "EUR")
        >>> make_money(price.amount * 3, price.currency)
        Money('59.97', 'EUR')
        >>> make_money(Decimal("NaN"), price.currency)
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidAmountError: Decimal('NaN') is not a finite Decimal ...
    """
    if not (
        amount.__class__ is Decimal
        and amount.is_finite()
        and (not amount or _FINEST <= amount.adjusted() <= _LARGEST)
    ):
        raise at_the_door(
            InvalidAmountError(
                amount,
                f"is not a finite Decimal in range ({RANGE}); use Money(amount, code)",
            ),
            make_money,
            amount,
            currency,
        )
    if currency.__class__ is not _Currency and not isinstance(currency, _Currency):
        raise at_the_door(
            InvalidAmountError.of_kind(InputKind.TYPE)(
                currency,
                "is not a py-moneyed Currency; pass money.currency, or use Money()",
            ),
            make_money,
            amount,
            currency,
        )
    money = _new(Money)  # _make, written out: the rule packages build most Money here
    money.amount = amount  # type: ignore[misc]  # py-moneyed marks it Final; set once
    money.currency = currency  # type: ignore[misc]  # as above
    return money


def _make(cls: type[_M], amount: Decimal, currency: moneyed.Currency) -> _M:
    # Builds a Money without running __init__: the amount and currency are already
    # checked. This is most of why commercekit's operators beat py-moneyed's.
    money = _new(cls)
    money.amount = amount  # type: ignore[misc]  # py-moneyed marks it Final; set once here
    money.currency = currency  # type: ignore[misc]  # as above
    return money


def _checked(other: moneyed.Money) -> moneyed.Money:
    # A plain moneyed.Money may hold NaN, an infinity or a float; ours never does.
    if isinstance(other, Money):
        return other
    return Money.from_moneyed(other)


def _nothing(value: object) -> bool:
    # py-moneyed lets an exact zero stand for "no money", so that sum() and
    # sum(prices, Decimal(0)) work; a float zero is refused like any float.
    return (value.__class__ is int or value.__class__ is Decimal) and not value


class Money(moneyed.Money):
    """An exact amount of money in one ISO 4217 currency.

    ``amount`` is a ``Decimal``, int or decimal string; ``currency`` an ISO 4217 code
    (or a py-moneyed ``Currency``). The amount is kept exactly as given: ``Money("12.5",
    "EUR")`` is not padded or rounded to 12.50 until you ask.

    Examples:
        >>> Money("12.5", "EUR")
        Money('12.5', 'EUR')
        >>> Money("12.5", "EUR") == Money("12.50", "EUR")
        True
        >>> Money(100, "JPY").currency.code
        'JPY'
        >>> Money("12.34", "ABC")
        Traceback (most recent call last):
        ...
        commercekit.errors.UnknownCurrencyError: 'ABC' is not an ISO 4217 currency code; ...
    """

    def __init__(self, amount: Amount, currency: str | moneyed.Currency) -> None:
        if amount.__class__ is Decimal and currency.__class__ is str:
            # The common call, Money(Decimal, "EUR"): the checks below, without the
            # calls between them (to_decimal keeps a plain finite Decimal in range
            # as it is; currency_of finds a code as ISO writes it in CURRENCIES).
            found = CURRENCIES.get(currency)
            if (
                found is not None
                and amount.is_finite()
                and not out_of_range(amount)
                and self.__class__ is Money  # a subclass may extend __init__
            ):
                self.amount = amount  # type: ignore[misc]  # set once here, as _make
                self.currency = found  # type: ignore[misc]  # as above
                return
        try:
            super().__init__(amount=to_decimal(amount), currency=currency_of(currency))
        except CommerceKitError as error:  # the refusal names amount or currency
            at_the_door(error, Money.__init__, self, amount, currency)
            raise

    @classmethod
    @named_at_the_door
    def from_moneyed(cls: type[_M], money: moneyed.Money) -> _M:
        """The py-moneyed ``money`` as commercekit ``Money``: the same exact amount and
        currency, checked as ``Money()`` checks them.

        A plain ``moneyed.Money`` may hold NaN, an infinity, an amount out of range or
        a currency added with ``moneyed.add_currency``; each is refused here, when it
        comes in, rather than by whatever rule meets it later.

        Examples:
            >>> import moneyed
            >>> Money.from_moneyed(moneyed.Money("19.990", "EUR"))
            Money('19.990', 'EUR')
            >>> Money.from_moneyed(moneyed.Money("Infinity", "EUR"))
            Traceback (most recent call last):
            ...
            commercekit.errors.InvalidAmountError: Decimal('Infinity') is not a finite ...
        """
        if isinstance(money, cls):
            return money  # checked when it was built
        if not isinstance(money, moneyed.Money):
            raise _NOT_MONEY(
                money, "is not a py-moneyed Money; pass moneyed.Money(amount, currency)"
            )
        return _make(cls, to_decimal(money.amount), currency_of(money.currency))

    def to_moneyed(self) -> moneyed.Money:
        """This amount as a plain ``moneyed.Money``, exactly: for code that wants
        py-moneyed's own class (its ``str()``, its float arithmetic, or a pickle read
        where commercekit is not installed).

        Examples:
            >>> plain = Money("19.99", "EUR").to_moneyed()
            >>> type(plain) is moneyed.Money, plain.amount, plain.currency.code
            (True, Decimal('19.99'), 'EUR')
        """
        return moneyed.Money(self.amount, self.currency)

    def __repr__(self) -> str:
        return f"Money('{self.amount}', '{self.currency.code}')"

    def __str__(self) -> str:
        # Locale-free on purpose: use format_money for what a buyer reads.
        return f"{self.amount:f} {self.currency.code}"

    def _check(self, other: moneyed.Money, operation: str) -> moneyed.Currency:
        currency = self.currency
        if other.currency is not currency and other.currency != currency:
            raise CurrencyMismatchError(currency.code, other.currency.code, operation)
        return currency

    def __add__(self: _M, other: object) -> _M:
        if isinstance(other, _BaseMoney):
            if not isinstance(other, Money):
                other = _checked(other)
            currency = self.currency
            if other.currency is not currency and other.currency != currency:
                raise CurrencyMismatchError(currency.code, other.currency.code, "add")
            # _make inlined: addition is the hottest path in a cart.
            total = _new(self.__class__)
            total.amount = _add(self.amount, other.amount)  # type: ignore[misc]  # see _make
            total.currency = currency  # type: ignore[misc]  # see _make
            return total
        if _nothing(other):
            return self  # so that the built-in sum() works, as with py-moneyed
        return NotImplemented

    __radd__ = __add__

    def __sub__(self: _M, other: object) -> _M:
        if isinstance(other, _BaseMoney):
            if not isinstance(other, Money):
                other = _checked(other)
            currency = self.currency
            if other.currency is not currency and other.currency != currency:
                raise CurrencyMismatchError(currency.code, other.currency.code, "subtract")
            return _make(self.__class__, _subtract(self.amount, other.amount), currency)
        if _nothing(other):
            return self
        return NotImplemented

    def __rsub__(self: _M, other: object) -> _M:
        if isinstance(other, moneyed.Money):
            other = _checked(other)
            return _make(
                self.__class__,
                _subtract(other.amount, self.amount),
                self._check(other, "subtract"),
            )
        if _nothing(other):
            return -self
        return NotImplemented

    def __mul__(self: _M, other: object) -> _M:
        factor: Decimal | int
        if other.__class__ is int and -MAX_MAGNITUDE < other < MAX_MAGNITUDE:
            factor = other  # a quantity: the commonest factor, checked without a Decimal
        elif (
            other.__class__ is Decimal
            and other.is_finite()
            and _FINEST <= other.adjusted() <= _LARGEST
        ):
            # Bounding the leading digit is what keeps the product's size in hand, and
            # costs a twentieth of reading the exponent (out_of_range): a rate has more
            # digits than 10^-50 only if it is written out that long.
            factor = other
        elif isinstance(other, _BaseMoney):
            raise _NOT_MONEY(other, "is money; money can only be multiplied by a number")
        else:
            factor = to_decimal(other, "multiplier")
        # _make inlined, as in __add__.
        product = _new(self.__class__)
        product.amount = _multiply(self.amount, factor)  # type: ignore[misc]  # see _make
        product.currency = self.currency  # type: ignore[misc]  # see _make
        return product

    __rmul__ = __mul__

    @overload
    def __truediv__(self, other: moneyed.Money) -> Decimal: ...

    @overload
    def __truediv__(self: _M, other: Decimal | int | str) -> _M: ...

    @overload
    def __truediv__(self: _M, other: object) -> _M | Decimal: ...

    def __truediv__(self: _M, other: object) -> _M | Decimal:
        """Divide by a number (28 significant digits, half-even), or by money for a ratio.

        Dividing money into parts that must add up belongs to ``split``/``allocate``.
        """
        if isinstance(other, moneyed.Money):
            self._check(_checked(other), "divide")
            if not other.amount:
                raise DivisionByZeroError(other, "is zero; money cannot be divided by zero")
            return DIVISION.divide(self.amount, other.amount)
        divisor = to_decimal(other, "divisor")
        if not divisor:
            raise DivisionByZeroError(other, "is zero; money cannot be divided by zero")
        return _make(self.__class__, DIVISION.divide(self.amount, divisor), self.currency)

    def __rtruediv__(self, other: object) -> Decimal:  # type: ignore[override]  # py-moneyed's never returns; ours gives a plain Money's ratio
        # ``plain / ours`` reaches here before py-moneyed's __truediv__ (ours is the
        # subclass), so the ratio of two amounts is computed here too.
        if isinstance(other, _BaseMoney):
            return Money.from_moneyed(other) / self
        raise _NOT_MONEY(
            other, "cannot be divided by money; divide money by a number, or by money"
        )

    def __rmod__(self: _M, other: object) -> _M:
        """``5 % money`` is 5 percent of it, exactly (py-moneyed's spelling)."""
        percent = to_decimal(other, "percentage")
        return _make(
            self.__class__, _multiply(self.amount, percent).scaleb(-2, EXACT), self.currency
        )

    def __neg__(self: _M) -> _M:
        return _make(self.__class__, _minus(self.amount), self.currency)

    def __pos__(self: _M) -> _M:
        return self

    def __abs__(self: _M) -> _M:
        return _make(self.__class__, EXACT.abs(self.amount), self.currency)

    def __lt__(self, other: object) -> bool:
        if isinstance(other, moneyed.Money):
            self._check(_checked(other), "compare")
            return bool(self.amount < other.amount)
        raise MoneyComparisonError(other)

    def __le__(self, other: object) -> bool:
        if isinstance(other, moneyed.Money):
            self._check(_checked(other), "compare")
            return bool(self.amount <= other.amount)
        raise MoneyComparisonError(other)

    def __gt__(self, other: object) -> bool:
        if isinstance(other, moneyed.Money):
            self._check(_checked(other), "compare")
            return bool(self.amount > other.amount)
        raise MoneyComparisonError(other)

    def __ge__(self, other: object) -> bool:
        if isinstance(other, moneyed.Money):
            self._check(_checked(other), "compare")
            return bool(self.amount >= other.amount)
        raise MoneyComparisonError(other)

    @named_at_the_door
    def round(self: _M, ndigits: int | None = 0) -> _M:
        """py-moneyed's ``round``, made context-free (half-even, like ``round()``).

        Prefer [`round_money`][commercekit.money.round_money], which rounds to the
        currency's minor unit and names its mode.
        """
        places = 0 if ndigits is None else ndigits
        if isinstance(places, bool) or not isinstance(places, int) or abs(places) > 50:
            raise InvalidAmountError.of_kind(InputKind.COUNT)(
                ndigits, "is not a number of decimal places; pass an int from -50 to 50"
            )
        quantum = Decimal(1).scaleb(-places)
        return _make(
            self.__class__,
            self.amount.quantize(quantum, ROUND_HALF_EVEN, EXACT),
            self.currency,
        )
