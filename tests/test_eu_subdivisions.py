"""Every subdivision of an EU member state is answered from a sourced row or as its
country, never silently: the overseas countries and territories (TFEU Art. 355(2) and
Annex II) are outside the EU VAT area, and each special territory answers on its dates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pycountry
import pytest

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.regions import is_eu_member, place_of
from commercekit.tax import Buyer, Regime, Sale, Seller, decide

DAY = date(2026, 11, 26)
LISTED = Path(__file__).parent / "data" / "eu_subdivisions_as_their_country.txt"
OCTS = (
    *("FR-NC", "FR-PF", "FR-WF", "FR-PM", "FR-TF", "FR-BL"),
    *("NL-AW", "NL-CW", "NL-SX", "NL-BQ1", "NL-BQ2", "NL-BQ3"),
)
"""The overseas countries and territories of TFEU Annex II that ISO 3166-2 lists as
subdivisions of an EU member state (Greenland is GL, not a subdivision of DK)."""
ANNEX_II = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:12016EN02"
REFUSED = {"GR-K", "GR-L"}  # islands with rates commercekit does not bundle


def _listed() -> dict[str, set[str]]:
    found = {}
    for line in LISTED.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            country, _, codes = line.partition(":")
            found[country] = set(codes.split())
    return found


def _members() -> list[str]:
    return sorted(c.alpha_2 for c in pycountry.countries if is_eu_member(c.alpha_2, on=DAY))


def test_every_eu_subdivision_is_placed_by_a_row_or_listed_as_its_country() -> None:
    """Each ISO 3166-2 code pycountry lists for an EU member state is placed by a
    sourced territory or rate-region row, refused for rates not bundled, or answered as
    its country and listed so in tests/data; the list is exactly those answered so."""
    as_country: dict[str, set[str]] = {}
    for country in _members():
        as_country[country] = set()
        for sub in pycountry.subdivisions.get(country_code=country) or []:
            if sub.code in REFUSED:
                with pytest.raises(MissingDataError):
                    place_of(country, subdivision=sub.code, on=DAY)
                continue
            place = place_of(country, subdivision=sub.code, on=DAY)
            row = place.territory or place.rate_region
            if row is not None:
                assert row.source.startswith("https://"), sub.code
                continue
            assert (place.goods_jurisdiction, place.customs_territory) == (country, "EU")
            assert place.in_eu_vat_area_for_goods, sub.code
            as_country[country].add(sub.code)
    assert as_country == _listed()


@pytest.mark.parametrize("code", OCTS)
def test_an_overseas_country_or_territory_is_outside_the_eu_vat_area(code: str) -> None:
    """An OCT given as a subdivision of its member state is outside the EU VAT area and
    the EU customs territory, answered from a row citing TFEU Annex II."""
    place = place_of(code[:2], subdivision=code, on=DAY)
    assert place.territory is not None
    assert not place.in_eu_vat_area_for_goods
    assert not place.in_eu_vat_area_for_services
    assert place.customs_territory == code
    assert place.vat_area(goods=True) == code
    assert ANNEX_II in place.territory.sources or code == "FR-BL"  # BL: Dec. 2010/718


@pytest.mark.parametrize(
    ("country", "subdivision", "postcode", "day", "vat_area", "customs"),
    [
        # Saint-Barthelemy: an outermost region (as Guadeloupe), an OCT from 2012-01-01.
        ("FR", "FR-BL", None, date(2011, 12, 31), "FR-BL", "EU"),
        ("FR", "FR-BL", None, date(2012, 1, 1), "FR-BL", "FR-BL"),
        ("FR", None, "97133", date(2012, 1, 1), "FR-BL", "FR-BL"),
        # Mayotte: an OCT until 2013-12-31, an outermost region from 2014-01-01.
        ("FR", "FR-976", None, date(2013, 12, 31), "FR-976", "FR-976"),
        ("FR", "FR-976", None, date(2014, 1, 1), "FR-976", "EU"),
        ("FR", None, "98800", DAY, "FR-NC", "FR-NC"),  # Noumea
        ("FI", "FI-01", None, DAY, "FI-01", "EU"),  # Aland
        ("AX", None, None, DAY, "FI-01", "EU"),
        ("ES", "ES-CN", None, DAY, "ES-CN", "EU"),
        ("ES", "ES-TF", None, DAY, "ES-CN", "EU"),  # a Canary province
        ("ES", None, "35001", DAY, "ES-CN", "EU"),
        ("ES", "ES-CE", None, DAY, "ES-CE", "ES-CE"),
        ("ES", "ES-ML", None, DAY, "ES-ML", "ES-ML"),
        ("DE", None, "27498", DAY, "DE-HELGOLAND", "DE-HELGOLAND"),
        ("DE", None, "78266", DAY, "CH", "CH"),  # Busingen
        ("IT", None, "23041", DAY, "IT-LIVIGNO", "IT-LIVIGNO"),
        ("IT", None, "22061", date(2019, 12, 31), "CH", "CH"),  # Campione
        ("IT", None, "22061", date(2020, 1, 1), "IT-CAMPIONE", "EU"),
        ("GR", "GR-69", None, DAY, "GR-69", "EU"),  # Mount Athos
        ("CY", "CY-06", None, DAY, "CY-06", "CY-06"),  # Kyrenia: acquis suspended
        ("FR", "FR-75C", None, DAY, "EU", "EU"),  # Paris
        ("NL", "NL-NH", None, DAY, "EU", "EU"),
    ],
)
def test_special_territories_on_their_dates(
    country: str,
    subdivision: str | None,
    postcode: str | None,
    day: date,
    vat_area: str,
    customs: str,
) -> None:
    """Each special territory's VAT area and customs territory on either side of its
    change of status."""
    place = place_of(country, subdivision=subdivision, postcode=postcode, on=day)
    assert (place.vat_area(goods=True), place.customs_territory) == (vat_area, customs)


def test_goods_from_nl_to_new_caledonia_are_an_export() -> None:
    """NL to FR-NC: an exempt export (Art. 146), no EU VAT, neither in the decision nor
    in the quote, which names New Caledonia's own taxes as not bundled."""
    shop = Seller("NL", {"OSS"}, eu_sales_this_year=Money("25000", "EUR"))
    noumea = Buyer("FR", subdivision="FR-NC")
    decision = decide(Sale(shop, noumea, "goods", Money("40.00", "EUR")), on=DAY)
    assert (decision.regime, decision.taxed_in, decision.rates) == (Regime.EXPORT, None, ())
    assert any("Annex II" in rule.text for rule in decision.rules)
    context = CheckoutContext(
        shop,
        noumea,
        at=datetime(2026, 11, 26, 12, tzinfo=UTC),
        products={"MUG": Product("MUG", "standard", hs_code="6912.00", origin="NL")},
        prices_include_tax=False,
        partial=True,
    )
    result = quote(Cart([CartLine("MUG", Money("40.00", "EUR"), 1)]), context)
    assert result.decision.regime is Regime.EXPORT
    assert result.tax == Money("0.00", "EUR")
    assert any("New Caledonia" in missing for missing in result.missing)
