"""What a checkout quote needs, and what it gives back."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from types import MappingProxyType

import attrs

from commercekit.checkout._checks import (
    MAX_TRANSIT_DAYS,
    adds_up,
    amount,
    choice,
    count,
    error,
    flag,
    instance,
    label,
    lines_of_text,
    many,
    number,
    optional_label,
    plugin,
    same_currency,
)
from commercekit.errors import InvalidAmountError, MissingDataError, shown
from commercekit.money import Money, RateSource, RateTable, sum_money, validate_currency
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
    weight = number(value, "weight_kg")
    if not 0 <= weight <= 10**6:
        raise InvalidAmountError(value, "is not a weight from 0 to 1,000,000 kg")
    return weight


def _origin(value: object) -> str | None:
    return None if value is None else check_country(value)


def _ship_from(value: object) -> str | None:
    """Where the goods leave from: a country, or ``XI`` (Northern Ireland, whose goods
    follow EU rules)."""
    if isinstance(value, str) and value.upper() == "XI":
        return "XI"
    return _origin(value)


def _hs_code(value: object) -> str | None:
    return None if value is None else check_hs_code(value)


def _sku(value: object) -> str:
    return label(value, "sku")


def _service(value: object) -> str:
    return label(value, "service")


def _optional_service(value: object) -> str | None:
    return optional_label(value, "service")


def _marketplace(value: object) -> str | None:
    return optional_label(value, "marketplace")


def _prices_include_tax(value: object) -> bool:
    return flag(value, "prices_include_tax")


def _partial(value: object) -> bool:
    return flag(value, "partial")


def _at(value: object) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise error(
            "at",
            value,
            "is not a timezone-aware datetime; pass e.g. datetime(..., tzinfo=UTC)",
        )
    return value


def _seller(value: object) -> Seller:
    return instance(value, Seller, "seller")


def _buyer(value: object) -> Buyer:
    return instance(value, Buyer, "buyer")


def _exchange_rates(value: object) -> RateTable | None:
    return None if value is None else instance(value, RateTable, "exchange_rates")


def _promotions(value: object) -> tuple[Promotion, ...]:
    return many(value, Promotion, "promotions")


def _rate_cards(value: object) -> tuple[RateCard, ...]:
    return many(value, RateCard, "rate cards")


def _products(value: object) -> Mapping[str, Product]:
    if not isinstance(value, Mapping):
        raise error(
            "products", value, "is not a mapping of SKU to Product; pass {sku: Product}"
        )
    for sku, product in value.items():
        label(sku, "products' SKU")
        if not isinstance(product, Product) or product.sku != sku:
            raise InvalidAmountError(
                (sku, product),
                "is not that SKU's Product (products={sku: Product(sku, ...)})",
            )
    return MappingProxyType(dict(value))  # read-only: checked once, when built


def _rounding(value: object) -> RoundingLevel:
    return choice(value, RoundingLevel, "rounding")


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

    sku: str = attrs.field(converter=_sku)
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

    seller: Seller = attrs.field(converter=_seller)
    buyer: Buyer = attrs.field(converter=_buyer)
    at: datetime = attrs.field(converter=_at)
    prices_include_tax: bool = attrs.field(converter=_prices_include_tax)
    products: Mapping[str, Product] = attrs.field(factory=dict, converter=_products)
    promotions: tuple[Promotion, ...] = attrs.field(default=(), converter=_promotions)
    rate_cards: tuple[RateCard, ...] = attrs.field(default=(), converter=_rate_cards)
    service: str | None = attrs.field(default=None, converter=_optional_service)
    incoterm: Incoterm = attrs.field(default=Incoterm.DDP, converter=_incoterm)
    ship_from: str | None = attrs.field(default=None, converter=_ship_from)
    marketplace: str | None = attrs.field(default=None, converter=_marketplace)
    exchange_rates: RateTable | None = attrs.field(default=None, converter=_exchange_rates)
    rounding: RoundingLevel = attrs.field(default=RoundingLevel.LINE, converter=_rounding)
    parcel_cm: tuple[int, int, int] = attrs.field(default=(30, 20, 10), converter=_box)
    shipping_rates: ShippingRateSource | None = attrs.field(
        default=None,
        validator=plugin("ShippingRateSource", "options", optional=True),
    )
    """Live carrier rates (a plugin); used instead of ``rate_cards`` when given."""
    exchange_rate_source: RateSource | None = attrs.field(
        default=None, validator=plugin("RateSource", "table", optional=True)
    )
    """Live exchange rates (a plugin), asked for the table known at ``at`` when no
    ``exchange_rates`` table is given."""
    tariffs: TariffSource | None = attrs.field(
        default=None, validator=plugin("TariffSource", "duty", optional=True)
    )
    """Duty rates (a plugin's real tariff, or ``BUNDLED_TARIFF``, the labelled example);
    ``None`` raises where duty is due."""
    tax_rates: TaxRateSource = attrs.field(
        default=BUNDLED, validator=plugin("TaxRateSource", "rates_for")
    )
    tax_id_verifier: TaxIdVerifier | None = attrs.field(
        default=None, validator=plugin("TaxIdVerifier", "verify", optional=True)
    )
    """A live registry check of the buyer's tax number, made when the buyer carries no
    verification yet; a "not valid" answer makes the sale a consumer sale."""
    partial: bool = attrs.field(default=False, converter=_partial)
    """Quote what can be quoted when border data is missing (a tariff row, an HS code,
    an origin): the border charges are left out and ``Quote.missing`` lists why."""

    def product(self, sku: str) -> Product:
        """The product facts for ``sku``; raises if the context has none."""
        found = self.products.get(label(sku, "sku"))
        if found is None:
            raise MissingDataError(
                f"the product facts of {shown(sku)}",
                "give products={sku: Product(sku, tax_category=...)} for every SKU in the "
                "cart (its tax category; HS code and origin across a customs border; "
                "weight for rate cards)",
            )
        return found


def _quantity(value: object) -> int:
    return count(value, "quantity", positive=True)


def _position(value: object) -> int:
    return count(value, "position", unit="places in the cart")


def _unit_price(value: object) -> Money:
    return amount(value, "unit_price")


def _price(value: object) -> Money:
    return amount(value, "price")


def _amount(value: object) -> Money:
    return amount(value, "amount")


def _discount(value: object) -> Money:
    return amount(value, "discount")


def _net(value: object) -> Money:
    return amount(value, "net")


def _tax(value: object) -> Money:
    return amount(value, "tax")


def _gross(value: object) -> Money:
    return amount(value, "gross")


def _rates(value: object) -> tuple[TaxRate, ...]:
    return many(value, TaxRate, "rates")


def _transit_days(value: object) -> tuple[int, int]:
    days = tuple(value) if isinstance(value, list | tuple) else ()
    if len(days) != 2:
        raise error(
            "transit_days", value, "is not a (min, max) transit time; pass two ints"
        )
    low = count(days[0], "transit_days[0]", unit="days", maximum=MAX_TRANSIT_DAYS)
    high = count(days[1], "transit_days[1]", unit="days", maximum=MAX_TRANSIT_DAYS)
    if low > high:
        raise error("transit_days", value, "has its minimum above its maximum")
    return low, high


@attrs.frozen
class QuoteLine:
    """One cart line, priced: before and after discount, tax and gross.

    A quote lists its lines by SKU, so that no figure depends on the order of the cart;
    ``position`` is where the line stood in the cart as given (0-based), for showing the
    lines in the buyer's order. It is left out of equality: the same cart in another
    order gives equal lines.

    Every amount is money of zero or more in whole minor units of one currency; the
    discount is at most the amount, and ``net + tax == gross``.
    """

    sku: str = attrs.field(converter=_sku)
    quantity: int = attrs.field(converter=_quantity)
    unit_price: Money = attrs.field(converter=_unit_price)
    amount: Money = attrs.field(converter=_amount)
    discount: Money = attrs.field(converter=_discount)
    net: Money = attrs.field(converter=_net)
    tax: Money = attrs.field(converter=_tax)
    gross: Money = attrs.field(converter=_gross)
    rates: tuple[TaxRate, ...] = attrs.field(converter=_rates)
    position: int = attrs.field(eq=False, converter=_position)

    def __attrs_post_init__(self) -> None:
        same_currency(
            self.unit_price.currency.code,
            {
                "amount": self.amount,
                "discount": self.discount,
                "net": self.net,
                "tax": self.tax,
                "gross": self.gross,
            },
            "quote line",
        )
        if self.discount.amount > self.amount.amount:
            raise error(
                "discount", self.discount, f"is more than the line's amount {self.amount}"
            )
        adds_up(self.net, self.tax, self.gross, "quote line")


@attrs.frozen
class ShippingCharge:
    """The shipping the buyer pays, with the service and its tax.

    Every amount is money of zero or more in whole minor units of one currency; the
    discount is at most the price, and ``net + tax == gross``.
    """

    service: str = attrs.field(converter=_service)
    price: Money = attrs.field(converter=_price)
    discount: Money = attrs.field(converter=_discount)
    net: Money = attrs.field(converter=_net)
    tax: Money = attrs.field(converter=_tax)
    gross: Money = attrs.field(converter=_gross)
    transit_days: tuple[int, int] = attrs.field(converter=_transit_days)

    def __attrs_post_init__(self) -> None:
        same_currency(
            self.price.currency.code,
            {
                "discount": self.discount,
                "net": self.net,
                "tax": self.tax,
                "gross": self.gross,
            },
            "shipping charge",
        )
        if self.discount.amount > self.price.amount:
            raise error(
                "discount", self.discount, f"is more than the shipping price {self.price}"
            )
        adds_up(self.net, self.tax, self.gross, "shipping charge")


def _currency(value: object) -> str:
    return validate_currency(label(value, "currency"))


def _lines(value: object) -> tuple[QuoteLine, ...]:
    lines = many(value, QuoteLine, "lines")
    if not lines:
        raise error("lines", value, "is empty; a quote has one line or more")
    return lines


def _shipping(value: object) -> ShippingCharge | None:
    return None if value is None else instance(value, ShippingCharge, "shipping")


def _tax_summary(value: object) -> tuple[RateTotal, ...]:
    return many(value, RateTotal, "tax_summary")


def _decision(value: object) -> TaxDecision:
    return instance(value, TaxDecision, "decision")


def _promotion_result(value: object) -> PromotionResult:
    return instance(value, PromotionResult, "promotions")


def _quote_incoterm(value: object) -> Incoterm:
    return choice(value, Incoterm, "incoterm")


def _landed(value: object) -> LandedCost | None:
    return None if value is None else instance(value, LandedCost, "landed")


def _collected(value: object) -> Money:
    return amount(value, "collected_border_charges")


def _due(value: object) -> Money:
    return amount(value, "due_at_delivery")


def _explanation(value: object) -> tuple[str, ...]:
    return lines_of_text(value, "explanation")


def _missing(value: object) -> tuple[str, ...]:
    return lines_of_text(value, "missing")


@attrs.frozen
class Quote:
    """The complete quote: lines, shipping, tax by rate, border charges, and why.

    ``grand_total`` is what the buyer pays at checkout: every line's gross, the
    shipping's gross and, under DDP, the import duties and taxes the seller collects.
    ``due_at_delivery`` is what the buyer pays at the door under DAP/DDU. Every amount
    is in ``currency``.
    """

    currency: str = attrs.field(converter=_currency)
    at: datetime = attrs.field(converter=_at)
    lines: tuple[QuoteLine, ...] = attrs.field(converter=_lines)
    shipping: ShippingCharge | None = attrs.field(converter=_shipping)
    tax_summary: tuple[RateTotal, ...] = attrs.field(converter=_tax_summary)
    decision: TaxDecision = attrs.field(converter=_decision)
    promotions: PromotionResult = attrs.field(converter=_promotion_result)
    incoterm: Incoterm = attrs.field(converter=_quote_incoterm)
    landed: LandedCost | None = attrs.field(converter=_landed)
    collected_border_charges: Money = attrs.field(converter=_collected)
    due_at_delivery: Money = attrs.field(converter=_due)
    explanation: tuple[str, ...] = attrs.field(converter=_explanation)
    missing: tuple[str, ...] = attrs.field(default=(), converter=_missing)
    """What a partial quote could not compute (empty for a complete quote)."""

    def __attrs_post_init__(self) -> None:
        amounts = {f"lines[{index}]": line.gross for index, line in enumerate(self.lines)}
        if self.shipping is not None:
            amounts["shipping"] = self.shipping.gross
        amounts["collected_border_charges"] = self.collected_border_charges
        amounts["due_at_delivery"] = self.due_at_delivery
        same_currency(self.currency, amounts, "quote")

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
