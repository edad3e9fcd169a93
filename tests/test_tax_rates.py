"""The bundled rate tables: shape, history, and today's rates checked independently."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from commercekit.errors import MissingDataError, NoRuleError, OutsideVatAreaError
from commercekit.tax import RateKind, TaxCategory, jurisdictions, rate_for, rates_for
from commercekit.tax._rates import BUNDLED, TaxRate
from tests.dated_rules import assert_well_formed

TODAY = date(2026, 11, 26)
DATA_START = date(2024, 1, 1)
ALL = jurisdictions()
ROWS = [row for code in ALL for row in BUNDLED.rows[code]]

# Today's standard rates, written down independently of the data files from each
# authority's own publication, so that a slip in a file shows up here.
STANDARD_TODAY = {
    "AT": "20", "BE": "21", "BG": "20", "CY": "19", "CZ": "21", "DE": "19", "DK": "25",
    "EE": "24", "ES": "21", "FI": "25.5", "FR": "20", "GR": "24", "HR": "25", "HU": "27",
    "IE": "23", "IT": "22", "LT": "21", "LU": "17", "LV": "21", "MT": "18", "NL": "21",
    "PL": "23", "PT": "23", "RO": "21", "SE": "25", "SI": "22", "SK": "23",
    "GB": "20", "XI": "20", "NO": "25", "CH": "8.1", "AU": "10", "NZ": "15", "SG": "9",
    "JP": "10",
    # Regions inside a VAT area with rates of their own: Azores, Madeira (AT Ofício
    # Circulado 25045/2024), Corsica (the national rate, CGI art. 278).
    "PT-20": "16", "PT-30": "22", "FR-20R": "20",
}  # fmt: skip
CANADA_TODAY = {
    "CA-AB": {"GST": "5"},
    "CA-BC": {"GST": "5", "PST": "7"},
    "CA-MB": {"GST": "5", "RST": "7"},
    "CA-NB": {"HST": "15"},
    "CA-NL": {"HST": "15"},
    "CA-NS": {"HST": "14"},
    "CA-NT": {"GST": "5"},
    "CA-NU": {"GST": "5"},
    "CA-ON": {"HST": "13"},
    "CA-PE": {"HST": "15"},
    "CA-QC": {"GST": "5", "QST": "9.975"},
    "CA-SK": {"GST": "5", "PST": "6"},
    "CA-YT": {"GST": "5"},
}


# India's rates are asked by where the supply is taxed (tax/_india.py): IGST for an
# inter-State supply ('IN'), CGST + SGST in a State, CGST + UTGST in a Union territory
# without a legislature; each written down from the rate notifications (the 18% slab:
# 9% CGST, 18% IGST).
INDIA_TODAY = {
    "IN": {"IGST": "18"},
    "IN-MH": {"CGST": "9", "SGST": "9"},
    "IN-CH": {"CGST": "9", "UTGST": "9"},
}
_INDIA_ASKED = {"IGST": "IN", "CGST": "IN-MH", "SGST": "IN-MH", "UTGST": "IN-CH"}


# The US states' state-level rates (the local ones are not bundled), written down from
# each state's revenue department as the Tax Foundation's 2025 table lists them, and the
# 2025-2026 changes: Louisiana 5% (LDR, Act 11 of 2024), South Dakota 4.2% (HB 1137,
# 2023), DC 7% from 2026-10-01 (FY2025 Budget Support Act; KPMG 2025-12-15).
US_TODAY = {
    "AL": "4", "AK": "0", "AZ": "5.6", "AR": "6.5", "CA": "7.25", "CO": "2.9",
    "CT": "6.35", "DE": "0", "DC": "7", "FL": "6", "GA": "4", "HI": "4", "ID": "6",
    "IL": "6.25", "IN": "7", "IA": "6", "KS": "6.5", "KY": "6", "LA": "5", "ME": "5.5",
    "MD": "6", "MA": "6.25", "MI": "6", "MN": "6.875", "MS": "7", "MO": "4.225",
    "MT": "0", "NE": "5.5", "NV": "6.85", "NH": "0", "NJ": "6.625", "NM": "4.875",
    "NY": "4", "NC": "4.75", "ND": "5", "OH": "5.75", "OK": "4.5", "OR": "0", "PA": "6",
    "RI": "7", "SC": "6", "SD": "4.2", "TN": "7", "TX": "6.25", "UT": "4.85", "VT": "6",
    "VA": "4.3", "WA": "6.5", "WV": "6", "WI": "5", "WY": "4",
}  # fmt: skip
# States where groceries pay the full state rate (no row of their own, so asking for
# food raises) or where there is no sales tax to treat categories apart.
US_NO_SPECIAL = {"US-HI", "US-ID", "US-SD", "US-AK", "US-DE", "US-MT", "US-NH"}
US_NO_SPECIAL |= {"US-OR"}


def asked(row: TaxRate) -> str:
    """The code whose rates include ``row``'s tax (for India, a place that pays it)."""
    return _INDIA_ASKED[row.tax] if row.jurisdiction == "IN" else row.jurisdiction


def percent(rate: Decimal) -> str:
    """A rate as written in law: 10, 25.5, 9.975."""
    return f"{rate.normalize():f}"


def groups(code: str) -> dict[tuple[str, TaxCategory], list[TaxRate]]:
    found: dict[tuple[str, TaxCategory], list[TaxRate]] = {}
    for row in BUNDLED.rows[code]:
        found.setdefault((row.tax, row.category), []).append(row)
    return {key: sorted(rows, key=lambda r: r.since) for key, rows in found.items()}


@pytest.mark.parametrize("code", ALL)
def test_rows_are_well_formed(code: str) -> None:
    for key, rows in groups(code).items():
        assert_well_formed((code, *key), rows)
        for row in rows:
            assert row.rate >= 0
            if row.category is TaxCategory.STANDARD:
                assert row.kind is RateKind.STANDARD
            elif row.kind is RateKind.STANDARD:
                # a category taxed at the general rate on days another rule covers
                # apart (Texas clothing around its holiday): the standard rate itself
                assert row.rate == BUNDLED.rate_for(code, "standard", on=row.since).rate
            if row.kind in (RateKind.ZERO, RateKind.EXEMPT):
                assert row.rate == 0, row


@pytest.mark.parametrize("code", ALL)
def test_standard_rate_has_no_gap_since_2024(code: str) -> None:
    for (tax, category), rows in groups(code).items():
        if category is not TaxCategory.STANDARD:
            continue
        day = DATA_START
        while day <= TODAY:
            covering = [row for row in rows if row.covers(day)]
            assert len(covering) == 1, f"{code} {tax} on {day}: {covering}"
            until = covering[0].until
            if until is None:
                break
            day = until + timedelta(days=1)


@pytest.mark.parametrize("code", ALL)
def test_nothing_before_the_data(code: str) -> None:
    first = min(r.since for r in BUNDLED.rows[code] if r.category is TaxCategory.STANDARD)
    with pytest.raises(NoRuleError):
        rates_for(code, "standard", on=first - timedelta(days=1))


CHANGES = [row for row in ROWS if row.since > DATA_START]


@pytest.mark.parametrize(
    "row",
    CHANGES,
    ids=[f"{r.jurisdiction}-{r.tax}-{r.category}-{r.since}" for r in CHANGES],
)
def test_each_change_on_both_sides_of_its_date(row: TaxRate) -> None:
    on_the_day = rate_for(asked(row), row.category, on=row.since, tax=row.tax)
    assert (on_the_day.rate, on_the_day.since) == (row.rate, row.since)
    day_before = row.since - timedelta(days=1)
    if row.jurisdiction.startswith("US-") and not any(
        other.covers(day_before)
        for other in BUNDLED.rows[row.jurisdiction]
        if (other.tax, other.category) == (row.tax, row.category)
    ):
        # A US state's category before its first row: the full rate, not bundled as a
        # row, so the lookup refuses rather than guess.
        with pytest.raises(MissingDataError):
            rate_for(asked(row), row.category, on=day_before)
        return
    before = rate_for(asked(row), row.category, on=day_before, tax=row.tax)
    # The day before, another rule applied: an earlier row, or the standard rate.
    assert (before.applies_as, before.since) != (row.applies_as, row.since)
    assert before.since < row.since


@pytest.mark.parametrize("code", sorted(STANDARD_TODAY))
def test_standard_rate_today(code: str) -> None:
    rate = rate_for(code, "standard", on=TODAY)
    assert percent(rate.rate) == STANDARD_TODAY[code]
    assert rate.kind is RateKind.STANDARD
    assert rate.source.startswith("http")


@pytest.mark.parametrize("code", sorted(CANADA_TODAY))
def test_canadian_taxes_today(code: str) -> None:
    found = {rate.tax: percent(rate.rate) for rate in rates_for(code, "standard", on=TODAY)}
    assert found == CANADA_TODAY[code]


@pytest.mark.parametrize("code", sorted(INDIA_TODAY))
def test_indian_taxes_today(code: str) -> None:
    found = {rate.tax: percent(rate.rate) for rate in rates_for(code, "standard", on=TODAY)}
    assert found == INDIA_TODAY[code]


@pytest.mark.parametrize("state", sorted(US_TODAY))
def test_us_state_rate_today(state: str) -> None:
    (rate,) = rates_for(f"US-{state}", "standard", on=TODAY)
    assert percent(rate.rate) == US_TODAY[state]
    assert rate.source.startswith("https://")


def test_every_jurisdiction_is_bundled() -> None:
    us = {f"US-{state}" for state in US_TODAY}
    assert set(ALL) == set(STANDARD_TODAY) | set(CANADA_TODAY) | {"IN"} | us


# New Zealand and Singapore tax every category of the vocabulary at the standard rate
# (Goods and Services Tax Act 1985; GST Act 1993): their only special supplies (financial
# services, residential rent) are outside it.
SINGLE_RATE = {"NZ", "SG"}


@pytest.mark.parametrize("code", ALL)
def test_at_least_one_special_category_in_force(code: str) -> None:
    special = [
        row
        for row in BUNDLED.rows[code]
        # a US state's everyday rows at the general rate (clothing in California)
        # say the category is taxed; they are no special rate
        if row.category is not TaxCategory.STANDARD
        and row.kind is not RateKind.STANDARD
        and row.covers(TODAY)
    ]
    if code in SINGLE_RATE or code in US_NO_SPECIAL:
        assert not special
        return
    assert special, f"{code} has no reduced, zero or exempt category in force today"
    for row in special:
        assert row.source.startswith("http")
        assert row.note, f"{code} {row.category}: say what the category covers"


# Reduced rates checked independently of the files.
@pytest.mark.parametrize(
    ("code", "category", "rate"),
    [
        ("DE", "food", "7"),  # UStG s.12(2)(1), Anlage 2
        ("DE", "books", "7"),
        ("FR", "books", "5.5"),  # CGI art. 278-0 bis
        ("IT", "books", "4"),  # DPR 633/1972, Tabella A parte II
        ("ES", "books", "4"),  # Ley 37/1992 art. 91.Dos
        ("NL", "food", "9"),  # Wet OB 1968, Tabel I
        ("BE", "food", "6"),
        ("AT", "food", "10"),  # UStG 1994 s.10(2)
        ("GB", "food", "0"),  # VATA 1994 Sch. 8 Group 1
        ("GB", "childrens_clothing", "0"),  # VATA 1994 Sch. 8 Group 16
        ("IE", "books", "0"),
        ("JP", "food", "8"),
        ("NO", "food", "15"),
        ("CH", "food", "2.6"),  # MWSTG art. 25(2) since 2024-01-01
        ("CH", "accommodation", "3.8"),  # MWSTG art. 25(4) since 2024-01-01
        ("AU", "food", "0"),  # GST Act s.38-2
    ],
)
def test_reduced_rates_today(code: str, category: str, rate: str) -> None:
    assert percent(rate_for(code, category, on=TODAY).rate) == rate


@pytest.mark.parametrize(
    ("code", "day_before", "rate_before", "day", "rate_after"),
    [
        ("FI", date(2024, 8, 31), "24", date(2024, 9, 1), "25.5"),
        ("EE", date(2023, 12, 31), "20", date(2024, 1, 1), "22"),
        ("EE", date(2025, 6, 30), "22", date(2025, 7, 1), "24"),
        ("SK", date(2024, 12, 31), "20", date(2025, 1, 1), "23"),
        ("RO", date(2025, 7, 31), "19", date(2025, 8, 1), "21"),
        ("CH", date(2023, 12, 31), "7.7", date(2024, 1, 1), "8.1"),
        ("SG", date(2023, 12, 31), "8", date(2024, 1, 1), "9"),
    ],
)
def test_known_changes(
    code: str, day_before: date, rate_before: str, day: date, rate_after: str
) -> None:
    assert percent(rate_for(code, "standard", on=day_before).rate) == rate_before
    assert percent(rate_for(code, "standard", on=day).rate) == rate_after


def test_british_columbia_accommodation_is_above_the_standard_pst() -> None:
    # BC Provincial Sales Tax Act s.123: 8% PST on short-term accommodation.
    rate = rate_for("CA-BC", "accommodation", on=TODAY, tax="PST")
    assert (rate.rate, rate.kind) == (8, RateKind.HIGHER)


def test_nova_scotia_hst_cut() -> None:
    # Nova Scotia's HST went from 15% to 14% on 2025-04-01.
    assert rate_for("CA-NS", "standard", on=date(2025, 3, 31)).rate == 15
    assert rate_for("CA-NS", "standard", on=date(2025, 4, 1)).rate == 14


@pytest.mark.parametrize(
    "code", ["ES-CN", "ES-CE", "ES-ML", "FI-01", "AX", "GR-69", "FR-971", "GP", "RE", "YT"]
)
def test_special_territories_are_outside_the_vat_area(code: str) -> None:
    with pytest.raises(OutsideVatAreaError, match="outside the EU VAT area"):
        rate_for(code, "standard", on=TODAY)


def test_greece_by_either_code_and_northern_ireland() -> None:
    assert rate_for("EL", "standard", on=TODAY) == rate_for("GR", "standard", on=TODAY)
    assert rate_for("GB-NIR", "standard", on=TODAY).jurisdiction == "XI"
