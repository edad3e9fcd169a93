"""The import-tax step of landed cost: import VAT/GST on each item, and on fees.

Each item is taxed on its base: its share of the customs value, its duty, and its share
of the costs the destination's law adds (transport and insurance in an FOB country that
adds them, inland transport where the law says so), at the rate of the item's own
category. Tax is rounded once per rate and shared over that rate's items; into India,
where IGST is levied on each imported article, once per item; into Japan, in yen, with
Japan Customs' truncations and its national and local parts (``_japan.py``). No import tax
is charged where the destination has none, where it was charged at sale (IOSS, VOEC,
the UK's GBP 135 …), or within a de minimis.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

import attrs

from commercekit.errors import InvalidAmountError
from commercekit.money import Money, RoundingMode, round_money, sum_money
from commercekit.shipping._charges import ItemDuty, ItemTax, Work, share, zero
from commercekit.shipping._customs import CustomsRules, ReliefKind, Valuation
from commercekit.shipping._de_minimis import DeMinimis
from commercekit.shipping._duty import duty_assessed, relief, relieved
from commercekit.shipping._excise_goods import relief_excludes
from commercekit.shipping._india import ARTICLE_TAX, INDIA
from commercekit.shipping._japan import JAPAN, JAPAN_IN_YEN, japan_taxes
from commercekit.shipping._shipment import Fee, Item, Shipment
from commercekit.tax import (
    BundledRates,
    TaxCategory,
    TaxRate,
    TaxRateSource,
    source_rates,
)

__all__ = ["fee_tax", "import_tax_lines", "small_total_waived"]


def _added_costs(shipment: Shipment, rules: CustomsRules) -> list[tuple[str, Money]]:
    """The costs the law adds to the import-tax base beyond the customs value."""
    terms = rules.import_tax_base
    cif = rules.valuation is Valuation.CIF
    extras = []
    if not cif and "transport_to_border" in terms and shipment.shipping is not None:
        extras.append(("transport", shipment.shipping))
    if not cif and "insurance" in terms and shipment.insurance is not None:
        extras.append(("insurance", shipment.insurance))
    if "transport_inland" in terms and shipment.transport_inland is not None:
        extras.append(("inland transport", shipment.transport_inland))
    return extras


def _rates_of(
    shipment: Shipment,
    jurisdiction: str,
    tax_rates: TaxRateSource | BundledRates,
    day: date,
) -> list[tuple[TaxRate, ...]]:
    """Each item's import-tax rates, at its own category."""
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
    return found_rates


def import_tax_lines(  # noqa: PLR0917  # one step of landed_cost, all its inputs
    shipment: Shipment,
    jurisdiction: str,
    area: str,
    rules: CustomsRules,
    shares: list[Money],
    duties: list[Money],
    day: date,
    tax_rates: TaxRateSource | BundledRates,
    work: Work,
    mode: RoundingMode,
) -> list[ItemTax]:
    """The import VAT/GST on each item, with its base and rates; ``duties`` are each
    item's duties of customs, all lines added up."""
    currency = shipment.currency
    extras = _added_costs(shipment, rules)
    added = sum_money([amount for _, amount in extras], currency)
    weights = [part.amount for part in shares]
    spread = share(added, shipment.items, range(len(shares)), weights)
    bases = [
        part + duty + extra
        for part, duty, extra in zip(shares, duties, spread, strict=True)
    ]

    def untaxed(why: str) -> list[ItemTax]:
        work.lines.append(why)
        return [
            ItemTax(item, base, (), zero(currency))
            for item, base in zip(shipment.items, bases, strict=True)
        ]

    if not rules.import_tax_base:
        return untaxed(f"no import VAT/GST in {area} [{rules.source}]")
    if shipment.sold_under is not None:
        return untaxed(
            f"no import VAT/GST at the border: charged at sale under {shipment.sold_under}"
        )
    found_relief = relief(shipment, area, ReliefKind.TAX, day)
    why = relieved(shipment, found_relief, work) if found_relief is not None else None
    if why is not None:
        return untaxed(f"no import tax at the border: {why}")
    found_rates = _rates_of(shipment, jurisdiction, tax_rates, day)
    what = " + ".join(["customs value", "duty", *(name for name, _ in extras)])

    def note(base: Money, rate: Decimal, tax: Money) -> None:
        work.lines.append(f"import tax: {base} ({what}) x {rate}% = {tax} [{rules.source}]")

    if area == INDIA:  # each imported article on its own value (Customs Tariff Act s 3(8A))
        amounts = _taxes_per_item(bases, found_rates, mode, work, shipment.items)
    elif area == JAPAN and shipment.currency == "JPY":  # Customs Answer 1111
        amounts = japan_taxes(bases, found_rates, work, shipment.items)
    else:
        amounts = _taxes_by_rate(bases, found_rates, mode, note, shipment.items)
        if area == JAPAN:
            work.lines.append(JAPAN_IN_YEN)
    taxes = [
        ItemTax(item, base, found, amount)
        for item, base, found, amount in zip(
            shipment.items, bases, found_rates, amounts, strict=True
        )
    ]
    if found_relief is not None and found_relief.measure == "tax_amount":
        return _tax_amount_waived(shipment, area, found_relief, taxes, work, mode)
    return taxes


def _tax_amount_waived(  # noqa: PLR0917  # one step of import_tax_lines, all its inputs
    shipment: Shipment,
    area: str,
    found: DeMinimis,
    taxes: list[ItemTax],
    work: Work,
    mode: RoundingMode,
) -> list[ItemTax]:
    """``taxes``, or none of them where their amount is within a de minimis set on the
    amount of tax (Switzerland's CHF 5), assessed in the limit's currency, and the
    relief does not leave the goods out."""
    if relief_excludes(shipment, area, ReliefKind.TAX) is not None:
        return taxes
    limit = found.threshold
    bases, found_rates = [line.base for line in taxes], [line.rates for line in taxes]
    assessed = _assessed(bases, found_rates, limit.currency.code, mode, work)
    if assessed > limit:
        return taxes
    total = sum_money([line.amount for line in taxes], shipment.currency)
    shown = "" if assessed.currency == total.currency else f" ({assessed})"
    work.lines.append(
        f"import tax of {total}{shown} not collected: within {limit} [{found.source}]"
    )
    return [attrs.evolve(line, amount=zero(shipment.currency)) for line in taxes]


def small_total_waived(  # noqa: PLR0917  # one step of landed_cost, all its inputs
    shipment: Shipment,
    area: str,
    day: date,
    duties: list[ItemDuty],
    taxes: list[ItemTax],
    work: Work,
    mode: RoundingMode,
) -> tuple[list[ItemDuty], list[ItemTax]]:
    """The duty and import tax, both waived where a de minimis on their total applies
    and they add up to less than it (New Zealand's NZD 60 before 1 December 2019: "NZ$60
    or more" is collected), each worked out in the limit's currency (``duty_assessed``,
    ``_assessed``)."""
    found = relief(shipment, area, ReliefKind.TAX, day)
    if found is None or found.measure != "duty_and_tax_under" or not taxes:
        return duties, taxes
    if left_out := relief_excludes(shipment, area, found.kind):
        work.lines.append(f"no relief from {found.kind}: {left_out}")
        return duties, taxes
    limit = found.threshold
    currency = limit.currency.code
    bases = [line.base for line in taxes]
    assessed = duty_assessed(duties, currency, mode, work) + _assessed(
        bases, [line.rates for line in taxes], currency, mode, work
    )
    if assessed >= limit:
        return duties, taxes
    work.lines.append(
        f"duty and import tax of {assessed} not collected: together under {limit} "
        f"({found.legal_basis}) [{found.source}]"
    )
    nothing = zero(shipment.currency)
    return (
        [attrs.evolve(line, amount=nothing, rule="duty relief") for line in duties],
        [attrs.evolve(line, amount=nothing) for line in taxes],
    )


def _assessed(
    bases: list[Money],
    found_rates: list[tuple[TaxRate, ...]],
    currency: str,
    mode: RoundingMode,
    work: Work,
) -> Money:
    """The import tax as the authority assesses it, in ``currency`` (its limit's):
    each rate's base converted there unrounded, its tax rounded there once, as
    ``_taxes_by_rate`` rounds it in the shipment's currency (the same figure where the
    two are one). Rounded in the shipment's currency first, EUR 66.37 of goods at
    8.1 % into Switzerland would carry EUR 5.38, CHF 5.0034 at 0.93, over CHF 5; in
    francs it is CHF 4.99965, CHF 5.00, not over."""
    groups: dict[Decimal, Money] = {}
    for base, found in zip(bases, found_rates, strict=True):
        total_rate = sum((rate.rate for rate in found), Decimal(0))
        groups[total_rate] = groups[total_rate] + base if total_rate in groups else base
    taxes = [
        round_money(work.in_currency(base, currency) * total_rate.scaleb(-2), mode=mode)
        for total_rate, base in groups.items()
    ]
    return sum_money(taxes, currency)


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
        shared = share(group_tax, items, members, weights)
        for i, amount in zip(members, shared, strict=True):
            amounts[i] = amount
        note(group_base, total_rate, group_tax)
    return amounts


def _taxes_per_item(
    bases: list[Money],
    found_rates: list[tuple[TaxRate, ...]],
    mode: RoundingMode,
    work: Work,
    items: Sequence[Item],
) -> list[Money]:
    """The tax on each item's own base, each rounded to the minor unit with ``mode``:
    India levies IGST on each imported article, on its value plus the duties on it
    (Customs Tariff Act 1975 s. 3(7), (8A)), as a bill of entry assesses it item by
    item."""
    amounts = []
    for item, base, found in zip(items, bases, found_rates, strict=True):
        total_rate = sum((rate.rate for rate in found), Decimal(0))
        tax = round_money(base * total_rate.scaleb(-2), mode=mode)
        names = "+".join(rate.tax for rate in found) or "import tax"
        work.lines.append(
            f"{names} on {item.description}: {base} (assessable value + duty + "
            f"surcharge) x {total_rate}% = {tax}, rounded {mode.value} on the item "
            f"[{ARTICLE_TAX}]"
        )
        amounts.append(tax)
    return amounts


def fee_tax(  # noqa: PLR0917  # one step of landed_cost, all its inputs
    fees: Sequence[Fee],
    taxes: list[ItemTax],
    jurisdiction: str,
    day: date,
    tax_rates: TaxRateSource | BundledRates,
    work: Work,
    mode: RoundingMode,
    currency: str,
) -> Money:
    """The import tax on the taxable fees, where the goods are taxed at all."""
    charged = any(line.amount for line in taxes)
    if not (fees and charged):
        return zero(currency)
    taxable = sum_money([fee.amount for fee in fees if fee.taxable], currency)
    # A clearance fee is a service: taxed at the standard rate of the destination.
    found = source_rates(tax_rates, jurisdiction, TaxCategory.STANDARD, on=day)
    total_rate = sum((rate.rate for rate in found), Decimal(0))
    tax = round_money(taxable * total_rate.scaleb(-2), mode=mode)
    if tax:
        work.lines.append(f"tax on fees: {taxable} x {total_rate}% = {tax}")
    return tax
