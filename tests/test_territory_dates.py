"""A special territory is answered on the days its rows cover and refused on the others,
never silently as its parent country: New Caledonia was outside the EU VAT area and
customs territory before 1995 too (EEC Treaty Part Four, TFEU Art. 355(2) and Annex II),
so a day before the data begins cannot be France's."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.regions import Place, Territory, place_of
from commercekit.regions._territories import _read as read_territories
from commercekit.tax import Buyer, Sale, Seller, decide

TERRITORIES = read_territories()

OWN_CODES = sorted(
    {
        (row.country, row.subdivision, row.iso_alpha2)
        for row in TERRITORIES
        if row.subdivision and row.iso_alpha2
    }
)
"""Territories with two spellings: an ISO 3166-2 subdivision and an ISO 3166-1 code."""
OWN_STATUS = [row for row in TERRITORIES if row.subdivision and row.code != "GB-NIR"]
"""Rows placing a subdivision whose status is its own in every period the data knows
(Northern Ireland was simply part of the UK before 2021)."""
DAYS = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))


def _answer(country: str, on: date, subdivision: str | None = None) -> tuple[object, ...]:
    try:
        place: Place = place_of(country, subdivision=subdivision, on=on)
    except MissingDataError:
        return ("refused",)
    return (
        place.goods_jurisdiction,
        place.services_jurisdiction,
        place.in_eu_vat_area_for_goods,
        place.in_eu_vat_area_for_services,
        place.customs_territory,
    )


@pytest.mark.parametrize(
    ("country", "subdivision"),
    [("FR", "FR-NC"), ("NC", None), ("NL", "NL-AW"), ("AW", None)],
)
def test_a_day_before_the_rows_is_refused_not_answered_as_the_parent_country(
    country: str, subdivision: str | None
) -> None:
    with pytest.raises(MissingDataError, match=r"1995-01-01 to now"):
        place_of(country, subdivision=subdivision, on=date(1994, 12, 31))


def test_a_postcode_of_a_territory_before_its_rows_is_refused() -> None:
    with pytest.raises(MissingDataError, match=r"New Caledonia .* 1994-12-31"):
        place_of("FR", postcode="98800", on=date(1994, 12, 31))


def test_northern_ireland_before_the_protocol_is_the_united_kingdom() -> None:
    place = place_of("GB", subdivision="GB-NIR", on=date(2020, 12, 31))
    assert (place.goods_jurisdiction, place.territory) == ("GB", None)


@given(row=st.sampled_from(OWN_CODES), on=DAYS)
def test_both_spellings_of_a_territory_agree_on_every_day(
    row: tuple[str, str, str], on: date
) -> None:
    """A territory given as its country's subdivision (FR-NC) and by its own ISO 3166-1
    code (NC) gets the same answer on any day: both refused, or the same jurisdictions,
    EU VAT area and customs territory."""
    country, subdivision, own = row
    assert _answer(country, on, subdivision) == _answer(own, on)


@given(row=st.sampled_from(OWN_STATUS), on=DAYS)
def test_a_subdivision_with_rows_is_never_its_parent_country_on_an_uncovered_day(
    row: Territory, on: date
) -> None:
    """A subdivision that has a row in some period is, on a day no row of it covers,
    refused (Northern Ireland, part of the UK before 2021, aside)."""
    covered = any(other.covers(on) for other in TERRITORIES if other.code == row.code)
    answer = _answer(row.country, on, row.subdivision)
    assert (answer == ("refused",)) is not covered


def test_a_decision_explains_the_territory_by_its_row_on_the_day() -> None:
    """Mayotte was an overseas country or territory until 2013-12-31 (Decision
    2012/419/EU): a 2013 sale there is explained by that row, not by the outermost
    region's row of 2014."""
    shop = Seller("NL", {"OSS"}, eu_sales_this_year=Money("25000", "EUR"))
    sale = Sale(shop, Buyer("FR", subdivision="FR-976"), "goods", Money("40.00", "EUR"))
    said = " ".join(rule.text for rule in decide(sale, on=date(2013, 6, 1)).rules)
    assert "OCT until 2013-12-31" in said
    assert "Art 6(1)(c)" not in said
