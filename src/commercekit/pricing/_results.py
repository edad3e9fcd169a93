"""What applying promotions returns: the promotions applied, those rejected, the lines.

A [`PromotionResult`][commercekit.pricing.PromotionResult] keeps the minimum (the
cart, what each promotion took off each line in minor units) and derives the rest:
each line's discount and net amount, the shipping left, the total. Every total is the
sum of its parts, and the result refuses to be built otherwise.

[`Strategy`][commercekit.pricing.Strategy] is recorded on the result: it says whether
promotions were stacked or only the best offer was taken.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from commercekit._checks import one_currency
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import EXACT, named_at_the_door
from commercekit._trusted import trusted, trusted_builder
from commercekit.errors import InvalidAmountError
from commercekit.money import (
    DEFAULT_ROUNDING,
    QUANTUM,
    Money,
    RoundingMode,
    to_minor_units,
)
from commercekit.pricing import _checks as checks
from commercekit.pricing._cart import Cart, CartLine
from commercekit.pricing._promotions import Promotion, RejectionReason

_money = trusted_builder(Money)

__all__ = [
    "AppliedPromotion",
    "DiscountedLine",
    "PromotionResult",
    "RejectedPromotion",
    "Strategy",
]


class Strategy(enum.StrEnum):
    """How promotions that each apply are put together."""

    STACK = "stack"
    """Every promotion that applies and combines with the others applies."""
    BEST_OFFER = "best-offer"
    """Only the single promotion that saves the customer the most applies."""


def _promotion(value: object) -> Promotion:
    return checks.instance(value, Promotion, "promotion")


def _amount(value: object) -> Money:
    return checks.money(value, "amount")


def _shipping(value: object) -> Money:
    return checks.money(value, "shipping")


def _line_units(value: object) -> tuple[int, ...]:
    return tuple(
        checks.whole(count, "line_units", unit="minor units")
        for count in checks.items(value, "line_units")
    )


def _note(value: object) -> str:
    return checks.text(value, "note", empty=True)


def _reason(value: object) -> RejectionReason:
    return checks.member(value, RejectionReason, "reason")


def _detail(value: object) -> str:
    return checks.text(value, "detail")


def _blocked_by(value: object) -> str | None:
    return None if value is None else checks.text(value, "blocked_by")


def _line(value: object) -> CartLine:
    return checks.instance(value, CartLine, "line")


def _discount(value: object) -> Money:
    return checks.money(value, "discount")


def _cart(value: object) -> Cart:
    return checks.instance(value, Cart, "cart")


def _applied(value: object) -> tuple[AppliedPromotion, ...]:
    return tuple(
        checks.instance(item, AppliedPromotion, "applied")
        for item in checks.items(value, "applied")
    )


def _rejected_list(value: object) -> tuple[RejectedPromotion, ...]:
    return tuple(
        checks.instance(item, RejectedPromotion, "rejected")
        for item in checks.items(value, "rejected")
    )


def _subtotal(value: object) -> Money:
    return checks.money(value, "subtotal")


def _line_discount(value: object) -> Money:
    return checks.money(value, "line_discount")


def _shipping_discount(value: object) -> Money:
    return checks.money(value, "shipping_discount")


def _codes(value: object) -> frozenset[str]:
    return checks.names(value, "unknown_codes")


def _strategy(value: object) -> Strategy:
    return checks.member(value, Strategy, "strategy")


@named_at_the_door
@attrs.frozen
class AppliedPromotion:
    """A promotion that applied, and what it took off.

    ``line_units`` is what it took off each cart line (in the cart's order), in minor
    units; [`line_discounts`][commercekit.pricing.AppliedPromotion.line_discounts] gives
    the same as ``Money``. ``note`` says if the discount was capped.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    promotion: Promotion = attrs.field(converter=_promotion)
    amount: Money = attrs.field(converter=_amount)
    shipping: Money = attrs.field(converter=_shipping)
    line_units: tuple[int, ...] = attrs.field(converter=_line_units, repr=False)
    note: str = attrs.field(default="", converter=_note)

    def __attrs_post_init__(self) -> None:
        one_currency(self.amount, self.shipping, operation="combine in one discount")
        on_lines = to_minor_units(self.amount) - to_minor_units(self.shipping)
        if on_lines != sum(self.line_units):
            raise InvalidAmountError(
                self.line_units,
                f"adds up to {sum(self.line_units)} minor units, but the amount "
                f"{self.amount} less the shipping {self.shipping} is {on_lines}: the "
                f"lines' discounts must add up to the discount off the items",
            )

    @property
    def line_discounts(self) -> tuple[Money, ...]:
        """What this promotion took off each cart line, in the cart's order."""
        return _moneys(self.amount, self.line_units)


@named_at_the_door
@attrs.frozen
class RejectedPromotion:
    """A promotion that did not apply: the reason, and the explanation in words.

    ``blocked_by`` is the id of the promotion in the way, for combination reasons.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    promotion: Promotion = attrs.field(converter=_promotion)
    reason: RejectionReason = attrs.field(converter=_reason)
    detail: str = attrs.field(converter=_detail)
    blocked_by: str | None = attrs.field(default=None, converter=_blocked_by)

    def __str__(self) -> str:
        return f"{self.promotion.id}: {self.detail}"


@named_at_the_door
@attrs.frozen
class DiscountedLine:
    """A cart line with its total discount from every promotion applied."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    line: CartLine = attrs.field(converter=_line)
    discount: Money = attrs.field(converter=_discount)

    def __attrs_post_init__(self) -> None:
        subtotal = self.line.subtotal
        checks.same_currency(subtotal.currency.code, self.discount, "discount")
        if self.discount.amount > subtotal.amount:
            raise InvalidAmountError(
                self.discount, f"is more than the line's subtotal {subtotal}"
            )

    @property
    def subtotal(self) -> Money:
        """Unit price times quantity, before discounts."""
        return self.line.subtotal

    @property
    def net(self) -> Money:
        """What is left to pay on the line: subtotal minus discount (never negative)."""
        return self.line.subtotal - self.discount


@named_at_the_door
@attrs.frozen
class PromotionResult:
    """The outcome of applying promotions to a cart.

    ``applied`` is in the order the promotions were applied; ``rejected`` in the same
    order (class, priority, id). ``line_discount`` is the discount on the items (every
    line's discount added up), ``shipping_discount`` the discount on shipping.
    ``unknown_codes`` are coupon codes in the cart that no promotion has.

    Examples:
        >>> from datetime import UTC, datetime
        >>> from commercekit.pricing import AmountOff, apply_promotions
        >>> cart = Cart([CartLine("A", Money("10.00", "EUR"), 1),
        ...              CartLine("B", Money("20.00", "EUR"), 1)], coupon_codes={"x"})
        >>> off5 = Promotion("OFF5", AmountOff(Money("5", "EUR")))
        >>> result = apply_promotions(cart, [off5], at=datetime(2026, 1, 1, tzinfo=UTC))
        >>> [(line.line.sku, line.discount, line.net) for line in result.lines]
        [('A', Money('1.67', 'EUR'), Money('8.33', 'EUR')),
         ('B', Money('3.33', 'EUR'), Money('16.67', 'EUR'))]
        >>> result.unknown_codes
        frozenset({'X'})
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    cart: Cart = attrs.field(converter=_cart)
    applied: tuple[AppliedPromotion, ...] = attrs.field(converter=_applied)
    rejected: tuple[RejectedPromotion, ...] = attrs.field(converter=_rejected_list)
    subtotal: Money = attrs.field(converter=_subtotal)
    line_discount: Money = attrs.field(converter=_line_discount)
    shipping_discount: Money = attrs.field(converter=_shipping_discount)
    line_units: tuple[int, ...] = attrs.field(converter=_line_units, repr=False)
    unknown_codes: frozenset[str] = attrs.field(default=frozenset(), converter=_codes)
    strategy: Strategy = attrs.field(default=Strategy.STACK, converter=_strategy)
    mode: RoundingMode = attrs.field(default=DEFAULT_ROUNDING, converter=checks.mode)

    def __attrs_post_init__(self) -> None:
        cart = self.cart
        for field, amount in (
            ("subtotal", self.subtotal),
            ("line_discount", self.line_discount),
            ("shipping_discount", self.shipping_discount),
        ):
            checks.same_currency(cart.currency, amount, field)
        if self.subtotal != cart.subtotal:
            raise InvalidAmountError(
                self.subtotal, f"is not the cart's subtotal {cart.subtotal}"
            )
        if len(self.line_units) != len(cart.lines):
            raise InvalidAmountError(
                self.line_units,
                f"has {len(self.line_units)} discounts for {len(cart.lines)} cart lines; "
                f"give one per line, in the cart's order",
            )
        for line, count in zip(cart.lines, self.line_units, strict=True):
            if count > to_minor_units(line.subtotal):
                raise InvalidAmountError(
                    count, f"minor units are more than line {line.sku!r} costs"
                )
        if to_minor_units(self.line_discount) != sum(self.line_units):
            raise InvalidAmountError(
                self.line_discount,
                "is not the sum of the lines' discounts (line_units); every total is "
                "the sum of its parts",
            )
        shipping = Decimal(0) if cart.shipping is None else cart.shipping.amount
        if self.shipping_discount.amount > shipping:
            raise InvalidAmountError(
                self.shipping_discount, "is more than the cart's shipping charge"
            )

    @property
    def discount(self) -> Money:
        """Everything taken off: the items' discount plus the shipping discount."""
        return self.line_discount + self.shipping_discount

    @property
    def shipping(self) -> Money | None:
        """The shipping charge left to pay (``None`` if the cart has none)."""
        if self.cart.shipping is None:
            return None
        return self.cart.shipping - self.shipping_discount

    @property
    def total(self) -> Money:
        """What the customer pays: subtotal - line discount + shipping left."""
        total = self.subtotal - self.line_discount
        shipping = self.shipping
        return total + shipping if shipping is not None else total

    @property
    def lines(self) -> tuple[DiscountedLine, ...]:
        """Each line with its total discount and net amount (built when asked for)."""
        return tuple(
            trusted(DiscountedLine, line=line, discount=discount)
            for line, discount in zip(self.cart.lines, self.line_discounts, strict=True)
        )

    @property
    def line_discounts(self) -> tuple[Money, ...]:
        """Each cart line's total discount, in the cart's order: ``lines``' discounts,
        without building the lines.

        Examples:
            >>> from datetime import UTC, datetime
            >>> from commercekit.pricing import PercentOff, apply_promotions
            >>> cart = Cart([CartLine("A", Money("10.00", "EUR"), 1),
            ...              CartLine("B", Money("20.00", "EUR"), 1)])
            >>> ten = Promotion("TEN", PercentOff(10))
            >>> apply_promotions(cart, [ten], at=datetime(2026, 1, 1, tzinfo=UTC)
            ...                  ).line_discounts
            (Money('1.00', 'EUR'), Money('2.00', 'EUR'))
        """
        return _moneys(self.subtotal, self.line_units)

    def rejection(self, promotion_id: str) -> RejectedPromotion | None:
        """The rejection of the promotion with this id, if it was rejected.

        Examples:
            >>> from datetime import UTC, datetime
            >>> from commercekit.pricing import PercentOff, apply_promotions
            >>> cart = Cart([CartLine("A", Money("10.00", "EUR"), 1)])
            >>> result = apply_promotions(cart, [Promotion("C", PercentOff(5), code="C")],
            ...                           at=datetime(2026, 1, 1, tzinfo=UTC))
            >>> print(result.rejection("C"))
            C: needs the coupon code 'C'
        """
        promotion_id = checks.text(promotion_id, "promotion_id")
        for rejected in self.rejected:
            if rejected.promotion.id == promotion_id:
                return rejected
        return None


def _moneys(like: Money, counts: tuple[int, ...]) -> tuple[Money, ...]:
    """Each count of minor units as Money in ``like``'s currency: one Money per
    distinct count (Money is immutable), so lines no promotion touched share one zero."""
    currency = like.currency
    quantum = QUANTUM[currency.code]  # count x quantum: exact, to the minor unit
    multiply = EXACT.multiply
    made = {  # counts of minor units a promotion took, in range: built as they are
        count: _money(amount=multiply(count, quantum), currency=currency)
        for count in set(counts)
    }
    return tuple(map(made.__getitem__, counts))
