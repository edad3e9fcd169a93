"""Transport of passengers by a motorcab, maxicab or motor cycle with the fuel in the
fare, 2017-07-01 to 2025-09-21 (11/2017-Central Tax (Rate) S. No. 8 item (vi)).

Sources (all secondary; no notification read in the gazette):
- item (vi) as first issued named a motorcab: "Transport of passengers by motorcab
  where the cost of fuel is included in the consideration charged from the service
  recipient", 5 % (a public list of the 5 % services, 2017);
- 20/2017-Central Tax (Rate), 22 August 2017, gave motorcab operators the option of
  full input tax credit at 6 % CGST (its Puducherry twin, G.O. Ms. No. 20/2017, is
  titled "... to provide option to GTA & transport of passengers by motorcab service
  providers to avail full ITC & discharge SGST @ 6%", goodsandservicetax.in);
- 31/2017-Central Tax (Rate), 13 October 2017, gave item (vi) its present words, "any
  motor vehicle designed to carry passengers", 2.5 % with credit only of input
  services in the same line of business "or 6" (the entry as amended, lawcrux.com;
  Chhattisgarh advance ruling STC/AAR/07/2021 of 25 Nov 2021 on 8(vi) "as amended
  vide Notification No. 31/2017", taxmanagementindia.com);
- the 12 % stood until 2025-09-21 (the 56th GST Council meeting's "18% (revised from
  12%)", caclubindia.com; lawcrux.com's question of a cab operator at 12 % from
  August 2019).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import MissingDataError, NoRuleError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import (
    Buyer,
    RateFacts,
    Seller,
    ServiceFacts,
    fact_rates,
    validate_tax_id,
)

GST_BEGAN = date(2017, 7, 1)
OPTION = date(2017, 8, 22)  # 20/2017-Central Tax (Rate)
ANY_VEHICLE = date(2017, 10, 13)  # 31/2017-Central Tax (Rate)
LAST = date(2025, 9, 21)
FROM = date(2025, 9, 22)  # 15/2025-Central Tax (Rate): the higher option 18 %


def _igst(conveyance: str, day: date, *, full: bool | None) -> Decimal:
    facts = RateFacts(conveyance=conveyance, full_input_tax_credit=full)
    [rate] = fact_rates("IN", "passenger_transport", facts, on=day)
    assert rate.tax == "IGST"
    return rate.rate


@pytest.mark.parametrize(
    "day",
    [GST_BEGAN, date(2017, 8, 21), OPTION, date(2017, 10, 12), ANY_VEHICLE, LAST, FROM],
)
def test_a_motorcab_without_full_credit_pays_5_percent_throughout(day: date) -> None:
    assert _igst("motorcab", day, full=False) == 5


@pytest.mark.parametrize(("day", "rate"), [(OPTION, 12), (LAST, 12), (FROM, 18)])
def test_a_motorcab_with_full_credit_pays_12_percent_from_the_option(
    day: date, rate: int
) -> None:
    assert _igst("motorcab", day, full=True) == rate


@pytest.mark.parametrize("day", [GST_BEGAN, date(2017, 8, 21)])
def test_full_credit_before_the_option_is_refused(day: date) -> None:
    """Item (vi) was then 5 % without credit only; a supplier taking full credit fell
    outside it, to an entry not bundled."""
    with pytest.raises(NoRuleError, match="20/2017"):
        _igst("motorcab", day, full=True)


@pytest.mark.parametrize("conveyance", ["maxicab", "motor_cycle"])
@pytest.mark.parametrize(("day", "lower", "higher"),
                         [(ANY_VEHICLE, 5, 12), (LAST, 5, 12), (FROM, 5, 18)])  # fmt: skip
def test_a_maxicab_or_motor_cycle_from_any_motor_vehicle(
    conveyance: str, day: date, lower: int, higher: int
) -> None:
    assert _igst(conveyance, day, full=False) == lower
    assert _igst(conveyance, day, full=True) == higher


@pytest.mark.parametrize("conveyance", ["maxicab", "motor_cycle"])
@pytest.mark.parametrize("full", [False, True])
def test_a_maxicab_or_motor_cycle_before_any_motor_vehicle_is_refused(
    conveyance: str, full: bool
) -> None:
    with pytest.raises(NoRuleError, match="31/2017"):
        _igst(conveyance, date(2017, 10, 12), full=full)


def test_the_option_not_stated_is_refused_by_name_in_2017() -> None:
    with pytest.raises(MissingDataError) as refused:
        _igst("motorcab", GST_BEGAN, full=None)
    assert refused.value.field == "facts.full_input_tax_credit"


def test_halves_within_a_state_and_a_union_territory() -> None:
    facts = RateFacts(conveyance="motorcab", full_input_tax_credit=True)
    assert [(r.tax, r.rate) for r in fact_rates("IN-KA", "passenger_transport", facts,
                                                on=LAST)] == [
        ("CGST", Decimal(6)), ("SGST", Decimal(6))]  # fmt: skip
    assert [(r.tax, r.rate) for r in fact_rates("IN-CH", "passenger_transport", facts,
                                                on=LAST)] == [
        ("CGST", Decimal(6)), ("UTGST", Decimal(6))]  # fmt: skip


@pytest.mark.parametrize(("full", "half", "whole"), [(True, "60.00", "120.00"),
                                                    (False, "25.00", "50.00")])  # fmt: skip
def test_a_quote_for_a_rider_and_for_a_registered_business_on_2025_09_21(
    full: bool, half: str, whole: str
) -> None:
    """A Rs 1,000 cab ride from Bengaluru on 2025-09-21: for a rider, placed where the
    passenger embarks (IGST Act s. 12(9)(b)), CGST + SGST at 6 % (or 2.5 %) each;
    billed to a business registered in Maharashtra (s. 12(9)(a)), IGST 12 % (5 %)."""
    facts = RateFacts(conveyance="motorcab", full_input_tax_credit=full)
    cab = Product("CAB", "passenger_transport", rate_facts=facts)

    def taxes(buyer: Buyer, service: ServiceFacts) -> list[tuple[str, str]]:
        context = CheckoutContext(
            Seller("IN", {"IN-KA"}), buyer, at=datetime(2025, 9, 21, 12, tzinfo=UTC),
            prices_include_tax=False, products={"CAB": cab}, service_facts=service,
        )  # fmt: skip
        done = quote(Cart([CartLine("CAB", Money("1000.00", "INR"), 1)]), context)
        return [(t.tax, str(t.amount.amount)) for t in done.tax_summary]

    rider = taxes(Buyer("IN", subdivision="IN-MH"),
                  ServiceFacts("passenger_transport", location="IN-KA"))  # fmt: skip
    assert rider == [("CGST", half), ("SGST", half)]
    business = Buyer("IN", tax_id=validate_tax_id("27AAPFU0939F1ZV", "IN"))
    assert taxes(business, ServiceFacts("general")) == [("IGST", whole)]


def test_the_rows_say_what_was_read() -> None:
    facts = RateFacts(conveyance="maxicab", full_input_tax_credit=True)
    [igst] = fact_rates("IN", "passenger_transport", facts, on=ANY_VEHICLE)
    assert "31/2017" in igst.note
    assert "lawcrux.com" in igst.source
