"""The VAT in the shipping a refund keeps back below a free-shipping threshold.

A refund that keeps back shipping the buyer now pays (``Refund.shipping_deducted``)
pays back less than the goods returned: the taxable amount falls only by what is
refunded (Directive 2006/112/EC Art. 90(1)), and the shipping the supplier charges is
part of the taxable amount (Art. 78(b)). So the kept shipping bears VAT, and the refund
reverses the goods' VAT less that. The amount kept is money the buyer paid, so its VAT
is inside it (with VAT, whether or not the shop's prices include it).

The kept shipping is taxed as the quote taxed the order's shipping: split over the
rates of all the order's lines, in proportion to their amounts after discount (the rule
the quote applies to mixed carts, ``split_over_rates``), each share's VAT half-up. Where
the quote taxed the shipping by another rule (a US state's shipping rule, a delivery
taxed at a rate of its own, as Japan's), the refund refuses rather than guess.

References:
    * Council Directive 2006/112/EC, Art. 78(b) and 90(1) (read in a reprint):
      https://eur-lex.europa.eu/eli/dir/2006/112/oj
"""

from __future__ import annotations

from commercekit.checkout._model import Quote
from commercekit.checkout._quote_taxes import split_over_rates
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.regions import place_of
from commercekit.tax import JURISDICTION_REGISTRY, tax_invoice

__all__ = ["kept_shipping_tax"]


def kept_shipping_tax(
    quote: Quote, deducted: Money | None, notes: list[str]
) -> Money | None:
    """The VAT/GST inside ``deducted`` (the shipping kept back), ``None`` where nothing
    was deducted (``deducted`` is ``None``).

    Raises ``MissingDataError`` where the quote taxed its shipping by a rule other
    than the split over the goods' lines' rates (a US state, a delivery rate of its
    own, lines taxed in parts)."""
    if deducted is None:
        return None
    zero = deducted * 0
    taxed_in = quote.decision.taxed_in if quote.decision.charged_at_checkout else None
    if not deducted.amount or taxed_in is None:
        return zero
    _split_rule(quote, taxed_in, deducted)
    shares = split_over_rates(
        deducted,
        [line.rates for line in quote.lines],
        [line.amount - line.discount for line in quote.lines],
        before=[line.amount for line in quote.lines],
        description="shipping kept back",
        untaxed=[],
    )
    tax = tax_invoice(shares, prices_include_tax=True).tax if shares else zero
    notes.append(
        f"VAT in the {deducted} of shipping kept back: {tax}, not reversed (the "
        "shipping split over the rates of all the order's lines by their amounts after "
        "discount, as the quote split the order's shipping; Directive 2006/112/EC "
        "Art. 78(b), 90(1))"
    )
    return tax


def _split_rule(quote: Quote, taxed_in: str, deducted: Money) -> None:
    """Refuses where the quote did not tax the order's shipping by splitting it over
    the goods' rates: a US state (its own shipping rules), a jurisdiction that taxes
    a delivery at a rate of its own (``Jurisdiction.delivery_category``), or lines
    taxed in parts (``QuoteLine.parts``), whose shares the quote does not keep."""
    country, dash, _ = taxed_in.partition("-")
    place = place_of(country, subdivision=taxed_in if dash else None, on=quote.at.date())
    rules = JURISDICTION_REGISTRY.get(place.vat_area(goods=True))
    if country == "US":
        how = f"{taxed_in}'s rule for taxing shipping"
    elif rules is not None and rules.delivery_category is not None:
        how = f"{taxed_in}'s rate for a delivery ({rules.delivery_rule})"
    elif any(line.parts for line in quote.lines):
        how = "sharing it over the parts of lines taxed in parts"
    else:
        return
    raise MissingDataError(
        f"the tax in the {deducted} of shipping this refund keeps back: the quote "
        f"taxed the order's shipping by {how}, which the refund does not apply",
        "refund under keep_free_shipping, or work the tax out and reverse it apart",
        field="policy.below_threshold",
    )
