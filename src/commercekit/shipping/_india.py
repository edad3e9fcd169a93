"""Imports into India: the assessable value, the Social Welfare Surcharge, and the
basic customs duty's missing row.

Indian customs charges, in this order (worked through in the docs, "Imports into India"):

* the **assessable value**: the transaction value plus transport, loading, unloading and
  handling to the place of importation, plus insurance (Customs Act 1962 s. 14(1);
  Customs Valuation Rules 2007 r. 10(2), as substituted in 2017). Where the transport
  cost is not ascertainable it is 20% of the FOB value; where the insurance is not,
  1.125% of it (the provisos). A shipment without ``shipping`` or ``insurance`` is
  valued with those figures, and the explanation says each was assumed. For goods
  imported by air, ascertained transport counts at no more than 20% of the FOB value
  (the fifth proviso, kept from the 2007 text): ``Shipment.transport_mode`` says how
  the goods came, and a cost above that cap without it is refused;
* **basic customs duty** (BCD) at the tariff's rate on the assessable value, from the
  caller's ``TariffSource``: a heading it has no row for raises ``MissingDataError``;
* the **Social Welfare Surcharge** (SWS): 10% of the duties of customs (Finance Act
  2018 s. 110, from 2 February 2018), levied as a duty of customs; its line's ``base``
  is the duty. A tariff row may carry its heading's own rate
  (``DutyRate.social_welfare_surcharge``: ``0`` where a notification exempts it);
* **IGST** at the goods' rate on each article's assessable value plus its BCD plus its
  SWS (Customs Tariff Act 1975 s. 3(7), (8A)), rounded per item: the import-tax step,
  with ``customs.csv``'s base;
* the amount payable, duties and IGST of the whole bill of entry, rounded to the
  nearest rupee (Customs Act 1962 s. 154A): ``LandedCost.rounding``.

References:
    Customs Valuation Rules 2007 r. 10(2), Notification 91/2017-Customs (N.T.):
    https://web.lawcrux.com/newversion/web/Assets/data5t/cu/cuncuv/nt/2017/83009.htm
    Finance Act 2018 s. 110: https://www.indiabudget.gov.in/budget2018-2019/ub2018-19/fb/bill.pdf
    Customs Act 1962 s. 154A (its title, in a list of the Act's sections; its text
    not opened): http://vsassociate.com/laws/3576/Customs_Act,_1962.aspx
    The air proviso before 2017, as a tribunal quotes it (2018 (2) TMI 1134):
    https://www.taxtmi.com/tmi_blog_details?id=509428
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

import attrs

from commercekit import _bundled
from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit.errors import MissingDataError, NoRuleError
from commercekit.money import (
    Money,
    RoundingMode,
    decimal_rounding,
    round_money,
    sum_money,
)
from commercekit.shipping._charges import ItemDuty, Work
from commercekit.shipping._shipment import Shipment
from commercekit.shipping._tariff import DutyRate
from commercekit.shipping._terms import TransportMode

__all__ = [
    "ARTICLE_TAX",
    "INDIA",
    "india_costs",
    "india_tariff_rate",
    "payable_rounding",
    "refuse_taxed_at_sale",
    "surcharge_lines",
]

INDIA = "IN"
FREIGHT_SHARE = Decimal("20")
"""Transport not ascertainable: 20% of the FOB value (r. 10(2), first proviso)."""
INSURANCE_SHARE = Decimal("1.125")
"""Insurance not ascertainable: 1.125% of the FOB value (r. 10(2), third proviso)."""
ARTICLE_TAX = (
    "Customs Tariff Act 1975 s. 3(7), (8A): IGST on any imported article, on its value "
    "under Customs Act s. 14(1) plus the duties of customs on that article, the "
    "surcharge included (IGST Act 2017 s. 5(1) proviso) "
    "[https://cbic-gst.gov.in/gst-acts.html]"
)
ROUNDING_RULE = (
    "Customs Act 1962 s. 154A (rounding off of duty, etc.): the amount of duty "
    "payable is rounded off to the nearest rupee, 50 paise or more up, less ignored; "
    "IGST and the surcharge are levied as duties of customs, so the Customs Act's "
    "provisions apply to them (Customs Tariff Act 1975 s. 3(12); Finance Act 2018 s. "
    "110(4)) [http://vsassociate.com/laws/3576/Customs_Act,_1962.aspx]"
)
VALUATION_RULE = (
    "Customs Valuation Rules 2007 r. 10(2) (Notification 91/2017-Customs (N.T.)) "
    "[https://web.lawcrux.com/newversion/web/Assets/data5t/cu/cuncuv/nt/2017/83009.htm]"
)


@attrs.frozen
class Surcharge:
    """A surcharge levied as a duty of customs, in percent of the duty, dated."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    destination: str
    name: str
    rate: Decimal
    since: date
    until: date | None
    legal_basis: str
    sources: tuple[str, ...]
    note: str = ""

    def covers(self, on: date) -> bool:
        """Whether it is in force on ``on``."""
        return self.since <= on and (self.until is None or on <= self.until)


_COLUMNS = (
    *("destination", "surcharge", "rate", "base", "since", "until"),
    *("legal_basis", "source", "note"),
)


def _surcharge(line: _bundled.Line) -> Surcharge:
    return line.build(
        Surcharge,
        destination=line.text("destination"),
        name=line.text("surcharge"),
        rate=line.decimal("rate"),
        since=line.day("since"),
        until=line.optional_day("until"),
        legal_basis=line.text("legal_basis"),
        sources=line.sources(),
        note=line.raw("note"),
    )


@functools.cache
def _read() -> tuple[Surcharge, ...]:
    lines = _bundled.read("commercekit.shipping", "surcharges.csv", columns=_COLUMNS)
    rows = [(line, _surcharge(line)) for line in lines]
    _bundled.check_periods(
        (line, (row.destination, row.name), row.since, row.until) for line, row in rows
    )
    return tuple(row for _, row in rows)


def india_costs(shipment: Shipment, work: Work) -> tuple[Money, Money]:
    """Transport and insurance to the place of importation: the shipment's, or where it
    gives none, the figures r. 10(2) sets when they are not ascertainable (20% and
    1.125% of the FOB value, here the goods), each noted as assumed."""
    fob = shipment.goods
    if shipment.currency != "INR":
        work.lines.append(
            f"Indian customs assesses in INR at the exchange rate CBIC notifies for "
            f"customs (Customs Act 1962 s. 14(1)); these figures are in "
            f"{shipment.currency}: for customs' own figures, value the shipment in INR "
            f"with a RateTable holding the notified rate"
        )
    costs = []
    for given, percent, what in (
        (shipment.shipping, FREIGHT_SHARE, "transport"),
        (shipment.insurance, INSURANCE_SHARE, "insurance"),
    ):
        if given is not None:
            costs.append(_air_cap(given, shipment, work) if what == "transport" else given)
            continue
        assumed = round_money(fob * percent.scaleb(-2), mode=RoundingMode.HALF_UP)
        work.lines.append(
            f"assumed {what} {assumed}: {percent}% of the FOB value {fob}, as the law "
            f"sets when the cost is not ascertainable (rounded half up); pass the "
            f"shipment's {'shipping' if what == 'transport' else what} to use the real "
            f"cost [{VALUATION_RULE}]"
        )
        costs.append(assumed)
    return costs[0], costs[1]


def _air_cap(transport: Money, shipment: Shipment, work: Work) -> Money:
    """The transport counted: for goods imported by air, an ascertained cost counts at
    no more than 20% of the FOB value (r. 10(2), the proviso on goods imported by
    air); by sea or land, the whole cost. A cost above that cap without the mode is
    refused, as the customs value depends on it."""
    fob, mode = shipment.goods, shipment.transport_mode
    cap = round_money(fob * FREIGHT_SHARE.scaleb(-2), mode=RoundingMode.HALF_UP)
    if transport <= cap or mode in (TransportMode.SEA, TransportMode.LAND):
        return transport
    if mode is None:
        raise MissingDataError(
            "how the goods travel to India (Shipment.transport_mode)",
            f"the transport {transport} is more than {FREIGHT_SHARE}% of the FOB value "
            f"{fob}, and goods imported by air count it at no more than {cap}: pass "
            f"transport_mode='air', 'sea' or 'land' [{VALUATION_RULE}]",
        )
    work.lines.append(
        f"transport {transport} counted as {cap}: goods imported by air count an "
        f"ascertained transport cost at no more than {FREIGHT_SHARE}% of the FOB value "
        f"{fob} [{VALUATION_RULE}]"
    )
    return cap


def payable_rounding(charged: Sequence[Money], currency: str, work: Work) -> Money | None:
    """What rounds the duties and IGST payable on the consignment (one bill of entry)
    to the nearest rupee, half up (Customs Act s. 154A): the difference, shown as a
    part of its own; ``None`` for a shipment not valued in INR, which that rounding
    cannot be applied to (said in ``work``).

    The items' amounts stay to the paisa, as the bill of entry assesses them line by
    line; the section rounds "the amount of duty ... payable", which is the bill of
    entry's total, so this is the one point where it applies."""
    total = sum_money(charged, currency)
    if currency != "INR":
        work.lines.append(
            f"customs rounds the amount payable, in rupees, to the nearest rupee; in "
            f"{currency} it is not rounded here [{ROUNDING_RULE}]"
        )
        return None
    half_up = decimal_rounding(RoundingMode.HALF_UP)  # 50 paise or more up (s. 154A)
    rupees = total.amount.quantize(Decimal(1), rounding=half_up)
    rounding = Money(rupees - total.amount, currency)
    work.lines.append(
        f"duties and IGST payable {total} rounded to the nearest rupee: {rupees} INR "
        f"(rounding {rounding}) [{ROUNDING_RULE}]"
    )
    return rounding


def refuse_taxed_at_sale(shipment: Shipment) -> None:
    """Refuse goods said to be taxed at sale: India has no such scheme for imported
    goods (IGST on them is levied at the border, Customs Tariff Act 1975 s. 3(7); IGST
    Act 2017 s. 5(1) proviso), so ``sold_under`` would drop IGST that is due."""
    if shipment.sold_under is not None:
        raise invalid(
            "sold_under",
            shipment.sold_under,
            "names a scheme that charged the tax at sale, and India has none for "
            "imported goods: IGST is levied at the border (Customs Tariff Act 1975 "
            "s. 3(7)); leave sold_under out",
        )


def india_tariff_rate(lookup: Callable[[], DutyRate], hs_code: str, on: date) -> DutyRate:
    """The caller's tariff row for ``hs_code``; a missing one is missing data, named."""
    try:
        return lookup()
    except NoRuleError as error:
        schedule = (
            "for destination 'IN', from the First Schedule to the Customs Tariff Act "
            "1975 and the exemption notifications that apply); commercekit bundles no "
            f"Indian tariff ({error})"
        )
        raise MissingDataError(
            f"the basic customs duty rate of HS code {hs_code} into India on {on}",
            f"pass tariffs= a TariffSource with its row (a TariffTable of DutyRate rows "
            f"{schedule}",
            json_how=f'write "tariff" in the request with its row (a row {schedule}',
        ) from error


def surcharge_lines(
    duties: list[ItemDuty],
    rates: list[DutyRate],
    day: date,
    work: Work,
    mode: RoundingMode,
) -> list[ItemDuty]:
    """The Social Welfare Surcharge on each item's duty, at the tariff row's own rate
    where it gives one, else the general rate in force on ``day``."""
    general = _general(day)
    lines = []
    for duty, rate in zip(duties, rates, strict=True):
        percent = rate.social_welfare_surcharge
        own = percent is not None
        if percent is None:
            percent = general.rate
        amount = round_money(duty.amount * percent.scaleb(-2), mode=mode)
        source = rate.source if own else general.sources[0]
        why = f"the tariff row's rate for {rate.heading}" if own else general.legal_basis
        rule = f"{general.name} {percent}% of the duty"
        lines.append(
            ItemDuty(
                duty.item, duty.customs_value, percent, amount, rule, source, duty.amount
            )
        )
        work.lines.append(
            f"{general.name} on {duty.item.description}: {duty.amount} x {percent}% = "
            f"{amount} ({why}) [{source}]"
        )
    return lines


def _general(day: date) -> Surcharge:
    """India's Social Welfare Surcharge in force on ``day``."""
    for row in _read():
        if row.destination == INDIA and row.covers(day):
            return row
    spans = ", ".join(f"{row.since}..{row.until or 'open'}" for row in _read())
    raise NoRuleError("India's Social Welfare Surcharge", day, spans)
