"""What a checkout quote needs, and what it gives back."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

import attrs

from commercekit.errors import InvalidAmountError, MissingDataError
from commercekit.money import Money, RateSource, RateTable, sum_money
from commercekit.money._money import to_decimal
from commercekit.pricing import Promotion, PromotionResult
from commercekit.regions import check_country
from commercekit.shipping import (
    Incoterm,
    LandedCost,
    RateCard,
    ShippingRateSource,
    TariffSource,
    check_hs_code,
)
from commercekit.tax import (
    BUNDLED,
    Buyer,
    RateTotal,
    RoundingLevel,
    Seller,
    TaxCategory,
    TaxDecision,
    TaxIdVerifier,
    TaxRate,
    TaxRateSource,
    check_category,
)

__all__ = ["CheckoutContext", "Product", "Quote", "QuoteLine", "ShippingCharge"]


def _weight(value: object) -> Decimal | None:
    if value is None:
        return None
    number = to_decimal(value, "weight")
    if number < 0 or number > 10**6:
        raise InvalidAmountError(value, "is not a weight from 0 to 1,000,000 kg")
    return number


def _origin(value: object) -> str | None:
    return None if value is None else check_country(value)


def _hs_code(value: object) -> str | None:
    return None if value is None else check_hs_code(value)


def _flag(_: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidAmountError(value, f"is not True or False ({attribute.name})")


def _aware(_: object, __: object, value: datetime) -> None:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise InvalidAmountError(
            value, "is not a timezone-aware datetime; pass e.g. datetime(..., tzinfo=UTC)"
        )


def _instance(
    kind: type, *, optional: bool = False
) -> Callable[[object, attrs.Attribute[Any], object], None]:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if (value is None and optional) or isinstance(value, kind):
            return
        raise InvalidAmountError(
            value, f"is not a {kind.__name__} ({attribute.name}); build one first"
        )

    return check


def _many(value: object, kind: type, what: str) -> tuple[Any, ...]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise InvalidAmountError(value, f"is not a list of {what}")
    for item in value:
        if not isinstance(item, kind):
            raise InvalidAmountError(item, f"is not a {kind.__name__} (in {what})")
    return tuple(value)


def _promotions(value: object) -> tuple[Promotion, ...]:
    return _many(value, Promotion, "promotions")


def _rate_cards(value: object) -> tuple[RateCard, ...]:
    return _many(value, RateCard, "rate cards")


def _products(_: object, __: object, value: object) -> None:
    if not isinstance(value, Mapping):
        raise InvalidAmountError(value, "is not a mapping of SKU to Product")
    for sku, product in value.items():
        if not isinstance(product, Product) or product.sku != sku:
            raise InvalidAmountError(
                (sku, product),
                "is not that SKU's Product (products={sku: Product(sku, ...)})",
            )


def _text_or_none(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise InvalidAmountError(value, f"is not a name ({attribute.name}), nor None")


def _rounding(value: object) -> RoundingLevel:
    if isinstance(value, str) and value in RoundingLevel.__members__.values():
        return RoundingLevel(value)
    levels = ", ".join(level.value for level in RoundingLevel)
    raise InvalidAmountError(value, f"is not a rounding level; use one of {levels}")


def _box(value: object) -> tuple[int, int, int]:
    sides = tuple(value) if isinstance(value, list | tuple) else ()
    if len(sides) != 3 or not all(
        isinstance(side, int) and not isinstance(side, bool) and 0 < side <= 1000
        for side in sides
    ):
        raise InvalidAmountError(value, "is not a box: three whole sides in cm, 1 to 1,000")
    return sides


def _incoterm(value: object) -> Incoterm:
    return Incoterm.parse(value)


@attrs.frozen
class Product:
    """What the quote needs to know about a SKU beyond its price.

    ``tax_category`` decides its VAT/GST rate. ``hs_code`` (its tariff heading) and
    ``origin`` (country of origin, ISO 3166) are needed when it crosses a customs border
    and duty is due; ``weight_kg`` when the quote prices shipping on rate cards. A fact
    the quote needs and does not have raises
    [`MissingDataError`][commercekit.errors.MissingDataError]; nothing is assumed.
    """

    sku: str
    tax_category: TaxCategory = attrs.field(converter=check_category)
    hs_code: str | None = attrs.field(default=None, converter=_hs_code)
    origin: str | None = attrs.field(default=None, converter=_origin)
    weight_kg: Decimal | None = attrs.field(default=None, converter=_weight)


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

    seller: Seller = attrs.field(validator=_instance(Seller))
    buyer: Buyer = attrs.field(validator=_instance(Buyer))
    at: datetime = attrs.field(validator=_aware)
    prices_include_tax: bool = attrs.field(validator=_flag)
    products: Mapping[str, Product] = attrs.field(factory=dict, validator=_products)
    promotions: tuple[Promotion, ...] = attrs.field(default=(), converter=_promotions)
    rate_cards: tuple[RateCard, ...] = attrs.field(default=(), converter=_rate_cards)
    service: str | None = attrs.field(default=None, validator=_text_or_none)
    incoterm: Incoterm = attrs.field(default=Incoterm.DDP, converter=_incoterm)
    ship_from: str | None = attrs.field(default=None, converter=_origin)
    marketplace: str | None = attrs.field(default=None, validator=_text_or_none)
    exchange_rates: RateTable | None = attrs.field(
        default=None, validator=_instance(RateTable, optional=True)
    )
    rounding: RoundingLevel = attrs.field(default=RoundingLevel.LINE, converter=_rounding)
    parcel_cm: tuple[int, int, int] = attrs.field(default=(30, 20, 10), converter=_box)
    shipping_rates: ShippingRateSource | None = None
    """Live carrier rates (a plugin); used instead of ``rate_cards`` when given."""
    exchange_rate_source: RateSource | None = None
    """Live exchange rates (a plugin), asked for the table known at ``at`` when no
    ``exchange_rates`` table is given."""
    tariffs: TariffSource | None = None
    """Duty rates (a plugin's real tariff, or ``BUNDLED_TARIFF``, the labelled example);
    ``None`` raises where duty is due."""
    tax_rates: TaxRateSource = BUNDLED
    tax_id_verifier: TaxIdVerifier | None = None
    """A live registry check of the buyer's tax number, made when the buyer carries no
    verification yet; a "not valid" answer makes the sale a consumer sale."""
    partial: bool = attrs.field(default=False, validator=_flag)
    """Quote what can be quoted when border data is missing (a tariff row, an HS code,
    an origin): the border charges are left out and ``Quote.missing`` lists why."""

    def product(self, sku: str) -> Product:
        """The product facts for ``sku``; raises if the context has none."""
        found = self.products.get(sku)
        if found is None:
            raise MissingDataError(
                f"the product facts of {sku!r}",
                "give products={sku: Product(sku, tax_category=...)} for every SKU in the "
                "cart (its tax category; HS code and origin across a customs border; "
                "weight for rate cards)",
            )
        return found


@attrs.frozen
class QuoteLine:
    """One cart line, priced: before and after discount, tax and gross.

    A quote lists its lines by SKU, so that no figure depends on the order of the cart;
    ``position`` is where the line stood in the cart as given (0-based), for showing the
    lines in the buyer's order. It is left out of equality: the same cart in another
    order gives equal lines.
    """

    sku: str
    quantity: int
    unit_price: Money
    amount: Money
    discount: Money
    net: Money
    tax: Money
    gross: Money
    rates: tuple[TaxRate, ...]
    position: int = attrs.field(eq=False)


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
    missing: tuple[str, ...] = ()
    """What a partial quote could not compute (empty for a complete quote)."""

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
