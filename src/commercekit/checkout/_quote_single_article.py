"""Tennessee items over the single article limit, taxed in parts in the quote.

Each such item's price is taxed in bands
([`single_article_lines`][commercekit.tax.single_article_lines]): the state's 7 % on
every band, each local tax on the bands up to its locality's limit, the state's single
article tax (2.75 %) on the band from USD 1,600.01 to 3,200. The decision has already
refused what is not computed (food, a price in another currency, a category whose rate
depends on the item's price that day, a local rate without its limit); the quote shows
each band as a part of the line (``QuoteLine.parts``), as it shows an ``excess``
rule's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

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
    each as its bands' tax lines; refused by name for a price that includes the tax
    (the bands are of the price without it) and for a shipping charge taxed with such
    items (which band it falls in is not computed)."""
    from commercekit.tax import single_article_lines  # noqa: PLC0415  # Tennessee only

    found: dict[int, tuple[TaxLine, ...]] = {}
    for index, (line, category) in enumerate(zip(cart_lines, categories, strict=True)):
        rates = plain.get(category)
        if not rates:  # by the price of each item, or left out of a partial quote
            continue
        off = discounts[index]
        bands = single_article_lines(
            line.unit_price, line.quantity, rates, on=context.at.date(),
            source=context.tax_rates, discount=off if off.amount else None,
        )  # fmt: skip
        if bands and context.prices_include_tax:
            raise MissingDataError(
                f"the price of each item without the tax on line {line.sku!r}",
                "Tennessee's single article rule taxes bands of the price without the "
                "tax, which a price including it does not give until the rates are "
                "chosen; quote with prices_include_tax=False",
                field="prices_include_tax",
            )
        if bands:
            found[index] = bands
    if found and shipping is not None and shipping.amount:
        raise MissingDataError(
            "how Tennessee's single article rule reaches the shipping charge",
            "an item over USD 1,600 is taxed in bands of its price, and commercekit does "
            "not compute which band a delivery charge falls in; quote the shipping "
            "apart, or include it in the items' prices",
            field="shipping",
        )
    return found
