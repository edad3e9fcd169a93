"""A US de minimis relieves a whole shipment or none of it (issue 18).

A cart mixing a Chinese and a Portuguese T-shirt lost the USD 800 exemption for both.
Checked against the rule, it is right, and the explanation now says why:

* 19 U.S.C. 1321(a)(2)(C) and 19 CFR 10.151: the exemption is for articles having an
  "aggregate fair retail value" of USD 800 or less imported by one person on one day:
  a shipment's, not an article's.
* Executive Order 14256 of 2025-04-02, s. 2(a) (90 FR 14899, read as reprinted by
  executiveactions.org and NNR Global Logistics): "all shipments of articles ... that
  are products of the PRC or Hong Kong ... valued at or under 800 dollars" are entered
  "under another appropriate entry type ... with all applicable duties" from 12:01
  a.m. EDT on 2025-05-02.
* CBP's guidance of 2025-02-03 on the first suspension, as reported by FlavorCloud
  (secondary; the CSMS message itself was not found): a shipment with one product of
  China "will affect the entire shipment, and make it ineligible for de minimis".

The duty rate is an example (16.5%), not the tariff's.
"""

from __future__ import annotations

from datetime import date

from commercekit.money import Money
from commercekit.shipping import DutyRate, Item, Shipment, TariffTable, landed_cost

TARIFF = TariffTable(
    [DutyRate("US", "6109.10", "16.5", date(2020, 1, 1), None, "https://example.test/t")],
    name="a shop's own tariff (example rate)",
)


def _duty(*items: tuple[str, str], on: date) -> tuple[Money, tuple[str, ...]]:
    goods = tuple(
        Item(f"shirt {n}", Money(value, "USD"), hs_code="6109.10", origin=origin)
        for n, (origin, value) in enumerate(items)
    )
    shipment = Shipment(goods, destination="US", shipped_from="PT")
    cost = landed_cost(shipment, incoterm="DAP", on=on, tariffs=TARIFF)
    return cost.duty, cost.explanation


def test_a_chinese_article_takes_the_relief_from_the_whole_shipment() -> None:
    """USD 20 (CN) + USD 30 (PT) on 2025-05-02: 3.30 + 4.95 = 8.25 duty, and why."""
    duty, why = _duty(("CN", "20.00"), ("PT", "30.00"), on=date(2025, 5, 2))
    assert duty == Money("8.25", "USD")
    assert any("relieves a whole shipment or none of it" in line for line in why)
    assert _duty(("PT", "30.00"), on=date(2025, 5, 2))[0] == Money("0.00", "USD")


def test_before_the_suspension_the_mixed_shipment_was_relieved() -> None:
    duty, why = _duty(("CN", "20.00"), ("PT", "30.00"), on=date(2025, 5, 1))
    assert duty == Money("0.00", "USD")
    assert not any("none of it" in line for line in why)


def test_a_chinese_article_alone_is_not_explained_as_mixed() -> None:
    duty, why = _duty(("CN", "20.00"), on=date(2025, 5, 2))
    assert duty == Money("3.30", "USD")
    assert not any("none of it" in line for line in why)
