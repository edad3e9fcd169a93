"""Hypothesis properties of the promotions engine."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from commercekit.money import Money, RoundingMode, minor_units, sum_money
from commercekit.pricing import (
    Cart,
    PercentOff,
    Promotion,
    PromotionClass,
    PromotionResult,
    Strategy,
    apply_promotions,
)
from tests.promotion_strategies import AT, carts, promotion_lists

MODES = st.sampled_from(list(RoundingMode))
STRATEGIES = st.sampled_from(list(Strategy))


@st.composite
def cases(draw: st.DrawFn) -> tuple[Cart, list[Promotion]]:
    """A cart and promotions in its currency."""
    cart = draw(carts())
    return cart, draw(promotion_lists(cart.currency))


def _eligible_subtotal(cart: Cart, promotion: Promotion) -> Money:
    return sum_money(
        [
            line.subtotal
            for line in cart.lines
            if promotion.is_eligible(line.sku, line.collections)
        ],
        cart.currency,
    )


@given(cases(), STRATEGIES, MODES)
def test_discounts_never_exceed_what_they_discount(
    case: tuple[Cart, list[Promotion]], strategy: Strategy, mode: RoundingMode
) -> None:
    """Each promotion takes at most its eligible subtotal (and the shipping) off."""
    cart, promotions = case
    result = apply_promotions(cart, promotions, at=AT, strategy=strategy, mode=mode)
    for applied in result.applied:
        on_lines = applied.amount - applied.shipping
        assert (
            Money(0, cart.currency)
            <= on_lines
            <= _eligible_subtotal(cart, applied.promotion)
        )
        for line, taken in zip(cart.lines, applied.line_discounts, strict=True):
            if not applied.promotion.is_eligible(line.sku, line.collections):
                assert not taken.amount
        if cart.shipping is None:
            assert not applied.shipping.amount
        else:
            assert applied.shipping <= cart.shipping
    assert result.line_discount <= result.subtotal


@given(cases(), STRATEGIES, MODES)
def test_line_discounts_add_up_exactly(
    case: tuple[Cart, list[Promotion]], strategy: Strategy, mode: RoundingMode
) -> None:
    """Per promotion and in total, the lines' discounts sum exactly to the discount."""
    cart, promotions = case
    result = apply_promotions(cart, promotions, at=AT, strategy=strategy, mode=mode)
    code = cart.currency
    for applied in result.applied:
        assert sum_money(applied.line_discounts, code) + applied.shipping == applied.amount
    assert sum_money([line.discount for line in result.lines], code) == result.line_discount
    for index, line in enumerate(result.lines):
        by_promotion = [applied.line_discounts[index] for applied in result.applied]
        assert sum_money(by_promotion, code) == line.discount
    shipping = sum_money([applied.shipping for applied in result.applied], code)
    assert shipping == result.shipping_discount
    assert result.total == result.subtotal - result.discount + (cart.shipping or 0)


@given(carts(), st.data(), MODES)
def test_an_order_discount_is_rounded_once_then_allocated(
    cart: Cart, data: st.DataObject, mode: RoundingMode
) -> None:
    """A lone order percentage equals the rounded percentage of the subtotal, in parts."""
    percent = Decimal(data.draw(st.integers(1, 10_000))).scaleb(-2)
    promotion = Promotion("ORDER", PercentOff(percent))
    result = apply_promotions(cart, [promotion], at=AT, mode=mode)
    exact = Fraction(result.subtotal.amount) * Fraction(percent) / 100
    unit = Fraction(1, 10 ** minor_units(cart.currency))
    if result.applied:
        assert abs(Fraction(result.line_discount.amount) - exact) < unit
    else:
        assert exact < unit


@given(cases(), STRATEGIES, st.randoms(use_true_random=False))
def test_the_order_promotions_are_given_in_does_not_matter(
    case: tuple[Cart, list[Promotion]], strategy: Strategy, random: object
) -> None:
    """Applying the same promotions in any input order gives the same result."""
    cart, promotions = case
    shuffled = list(promotions)
    random.shuffle(shuffled)  # type: ignore[attr-defined]  # a hypothesis Random
    first = apply_promotions(cart, promotions, at=AT, strategy=strategy)
    second = apply_promotions(cart, shuffled, at=AT, strategy=strategy)
    assert _summary(first) == _summary(second)
    assert first == second


def _summary(result: PromotionResult) -> object:
    return (
        [
            (applied.promotion.id, applied.amount, applied.line_units)
            for applied in result.applied
        ],
        [(rejected.promotion.id, rejected.reason) for rejected in result.rejected],
        result.line_units,
    )


@given(cases(), STRATEGIES, MODES)
def test_nothing_goes_negative(
    case: tuple[Cart, list[Promotion]], strategy: Strategy, mode: RoundingMode
) -> None:
    """No line, no shipping charge and no total goes below zero."""
    cart, promotions = case
    result = apply_promotions(cart, promotions, at=AT, strategy=strategy, mode=mode)
    zero = Money(0, cart.currency)
    for line in result.lines:
        assert zero <= line.discount <= line.subtotal
        assert line.net >= zero
    assert result.total >= zero
    if result.shipping is not None:
        assert zero <= result.shipping
    assert len(result.applied) + len(result.rejected) == len(promotions)


@given(cases())
def test_best_offer_is_at_least_as_good_as_any_single_promotion(
    case: tuple[Cart, list[Promotion]],
) -> None:
    """The best offer saves at least as much as each promotion applied alone."""
    cart, promotions = case
    best = apply_promotions(cart, promotions, at=AT, strategy=Strategy.BEST_OFFER)
    assert len(best.applied) <= 1
    for promotion in promotions:
        alone = apply_promotions(cart, [promotion], at=AT)
        assert alone.discount <= best.discount


@given(cases())
def test_classes_apply_in_order(case: tuple[Cart, list[Promotion]]) -> None:
    """Applied promotions come product first, then order, then shipping."""
    cart, promotions = case
    result = apply_promotions(cart, promotions, at=AT)
    ranks = [
        list(PromotionClass).index(a.promotion.promotion_class) for a in result.applied
    ]
    assert ranks == sorted(ranks)
    if any(applied.promotion.exclusive for applied in result.applied):
        assert len(result.applied) == 1
