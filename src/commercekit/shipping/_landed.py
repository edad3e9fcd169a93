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

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Literal

import attrs

from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free
from commercekit.errors import CurrencyMismatchError
from commercekit.money import Money, RateTable, RoundingMode, require_money, sum_money
from commercekit.regions import check_day, place_of
from commercekit.shipping import _checks as check
from commercekit.shipping._charges import ItemDuty, ItemTax, Work, share, zero
from commercekit.shipping._customs import CustomsRules, Valuation, customs_rules
from commercekit.shipping._duty import duty_lines
from commercekit.shipping._excise_goods import excise_left_out, require_facts
from commercekit.shipping._import_tax import fee_tax, import_tax_lines, small_total_waived
from commercekit.shipping._india import (
    INDIA,
    india_costs,
    payable_rounding,
    refuse_taxed_at_sale,
)
from commercekit.shipping._shipment import Fee, Item, Shipment
from commercekit.shipping._tariff import BUNDLED_TARIFF, TariffSource
from commercekit.shipping._terms import Incoterm, TransportMode
from commercekit.tax import BUNDLED, BundledRates, TaxRate, TaxRateSource

__all__ = [
    "Fee",
    "Incoterm",
    "Item",
    "ItemDuty",
    "ItemTax",
    "LandedCost",
    "Shipment",
    "TransportMode",
    "landed_cost",
]


def _customs_value(value: object) -> Money:
    return check.money(value, "customs_value")


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


def _lacks(value: object) -> tuple[str, ...]:
    return check.texts(value, "lacks")


def _rounding(value: object) -> Money | None:
    if value is None:
        return None
    found = require_money(value, "rounding")
    if not Decimal("-0.5") < found.amount <= Decimal("0.5"):
        raise invalid(
            "rounding",
            value,
            "rounds to the nearest whole unit, so it lies above -0.50 and at most 0.50",
        )
    return found


@attrs.frozen
class LandedCost:
    """Everything an import costs, and who pays it when.

    Every total is the sum of the parts shown: ``duty`` of ``duties``, ``import_tax``
    and ``tax_base`` of ``taxes`` (one per item, at the item's own category), ``charges``
    of duty, import tax, fees, the tax on fees and ``rounding``.

    ``duties`` has one line per item, in the shipment's order; where a surcharge is
    levied as a duty of customs on top (India's Social Welfare Surcharge), a second
    round of lines follows, again one per item. ``item_duties`` adds each item's up.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    shipment: Shipment = attrs.field(converter=_shipment)
    incoterm: Incoterm = attrs.field(converter=_incoterm)
    customs_value: Money = attrs.field(converter=_customs_value)
    duties: tuple[ItemDuty, ...] = attrs.field(converter=_item_duties)
    taxes: tuple[ItemTax, ...] = attrs.field(converter=_item_taxes)
    fees: tuple[Fee, ...] = attrs.field(converter=_fees)
    fee_tax: Money = attrs.field(converter=_fee_tax)
    explanation: tuple[str, ...] = attrs.field(converter=_explanation)
    conversions: tuple[str, ...] = attrs.field(converter=_conversions)
    rounding: Money | None = attrs.field(default=None, converter=_rounding)
    """What rounds the duties and import tax payable to the unit the law rounds them
    to, a part of ``charges`` of its own: into India, the nearest rupee (Customs Act
    1962 s. 154A), from -0.49 to +0.50 INR; ``None`` where no such rounding applies."""
    lacks: tuple[str, ...] = attrs.field(default=(), converter=_lacks)
    """What the charges leave out, asked for (``without_excise``): each excise duty due."""

    def __attrs_post_init__(self) -> None:
        currency = self.shipment.currency
        amounts = [self.customs_value, self.fee_tax, *(fee.amount for fee in self.fees)]
        amounts += [] if self.rounding is None else [self.rounding]
        amounts += [line.amount for line in self.duties]
        amounts += [line.amount for line in self.taxes]
        for amount in amounts:
            if amount.currency.code != currency:
                raise CurrencyMismatchError(currency, amount.currency.code, "land")
        items = list(self.shipment.items)
        steps = range(0, len(self.duties), len(items))
        rounds = [self.duties[k : k + len(items)] for k in steps]
        if not rounds or any([line.item for line in lines] != items for lines in rounds):
            raise invalid(
                "duties",
                self.duties,
                "must be one line per item in the shipment's order (and, for a "
                "surcharge, another round of one per item)",
            )

    @property
    def item_duties(self) -> tuple[Money, ...]:
        """Each item's duty, all its lines (duty and surcharge), in the shipment's
        order."""
        items = len(self.shipment.items)
        return tuple(_per_item(list(self.duties), items, self.shipment.currency))

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
        """Duty, import tax, fees, the tax on fees and any ``rounding``: what crossing
        the border costs."""
        parts = [fee.amount for fee in self.fees] + [self.fee_tax]
        parts += [] if self.rounding is None else [self.rounding]
        return self.duty + self.import_tax + sum_money(parts, self.shipment.currency)

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
            self.charges if self.incoterm is Incoterm.DAP else zero(self.shipment.currency)
        )

    @property
    def total(self) -> Money:
        """The whole landed cost to the buyer, whoever collects it."""
        return self.price + self.charges


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
    without_excise: bool = False,
) -> LandedCost:
    """Duty, import tax and fees for ``shipment`` on ``on``, and who pays them.

    Duty is computed per item on its share of the customs value; import VAT/GST per
    item on its base (its share of the customs value, its duty, its share of the costs
    the law adds) at the item's own category, each rounded with ``mode``. Reliefs
    apply as their law sets them: on the consignment's value (the UK's GBP 135), on each
    unit (Norway's VOEC goods), on the tax or duty (Switzerland's CHF 5, worked out in
    francs) or on both (New Zealand's NZD 60 until 2019). Only a relief covering every
    item's origin applies. Where a relief means no duty is due, no tariff is asked.

    Amounts in other currencies (thresholds, flat duties) are converted with ``rates``,
    which must have been observed by ``on``; every conversion is listed.

    ``eu_flat_duty_scope`` settles a point where sources disagree: which EU consignments
    of EUR 150 or less pay the flat EUR 3 per tariff classification from 2026-07-01.
    ``"all"`` (the default) follows Council Regulation (EU) 2026/382 as read by the
    Lithuanian customs service and later law-firm notes: every such consignment.
    ``"ioss"`` follows the Council's press release, which speaks of goods sold by
    IOSS-registered sellers; other low-value consignments then pay the ordinary tariff
    rate (``Shipment.sold_under`` says which a shipment is).

    Into India (``_india.py``): the assessable value is CIF, with 20% and 1.125% of the
    FOB value for transport and insurance where the shipment gives none (listed as
    assumed), and transport by air counted at no more than 20% of it (a transport
    cost above that without ``Shipment.transport_mode`` is refused); the Social
    Welfare Surcharge follows the duty as a second line per item, on that item's duty
    (its ``base``); IGST is charged on each item's assessable value plus both, rounded
    per item; the total payable is rounded to the nearest rupee (``rounding``,
    Customs Act s. 154A). India has no scheme that charges IGST on imported goods at
    sale: a shipment with ``sold_under`` is refused.

    Raises [`MissingDataError`][commercekit.errors.MissingDataError] for an item without
    an origin or a kind of goods (``hs_code`` or ``excise``), for excise duty (not
    bundled: ``without_excise=True`` leaves it out, listed in ``LandedCost.lacks``;
    reliefs leave out the goods their laws name, ``_excise_goods.py``) or, where duty
    is due, without an HS code (into India, also for a heading the tariff has none);
    [`NoRuleError`][commercekit.errors.NoRuleError] where the tariff has no row.
    """
    day = check_day(on)
    term = Incoterm.parse(incoterm)
    shipment = _shipment(shipment)
    fees = _checked_inputs(shipment, rates, tariffs, tax_rates, fees)
    mode = check.member(mode, RoundingMode, "mode")
    eu_flat_duty_scope = check.choice(  # type: ignore[assignment]  # checked to be one
        eu_flat_duty_scope, ("all", "ioss"), "eu_flat_duty_scope"
    )
    require_facts(shipment, "origin")
    if rates is not None:
        rates.check_known_at(day)
    work = Work(shipment, rates)
    place = place_of(
        shipment.destination,
        subdivision=shipment.subdivision,
        postcode=shipment.postcode,
        on=day,
    )
    area = place.customs_territory
    rules = customs_rules(area, on=day)
    if area == INDIA:
        refuse_taxed_at_sale(shipment)
    customs_value = _customs_value_of(shipment, rules, work)
    # Each item's share of the customs value: by value, or equally when every item is
    # free (the transport and insurance in a CIF value still belong to the goods).
    values = [item.value.amount for item in shipment.items]
    everyone = range(len(shipment.items))
    shares = share(customs_value, shipment.items, everyone, values)
    duties = duty_lines(
        shipment, area, shares, day, tariffs, work, mode, eu_flat_duty_scope
    )
    lacks = excise_left_out(shipment, area, without_excise=without_excise)
    jurisdiction = place.rates_jurisdiction(goods=True)
    per_item = _per_item(duties, len(shipment.items), shipment.currency)
    taxes = import_tax_lines(shipment, jurisdiction, area, rules, shares, per_item, day,
                             tax_rates, work, mode)  # fmt: skip
    duties, taxes = small_total_waived(shipment, area, day, duties, taxes, work, mode)
    on_fees = fee_tax(fees, taxes, jurisdiction, day, tax_rates, work, mode,
                      shipment.currency)  # fmt: skip
    payable = [*per_item, *(line.amount for line in taxes)]  # the bill of entry's
    rounding = payable_rounding(payable, shipment.currency, work) if area == INDIA else None
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
        fee_tax=on_fees,
        explanation=tuple(work.lines),
        conversions=tuple(work.conversions),
        rounding=rounding,
        lacks=tuple(lacks),
    )


def _per_item(duties: list[ItemDuty], items: int, currency: str) -> list[Money]:
    """Each item's duty lines added up (duty, then any surcharge round)."""
    totals = [zero(currency)] * items
    for index, line in enumerate(duties):
        totals[index % items] += line.amount
    return totals


def _source_of(value: object, method: str, field: str, example: str) -> None:
    """Refuse a rate source without the method the rules ask it."""
    if not callable(getattr(value, method, None)):
        raise invalid(field, value, f"has no {method}(); pass {example}")


def _checked_inputs(
    shipment: Shipment,
    rates: RateTable | None,
    tariffs: TariffSource,
    tax_rates: TaxRateSource | BundledRates,
    fees: Sequence[Fee],
) -> tuple[Fee, ...]:
    """Refuse what landed cost cannot work with; the fees, checked."""
    if rates is not None:
        check.instance(rates, RateTable, "rates")
    _source_of(tariffs, "duty", "tariffs", "a TariffSource such as BUNDLED_TARIFF")
    _source_of(tax_rates, "rates_for", "tax_rates", "a TaxRateSource such as BUNDLED")
    checked = _fees(fees)
    for fee in checked:
        if fee.amount.currency.code != shipment.currency:
            raise CurrencyMismatchError(shipment.currency, fee.amount.currency.code, "land")
    return checked


def _customs_value_of(shipment: Shipment, rules: CustomsRules, work: Work) -> Money:
    """The goods, with transport and insurance to the border where customs adds them
    (CIF); the goods alone elsewhere (FOB)."""
    freight = shipment.shipping or zero(shipment.currency)
    insurance = shipment.insurance or zero(shipment.currency)
    if rules.destination == INDIA:  # r. 10(2): the law's figures where none is given
        freight, insurance = india_costs(shipment, work)
    goods = shipment.goods
    cif = rules.valuation is Valuation.CIF
    customs_value = goods + freight + insurance if cif else goods
    how = "goods + transport + insurance to the border (CIF)" if cif else "goods only (FOB)"
    work.lines.append(f"customs value {customs_value}: {how} [{rules.source}]")
    work.customs_value = customs_value
    return customs_value
