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
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Literal

import attrs

from commercekit.errors import CurrencyMismatchError, InvalidAmountError, NoRuleError
from commercekit.money import (
    Money,
    RateTable,
    RoundingMode,
    allocate,
    convert,
    round_money,
    sum_money,
)
from commercekit.money._rounding import require_money
from commercekit.regions._eu import check_country, check_date
from commercekit.shipping._customs import (
    BUNDLED_TARIFF,
    CustomsRules,
    TariffSource,
    customs_area,
    customs_rules,
    de_minimis,
)
from commercekit.tax import BundledRates, TaxCategory, TaxRate, TaxRateSource
from commercekit.tax._rates import BUNDLED
from commercekit.tax._thresholds import threshold_for

__all__ = ["Fee", "Incoterm", "Item", "ItemDuty", "LandedCost", "Shipment", "landed_cost"]


class Incoterm(enum.StrEnum):
    """Who pays import charges (Incoterms 2020)."""

    DDP = "DDP"
    """Delivered duty paid: the seller pays, so the buyer is charged at checkout."""
    DAP = "DAP"
    """Delivered at place: the buyer pays at delivery. ``"DDU"`` is read as DAP."""

    @classmethod
    def parse(cls, value: object) -> Incoterm:
        """DDP, DAP, or the everyday DDU (delivered duty unpaid, DAP-like)."""
        if value == "DDU":
            return cls.DAP
        try:
            return cls(str(value))
        except ValueError:
            raise InvalidAmountError(
                value, "is not an incoterm; use 'DDP', 'DAP' or 'DDU'"
            ) from None


@attrs.frozen
class Item:
    """One line of a shipment: what it is, where it was made, and its value in total."""

    description: str
    value: Money = attrs.field(converter=require_money)
    hs_code: str | None = None
    origin: str = attrs.field(default="CN", converter=check_country)
    quantity: int = 1
    category: TaxCategory = attrs.field(default=TaxCategory.STANDARD, converter=TaxCategory)

    def __attrs_post_init__(self) -> None:
        if self.value.amount < 0:
            raise InvalidAmountError(self.value, "is a negative value")
        if (
            isinstance(self.quantity, bool)
            or not isinstance(self.quantity, int)
            or self.quantity < 1
        ):
            raise InvalidAmountError(self.quantity, "is not a whole quantity of 1 or more")


@attrs.frozen
class Fee:
    """A carrier or customs fee, and whether import VAT/GST is charged on it."""

    name: str
    amount: Money = attrs.field(converter=require_money)
    taxable: bool = True


@attrs.frozen
class Shipment:
    """Items sent together to one destination, with what was charged to carry them.

    ``destination`` is a country; Canada needs its province as ``subdivision`` for the
    tax. ``transport_inland`` is the carriage beyond the border, where the law adds it
    to the import-tax base.
    """

    items: tuple[Item, ...]
    destination: str = attrs.field(converter=check_country)
    shipping: Money | None = None
    insurance: Money | None = None
    transport_inland: Money | None = None
    subdivision: str | None = None
    channel: str = "courier"
    ioss: bool = False
    """Whether the seller declares the goods under the EU's Import One-Stop Shop."""

    def __attrs_post_init__(self) -> None:
        if not self.items:
            raise InvalidAmountError(self.items, "has no items; a shipment needs one")
        currency = self.items[0].value.currency
        extras = (self.shipping, self.insurance, self.transport_inland)
        amounts = [item.value for item in self.items]
        amounts += [require_money(m) for m in extras if m is not None]
        for money in amounts:
            if money.currency != currency:
                raise CurrencyMismatchError(currency.code, money.currency.code, "ship")
            if money.amount < 0:
                raise InvalidAmountError(money, "is negative")
        if self.channel not in ("courier", "post"):
            raise InvalidAmountError(
                self.channel, "is not a channel; use 'courier' or 'post'"
            )

    @property
    def currency(self) -> str:
        """The currency every amount of the shipment is in."""
        return self.items[0].value.currency.code

    @property
    def goods(self) -> Money:
        """The value of the goods alone."""
        return sum_money([item.value for item in self.items], self.currency)


@attrs.frozen
class ItemDuty:
    """The duty on one item: its share of the customs value, the rate, the amount."""

    item: Item
    customs_value: Money
    rate: Decimal | None
    amount: Money
    rule: str
    source: str


@attrs.frozen
class LandedCost:
    """Everything an import costs, and who pays it when."""

    shipment: Shipment
    incoterm: Incoterm
    customs_value: Money
    duties: tuple[ItemDuty, ...]
    tax_rates: tuple[TaxRate, ...]
    tax_base: Money
    import_tax: Money
    fees: tuple[Fee, ...]
    fee_tax: Money
    explanation: tuple[str, ...]
    conversions: tuple[str, ...]

    @property
    def duty(self) -> Money:
        """All duty on the shipment."""
        return sum_money([line.amount for line in self.duties], self.shipment.currency)

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

    def local(self, money: Money) -> Money:
        """``money`` in the shipment's currency (thresholds and fixed duties)."""
        if money.currency.code == self.currency:
            return money
        if self.rates is None:
            raise InvalidAmountError(
                money,
                f"must be compared in {self.currency}: pass rates= (a RateTable) to "
                "convert it",
            )
        converted = convert(money, self.currency, self.rates, mode=RoundingMode.HALF_UP)
        self.conversions.append(
            f"{money} is {converted} at "
            f"{self.rates.rate(money.currency.code, self.currency)} "
            f"({self.rates.provider})"
        )
        return converted


def _zero(currency: str) -> Money:
    return round_money(Money(0, currency))


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

    Fixed amounts in other currencies (thresholds, flat duties) are converted into the
    shipment's currency with ``rates``; every conversion is listed.

    ``eu_flat_duty_scope`` settles a point where sources disagree: which EU consignments
    of EUR 150 or less pay the flat EUR 3 per tariff classification from 2026-07-01.
    ``"all"`` (the default) follows Council Regulation (EU) 2026/382 as read by the
    Lithuanian customs service and later law-firm notes: every such consignment.
    ``"ioss"`` follows the Council's press release, which speaks of goods sold by
    IOSS-registered sellers; other low-value consignments then pay the ordinary tariff
    rate (``Shipment.ioss`` says which a shipment is).
    """
    day = check_date(on)
    term = Incoterm.parse(incoterm)
    work = _Work(shipment, rates)
    area = customs_area(shipment.destination, day)
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
    origin = shipment.items[0].origin
    if eu_flat_duty_scope not in ("all", "ioss"):
        raise InvalidAmountError(eu_flat_duty_scope, "is not a scope; use 'all' or 'ioss'")
    duties = _duties(
        shipment, area, customs_value, origin, day, tariffs, work, mode, eu_flat_duty_scope
    )
    duty = sum_money([line.amount for line in duties], currency)
    taxes, base, tax = _import_tax(
        shipment, area, rules, customs_value, duty, origin, day, tax_rates, work, mode
    )
    fee_tax = _zero(currency)
    if fees and taxes:
        taxable = sum_money([fee.amount for fee in fees if fee.taxable], currency)
        total_rate = sum((rate.rate for rate in taxes), Decimal(0))
        fee_tax = round_money(taxable * total_rate.scaleb(-2), mode=mode)
        if fee_tax:
            work.lines.append(f"tax on fees: {taxable} x {total_rate}% = {fee_tax}")
    who = (
        "the seller collects these charges at checkout (DDP)"
        if term is Incoterm.DDP
        else "the buyer pays these charges at delivery (DAP/DDU)"
    )
    work.lines.append(who)
    return LandedCost(
        shipment=shipment,
        incoterm=term,
        customs_value=customs_value,
        duties=tuple(duties),
        tax_rates=taxes,
        tax_base=base,
        import_tax=tax,
        fees=tuple(fees),
        fee_tax=fee_tax,
        explanation=tuple(work.lines),
        conversions=tuple(work.conversions),
    )


def _duties(  # noqa: PLR0917  # one private step of landed_cost, all its inputs
    shipment: Shipment,
    area: str,
    customs_value: Money,
    origin: str,
    day: date,
    tariffs: TariffSource,
    work: _Work,
    mode: RoundingMode,
    eu_flat_duty_scope: str,
) -> list[ItemDuty]:
    currency = shipment.currency
    shares = (
        allocate(customs_value, [item.value.amount for item in shipment.items])
        if any(item.value.amount for item in shipment.items)
        else [_zero(currency) for _ in shipment.items]
    )
    relief = de_minimis(area, "duty", origin=origin, channel=shipment.channel, on=day)
    if relief is not None and relief.measure == "consignment_value":
        limit = work.local(relief.threshold)
        if limit.amount and shipment.goods <= limit:
            work.lines.append(
                f"no duty: goods of {shipment.goods} within the {relief.threshold} "
                "de minimis "
                f"({relief.legal_basis}) [{relief.source}]"
            )
            return [
                ItemDuty(
                    item, share, None, _zero(currency), "duty de minimis", relief.source
                )
                for item, share in zip(shipment.items, shares, strict=True)
            ]
    if area == "EU":
        flat = None
        if eu_flat_duty_scope == "all" or shipment.ioss:
            flat = _eu_flat_duty(shipment, shares, day, work)
        if flat is not None:
            return flat
    lines = []
    for item, share in zip(shipment.items, shares, strict=True):
        if item.hs_code is None:
            raise InvalidAmountError(
                item, "has no HS code, and duty is due on it: give hs_code= for every item"
            )
        rate = tariffs.duty(item.hs_code, origin=item.origin, destination=area, on=day)
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
            return [attrs.evolve(line, amount=_zero(shipment.currency)) for line in lines]
    return lines


def _eu_flat_duty(
    shipment: Shipment, shares: list[Money], day: date, work: _Work
) -> list[ItemDuty] | None:
    """From 2026-07-01, EU low-value consignments pay a flat duty per tariff heading."""
    try:
        limit = threshold_for("EU", "low_value_consignment", on=day)
        flat = threshold_for("EU", "flat_customs_duty", on=day)
    except NoRuleError:
        return None
    if limit.amount is None or flat.amount is None:
        return None
    if shipment.goods > work.local(limit.amount):
        return None
    headings = {item.hs_code or item.description for item in shipment.items}
    source = flat.source.split()[0]
    work.lines.append(
        f"low-value consignment (goods {shipment.goods}, not over {limit.amount}): flat "
        f"duty of {flat.amount} per tariff classification, {len(headings)} here [{source}]"
    )
    total = work.local(flat.amount) * len(headings)
    amounts = allocate(total, [item.value.amount or 1 for item in shipment.items])
    return [
        ItemDuty(item, share, None, amount, "EU flat duty", source)
        for item, share, amount in zip(shipment.items, shares, amounts, strict=True)
    ]


def _import_tax(  # noqa: PLR0917  # one private step of landed_cost, all its inputs
    shipment: Shipment,
    area: str,
    rules: CustomsRules,
    customs_value: Money,
    duty: Money,
    origin: str,
    day: date,
    tax_rates: TaxRateSource | BundledRates,
    work: _Work,
    mode: RoundingMode,
) -> tuple[tuple[TaxRate, ...], Money, Money]:
    currency = shipment.currency
    zero = _zero(currency)
    terms = rules.import_tax_base
    if not terms:
        work.lines.append(f"no import VAT/GST in {area} [{rules.source}]")
        return (), zero, zero
    cif = rules.valuation == "CIF"
    parts = [("customs value", customs_value), ("duty", duty)]
    if not cif and "transport_to_border" in terms and shipment.shipping is not None:
        parts.append(("transport", shipment.shipping))
    if not cif and "insurance" in terms and shipment.insurance is not None:
        parts.append(("insurance", shipment.insurance))
    if "transport_inland" in terms and shipment.transport_inland is not None:
        parts.append(("inland transport", shipment.transport_inland))
    base = sum_money([amount for _, amount in parts], currency)
    relief = de_minimis(area, "tax", origin=origin, channel=shipment.channel, on=day)
    if relief is not None and relief.measure == "consignment_value":
        limit = work.local(relief.threshold)
        if limit.amount and shipment.goods <= limit:
            work.lines.append(
                f"no import tax at the border: goods of {shipment.goods} within "
                f"{relief.threshold} ({relief.legal_basis}) [{relief.source}]"
            )
            return (), base, zero
    jurisdiction = shipment.destination
    if shipment.destination == "CA":
        if not shipment.subdivision:
            raise InvalidAmountError(
                shipment, "goes to Canada without a province: pass subdivision='CA-ON' …"
            )
        jurisdiction = shipment.subdivision
    category = shipment.items[0].category
    found = tax_rates.rates_for(jurisdiction, category, on=day)
    if jurisdiction.startswith("CA-"):
        found = tuple(rate for rate in found if rate.tax in ("GST", "HST"))  # at the border
    total_rate = sum((rate.rate for rate in found), Decimal(0))
    tax = round_money(base * total_rate.scaleb(-2), mode=mode)
    if (
        relief is not None
        and relief.measure == "tax_amount"
        and tax <= work.local(relief.threshold)
    ):
        work.lines.append(
            f"import tax of {tax} not collected: within {relief.threshold} "
            f"[{relief.source}]"
        )
        return tuple(found), base, zero
    work.lines.append(
        f"import tax: {base} ({' + '.join(name for name, _ in parts)}) x {total_rate}% "
        f"= {tax} [{rules.source}]"
    )
    return tuple(found), base, tax
