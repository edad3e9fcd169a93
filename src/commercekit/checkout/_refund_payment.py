"""The payment on a refund: the surcharge that goes back, and what the provider keeps.

**The surcharge goes back with the goods, in proportion.** A card surcharge is part of
the price of the goods (CJEU C-276/09 *Everything Everywhere*; Directive 2006/112/EC
Art. 78(b)), so when goods are returned the part of it paid for them is returned too,
as the goods' price is: a consumer who withdraws is owed "all payments received"
(Directive 2011/83/EU Art. 13(1)), and the taxable amount, with the VAT in the
surcharge, is reduced with the refund (Directive 2006/112/EC Art. 90(1)). Unlike the
shipping (a service delivered, which the shop's policy may keep until the whole order
comes back, as Art. 13(1) allows for delivery costs), the surcharge is no separate
charge the policy can keep: each line carries a share of it, in proportion to what was
paid for the line (its gross), and the units returned take their share of the line's
part exactly as they take the line's price: cumulatively, by
[`split`][commercekit.money.split]. The net and the tax are shared apart and added, so
no refund returns more tax than surcharge, and all refunds of the whole order return
exactly the surcharge and its tax.

**What the provider keeps.** Where the quote priced the payment, each refund carries
the [`RefundCost`][commercekit.payments.RefundCost] of the amount it returns
([`refund_cost`][commercekit.payments.refund_cost]): the payment's original fee where
the schedule keeps it on a refund (the same fee on every refund of the order: count it
once) and the schedule's fee for the refund itself. A schedule that gives no refund fee
(the bundled Stripe and Mollie examples give none) raises
[`MissingPaymentCostError`][commercekit.errors.MissingPaymentCostError], unless the
caller asked for a partial refund (``partial=True``): the provider's keep is then left
out and listed in ``Refund.missing``.

References:
    * Directive 2011/83/EU Art. 13(1): https://eur-lex.europa.eu/eli/dir/2011/83/oj
    * Directive 2006/112/EC Art. 78 and 90(1): https://eur-lex.europa.eu/eli/dir/2006/112/oj
    * CJEU, C-276/09 Everything Everywhere:
      https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62009CJ0276
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from commercekit.checkout._model import Quote
from commercekit.checkout._returned_units import first_parts
from commercekit.errors import MissingPaymentCostError
from commercekit.money import Money, allocate
from commercekit.payments import RefundCost, refund_cost

__all__ = ["provider_keeps", "surcharge_back"]


def _shares(quote: Quote, whole: Money) -> list[Money]:
    """``whole`` shared over the lines in proportion to their gross (their units where
    every line is free)."""
    weights = [line.gross.amount for line in quote.lines]
    if not any(weights):
        weights = [Decimal(line.quantity) for line in quote.lines]
    return allocate(whole, weights)


def surcharge_back(
    quote: Quote, before: Sequence[int], after: Sequence[int], notes: list[str]
) -> tuple[Money, Money] | None:
    """The surcharge (gross) and its tax refunded now, for the units returned between
    ``before`` and ``after``; ``None`` where the order paid no surcharge."""
    surcharge = quote.surcharge
    if surcharge is None:
        return None
    nets = _shares(quote, surcharge.net)
    taxes = _shares(quote, surcharge.tax)
    gross, tax = surcharge.gross * 0, surcharge.tax * 0
    for line, net, line_tax, was, now in zip(
        quote.lines, nets, taxes, before, after, strict=True
    ):
        share = net + line_tax
        gross += first_parts(share, line.quantity, now) - first_parts(
            share, line.quantity, was
        )
        tax += first_parts(line_tax, line.quantity, now) - first_parts(
            line_tax, line.quantity, was
        )
    notes.append(
        f"payment surcharge refunded with the goods, in proportion: {gross} "
        f"(incl. tax {tax}) of {surcharge.gross}"
    )
    return gross, tax


def provider_keeps(
    quote: Quote,
    refunded: Money,
    *,
    partial: bool,
    missing: list[str],
    notes: list[str],
) -> RefundCost | None:
    """What the payment provider keeps when ``refunded`` goes back to the buyer;
    ``None`` where the quote priced no payment, or (partial) the schedule lacks it."""
    payment = quote.payment
    if payment is None:
        return None
    try:
        kept = refund_cost(payment.cost, refunded)
    except MissingPaymentCostError as lacking:
        if not partial:
            raise
        missing.extend(f"{item}: {lacking.how}" for item in lacking.missing)
        notes.append(
            "what the payment provider keeps is left out (partial): "
            + "; ".join(lacking.missing)
        )
        return None
    notes.append(
        f"the payment provider keeps {kept.total} ({kept.kept_fee} of the payment's "
        f"fee, {kept.refund_fee} for the refund)"
    )
    return kept
