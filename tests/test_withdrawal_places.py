"""The EU right of withdrawal follows the place's own status on the day (``place_of``),
not its country's code: Directive 2011/83/EU applies where the Treaties do, the
outermost regions included (TFEU Art. 349 and 355(1): the Canary Islands, Réunion), and
not in the overseas countries and territories (Art. 355(2) and Annex II: New Caledonia,
Aruba), whichever way the address spells them."""

from __future__ import annotations

from datetime import date

import pytest

from commercekit.checkout import withdrawal_deadline
from commercekit.errors import NoRuleError

DELIVERED = date(2026, 12, 11)  # 14th day Fri. 25 Dec.; 26 Dec. a Saturday, then Sunday


@pytest.mark.parametrize(
    ("country", "subdivision"),
    [("FR", "FR-NC"), ("FR", "NC"), ("NC", None), ("NL", "NL-AW"), ("AW", None)],
)
def test_an_overseas_country_or_territory_has_no_eu_right_of_withdrawal(
    country: str, subdivision: str | None
) -> None:
    with pytest.raises(NoRuleError, match=r"Treaties apply"):
        withdrawal_deadline(DELIVERED, country=country, subdivision=subdivision)


@pytest.mark.parametrize(
    ("country", "subdivision"),
    [("ES", "ES-CN"), ("ES", "CN"), ("FR", "FR-974"), ("RE", None)],
)
def test_an_outermost_region_keeps_the_eu_right_of_withdrawal(
    country: str, subdivision: str | None
) -> None:
    """Outside the EU VAT area, inside EU consumer law: Christmas Day moves the end to
    Monday 28 December."""
    assert withdrawal_deadline(DELIVERED, country=country, subdivision=subdivision) == date(
        2026, 12, 28
    )


def test_a_canary_province_is_not_refused_as_outside_the_eu() -> None:
    """Las Palmas (ES-GC) is inside the EU, and takes the calendar of its region, the
    Canary Islands (``CN``); tests/test_holiday_provinces.py has a day they differ."""
    for subdivision in ("ES-GC", "CN"):
        assert withdrawal_deadline(
            DELIVERED, country="ES", subdivision=subdivision
        ) == date(2026, 12, 28)


def test_mayotte_and_saint_barthelemy_follow_their_status_on_the_day() -> None:
    """Mayotte has been an outermost region since 2014 (Decision 2012/419/EU);
    Saint-Barthélemy an OCT since 2012 (Decision 2010/718/EU)."""
    assert withdrawal_deadline(DELIVERED, country="FR", subdivision="FR-976") == date(
        2026, 12, 28
    )
    with pytest.raises(NoRuleError):
        withdrawal_deadline(DELIVERED, country="FR", subdivision="FR-BL")
