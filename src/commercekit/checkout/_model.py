"""What a checkout quote needs, and what it gives back."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal

import attrs

from commercekit.errors import InvalidAmountError
from commercekit.money import Money, RateTable, sum_money
from commercekit.money._money import to_decimal
from commercekit.pricing import Promotion, PromotionResult
from commercekit.shipping import Incoterm, LandedCost, RateCard
from commercekit.tax import RateTotal, RoundingLevel, TaxCategory, TaxDecision, TaxRate
from commercekit.tax._sale import Buyer, Seller

__all__ = ["CheckoutContext", "Product", "Quote", "QuoteLine", "ShippingCharge"]


def _weight(value: object) -> Decimal:
    number = to_decimal(value, "weight")
    if number < 0:
        raise InvalidAmountError(value, "is a negative weight")
    return number


def _aware(_: object, __: object, value: datetime) -> None:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise InvalidAmountError(
            value, "is not a timezone-aware datetime; pass e.g. datetime(..., tzinfo=UTC)"
        )


def _incoterm(value: object) -> Incoterm:
    return Incoterm.parse(value)


@attrs.frozen
class Product:
    """What the quote needs to know about a SKU beyond its price."""

    sku: str
    tax_category: TaxCategory = attrs.field(
        default=TaxCategory.STANDARD, converter=TaxCategory
    )
    hs_code: str | None = None
    origin: str = "CN"
    weight_kg: Decimal = attrs.field(default=Decimal(0), converter=_weight)


@attrs.frozen
class CheckoutContext:
    """Everything about a checkout except the cart: who sells, who buys, when, how.

    ``at`` is the moment of the quote (promotion windows use it; tax rules use its
    date). ``prices_include_tax`` says how the cart's prices are shown; where no tax is
    charged at checkout (an export, a reverse charge) the shown price is what is paid,
    with no tax in it: a shop that lowers its prices for such buyers passes the lower
    prices in the cart. ``rate_cards``
    price the shipping (``service`` picks one, else the cheapest); ``incoterm`` decides
    who pays import duties and taxes.
    """

    seller: Seller
    buyer: Buyer
    at: datetime = attrs.field(validator=_aware)
    prices_include_tax: bool
    products: Mapping[str, Product] = attrs.field(factory=dict)
    promotions: tuple[Promotion, ...] = ()
    rate_cards: tuple[RateCard, ...] = ()
    service: str | None = None
    incoterm: Incoterm = attrs.field(default=Incoterm.DDP, converter=_incoterm)
    ship_from: str | None = None
    marketplace: str | None = None
    exchange_rates: RateTable | None = None
    rounding: RoundingLevel = RoundingLevel.LINE
    parcel_cm: tuple[int, int, int] = (30, 20, 10)

    def product(self, sku: str) -> Product:
        """The product facts for ``sku`` (a standard-rated product when none given)."""
        return self.products.get(sku) or Product(sku)


@attrs.frozen
class QuoteLine:
    """One cart line, priced: before and after discount, tax and gross."""

    sku: str
    quantity: int
    unit_price: Money
    amount: Money
    discount: Money
    net: Money
    tax: Money
    gross: Money
    rates: tuple[TaxRate, ...]


@attrs.frozen
class ShippingCharge:
    """The shipping the buyer pays, with the service and its tax."""

    service: str
    price: Money
    discount: Money
    net: Money
    tax: Money
    gross: Money
    transit_days: tuple[int, int]


@attrs.frozen
class Quote:
    """The complete quote: lines, shipping, tax by rate, border charges, and why.

    ``grand_total`` is what the buyer pays at checkout: every line's gross, the
    shipping's gross and, under DDP, the import duties and taxes the seller collects.
    ``due_at_delivery`` is what the buyer pays at the door under DAP/DDU.
    """

    currency: str
    at: datetime
    lines: tuple[QuoteLine, ...]
    shipping: ShippingCharge | None
    tax_summary: tuple[RateTotal, ...]
    decision: TaxDecision
    promotions: PromotionResult
    incoterm: Incoterm
    landed: LandedCost | None
    collected_border_charges: Money
    due_at_delivery: Money
    explanation: tuple[str, ...]

    @property
    def subtotal(self) -> Money:
        """The lines' gross amounts added up."""
        return sum_money([line.gross for line in self.lines], self.currency)

    @property
    def tax(self) -> Money:
        """All VAT/GST charged at checkout (lines and shipping)."""
        shipping = self.shipping.tax if self.shipping else None
        parts = [line.tax for line in self.lines] + ([shipping] if shipping else [])
        return sum_money(parts, self.currency)

    @property
    def grand_total(self) -> Money:
        """What the buyer pays at checkout."""
        total = self.subtotal + self.collected_border_charges
        return total + self.shipping.gross if self.shipping else total
