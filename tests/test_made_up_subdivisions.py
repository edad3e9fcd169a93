"""A subdivision code its country does not have (CA-XX, FR-ZZ) is refused everywhere a
jurisdiction or a subdivision is taken, naming the country's codes or where they are
listed: it is never taken as valid, nor answered with the country's rules. A place is
refused with ``UnknownCountryError``; a rate lookup with ``UnknownJurisdictionError``,
as for every code it has no rates for."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import attrs
import pytest

from commercekit import regions, tax
from commercekit.errors import (
    InvalidPlaceError,
    UnknownCountryError,
    UnknownJurisdictionError,
)
from commercekit.money import Money

ON = date(2026, 11, 26)
MADE_UP = ("CA-XX", "FR-ZZ", "IN-XX", "US-XX", "GB-XX", "DE-XX", "PT-99")
"""Codes of the right shape (a country, a hyphen, one to three letters or digits) that
ISO 3166-2 does not have."""

_ONTARIO = regions.place_of("CA", subdivision="CA-ON", on=ON)
_GERMAN_RATE = tax.rate_for("DE", "standard", on=ON)
_SALE = tax.CountedSale(
    day=date(2026, 1, 5), destination="DE", amount=Money("10.00", "EUR")
)

ENTRY_POINTS: dict[str, Callable[[str], object]] = {
    "regions.check_subdivision": lambda code: regions.check_subdivision(code[:2], code),
    "regions.place_of": lambda code: regions.place_of(code[:2], subdivision=code, on=ON),
    "regions.rate_region": lambda code: regions.rate_region(
        code[:2], subdivision=code, on=ON
    ),
    "regions.Place.subdivision": lambda code: attrs.evolve(
        _ONTARIO, country=code[:2], subdivision=code
    ),
    "regions.Place.goods_jurisdiction": lambda code: attrs.evolve(
        _ONTARIO, goods_jurisdiction=code
    ),
    "regions.Place.services_jurisdiction": lambda code: attrs.evolve(
        _ONTARIO, services_jurisdiction=code
    ),
    "tax.rate_for": lambda code: tax.rate_for(code, "standard", on=ON),
    "tax.rates_for": lambda code: tax.rates_for(code, "standard", on=ON),
    "tax.source_rates": lambda code: tax.source_rates(tax.BUNDLED, code, "standard", on=ON),
    "tax.TaxRate.jurisdiction": lambda code: attrs.evolve(_GERMAN_RATE, jurisdiction=code),
    "tax.threshold_for": lambda code: tax.threshold_for(
        code, "distance_sales_threshold", on=ON
    ),
    "tax.threshold_periods": lambda code: tax.threshold_periods(
        code, "distance_sales_threshold"
    ),
    "tax.threshold_status registrations": lambda code: tax.threshold_status(
        [_SALE], [code], seller_country="NL", on=ON
    ),
    "tax.Seller registrations": lambda code: tax.Seller("NL", [code]),
    "tax.Buyer subdivision": lambda code: tax.Buyer(code[:2], subdivision=code),
}


RATE_LOOKUPS = frozenset({"tax.rate_for", "tax.rates_for", "tax.source_rates"})


@pytest.mark.parametrize("code", MADE_UP)
@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_a_made_up_subdivision_is_refused(entry: str, code: str) -> None:
    error = UnknownJurisdictionError if entry in RATE_LOOKUPS else UnknownCountryError
    with pytest.raises(error, match=code):
        ENTRY_POINTS[entry](code)


@pytest.mark.parametrize(
    ("code", "named"),
    [
        ("CA-XX", "CA-AB, CA-BC, CA-MB, CA-NB, CA-NL, CA-NS, CA-NT, CA-NU, CA-ON"),
        ("IN-XX", "IN-MH"),
        ("US-XX", "US-TX, US-UM, US-UT"),
        ("FR-ZZ", "ISO 3166-2:FR"),  # 124 codes: where they are listed
        ("GB-XX", "ISO 3166-2:GB"),
    ],
)
def test_the_refusal_names_the_country_codes(code: str, named: str) -> None:
    with pytest.raises(UnknownJurisdictionError) as refused:
        tax.rate_for(code, "standard", on=ON)
    assert named in str(refused.value)


def test_northern_ireland_has_no_subdivisions_of_its_own() -> None:
    # XI is a VAT code, not an ISO 3166-1 country: XI-XX is no jurisdiction.
    with pytest.raises(InvalidPlaceError, match="XI-XX"):
        tax.Seller("NL", ["XI-XX"])
    with pytest.raises(InvalidPlaceError, match="XI-XX"):
        regions.place_of("XI", subdivision="XI-XX", on=ON)


@pytest.mark.parametrize(
    ("code", "jurisdiction"),
    [("FR-75C", "FR"), ("PT-30", "PT-30"), ("FR-2A", "FR-20R"), ("CA-QC", "CA-QC")],
)
def test_a_real_subdivision_is_still_answered(code: str, jurisdiction: str) -> None:
    # Paris has France's rates; Madeira, Corsica and Quebec their own tables.
    assert tax.rates_for(code, "standard", on=ON)[0].jurisdiction == jurisdiction
    assert tax.Buyer(code[:2], subdivision=code).subdivision == code
