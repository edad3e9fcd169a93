"""Cost, markup and margin: the arithmetic behind a price, and its classic traps.

* **Markup** is profit over *cost*: a EUR 60 item sold at EUR 90 has a 50 % markup.
* **Margin** is profit over *price*: the same sale has a 33.3 % margin.

A 50 % markup is not a 50 % margin, and a 20 % discount on a 25 % margin does not leave
5 %: it leaves 6.25 % of the discounted price. Every function here takes rates as
fractions (``Decimal("0.25")`` for 25 %) and prices as [`Money`][commercekit.money.Money].

Examples:
    >>> margin_from_markup(Decimal("0.5"))
    Decimal('0.3333')
    >>> price_for_margin(Money("60.00", "EUR"), Decimal("0.40"))
    Money('100.00', 'EUR')
    >>> price, cost = Money("100.00", "EUR"), Money("75.00", "EUR")
    >>> margin_after_discount(price, cost, Decimal("0.20"))  # not 0.25 - 0.20
    Decimal('0.0625')
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from commercekit._checks import money_of, rounded
from commercekit._numbers import context_free
from commercekit.errors import CurrencyMismatchError, InvalidAmountError
from commercekit.money import (
    Money,
    RoundingMode,
    require_money,
    to_decimal,
)
from commercekit.pricing import _checks as checks

__all__ = [
    "margin_after_discount",
    "margin_after_returns",
    "margin_from_markup",
    "margin_of",
    "markup_from_margin",
    "markup_of",
    "price_for_margin",
    "price_for_markup",
]

_PLACES = 4


def _rate(value: object, what: str, *, below_one: bool = False) -> Fraction:
    number = to_decimal(value, what)
    if number < 0 or (below_one and number >= 1):
        bound = "from 0 up to, not including, 1" if below_one else "0 or more"
        raise InvalidAmountError(value, f"is not a valid {what}: it must be {bound}")
    return Fraction(number)


def _pair(price: Money, cost: Money) -> tuple[Fraction, Fraction]:
    price, cost = require_money(price), require_money(cost)
    if price.currency != cost.currency:
        raise CurrencyMismatchError(price.currency.code, cost.currency.code, "compare")
    if cost.amount < 0 or price.amount < 0:
        raise InvalidAmountError(
            (price, cost), "has a negative price or cost; both must be 0 or more"
        )
    return Fraction(price.amount), Fraction(cost.amount)


def _cost(value: object) -> Money:
    return checks.money(value, "cost")


@context_free
def margin_from_markup(markup: Decimal, *, places: int = _PLACES) -> Decimal:
    """The margin a markup gives: ``markup / (1 + markup)``.

    Examples:
        >>> margin_from_markup(Decimal("1"))  # doubling the cost: a 50 % margin
        Decimal('0.5000')
    """
    k = _rate(markup, "markup")
    return rounded(k / (1 + k), checks.places(places))


@context_free
def markup_from_margin(margin: Decimal, *, places: int = _PLACES) -> Decimal:
    """The markup a margin needs: ``margin / (1 - margin)``.

    Examples:
        >>> markup_from_margin(Decimal("0.5"))
        Decimal('1.0000')
        >>> markup_from_margin(Decimal("1"))
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidAmountError: Decimal('1') is not a valid margin: ...
    """
    m = _rate(margin, "margin", below_one=True)
    return rounded(m / (1 - m), checks.places(places))


@context_free
def margin_of(price: Money, cost: Money, *, places: int = _PLACES) -> Decimal:
    """``(price - cost) / price``: negative when selling below cost.

    Examples:
        >>> margin_of(Money("90.00", "EUR"), Money("60.00", "EUR"))
        Decimal('0.3333')
    """
    p, c = _pair(price, cost)
    places = checks.places(places)
    if not p:
        raise InvalidAmountError(price, "is zero; a margin needs a price above zero")
    return rounded((p - c) / p, places)


@context_free
def markup_of(price: Money, cost: Money, *, places: int = _PLACES) -> Decimal:
    """``(price - cost) / cost``.

    Examples:
        >>> markup_of(Money("90.00", "EUR"), Money("60.00", "EUR"))
        Decimal('0.5000')
    """
    p, c = _pair(price, cost)
    places = checks.places(places)
    if not c:
        raise InvalidAmountError(cost, "is zero; a markup needs a cost above zero")
    return rounded((p - c) / c, places)


@context_free
def price_for_margin(
    cost: Money, margin: Decimal, *, mode: RoundingMode = RoundingMode.UP
) -> Money:
    """The price that earns ``margin`` on ``cost``: ``cost / (1 - margin)``.

    Rounded *up* by default, so the margin is never below the target.

    Examples:
        >>> price_for_margin(Money("7.00", "EUR"), Decimal("0.30"))  # 10.00 exactly
        Money('10.00', 'EUR')
        >>> price_for_margin(Money("10.00", "EUR"), Decimal("0.30"))  # 14.2857… up
        Money('14.29', 'EUR')
    """
    cost = _cost(cost)
    m = _rate(margin, "margin", below_one=True)
    mode = checks.mode(mode)
    return money_of(Fraction(cost.amount) / (1 - m), cost.currency.code, mode)


@context_free
def price_for_markup(
    cost: Money, markup: Decimal, *, mode: RoundingMode = RoundingMode.UP
) -> Money:
    """``cost x (1 + markup)``, rounded with ``mode`` (up by default).

    Examples:
        >>> price_for_markup(Money("60.00", "EUR"), Decimal("0.5"))
        Money('90.00', 'EUR')
    """
    cost = _cost(cost)
    k = _rate(markup, "markup")
    mode = checks.mode(mode)
    return money_of(Fraction(cost.amount) * (1 + k), cost.currency.code, mode)


@context_free
def margin_after_discount(
    price: Money, cost: Money, discount: Decimal, *, places: int = _PLACES
) -> Decimal:
    """The margin left when ``price`` is cut by the fraction ``discount``.

    Examples:
        >>> price, cost = Money("100.00", "EUR"), Money("50.00", "EUR")
        >>> margin_after_discount(price, cost, Decimal("0.5"))  # half price: no margin
        Decimal('0.0000')
    """
    p, c = _pair(price, cost)
    d = _rate(discount, "discount", below_one=True)
    places = checks.places(places)
    if not p:
        raise InvalidAmountError(price, "is zero; a margin needs a price above zero")
    sold = p * (1 - d)
    return rounded((sold - c) / sold, places)


@context_free
def margin_after_returns(
    price: Money,
    cost: Money,
    return_rate: Decimal,
    *,
    resold: Decimal = Decimal(1),
    handling: Money | None = None,
    places: int = _PLACES,
) -> Decimal:
    """The margin on kept sales once an expected share of orders comes back.

    Of every unit shipped, ``return_rate`` comes back and is refunded; ``resold`` of
    the returned units (a fraction) go back into stock, the rest are written off; each
    return costs ``handling`` (postage, inspection). Per unit shipped:

    * revenue kept = price x (1 - r)
    * cost = cost x (1 - r x resold) + r x handling

    and the margin is (revenue kept - cost) / revenue kept.

    Examples:
        >>> price, cost = Money("100.00", "EUR"), Money("60.00", "EUR")
        >>> margin_after_returns(price, cost, Decimal("0.2"))  # returns all resold
        Decimal('0.4000')
        >>> margin_after_returns(price, cost, Decimal("0.2"), resold=Decimal("0.5"),
        ...                      handling=Money("8.00", "EUR"))
        Decimal('0.3050')
    """
    p, c = _pair(price, cost)
    r = _rate(return_rate, "return rate", below_one=True)
    kept = _rate(resold, "resold share")
    if kept > 1:
        raise InvalidAmountError(resold, "is not a valid resold share: at most 1")
    places = checks.places(places)
    h = Fraction(0)
    if handling is not None:
        h = _pair(require_money(handling), cost)[0]
    revenue = p * (1 - r)
    if not revenue:
        raise InvalidAmountError(price, "is zero; a margin needs a price above zero")
    spent = c * (1 - r * kept) + r * h
    return rounded((revenue - spent) / revenue, places)
