"""Valid calls over ``commercekit.regions``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from commercekit.regions import (
    Place,
    RateRegion,
    Territory,
    locate,
    place_of,
    rate_region,
)
from tests.hostile import Call, call, method

DAY = date(2026, 6, 1)


def _canaries() -> Territory:
    found = locate("ES", postcode="35001", on=DAY)
    assert found is not None
    return found


def _azores() -> RateRegion:
    found = rate_region("PT", subdivision="PT-20", on=DAY)
    assert found is not None
    return found


def _place() -> Place:
    return place_of("ES", postcode="35001", on=DAY)


def _territory_fields() -> dict[str, object]:
    found = _canaries()
    return {
        "code": found.code,
        "name": found.name,
        "country": found.country,
        "subdivision": found.subdivision,
        "iso_alpha2": found.iso_alpha2,
        "postcodes": found.postcodes,
        "in_eu_vat_area": found.in_eu_vat_area,
        "in_eu_customs_territory": found.in_eu_customs_territory,
        "eu_treaties_apply": found.eu_treaties_apply,
        "vat_of": found.vat_of,
        "customs_of": found.customs_of,
        "since": found.since,
        "until": found.until,
        "tax_instead": found.tax_instead,
        "legal_basis": found.legal_basis,
        "sources": found.sources,
        "note": found.note,
    }


CALLS: dict[str, Callable[[], Call]] = {
    "Place": lambda: call(
        country="ES",
        subdivision=None,
        postcode="35001",
        on=DAY,
        territory=_canaries(),
        goods_jurisdiction="ES-CN",
        services_jurisdiction="ES-CN",
        in_eu_vat_area_for_goods=False,
        in_eu_vat_area_for_services=False,
        customs_territory="EU",
        why=("Canary Islands are outside the EU VAT area",),
        rate_region=None,
    ),
    "Place.rates_jurisdiction": lambda: method(_place().rates_jurisdiction, goods=True),
    "Place.jurisdiction": lambda: method(_place().jurisdiction, goods=True),
    "Place.in_eu_vat_area": lambda: method(_place().in_eu_vat_area, goods=False),
    "Place.vat_area": lambda: method(_place().vat_area, goods=True),
    "RateRegion": lambda: call(
        code="PT-20",
        name="Azores",
        country="PT",
        subdivisions=("PT-20",),
        postcodes=("95*", "96*"),
        since=date(1986, 1, 1),
        until=None,
        legal_basis="Lei Orgânica 2/2013 art. 59(2)",
        source="https://www.apcmc.pt/?p=34244",
        note="",
    ),
    "RateRegion.covers": lambda: method(_azores().covers, DAY),
    "Territory": lambda: call(**_territory_fields()),
    "Territory.covers": lambda: method(_canaries().covers, DAY),
    "Territory.matches_postcode": lambda: method(
        _canaries().matches_postcode, "35001", exact=False
    ),
    "check_country": lambda: call("DE"),
    "check_day": lambda: call(DAY),
    "check_subdivision": lambda: call("ES", "ES-CN"),
    "closed_on": lambda: call(date(2026, 6, 4), "DE", subdivision="BY"),
    "first_working_day": lambda: call(date(2026, 12, 25), "NL", subdivision=None),
    "holiday_region": lambda: call("DE", "DE-BY"),
    "regional_holidays": lambda: call(date(2026, 1, 6), "DE"),
    "customs_border": lambda: call(
        place_of("DE", on=DAY), place_of("ES", postcode="35001", on=DAY)
    ),
    "eea_members": lambda: call(on=DAY),
    "eu_members": lambda: call(on=DAY),
    "fiscal_border": lambda: call(
        place_of("DE", on=DAY), place_of("ES", postcode="35001", on=DAY)
    ),
    "is_eea_member": lambda: call("NO", on=DAY),
    "is_eu_member": lambda: call("DE", on=DAY),
    "locate": lambda: call("ES", subdivision="ES-CN", postcode="35001", on=DAY),
    "place_of": lambda: call("PT", subdivision="PT-20", postcode="9500-001", on=DAY),
    "rate_region": lambda: call("PT", subdivision="PT-20", postcode="9500-001", on=DAY),
    "special_territory": lambda: call("ES-CN", on=DAY),
    "vat_prefix": lambda: call("GR"),
}

VALID_BY_DESIGN: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    ("RateRegion", "subdivisions"): (
        frozenset({"empty text"}),
        (
            "codes may be given as the data file's space-separated text; empty means "
            "none (a region named by postcodes alone)"
        ),
    ),
    ("RateRegion", "postcodes"): (
        frozenset({"empty text"}),
        (
            "codes may be given as the data file's space-separated text; empty means "
            "none (a region named by subdivisions alone)"
        ),
    ),
}
