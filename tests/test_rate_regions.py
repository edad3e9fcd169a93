"""Rate regions: the Azores, Madeira and Corsica, from an address to their own rates."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from commercekit.errors import InvalidAmountError, NoRuleError, UnknownCountryError
from commercekit.regions import place_of
from commercekit.regions._rate_regions import RateRegion, rate_region
from commercekit.regions._rate_regions import _read as read_rate_regions
from commercekit.tax import RateKind, TaxCategory, jurisdictions, rate_for, rates_for
from commercekit.tax._rates import BUNDLED, TaxRate
from tests.dated_rules import assert_well_formed

RATE_REGIONS = read_rate_regions()

TODAY = date(2026, 11, 26)
DATA_START = date(2024, 1, 1)
REGIONS = tuple(region.code for region in RATE_REGIONS)


def test_the_bundled_regions() -> None:
    assert REGIONS == ("PT-20", "PT-30", "FR-20R")


# --- the rate tables: the checks every jurisdiction passes, run for the regions -------


def groups(code: str) -> dict[tuple[str, TaxCategory], list[TaxRate]]:
    found: dict[tuple[str, TaxCategory], list[TaxRate]] = {}
    for row in BUNDLED.rows[code]:
        found.setdefault((row.tax, row.category), []).append(row)
    return {key: sorted(rows, key=lambda r: r.since) for key, rows in found.items()}


@pytest.mark.parametrize("code", REGIONS)
def test_every_region_has_a_rate_table(code: str) -> None:
    assert code in jurisdictions()


@pytest.mark.parametrize("code", REGIONS)
def test_rows_are_well_formed(code: str) -> None:
    for key, rows in groups(code).items():
        assert_well_formed((code, *key), rows)
        for row in rows:
            assert (row.kind is RateKind.STANDARD) == (row.category is TaxCategory.STANDARD)
            assert row.note, f"{code} {row.category}: say what the category covers"
            # The kind follows the rate: below 5 % is super-reduced (RateKind).
            if row.kind is not RateKind.STANDARD:
                super_reduced = row.rate < 5
                assert (row.kind is RateKind.SUPER_REDUCED) == super_reduced, row


@pytest.mark.parametrize("code", REGIONS)
def test_standard_rate_has_no_gap_since_2024(code: str) -> None:
    rows = groups(code)["VAT", TaxCategory.STANDARD]
    day = DATA_START
    while True:
        covering = [row for row in rows if row.covers(day)]
        assert len(covering) == 1, f"{code} on {day}: {covering}"
        if covering[0].until is None:
            break
        day = covering[0].until + timedelta(days=1)


@pytest.mark.parametrize("code", REGIONS)
def test_nothing_before_the_data(code: str) -> None:
    first = min(r.since for r in BUNDLED.rows[code] if r.category is TaxCategory.STANDARD)
    with pytest.raises(NoRuleError):
        rates_for(code, "standard", on=first - timedelta(days=1))


CHANGES = [
    (earlier, later)
    for code in REGIONS
    for rows in groups(code).values()
    for earlier, later in itertools.pairwise(rows)
]


@pytest.mark.parametrize(
    ("earlier", "later"),
    CHANGES,
    ids=[f"{b.jurisdiction}-{b.category}-{b.since}" for _, b in CHANGES],
)
def test_each_change_on_both_sides_of_its_date(earlier: TaxRate, later: TaxRate) -> None:
    """Every change, also those before 2024: the old rate to its last day, then the new."""
    assert earlier.until == later.since - timedelta(days=1)
    before = rate_for(later.jurisdiction, later.category, on=earlier.until)
    on_the_day = rate_for(later.jurisdiction, later.category, on=later.since)
    assert (before.rate, before.since) == (earlier.rate, earlier.since)
    assert (on_the_day.rate, on_the_day.since) == (later.rate, later.since)
    assert before.rate != on_the_day.rate


@pytest.mark.parametrize(
    ("code", "category", "day_before", "rate_before", "day", "rate_after"),
    [
        # Azores: DLR 15-A/2021/A, the national 23 % less 30 % from 2021-07-01.
        ("PT-20", "standard", date(2021, 6, 30), "18", date(2021, 7, 1), "16"),
        # Madeira: DLR 6/2024/M art. 21, reduced rate 5 % -> 4 % from 2024-10-01.
        ("PT-30", "food", date(2024, 9, 30), "5", date(2024, 10, 1), "4"),
        ("PT-30", "books", date(2024, 9, 30), "5", date(2024, 10, 1), "4"),
        ("PT-30", "accommodation", date(2024, 9, 30), "5", date(2024, 10, 1), "4"),
        ("PT-30", "standard", date(2024, 9, 30), "22", date(2024, 10, 1), "22"),
        ("PT-30", "restaurant", date(2024, 9, 30), "12", date(2024, 10, 1), "12"),
    ],
)
def test_known_changes(
    code: str,
    category: str,
    day_before: date,
    rate_before: str,
    day: date,
    rate_after: str,
) -> None:
    assert rate_for(code, category, on=day_before).rate == Decimal(rate_before)
    assert rate_for(code, category, on=day).rate == Decimal(rate_after)


@pytest.mark.parametrize(
    ("code", "category", "day"),
    [
        ("PT-20", "standard", date(2015, 6, 30)),  # before Lei 63-A/2015
        ("PT-30", "standard", date(2012, 3, 31)),  # before Lei 14-A/2012
        ("FR-20R", "restaurant", date(2013, 12, 31)),  # the 8 % rate is not modelled
        ("FR-20R", "books", date(2013, 12, 31)),  # start not established
    ],
)
def test_before_each_table_nothing_is_guessed(code: str, category: str, day: date) -> None:
    with pytest.raises(NoRuleError):
        rate_for(code, category, on=day)


# Today's rates, written down from the sources rather than read from the files.
@pytest.mark.parametrize(
    ("code", "category", "rate"),
    [
        ("PT-20", "standard", "16"),
        ("PT-20", "food", "4"),  # Lista I
        ("PT-20", "restaurant", "9"),  # Lista II
        ("PT-30", "standard", "22"),
        ("PT-30", "food", "4"),
        ("PT-30", "restaurant", "12"),
        ("FR-20R", "standard", "20"),  # the national rate
        ("FR-20R", "food", "2.1"),  # CGI art. 297 I-1-2°
        ("FR-20R", "non_alcoholic_drinks", "2.1"),
        ("FR-20R", "books", "2.1"),
        ("FR-20R", "accommodation", "2.1"),
        ("FR-20R", "passenger_transport", "2.1"),
        ("FR-20R", "restaurant", "10"),  # art. 297 I-1-5° d, as on the mainland
        ("FR-20R", "newspapers", "2.1"),  # as on the mainland
        ("FR-20R", "medicines", "10"),  # as on the mainland
        ("FR-20R", "medical_devices", "5.5"),  # as on the mainland
    ],
)
def test_rates_today(code: str, category: str, rate: str) -> None:
    found = rate_for(code, category, on=TODAY)
    assert found.rate == Decimal(rate)
    assert not found.fallback


@pytest.mark.parametrize("code", REGIONS)
def test_a_category_without_a_row_falls_back_to_the_regions_standard_rate(
    code: str,
) -> None:
    found = rate_for(code, "childrens_clothing", on=TODAY)
    assert found.fallback
    assert found.rate == rate_for(code, "standard", on=TODAY).rate
    assert found.jurisdiction == code


@pytest.mark.parametrize("code", ["FR-2A", "FR-2B", "fr-2a"])
def test_corsican_departments_are_read_as_corsica(code: str) -> None:
    assert rate_for(code, "food", on=TODAY).jurisdiction == "FR-20R"


# --- the regions table -----------------------------------------------------------------


@pytest.mark.parametrize("region", RATE_REGIONS, ids=REGIONS)
def test_region_rows_are_well_formed(region: RateRegion) -> None:
    assert_well_formed(region.code, [region])
    assert region.code in region.subdivisions
    assert region.postcodes
    # The region has its own rates at least as long as its table has rows: a day the
    # table cannot answer raises NoRuleError rather than falling back to the mainland.
    first = min(row.since for row in BUNDLED.rows[region.code])
    assert region.since <= first


def test_no_postcode_is_claimed_twice() -> None:
    for one, other in itertools.combinations(RATE_REGIONS, 2):
        if one.country != other.country:
            continue
        for a, b in itertools.product(one.postcodes, other.postcodes):
            assert not a.rstrip("*").startswith(b.rstrip("*")), (one.code, a, b)
            assert not b.rstrip("*").startswith(a.rstrip("*")), (other.code, b, a)


# --- from an address to the region -----------------------------------------------------


@pytest.mark.parametrize(
    ("country", "postcode", "expected"),
    [
        ("PT", "9000-018", "PT-30"),  # Funchal
        ("PT", "9385-000", "PT-30"),  # the highest Madeira code in CTT's list
        ("PT", "9400-164", "PT-30"),  # Porto Santo
        ("PT", "9400164", "PT-30"),
        ("PT", " 9060 - 001 ", "PT-30"),  # spaces ignored
        ("PT", "9500-150", "PT-20"),  # Ponta Delgada, São Miguel
        ("PT", "9580-000", "PT-20"),  # Santa Maria
        ("PT", "9700-000", "PT-20"),  # Angra do Heroísmo, Terceira
        ("PT", "9900-037", "PT-20"),  # Horta, Faial
        ("PT", "9980-000", "PT-20"),  # Corvo
        ("PT", "1100-148", None),  # Lisbon
        ("PT", "4000-001", None),  # Porto
        ("PT", "8000-001", None),  # Faro
        ("FR", "20000", "FR-20R"),  # Ajaccio, Corse-du-Sud
        ("FR", "20090", "FR-20R"),
        ("FR", "20200", "FR-20R"),  # Bastia, Haute-Corse
        ("FR", "20620", "FR-20R"),
        ("FR", "75001", None),  # Paris
        ("FR", "13001", None),  # Marseille
        ("FR", "06000", None),  # Nice
        ("FR", "97110", None),  # Guadeloupe is a special territory, not a rate region
        ("ES", "20001", None),  # San Sebastián: another country's 20xxx
        ("IT", "20121", None),  # Milan
        ("DE", "20095", None),  # Hamburg
    ],
)
def test_located_by_postcode(country: str, postcode: str, expected: str | None) -> None:
    found = rate_region(country, postcode=postcode, on=TODAY)
    assert (found.code if found else None) == expected


@pytest.mark.parametrize(
    ("country", "subdivision", "expected"),
    [
        ("PT", "PT-20", "PT-20"),
        ("PT", "PT-30", "PT-30"),
        ("PT", "pt-30", "PT-30"),
        ("FR", "FR-20R", "FR-20R"),
        ("FR", "FR-2A", "FR-20R"),
        ("FR", "FR-2B", "FR-20R"),
        ("PT", "PT-11", None),  # Lisbon district
        ("FR", "FR-13", None),  # Bouches-du-Rhône
        ("FR", "FR-971", None),  # Guadeloupe: outside the VAT area, see locate()
        ("pt", "PT-20", "PT-20"),
    ],
)
def test_located_by_subdivision(
    country: str, subdivision: str, expected: str | None
) -> None:
    found = rate_region(country, subdivision=subdivision, on=TODAY)
    assert (found.code if found else None) == expected


def test_northern_ireland_given_as_xi_takes_its_subdivision() -> None:
    assert place_of("XI", subdivision="GB-NIR", on=TODAY).goods_jurisdiction == "XI"


def test_another_countrys_subdivision_is_refused_as_place_of_refuses_it() -> None:
    with pytest.raises(UnknownCountryError, match="not an ISO 3166-2 subdivision of FR"):
        rate_region("FR", subdivision="PT-30", on=TODAY)
    with pytest.raises(UnknownCountryError, match="not an ISO 3166-2 subdivision of FR"):
        place_of("FR", subdivision="PT-30", on=TODAY)


def test_a_subdivision_naming_a_region_decides_over_the_postcode() -> None:
    found = rate_region("PT", subdivision="PT-20", postcode="9000-018", on=TODAY)
    assert found is not None
    assert found.code == "PT-20"
    # A subdivision that names no region leaves the decision to the postcode.
    found = rate_region("PT", subdivision="PT-11", postcode="9000-018", on=TODAY)
    assert found is not None
    assert found.code == "PT-30"


def test_no_address_detail_means_the_ordinary_country() -> None:
    assert rate_region("PT", on=TODAY) is None
    # Empty text is not "no detail": None is, as place_of has always said.
    with pytest.raises(UnknownCountryError, match="not a subdivision code"):
        rate_region("PT", subdivision="", on=TODAY)
    with pytest.raises(UnknownCountryError, match="not a postcode"):
        rate_region("PT", postcode=" ", on=TODAY)


@pytest.mark.parametrize("region", RATE_REGIONS, ids=REGIONS)
def test_located_only_from_the_day_it_has_rates_of_its_own(region: RateRegion) -> None:
    postcode = region.postcodes[0].rstrip("*") + "000"
    day_before = region.since - timedelta(days=1)
    assert rate_region(region.country, postcode=postcode, on=day_before) is None
    assert rate_region(region.country, postcode=postcode, on=region.since) == region


def test_an_address_in_madeira_is_charged_madeiras_rate() -> None:
    """The bug this fixes: Madeira charged at the mainland's 23 %."""
    region = rate_region("PT", postcode="9000-018", on=TODAY)
    assert region is not None
    assert rate_for(region.code, "standard", on=TODAY).rate == 22
    assert rate_for("PT", "standard", on=TODAY).rate == 23


def test_the_explanation_names_the_table_and_the_source() -> None:
    region = rate_region("FR", postcode="20000", on=TODAY)
    assert region is not None
    text = region.explain()
    assert "FR-20R" in text
    assert region.source in text


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize("country", ["XX", "PRT", "", 351, None])
def test_unknown_country_refused(country: object) -> None:
    with pytest.raises(UnknownCountryError):
        rate_region(country, postcode="9000-018", on=TODAY)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "address",
    [
        {"postcode": 9000},
        {"postcode": b"9000-018"},
        {"subdivision": 30},
        {"subdivision": ["PT-30"]},
    ],
)
def test_address_parts_must_be_text(address: dict[str, object]) -> None:
    with pytest.raises(UnknownCountryError):
        rate_region("PT", on=TODAY, **address)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "on", [datetime(2026, 11, 26, 12, 0, tzinfo=UTC), "2026-11-26", None, 20261126]
)
def test_the_day_must_be_a_date(on: object) -> None:
    with pytest.raises(InvalidAmountError):
        rate_region("PT", postcode="9000-018", on=on)  # type: ignore[arg-type]


def _region(**changes: object) -> RateRegion:
    fields: dict[str, object] = {
        "code": "PT-30",
        "name": "Madeira",
        "country": "PT",
        "subdivisions": "PT-30",
        "postcodes": "90*",
        "since": date(1986, 1, 1),
        "until": None,
        "legal_basis": "DL 347/85",
        "source": "https://www.apcmc.pt/?p=34244",
    }
    fields.update(changes)
    return RateRegion(**fields)  # type: ignore[arg-type]


def test_a_region_is_validated_when_built() -> None:
    assert _region().postcodes == ("90*",)
    assert _region(subdivisions=["pt-30", "PT-31"]).subdivisions == ("PT-30", "PT-31")
    with pytest.raises(InvalidAmountError):
        _region(until=date(1985, 12, 31))
    with pytest.raises(InvalidAmountError):
        _region(since=datetime(1986, 1, 1, tzinfo=UTC))
    with pytest.raises(InvalidAmountError):
        _region(code="FR-20R")  # not a region of PT
    with pytest.raises(InvalidAmountError):
        _region(source="Diário da República")
    with pytest.raises(UnknownCountryError):
        _region(country="XX")
