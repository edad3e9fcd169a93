"""The duty step of landed cost: relief, flat duty, or the tariff's rate per item.

In that order: a de minimis that frees the whole shipment (on its value, or on each
unit's), then the EU's flat duty per tariff classification on low-value consignments
(from 2026-07-01), then each item's tariff rate on its share of the customs value; and
last a de minimis on the amount of duty (Switzerland's CHF 5), which waives a duty too
small to collect. Into Japan, in yen, each line is truncated as Japan Customs assesses
it (``_japan.py``).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date

import attrs

from commercekit._numbers import plugged
from commercekit.errors import InvalidAmountError, MissingDataError, NoRuleError
from commercekit.money import Money, RoundingMode, measured, round_money, sum_money
from commercekit.shipping._charges import ItemDuty, Work, share, zero
from commercekit.shipping._customs import ReliefKind
from commercekit.shipping._de_minimis import DeMinimis, de_minimis
from commercekit.shipping._excise_goods import relief_excludes
from commercekit.shipping._india import INDIA, india_tariff_rate, surcharge_lines
from commercekit.shipping._japan import JAPAN, japan_duties
from commercekit.shipping._shipment import Shipment
from commercekit.shipping._tariff import DutyRate, TariffSource
from commercekit.tax import ThresholdRule, threshold_for

__all__ = ["duty_assessed", "duty_lines", "relief", "relieved"]


def relief(shipment: Shipment, area: str, kind: ReliefKind, day: date) -> DeMinimis | None:
    """The relief that covers every item's origin (the least generous, when origins
    differ); ``None`` when some item's origin has none.

    A de minimis relieves a shipment, not an article: 19 U.S.C. 1321(a)(2)(C) and 19
    CFR 10.151 measure the aggregate fair retail value of what one person imports on
    one day. Executive Order 14256 (90 FR 14899) sends "all shipments of articles"
    that are products of China or Hong Kong to another entry type with all duties, and
    CBP's guidance of 2025-02-03 (as reported) makes a shipment with one such article
    ineligible as a whole: a Portuguese T-shirt in one parcel with a Chinese one pays
    duty from 2025-05-02; shipped alone, it does not."""
    found = []
    for origin in sorted({item.origin or "" for item in shipment.items}):
        row = de_minimis(
            area,
            kind,
            origin=origin,
            channel=shipment.channel,
            scheme=shipment.sold_under,
            on=day,
            shipped_from=shipment.shipped_from,
            transport_mode=shipment.transport_mode,
        )
        if row is None:
            return None
        found.append(row)
    return min(found, key=lambda row: (row.threshold.amount, row.measure))


def relieved(shipment: Shipment, found: DeMinimis, work: Work) -> str | None:
    """Why ``relief`` frees the whole shipment, or ``None`` when it does not."""
    if not found.threshold.amount:
        return None  # a zero threshold: no relief at all
    limit = work.local(found.threshold)
    where, area = f"({found.legal_basis}) [{found.source}]", found.destination
    if found.shipped_from:  # Canada's CUSMA thresholds: where it is shipped from
        where = f"for goods shipped from {shipment.shipped_from} {where}"
    why = None
    if found.measure == "consignment_value" and shipment.goods <= limit:
        why = f"goods of {shipment.goods} within {found.threshold} {where}"
    elif found.measure in {"customs_value", "customs_value_under"}:
        value = work.customs_value
        under = found.measure == "customs_value_under"
        if value is not None and (value < limit if under else value <= limit):
            within = "under" if under else "within"
            why = f"a customs value of {value} {within} {found.threshold} {where}"
    elif found.measure == "item_value_below":
        dearest = max((item.unit_value for item in shipment.items), key=lambda m: m.amount)
        if dearest < limit:
            shown = measured(dearest, limit)
            why = f"every item under {found.threshold} (dearest {shown}) {where}"
    if why is not None and (left_out := relief_excludes(shipment, area, found.kind)):
        work.lines.append(f"no relief from {found.kind}: {left_out}")
        return None
    return why


def duty_lines(  # noqa: PLR0917  # one step of landed_cost, all its inputs
    shipment: Shipment,
    area: str,
    shares: list[Money],
    day: date,
    tariffs: TariffSource,
    work: Work,
    mode: RoundingMode,
    eu_flat_duty_scope: str,
) -> list[ItemDuty]:
    """The duty on each item: relieved, flat, or at the tariff's rate."""
    found = relief(shipment, area, ReliefKind.DUTY, day)
    why = relieved(shipment, found, work) if found is not None else None
    if found is not None and why is not None:
        work.lines.append(f"no duty: {why}")
        return [
            ItemDuty(item, part, None, zero(shipment.currency), "duty relief", found.source)
            for item, part in zip(shipment.items, shares, strict=True)
        ]
    if found is not None and found.origins and not found.threshold.amount:
        _whole_shipment_suspended(shipment, found, work)
    unclassified = [item.description for item in shipment.items if item.hs_code is None]
    if unclassified:  # duty is due, by tariff rate or per classification
        first = next(i for i, item in enumerate(shipment.items) if item.hs_code is None)
        raise MissingDataError(
            tuple(f"the HS code of {name!r}" for name in unclassified),
            "duty is due on it: give each Item an hs_code=",
            field=f"shipment.items[{first}].hs_code",
            json_how='duty is due on it: write its "hs_code"',
        )
    if area == "EU" and (eu_flat_duty_scope == "all" or shipment.sold_under == "IOSS"):
        flat = _eu_flat_duty(shipment, shares, day, work)
        if flat is not None:
            return flat
    lines, rates = _tariff_duties(shipment, area, shares, day, tariffs, work, mode)
    if area == INDIA:  # the Social Welfare Surcharge: a second line per item
        return lines + surcharge_lines(lines, rates, day, work, mode)
    if area == JAPAN and shipment.currency == "JPY":  # Customs Act Art. 13-4
        return japan_duties(lines, work)
    if found is not None and found.measure == "duty_amount":
        return _small_duty_waived(shipment, found, lines, work, mode)
    return lines


def _whole_shipment_suspended(shipment: Shipment, found: DeMinimis, work: Work) -> None:
    """Say why goods of other origins lose the relief too (see ``relief``)."""
    origins = {item.origin or "" for item in shipment.items}
    if origins - found.origins:
        suspended = " and ".join(sorted(origins & found.origins))
        work.lines.append(
            f"no de minimis for any item: the shipment holds goods of {suspended} "
            f"origin ({found.legal_basis}), and a de minimis relieves a whole shipment "
            f"or none of it [{found.source}]"
        )


def _tariff_duties(  # noqa: PLR0917  # one step of duty_lines, all its inputs
    shipment: Shipment,
    area: str,
    shares: list[Money],
    day: date,
    tariffs: TariffSource,
    work: Work,
    mode: RoundingMode,
) -> tuple[list[ItemDuty], list[DutyRate]]:
    """Each item's duty at its tariff rate, on its share of the customs value, and the
    rows they were charged at."""
    lines, rates = [], []
    for item, part in zip(shipment.items, shares, strict=True):
        assert item.hs_code is not None  # noqa: S101  # checked by duty_lines
        assert item.origin is not None  # noqa: S101  # checked in landed_cost
        code, origin = item.hs_code, item.origin
        lookup = functools.partial(_tariff_rate, tariffs, code, origin, area, day)
        rate = india_tariff_rate(lookup, code, day) if area == INDIA else lookup()
        rates.append(rate)
        amount = round_money(part * rate.rate.scaleb(-2), mode=mode)
        lines.append(
            ItemDuty(
                item,
                part,
                rate.rate,
                amount,
                f"{rate.heading} at {rate.rate}%",
                rate.source,
            )
        )
        work.lines.append(
            f"duty on {item.description}: {part} x {rate.rate}% = {amount} "
            f"(heading {rate.heading}) [{rate.source}]"
        )
    return lines, rates


def _small_duty_waived(
    shipment: Shipment,
    found: DeMinimis,
    lines: list[ItemDuty],
    work: Work,
    mode: RoundingMode,
) -> list[ItemDuty]:
    """The duty lines, waived when their total is within a de minimis on the amount
    of duty (Switzerland's CHF 5), as assessed in the limit's currency: each item's
    duty worked out and rounded there, not rounded in the shipment's and converted (EUR
    67.20 at 8 % is EUR 5.38, CHF 5.0034 at 0.93, over CHF 5; in francs CHF 4.99968,
    CHF 5.00, not over)."""
    limit = found.threshold
    currency = limit.currency.code
    assessed = duty_assessed(lines, currency, mode, work)
    if assessed > limit:
        return lines
    total = sum_money([line.amount for line in lines], shipment.currency)
    shown = "" if currency == shipment.currency else f" ({assessed})"
    work.lines.append(
        f"duty of {total}{shown} not collected: within {limit} ({found.legal_basis})"
    )
    return [
        attrs.evolve(line, amount=zero(shipment.currency), rule="duty relief")
        for line in lines
    ]


def duty_assessed(
    lines: Sequence[ItemDuty], currency: str, mode: RoundingMode, work: Work
) -> Money:
    """The duty as assessed in ``currency`` (a limit's): each item's duty worked out
    on its customs value converted there, rounded there, as ``_tariff_duties`` rounds
    it in the shipment's currency (a duty without a rate, converted as it is)."""
    return sum_money(
        [
            work.in_currency(line.amount, currency)
            if line.rate is None
            else round_money(
                work.in_currency(line.customs_value, currency) * line.rate.scaleb(-2),
                mode=mode,
            )
            for line in lines
        ],
        currency,
    )


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
    shipment: Shipment, shares: list[Money], day: date, work: Work
) -> list[ItemDuty] | None:
    """From 2026-07-01, EU low-value consignments pay a flat duty per tariff heading."""
    try:
        limit = threshold_for("EU", ThresholdRule.LOW_VALUE_CONSIGNMENT, on=day)
        flat = threshold_for("EU", ThresholdRule.FLAT_CUSTOMS_DUTY, on=day)
    except NoRuleError:
        return None  # before 2026-07-01 there is no flat duty: the tariff applies
    if limit.amount is None or flat.amount is None:
        return None
    if shipment.goods > work.local(limit.amount):
        return None
    groups: dict[str, list[int]] = {}
    for index, item in enumerate(shipment.items):
        groups.setdefault(_classification(item.hs_code or ""), []).append(index)
    source = flat.source
    work.lines.append(
        f"low-value consignment (goods {shipment.goods}, not over {limit.amount}): flat "
        f"duty of {flat.amount} per tariff classification, {len(groups)} here [{source}]"
    )
    each = work.local(flat.amount, charged=True)
    amounts = [zero(shipment.currency)] * len(shipment.items)
    for members in groups.values():
        # Each classification's duty is its items', shared by value.
        values = [shipment.items[i].value.amount for i in members]
        for i, part in zip(
            members, share(each, shipment.items, members, values), strict=True
        ):
            amounts[i] = part
    return [
        ItemDuty(item, share, None, amount, "EU flat duty", source)
        for item, share, amount in zip(shipment.items, shares, amounts, strict=True)
    ]
