"""Regions: EU membership and the special territories."""

from __future__ import annotations

from datetime import date

import pytest

from commercekit.errors import InvalidAmountError, UnknownCountryError
from commercekit.regions import (
    eu_members,
    is_eu_member,
    locate,
    special_territory,
    vat_prefix,
)
from commercekit.regions._territories import _read as read_territories

TERRITORIES = read_territories()

TODAY = date(2026, 11, 26)


def test_membership_is_dated() -> None:
    assert len(eu_members(on=TODAY)) == 27
    assert is_eu_member("GB", on=date(2020, 12, 31))
    assert not is_eu_member("GB", on=date(2021, 1, 1))
    assert not is_eu_member("HR", on=date(2013, 6, 30))
    assert is_eu_member("HR", on=date(2013, 7, 1))
    assert not is_eu_member("CH", on=TODAY)


@pytest.mark.parametrize(
    ("country", "postcode", "subdivision", "expected"),
    [
        ("ES", "35001", None, "ES-CN"),
        ("ES", "38001", None, "ES-CN"),
        ("ES", "51001", None, "ES-CE"),
        ("ES", "52001", None, "ES-ML"),
        ("ES", "28001", None, None),
        ("DE", "27498", None, "DE-HELGOLAND"),
        ("DE", "78266", None, "DE-BUSINGEN"),
        ("DE", "10115", None, None),
        ("IT", "23041", None, "IT-LIVIGNO"),
        ("IT", "22061", None, "IT-CAMPIONE"),
        ("FI", "22100", None, "FI-01"),
        ("FR", "97110", None, "FR-971"),
        ("FR", "97150", None, "FR-MF"),  # Saint-Martin, inside Guadeloupe's 971 range
        ("FR", "97133", None, "FR-BL"),  # Saint-Barthélemy, outside the EU
        ("FR", "97400", None, "FR-974"),
        ("FR", "75001", None, None),
        ("FR", None, "FR-GP", "FR-971"),  # the older ISO 3166-2 code
        ("GR", None, "GR-69", "GR-69"),
        ("GB", "BT1 1AA", None, "GB-NIR"),
        ("GB", "SW1A 1AA", None, None),
        ("AX", None, None, "FI-01"),
    ],
)
def test_locate(
    country: str, postcode: str | None, subdivision: str | None, expected: str | None
) -> None:
    found = locate(country, postcode=postcode, subdivision=subdivision)
    assert (found.code if found else None) == expected


def test_every_territory_is_sourced_and_explained() -> None:
    for territory in TERRITORIES:
        assert territory.source.startswith("http")
        assert territory.legal_basis
        assert territory.name in territory.explain()
    assert special_territory("GB-NIR").in_eu_vat_area  # type: ignore[union-attr]
    assert "goods" in special_territory("GB-NIR").explain()  # type: ignore[union-attr]


def test_vat_prefix_and_bad_input() -> None:
    assert vat_prefix("GR") == "EL"
    assert vat_prefix("de") == "DE"
    with pytest.raises(UnknownCountryError):
        locate("XX")
    with pytest.raises(UnknownCountryError):
        is_eu_member("Germany", on=TODAY)
    with pytest.raises(InvalidAmountError, match="not a date"):
        is_eu_member("DE", on="2026-01-01")  # type: ignore[arg-type]
