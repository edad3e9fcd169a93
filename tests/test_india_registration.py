"""``gst_registration_status``: India's turnover limits (CGST Act s. 22(1), Notification
10/2019-Central Tax) and compulsory registration (s. 24), each on both sides of its
amount ("exceeds": the limit itself is not liable, one rupee over is) and of each
change of date.

Worked examples follow the texts: Notification 10/2019-Central Tax (a supplier
exclusively of goods up to forty lakh rupees, except in the States of its clause (c),
Telangana among them, and for the goods of its table); the CGST (Amendment) Act 2018
(Uttarakhand no longer a special category State from 2019-02-01); Notification
34/2023-Central Tax (goods through an e-commerce operator from 2023-10-01, no
inter-State supply, turnover within the s. 22(1) limit in the preceding and the
current financial year).
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import CommerceKitError, NoRuleError
from commercekit.money import Money
from commercekit.tax import (
    CountedSale,
    GstSupplier,
    GstSupply,
    Registration,
    gst_registration_status,
)

ON = date(2026, 6, 1)
GOODS = frozenset({GstSupply.GOODS})
SERVICES = frozenset({GstSupply.SERVICES})


def year(amount: int, day: date = date(2026, 5, 1)) -> list[CountedSale]:
    return [CountedSale(day, Money(amount, "INR"), "IN")]


def status(
    state: str | None,
    supplies: frozenset[GstSupply] | set[GstSupply],
    amount: int,
    on: date = ON,
    day: date | None = None,
) -> Registration:
    sales = year(amount, day or date(on.year if on.month >= 4 else on.year - 1, 4, 1))
    return gst_registration_status(sales, GstSupplier(state, supplies), on=on).status


def liable(state: str, supplies: frozenset[GstSupply], limit: int, on: date = ON) -> None:
    """The limit itself is not liable; one rupee over is."""
    assert status(state, supplies, limit, on) is not Registration.MUST_REGISTER
    assert status(state, supplies, limit + 1, on) is Registration.MUST_REGISTER


@pytest.mark.parametrize(
    ("state", "supplies", "limit"),
    [
        ("IN-KA", SERVICES, 2_000_000),  # s. 22(1)
        ("IN-KA", GOODS, 4_000_000),  # Notification 10/2019
        ("IN-KA", GOODS | SERVICES, 2_000_000),  # not exclusively goods
        ("IN-TS", GOODS, 2_000_000),  # Telangana: clause (c)
        ("IN-PY", GOODS, 2_000_000),  # Puducherry: clause (c)
        ("IN-UK", GOODS, 2_000_000),  # Uttarakhand: clause (c), no longer special
        ("IN-AS", GOODS, 4_000_000),  # Assam: neither special nor in clause (c)
        ("IN-JK", GOODS, 4_000_000),
        ("IN-MN", GOODS, 1_000_000),  # Manipur: special category
        ("IN-MZ", SERVICES, 1_000_000),
        ("IN-NL", SERVICES, 1_000_000),
        ("IN-TR", GOODS, 1_000_000),
        ("IN-KA", {GstSupply.GOODS, GstSupply.LISTED_GOODS}, 2_000_000),  # clause (b)
    ],
)
def test_each_limit_on_both_sides(
    state: str, supplies: frozenset[GstSupply], limit: int
) -> None:
    liable(state, frozenset(supplies), limit)


def test_the_goods_limit_begins_on_2019_04_01() -> None:
    assert status("IN-KA", GOODS, 2_000_001, date(2019, 3, 31)) is (
        Registration.MUST_REGISTER
    )
    assert status("IN-KA", GOODS, 2_000_001, date(2019, 4, 1)) is Registration.BELOW
    liable("IN-KA", GOODS, 4_000_000, date(2019, 4, 1))


def test_six_states_left_the_special_category_on_2019_02_01() -> None:
    for state in ("IN-UK", "IN-AR", "IN-AS", "IN-HP", "IN-ML", "IN-SK"):
        liable(state, SERVICES, 1_000_000, date(2019, 1, 31))
        liable(state, SERVICES, 2_000_000, date(2019, 2, 1))
    liable("IN-MN", SERVICES, 1_000_000, date(2019, 2, 1))


def test_no_rule_before_gst() -> None:
    with pytest.raises(NoRuleError):
        status("IN-KA", SERVICES, 1, date(2017, 6, 30))


def test_inter_state_goods_are_compulsory_whatever_the_turnover() -> None:
    found = gst_registration_status(
        [], GstSupplier("IN-KA", {GstSupply.INTER_STATE_GOODS}), on=ON
    )
    assert found.status is Registration.MUST_REGISTER
    assert found.turnover is not None
    assert found.turnover.status is Registration.BELOW
    assert "s. 24(i)" in found.compulsory[0].text


def test_inter_state_services_are_exempt_within_the_limit_from_2017_10_13() -> None:
    supplies = {GstSupply.INTER_STATE_SERVICES}
    assert status("IN-KA", supplies, 1, date(2017, 10, 12)) is Registration.MUST_REGISTER
    assert status("IN-KA", supplies, 1, date(2017, 10, 13)) is Registration.BELOW
    liable("IN-KA", frozenset(supplies), 2_000_000)


def test_services_through_an_operator_are_exempt_within_the_limit() -> None:
    liable("IN-KA", frozenset({GstSupply.SERVICES_THROUGH_ECO}), 2_000_000)


def test_goods_through_an_operator_from_tcs_to_notification_34_2023() -> None:
    eco = frozenset({GstSupply.GOODS_THROUGH_ECO})
    # No operator collected tax at source before s. 52 came into force.
    assert status("IN-KA", eco, 1, date(2018, 9, 30)) is Registration.BELOW
    assert status("IN-KA", eco, 1, date(2018, 10, 1)) is Registration.MUST_REGISTER
    assert status("IN-KA", eco, 1, date(2023, 9, 30)) is Registration.MUST_REGISTER
    assert status("IN-KA", eco, 1, date(2023, 10, 1)) is Registration.BELOW
    # Notification 34/2023 reads the s. 22(1) limit (20 lakh), not the 40 lakh for goods.
    liable("IN-KA", eco, 2_000_000, date(2023, 10, 1))
    liable("IN-MN", eco, 1_000_000, date(2023, 10, 1))
    both = eco | {GstSupply.INTER_STATE_GOODS}
    assert status("IN-KA", both, 1, date(2023, 10, 1)) is Registration.MUST_REGISTER


def test_notification_34_2023_reads_the_preceding_financial_year_too() -> None:
    eco = GstSupplier("IN-KA", {GstSupply.GOODS_THROUGH_ECO})
    last_year = year(2_000_001, date(2026, 3, 31))
    found = gst_registration_status(last_year, eco, on=date(2026, 4, 1))
    assert found.status is Registration.MUST_REGISTER
    assert "preceding financial year" in found.compulsory[0].text


@pytest.mark.parametrize("kind", [GstSupply.OIDAR, GstSupply.NON_RESIDENT])
def test_a_supplier_abroad_registers_under_section_24(kind: GstSupply) -> None:
    found = gst_registration_status([], GstSupplier(None, {kind}), on=ON)
    assert (found.status, found.turnover) == (Registration.MUST_REGISTER, None)
    assert "s. 24(" in found.compulsory[0].text


def test_registered_is_registered_and_says_why() -> None:
    found = gst_registration_status(
        year(1), GstSupplier("IN-KA", {GstSupply.INTER_STATE_GOODS}), on=ON, registered=True
    )
    assert found.status is Registration.REGISTERED
    assert found.compulsory
    assert found.explain().startswith("IN: registered\n- ")
    for rule in found.why:
        assert rule.source.startswith("https://")


@pytest.mark.parametrize(
    ("state", "supplies", "reason"),
    [
        (None, {GstSupply.GOODS}, "supplier outside India"),
        ("IN-KA", {GstSupply.OIDAR}, "pass state=None"),
        ("IN-KA", set(), "neither goods nor services"),
        ("IN-KA", "goods", "not a set"),
        ("IN-XX", {GstSupply.GOODS}, "IN-XX"),
        ("IN-KA", {"groceries"}, "groceries"),
    ],
)
def test_a_supplier_that_cannot_be_measured_is_refused(
    state: str | None, supplies: object, reason: str
) -> None:
    with pytest.raises(CommerceKitError, match=reason):
        GstSupplier(state, supplies)  # type: ignore[arg-type]


@given(
    st.sampled_from(["IN-KA", "IN-MN", "IN-TS", "IN-UK"]),
    st.sampled_from([GOODS, SERVICES, frozenset({GstSupply.GOODS_THROUGH_ECO})]),
    st.integers(0, 6_000_000),
    st.integers(0, 6_000_000),
    st.dates(date(2017, 7, 1), date(2030, 3, 31)),
)
def test_more_turnover_never_lifts_an_obligation(
    state: str, supplies: frozenset[GstSupply], amount: int, extra: int, on: date
) -> None:
    """Once a supplier must register, more turnover never makes it not required."""
    before = status(state, supplies, amount, on)
    after = status(state, supplies, amount + extra, on)
    if before is Registration.MUST_REGISTER:
        assert after is Registration.MUST_REGISTER
