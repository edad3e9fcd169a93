"""Tennessee's single article rule, computed (issue 18).

The Tennessee Department of Revenue, "Single Article and Special Tax Rates"
(tn.gov/revenue/taxes/sales-and-use-tax/single-article-special-tax-rates.html): "The
local tax is applied only to the first $1600 of the sales price of any single article
of tangible personal property in most local jurisdictions", "up to the local tax base
limitation (usually $1,600)"; its "SUT-13 Sales and Use Tax Rates Overview": "The state
single article rate is 2.75% on any single item sold for a price in excess of $1,600 but
not more than $3,200." SUT-6 works a USD 4,000 dining table at a 2.25% local rate: 7% of
4,000 (280.00) + 2.25% of the first 1,600 (36.00) + 2.75% of 1,600 (44.00) = USD 360.00.

The figures below are worked the same way by hand, Davidson County's 2.25% as an
example figure with the usual USD 1,600 limit:

* 1,600.00: 7% of 1,600 (112.00) + 2.25% of 1,600 (36.00) = 148.00; no band over it.
* 1,600.01: 112.00 (7% of 1,600.01 = 112.0007) + 36.00 + 2.75% of 0.01 = 148.0009 ->
  148.00.
* 3,200.00: 224.00 + 36.00 + 44.00 = 304.00; 3,200.01: 224.0007 + 36.00 + 44.00 = 304.00.
* 5,000.00: 350.00 + 36.00 + 44.00 = 430.00 (9.25% of the whole, USD 462.50, was wrong).
* two at 2,000.00: 280.00 + 72.00 + 2.75% of 2 x 400 (22.00) = 374.00.
"""

from __future__ import annotations

import copy
import io
import json
import warnings
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from commercekit.checkout import quote
from commercekit.cli import main
from commercekit.errors import InvalidAmountError, MissingDataError
from commercekit.money import Money
from commercekit.serde import quote_request_from_json, quote_to_json
from commercekit.service._app import build_app
from commercekit.tax import Buyer, LocalRate, LocalRates, Sale, SaleLine, Seller, decide
from tests.test_json_boundary_refusals import CARD

with warnings.catch_warnings():  # starlette prefers httpx2 for its test client
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

DAVIDSON = {"name": "Davidson County", "type": "county", "rate": "2.25",
            "source": "example figure", "as_of": "2025-01-01",
            "single_article_limit": "1600.00"}  # fmt: skip


def _request(
    price: str, *, quantity: int = 1, local: list[dict[str, Any]] | None = None,
    category: str = "standard", **extra: Any,
) -> dict[str, Any]:  # fmt: skip
    request: dict[str, Any] = {
        "cart": {"lines": [{"sku": "TV", "quantity": quantity, "collections": ["tv"],
                            "unit_price": {"amount": price, "currency": "USD"}}]},
        "seller": {"country": "US", "registrations": ["US-TN"]},
        "buyer": {"country": "US", "subdivision": "US-TN"},
        "at": "2026-03-02T12:00:00-06:00",
        "prices_include_tax": False,
        "products": {"TV": {"tax_category": category}},
        "local_rates": [DAVIDSON] if local is None else local,
    }  # fmt: skip
    if not request["local_rates"]:
        del request["local_rates"]
    request.update(extra)
    return request


def _summary(request: dict[str, Any]) -> tuple[str, dict[str, tuple[str, str]]]:
    """The quote's tax and each tax summary row's base and amount, by tax; checked to
    add up: the rows to the tax, each line's parts to the line."""
    answer = quote(*quote_request_from_json(request))
    rows = {row.tax: (str(row.base), str(row.amount)) for row in answer.tax_summary}
    assert sum(row.amount.amount for row in answer.tax_summary) == answer.tax.amount
    assert all(row.allocated for row in answer.tax_summary)  # one rounding, shared
    for line in answer.lines:
        if line.parts:
            assert sum(part.tax.amount for part in line.parts) == line.tax.amount
            assert sum(part.net.amount for part in line.parts) == line.net.amount
    return str(answer.tax), rows


@pytest.mark.parametrize(
    ("price", "tax"),
    [("1600.00", "148.00"), ("1600.01", "148.00"), ("3200.00", "304.00"),
     ("3200.01", "304.00"), ("5000.00", "430.00"), ("4000.00", "360.00")],
)  # fmt: skip
def test_each_side_of_each_limit(price: str, tax: str) -> None:
    assert _summary(_request(price))[0] == f"{tax} USD"


def test_sut6_table_shows_each_tax_on_its_own_base() -> None:
    tax, rows = _summary(_request("4000.00"))
    assert tax == "360.00 USD"
    assert rows == {
        "sales tax": ("4000.00 USD", "280.00 USD"),
        "county: Davidson County": ("1600.00 USD", "36.00 USD"),
        "single article tax": ("1600.00 USD", "44.00 USD"),
    }


def test_each_item_of_a_line_is_a_single_article() -> None:
    tax, rows = _summary(_request("2000.00", quantity=2))
    assert tax == "374.00 USD"
    assert rows["county: Davidson County"] == ("3200.00 USD", "72.00 USD")
    assert rows["single article tax"] == ("800.00 USD", "22.00 USD")


TEN_OFF = {"id": "TEN", "name": "10% off TVs", "collections": ["tv"],
           "offer": {"type": "percent_off", "percent": "10"}}  # fmt: skip


def test_the_price_compared_is_after_the_sellers_discount() -> None:
    """USD 1,700 less 10% is 1,530.00, under the limit: 9.25% of it, 141.525 -> 141.53.
    USD 2,000 less 10% is 1,800.00: 126.00 + 36.00 + 2.75% of 200 (5.50) = 167.50."""
    assert _summary(_request("1700.00", promotions=[TEN_OFF]))[0] == "141.53 USD"
    tax, rows = _summary(_request("2000.00", promotions=[TEN_OFF]))
    assert tax == "167.50 USD"
    assert rows["single article tax"] == ("200.00 USD", "5.50 USD")


def test_a_locality_with_a_lower_limit() -> None:
    """A local tax stopping at USD 1,000 (the chart lists a few lower limits; 1,000 as
    an example figure): 7% of 5,000 (350.00) + 2.25% of 1,000 (22.50) + 44.00."""
    lower = DAVIDSON | {"single_article_limit": "1000.00"}
    tax, rows = _summary(_request("5000.00", local=[lower]))
    assert tax == "416.50 USD"
    assert rows["county: Davidson County"] == ("1000.00 USD", "22.50 USD")


def test_a_local_rate_without_its_limit_is_refused_by_name() -> None:
    silent = {
        key: value for key, value in DAVIDSON.items() if key != "single_article_limit"
    }
    request = _request("1600.01", local=[silent])
    with pytest.raises(MissingDataError, match="single article limit") as refused:
        quote(*quote_request_from_json(request))
    assert refused.value.field == "local[0].single_article_limit"
    problem = TestClient(build_app()).post("/quote", json=request).json()
    assert (problem["status"], problem["field"]) == (
        422, "local_rates[0].single_article_limit",
    )  # fmt: skip
    assert str(_summary(_request("1600.00", local=[silent]))[0]) == "148.00 USD"


def test_food_over_1600_dollars_is_refused_by_name() -> None:
    food = DAVIDSON | {"categories": {"food": "taxed"}}
    request = _request("1600.01", local=[food], category="food")
    with pytest.raises(MissingDataError, match="food") as refused:
        quote(*quote_request_from_json(request))
    assert "single article" in str(refused.value)
    assert _summary(_request("1600.00", local=[food], category="food"))[0] == "100.00 USD"


def test_a_partial_quote_charges_the_state_parts_and_lists_the_local_ones() -> None:
    """No local rates: 7% of 5,000 (350.00) + 2.75% of 1,600 (44.00)."""
    request = _request("5000.00", local=[], partial=True)
    tax, rows = _summary(request)
    assert tax == "394.00 USD"
    assert set(rows) == {"sales tax", "single article tax"}
    missing = quote_to_json(quote(*quote_request_from_json(request)))["missing"]
    assert missing == ["tax: local sales tax rates for US-TN (county, city, district)"]


def test_a_shipping_charge_with_such_an_item_is_refused() -> None:
    """Which band a delivery charge falls in is not computed: refused by name."""
    request = _request("5000.00", shipping={"rate_cards": [CARD]})
    request["products"]["TV"]["weight_kg"] = "2"
    with pytest.raises(MissingDataError, match="single article rule reaches the shipping"):
        quote(*quote_request_from_json(request))


def test_a_price_including_the_tax_is_refused() -> None:
    """The bands are of the price without the tax, which a price including it does not
    give until the rates are chosen."""
    with pytest.raises(MissingDataError, match="a price including it") as refused:
        quote(*quote_request_from_json(_request("5000.00", prices_include_tax=True)))
    assert refused.value.field == "prices_include_tax"
    included = quote(*quote_request_from_json(_request("1600.00", prices_include_tax=True)))
    assert str(included.tax) == "135.47 USD"  # 1,600.00 - 1,600.00 / 1.0925


def test_an_item_on_a_holiday_whose_rate_depends_on_its_price_is_refused() -> None:
    """Tennessee's 2026 holiday (31 July to 2 August) exempts computers of USD 1,500 or
    less: on its days the computers' rate depends on each item's price, and the single
    article rule is not computed with it."""
    computers = DAVIDSON | {"categories": {"computers": "taxed"}}
    on_holiday = _request("2000.00", local=[computers], category="computers",
                          at="2026-07-31T12:00:00-05:00")  # fmt: skip
    with pytest.raises(MissingDataError, match="holiday"):
        quote(*quote_request_from_json(on_holiday))
    after = on_holiday | {"at": "2026-08-03T12:00:00-05:00"}
    assert _summary(after)[0] == "187.00 USD"  # 140.00 + 36.00 + 2.75% of 400 (11.00)


def test_decide_says_the_rule_and_refuses_a_missing_limit() -> None:
    davidson = LocalRate("Davidson County", "county", "2.25", "example figure",
                         date(2025, 1, 1), single_article_limit="1600.00")  # fmt: skip
    sale = Sale(
        Seller("US", {"US-TN"}), Buyer("US", subdivision="US-TN"), "goods",
        Money("5000.00", "USD"), lines=(SaleLine(Money("5000.00", "USD"), 1, "standard"),),
    )  # fmt: skip
    day = date(2026, 3, 2)
    decision = decide(sale, on=day, rates=LocalRates("US-TN", [davidson]))
    said = " ".join(rule.text for rule in decision.rules)
    assert "single article tax of 2.75% on the part over USD 1,600.00" in said, said
    silent = LocalRates("US-TN", [LocalRate("Davidson County", "county", "2.25", "x",
                                            date(2025, 1, 1))])  # fmt: skip
    with pytest.raises(MissingDataError) as refused:
        decide(sale, on=day, rates=silent)
    assert refused.value.field == "local[0].single_article_limit"


@pytest.mark.parametrize("limit", ["0", "1600.01", "12.345", "-1"])
def test_a_limit_out_of_range_is_refused(limit: str) -> None:
    with pytest.raises(InvalidAmountError, match="single_article_limit"):
        LocalRate("Davidson County", "county", "2.25", "x", date(2025, 1, 1),
                  single_article_limit=limit)  # fmt: skip


def test_a_limit_outside_tennessee_is_refused() -> None:
    albany = LocalRate("Albany County", "county", "4", "x", date(2025, 1, 1),
                       single_article_limit=Decimal("1600.00"))  # fmt: skip
    with pytest.raises(InvalidAmountError, match="only Tennessee"):
        LocalRates("US-NY", [albany])


def test_the_cli_quotes_a_json_request(tmp_path: Path) -> None:
    path = tmp_path / "tv.json"
    path.write_text(json.dumps(_request("5000.00")), "utf-8")
    out = io.StringIO()
    assert main(["quote", str(path), "--format", "json"], out=out) == 0
    assert json.loads(out.getvalue())["tax"] == {"amount": "430.00", "currency": "USD"}


def _in_euros(price: str, **extra: Any) -> dict[str, Any]:
    request = copy.deepcopy(_request(price, **extra))
    request["cart"]["lines"][0]["unit_price"]["currency"] = "EUR"
    return request


RATES = {"base": "EUR", "rates": {"USD": "1.10"}, "provider": "example figure",
         "observed_at": "2026-03-01T16:00:00+01:00"}  # fmt: skip


def test_a_price_in_another_currency_is_compared_in_dollars() -> None:
    """EUR 1,500.00 at 1.10 is USD 1,650.00, over the limit, whose bands are in dollars:
    refused; EUR 1,450.00 is USD 1,595.00, under it."""
    with pytest.raises(MissingDataError, match="another currency"):
        quote(*quote_request_from_json(_in_euros("1500.00", exchange_rates=RATES)))
    under = quote(*quote_request_from_json(_in_euros("1450.00", exchange_rates=RATES)))
    assert str(under.tax) == "134.13 EUR"  # 9.25 % of 1,450.00 = 134.125
