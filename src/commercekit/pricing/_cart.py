"""The cart promotions are applied to: its lines, its shipping, and who is buying.

A [`Cart`][commercekit.pricing.Cart] holds everything a promotion rule may look at, so
that applying promotions needs no database and no clock: the lines (SKU, unit price as
the market shows it, quantity, the collections the product belongs to), the shipping
charge, the customer's segments, the coupon codes entered, and how often this customer
and all customers have already used each promotion. commercekit keeps no state: the
shop counts uses and passes the counts in.

Unit prices and shipping are in whole minor units of one currency (prices as a shop
shows them); quantities are whole numbers of at least one.

Examples:
    >>> tee = CartLine("TEE-M", Money("20.00", "EUR"), 2, frozenset({"tees"}))
    >>> cart = Cart([tee], shipping=Money("4.95", "EUR"), coupon_codes={"welcome10 "})
    >>> cart.subtotal, cart.coupon_codes
    (Money('40.00', 'EUR'), frozenset({'WELCOME10'}))
    >>> CartLine("TEE-M", Money("20.00", "EUR"), 1.5)
    Traceback (most recent call last):
    ...
    commercekit.errors.InvalidAmountCountError: 1.5 is not a whole quantity; pass an int ...
    >>> Cart([tee, CartLine("MUG", Money("9.00", "USD"), 1)])
    Traceback (most recent call last):
    ...
    commercekit.errors.CurrencyMismatchError: cannot mix in one cart EUR and USD: ...
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr, named_fields
from commercekit._numbers import EXACT, RANGE, at_most, named_at_the_door, out_of_range
from commercekit._words import with_article
from commercekit.errors import (
    CurrencyMismatchError,
    InputKind,
    InvalidAmountError,
    InvalidCartError,
    shown,
)
from commercekit.money import Money, require_money, to_minor_units
from commercekit.pricing import _checks as checks

__all__ = ["Cart", "CartLine"]


def names(value: object, field: str = "") -> frozenset[str]:
    """A set of names (SKUs, collections, segments); refuses a bare string. A value
    object's field is named by ``named_fields``."""
    return checks.names(value, field)


def codes(value: object) -> frozenset[str]:
    """Coupon codes as compared: without surrounding spaces, in upper case."""
    found = frozenset(code.strip().upper() for code in checks.names(value, "coupon_codes"))
    if "" in found:
        raise InvalidAmountError(value, "holds a blank coupon code; remove it")
    return found


def whole_money(value: object, what: str, field: str | None = None) -> Money:
    """Money of at least zero in whole minor units of its currency; a negative amount
    refused naming ``field`` (the attribute that holds it), where given."""
    money = require_money(value, what)
    if money.amount < 0:
        said = f"is negative; {with_article(what)} is zero or more"
        raise InvalidAmountError(money, said, field=field)
    to_minor_units(money)  # refuses a digit below the minor unit
    return money


def whole_number(value: object, what: str, *, minimum: int = 1) -> int:
    """An int of at least ``minimum``, in the library's range (never a bool or a float)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidAmountError.of_kind(InputKind.COUNT)(
            value, f"is not a whole {what}; pass an int"
        )
    if out_of_range(value):
        raise InvalidAmountError.of_kind(InputKind.COUNT)(
            value, f"is not a valid {what}: {RANGE}"
        )
    if value < minimum:
        raise InvalidAmountError.of_kind(InputKind.COUNT)(
            value, f"is not a valid {what}; it must be {minimum} or more"
        )
    return value


def _usage(value: object, field: str = "") -> dict[str, int]:
    if not isinstance(value, Mapping):
        raise InvalidCartError(
            f"{field}={shown(value)} is not a mapping of promotion ids to how often "
            "this customer used them; pass e.g. {'SUMMER10': 1}",
            field=field,
        )
    checked = {}
    for key, count in value.items():
        if not isinstance(key, str) or not key:
            raise InvalidCartError(f"usage count key {shown(key)} is not a promotion id")
        checked[key] = whole_number(count, f"usage count for {key!r}", minimum=0)
    return checked


def _quantity(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidAmountError.of_kind(InputKind.COUNT)(
            value, "is not a whole quantity; pass an int of 1 or more"
        )
    if out_of_range(value):
        raise InvalidAmountError.of_kind(InputKind.COUNT)(
            value, f"is not a quantity a cart can hold: {RANGE}"
        )
    if value < 1:
        raise InvalidAmountError.of_kind(InputKind.COUNT)(
            value,
            "is not a quantity a cart can hold; a line has 1 or more units "
            "(returns are refunds, not negative lines)",
        )
    return value


def _unit_price(value: object) -> Money:
    return whole_money(value, "unit price", "unit_price")


def _sku(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        blank = isinstance(value, str) and value
        said = "is blank (only spaces)" if blank else "is not a SKU"
        raise InvalidAmountError.of_kind(InputKind.TEXT)(
            value, f"{said}; pass a non-empty string"
        )
    return value


@named_at_the_door
@attrs.frozen(field_transformer=named_fields)
class CartLine:
    """One line of a cart: ``quantity`` units of ``sku`` at ``unit_price`` each.

    ``unit_price`` is the price as the market shows it (gross where prices include VAT,
    net where they do not), in whole minor units. ``collections`` are the groups a
    promotion can target ("tees", "summer-sale").

    Examples:
        >>> CartLine("MUG", Money("9.50", "EUR"), 3).subtotal
        Money('28.50', 'EUR')
        >>> CartLine("MUG", Money("-9.50", "EUR"), 1)
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidAmountError: Money('-9.50', 'EUR') is negative; ...
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    sku: str = attrs.field(converter=_sku)
    unit_price: Money = attrs.field(converter=_unit_price)
    quantity: int = attrs.field(converter=_quantity)
    collections: frozenset[str] = attrs.field(default=frozenset(), converter=names)

    def __attrs_post_init__(self) -> None:
        if out_of_range(EXACT.multiply(self.unit_price.amount, self.quantity)):
            raise InvalidAmountError(
                self.quantity,
                f"units at unit_price={self.unit_price} come to more than a line can "
                f"hold: {RANGE}",
                field="quantity",
            )

    @property
    def subtotal(self) -> Money:
        """Unit price times quantity, before any discount."""
        return self.unit_price * self.quantity


MAX_LINES = 10_000
"""The most lines a cart holds: the count drives a quote's work (10,000 lines quote in
about a second here), and no checkout holds more."""


def _lines(value: Iterable[CartLine]) -> tuple[CartLine, ...]:
    if isinstance(value, CartLine | str | bytes | Mapping) or not isinstance(
        value, Iterable
    ):
        raise InvalidCartError("lines must be a list of CartLine")
    lines = at_most(value, MAX_LINES)  # an endless iterator is not read to the end
    if lines is None:
        raise InvalidCartError(
            f"the cart has more than {MAX_LINES:,} lines; a cart has at most "
            f"{MAX_LINES:,} (price a whole catalog line by line, not as one cart)"
        )
    if not lines:
        raise InvalidCartError(
            "the cart has no lines; promotions apply to a cart with at least one line"
        )
    for index, line in enumerate(lines):
        if not isinstance(line, CartLine):
            raise InvalidCartError(
                f"{shown(line)} is not a CartLine", field=f"lines[{index}]"
            )
    return lines


def _shipping(value: object) -> Money | None:
    return None if value is None else whole_money(value, "shipping charge", "shipping")


@named_at_the_door
@attrs.frozen(field_transformer=named_fields)
class Cart:
    """A cart as promotions see it.

    ``customer_usage`` counts how often *this customer* has used each promotion (by
    promotion id) and ``total_usage`` how often all customers have; both come from the
    shop's records. Coupon codes are compared ignoring case and surrounding spaces.
    Every amount is in one currency.

    Examples:
        >>> cart = Cart(
        ...     [CartLine("MUG", Money("9.50", "EUR"), 1)],
        ...     customer_segments={"vip"},
        ...     customer_usage={"WELCOME": 1},
        ... )
        >>> cart.currency, cart.shipping
        ('EUR', None)
        >>> Cart([])
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidCartError: invalid cart: the cart has no lines; ...
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    lines: tuple[CartLine, ...] = attrs.field(converter=_lines)
    shipping: Money | None = attrs.field(default=None, converter=_shipping, kw_only=True)
    customer_segments: frozenset[str] = attrs.field(
        default=frozenset(), converter=names, kw_only=True
    )
    coupon_codes: frozenset[str] = attrs.field(
        default=frozenset(), converter=codes, kw_only=True
    )
    customer_usage: Mapping[str, int] = attrs.field(
        factory=dict, converter=_usage, kw_only=True, hash=False
    )
    total_usage: Mapping[str, int] = attrs.field(
        factory=dict, converter=_usage, kw_only=True, hash=False
    )

    def __attrs_post_init__(self) -> None:
        currency = self.lines[0].unit_price.currency
        for line in self.lines:
            if line.unit_price.currency != currency:
                raise CurrencyMismatchError(
                    currency.code, line.unit_price.currency.code, "mix in one cart"
                )
        if self.shipping is not None and self.shipping.currency != currency:
            raise CurrencyMismatchError(
                currency.code, self.shipping.currency.code, "mix in one cart"
            )
        total = self._total()
        if self.shipping is not None:
            total = EXACT.add(total, self.shipping.amount)
        if out_of_range(total):
            raise InvalidCartError(
                f"its lines and shipping come to {total} {currency.code}, more than "
                f"the library computes with: {RANGE}"
            )

    def _total(self) -> Decimal:
        total = Decimal(0)
        for line in self.lines:
            total = EXACT.add(total, EXACT.multiply(line.unit_price.amount, line.quantity))
        return total

    @property
    def currency(self) -> str:
        """The ISO 4217 code every amount in the cart is in."""
        code: str = self.lines[0].unit_price.currency.code
        return code

    @property
    def subtotal(self) -> Money:
        """The sum of the lines before any discount (shipping not included)."""
        return Money(self._total(), self.currency)
