"""Landed cost: customs authorities' worked examples, the 2025-2026 changes, properties."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import (
    InvalidAmountError,
    MissingDataError,
    NoRuleError,
    UnknownCountryError,
)
from commercekit.money import Money, RateTable
from commercekit.shipping import (
    DutyRate,
    Fee,
    Incoterm,
    Item,
    Shipment,
    TariffTable,
    landed_cost,
)

D = Decimal
TODAY = date(2026, 11, 26)


class FixedTariff:
    """The duty rate a worked example states, for every heading."""

    def __init__(self, percent: str) -> None:
        self.percent = D(percent)

    def duty(self, hs_code: str, *, origin: str, destination: str, on: date) -> DutyRate:
        del origin, on
        return DutyRate(
            destination, hs_code, self.percent, date(2000, 1, 1), None, "example"
        )


def test_new_zealand_customs_example_fob_with_gst_on_freight() -> None:
    # NZ Customs, "Examples of how to calculate Customs Charges", example 2 (c. 2011):
    # goods NZD 1,000, insurance and freight NZD 100, duty 5% on the goods only (FOB):
    # 50.00; GST 15% on goods + freight + duty = 1,150 x 15% = 172.50.
    shipment = Shipment(
        (Item("goods", Money("1000.00", "NZD"), hs_code="0000", origin="US"),),
        destination="NZ",
        shipping=Money("100.00", "NZD"),
    )
    # Asked on a day the example's rules still held: from 2019-12-01 a consignment of
    # NZD 1,000 or less is no longer charged at the border.
    cost = landed_cost(
        shipment, incoterm="DAP", on=date(2019, 6, 1), tariffs=FixedTariff("5")
    )
    assert cost.customs_value == Money("1000.00", "NZD")
    assert (cost.duty, cost.tax_base, cost.import_tax) == (
        Money("50.00", "NZD"),
        Money("1150.00", "NZD"),
        Money("172.50", "NZD"),
    )
    assert cost.due_at_delivery == Money("222.50", "NZD")


def test_australian_customs_example() -> None:
    # Former Australian Customs guidance: customs value AUD 1,200, transport and
    # insurance AUD 150, duty 5% = 60.00; value of the taxable importation 1,410;
    # GST 10% = 141.00; total 201.00.
    shipment = Shipment(
        (Item("goods", Money("1200.00", "AUD"), hs_code="0000", origin="US"),),
        destination="AU",
        shipping=Money("150.00", "AUD"),
    )
    cost = landed_cost(shipment, incoterm="DAP", on=TODAY, tariffs=FixedTariff("5"))
    assert (cost.duty, cost.tax_base, cost.import_tax) == (
        Money("60.00", "AUD"),
        Money("1410.00", "AUD"),
        Money("141.00", "AUD"),
    )
    assert cost.charges == Money("201.00", "AUD")


def test_cbsa_example_duty_paid_value() -> None:
    # CBSA guidance: value for duty CAD 115.00, duty 4% = 4.60, GST 5% on the duty-paid
    # value 119.60 = 5.98; total 10.58. (Shipped by courier from the UK: the CAD 20
    # threshold applies, not the CUSMA one.)
    shipment = Shipment(
        (Item("goods", Money("115.00", "CAD"), hs_code="0000", origin="GB"),),
        destination="CA",
        subdivision="CA-AB",
        shipped_from="GB",
    )
    cost = landed_cost(shipment, incoterm="DAP", on=TODAY, tariffs=FixedTariff("4"))
    assert (cost.duty, cost.import_tax, cost.charges) == (
        Money("4.60", "CAD"),
        Money("5.98", "CAD"),
        Money("10.58", "CAD"),
    )


def test_eu_cif_with_duty_charged_on_shipping() -> None:
    # No official worked example was found; the figures follow the rules: Union Customs
    # Code Art. 71 (transport to the border is part of the customs value) and VAT
    # Directive Art. 85-86 (import VAT on customs value + duty). T-shirts EUR 200.00 + EUR
    # 20.00 shipping: customs value 220.00; duty 12% = 26.40 (2.40 of it on the
    # shipping); import VAT 19% on 246.40 = 46.82.
    shirt = Item("T-shirts", Money("200.00", "EUR"), hs_code="6109.10.00", origin="US")
    shipment = Shipment((shirt,), destination="DE", shipping=Money("20.00", "EUR"))
    ddp = landed_cost(shipment, incoterm="DDP", on=TODAY)
    assert (ddp.customs_value, ddp.duty, ddp.tax_base, ddp.import_tax) == (
        Money("220.00", "EUR"),
        Money("26.40", "EUR"),
        Money("246.40", "EUR"),
        Money("46.82", "EUR"),
    )
    assert (ddp.collected_at_checkout, ddp.due_at_delivery) == (
        Money("293.22", "EUR"),
        Money("0.00", "EUR"),
    )
    dap = landed_cost(shipment, incoterm="DDU", on=TODAY)
    assert dap.incoterm is Incoterm.DAP
    assert (dap.collected_at_checkout, dap.due_at_delivery) == (
        Money("220.00", "EUR"),
        Money("73.22", "EUR"),
    )


def test_eu_low_value_consignments_before_and_after_2026_07_01() -> None:
    # Until 2026-06-30 no duty up to EUR 150 (Reg. 1186/2009 Art. 23); from 2026-07-01 a
    # flat EUR 3 per tariff classification (Council Regulation (EU) 2026/382).
    items = (
        Item("T-shirt", Money("40.00", "EUR"), hs_code="6109.10", origin="CN"),
        Item("T-shirt", Money("30.00", "EUR"), hs_code="6109.10", origin="CN"),
        Item("mug", Money("20.00", "EUR"), hs_code="6912.00", origin="CN"),
    )
    shipment = Shipment(items, destination="FR", shipping=Money("5.00", "EUR"))
    before = landed_cost(shipment, incoterm="DDP", on=date(2026, 6, 30))
    after = landed_cost(shipment, incoterm="DDP", on=date(2026, 7, 1))
    assert before.duty == Money("0.00", "EUR")
    assert after.duty == Money("6.00", "EUR")  # two classifications
    # VAT is due either way (no import-VAT de minimis since 2021-07-01): 20% on
    # customs value 95.00 (+ duty).
    assert before.import_tax == Money("19.00", "EUR")
    assert after.import_tax == Money("20.20", "EUR")


def test_the_scope_of_the_eu_flat_duty_is_an_explicit_choice() -> None:
    # Sources disagree on whether the flat duty covers every low-value consignment or
    # only IOSS ones; with "ioss", a non-IOSS parcel pays the tariff rate (12%).
    shirt = Item("T-shirt", Money("40.00", "EUR"), hs_code="6109.10", origin="CN")
    parcel = Shipment((shirt,), destination="FR")
    assert landed_cost(parcel, incoterm="DDP", on=TODAY).duty == Money("3.00", "EUR")
    narrow = landed_cost(parcel, incoterm="DDP", on=TODAY, eu_flat_duty_scope="ioss")
    assert narrow.duty == Money("4.80", "EUR")
    ioss_parcel = Shipment((shirt,), destination="FR", sold_under="IOSS")
    assert landed_cost(
        ioss_parcel, incoterm="DDP", on=TODAY, eu_flat_duty_scope="ioss"
    ).duty == Money("3.00", "EUR")


def test_a_date_before_the_data_is_refused() -> None:
    parcel = Shipment(
        (Item("goods", Money("1000.00", "NZD"), hs_code="9999", origin="US"),),
        destination="NZ",
    )
    with pytest.raises(NoRuleError, match="customs rules of NZ on 2011-06-01"):
        landed_cost(parcel, incoterm="DAP", on=date(2011, 6, 1), tariffs=FixedTariff("5"))


def test_united_states_de_minimis_ended_2025_08_29() -> None:
    trousers = Item("trousers", Money("120.00", "USD"), hs_code="6203.42.40", origin="IT")
    shipment = Shipment((trousers,), destination="US", shipping=Money("15.00", "USD"))
    # HTSUS 6203.42.40, general rate 16.6% (the example tariff holds it from the day it
    # was checked, so the rate is given here for 2025).
    tariff = FixedTariff("16.6")
    before = landed_cost(shipment, incoterm="DAP", on=date(2025, 8, 28), tariffs=tariff)
    after = landed_cost(shipment, incoterm="DAP", on=date(2025, 8, 29), tariffs=tariff)
    assert before.duty == Money("0.00", "USD")  # within USD 800, Section 321
    assert after.duty == Money("19.92", "USD")  # 16.6% of 120.00
    assert after.customs_value == Money("120.00", "USD")  # FOB: shipping not dutiable
    assert after.import_tax == Money("0.00", "USD")  # no federal import VAT


def test_fees_and_the_tax_on_them() -> None:
    shirt = Item("T-shirts", Money("200.00", "EUR"), hs_code="6109.10", origin="US")
    shipment = Shipment((shirt,), destination="DE")
    cost = landed_cost(
        shipment,
        incoterm="DAP",
        on=TODAY,
        fees=[Fee("carrier clearance", Money("10.00", "EUR"))],
    )
    assert cost.fee_tax == Money("1.90", "EUR")
    assert cost.charges == cost.duty + cost.import_tax + Money("11.90", "EUR")


def test_thresholds_in_another_currency_need_a_rate_table() -> None:
    shipment = Shipment(
        (Item("shirt", Money("100.00", "USD"), hs_code="6109.10", origin="US"),),
        destination="DE",
    )
    with pytest.raises(MissingDataError, match="pass rates="):
        landed_cost(shipment, incoterm="DDP", on=date(2026, 6, 1))
    table = RateTable(
        base="EUR",
        rates={"USD": D("1.05")},
        observed_at=datetime(2026, 5, 31, tzinfo=UTC),
        provider="example",
    )
    cost = landed_cost(shipment, incoterm="DDP", on=date(2026, 6, 1), rates=table)
    assert cost.duty == Money("0.00", "USD")  # USD 100 is within EUR 150
    assert "150 EUR is 157.50 USD" in cost.conversions[0]


def test_bad_input() -> None:
    with pytest.raises(MissingDataError, match="the HS code of 'thing'"):
        landed_cost(
            Shipment((Item("thing", Money("900", "USD"), origin="CN"),), destination="US"),
            incoterm="DDP",
            on=TODAY,
        )
    with pytest.raises(MissingDataError, match="the country of origin of 'thing'"):
        landed_cost(
            Shipment((Item("thing", Money("900", "USD"), "6109.10"),), destination="US"),
            incoterm="DDP",
            on=TODAY,
        )
    with pytest.raises(InvalidAmountError, match="not an incoterm"):
        landed_cost(
            Shipment((Item("a", Money("1", "EUR"), origin="CN"),), destination="DE"),
            incoterm="FOB",
            on=TODAY,
        )
    with pytest.raises(InvalidAmountError, match="zero or more"):
        Item("a", Money("-1", "EUR"))
    with pytest.raises(InvalidAmountError, match="greater than zero"):
        Item("a", Money("1", "EUR"), quantity=0)
    with pytest.raises(UnknownCountryError):
        Shipment((Item("a", Money("1", "EUR")),), destination="Mars")
    with pytest.raises(NoRuleError, match="customs rules of BR"):
        landed_cost(
            Shipment((Item("a", Money("1", "EUR"), origin="CN"),), destination="BR"),
            incoterm="DDP",
            on=TODAY,
        )
    with pytest.raises(InvalidAmountError, match="without a province"):
        landed_cost(
            Shipment(
                (Item("a", Money("100", "CAD"), hs_code="9999", origin="GB"),),
                destination="CA",
                shipped_from="GB",
            ),
            incoterm="DDP",
            on=TODAY,
            tariffs=FixedTariff("1"),
        )
    with pytest.raises(NoRuleError, match="example tariff"):
        landed_cost(
            Shipment(
                (Item("a", Money("900", "USD"), hs_code="8703.23", origin="DE"),),
                destination="US",
            ),
            incoterm="DDP",
            on=TODAY,
        )


values = st.integers(min_value=0, max_value=500_000).map(
    lambda c: Money(D(c).scaleb(-2), "EUR")
)


@given(values, values, st.sampled_from(["DE", "FR", "GB", "NL"]))
def test_ddp_is_ddu_plus_what_the_buyer_pays_at_the_border(
    goods: Money, shipping: Money, destination: str
) -> None:
    """DDP checkout == DDU checkout + DDU border payment; monotone in value."""
    item = Item("T-shirts", goods, hs_code="6109.10", origin="US")
    shipment = Shipment((item,), destination=destination, shipping=shipping)
    table = RateTable(
        base="EUR",
        rates={"GBP": D("0.84")},
        observed_at=datetime(2026, 11, 25, tzinfo=UTC),
        provider="x",
    )
    if destination == "GB":
        shipment = Shipment(
            (Item("T-shirts", Money(goods.amount, "GBP"), hs_code="6109.10", origin="US"),),
            destination="GB",
            shipping=Money(shipping.amount, "GBP"),
        )
    ddp = landed_cost(shipment, incoterm="DDP", on=TODAY, rates=table)
    ddu = landed_cost(shipment, incoterm="DDU", on=TODAY, rates=table)
    assert ddp.collected_at_checkout == ddu.collected_at_checkout + ddu.due_at_delivery
    assert ddp.total == ddu.total
    bigger = Shipment(
        (dearer(shipment.items[0], D("0.01")),),
        destination=shipment.destination,
        shipping=shipment.shipping,
    )
    assert landed_cost(bigger, incoterm="DDP", on=TODAY, rates=table).total >= ddp.total


def dearer(item: Item, more: Decimal) -> Item:
    """The same item, ``more`` dearer."""
    return Item(
        item.description,
        item.value + Money(more, item.value.currency),
        item.hs_code,
        item.origin,
    )


@given(st.integers(min_value=0, max_value=13_500))
def test_below_the_de_minimis_no_duty_is_charged(cents: int) -> None:
    """A UK consignment of GBP 135 or less pays no duty."""
    shipment = Shipment(
        (
            Item(
                "T-shirts",
                Money(D(cents).scaleb(-2), "GBP"),
                hs_code="6109.10",
                origin="US",
            ),
        ),
        destination="GB",
    )
    assert landed_cost(shipment, incoterm="DDP", on=TODAY).duty == Money("0.00", "GBP")


def test_the_eu_flat_duty_counts_classifications_not_spellings() -> None:
    # Regulation (EU) 2026/382: EUR 3 per tariff classification in a consignment of EUR
    # 150 or less. 6109.10 and 6109.10.00 are one classification; an item without an
    # HS code cannot be counted, and is refused.
    shirts = (
        Item("T-shirt", Money("20.00", "EUR"), "6109.10", "CN"),
        Item("T-shirt", Money("20.00", "EUR"), "6109.10.00", "CN"),
        Item("watch", Money("40.00", "EUR"), "9102.11", "CN"),
    )
    cost = landed_cost(Shipment(shirts, destination="DE"), incoterm="DDP", on=TODAY)
    assert cost.duty == Money("6.00", "EUR")
    unclassified = (Item("thing", Money("20.00", "EUR"), origin="CN"),)
    with pytest.raises(MissingDataError, match="the HS code of 'thing'"):
        landed_cost(Shipment(unclassified, destination="DE"), incoterm="DDP", on=TODAY)


def test_a_tariff_refuses_rows_that_overlap_however_they_are_spelt() -> None:
    def row(heading: str, rate: str) -> DutyRate:
        return DutyRate("EU", heading, rate, date(2026, 1, 1), None, "https://example.org")

    with pytest.raises(InvalidAmountError, match="overlaps another row"):
        TariffTable([row("6109.10", "12"), row("610910", "0")], name="mine")
    table = TariffTable([row("6109", "10"), row("6109.10", "12")], name="mine")
    found = table.duty("6109.10.0010", origin="CN", destination="EU", on=TODAY)
    assert found.rate == D(12)  # the longest heading that starts the code
