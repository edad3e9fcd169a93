"""A local rate that says ``follows_state_threshold`` on a day its state's rate does
not depend on the price of each item is refused at its JSON path, in plain words
(issue 18, a new user's pass over the quote).

Tennessee's computers holiday (USD 1,500 or less) ran 25-27 July 2025 (``per_item.csv``,
tn.gov's sales tax holiday page); on 28 July a laptop pays the general rate, so a
Davidson County rate that still says ``follows_state_threshold`` for computers is
refused. Before, the HTTP problem's ``field`` was empty, the command's line named no
field, and both began with the Python repr of the categories
(``{<TaxCategory.COMPUTERS: 'computers'>: <LocalTreatment...>}``) and named the
rule's argument ``categories`` only, a name the request does not have.
"""

from __future__ import annotations

import io
import json
import warnings
from pathlib import Path
from typing import Any

import pytest

from commercekit.cli import main
from commercekit.service._app import build_app

with warnings.catch_warnings():  # starlette prefers httpx2 for its test client
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


def _laptop_in_nashville(at: str) -> dict[str, Any]:
    return {
        "cart": {"lines": [{"sku": "LAPTOP", "quantity": 1,
                            "unit_price": {"amount": "999.00", "currency": "USD"}}]},
        "seller": {"country": "US", "registrations": ["US-TN"]},
        "buyer": {"country": "US", "subdivision": "US-TN"},
        "at": at,
        "prices_include_tax": False,
        "products": {"LAPTOP": {"tax_category": "computers"}},
        "local_rates": [
            {"name": "Davidson County", "type": "county", "rate": "2.25",
             "source": "example figure", "as_of": "2025-01-01",
             "categories": {"computers": "follows_state_threshold"}},
        ],
    }  # fmt: skip


def test_the_holiday_itself_takes_the_answer() -> None:
    problem = TestClient(build_app()).post(
        "/quote", json=_laptop_in_nashville("2025-07-27T12:00:00-05:00")
    )
    assert problem.status_code == 200, problem.text
    assert problem.json()["tax"] == {"amount": "0.00", "currency": "USD"}


def test_the_day_after_names_the_local_rate_in_plain_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    request = _laptop_in_nashville("2025-07-28T12:00:00-05:00")
    problem = TestClient(build_app()).post("/quote", json=request).json()
    assert problem["status"] == 422, problem
    assert problem["field"] == "local_rates[0].categories", problem
    detail = problem["detail"]
    assert "<" not in detail, detail
    assert "'follows_state_threshold' for computers" in detail, detail
    assert "2025-07-28" in detail, detail
    assert "'taxed' or 'exempt'" in detail, detail
    path = tmp_path / "request.json"
    path.write_text(json.dumps(request))
    assert main(["quote", str(path)], out=io.StringIO()) == 2
    assert capsys.readouterr().err == f"commercekit: local_rates[0].categories: {detail}\n"


def test_a_silent_local_rate_is_told_what_to_write_in_json() -> None:
    """The advice is a JSON fragment a plugin can copy (it was a Python dict's repr,
    ``{'computers': 'taxed'}``, which no JSON reader takes)."""
    request = _laptop_in_nashville("2025-07-28T12:00:00-05:00")
    del request["local_rates"][0]["categories"]
    problem = TestClient(build_app()).post("/quote", json=request).json()
    assert problem["field"] == "local_rates[0].categories", problem
    fragment = problem["detail"].partition("categories: ")[2].partition(",")[0]
    assert json.loads(fragment) == {"computers": "taxed"}, problem["detail"]
