"""India in ``threshold_status``: its registration rules are not bundled, and the answer
says so by name instead of listing nothing (which would read as "nothing to register")."""

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


def _india(sales: list[CountedSale], home: str) -> list[ThresholdStatus]:
    found = threshold_status(sales, (), seller_country=home, on=ON)
    return [status for status in found if status.jurisdiction == "IN"]


@pytest.mark.parametrize(
    ("home", "sales"),
    [
        ("IN", []),  # a seller in India, before its first sale
        ("IN", [TO_INDIA]),
        ("US", [TO_INDIA]),  # a seller abroad selling to India
    ],
)
def test_india_is_listed_as_not_bundled_with_its_rules_named(
    home: str, sales: list[CountedSale]
) -> None:
    (status,) = _india(sales, home)
    assert status.status is Registration.NOT_BUNDLED
    assert (status.threshold, status.counted, status.share) == (None, None, None)
    (rules,) = status.unmeasured
    for named in ("s. 22", "s. 24", "Notification 10/2019-Central Tax", "April to March"):
        assert named in rules
    assert "https://cbic-gst.gov.in/gst-acts.html" in rules
    assert status.explain().startswith("IN: not bundled. India's GST registration rules")


def test_a_seller_with_no_tie_to_india_gets_no_india_status() -> None:
    assert _india([CountedSale(date(2026, 5, 1), Money("100", "EUR"), "FR")], "NL") == []


def test_india_has_no_registration_threshold_row() -> None:
    """The status is not built from a made-up row: there is none to look up."""
    with pytest.raises(CommerceKitError, match="IN"):
        threshold_for("IN", "registration_threshold", on=ON)


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
