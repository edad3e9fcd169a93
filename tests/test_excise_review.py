"""A customs broker's review of the excise goods at the border (issue 18).

Sources: Directive 2006/112/EC Art. 2(3) and 369l; Council Regulation (EC) No
1186/2009 Art. 23-24 (before 2026-07-01); Agencia Tributaria, "Import and Export
Manual for low value shipments", 2.2.1.2 j) (one IOSS number per declaration).
"""

from __future__ import annotations

import json
import warnings
from datetime import date
from pathlib import Path

import pytest

from commercekit.cli import main
from commercekit.errors import InvalidInputError, MissingDataError
from commercekit.money import Money
from commercekit.service._app import build_app
from commercekit.shipping import DutyRate, Item, Shipment, TariffTable, landed_cost
from commercekit.tax import Buyer, ExciseKind, Sale, SaleLine, Seller, decide, excise_kind

EXAMPLES = Path(__file__).parents[1] / "src/commercekit/examples"


@pytest.mark.parametrize(
    ("facts", "said"),
    [
        ({"excise": "alcohol"}, "and the tax category 'clothing' says none"),
        ({"hs_code": "2204.21"}, "and the tax category 'clothing' says none"),
    ],
)
def test_a_products_disagreeing_kind_is_said_in_the_requests_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], facts: dict[str, str], said: str
) -> None:
    """A JSON product has a "tax_category", not a "category": the refusal says which."""
    request = json.loads((EXAMPLES / "nl-to-gb-consumer.json").read_text())
    sku = next(iter(request["products"]))
    product = request["products"][sku]
    product.pop("hs_code")
    product.update(tax_category="clothing", **facts)
    (tmp_path / "r.json").write_text(json.dumps(request))
    assert main(["quote", str(tmp_path / "r.json")]) != 0
    err = capsys.readouterr().err
    assert said in err
    assert " category '" not in err.replace("tax category '", "")


ON = date(2026, 3, 2)
WINE = "2204.21"
EXAMPLE_TARIFF = TariffTable(
    [
        DutyRate("EU", "2204", "0", date(2020, 1, 1), None, "https://example.test/t"),
        DutyRate("EU", "2710", "0", date(2020, 1, 1), None, "https://example.test/t"),
    ],
    name="example rates, not the Common Customs Tariff's",
)


def test_wine_cannot_have_been_sold_under_the_ioss() -> None:
    """Art. 369l: the IOSS covers goods "except products subject to excise duty", so a
    shipment of wine said to be sold under it would clear free of import VAT wrongly."""
    wine = Item("Rioja", Money("40.00", "EUR"), hs_code=WINE, origin="US")
    with pytest.raises(InvalidInputError) as refused:
        landed_cost(
            Shipment((wine,), destination="DE", sold_under="IOSS"), incoterm="DDP",
            on=ON, tariffs=EXAMPLE_TARIFF, without_excise=True,
        )  # fmt: skip
    assert refused.value.field == "shipment.sold_under"
    assert "Art. 369l" in str(refused.value)
    shirt = Item("T-shirt", Money("40.00", "EUR"), hs_code="6109.10", origin="US")
    cost = landed_cost(
        Shipment((shirt,), destination="DE", sold_under="IOSS"), incoterm="DDP", on=ON
    )
    assert cost.import_tax == Money("0.00", "EUR")


def test_the_eu_duty_relief_covers_energy_products() -> None:
    """Regulation (EC) No 1186/2009 Art. 24 leaves out alcoholic products, perfumes and
    toilet waters, tobacco: not energy products. A EUR 40 lubricant (2710.19) on
    2026-03-02 is relieved of duty (import VAT 19% of 40.00 = 7.60), lacking only its
    excise duty."""
    oil = Item("engine oil", Money("40.00", "EUR"), hs_code="2710.19", origin="US")
    cost = landed_cost(
        Shipment((oil,), destination="DE"), incoterm="DDP", on=ON,
        tariffs=EXAMPLE_TARIFF, without_excise=True,
    )  # fmt: skip
    assert (cost.duty, cost.import_tax) == (Money("0.00", "EUR"), Money("7.60", "EUR"))
    assert cost.lacks == ("the excise duty on energy_products ('engine oil') into DE",)


def test_the_eur_3_flat_duty_falls_on_wine_too() -> None:
    """From 2026-07-01 the flat EUR 3 per tariff classification falls on every low-value
    consignment's goods, excise goods included (Baker McKenzie's and WiseTech's reading
    of Regulation (EU) 2026/382 and the implementing acts; secondary): EUR 40 of wine on
    2026-07-02 pays EUR 3.00 duty and 19% of 43.00 = 8.17 import VAT."""
    wine = Item("Rioja", Money("40.00", "EUR"), hs_code=WINE, origin="US")
    cost = landed_cost(
        Shipment((wine,), destination="DE"), incoterm="DDP", on=date(2026, 7, 2),
        tariffs=EXAMPLE_TARIFF, without_excise=True,
    )  # fmt: skip
    assert (cost.duty, cost.import_tax) == (Money("3.00", "EUR"), Money("8.17", "EUR"))


def test_wine_beside_a_shirt_under_the_ioss_is_refused_citing_the_one_number_rule() -> None:
    """A customs declaration carries one IOSS number, at the consignment's level, and
    cannot combine goods declared under the IOSS with goods that are not (Agencia
    Tributaria's manual, 2.2.1.2 j): the shirt cannot use the IOSS beside the wine."""
    lines = (
        SaleLine(Money("10.00", "EUR"), hs_code="6109.10"),
        SaleLine(Money("20.00", "EUR"), hs_code=WINE),
    )
    sale = Sale(
        Seller("US", registrations={"IOSS"}), Buyer("DE"), "goods",
        Money("30.00", "EUR"), lines=lines,
    )  # fmt: skip
    with pytest.raises(MissingDataError) as refused:
        decide(sale, on=ON)
    said = str(refused.value)
    assert refused.value.field == "sale.lines"
    assert "one IOSS number" in said
    assert "Agencia Tributaria" in said
    assert "two consignments" in said


@pytest.mark.parametrize(
    ("country", "price", "currency", "registration", "hs_code", "secondary"),
    [
        ("GB", "50.00", "GBP", "GB", "2208.30", True),  # GOV.UK read in a reprint
        ("DE", "30.00", "EUR", "IOSS", WINE, True),  # Art. 369l read in a reprint
        ("NO", "500.00", "NOK", "VOEC", WINE, False),  # toll.no
        ("NZ", "50.00", "NZD", "NZ", WINE, False),  # legislation.govt.nz
    ],
)
def test_each_exclusions_rule_says_where_it_was_read(
    country: str, price: str, currency: str, registration: str, hs_code: str,
    secondary: bool,
) -> None:  # fmt: skip
    """A regime's exclusion read only in a reprint says so in the decision's rule."""
    sale = Sale(
        Seller("US", registrations={registration}), Buyer(country), "goods",
        Money(price, currency), hs_code=hs_code,
    )  # fmt: skip
    rule = decide(sale, on=ON).rules[-1].text
    assert ("read in a secondary source" in rule) is secondary


def test_electricity_is_no_kind_a_regime_excludes() -> None:
    """Directive 2006/112/EC Art. 2(3) lists energy products, not electricity (2716)."""
    assert excise_kind(None, "2716.00", "standard") is ExciseKind.NONE


def test_the_service_names_the_shipments_sold_under() -> None:
    """POST /landed-cost: the refusal names the request's field."""
    with warnings.catch_warnings():  # starlette prefers httpx2 for its test client
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient  # noqa: PLC0415  # warns on import

    wine = {"description": "Rioja", "value": {"amount": "40.00", "currency": "EUR"},
            "hs_code": WINE, "origin": "US"}  # fmt: skip
    rows = [{"destination": "EU", "heading": "2204", "rate": "0", "since": "2020-01-01",
             "until": None,
             "source": "https://example.test/t"}]  # fmt: skip
    body = {
        "shipment": {"items": [wine], "destination": "DE", "sold_under": "IOSS"},
        "incoterm": "DDP", "on": "2026-03-02", "without_excise": True,
        "tariff": {"name": "example rates", "rows": rows},
    }  # fmt: skip
    answer = TestClient(build_app()).post("/landed-cost", json=body)
    assert answer.status_code == 422
    assert answer.json()["field"] == "shipment.sold_under"


def test_biodiesel_is_asked_about_not_read_as_none() -> None:
    """Singapore Customs, "Duties and Dutiable Goods" (official): the dutiable goods
    are intoxicating liquors, tobacco products, motor vehicles, and "petroleum products
    and biodiesel blends". Heading 3826 (biodiesel and mixtures thereof) does not say
    whether the goods are such a blend: it was read as none, and a SGD 50 can of it
    was taxed at sale under Singapore's low-value regime."""
    assert excise_kind(None, "3826.00", "standard") is None
    sale = Sale(
        Seller("US", registrations={"SG"}), Buyer("SG"), "goods", Money("50.00", "SGD"),
        hs_code="3826.00", transport_mode="air",
    )  # fmt: skip
    with pytest.raises(MissingDataError) as refused:
        decide(sale, on=ON)
    assert refused.value.field == "sale.excise"
    stated = Sale(
        Seller("US", registrations={"SG"}), Buyer("SG"), "goods", Money("50.00", "SGD"),
        hs_code="3826.00", transport_mode="air", excise="energy_products",
    )  # fmt: skip
    assert decide(stated, on=ON).regime.value == "import"


def test_japans_relief_never_relieves_the_liquor_tax() -> None:
    """Japan Customs Answer 1006 (official): goods of a total customs value of JPY
    10,000 or less are exempt from customs duty and consumption tax, but "liquor tax,
    tobacco tax, etc." are not exempted: JPY 5,000 of sake is refused without its
    excise, and with ``without_excise`` owes JPY 0 and lacks it."""
    sake = Item("sake", Money("5000", "JPY"), hs_code="2206.00", origin="US")
    shipment = Shipment((sake,), destination="JP")
    with pytest.raises(MissingDataError, match="excise duty on alcohol"):
        landed_cost(shipment, incoterm="DDP", on=ON)
    cost = landed_cost(shipment, incoterm="DDP", on=ON, without_excise=True)
    assert cost.charges == Money("0", "JPY")
    assert cost.lacks == ("the excise duty on alcohol ('sake') into JP",)
