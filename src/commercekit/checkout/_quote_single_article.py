"""Tennessee items over the single article limit, taxed in parts in the quote.

Each such item's price is taxed in bands: the state's 7 % on every band, each local tax
on the bands up to its locality's limit, the state's single article tax (2.75 %) on the
band from USD 1,600.01 to 3,200 (``commercekit.tax._us_single_article``). The decision
has already refused what is not computed (food, a price in another currency, a local
rate without its limit); the quote shows each band as a part of the line
(``QuoteLine.parts``), as it shows an ``excess`` rule's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from commercekit.checkout._context import CheckoutContext
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.pricing import CartLine
from commercekit.tax import TaxCategory, TaxLine, TaxRate

__all__ = ["single_article_parts"]


def single_article_parts(
    cart_lines: Sequence[CartLine],
    categories: Sequence[TaxCategory],
    discounts: Sequence[Money],
    plain: Mapping[TaxCategory, tuple[TaxRate, ...]],
    context: CheckoutContext,
    *,
    shipping: Money | None,
) -> dict[int, tuple[TaxLine, ...]]:
    """The Tennessee lines whose items are over the single article limit, by index,
    each as its bands' tax lines; refused by name for an item whose category's rate
    depends on its price that day (a holiday's) and for a shipping charge taxed with
    such items (how the rule reaches it is not computed)."""
    from commercekit.tax import _us_single_article as single  # noqa: PLC0415  # TN only

    day = context.at.date()
    given = dict(single.local_limits(context.tax_rates))
    found: dict[int, tuple[TaxLine, ...]] = {}
    for index, (line, category) in enumerate(zip(cart_lines, categories, strict=True)):
        rates = plain.get(category)
        rule = single.single_article("US-TN", category, day)
        if rule is None or category in single.UNTAXED or rates == ():
            continue  # a category a partial quote leaves out is untaxed, and said
        off = discounts[index]
        each = (line.unit_price * line.quantity - off).amount / Decimal(line.quantity)
        if each <= rule.start:
            continue
        if rates is None:
            raise _refused(line.sku, "its category's rate depends on its price that day")
        if context.prices_include_tax:
            why = "its price includes the tax, and the bands are of the price without it"
            raise _refused(line.sku, f"{why}; quote with prices_include_tax=False")
        limits = {tax: limit for tax, limit in given.items() if limit is not None}
        if not {rate.tax for rate in rates} - limits.keys() <= {"sales tax"}:
            raise _refused(line.sku, "a local rate is given without its limit")
        found[index] = single.single_article_lines(
            line.unit_price, line.quantity, rates, limits, rule,
            discount=off if off.amount else None,
        )  # fmt: skip
    if found and shipping is not None and shipping.amount:
        raise MissingDataError(
            "how Tennessee's single article rule reaches the shipping charge",
            "an item over USD 1,600 is taxed in bands of its price, and commercekit does "
            "not compute which band a delivery charge falls in; quote the shipping "
            "apart, or include it in the items' prices",
            field="shipping",
        )
    return found


def _refused(sku: str, why: str) -> MissingDataError:
    return MissingDataError(
        f"Tennessee's single article tax on line {sku!r}",
        f"{why}: each local tax stops at its locality's limit on a single article and "
        "the state adds 2.75% on USD 1,600.01 to 3,200 (Tenn. Code Ann. 67-6-202(a), "
        "67-6-702); give each local rate's single_article_limit, or compute this item's "
        "tax apart",
        field="cart.lines",
    )
