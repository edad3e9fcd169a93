"""A cross-border sale as the tax decision needs it, and the decision it gets."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any

import attrs

from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import EXACT
from commercekit.errors import InvalidAmountError
from commercekit.money import Money, RateTable, require_money
from commercekit.regions import check_country, check_subdivision
from commercekit.tax import _checks
from commercekit.tax._categories import TaxCategory, check_category
from commercekit.tax._excise import ExciseKind, check_excise_kind, kind_of
from commercekit.tax._ids import TaxId, Verification
from commercekit.tax._rates import TaxRate
from commercekit.tax._rule import Rule
from commercekit.tax._sale_line import SaleLine, optional_hs_code
from commercekit.tax._services import ServiceFacts, ServiceKind
from commercekit.tax._transport import (
    Channel,
    TransportMode,
    optional_channel,
    optional_transport_mode,
)

__all__ = [
    "Buyer",
    "Collector",
    "Regime",
    "Rule",
    "Sale",
    "SaleLine",
    "Seller",
    "Supply",
    "TaxDecision",
]


def _place(code: object) -> str:
    """A country code, or ``XI`` (Northern Ireland, as VAT names it)."""
    return "XI" if code == "XI" else check_country(code)


def _optional_place(code: object) -> str | None:
    return None if code is None else _place(code)


def _schemes(values: object) -> frozenset[str]:
    return _checks.registrations(values, "registrations")


class Supply(enum.StrEnum):
    """What is sold, as place-of-supply rules distinguish it."""

    GOODS = "goods"
    ELECTRONIC_SERVICES = "electronic_services"
    """Telecommunications, broadcasting and electronically supplied services (TBE)."""
    SERVICES = "services"
    """Other services, under the general rules."""


@attrs.frozen
class Seller:
    """Who sells: where established, and where and under which schemes registered.

    ``registrations`` holds jurisdiction codes (``DE``, ``GB``, ``AU``) and scheme names:
    ``OSS`` (the EU One-Stop Shop), ``IOSS`` (Import OSS) and ``VOEC`` (Norway).
    ``eu_sales_this_year`` and ``eu_sales_last_year`` are the seller's EU-wide B2C
    distance sales of goods and electronic services *before* this sale, in euros, for
    the EUR 10,000 threshold; ``opted_in`` is the option to tax at destination below it.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    country: str = attrs.field(converter=_place)
    registrations: frozenset[str] = attrs.field(default=frozenset(), converter=_schemes)
    eu_sales_this_year: Money = attrs.field(
        default=Money("0.00", "EUR"),
        converter=require_money,
        validator=_checks.valid_amount,
    )
    eu_sales_last_year: Money = attrs.field(
        default=Money("0.00", "EUR"),
        converter=require_money,
        validator=_checks.valid_amount,
    )
    opted_in: bool = attrs.field(default=False, validator=_checks.valid_flag)

    def __attrs_post_init__(self) -> None:
        _checks.one_currency(
            self.eu_sales_this_year, self.eu_sales_last_year, operation="add up"
        )


def _valid_subdivision(buyer: object, _: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        check_subdivision(getattr(buyer, "country", ""), value)


@attrs.frozen
class Buyer:
    """Who buys and where: a consumer, or a business identified by its tax number.

    ``postcode`` and ``subdivision`` place the buyer inside special territories (the
    Canary Islands, Northern Ireland …). ``verification`` records a live registry check;
    without one, a tax number counts as format-checked only.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    country: str = attrs.field(converter=_place)
    postcode: str | None = attrs.field(default=None, validator=_checks.valid_postcode)
    subdivision: str | None = attrs.field(default=None, validator=_valid_subdivision)
    tax_id: TaxId | None = attrs.field(
        default=None, validator=_checks.optional_instance_of(TaxId)
    )
    verification: Verification | None = attrs.field(
        default=None, validator=_checks.optional_instance_of(Verification)
    )

    def __attrs_post_init__(self) -> None:
        checked = self.verification
        if checked is not None and checked.tax_id != self.tax_id:
            raise invalid(
                "verification",
                checked,
                f"is the check of {checked.tax_id}, not of the buyer's tax_id "
                f"({self.tax_id}); pass the buyer's number as tax_id= with its check",
            )


def _lines(value: object) -> tuple[SaleLine, ...]:
    return _checks.listed(value, SaleLine, "lines")


def _optional_money(value: object) -> Money | None:
    return None if value is None else require_money(value, "shipping")


def _supply(value: object) -> Supply:
    return _checks.choice(value, Supply, "supply")


@attrs.frozen
class Sale:
    """One supply: what, for how much, from where, to whom, through whom.

    ``price`` is the price of the goods or services; ``prices_include_tax`` says whether
    it (and each line's value) includes the VAT/GST that would be charged at sale, which
    the decision then takes out before comparing with a limit the law sets on values
    without tax. ``lines`` splits goods into lines (value, quantity, tax category): limits
    set per item (Australia, New Zealand, Norway's VOEC, Singapore) are measured on each
    unit, limits per consignment on the whole; their values must add up to ``price``.
    Without lines the sale is one item of ``category``. ``shipping`` is what the buyer
    pays for transport and insurance; for low-value import limits it counts only when it
    is *not* shown separately on the invoice. ``ship_from`` is where goods leave from (the
    seller's country if not given). ``marketplace`` names a platform that facilitates
    the sale, where deemed-supplier rules may make it liable. ``exchange_rates``
    converts amounts for thresholds in other currencies. ``transport_mode`` (``"air"``,
    ``"sea"``, ``"land"``) and ``channel`` (``"courier"``, ``"post"``) say how goods
    travel to the border, where a regime depends on it (Singapore's low-value goods
    come by air or post); ``None`` when not said, and such a regime then refuses.
    Each line's ``excise`` and ``hs_code`` (or the sale's, without lines) say what
    kind of goods it is, where a low-value regime excludes some (``tax._excise``).
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    seller: Seller = attrs.field(validator=_checks.instance_of(Seller))
    buyer: Buyer = attrs.field(validator=_checks.instance_of(Buyer))
    supply: Supply = attrs.field(converter=_supply)
    price: Money = attrs.field(converter=require_money, validator=_checks.valid_amount)
    shipping: Money | None = attrs.field(
        default=None, converter=_optional_money, validator=_checks.valid_optional_amount
    )
    shipping_shown_separately: bool = attrs.field(
        default=True, validator=_checks.valid_flag
    )
    ship_from: str | None = attrs.field(default=None, converter=_optional_place)
    category: TaxCategory = attrs.field(
        default=TaxCategory.STANDARD, converter=check_category
    )
    marketplace: str | None = attrs.field(
        default=None, validator=_checks.valid_optional_text
    )
    exchange_rates: RateTable | None = attrs.field(
        default=None, validator=_checks.valid_rates_table
    )
    lines: tuple[SaleLine, ...] = attrs.field(default=(), converter=_lines)
    prices_include_tax: bool = attrs.field(default=False, validator=_checks.valid_flag)
    service: ServiceFacts | None = attrs.field(
        default=None, validator=_checks.optional_instance_of(ServiceFacts)
    )
    """What the place-of-supply and export rules ask of a service (India's IGST Act
    s. 13 and s. 2(6)); ``None`` when not said."""
    transport_mode: TransportMode | None = attrs.field(
        default=None, converter=optional_transport_mode
    )
    channel: Channel | None = attrs.field(default=None, converter=optional_channel)
    excise: ExciseKind | None = attrs.field(default=None, converter=check_excise_kind)
    hs_code: str | None = attrs.field(default=None, converter=optional_hs_code)
    """What kind of goods a sale without ``lines`` is, and its tariff heading: as a
    ``SaleLine``'s (a sale with lines says them on each line)."""

    def __attrs_post_init__(self) -> None:
        _service_fits(self.supply, self.service)
        if self.lines and (self.excise or self.hs_code):
            field = "excise" if self.excise else "hs_code"
            raise invalid(
                field, getattr(self, field), "is said of each line: give it there"
            )
        kind_of(self.excise, self.hs_code, self.category)
        moved = self.transport_mode or self.channel
        if moved and self.supply is not Supply.GOODS:
            field = "transport_mode" if self.transport_mode else "channel"
            raise invalid(field, moved.value, "says how goods travel; the sale is services")
        _checks.one_currency(
            self.price,
            self.shipping,
            *(line.value for line in self.lines),
            operation="add up the sale's amounts in",
        )
        electronic = {TaxCategory.EBOOKS, TaxCategory.DIGITAL_SERVICES}
        categories = {line.category for line in self.goods_lines}
        if categories & electronic and self.supply is not Supply.ELECTRONIC_SERVICES:
            raise InvalidAmountError(
                self.supply,
                f"contradicts the category {sorted(categories & electronic)[0]}: e-books "
                "and digital services are electronically supplied services by law (VAT "
                "Implementing Regulation 282/2011 Art. 7 and Annex I); sell them as "
                "supply='electronic_services'",
            )
        if self.lines and _sum_of_values(self.lines) != self.price.amount:
            total = self.lines[0].value  # as shown: Money added up line by line
            for line in self.lines[1:]:
                total = total + line.value
            raise InvalidAmountError(
                self.price, f"is not the sum of the lines' values ({total})"
            )

    @property
    def goods_lines(self) -> tuple[SaleLine, ...]:
        """The lines, or the whole price as one line of ``category``."""
        return self.lines or (
            SaleLine(
                self.price, 1, self.category, excise=self.excise, hs_code=self.hs_code
            ),
        )


def _service_fits(supply: Supply, service: ServiceFacts | None) -> None:
    """Refuse service facts on goods, and a kind other than OIDAR on electronic
    services (IGST Act s. 13(12))."""
    if service is None:
        return
    if supply is Supply.GOODS:
        raise invalid("service", service, "describes a service, and the sale is of goods")
    if supply is Supply.ELECTRONIC_SERVICES and service.kind is not ServiceKind.OIDAR:
        raise invalid(
            "service",
            service,
            f"is of kind {service.kind.value!r}, and electronic services are online "
            "information and database access or retrieval services: use kind='oidar', "
            "or sell the service as supply='services'",
        )


def _sum_of_values(lines: tuple[SaleLine, ...]) -> Decimal:
    """The lines' values added up exactly (in one currency, checked before)."""
    add = EXACT.add
    total = lines[0].value.amount
    for line in lines[1:]:
        total = add(total, line.value.amount)
    return total


class Regime(enum.StrEnum):
    """Which set of rules the decision applied."""

    DOMESTIC = "domestic"
    DISTANCE_SALE_BELOW_THRESHOLD = "distance_sale_below_threshold"
    """EU: origin VAT, under the EUR 10,000 threshold."""
    OSS_UNION = "oss_union"
    OSS_NON_UNION = "oss_non_union"
    DESTINATION_REGISTRATION = "destination_registration"
    """Destination VAT through a registration in the buyer's country."""
    INTRA_COMMUNITY_SUPPLY = "intra_community_supply"
    REVERSE_CHARGE = "reverse_charge"
    IOSS = "ioss"
    LOW_VALUE_AT_SALE = "low_value_at_sale"
    """GB GBP 135, AU A$1,000, NZ NZ$1,000, NO VOEC, SG S$400, CH mail order."""
    IMPORT = "import"
    """Import VAT/GST at the border, paid by the importer."""
    NOT_COLLECTED = "not_collected"
    """No tax at sale and none at the border (low-value relief, seller not registered)."""
    EXPORT = "export"
    NOT_BUNDLED = "not_bundled"


class Collector(enum.StrEnum):
    """Who accounts for the tax."""

    SELLER = "seller"
    MARKETPLACE = "marketplace"
    """The platform, as deemed supplier."""
    BUYER = "buyer"
    """The business customer, by reverse charge."""
    IMPORTER = "importer"
    """Whoever imports (usually the buyer, through the carrier) at the border."""
    NONE = "none"


def _regime(value: object) -> Regime:
    return _checks.choice(value, Regime, "regime")


def _collector(value: object) -> Collector:
    return _checks.choice(value, Collector, "collected_by")


def _optional_jurisdiction(value: object) -> str | None:
    return None if value is None else _checks.jurisdiction(value)


def _tax_rates(value: object) -> tuple[TaxRate, ...]:
    return _checks.listed(value, TaxRate, "rates")


def _documents(value: object) -> tuple[str, ...]:
    return _checks.texts(value, "documents")


def _rules(value: object) -> tuple[Rule, ...]:
    return _checks.listed(value, Rule, "rules")


def _conversions(value: object) -> tuple[str, ...]:
    return _checks.texts(value, "conversions")


@attrs.frozen
class TaxDecision:
    """Whose VAT/GST applies to a sale, who accounts for it, and why.

    ``rates`` are the rates to charge at checkout (empty when nothing is charged then);
    ``taxed_in`` the jurisdiction whose tax applies (``None`` when none does).
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    regime: Regime = attrs.field(converter=_regime)
    taxed_in: str | None = attrs.field(converter=_optional_jurisdiction)
    collected_by: Collector = attrs.field(converter=_collector)
    rates: tuple[TaxRate, ...] = attrs.field(converter=_tax_rates)
    scheme: str | None = attrs.field(validator=_checks.valid_optional_text)
    documents: tuple[str, ...] = attrs.field(converter=_documents)
    rules: tuple[Rule, ...] = attrs.field(converter=_rules)
    conversions: tuple[str, ...] = attrs.field(default=(), converter=_conversions)
    verification: Verification | None = attrs.field(
        default=None, validator=_checks.optional_instance_of(Verification)
    )
    cleared_under: str | None = attrs.field(
        default=None, validator=_checks.valid_optional_text
    )
    """The scheme under which the goods clear customs free of import VAT, because the
    VAT was accounted for at sale (IOSS, the UK's GBP 135 rules, VOEC …), or ``None``."""

    @property
    def charged_at_checkout(self) -> bool:
        """Whether the seller or marketplace adds this tax to the buyer's bill."""
        return self.collected_by in (Collector.SELLER, Collector.MARKETPLACE) and bool(
            self.rates
        )

    def explain(self) -> str:
        """The decision and its reasons, one line each."""
        head = (
            f"{self.regime.value}: "
            + (f"{self.taxed_in} tax, " if self.taxed_in else "no VAT/GST, ")
            + f"accounted for by {self.collected_by.value}"
            + (f" under {self.scheme}" if self.scheme else "")
        )
        return "\n".join([head, *(f"- {rule.text} ({rule.source})" for rule in self.rules)])
