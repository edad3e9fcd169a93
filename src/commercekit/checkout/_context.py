"""What a checkout quote needs: the checkout's context.

The products' facts are [`Product`][commercekit.checkout.Product]s (``_product``). A
[`CheckoutContext`][commercekit.checkout.CheckoutContext] holds everything else a quote
depends on: who sells and who buys, the moment, the products, the promotions, the rate
cards or live carrier, the exchange and tax rates, the incoterm, the warehouse the goods
leave from, the payment and its fee schedule; nothing is read from clock or environment.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import named_at_the_door
from commercekit.checkout._checks import (
    choice,
    error,
    flag,
    instance,
    label,
    many,
    optional_label,
    plugin,
)
from commercekit.checkout._model import _at
from commercekit.checkout._payment import Payment
from commercekit.checkout._product import Product
from commercekit.errors import InputKind, InvalidAmountError, MissingDataError, shown
from commercekit.money import RateSource, RateTable, RoundingMode
from commercekit.payments import PaymentCostSource
from commercekit.pricing import Promotion
from commercekit.regions import check_country, holiday_region
from commercekit.shipping import (
    Channel,
    Incoterm,
    RateCard,
    ShippingRateSource,
    TariffSource,
    TransportMode,
    Warehouse,
)
from commercekit.tax import (
    BUNDLED,
    Buyer,
    RoundingLevel,
    Seller,
    ServiceFacts,
    TaxIdVerifier,
    TaxRateSource,
)

__all__ = ["CheckoutContext"]


def _origin(value: object) -> str | None:
    return None if value is None else check_country(value)


def _ship_from(value: object) -> str | None:
    """Where the goods leave from: a country, or ``XI`` (Northern Ireland)."""
    if isinstance(value, str) and value.upper() == "XI":
        return "XI"
    return _origin(value)


def _optional_service(value: object) -> str | None:
    return optional_label(value, "service")


def _marketplace(value: object) -> str | None:
    return optional_label(value, "marketplace")


def _prices_include_tax(value: object) -> bool:
    return flag(value, "prices_include_tax")


def _partial(value: object) -> bool:
    return flag(value, "partial")


def _handling(value: object) -> bool:
    return flag(value, "shipping_includes_handling")


def _transport_mode(value: object) -> TransportMode | None:
    return None if value is None else choice(value, TransportMode, "transport_mode")


def _channel(value: object) -> Channel | None:
    return None if value is None else choice(value, Channel, "channel")


def _rounding(value: object) -> RoundingLevel | None:
    return None if value is None else choice(value, RoundingLevel, "rounding")


def _rounding_mode(value: object) -> RoundingMode | None:
    return None if value is None else choice(value, RoundingMode, "rounding_mode")


def _seller(value: object) -> Seller:
    return instance(value, Seller, "seller")


def _buyer(value: object) -> Buyer:
    return instance(value, Buyer, "buyer")


def _exchange_rates(value: object) -> RateTable | None:
    return None if value is None else instance(value, RateTable, "exchange_rates")


def _promotions(value: object) -> tuple[Promotion, ...]:
    return many(value, Promotion, "promotions")


def _rate_cards(value: object) -> tuple[RateCard, ...]:
    return many(value, RateCard, "rate_cards")


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


def _warehouse(value: object) -> Warehouse | None:
    return None if value is None else instance(value, Warehouse, "warehouse")


def _payment(value: object) -> Payment | None:
    return None if value is None else instance(value, Payment, "payment")


def _service_facts(value: object) -> ServiceFacts | None:
    return None if value is None else instance(value, ServiceFacts, "service_facts")


def _leaves_from(warehouse: Warehouse) -> str:
    """Where goods from ``warehouse`` leave, as ``ship_from`` says it (``XI``: NI)."""
    region = warehouse.subdivision
    in_ni = warehouse.country == "GB" and region is not None
    return "XI" if in_ni and holiday_region("GB", region) == "NIR" else warehouse.country


@named_at_the_door
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

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
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
    rounding: RoundingLevel | None = attrs.field(default=None, converter=_rounding)
    """Where the tax is rounded. Not stated: where the taxing jurisdiction's law
    prescribes a level (``Jurisdiction.invoice_rounding``; Japan: once per rate on the
    invoice), that level, else per line; a stated level the law forbids is refused."""
    rounding_mode: RoundingMode | None = attrs.field(default=None, converter=_rounding_mode)
    """How the tax is rounded. Not stated: half-up, except where the law leaves it to
    the business (``Jurisdiction.rounding_mode_choice``; Japan), which must state it."""
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
    transport_mode: TransportMode | None = attrs.field(
        default=None, converter=_transport_mode
    )
    """How the goods travel to the border (``"air"``, ``"sea"``, ``"land"``), where a
    rule depends on it: India counts transport by air at no more than 20% of the FOB
    value, and refuses a higher cost without the mode; Singapore's low-value goods come
    by air or post."""
    channel: Channel | None = attrs.field(default=None, converter=_channel)
    """Whether the parcel goes by ``"courier"`` or ``"post"``, where a rule depends on
    it (Singapore's low-value goods by air or post; Canada's courier thresholds). Not
    given, a quote whose border relief differs by channel is refused, naming
    ``channel`` (a US shop's parcel to Canada: CAD 20 by post, CAD 40 and 150 by
    courier, CBSA Customs Notice 20-18)."""
    warehouse: Warehouse | None = attrs.field(default=None, converter=_warehouse)
    """Where the goods leave from, for the delivery dates: its country (where the goods
    ship from: ``ship_from``, or the seller's country), time zone, cut-off and handling
    days. Without one the quote gives no dates, and says so; none is assumed."""
    payment: Payment | None = attrs.field(default=None, converter=_payment)
    """How the buyer pays: the quote then reports what taking the payment costs the
    merchant (not charged to the buyer) and charges a surcharge where one is asked for
    and lawful. Needs ``payment_costs``; without a payment the quote prices none."""
    payment_costs: PaymentCostSource | None = attrs.field(
        default=None,
        validator=plugin("PaymentCostSource", "fee_row", optional=True),
    )
    """The fee schedule that prices the payment (a plugin: a ``FeeSchedule`` of the
    provider's contract, or a bundled ``example_schedule``, a labelled example). None
    is assumed: a payment without one is refused, and so is one without a payment."""
    shipping_includes_handling: bool = attrs.field(default=False, converter=_handling)
    """Whether the shipping charged is one charge for shipping and handling together. A
    rate card's or carrier's price is the carrier's transportation charge (the default);
    where the shop adds its handling to it, say so: a US state that taxes the two
    apart is then asked for its rule on a combined charge (``UsShipping.combined``)."""
    service_facts: ServiceFacts | None = attrs.field(default=None, converter=_service_facts)
    """The cart is a sale of services (a ride, a restaurant order, house-keeping) with
    these facts: the tax is decided as for ``Sale(..., "services", service=...)``; with
    ``marketplace`` in India, whether the operator pays it (CGST Act s. 9(5)). A
    service is not shipped and crosses no customs border: rate cards, a live carrier
    and a warehouse are refused with it. ``None``: the cart is goods."""

    def __attrs_post_init__(self) -> None:
        self._check_payment()
        self._check_services()
        if self.warehouse is None:
            return
        leaves = self.ship_from or self.seller.country
        found = _leaves_from(self.warehouse)
        if found != leaves:
            said = "ship_from" if self.ship_from else "the seller's country"
            british = " (a warehouse in Northern Ireland is in country 'GB', subdivision"
            british += " 'NIR'; its goods ship from 'XI')"
            raise error(
                "warehouse",
                found,
                f"is where the warehouse is, but the goods ship from {leaves} ({said}); "
                f"give the warehouse they leave from, or set ship_from={found!r}"
                + (british if {leaves, found} & {"GB", "XI"} else ""),
                kind=InputKind.PLACE,
            )

    def _check_services(self) -> None:
        """A sale of services has no parcel to price or send."""
        if self.service_facts is None:
            return
        parcel = ("rate_cards", "shipping_rates", "warehouse", "transport_mode")
        for name in (*parcel, "channel"):
            if getattr(self, name):
                raise error(
                    name,
                    getattr(self, name),
                    "prices or sends a parcel, and service_facts says the cart is a "
                    "sale of services: leave it out, or quote the goods apart",
                    kind=InputKind.TYPE,
                )

    def _check_payment(self) -> None:
        """A payment needs the schedule that prices it, and a schedule a payment."""
        if self.payment is not None and self.payment_costs is None:
            raise error(
                "payment_costs",
                None,
                "is needed to price the payment: pass a PaymentCostSource (a "
                "FeeSchedule of your provider's contract, or example_schedule('stripe'), "
                "a labelled example); no provider is assumed",
                kind=InputKind.TYPE,
            )
        if self.payment is None and self.payment_costs is not None:
            raise error(
                "payment",
                None,
                "is needed with payment_costs: pass the buyer's Payment (method, card "
                "type and issuer country), or leave payment_costs out",
                kind=InputKind.TYPE,
            )

    def product(self, sku: str) -> Product:
        """The product facts for ``sku``; raises if the context has none."""
        found = self.products.get(label(sku, "sku"))
        if found is None:
            raise MissingDataError(
                f"the product facts of {shown(sku)}",
                "give products={sku: Product(sku, tax_category=...)} for every SKU in the "
                "cart (its tax category; HS code and origin across a customs border; "
                "weight for rate cards)",
                field=f"products[{shown(sku)}]",
                json_how='give "products" an entry with "tax_category" for every SKU in '
                'the cart ("hs_code" and "origin" across a customs border; "weight_kg" '
                "for rate cards)",
            )
        return found
