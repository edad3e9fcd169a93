"""A postcode that decides a special territory must be a postcode of its country
(issue 18, a new user's pass over the quote).

Germany, Spain, France, Italy and Greece place some addresses outside the EU VAT area
by postcode (``territories.csv``: Büsingen 78266, Campione d'Italia 22061, the Canary
Islands 35*/38*, the French overseas departments 971*-976*, Mount Athos 63086). Their
postcodes are five figures (the EU Interinstitutional Style Guide, 9.1.5 "Addresses in
the Member States: specific characteristics", style-guide.europa.eu: Germany, Spain,
France, Italy "5 figures", Greece "5 figures" with a space between the third and
fourth). Before, a typo or a country prefix was taken as the mainland without a word:
a Büsingen buyer written ``7826`` or ``D-78266`` paid German VAT at 19 %, a Campione
buyer written ``2206`` Italian VAT at 22 %.
"""

from __future__ import annotations

import warnings
from datetime import date

import pytest

from commercekit.errors import UnknownCountryError
from commercekit.regions import locate
from commercekit.service._app import build_app

with warnings.catch_warnings():  # starlette prefers httpx2 for its test client
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

DAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("country", "postcode", "territory"),
    [
        ("DE", "78266", "DE-BUSINGEN"),
        ("IT", "22061", "IT-CAMPIONE"),
        ("GR", "630 86", "GR-69"),
        ("FR", "97100", "FR-971"),
        ("ES", "35001", "ES-CN"),
    ],
)
def test_five_figures_place_the_territory(
    country: str, postcode: str, territory: str
) -> None:
    found = locate(country, postcode=postcode, on=DAY)
    assert found is not None
    assert territory in (found.code, found.subdivision), found


@pytest.mark.parametrize("postcode", ["10115", "28001", "75001", "00184", "105 57"])
def test_five_figures_elsewhere_are_the_mainland(postcode: str) -> None:
    country = {"1": "DE", "2": "ES", "7": "FR", "0": "IT"}.get(postcode[0], "GR")
    assert locate(country, postcode=postcode, on=DAY) is None


@pytest.mark.parametrize(
    ("country", "postcode"),
    [("DE", "7826"), ("DE", "D-78266"), ("DE", "782660"), ("IT", "2206"),
     ("FR", "ABCDE"), ("ES", "3500"), ("GR", "GR-63086"), ("DE", "QZ")],
)  # fmt: skip
def test_anything_else_is_refused_naming_the_format(country: str, postcode: str) -> None:
    with pytest.raises(UnknownCountryError, match="five figures") as raised:
        locate(country, postcode=postcode, on=DAY)
    assert raised.value.field == "postcode"


def test_a_quote_names_the_buyers_postcode() -> None:
    request = {
        "cart": {"lines": [{"sku": "MUG", "quantity": 1,
                            "unit_price": {"amount": "10.00", "currency": "EUR"}}]},
        "seller": {"country": "DE", "registrations": []},
        "buyer": {"country": "DE", "postcode": "7826"},
        "at": "2026-06-01T12:00:00+02:00",
        "prices_include_tax": False,
        "products": {"MUG": {"tax_category": "standard"}},
    }  # fmt: skip
    problem = TestClient(build_app()).post("/quote", json=request).json()
    assert (problem["status"], problem["field"]) == (422, "buyer.postcode"), problem
    assert "five figures" in problem["detail"]
