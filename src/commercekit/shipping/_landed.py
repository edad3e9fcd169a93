"""Landed cost: what a cross-border parcel really costs the buyer, and who pays when.

Import duty is charged on the *customs value*: goods plus transport and insurance to the
border in CIF countries (the EU, the UK, Japan …), goods alone in FOB countries (the
United States, Canada, Australia, New Zealand). Import VAT/GST is charged on what each
country's law says (in the EU: customs value plus duty plus costs to the destination).
Below a *de minimis*, nothing is collected. Then the incoterm decides who pays:

* **DDP** (delivered duty paid): the seller collects duty, tax and fees at checkout, and
  the buyer pays nothing more at the door;
* **DAP** (delivered at place; "DDU" in everyday use): the buyer pays them at delivery,
  usually to the carrier, often with a handling fee on top.

Every figure comes with the base it was computed on, the rule and the source.

Examples:
    >>> from datetime import date
    >>> shirt = Item("T-shirt", Money("200.00", "EUR"), hs_code="6109.10", origin="US")
    >>> shipment = Shipment((shirt,), destination="DE", shipping=Money("20.00", "EUR"))
    >>> cost = landed_cost(shipment, incoterm="DDP", on=date(2026, 11, 26))
    >>> cost.customs_value, cost.duty, cost.import_tax
    (Money('220.00', 'EUR'), Money('26.40', 'EUR'), Money('46.82', 'EUR'))
    >>> cost.collected_at_checkout, cost.due_at_delivery
    (Money('293.22', 'EUR'), Money('0.00', 'EUR'))
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Literal

import attrs

from commercekit import _checks
from commercekit._checks import invalid
from commercekit._numbers import context_free, plugged
from commercekit.errors import (
    CurrencyMismatchError,
    InvalidAmountError,
    MissingDataError,
    NoRuleError,
)
from commercekit.money import (
    Money,
    RateTable,
    RoundingMode,
    allocate,
    convert_noted,
    round_money,
    sum_money,
)
from commercekit.regions import check_country, check_day, place_of
from commercekit.shipping import _checks as check
from commercekit.shipping._customs import (
    BUNDLED_TARIFF,
    CHANNELS,
    CustomsRules,
    DeMinimis,
    DutyRate,
    TariffSource,
    check_hs_code,
    customs_rules,
    de_minimis,
)
from commercekit.tax import (
    BUNDLED,
    BundledRates,
    TaxCategory,
    TaxRate,
    TaxRateSource,
    source_rates,
    threshold_for,
)

__all__ = [
    "Fee",
    "Incoterm",
    "Item",
    "ItemDuty",
    "ItemTax",
    "LandedCost",
    "Shipment",
    "landed_cost",
]


class Incoterm(enum.StrEnum):
    """Who pays import charges (Incoterms 2020)."""

    DDP = "DDP"
    """Delivered duty paid: the seller pays, so the buyer is charged at checkout."""
    DAP = "DAP"
    """Delivered at place: the buyer pays at delivery. ``"DDU"`` is read as DAP."""

    @classmethod
    def parse(cls, value: object) -> Incoterm:
        """DDP, DAP, or the everyday DDU (delivered duty unpaid, DAP-like)."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str) and value in ("DDP", "DAP", "DDU"):
            return cls.DAP if value == "DDU" else cls(value)
        raise InvalidAmountError(value, "is not an incoterm; use 'DDP', 'DAP' or 'DDU'")


def _description(value: object) -> str:
    return check.text(value, "description")


def _value(value: object) -> Money:
    return check.money(value, "value")


def _hs_code(value: object) -> str | None:
    return None if value is None else check_hs_code(value)


def _quantity(value: object) -> int:
    return _checks.whole(value, "quantity", invalid, positive=True, unit="units")


def _category(value: object) -> TaxCategory:
    return check.member(value, TaxCategory, "category")


@attrs.frozen
class Item:
    """One line of a shipment: what it is, where it was made, and its value in total.

    ``origin`` is the country of origin (ISO 3166); ``landed_cost`` refuses an item
    without one, since duty rates and reliefs depend on it. ``category`` is the tax
    category its import VAT/GST is charged at.
    """

    description: str = attrs.field(converter=_description)
    value: Money = attrs.field(converter=_value)
    hs_code: str | None = attrs.field(default=None, converter=_hs_code)
    origin: str | None = attrs.field(default=None, converter=check.optional_country)
    quantity: int = attrs.field(default=1, converter=_quantity)
    category: TaxCategory = attrs.field(default=TaxCategory.STANDARD, converter=_category)

    @property
    def unit_value(self) -> Money:
        """The value of one unit (for limits set per item)."""
        # Money divided by a number keeps 28 digits: a unit value differs from a limit
        # by no less than a cent over the quantity, far above that rounding.
        return self.value / self.quantity


def _fee_name(value: object) -> str:
    return check.text(value, "name")


def _fee_amount(value: object) -> Money:
    return check.money(value, "amount")


def _taxable(_: object, __: object, value: object) -> None:
    check.flag(value, "taxable")


@attrs.frozen
class Fee:
    """A carrier or customs fee, and whether import VAT/GST is charged on it."""

    name: str = attrs.field(converter=_fee_name)
    amount: Money = attrs.field(converter=_fee_amount)
    taxable: bool = attrs.field(default=True, validator=_taxable)


def _items(value: object) -> tuple[Item, ...]:
    found = check.listed(value, Item, "items")
    if not found:
        raise InvalidAmountError(value, "has no items; a shipment needs one")
    return found


def _shipping(value: object) -> Money | None:
    return check.optional_money(value, "shipping")


def _insurance(value: object) -> Money | None:
    return check.optional_money(value, "insurance")


def _inland(value: object) -> Money | None:
    return check.optional_money(value, "transport_inland")


def _channel(value: object) -> str:
    return check.choice(value, CHANNELS, "channel")


def _subdivision(shipment: Shipment, _: object, value: str | None) -> None:
    if value is not None:
        check.subdivision(
            value, "GB" if shipment.destination == "XI" else shipment.destination
        )


def _sold_under(value: object) -> str | None:
    return check.optional_text(value, "sold_under")


@attrs.frozen
class Shipment:
    """Items sent together to one destination, with what was charged to carry them.

    ``destination`` is a country; Canada needs its province as ``subdivision`` for the
    tax. ``transport_inland`` is the carriage beyond the border, where the law adds it
    to the import-tax base.
    """

    items: tuple[Item, ...] = attrs.field(converter=_items)
    destination: str = attrs.field(converter=check_country)
    shipping: Money | None = attrs.field(default=None, converter=_shipping)
    insurance: Money | None = attrs.field(default=None, converter=_insurance)
    transport_inland: Money | None = attrs.field(default=None, converter=_inland)
    subdivision: str | None = attrs.field(default=None, validator=_subdivision)
    channel: str = attrs.field(default="courier", converter=_channel)
    sold_under: str | None = attrs.field(default=None, converter=_sold_under)
    """The scheme under which VAT/GST was charged at sale (``"IOSS"``, ``"VOEC"``, the
    UK's ``"GBP 135"``, ``"AU low-value goods"`` …): the goods then clear customs free of
    import VAT/GST, and reliefs tied to the scheme (Norway's duty-free VOEC goods)
    apply. ``None`` when no tax was charged at sale."""
    postcode: str | None = attrs.field(default=None, converter=check.optional_postcode)

    def __attrs_post_init__(self) -> None:
        currency = self.items[0].value.currency.code
        extras = (self.shipping, self.insurance, self.transport_inland)
        amounts = [item.value for item in self.items]
        amounts += [money for money in extras if money is not None]
        for money in amounts:
            if money.currency.code != currency:
                raise CurrencyMismatchError(currency, money.currency.code, "ship")

    @property
    def currency(self) -> str:
        """The currency every amount of the shipment is in."""
        return self.items[0].value.currency.code

    @property
    def goods(self) -> Money:
        """The value of the goods alone."""
        return sum_money([item.value for item in self.items], self.currency)


def _item(value: object) -> Item:
    return check.instance(value, Item, "item")


def _customs_value(value: object) -> Money:
    return check.money(value, "customs_value")


def _duty_rate(value: object) -> Decimal | None:
    return check.optional_decimal(value, "rate")


def _amount(value: object) -> Money:
    return check.money(value, "amount")


def _rule(value: object) -> str:
    return check.text(value, "rule")


def _source(value: object) -> str:
    return check.text(value, "source")


def _one_currency(item: Item, *amounts: Money) -> None:
    code = item.value.currency.code
    for amount in amounts:
        if amount.currency.code != code:
            raise CurrencyMismatchError(code, amount.currency.code, "charge an item in")


@attrs.frozen
class ItemDuty:
    """The duty on one item: its share of the customs value, the rate, the amount."""

    item: Item = attrs.field(converter=_item)
    customs_value: Money = attrs.field(converter=_customs_value)
    rate: Decimal | None = attrs.field(converter=_duty_rate)
    amount: Money = attrs.field(converter=_amount)
    rule: str = attrs.field(converter=_rule)
    source: str = attrs.field(converter=_source)

    def __attrs_post_init__(self) -> None:
        _one_currency(self.item, self.customs_value, self.amount)


def _base(value: object) -> Money:
    return check.money(value, "base")


def _tax_rates(value: object) -> tuple[TaxRate, ...]:
    return check.listed(value, TaxRate, "rates")


@attrs.frozen
class ItemTax:
    """The import VAT/GST on one item: its base (its share of the customs value, its
    duty, its share of the costs the law adds), its rates and the tax, rounded."""

    item: Item = attrs.field(converter=_item)
    base: Money = attrs.field(converter=_base)
    rates: tuple[TaxRate, ...] = attrs.field(converter=_tax_rates)
    amount: Money = attrs.field(converter=_amount)

    def __attrs_post_init__(self) -> None:
        _one_currency(self.item, self.base, self.amount)


def _incoterm(value: object) -> Incoterm:
    return Incoterm.parse(value)


def _shipment(value: object) -> Shipment:
    return check.instance(value, Shipment, "shipment")


def _item_duties(value: object) -> tuple[ItemDuty, ...]:
    return check.listed(value, ItemDuty, "duties")


def _item_taxes(value: object) -> tuple[ItemTax, ...]:
    return check.listed(value, ItemTax, "taxes")


def _fees(value: object) -> tuple[Fee, ...]:
    return check.listed(value, Fee, "fees")


def _fee_tax(value: object) -> Money:
    return check.money(value, "fee_tax")


def _explanation(value: object) -> tuple[str, ...]:
    return check.texts(value, "explanation")


def _conversions(value: object) -> tuple[str, ...]:
    return check.texts(value, "conversions")


@attrs.frozen
class LandedCost:
    """Everything an import costs, and who pays it when.

    Every total is the sum of the parts shown: ``duty`` of ``duties``, ``import_tax``
    and ``tax_base`` of ``taxes`` (one per item, at the item's own category), ``charges``
    of duty, import tax, fees and the tax on fees.
    """

    shipment: Shipment = attrs.field(converter=_shipment)
    incoterm: Incoterm = attrs.field(converter=_incoterm)
    customs_value: Money = attrs.field(converter=_customs_value)
    duties: tuple[ItemDuty, ...] = attrs.field(converter=_item_duties)
    taxes: tuple[ItemTax, ...] = attrs.field(converter=_item_taxes)
    fees: tuple[Fee, ...] = attrs.field(converter=_fees)
    fee_tax: Money = attrs.field(converter=_fee_tax)
    explanation: tuple[str, ...] = attrs.field(converter=_explanation)
    conversions: tuple[str, ...] = attrs.field(converter=_conversions)

    def __attrs_post_init__(self) -> None:
        currency = self.shipment.currency
        amounts = [self.customs_value, self.fee_tax, *(fee.amount for fee in self.fees)]
        amounts += [line.amount for line in self.duties]
        amounts += [line.amount for line in self.taxes]
        for amount in amounts:
            if amount.currency.code != currency:
                raise CurrencyMismatchError(currency, amount.currency.code, "land")

    @property
    def duty(self) -> Money:
        """All duty on the shipment."""
        return sum_money([line.amount for line in self.duties], self.shipment.currency)

    @property
    def import_tax(self) -> Money:
        """All import VAT/GST on the goods."""
        return sum_money([line.amount for line in self.taxes], self.shipment.currency)

    @property
    def tax_base(self) -> Money:
        """What import VAT/GST is computed on, all items together."""
        return sum_money([line.base for line in self.taxes], self.shipment.currency)

    @property
    def tax_rates(self) -> tuple[TaxRate, ...]:
        """The distinct rates the items are taxed at."""
        found: dict[tuple[str, str, Decimal], TaxRate] = {}
        for line in self.taxes:
            for rate in line.rates:
                found.setdefault((rate.jurisdiction, rate.tax, rate.rate), rate)
        return tuple(found.values())

    @property
    def charges(self) -> Money:
        """Duty, import tax, fees and the tax on fees: what crossing the border costs."""
        fees = sum_money([fee.amount for fee in self.fees], self.shipment.currency)
        return self.duty + self.import_tax + fees + self.fee_tax

    @property
    def price(self) -> Money:
        """Goods, shipping and insurance: what the buyer pays for the order itself."""
        parts = [self.shipment.goods, self.shipment.shipping, self.shipment.insurance]
        return sum_money(
            [part for part in parts if part is not None], self.shipment.currency
        )

    @property
    def collected_at_checkout(self) -> Money:
        """What the buyer pays the seller: with DDP, the charges too."""
        return self.price + self.charges if self.incoterm is Incoterm.DDP else self.price

    @property
    def due_at_delivery(self) -> Money:
        """What the buyer pays the carrier or customs at the door (DAP/DDU)."""
        return (
            self.charges if self.incoterm is Incoterm.DAP else _zero(self.shipment.currency)
        )

    @property
    def total(self) -> Money:
        """The whole landed cost to the buyer, whoever collects it."""
        return self.price + self.charges


class _Work:
    """Conversions and explanations gathered while computing one landed cost."""

    def __init__(self, shipment: Shipment, rates: RateTable | None) -> None:
        self.currency = shipment.currency
        self.rates = rates
        self.conversions: list[str] = []
        self.lines: list[str] = []

    def local(self, money: Money, *, charged: bool = False) -> Money:
        """``money`` in the shipment's currency: not rounded for a threshold (a limit
        is compared with the value itself), rounded to the currency when ``charged``
        (a fixed duty)."""
        return convert_noted(
            money,
            self.currency,
            self.rates,
            self.conversions,
            how="pass rates= (a RateTable)",
            rounded=charged,
        )


def _source_of(value: object, method: str, field: str, example: str) -> None:
    """Refuse a rate source without the method the rules ask it."""
    if not callable(getattr(value, method, None)):
        raise invalid(field, value, f"has no {method}(); pass {example}")


def _zero(currency: str) -> Money:
    return round_money(Money(0, currency))


@context_free
def landed_cost(
    shipment: Shipment,
    *,
    incoterm: Incoterm | str,
    on: date,
    rates: RateTable | None = None,
    tariffs: TariffSource = BUNDLED_TARIFF,
    tax_rates: TaxRateSource | BundledRates = BUNDLED,
    fees: Sequence[Fee] = (),
    mode: RoundingMode = RoundingMode.HALF_UP,
    eu_flat_duty_scope: Literal["all", "ioss"] = "all",
) -> LandedCost:
    """Duty, import tax and fees for ``shipment`` on ``on``, and who pays them.

    Duty is computed per item on its share of the customs value; import VAT/GST per
    item on its base (its share of the customs value, its duty, its share of the costs
    the law adds) at the item's own category, each rounded with ``mode``. Reliefs
    apply as their law sets them: on the consignment's value (the UK's GBP 135), on each
    unit (Norway's duty-free VOEC goods) or on the amount of tax or duty (Switzerland's
    CHF 5). A relief that depends on origin applies only when it covers every item's
    origin. Where a relief means no duty is due, no tariff is asked.

    Fixed amounts in other currencies (thresholds, flat duties) are converted into the
    shipment's currency with ``rates``, which must have been observed by ``on``; every
    conversion is listed.

    ``eu_flat_duty_scope`` settles a point where sources disagree: which EU consignments
    of EUR 150 or less pay the flat EUR 3 per tariff classification from 2026-07-01.
    ``"all"`` (the default) follows Council Regulation (EU) 2026/382 as read by the
    Lithuanian customs service and later law-firm notes: every such consignment.
    ``"ioss"`` follows the Council's press release, which speaks of goods sold by
    IOSS-registered sellers; other low-value consignments then pay the ordinary tariff
    rate (``Shipment.sold_under`` says which a shipment is).

    Raises [`MissingDataError`][commercekit.errors.MissingDataError] for an item without
    an origin or, where duty is due, without an HS code;
    [`NoRuleError`][commercekit.errors.NoRuleError] where the tariff has no row.
    """
    day = check_day(on)
    term = Incoterm.parse(incoterm)
    shipment = _shipment(shipment)
    if rates is not None:
        check.instance(rates, RateTable, "rates")
    _source_of(tariffs, "duty", "tariffs", "a TariffSource such as BUNDLED_TARIFF")
    _source_of(tax_rates, "rates_for", "tax_rates", "a TaxRateSource such as BUNDLED")
    fees = _fees(fees)
    for fee in fees:
        if fee.amount.currency.code != shipment.currency:
            raise CurrencyMismatchError(shipment.currency, fee.amount.currency.code, "land")
    mode = check.member(mode, RoundingMode, "mode")
    eu_flat_duty_scope = check.choice(  # type: ignore[assignment]  # checked to be one
        eu_flat_duty_scope, ("all", "ioss"), "eu_flat_duty_scope"
    )
    unknown = [item.description for item in shipment.items if item.origin is None]
    if unknown:
        raise MissingDataError(
            tuple(f"the country of origin of {name!r}" for name in unknown),
            "give each Item an origin= (ISO 3166 code); duty and reliefs depend on it",
        )
    if rates is not None:
        rates.check_known_at(day)
    work = _Work(shipment, rates)
    place = place_of(
        shipment.destination,
        subdivision=shipment.subdivision,
        postcode=shipment.postcode,
        on=day,
    )
    area = place.customs_territory
    rules = customs_rules(area, on=day)
    currency = shipment.currency
    freight = shipment.shipping or _zero(currency)
    insurance = shipment.insurance or _zero(currency)
    goods = shipment.goods
    cif = rules.valuation == "CIF"
    customs_value = goods + freight + insurance if cif else goods
    work.lines.append(
        f"customs value {customs_value}: "
        + (
            "goods + transport + insurance to the border (CIF)"
            if cif
            else "goods only (FOB)"
        )
        + f" [{rules.source}]"
    )
    # Each item's share of the customs value: by value, or equally when every item is
    # free (the transport and insurance in a CIF value still belong to the goods).
    values = [item.value.amount for item in shipment.items]
    everyone = range(len(shipment.items))
    shares = _share(customs_value, shipment.items, everyone, values)
    duties = _duties(shipment, area, shares, day, tariffs, work, mode, eu_flat_duty_scope)
    jurisdiction = place.rates_jurisdiction(goods=True)
    taxes = _import_tax(shipment, jurisdiction, area, rules, shares, duties, day,
                        tax_rates, work, mode)  # fmt: skip
    fee_tax = _zero(currency)
    charged = any(line.amount for line in taxes)
    if fees and charged:
        taxable = sum_money([fee.amount for fee in fees if fee.taxable], currency)
        # A clearance fee is a service: taxed at the standard rate of the destination.
        found = source_rates(tax_rates, jurisdiction, TaxCategory.STANDARD, on=day)
        total_rate = sum((rate.rate for rate in found), Decimal(0))
        fee_tax = round_money(taxable * total_rate.scaleb(-2), mode=mode)
        if fee_tax:
            work.lines.append(f"tax on fees: {taxable} x {total_rate}% = {fee_tax}")
    work.lines.append(
        "the seller collects these charges at checkout (DDP)"
        if term is Incoterm.DDP
        else "the buyer pays these charges at delivery (DAP/DDU)"
    )
    return LandedCost(
        shipment=shipment,
        incoterm=term,
        customs_value=customs_value,
        duties=tuple(duties),
        taxes=tuple(taxes),
        fees=tuple(fees),
        fee_tax=fee_tax,
        explanation=tuple(work.lines),
        conversions=tuple(work.conversions),
    )


def _relief(shipment: Shipment, area: str, kind: str, day: date) -> DeMinimis | None:
    """The relief that covers every item's origin (the least generous, when origins
    differ); ``None`` when some item's origin has none."""
    found = []
    for origin in sorted({item.origin or "" for item in shipment.items}):
        row = de_minimis(
            area,
            kind,
            origin=origin,
            channel=shipment.channel,
            scheme=shipment.sold_under,
            on=day,
        )
        if row is None:
            return None
        found.append(row)
    return min(found, key=lambda row: (row.threshold.amount, row.measure))


def _relieved(shipment: Shipment, relief: DeMinimis, work: _Work) -> str | None:
    """Why ``relief`` frees the whole shipment, or ``None`` when it does not."""
    if not relief.threshold.amount:
        return None  # a zero threshold: no relief at all
    limit = work.local(relief.threshold)
    where = f"({relief.legal_basis}) [{relief.source}]"
    if relief.measure == "consignment_value":
        if shipment.goods <= limit:
            return f"goods of {shipment.goods} within {relief.threshold} {where}"
    elif relief.measure == "item_value_below":
        dearest = max((item.unit_value for item in shipment.items), key=lambda m: m.amount)
        if dearest < limit:
            return f"every item under {relief.threshold} (dearest {dearest}) {where}"
    return None


def _duties(  # noqa: PLR0917  # one private step of landed_cost, all its inputs
    shipment: Shipment,
    area: str,
    shares: list[Money],
    day: date,
    tariffs: TariffSource,
    work: _Work,
    mode: RoundingMode,
    eu_flat_duty_scope: str,
) -> list[ItemDuty]:
    currency = shipment.currency
    relief = _relief(shipment, area, "duty", day)
    why = _relieved(shipment, relief, work) if relief is not None else None
    if relief is not None and why is not None:
        work.lines.append(f"no duty: {why}")
        return [
            ItemDuty(item, share, None, _zero(currency), "duty relief", relief.source)
            for item, share in zip(shipment.items, shares, strict=True)
        ]
    unclassified = [item.description for item in shipment.items if item.hs_code is None]
    if unclassified:  # duty is due, by tariff rate or per classification
        raise MissingDataError(
            tuple(f"the HS code of {name!r}" for name in unclassified),
            "duty is due on it: give each Item an hs_code=",
        )
    if area == "EU" and (eu_flat_duty_scope == "all" or shipment.sold_under == "IOSS"):
        flat = _eu_flat_duty(shipment, shares, day, work)
        if flat is not None:
            return flat
    lines = []
    for item, share in zip(shipment.items, shares, strict=True):
        assert item.hs_code is not None  # noqa: S101  # checked above
        assert item.origin is not None  # noqa: S101  # checked in landed_cost
        rate = _tariff_rate(tariffs, item.hs_code, item.origin, area, day)
        amount = round_money(share * rate.rate.scaleb(-2), mode=mode)
        lines.append(
            ItemDuty(
                item,
                share,
                rate.rate,
                amount,
                f"{rate.heading} at {rate.rate}%",
                rate.source,
            )
        )
        work.lines.append(
            f"duty on {item.description}: {share} x {rate.rate}% = {amount} "
            f"(heading {rate.heading}) [{rate.source}]"
        )
    if relief is not None and relief.measure == "duty_amount":
        total = sum_money([line.amount for line in lines], shipment.currency)
        if total <= work.local(relief.threshold):
            work.lines.append(
                f"duty of {total} not collected: within {relief.threshold} "
                f"({relief.legal_basis})"
            )
            return [
                attrs.evolve(line, amount=_zero(shipment.currency), rule="duty relief")
                for line in lines
            ]
    return lines


def _classification(hs_code: str) -> str:
    """An HS code as one classification, however it is written: its digits, without
    the trailing "00" pairs that only say a heading is not split further (6109.10,
    610910 and 6109.10.00 are one classification). Sources differ on the level the
    flat duty counts at (HS 6 digits, CN 8, TARIC 10 in an H1 declaration); the codes
    as the shop gives them decide."""
    digits = "".join(char for char in hs_code if char.isdigit())
    while len(digits) > 6 and digits.endswith("00"):
        digits = digits[:-2]
    return digits


def _tariff_rate(
    tariffs: TariffSource, hs_code: str, origin: str, destination: str, on: date
) -> DutyRate:
    """The tariff's rate, checked: a plug-in's answer is input too, so it must be a
    ``DutyRate`` that rates this code into this destination on this day."""
    rate = plugged(
        lambda: tariffs.duty(hs_code, origin=origin, destination=destination, on=on)
    )
    if not isinstance(rate, DutyRate) or not rate.covers(
        hs_code.replace(".", "").replace(" ", ""), destination, on
    ):
        raise InvalidAmountError(
            rate,
            f"is the tariff's answer for {hs_code} from {origin} into {destination} on "
            f"{on}; duty() must return a DutyRate for that code, destination and day",
        )
    return rate


def _eu_flat_duty(
    shipment: Shipment, shares: list[Money], day: date, work: _Work
) -> list[ItemDuty] | None:
    """From 2026-07-01, EU low-value consignments pay a flat duty per tariff heading."""
    try:
        limit = threshold_for("EU", "low_value_consignment", on=day)
        flat = threshold_for("EU", "flat_customs_duty", on=day)
    except NoRuleError:
        return None  # before 2026-07-01 there is no flat duty: the tariff applies
    if limit.amount is None or flat.amount is None:
        return None
    if shipment.goods > work.local(limit.amount):
        return None
    groups: dict[str, list[int]] = {}
    for index, item in enumerate(shipment.items):
        groups.setdefault(_classification(item.hs_code or ""), []).append(index)
    source = flat.source.split()[0]
    work.lines.append(
        f"low-value consignment (goods {shipment.goods}, not over {limit.amount}): flat "
        f"duty of {flat.amount} per tariff classification, {len(groups)} here [{source}]"
    )
    each = work.local(flat.amount, charged=True)
    amounts = [_zero(shipment.currency)] * len(shipment.items)
    for members in groups.values():
        # Each classification's duty is its items', shared by value.
        values = [shipment.items[i].value.amount for i in members]
        for i, part in zip(
            members, _share(each, shipment.items, members, values), strict=True
        ):
            amounts[i] = part
    return [
        ItemDuty(item, share, None, amount, "EU flat duty", source)
        for item, share, amount in zip(shipment.items, shares, amounts, strict=True)
    ]


def _share(
    total: Money, items: Sequence[Item], members: Sequence[int], weights: Sequence[Decimal]
) -> list[Money]:
    """``total`` shared exactly over the items ``members`` by ``weights`` (equally when
    all are zero), in ``members``' order. Ties are broken by the items themselves, never
    by the order they were given in."""
    order = sorted(range(len(members)), key=lambda k: _canonical(items[members[k]]))
    ranked = [weights[k] for k in order]
    parts = allocate(total, ranked if any(ranked) else [Decimal(1)] * len(ranked))
    shared = [total] * len(members)
    for k, part in zip(order, parts, strict=True):
        shared[k] = part
    return shared


def _canonical(item: Item) -> tuple[str, Decimal, str, str, int]:
    """An order for items that does not depend on the order they were given in."""
    return (
        item.description,
        item.value.amount,
        item.category.value,
        item.origin or "",
        item.quantity,
    )


def _import_tax(  # noqa: PLR0917  # one private step of landed_cost, all its inputs
    shipment: Shipment,
    jurisdiction: str,
    area: str,
    rules: CustomsRules,
    shares: list[Money],
    duties: list[ItemDuty],
    day: date,
    tax_rates: TaxRateSource | BundledRates,
    work: _Work,
    mode: RoundingMode,
) -> list[ItemTax]:
    currency = shipment.currency
    zero = _zero(currency)
    terms = rules.import_tax_base
    cif = rules.valuation == "CIF"
    extras = []
    if not cif and "transport_to_border" in terms and shipment.shipping is not None:
        extras.append(("transport", shipment.shipping))
    if not cif and "insurance" in terms and shipment.insurance is not None:
        extras.append(("insurance", shipment.insurance))
    if "transport_inland" in terms and shipment.transport_inland is not None:
        extras.append(("inland transport", shipment.transport_inland))
    added = sum_money([amount for _, amount in extras], currency)
    weights = [share.amount for share in shares]
    spread = _share(added, shipment.items, range(len(shares)), weights)
    bases = [
        share + duty.amount + extra
        for share, duty, extra in zip(shares, duties, spread, strict=True)
    ]

    def untaxed(why: str) -> list[ItemTax]:
        work.lines.append(why)
        return [
            ItemTax(item, base, (), zero)
            for item, base in zip(shipment.items, bases, strict=True)
        ]

    if not terms:
        return untaxed(f"no import VAT/GST in {area} [{rules.source}]")
    if shipment.sold_under is not None:
        return untaxed(
            f"no import VAT/GST at the border: charged at sale under {shipment.sold_under}"
        )
    relief = _relief(shipment, area, "tax", day)
    why = _relieved(shipment, relief, work) if relief is not None else None
    if why is not None:
        return untaxed(f"no import tax at the border: {why}")
    if jurisdiction == "CA":
        raise InvalidAmountError(
            shipment, "goes to Canada without a province: pass subdivision='CA-ON' …"
        )
    found_rates = []
    for item in shipment.items:
        found = source_rates(tax_rates, jurisdiction, item.category, on=day)
        if jurisdiction.startswith("CA-"):  # at the border: GST/HST only, no PST/QST
            found = tuple(rate for rate in found if rate.tax in ("GST", "HST"))
        found_rates.append(tuple(found))
    what = " + ".join(["customs value", "duty", *(name for name, _ in extras)])

    def note(base: Money, rate: Decimal, tax: Money) -> None:
        work.lines.append(f"import tax: {base} ({what}) x {rate}% = {tax} [{rules.source}]")

    amounts = _taxes_by_rate(bases, found_rates, mode, note, shipment.items)
    taxes = [
        ItemTax(item, base, found, amount)
        for item, base, found, amount in zip(
            shipment.items, bases, found_rates, amounts, strict=True
        )
    ]
    total = sum_money([line.amount for line in taxes], currency)
    if (
        relief is not None
        and relief.measure == "tax_amount"
        and total <= work.local(relief.threshold)
    ):
        work.lines.append(
            f"import tax of {total} not collected: within {relief.threshold} "
            f"[{relief.source}]"
        )
        return [attrs.evolve(line, amount=zero) for line in taxes]
    return taxes


def _taxes_by_rate(
    bases: list[Money],
    found_rates: list[tuple[TaxRate, ...]],
    mode: RoundingMode,
    note: Callable[[Money, Decimal, Money], None],
    items: Sequence[Item],
) -> list[Money]:
    """The tax on each base, rounded once per rate (tax is summed by rate) and shared
    over that rate's items in proportion to their bases, so the items add up to the
    totals by rate."""
    groups: dict[Decimal, list[int]] = {}
    for index, found in enumerate(found_rates):
        groups.setdefault(sum((rate.rate for rate in found), Decimal(0)), []).append(index)
    amounts = [bases[0] * 0 for _ in bases]
    for total_rate, members in groups.items():
        group_base = sum_money([bases[i] for i in members], bases[0].currency.code)
        group_tax = round_money(group_base * total_rate.scaleb(-2), mode=mode)
        weights = [bases[i].amount for i in members]
        shared = _share(group_tax, items, members, weights)
        for i, amount in zip(members, shared, strict=True):
            amounts[i] = amount
        note(group_base, total_rate, group_tax)
    return amounts
