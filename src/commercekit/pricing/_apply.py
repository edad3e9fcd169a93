"""Applying promotions to a cart: which apply, in what order, and what each takes off.

[`apply_promotions`][commercekit.pricing.apply_promotions] is a pure function of the
cart, the promotions, the moment (``at``, timezone-aware, never the clock), the
[`Strategy`][commercekit.pricing.Strategy] and the rounding mode. It works in four
steps:

1. **Conditions.** Each promotion is checked on its own: coupon code, validity window,
   customer segment, usage limits, eligible items, minimum quantity. A promotion that
   fails is rejected with the first reason found.
2. **Selection** (stacking). The rest are taken in order of priority (highest first;
   then product before order before shipping; then by id, so the result never depends
   on the order promotions are listed in). Each is kept if it combines with every
   promotion kept before it, and rejected otherwise, naming the one in its way.
3. **Application**, class by class: product promotions on the prices as shown, then
   order promotions on what is left, then shipping promotions. A promotion whose
   minimum subtotal is no longer reached after the earlier discounts, or whose
   discount comes to zero, is rejected; since it took nothing, selection is run again
   without it, so a promotion that did not apply never blocks another one.
4. **Result.** Every applied promotion with what it took off each line, every
   rejected one with its reason, and each line's discount and net amount.

With ``Strategy.BEST_OFFER`` the customer gets the single promotion that saves the
most (ties go to priority, then class, then id); every other one is rejected as "not
the best offer".

Examples:
    >>> from datetime import UTC, datetime
    >>> from commercekit.pricing import FreeShipping, PercentOff
    >>> cart = Cart([CartLine("MUG", Money("12.00", "EUR"), 3)],
    ...             shipping=Money("4.95", "EUR"))
    >>> result = apply_promotions(
    ...     cart,
    ...     [Promotion("TEN", PercentOff(10)),
    ...      Promotion("SHIP50", FreeShipping(), minimum_subtotal=Money("50.00", "EUR"))],
    ...     at=datetime(2026, 11, 27, 12, 0, tzinfo=UTC),
    ... )
    >>> result.total
    Money('37.35', 'EUR')
    >>> [(r.promotion.id, str(r.reason)) for r in result.rejected]
    [('SHIP50', 'below-minimum')]
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal

import attrs

from commercekit._checks import one_currency
from commercekit._inputs import trusted
from commercekit._numbers import EXACT, context_free
from commercekit.errors import (
    CurrencyMismatchError,
    DuplicatePromotionError,
    ExclusivePromotionConflictError,
    InvalidAmountError,
    InvalidCartError,
    UnknownPromotionError,
    shown,
)
from commercekit.money import (
    DEFAULT_ROUNDING,
    MINOR_UNITS,
    Money,
    RoundingMode,
    make_money,
    to_minor_units,
)
from commercekit.pricing import _checks as checks
from commercekit.pricing._cart import Cart, CartLine
from commercekit.pricing._discounts import (
    Ledger,
    Refused,
    Rounder,
    Taken,
    discount,
    rounder,
)
from commercekit.pricing._promotions import (
    Promotion,
    PromotionClass,
    RejectionReason,
    line_is_eligible,
)

__all__ = [
    "AppliedPromotion",
    "DiscountedLine",
    "PromotionResult",
    "RejectedPromotion",
    "Strategy",
    "apply_promotions",
]

_RANK = {PromotionClass.PRODUCT: 0, PromotionClass.ORDER: 1, PromotionClass.SHIPPING: 2}


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


@attrs.frozen
class AppliedPromotion:
    """A promotion that applied, and what it took off.

    ``line_units`` is what it took off each cart line (in the cart's order), in minor
    units; [`line_discounts`][commercekit.pricing.AppliedPromotion.line_discounts] gives
    the same as ``Money``. ``note`` says if the discount was capped.
    """

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
        make = _money_maker(self.amount)
        return tuple(make(count) for count in self.line_units)


@attrs.frozen
class RejectedPromotion:
    """A promotion that did not apply: the reason, and the explanation in words.

    ``blocked_by`` is the id of the promotion in the way, for combination reasons.
    """

    promotion: Promotion = attrs.field(converter=_promotion)
    reason: RejectionReason = attrs.field(converter=_reason)
    detail: str = attrs.field(converter=_detail)
    blocked_by: str | None = attrs.field(default=None, converter=_blocked_by)

    def __str__(self) -> str:
        return f"{self.promotion.id}: {self.detail}"


@attrs.frozen
class DiscountedLine:
    """A cart line with its total discount from every promotion applied."""

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


@attrs.frozen
class PromotionResult:
    """The outcome of applying promotions to a cart.

    ``applied`` is in the order the promotions were applied; ``rejected`` in the same
    order (class, priority, id). ``line_discount`` is the discount on the items (every
    line's discount added up), ``shipping_discount`` the discount on shipping.
    ``unknown_codes`` are coupon codes in the cart that no promotion has.

    Examples:
        >>> from datetime import UTC, datetime
        >>> from commercekit.pricing import AmountOff
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
        make = _money_maker(self.subtotal)
        return tuple(
            trusted(DiscountedLine, line=line, discount=make(count))
            for line, count in zip(self.cart.lines, self.line_units, strict=True)
        )

    def rejection(self, promotion_id: str) -> RejectedPromotion | None:
        """The rejection of the promotion with this id, if it was rejected.

        Examples:
            >>> from datetime import UTC, datetime
            >>> from commercekit.pricing import PercentOff
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


def _money_maker(like: Money) -> Callable[[int], Money]:
    """Turns a count of minor units into Money in ``like``'s currency."""
    currency = like.currency
    exponent = -MINOR_UNITS[currency.code]
    scaleb = EXACT.scaleb
    return lambda count: make_money(scaleb(Decimal(count), exponent), currency)


def _check_at(at: object) -> datetime:
    return checks.moment(at, "the moment promotions are applied at, at=")


def _check_promotions(cart: Cart, promotions: Sequence[Promotion]) -> list[Promotion]:
    if isinstance(promotions, Promotion):
        raise InvalidAmountError(promotions, "is not a list of Promotion")
    found: dict[str, Promotion] = {}
    currency = cart.lines[0].unit_price.currency
    for promotion in checks.items(promotions, "promotions"):
        if not isinstance(promotion, Promotion):
            raise InvalidAmountError(promotion, "is not a Promotion")
        if promotion.id in found:
            raise DuplicatePromotionError(promotion.id)
        found[promotion.id] = promotion
        for money in promotion.money_fields():
            if money.currency != currency:
                raise CurrencyMismatchError(
                    currency.code,
                    money.currency.code,
                    f"use promotion {promotion.id!r} with",
                )
    for promotion in found.values():
        for other in sorted(promotion.never_with):
            if other not in found:
                raise UnknownPromotionError(other, promotion.id)
    exclusive = sorted(
        (promotion for promotion in found.values() if promotion.exclusive),
        key=lambda promotion: promotion.id,
    )
    for position, first in enumerate(exclusive):
        for second in exclusive[position + 1 :]:
            if first.priority == second.priority and _overlap(first, second):
                raise ExclusivePromotionConflictError(first.id, second.id, first.priority)
    return list(found.values())


def _overlap(first: Promotion, second: Promotion) -> bool:
    starts_before_other_ends = (
        first.starts is None or second.ends is None or first.starts < second.ends
    )
    other_starts_before_end = (
        second.starts is None or first.ends is None or second.starts < first.ends
    )
    return starts_before_other_ends and other_starts_before_end


def _conditions(  # noqa: PLR0911  # one return per condition reads clearest
    promotion: Promotion, cart: Cart, at: datetime, eligible: list[int]
) -> Refused | None:
    """The first condition ``promotion`` fails on its own, or ``None``."""
    coupon = f"coupon {promotion.code!r} " if promotion.code else ""
    if promotion.code is not None and promotion.code not in cart.coupon_codes:
        return Refused(
            RejectionReason.CODE_MISSING, f"needs the coupon code {promotion.code!r}"
        )
    if promotion.starts is not None and at < promotion.starts:
        return Refused(
            RejectionReason.NOT_STARTED,
            f"{coupon or 'it '}is valid from {promotion.starts.isoformat()}",
        )
    if promotion.ends is not None and at >= promotion.ends:
        return Refused(
            RejectionReason.EXPIRED,
            f"{coupon or 'it '}expired at {promotion.ends.isoformat()}",
        )
    if promotion.segments is not None and promotion.segments.isdisjoint(
        cart.customer_segments
    ):
        return Refused(
            RejectionReason.NOT_FOR_SEGMENT,
            f"it is for customers in {', '.join(sorted(promotion.segments))}",
        )
    limit = promotion.limit_per_customer
    if limit is not None and cart.customer_usage.get(promotion.id, 0) >= limit:
        return Refused(
            RejectionReason.CUSTOMER_LIMIT_REACHED,
            f"this customer has used it {cart.customer_usage.get(promotion.id, 0)} times; "
            f"the limit is {limit}",
        )
    limit = promotion.limit_total
    if limit is not None and cart.total_usage.get(promotion.id, 0) >= limit:
        return Refused(
            RejectionReason.TOTAL_LIMIT_REACHED,
            f"it has been used {cart.total_usage.get(promotion.id, 0)} times; "
            f"the limit is {limit}",
        )
    if not eligible:
        return Refused(
            RejectionReason.NO_ELIGIBLE_ITEMS, "no item in the cart is eligible for it"
        )
    if promotion.minimum_quantity is not None:
        count = sum(cart.lines[index].quantity for index in eligible)
        if count < promotion.minimum_quantity:
            return Refused(
                RejectionReason.BELOW_MINIMUM,
                f"needs {promotion.minimum_quantity} eligible units; the cart has {count}",
            )
    if promotion.promotion_class is PromotionClass.SHIPPING and (
        cart.shipping is None or not cart.shipping.amount
    ):
        return Refused(RejectionReason.NO_SHIPPING, "the cart has no shipping charge")
    return None


def _eligible_lines(promotion: Promotion, cart: Cart, every: list[int]) -> list[int]:
    if promotion.targets_all_lines:
        return every
    return [
        index
        for index, line in enumerate(cart.lines)
        if line_is_eligible(promotion, line.sku, line.collections)
    ]


def _conflict(first: Promotion, later: Promotion) -> Refused | None:
    """Why ``later`` cannot apply beside ``first``, which comes before it."""
    ahead = f"(it comes first: priority {first.priority})"
    if first.exclusive:
        return Refused(
            RejectionReason.EXCLUSIVE_APPLIED,
            f"exclusive promotion {first.id!r} applies {ahead}",
        )
    if later.exclusive:
        return Refused(
            RejectionReason.DOES_NOT_COMBINE,
            f"it is exclusive, and {first.id!r} applies {ahead}",
        )
    if later.id in first.never_with or first.id in later.never_with:
        return Refused(
            RejectionReason.DOES_NOT_COMBINE, f"it never combines with {first.id!r} {ahead}"
        )
    if later.promotion_class not in first.combines_with:
        return Refused(
            RejectionReason.DOES_NOT_COMBINE,
            f"{first.id!r} does not combine with {later.promotion_class} promotions "
            f"{ahead}",
        )
    if first.promotion_class not in later.combines_with:
        return Refused(
            RejectionReason.DOES_NOT_COMBINE,
            f"it does not combine with {first.promotion_class} promotions such as "
            f"{first.id!r} {ahead}",
        )
    return None


def _priority_order(promotion: Promotion) -> tuple[int, int, str]:
    return (-promotion.priority, _RANK[promotion.promotion_class], promotion.id)


def _application_order(promotion: Promotion) -> tuple[int, int, str]:
    return (_RANK[promotion.promotion_class], -promotion.priority, promotion.id)


Outcome = tuple[Promotion, list[int], Taken]


def _stack(
    candidates: dict[str, tuple[Promotion, list[int]]],
    ledger: Ledger,
    rounding: Rounder,
    rejected: dict[str, RejectedPromotion],
) -> list[Outcome]:
    by_priority = sorted(
        (promotion for promotion, _ in candidates.values()), key=_priority_order
    )
    failed: dict[str, Refused] = {}
    while True:
        selected: list[Promotion] = []
        blocked: dict[str, tuple[Refused, str]] = {}
        for promotion in by_priority:
            if promotion.id in failed:
                continue
            for earlier in selected:
                why = _conflict(earlier, promotion)
                if why is not None:
                    blocked[promotion.id] = (why, earlier.id)
                    break
            else:
                selected.append(promotion)
        ledger.reset()
        outcomes: list[Outcome] = []
        failures: dict[str, Refused] = {}
        for promotion in sorted(selected, key=_application_order):
            eligible = candidates[promotion.id][1]
            taken = discount(promotion, eligible, ledger, rounding)
            if isinstance(taken, Refused):
                failures[promotion.id] = taken
            else:
                ledger.take(eligible, taken.lines, taken.shipping)
                outcomes.append((promotion, eligible, taken))
        failed.update(failures)
        if not failures or not blocked:
            break
    for promotion_id, refused in failed.items():
        rejected[promotion_id] = _rejected(candidates[promotion_id][0], refused)
    for promotion_id, (refused, blocker) in blocked.items():
        rejected[promotion_id] = _rejected(candidates[promotion_id][0], refused, blocker)
    return outcomes


def _best_offer(
    candidates: dict[str, tuple[Promotion, list[int]]],
    ledger: Ledger,
    rounding: Rounder,
    rejected: dict[str, RejectedPromotion],
) -> list[Outcome]:
    offers: list[tuple[int, Outcome]] = []
    for promotion, eligible in candidates.values():
        ledger.reset()
        taken = discount(promotion, eligible, ledger, rounding)
        if isinstance(taken, Refused):
            rejected[promotion.id] = _rejected(promotion, taken)
        else:
            offers.append((sum(taken.lines) + taken.shipping, (promotion, eligible, taken)))
    ledger.reset()
    if not offers:
        return []
    offers.sort(key=lambda offer: (-offer[0], *_priority_order(offer[1][0])))
    saving, best = offers[0]
    for other_saving, (promotion, _, _) in offers[1:]:
        rejected[promotion.id] = RejectedPromotion(
            promotion,
            RejectionReason.NOT_BEST_OFFER,
            f"it saves {ledger.money(other_saving)}; {best[0].id!r} saves "
            f"{ledger.money(saving)}",
            best[0].id,
        )
    ledger.take(best[1], best[2].lines, best[2].shipping)
    return [best]


def _rejected(
    promotion: Promotion, refused: Refused, blocked_by: str | None = None
) -> RejectedPromotion:
    return RejectedPromotion(promotion, refused.reason, refused.detail, blocked_by)


@context_free
def apply_promotions(
    cart: Cart,
    promotions: Sequence[Promotion],
    *,
    at: datetime,
    strategy: Strategy = Strategy.STACK,
    mode: RoundingMode = DEFAULT_ROUNDING,
) -> PromotionResult:
    """Apply ``promotions`` to ``cart`` at the moment ``at``.

    ``at`` must be timezone-aware: a window that ends at midnight in Amsterdam has
    ended at 23:30 UTC. ``mode`` rounds percentage discounts (per line for product
    promotions, once on the eligible total for order promotions). The result does not
    depend on the order ``promotions`` are given in.

    Raises [`DuplicatePromotionError`][commercekit.errors.DuplicatePromotionError] for
    two promotions with one id,
    [`UnknownPromotionError`][commercekit.errors.UnknownPromotionError] for a
    ``never_with`` id not given,
    [`ExclusivePromotionConflictError`][commercekit.errors.ExclusivePromotionConflictError]
    for two exclusive promotions with equal priority and overlapping windows, and
    [`CurrencyMismatchError`][commercekit.errors.CurrencyMismatchError] for a promotion
    priced in another currency than the cart.

    Examples:
        >>> from datetime import UTC, datetime
        >>> from commercekit.pricing import BuyXGetY, PercentOff
        >>> cart = Cart([CartLine("TEE", Money("20.00", "EUR"), 3, {"tees"})])
        >>> promotions = [
        ...     Promotion("3FOR2", BuyXGetY(2, 1), collections={"tees"}),
        ...     Promotion("TEN", PercentOff(10)),
        ... ]
        >>> at = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
        >>> apply_promotions(cart, promotions, at=at).total  # 60 - 20, then - 10 %
        Money('36.00', 'EUR')
        >>> best = apply_promotions(cart, promotions, at=at, strategy=Strategy.BEST_OFFER)
        >>> best.total, str(best.rejected[0])
        (Money('40.00', 'EUR'), "TEN: it saves 6.00 EUR; '3FOR2' saves 20.00 EUR")
        >>> apply_promotions(cart, promotions, at=datetime(2026, 11, 27, 12, 0))
        Traceback (most recent call last):
        ...
        commercekit.errors.NaiveDatetimeError: the moment promotions are applied at, ...
    """
    if not isinstance(cart, Cart):
        raise InvalidCartError(
            f"{shown(cart)} is not a Cart; build one with Cart([CartLine(...)])"
        )
    at = _check_at(at)
    given = _check_promotions(cart, promotions)
    strategy = _strategy(strategy)
    mode = checks.mode(mode)
    rounding = rounder(mode)
    currency = cart.lines[0].unit_price.currency
    ledger = Ledger.of(cart, MINOR_UNITS[currency.code])
    every = list(range(len(cart.lines)))
    rejected: dict[str, RejectedPromotion] = {}
    candidates: dict[str, tuple[Promotion, list[int]]] = {}
    for promotion in given:
        eligible = _eligible_lines(promotion, cart, every)
        refused = _conditions(promotion, cart, at, eligible)
        if refused is None:
            candidates[promotion.id] = (promotion, eligible)
        else:
            rejected[promotion.id] = _rejected(promotion, refused)
    pick = _stack if strategy is Strategy.STACK else _best_offer
    outcomes = pick(candidates, ledger, rounding, rejected)
    applied = []
    for promotion, eligible, taken in sorted(
        outcomes, key=lambda outcome: _application_order(outcome[0])
    ):
        per_line = [0] * len(every)
        for index, count in zip(eligible, taken.lines, strict=True):
            per_line[index] = count
        applied.append(
            trusted(
                AppliedPromotion,
                promotion=promotion,
                amount=ledger.money(sum(taken.lines) + taken.shipping),
                shipping=ledger.money(taken.shipping),
                line_units=tuple(per_line),
                note=taken.note,
            )
        )
    line_units = tuple(
        subtotal - left
        for subtotal, left in zip(ledger.subtotals, ledger.remaining, strict=True)
    )
    known = {promotion.code for promotion in given if promotion.code is not None}
    return trusted(
        PromotionResult,
        cart=cart,
        applied=tuple(applied),
        rejected=tuple(
            sorted(rejected.values(), key=lambda item: _application_order(item.promotion))
        ),
        subtotal=ledger.money(sum(ledger.subtotals)),
        line_discount=ledger.money(sum(line_units)),
        shipping_discount=ledger.money(ledger.shipping_charge - ledger.shipping),
        line_units=line_units,
        unknown_codes=cart.coupon_codes - known,
        strategy=strategy,
        mode=RoundingMode(mode),
    )
