"""India in ``threshold_status``: a seller in India is measured against CGST Act s.
22(1)'s INR 20 lakh over the financial year (1 April to 31 March), its whole aggregate
turnover counted (exports too, s. 2(6)), with what changes the limit named; a seller
abroad, whose registration s. 24 alone decides, is listed by name, never left out."""

from __future__ import annotations

from datetime import date

import pytest

from commercekit.errors import CommerceKitError
from commercekit.money import Money
from commercekit.tax import (
    CountedSale,
    Registration,
    ThresholdStatus,
    threshold_for,
    threshold_status,
)
from commercekit.tax._jurisdictions import JURISDICTION_REGISTRY

ON = date(2026, 11, 26)
TO_INDIA = CountedSale(date(2026, 5, 1), Money("100.00", "INR"), "IN")


def _india(sales: list[CountedSale], home: str, on: date = ON) -> list[ThresholdStatus]:
    found = threshold_status(sales, (), seller_country=home, on=on)
    return [status for status in found if status.jurisdiction == "IN"]


def inr(amount: str) -> Money:
    return Money(amount, "INR")


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("1598000", Registration.BELOW),  # share 0.799
        ("1600000", Registration.APPROACHING),  # 80 % of 20 lakh is 16 lakh
        ("2000000", Registration.APPROACHING),  # "exceeds": the limit itself is not
        ("2000001", Registration.MUST_REGISTER),  # one rupee over
    ],
)
def test_a_seller_in_india_is_measured_against_20_lakh(
    amount: str, expected: Registration
) -> None:
    (status,) = _india([CountedSale(date(2026, 5, 1), inr(amount), "IN")], "IN")
    assert status.status is expected
    assert status.threshold is not None
    assert status.threshold.amount == inr("2000000")
    assert (status.window_start, status.window_end) == (date(2026, 4, 1), ON)
    (caveat,) = status.unmeasured
    for named in ("10 lakh", "40 lakh", "Notification 10/2019", "s. 24"):
        assert named in caveat
    assert "gst_registration_status" in caveat


def test_the_financial_year_begins_on_1_april() -> None:
    over = inr("2500000")
    march = [CountedSale(date(2026, 3, 31), over, "IN")]
    april = [CountedSale(date(2026, 4, 1), over, "IN")]
    # On 31 March the sale is this financial year's; on 1 April, the previous one's.
    (before,) = _india(march, "IN", on=date(2026, 3, 31))
    assert (before.window_start, before.counted) == (date(2025, 4, 1), over)
    (after,) = _india(march, "IN", on=date(2026, 4, 1))
    assert (after.window_start, after.counted) == (date(2026, 4, 1), inr("0"))
    assert after.previous_period == over
    assert after.status is Registration.MUST_REGISTER  # crossed last year, not registered
    (new_year,) = _india(april, "IN", on=date(2026, 4, 1))
    assert new_year.counted == over


def test_exports_and_sales_to_businesses_count_toward_aggregate_turnover() -> None:
    """CGST Act s. 2(6): exports and all taxable and exempt supplies count."""
    sales = [
        CountedSale(date(2026, 5, 1), inr("1500000"), "DE"),  # an export
        CountedSale(date(2026, 5, 2), inr("500001"), "IN", business=True),
    ]
    (status,) = _india(sales, "IN")
    assert status.counted == inr("2000001")
    assert status.status is Registration.MUST_REGISTER


def test_a_registered_seller_is_registered() -> None:
    found = threshold_status([], ("IN",), seller_country="IN", on=ON)
    (status,) = [s for s in found if s.jurisdiction == "IN"]
    assert status.status is Registration.REGISTERED


def test_a_seller_abroad_selling_to_india_is_named_not_measured() -> None:
    (status,) = _india([TO_INDIA], "US")
    assert status.status is Registration.NOT_BUNDLED
    assert (status.threshold, status.counted, status.share) == (None, None, None)
    (rules,) = status.unmeasured
    for named in ("s. 24(xi)", "IGST Act s. 14", "s. 24(v)", "gst_registration_status"):
        assert named in rules


def test_a_seller_with_no_tie_to_india_gets_no_india_status() -> None:
    assert _india([CountedSale(date(2026, 5, 1), Money("100", "EUR"), "FR")], "NL") == []


def test_the_limits_begin_with_gst_and_the_goods_limit_on_2019_04_01() -> None:
    assert threshold_for("IN", "registration_threshold", on=date(2017, 7, 1)).amount == (
        inr("2000000")
    )
    with pytest.raises(CommerceKitError):
        threshold_for("IN", "registration_threshold", on=date(2017, 6, 30))
    with pytest.raises(CommerceKitError):
        threshold_for("IN", "registration_threshold_goods", on=date(2019, 3, 31))
    goods = threshold_for("IN", "registration_threshold_goods", on=date(2019, 4, 1))
    assert goods.amount == inr("4000000")
    special = "registration_threshold_special_category"
    assert threshold_for("IN", special, on=ON).amount == inr("1000000")


@pytest.mark.parametrize("code", sorted(JURISDICTION_REGISTRY))
def test_every_jurisdiction_answers_a_seller_established_there(code: str) -> None:
    """No registered jurisdiction is silent for a seller established there: it
    measures a threshold or names its rules as not bundled."""
    home = "NL" if code == "EU" else code
    found = [
        status
        for status in threshold_status([], (), seller_country=home, on=ON)
        if status.jurisdiction == code
    ]
    assert found


def _status(**changes: object) -> ThresholdStatus:
    fields: dict[str, object] = {
        "jurisdiction": "IN",
        "threshold": None,
        "window_start": None,
        "window_end": None,
        "counted": None,
        "previous_period": None,
        "share": None,
        "status": Registration.NOT_BUNDLED,
        "unmeasured": ("India's GST registration rules are not bundled",),
    }
    return ThresholdStatus(**{**fields, **changes})  # type: ignore[arg-type]


def test_a_not_bundled_status_measures_nothing_and_names_what_is_missing() -> None:
    assert _status().status is Registration.NOT_BUNDLED
    with pytest.raises(CommerceKitError, match="exactly when it is not_bundled"):
        _status(counted=Money("1.00", "INR"))
    with pytest.raises(CommerceKitError, match="name the rules not bundled"):
        _status(unmeasured=())


def test_a_measured_status_needs_its_threshold() -> None:
    with pytest.raises(CommerceKitError, match="exactly when it is not_bundled"):
        _status(status=Registration.BELOW)
