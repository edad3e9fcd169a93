"""Imports into Japan: the import consumption tax as Japan Customs assesses it.

Japan Customs, Customs Answer 1111 ("Calculation Method of Amount of Tariff Duty,
Consumption Tax, etc"): the tax base (the customs value plus the duty and the
individual excises) is truncated to whole JPY 1,000; the national consumption tax is
7.8 % of it (6.24 % at the reduced rate), truncated to whole JPY 100; the local
consumption tax is 22/78 of the national tax, truncated to whole JPY 100. Together
they are the 10 % (8 %) of the bundled rates.

References:
    Customs Answer 1111 (official; its rates note read, its worked chart, an image,
    read in a copy, secondary):
    https://www.customs.go.jp/english/c-answer_e/imtsukan/1111_e.htm
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, Decimal

from commercekit.money import Money
from commercekit.shipping._charges import Work, share
from commercekit.shipping._shipment import Item
from commercekit.tax import TaxRate

__all__ = ["JAPAN", "JAPAN_IN_YEN", "japan_taxes"]

JAPAN = "JP"
NATIONAL_SHARE = Decimal(78)
"""The national consumption tax's share of the combined rate, in hundredths (7.8 of 10,
6.24 of 8): the local tax is 22/78 of the national."""
LOCAL_OF_NATIONAL = Decimal(22) / NATIONAL_SHARE
TAX_RULE = (
    "Japan Customs Answer 1111: the base is truncated to whole JPY 1,000, the national "
    "consumption tax (7.8 %, reduced 6.24 %) to whole JPY 100, the local consumption "
    "tax, 22/78 of the national, to whole JPY 100 (official; the worked chart read in "
    "a copy) [https://www.customs.go.jp/english/c-answer_e/imtsukan/1111_e.htm]"
)

JAPAN_IN_YEN = (
    "Japan Customs truncates the consumption tax's base to JPY 1,000 and each tax to "
    "JPY 100, in yen; this shipment is not valued in JPY, so its tax is rounded to the "
    f"minor unit instead: value it in JPY for customs' own figures [{TAX_RULE}]"
)


def _truncated(amount: Decimal, unit: int) -> Decimal:
    """``amount`` cut down to a whole multiple of ``unit`` (yen)."""
    return (amount / unit).to_integral_value(rounding=ROUND_DOWN) * unit


def japan_taxes(
    bases: list[Money],
    found_rates: list[tuple[TaxRate, ...]],
    work: Work,
    items: Sequence[Item],
) -> list[Money]:
    """The consumption tax on each item, in JPY: per rate, the items' bases added up
    and truncated to JPY 1,000, the national tax on it truncated to JPY 100, the local
    tax (22/78 of the national) truncated to JPY 100; the rate's tax, national plus
    local, shared over its items by their bases, so the items add up to it.

    A consignment with goods at both rates is assessed here per rate; the chart of
    Answer 1111 truncates the sum of the lines' taxes, so it may differ by less than
    JPY 100 per tax (said in ``work``)."""
    groups: dict[Decimal, list[int]] = {}
    for index, found in enumerate(found_rates):
        groups.setdefault(sum((rate.rate for rate in found), Decimal(0)), []).append(index)
    amounts = [bases[0] * 0 for _ in bases]
    for total_rate, members in groups.items():
        base = sum((bases[i].amount for i in members), Decimal(0))
        counted = _truncated(base, 1000)
        national_rate = total_rate * NATIONAL_SHARE / 100
        national_due = counted * national_rate / 100
        national = _truncated(national_due, 100)
        local_due = (national * LOCAL_OF_NATIONAL).quantize(Decimal(1), ROUND_DOWN)
        local = _truncated(local_due, 100)
        tax = Money(national + local, "JPY")
        for i, amount in zip(
            members,
            share(tax, items, members, [bases[i].amount for i in members]),
            strict=True,
        ):
            amounts[i] = amount
        work.lines.append(
            f"import consumption tax at {total_rate}%: base {base} JPY (customs value + "
            f"duty) counted as {counted} JPY; national consumption tax {counted} x "
            f"{national_rate}% = {national_due.normalize():f}, counted as {national} "
            f"JPY; local consumption tax {national} x 22/78 = {local_due}, counted as "
            f"{local} JPY; together {tax} [{TAX_RULE}]"
        )
    if len(groups) > 1:
        work.lines.append(
            "goods at two consumption-tax rates are assessed per rate here; Japan "
            "Customs truncates the sum of the lines' taxes to JPY 100, which may differ "
            "by less than JPY 100 per tax"
        )
    return amounts
