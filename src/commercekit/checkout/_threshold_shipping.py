"""A return that takes an order below its free-shipping threshold.

A shipping promotion with a threshold (``Promotion("SHIP50", FreeShipping(),
minimum_subtotal=Money("50.00", "EUR"))``, or ``minimum_quantity``) waived some or all
of the shipping because the eligible goods reached it. A return can take the goods the
buyer keeps below it again. The threshold is measured as at checkout: on the eligible
lines' value after the product and order discounts, in the prices as the shop showed
them (with tax where they include it), and on their units. A unit's value is its
part of ``split(amount - discount, quantity)``, the first units returned taking the
first parts, as refunds share a line's gross.

What then happens to the shipping the threshold waived (the promotion's ``shipping``,
as the checkout showed it) is the policy's
[`BelowThreshold`][commercekit.checkout.BelowThreshold]; nothing is assumed. A refund
that leaves the goods kept at or above every threshold the order reached needs no
rule and deducts nothing, as before.

**The law.** A consumer who withdraws from a distance contract (EU and EEA,
Directive 2011/83/EU) may do so "without incurring any costs other than those provided
for in Article 13(2) and Article 14" (Art. 9(1)): a dearer delivery they chose, the
direct cost of sending the goods back, and diminished value from handling them. The UK
right to cancel is worded alike: "without incurring any liability except under" reg.
34(3), 34(9), 35(5) and 36(4) (SI 2013/3134 reg. 29(1), read in a reprint). Charging
the outbound shipping a threshold waived, because some goods were withdrawn, is none
of those, so a deducting policy is refused on a withdrawal. The Court of Justice held
under the earlier Directive 97/7/EC that delivery costs may not be charged to a
consumer who withdraws (C-511/08, Handelsgesellschaft Heinrich Heine, 15 April 2010,
read in press reports). German trade commentary (Händlerbund, onlinehaendler-news.de)
reads the law the same way for a partial withdrawal below a threshold, noting a
minority view that a term agreed before the contract could allow it; commercekit does
not take that view. The Commission's guidance on the Directive (2021/C 525/01) was
found but its passage on partial withdrawal was not read. A return under the shop's
own terms, beyond the law (after the period, or where no such right exists), may
follow any rule.

References:
    * Directive 2011/83/EU, Art. 9(1), 13 and 14:
      https://eur-lex.europa.eu/eli/dir/2011/83/oj
    * The Consumer Contracts (Information, Cancellation and Additional Charges)
      Regulations 2013 (SI 2013/3134), reg. 29(1) and 34:
      https://www.legislation.gov.uk/uksi/2013/3134/part/3
    * Court of Justice, C-511/08, Handelsgesellschaft Heinrich Heine GmbH v
      Verbraucherzentrale Nordrhein-Westfalen eV, 15 April 2010 (press reports read).
    * onlinehaendler-news.de, "Dürfen bei Teilwiderruf Versandkosten nachberechnet
      werden?" (secondary).
"""

from __future__ import annotations

from collections.abc import Sequence

from commercekit.checkout._model import Quote
from commercekit.checkout._refund_policy import BelowThreshold, RefundPolicy
from commercekit.checkout._refund_result import Refund
from commercekit.checkout._returned_units import first_parts
from commercekit.errors import (
    MissingDataError,
    RefundMismatchError,
    RefundPolicyRefusedError,
)
from commercekit.money import Money, sum_money
from commercekit.pricing import AppliedPromotion, PromotionClass

__all__ = ["shipping_deducted"]

_LAW = (
    "https://eur-lex.europa.eu/eli/dir/2011/83/oj (Art. 9(1), 13, 14)",
    "https://www.legislation.gov.uk/uksi/2013/3134/part/3 (reg. 29(1), 34)",
)


def _grants(quote: Quote) -> list[AppliedPromotion]:
    """The shipping promotions that applied because the goods reached a threshold."""
    return [
        applied
        for applied in quote.promotions.applied
        if applied.promotion.promotion_class is PromotionClass.SHIPPING
        and applied.shipping.amount
        and (
            applied.promotion.minimum_subtotal is not None
            or applied.promotion.minimum_quantity is not None
        )
    ]


def _eligible(quote: Quote, applied: AppliedPromotion) -> list[int]:
    """The quote lines the promotion's threshold counts (the promotion's cart lists
    the lines in the quote's order)."""
    cart = quote.promotions.cart.lines
    if [line.sku for line in cart] != [line.sku for line in quote.lines]:
        raise RefundMismatchError(
            "the quote's promotions were applied to another cart than its lines; "
            "refund a quote as quote() made it"
        )
    return [
        index
        for index, line in enumerate(quote.lines)
        if applied.promotion.is_eligible(line.sku, cart[index].collections)
    ]


def _shortfall(
    quote: Quote, applied: AppliedPromotion, returned: Sequence[int]
) -> str | None:
    """How the goods kept after ``returned`` units fall short of the promotion's
    threshold, in words with the figures; ``None`` where they still reach it."""
    promotion, eligible = applied.promotion, _eligible(quote, applied)
    if promotion.minimum_subtotal is not None:
        kept = sum_money(
            [_kept(quote, index, returned[index]) for index in eligible], quote.currency
        )
        if kept < promotion.minimum_subtotal:
            return (
                f"the eligible goods kept come to {kept}, below its minimum of "
                f"{promotion.minimum_subtotal}"
            )
    if promotion.minimum_quantity is not None:
        units = sum(quote.lines[index].quantity - returned[index] for index in eligible)
        if units < promotion.minimum_quantity:
            return (
                f"{units} eligible units are kept, below its minimum of "
                f"{promotion.minimum_quantity}"
            )
    return None


def _kept(quote: Quote, index: int, returned: int) -> Money:
    """The value of the units of line ``index`` not returned, as the threshold
    measured it: after the line's discounts, in the prices as shown."""
    line = quote.lines[index]
    value = line.amount - line.discount
    return value - first_parts(value, line.quantity, returned)


def shipping_deducted(  # the refund's facts, by name
    quote: Quote,
    policy: RefundPolicy,
    *,
    previous: Sequence[Refund],
    before: Sequence[int],
    after: Sequence[int],
    room: Money,
    withdrawal: bool | None,
    notes: list[str],
) -> Money | None:
    """The shipping a threshold waived that this refund keeps back, at most ``room``
    (what the refund gives back after its restocking fee); ``None`` where the goods
    kept reach every threshold the order reached.

    Raises ``MissingDataError`` where they do not and the policy states no
    ``below_threshold`` rule, or it would deduct from this refund and ``withdrawal``
    is ``None``; ``RefundPolicyRefusedError`` where it would deduct from a withdrawal.
    """
    lost = [
        (applied, short)
        for applied in _grants(quote)
        if (short := _shortfall(quote, applied, after)) is not None
    ]
    if not lost:
        return None
    rule = policy.below_threshold
    said = "; ".join(
        f"{applied.promotion.id} waived {applied.shipping} of shipping, and {short}"
        for applied, short in lost
    )
    if rule is None:
        raise _no_rule(said)
    zero = room * 0
    if rule is BelowThreshold.KEEP_FREE_SHIPPING:
        notes.append(f"below the free-shipping threshold: {said}; the buyer keeps it")
        return zero
    waived = sum_money([applied.shipping for applied, _ in lost], quote.currency)
    if rule is BelowThreshold.DEDUCT_SHIPPING:
        taken = sum_money([p.shipping_deducted or zero for p in previous], quote.currency)
        due = max(waived - taken, zero)
        already = f"{taken} deducted before, " if taken.amount else ""
    else:
        crossed = all(_shortfall(quote, applied, before) is None for applied, _ in lost)
        due = waived if crossed else zero
        already = "" if crossed else "deducted only by the refund that crossed it, "
    if due.amount:  # a refund the rule takes nothing from needs no withdrawal fact
        _lawful(said, withdrawal=withdrawal)
    deducted = min(due, room)
    notes.append(
        f"below the free-shipping threshold: {said}; {rule} rule: {already}"
        f"{deducted} deducted of {waived} (at most the {room} this refund gives back)"
    )
    return deducted


def _no_rule(said: str) -> MissingDataError:
    """The refusal of a return below a threshold under a policy that states no rule."""
    return MissingDataError(
        f"the rule for the free shipping this return loses ({said})",
        "give RefundPolicy(below_threshold=...): keep_free_shipping, "
        "deduct_shipping or deduct_up_to_refund",
        field="policy.below_threshold",
        json_how='write "below_threshold" in the policy: "keep_free_shipping", '
        '"deduct_shipping" or "deduct_up_to_refund"',
    )


def _lawful(said: str, *, withdrawal: bool | None) -> None:
    """Refuses a deduction from a consumer's withdrawal, and one where the caller did
    not say whether the return is one."""
    if withdrawal is None:
        raise MissingDataError(
            f"whether this return is a consumer's withdrawal ({said})",
            "pass withdrawal=True for a withdrawal under Directive 2011/83/EU (EU, EEA) "
            "or a cancellation under SI 2013/3134 (UK), where no shipping may be "
            "deducted, or withdrawal=False for a return under the shop's own terms",
            field="withdrawal",
            json_how='write "withdrawal": true for a withdrawal under Directive '
            "2011/83/EU (EU, EEA) or a cancellation under SI 2013/3134 (UK), false for "
            "a return under the shop's own terms",
        )
    if withdrawal:
        raise RefundPolicyRefusedError(
            "policy.below_threshold",
            f"{said}, but a consumer who withdraws (EU, EEA: Directive 2011/83/EU "
            "Art. 9(1)) or cancels (UK: SI 2013/3134 reg. 29(1)) bears no cost but a "
            "dearer delivery they chose, the return and any diminished value; use "
            "keep_free_shipping",
            _LAW,
        )
