"""Imports into India in landed cost: assessable value (CIF, r. 10(2)), basic customs
duty from the caller's tariff, the Social Welfare Surcharge on the duty, IGST on the
assessable value plus both; DDP and DAP in the quote; the parts add up to the totals."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, RefundPolicy, quote, refund
from commercekit.errors import CommerceKitError, MissingDataError, NoRuleError
from commercekit.money import Money, RateTable, convert
from commercekit.pricing import Cart, CartLine
from commercekit.shipping import (
    DutyRate,
    Item,
    LandedCost,
    Shipment,
    TariffTable,
    landed_cost,
)
from commercekit.tax import BUNDLED, Buyer, Seller, source_rates

ON = date(2026, 11, 26)
TARIFF_SOURCE = "https://www.cbic.gov.in/ (the caller's tariff row; example rate)"


def _tariff(rate: str = "20", sws: str | None = None, heading: str = "9405") -> TariffTable:
    row = DutyRate(
        "IN", heading, rate, date(2018, 1, 1), None, TARIFF_SOURCE,
        social_welfare_surcharge=sws,
    )  # fmt: skip
    return TariffTable([row], name="the caller's Indian tariff")


def _lamp(value: str = "100000.00", currency: str = "INR") -> Item:
    return Item("Lamp", Money(value, currency), hs_code="9405.11", origin="CN")


def _inr(value: str) -> Money:
    return Money(value, "INR")


def test_hand_computed_example_from_the_statutes_formula() -> None:
    """HAND-COMPUTED from the formula of the statutes (no CBIC worked example was found
    in the sources searched): goods INR 100,000, freight 20,000, insurance 1,125;
    assessable value 121,125 (CIF, r. 10(2)); BCD 20% = 24,225; SWS 10% of BCD =
    2,422.50 (Finance Act 2018 s. 110); IGST 18% of 121,125 + 24,225 + 2,422.50 =
    147,772.50 is 26,599.05 (Customs Tariff Act s. 3(7), (8A))."""
    shipment = Shipment(
        (_lamp(),), destination="IN", subdivision="IN-MH",
        shipping=_inr("20000.00"), insurance=_inr("1125.00"),
    )  # fmt: skip
    cost = landed_cost(shipment, incoterm="DDP", on=ON, tariffs=_tariff())
    assert cost.customs_value == _inr("121125.00")
    assert [line.amount for line in cost.duties] == [_inr("24225.00"), _inr("2422.50")]
    assert cost.duties[1].rule == "Social Welfare Surcharge 10% of the duty"
    assert cost.tax_base == _inr("147772.50")
    assert cost.import_tax == _inr("26599.05")
    assert [(rate.tax, rate.rate) for rate in cost.tax_rates] == [("IGST", Decimal(18))]
    assert cost.duties[1].base == _inr("24225.00")  # the surcharge is on the duty
    # 53,246.55 payable, rounded to the nearest rupee (Customs Act s. 154A)
    assert cost.rounding == _inr("0.45")
    assert cost.charges == _inr("53247.00")
    assert cost.item_duties == (_inr("26647.50"),)
    assert cost.collected_at_checkout == _inr("121125.00") + _inr("53247.00")
    assert not [line for line in cost.explanation if line.startswith("assumed")]


def _igst_12_percent() -> tuple[object, ...]:
    """The exam example's IGST rate (12%), as a caller's TaxRateSource would give it."""
    (row,) = source_rates(BUNDLED, "IN", "standard", on=date(2018, 6, 20))
    return (attrs.evolve(row, rate=Decimal(12)),)


class _TwelvePercent:
    def rates_for(
        self, jurisdiction: str, category: object, *, on: date
    ) -> tuple[object, ...]:
        del jurisdiction, category, on
        return _igst_12_percent()


def test_secondary_worked_example_with_a_notified_exchange_rate() -> None:
    """A SECONDARY worked example (a textbook-style exercise reproduced on
    askfilo.com, 'Compute Assessable Value and Import Duties of customs', read
    2026-12-01; not a CBIC publication): CIF USD 2,000 at the CBIC-notified rate of
    INR 66 = 132,000; BCD 15% = 19,800; SWS 10% = 1,980; IGST 12% on 153,780 =
    18,453.60. The notified rate enters as the caller's RateTable."""
    notified = RateTable(
        base="USD", rates={"INR": Decimal(66)},
        observed_at=datetime(2018, 6, 19, tzinfo=UTC), provider="CBIC notified rate",
    )  # fmt: skip
    cif = convert(Money("2000.00", "USD"), "INR", notified)
    assert cif == _inr("132000.00")
    shipment = Shipment(
        (Item("Goods", cif, hs_code="9405.11", origin="US"),), destination="IN",
        shipping=_inr("0.00"), insurance=_inr("0.00"),  # the CIF value is given whole
    )  # fmt: skip
    cost = landed_cost(
        shipment, incoterm="DAP", on=date(2018, 6, 20), tariffs=_tariff("15"),
        tax_rates=_TwelvePercent(),  # type: ignore[arg-type]
    )  # fmt: skip
    assert [line.amount for line in cost.duties] == [_inr("19800.00"), _inr("1980.00")]
    assert cost.tax_base == _inr("153780.00")
    assert cost.import_tax == _inr("18453.60")
    assert cost.rounding == _inr("0.40")  # 40,233.60 to the rupee (s. 154A)
    assert cost.due_at_delivery == _inr("40234.00")


def test_unknown_freight_and_insurance_take_the_rules_figures_and_say_so() -> None:
    """r. 10(2) provisos: transport not ascertainable = 20% of FOB, insurance not
    ascertainable = 1.125% of FOB; each is listed as assumed."""
    cost = landed_cost(
        Shipment((_lamp(),), destination="IN"), incoterm="DAP", on=ON, tariffs=_tariff()
    )
    assert cost.customs_value == _inr("121125.00")  # 100,000 + 20,000 + 1,125
    assumed = [line for line in cost.explanation if line.startswith("assumed")]
    assert len(assumed) == 2
    assert assumed[0].startswith("assumed transport 20000.00 INR: 20% of the FOB value")
    assert assumed[1].startswith("assumed insurance 1125.00 INR: 1.125% of the FOB")
    only_insurance_unknown = Shipment((_lamp(),), destination="IN", shipping=_inr("500.00"))
    cost = landed_cost(only_insurance_unknown, incoterm="DAP", on=ON, tariffs=_tariff())
    assert cost.customs_value == _inr("101625.00")


def test_a_tariff_row_exempt_from_the_surcharge() -> None:
    shipment = Shipment(
        (_lamp(),), destination="IN", shipping=_inr("20000.00"), insurance=_inr("1125.00")
    )
    cost = landed_cost(shipment, incoterm="DDP", on=ON, tariffs=_tariff(sws="0"))
    assert [line.amount for line in cost.duties] == [_inr("24225.00"), _inr("0.00")]
    assert cost.duties[1].source == TARIFF_SOURCE
    assert cost.tax_base == _inr("145350.00")  # 121,125 + 24,225
    assert cost.import_tax == _inr("26163.00")


def test_a_missing_tariff_row_is_missing_data_naming_the_hs_code() -> None:
    shipment = Shipment((_lamp(),), destination="IN")
    with pytest.raises(MissingDataError, match=r"HS code 9405\.11 into India") as error:
        landed_cost(shipment, incoterm="DDP", on=ON, tariffs=_tariff(heading="6109"))
    assert "pass tariffs= a TariffSource" in str(error.value)


def test_a_category_without_a_sourced_igst_rate_is_missing_data() -> None:
    food = Item("Tea", _inr("1000.00"), hs_code="9405.11", origin="CN", category="food")
    shipment = Shipment((food,), destination="IN")
    with pytest.raises(MissingDataError):
        landed_cost(shipment, incoterm="DDP", on=ON, tariffs=_tariff())


def test_both_sides_of_the_surcharges_start() -> None:
    """Finance Act 2018 s. 110 applies from 2 February 2018; before it, the
    surcharge (and the education cesses it replaced) are not bundled."""
    shipment = Shipment((_lamp(),), destination="IN")
    cost = landed_cost(shipment, incoterm="DDP", on=date(2018, 2, 2), tariffs=_tariff())
    assert cost.duties[1].amount == _inr("2422.50")
    with pytest.raises(NoRuleError, match="Social Welfare Surcharge"):
        landed_cost(shipment, incoterm="DDP", on=date(2018, 2, 1), tariffs=_tariff())


def test_another_currency_is_noted_with_the_notified_rate_rule() -> None:
    cost = landed_cost(
        Shipment((_lamp("1000.00", "USD"),), destination="IN"),
        incoterm="DDP", on=ON, tariffs=_tariff(),
    )  # fmt: skip
    assert any("exchange rate CBIC notifies" in line for line in cost.explanation)


@pytest.mark.parametrize("bad", [0.5, True, "-1", "101", float("nan")])
def test_a_tariff_rows_surcharge_rate_is_checked(bad: object) -> None:
    with pytest.raises(CommerceKitError):
        _tariff(sws=bad)  # type: ignore[arg-type]


def test_a_surcharge_rate_on_a_row_for_another_destination_is_refused() -> None:
    """India's Social Welfare Surcharge on a German row would be silently ignored."""
    with pytest.raises(CommerceKitError, match="only India"):
        DutyRate(
            "DE", "9405", "3.7", ON, None, TARIFF_SOURCE, social_welfare_surcharge="10"
        )


def test_duty_lines_that_do_not_follow_the_items_are_refused() -> None:
    shade = Item("Shade", _inr("500.00"), hs_code="9405.99", origin="CN")
    shipment = Shipment((_lamp(), shade), destination="IN")
    cost = landed_cost(shipment, incoterm="DDP", on=ON, tariffs=_tariff())
    assert len(cost.duties) == 4  # duty, duty, surcharge, surcharge
    assert cost.item_duties[0] + cost.item_duties[1] == cost.duty
    with pytest.raises(CommerceKitError, match="one line per item"):
        attrs.evolve(cost, duties=cost.duties[::-1])
    with pytest.raises(CommerceKitError, match="one line per item"):
        attrs.evolve(cost, duties=cost.duties[:3])
    with pytest.raises(CommerceKitError, match="one line per item"):
        attrs.evolve(cost, duties=())


def _by_hand(
    goods: Decimal, freight: Decimal, insurance: Decimal, bcd: Decimal, sws: Decimal
) -> tuple[Decimal, Decimal, Decimal]:
    """BCD, SWS and IGST (18%) by the statutes' formula, each rounded half up."""
    cent = Decimal("0.01")
    value = goods + freight + insurance
    duty = (value * bcd / 100).quantize(cent, ROUND_HALF_UP)
    surcharge = (duty * sws / 100).quantize(cent, ROUND_HALF_UP)
    igst = ((value + duty + surcharge) * 18 / 100).quantize(cent, ROUND_HALF_UP)
    return duty, surcharge, igst


AMOUNTS = st.decimals(min_value=1, max_value=10**7, places=2)
PERCENTS = st.decimals(min_value=0, max_value=150, places=1)


@given(
    goods=AMOUNTS, freight=AMOUNTS, insurance=AMOUNTS, bcd=PERCENTS,
    sws=st.none() | st.decimals(min_value=0, max_value=10, places=1),
    ddp=st.booleans(), mode=st.sampled_from(["air", "sea", "land"]),
)  # fmt: skip
def test_landed_cost_into_india_equals_the_formula_by_hand(
    goods: Decimal,
    freight: Decimal,
    insurance: Decimal,
    bcd: Decimal,
    sws: Decimal | None,
    ddp: bool,  # a hypothesis draw
    mode: str,
) -> None:
    """duty == BCD + SWS, import tax == IGST on AV + BCD + SWS (transport by air at no
    more than 20% of FOB), charges == their sum rounded to the rupee, paid at checkout
    under DDP and at the door under DAP."""
    shipment = Shipment(
        (Item("Lamp", _inr(str(goods)), hs_code="9405.11", origin="CN"),),
        destination="IN", shipping=_inr(str(freight)), insurance=_inr(str(insurance)),
        transport_mode=mode,
    )  # fmt: skip
    tariff = _tariff(str(bcd), None if sws is None else str(sws))
    if mode == "air":  # counted at no more than 20% of the FOB value
        freight = min(freight, (goods / 5).quantize(Decimal("0.01"), ROUND_HALF_UP))
    cost = landed_cost(shipment, incoterm="DDP" if ddp else "DAP", on=ON, tariffs=tariff)
    duty, surcharge, igst = _by_hand(
        goods, freight, insurance, bcd, Decimal(10) if sws is None else sws
    )
    assert [line.amount.amount for line in cost.duties] == [duty, surcharge]
    assert cost.import_tax.amount == igst
    payable = duty + surcharge + igst
    assert cost.charges.amount == payable.quantize(Decimal(1), ROUND_HALF_UP)
    assert cost.rounding is not None
    assert cost.charges.amount == payable + cost.rounding.amount
    assert cost.total == cost.price + cost.charges
    paid_now = cost.collected_at_checkout - cost.price
    assert (paid_now, cost.due_at_delivery) == (
        (cost.charges, _inr("0.00")) if ddp else (_inr("0.00"), cost.charges)
    )


def _quote_to_mumbai(incoterm: str) -> tuple[object, LandedCost]:
    products = {"LAMP": Product("LAMP", "standard", hs_code="9405.11", origin="CN")}
    context = CheckoutContext(
        Seller("US"), Buyer("IN", subdivision="IN-MH"),
        at=datetime(2026, 6, 1, 12, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        prices_include_tax=False, products=products, incoterm=incoterm,
        tariffs=_tariff(),
    )  # fmt: skip
    result = quote(Cart([CartLine("LAMP", _inr("5000.00"), 2)]), context)
    landed = result.landed
    assert landed is not None
    return result, landed


@pytest.mark.parametrize("incoterm", ["DDP", "DDU"])
def test_the_quote_for_an_indian_buyer_charges_or_names_the_border_amounts(
    incoterm: str,
) -> None:
    """Differential: the quote's border charges equal landed cost by hand (goods
    10,000, no shipping charged: freight and insurance assumed at 20% and 1.125%)."""
    result, landed = _quote_to_mumbai(incoterm)
    value = Decimal("10000") + Decimal("2000") + Decimal("112.50")
    duty, surcharge, igst = _by_hand(Decimal(10000), Decimal(2000), Decimal("112.50"),
                                     Decimal(20), Decimal(10))  # fmt: skip
    assert landed.customs_value.amount == value
    payable = duty + surcharge + igst
    charges = _inr(str(payable.quantize(Decimal(1), ROUND_HALF_UP)))
    assert landed.charges == charges
    zero = _inr("0.00")
    if incoterm == "DDP":
        assert (result.collected_border_charges, result.due_at_delivery) == (charges, zero)  # type: ignore[attr-defined]
    else:
        assert (result.collected_border_charges, result.due_at_delivery) == (zero, charges)  # type: ignore[attr-defined]
    assert result.grand_total == (  # type: ignore[attr-defined]
        result.subtotal + result.collected_border_charges  # type: ignore[attr-defined]
    )


def test_a_refund_gives_back_each_lines_own_igst_not_a_share_by_value() -> None:
    """Regression: returning a zero-rated book (BCD 0%, IGST 0%) from a DDP order
    with a lamp gave back 241.81 of the lamp's IGST (shared by net value). Each line's
    border share is its own duty, surcharge and import tax."""
    tariff = TariffTable(
        [
            *_tariff().rates,
            DutyRate("IN", "4901", "0", date(2018, 1, 1), None, TARIFF_SOURCE),
        ],
        name="the caller's Indian tariff",
    )
    products = {
        "LAMP": Product("LAMP", "standard", hs_code="9405.11", origin="CN"),
        "BOOK": Product("BOOK", "books", hs_code="4901.99", origin="CN"),
    }
    context = CheckoutContext(
        Seller("US"), Buyer("IN", subdivision="IN-MH"),
        at=datetime(2026, 6, 1, 12, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        prices_include_tax=False, products=products, incoterm="DDP", tariffs=tariff,
    )  # fmt: skip
    cart = Cart([CartLine("LAMP", _inr("5000.00"), 2), CartLine("BOOK", _inr("333.33"), 3)])
    order = quote(cart, context)
    landed = order.landed
    assert landed is not None
    by_item = {line.item.description: line.amount for line in landed.taxes}
    assert by_item["BOOK"] == _inr("0.00")
    policy = RefundPolicy(refund_border_charges=True)
    book = refund(order, {"BOOK": 3}, policy)
    assert book.border == _inr("0.00")
    lamp = refund(order, {"LAMP": 2}, policy, previous=[book])
    assert lamp.border == order.collected_border_charges


def test_goods_said_to_be_taxed_at_sale_are_refused_into_india() -> None:
    """Regression: sold_under='IOSS' into India dropped the IGST to 0.00. India has no
    scheme that collects IGST on imported goods at sale: it is levied at the border."""
    shipment = Shipment((_lamp(),), destination="IN", sold_under="IOSS")
    with pytest.raises(CommerceKitError, match="sold_under"):
        landed_cost(shipment, incoterm="DDP", on=ON, tariffs=_tariff())


def test_transport_by_air_counts_at_no_more_than_a_fifth_of_the_fob_value() -> None:
    """r. 10(2), the proviso on goods imported by air: an ascertained transport cost
    counts at no more than 20% of the FOB value. HAND-COMPUTED: goods 100,000 with
    transport 30,000 by air count 20,000 (assessable value 121,125 with insurance
    1,125); by sea the whole 30,000 (131,125). Without the mode, a cost above the cap
    is refused: the customs value depends on it."""

    def by(mode: str | None, transport: str = "30000.00") -> Shipment:
        return Shipment(
            (_lamp(),), destination="IN", shipping=_inr(transport),
            insurance=_inr("1125.00"), transport_mode=mode,
        )  # fmt: skip

    air = landed_cost(by("air"), incoterm="DDP", on=ON, tariffs=_tariff())
    assert air.customs_value == _inr("121125.00")
    (capped,) = [line for line in air.explanation if "by air" in line]
    assert capped.startswith("transport 30000.00 INR counted as 20000.00 INR")
    assert air.price == _inr("131125.00")  # the buyer still pays the whole transport
    sea = landed_cost(by("sea"), incoterm="DDP", on=ON, tariffs=_tariff())
    assert sea.customs_value == _inr("131125.00")
    with pytest.raises(MissingDataError, match="transport_mode") as error:
        landed_cost(by(None), incoterm="DDP", on=ON, tariffs=_tariff())
    assert "no more than 20000.00 INR" in str(error.value)
    at_the_cap = landed_cost(by(None, "20000.00"), incoterm="DDP", on=ON, tariffs=_tariff())
    assert at_the_cap.customs_value == _inr("121125.00")
    assert not [line for line in at_the_cap.explanation if "by air" in line]


@pytest.mark.parametrize("bad", ["rail", "AIR", 1, True, ""])
def test_an_unknown_transport_mode_is_refused(bad: object) -> None:
    with pytest.raises(CommerceKitError, match="transport_mode"):
        Shipment((_lamp(),), destination="IN", transport_mode=bad)
