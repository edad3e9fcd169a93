"""Tennessee's single article rule is refused by name, never charged past (issue 18, a
new user's pass over the quote).

The Tennessee Department of Revenue, "Single Article and Special Tax Rates"
(tn.gov/revenue/taxes/sales-and-use-tax/single-article-special-tax-rates.html): "The
local tax is applied only to the first $1600 of the sales price of any single article
of tangible personal property in most local jurisdictions"; its "SUT-13 Sales and Use
Tax Rates Overview" (revenue.support.tn.gov): "The state single article rate is 2.75% on
any single item sold for a price in excess of $1,600 but not more than $3,200."

A USD 5,000.00 television to Nashville (Davidson County, 2.25 % as an example figure)
owes 7 % of 5,000.00 (350.00), 2.25 % of the first 1,600.00 (36.00) and 2.75 % of
1,600.00 (44.00): USD 430.00. commercekit charged 9.25 % of the whole price, USD
462.50, and named no rule. It does not hold the rule, so an item over USD 1,600 is now
refused by name; one of USD 1,600.00 is taxed as before (the rule starts "in excess
of" it).
"""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from commercekit.checkout import quote
from commercekit.errors import MissingDataError, MissingExchangeRateError
from commercekit.serde import quote_request_from_json
from commercekit.service._app import build_app

with warnings.catch_warnings():  # starlette prefers httpx2 for its test client
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

DAVIDSON = {"name": "Davidson County", "type": "county", "rate": "2.25",
            "source": "example figure", "as_of": "2025-01-01"}  # fmt: skip


def _tv_in_nashville(price: str, *, partial: bool = False, **extra: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        "cart": {"lines": [{"sku": "TV", "quantity": 1, "collections": ["tv"],
                            "unit_price": {"amount": price, "currency": "USD"}}]},
        "seller": {"country": "US", "registrations": ["US-TN"]},
        "buyer": {"country": "US", "subdivision": "US-TN"},
        "at": "2026-03-02T12:00:00-06:00",
        "prices_include_tax": False,
        "products": {"TV": {"tax_category": "standard"}},
    }  # fmt: skip
    if partial:
        request["partial"] = True
    else:
        request["local_rates"] = [DAVIDSON]
    request.update(extra)
    return request


def test_an_item_of_1600_dollars_is_taxed_in_full() -> None:
    quoted = quote(*quote_request_from_json(_tv_in_nashville("1600.00")))
    assert str(quoted.tax) == "148.00 USD"  # 9.25 % of 1,600.00


@pytest.mark.parametrize("price", ["1600.01", "5000.00"])
def test_an_item_over_1600_dollars_is_refused_by_name(price: str) -> None:
    with pytest.raises(MissingDataError, match="single article"):
        quote(*quote_request_from_json(_tv_in_nashville(price)))


def test_the_state_part_alone_is_refused_too() -> None:
    """A partial quote without the local rates would still miss the state's 2.75 %."""
    with pytest.raises(MissingDataError, match=r"2\.75%"):
        quote(*quote_request_from_json(_tv_in_nashville("2000.00", partial=True)))


def test_the_price_compared_is_after_the_sellers_discount() -> None:
    ten_off = {"id": "TEN", "name": "10% off TVs", "collections": ["tv"],
               "offer": {"type": "percent_off", "percent": "10"}}  # fmt: skip
    request = _tv_in_nashville("1700.00", promotions=[ten_off])
    quoted = quote(*quote_request_from_json(request))
    assert str(quoted.tax) == "141.53 USD"  # 9.25 % of 1,530.00 = 141.525


def test_the_service_names_the_line() -> None:
    request = _tv_in_nashville("5000.00")
    problem = TestClient(build_app()).post("/quote", json=request).json()
    assert (problem["status"], problem["field"]) == (422, "products['TV'].tax_category")
    assert "USD 1,600" in problem["detail"], problem["detail"]


def _in_euros(price: str, **extra: Any) -> dict[str, Any]:
    request = _tv_in_nashville(price, **extra)
    request["cart"]["lines"][0]["unit_price"]["currency"] = "EUR"
    return request


RATES = {"base": "EUR", "rates": {"USD": "1.10"}, "provider": "example figure",
         "observed_at": "2026-03-01T16:00:00+01:00"}  # fmt: skip


def test_a_price_in_another_currency_is_compared_in_dollars() -> None:
    """EUR 1,500.00 at 1.10 is USD 1,650.00, over the limit; EUR 1,450.00 is USD
    1,595.00, under it. Without an exchange rate the limit cannot be told, and the
    refusal asks for one."""
    with pytest.raises(MissingDataError, match="single article"):
        quote(*quote_request_from_json(_in_euros("1500.00", exchange_rates=RATES)))
    under = quote(*quote_request_from_json(_in_euros("1450.00", exchange_rates=RATES)))
    assert str(under.tax) == "134.13 EUR"  # 9.25 % of 1,450.00 = 134.125
    with pytest.raises(MissingExchangeRateError):
        quote(*quote_request_from_json(_in_euros("10.00")))


def test_the_refusal_says_why_the_local_limit_is_not_assumed() -> None:
    """The Department's page: the local tax applies to the price "up to the local tax
    base limitation (usually $1,600)" of the local jurisdiction (its Single Article Local
    Tax Base Limitation chart), so a local rate's limit is its own, which a local rate
    given today does not state; the refusal says so and cites the statute (Tenn. Code
    Ann. 67-6-202(a), 67-6-702) and SUT-6's worked example (a USD 4,000 table at a 2.25%
    local rate: 280.00 + 36.00 + 44.00 = USD 360.00)."""
    with pytest.raises(MissingDataError) as refused:
        quote(*quote_request_from_json(_tv_in_nashville("5000.00")))
    said = str(refused.value)
    for words in ("67-6-202(a)", "67-6-702", "usually USD 1,600", "SUT-6", "USD 360.00"):
        assert words in said, (words, said)
