"""Whether a context is the one a quote was made in.

A function that reads a quote together with its context (``order_lines``) must get the
context the quote was made in: a figure worked out from another buyer, price convention
or payment would look right and be wrong. A quote records only some of its context, so
the check has two steps. First, each fact the quote records is compared with the
context's, and a mismatch is refused naming the fact: the moment (``at``), the
promotions given (applied or rejected), the payment, and the price convention (where a
line was taxed, its amount after discount is its gross when prices include tax and its
net when they do not). Then the quote is made again from its own cart in the context
(the same cart and context give the same quote) and compared part by part: the tax
decision (the seller and the buyer: where and how the sale is taxed), the lines (the
products, the price convention, the rounding), the shipping, the border charges and the
payment; the first part that differs is named. Plugged-in sources (exchange rates, a
tax-number registry, live carriers) are asked again for that.
"""

from __future__ import annotations

import attrs

from commercekit.checkout._checks import error
from commercekit.checkout._context import CheckoutContext
from commercekit.checkout._model import Quote
from commercekit.checkout._quote import quote as make_quote
from commercekit.errors import CommerceKitError, InputKind, shown
from commercekit.tax import TaxDecision

__all__ = ["check_context"]

_PARTS = (
    ("currency", "exchange_rates", "the currency (the exchange rates)"),
    ("lines", "products", "the lines (the products, the rounding)"),
    ("decision", "products", "the tax decision (the products' tax categories)"),
    ("shipping", "rate_cards", "the shipping (the rate cards, service, warehouse)"),
    ("collected_border_charges", "tariffs", "the border charges (incoterm, tariffs)"),
    ("payment", "payment_costs", "the payment's cost (the payment costs)"),
)
"""Each part of a quote compared, the context field that most often makes it differ,
and what to check."""


def _refuse(field: str, value: object, reason: str, kind: InputKind) -> CommerceKitError:
    return error(
        f"context.{field}",
        value,
        f"{reason}; pass the context the quote was made in",
        kind=kind,
    )


def _recorded(quote: Quote, context: CheckoutContext) -> None:
    """The facts the quote records, compared with the context's."""
    if context.at != quote.at:
        raise _refuse(
            "at", context.at, f"is not the quote's moment ({quote.at.isoformat()})",
            InputKind.DATE,
        )  # fmt: skip
    given = sorted(promotion.id for promotion in context.promotions)
    result = quote.promotions
    used = sorted(
        [a.promotion.id for a in result.applied] + [r.promotion.id for r in result.rejected]
    )
    if given != used:
        raise _refuse(
            "promotions", given, f"are not the quote's promotions ({used})", InputKind.LIST
        )
    paid = None if quote.payment is None else quote.payment.payment
    if context.payment != paid:
        raise _refuse(
            "payment", context.payment, f"is not the quote's payment ({shown(paid)})",
            InputKind.TYPE,
        )  # fmt: skip
    for line in quote.lines:
        if not line.tax.amount:
            continue
        shown_as = line.amount - line.discount
        inclusive = shown_as == line.gross
        if inclusive != context.prices_include_tax and shown_as in (line.gross, line.net):
            raise _refuse(
                "prices_include_tax",
                context.prices_include_tax,
                f"is not the quote's price convention: its line {shown(line.sku)} "
                f"shows {shown_as}, its {'gross' if inclusive else 'net'}",
                InputKind.TYPE,
            )


def _where(decision: TaxDecision) -> tuple[object, ...]:
    """Where and how a sale is taxed: what the seller and the buyer decide."""
    return (decision.regime, decision.taxed_in, decision.collected_by, decision.scheme)


def check_context(quote: Quote, context: CheckoutContext) -> None:
    """Refuses ``context`` unless it is the one ``quote`` was made in, naming the
    first fact that differs (an ``InvalidAmountError``)."""
    _recorded(quote, context)
    cart = attrs.evolve(quote.promotions.cart, shipping=None)
    try:
        again = make_quote(cart, context)
    except CommerceKitError as refused:
        raise _refuse(
            "buyer", context.buyer,
            f"with this context the quote's cart cannot be quoted ({refused})",
            InputKind.TYPE,
        ) from None  # fmt: skip
    was, now = quote.decision, again.decision
    if _where(was) != _where(now):
        raise _refuse(
            "buyer",
            context.buyer,
            f"gives another tax decision than the quote's ({was.regime}, taxed in "
            f"{was.taxed_in or 'no country'}; here {now.regime}, taxed in "
            f"{now.taxed_in or 'no country'}): the seller or the buyer is not the "
            "quote's",
            InputKind.TYPE,
        )
    for part, field, what in _PARTS:
        if getattr(again, part) != getattr(quote, part):
            raise _refuse(
                field,
                getattr(context, field),
                f"gives another quote than this one: {what} differ",
                InputKind.TYPE,
            )
