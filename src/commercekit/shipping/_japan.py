"""Imports into Japan: the duty and the import consumption tax as Japan Customs
assesses them.

Japan Customs, Customs Answer 1111 ("Calculation Method of Amount of Tariff Duty,
Consumption Tax, etc"), line by line (here: item by item):

* the **duty**: the customs value truncated to whole JPY 1,000, times the rate, the
  duty truncated to whole JPY 100 (Customs Act Art. 13-4, applying the Act on General
  Rules for National Taxes Arts. 118(1) and 119(1));
* the **national consumption tax**: the customs value plus that duty (and the
  excises), truncated to whole JPY 1,000, times 7.8 % (6.24 % at the reduced rate),
  to the yen; the consignment's total truncated to whole JPY 100;
* the **local consumption tax**: 22/78 of each line's national tax truncated to whole
  JPY 100, to the yen; the consignment's total truncated to whole JPY 100.

Together they are the 10 % (8 %) of the bundled rates.

References:
    Customs Answer 1111 (official; its rates note read, its worked chart, an image,
    read in a copy on scribd.com, secondary):
    https://www.customs.go.jp/english/c-answer_e/imtsukan/1111_e.htm
    Customs Act Art. 13-4 and Basic Circular 13-4-1, read in a reprint (secondary):
    https://note.com/otsunakajyuku/n/n9e3721641ea8
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, Decimal

import attrs

from commercekit.money import Money
from commercekit.shipping._charges import ItemDuty, Work, share
from commercekit.shipping._shipment import Item
from commercekit.tax import TaxRate

__all__ = ["JAPAN", "JAPAN_IN_YEN", "japan_duties", "japan_taxes"]

JAPAN = "JP"
NATIONAL_SHARE = Decimal(78)
"""The national consumption tax's share of the combined rate, in hundredths (7.8 of 10,
6.24 of 8): the local tax is 22/78 of the national."""
LOCAL_OF_NATIONAL = Decimal(22) / NATIONAL_SHARE
ANSWER_1111 = "https://www.customs.go.jp/english/c-answer_e/imtsukan/1111_e.htm"
TAX_RULE = (
    "Japan Customs Answer 1111: each line's base truncated to whole JPY 1,000; the "
    "national consumption tax (7.8 %, reduced 6.24 %) and the local, 22/78 of the "
    "line's national truncated to JPY 100, each totalled and truncated to whole JPY "
    f"100 (official; the worked chart read in a copy) [{ANSWER_1111}]"
)
DUTY_RULE = (
    "Customs Act Art. 13-4 (Act on General Rules for National Taxes Arts. 118(1), "
    "119(1)): the duty's base truncated to whole JPY 1,000, the duty to whole JPY 100; "
    "per line, as Customs Answer 1111's chart shows (both read in copies) "
    f"[{ANSWER_1111}]"
)
JAPAN_IN_YEN = (
    "Japan Customs truncates the bases to JPY 1,000 and the duty and taxes to JPY "
    "100, in yen; this shipment is not valued in JPY, so they are rounded to the "
    f"minor unit instead: value it in JPY for customs' own figures [{TAX_RULE}]"
)


def _truncated(amount: Decimal, unit: int) -> Decimal:
    """``amount`` cut down to a whole multiple of ``unit`` (yen)."""
    return (amount / unit).to_integral_value(rounding=ROUND_DOWN) * unit


def japan_duties(lines: list[ItemDuty], work: Work) -> list[ItemDuty]:
    """Each item's duty as Japan Customs assesses a line: its customs value truncated
    to JPY 1,000, times the rate, truncated to JPY 100 (in place of the duty rounded to
    the yen)."""
    assessed = []
    for line in lines:
        assert line.rate is not None  # noqa: S101  # a tariff line has its rate
        counted = _truncated(line.customs_value.amount, 1000)
        due = counted * line.rate.scaleb(-2)
        duty = Money(_truncated(due, 100), "JPY")
        assessed.append(attrs.evolve(line, amount=duty))
        work.lines.append(
            f"duty on {line.item.description} as Japan Customs assesses it, in place "
            f"of the figure above: "
            f"{line.customs_value} counted as {counted} JPY x {line.rate}% = "
            f"{due.normalize():f}, counted as {duty} [{DUTY_RULE}]"
        )
    return assessed


def japan_taxes(
    bases: list[Money],
    found_rates: list[tuple[TaxRate, ...]],
    work: Work,
    items: Sequence[Item],
) -> list[Money]:
    """The consumption tax on each item, in JPY, as Japan Customs assesses the lines
    (module docstring): the national and the local totals, each truncated to JPY 100,
    shared over the items by their lines' taxes, so the items add up to them."""
    nationals, locals_ = [], []
    for item, base, found in zip(items, bases, found_rates, strict=True):
        counted = _truncated(base.amount, 1000)
        rate = sum((rate.rate for rate in found), Decimal(0)) * NATIONAL_SHARE / 100
        national = (counted * rate / 100).quantize(Decimal(1), ROUND_DOWN)
        local = (_truncated(national, 100) * LOCAL_OF_NATIONAL).quantize(
            Decimal(1), ROUND_DOWN
        )
        nationals.append(national)
        locals_.append(local)
        work.lines.append(
            f"consumption tax on {item.description}: base {base} (customs value + "
            f"duty) counted as {counted} JPY; national {counted} x {rate.normalize():f}"
            f"% = {national} JPY; local {_truncated(national, 100)} x 22/78 = {local} "
            f"JPY"
        )
    national = _truncated(sum(nationals, Decimal(0)), 100)
    local = _truncated(sum(locals_, Decimal(0)), 100)
    tax = Money(national + local, "JPY")
    work.lines.append(
        f"national consumption tax {sum(nationals, Decimal(0))} JPY counted as "
        f"{national} JPY; local consumption tax {sum(locals_, Decimal(0))} JPY counted "
        f"as {local} JPY; import consumption tax {tax} [{TAX_RULE}]"
    )
    weights = [n + loc for n, loc in zip(nationals, locals_, strict=True)]
    return share(tax, items, range(len(items)), weights)
