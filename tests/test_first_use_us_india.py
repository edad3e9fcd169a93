"""What a new user selling to the United States and India met first (issue 18): each
test is a case tried from the docs alone whose answer was wrong or unhelpful before.
"""

from __future__ import annotations

import warnings
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from commercekit.errors import (
    CommerceKitError,
    InvalidAmountChoiceError,
    InvalidJsonError,
    MissingDataError,
)
from commercekit.money import Money
from commercekit.serde import quote_request_from_json
from commercekit.service._app import build_app
from commercekit.tax import (
    CountedSale,
    RateFacts,
    Registration,
    Seller,
    fact_rates,
    rates_for,
    threshold_status,
)
from commercekit.tax._us_categories import _bundled_from


def _status(sales: list[CountedSale], seller: str, code: str, on: date):  # type: ignore[no-untyped-def]
    found = threshold_status(sales, (), seller_country=seller, on=on)
    return next(status for status in found if status.jurisdiction == code)


def test_explain_names_the_previous_year_that_obliges() -> None:
    """India measures the financial year "in a financial year exceeds twenty lakh
    rupees" (CGST Act s. 22(1)): INR 25 lakh sold in 2025-26 obliges on 2 April 2026,
    when nothing has yet been sold in 2026-27. The sentence said only "0.00 INR counted
    from 2026-04-01 ... : must_register"; it names the year that crossed."""
    sales = [CountedSale(date(2026, 3, 31), Money("2500000", "INR"), "IN")]
    india = _status(sales, "IN", "IN", date(2026, 4, 2))
    assert india.status is Registration.MUST_REGISTER
    assert (
        "0.00 INR counted from 2026-04-01 to 2026-04-02 against 2000000 INR "
        "(CGST Act 2017 s 22(1); aggregate turnover s 2(6)): must_register: 2500000.00 "
        "INR in the previous year, 2025-04-01 to 2026-03-31. Source:"
    ) in india.explain()


def test_explain_names_the_previous_calendar_year_in_the_eu() -> None:
    """The EU's EUR 10,000 counts the current or the previous calendar year (Directive
    2006/112/EC Art. 59c): last year's EUR 10,000.01 obliges on 15 January."""
    sales = [CountedSale(date(2025, 6, 1), Money("10000.01", "EUR"), "FR")]
    eu = _status(sales, "NL", "EU", date(2026, 1, 15))
    assert eu.status is Registration.MUST_REGISTER
    assert "must_register: 10000.01 EUR in the previous year, 2025-01-01 to 2025-12-31" in (
        eu.explain()
    )


def test_explain_without_a_previous_year_is_unchanged() -> None:
    """A window with no previous year to count (Japan's base period) says no more."""
    sales = [CountedSale(date(2024, 8, 1), Money("10000001", "JPY"), "JP")]
    japan = _status(sales, "JP", "JP", date(2026, 3, 1))
    assert japan.previous_period is None
    assert "previous year" not in japan.explain()


@pytest.mark.parametrize("code", ["IN-DN", "IN-DD"])
def test_a_merged_territory_reads_as_a_sentence(code: str) -> None:
    """Dadra and Nagar Haveli and Daman and Diu were merged on 26 January 2020 (the
    Dadra and Nagar Haveli and Daman and Diu (Merger of Union territories) Act 2019);
    a seller registered under the old code read "merged on 2020-01-26 into is
    'IN-DH'"."""
    with pytest.raises(CommerceKitError) as raised:
        Seller("IN", {code})
    message = str(raised.value)
    assert "into is" not in message
    assert (
        "merged on 2020-01-26 into Dadra and Nagar Haveli and Daman and Diu, is 'IN-DH'"
    ) in message
    with pytest.raises(CommerceKitError, match="into Dadra and Nagar Haveli and Daman"):
        rates_for(code, "standard", on=date(2026, 6, 1))


@pytest.mark.parametrize("day", [date(2026, 7, 1), date(2026, 7, 31), date(2026, 8, 31)])
def test_a_gap_in_a_state_table_says_which_days_and_where_why(day: date) -> None:
    """A table whose rows stop and resume (New Mexico's clothing rows stop on
    2026-06-30 and resume on 2026-09-01) says which days it lacks and where why is
    written. It said only "has rows from 2024-01-01, none for this day", as if the day
    were before the table. New Mexico's own days are now refused first, naming the
    holiday its law allows on them."""
    spans = [(date(2024, 1, 1), date(2026, 6, 30)), (date(2026, 9, 1), None)]
    assert _bundled_from("US-NM", spans, day) == (
        "has no row from 2026-07-01 to 2026-08-31 (rows until 2026-06-30 and from "
        "2026-09-01; tax/_data/rates/US-NM.csv says why)"
    )
    with pytest.raises(MissingDataError, match="New Mexico gross receipts tax holiday"):
        rates_for("US-NM", "clothing", on=day)


def test_the_days_either_side_of_the_gap_are_taxed() -> None:
    """The general 4.875% on the last day before the gap and the first after it."""
    for day in (date(2026, 6, 30), date(2026, 9, 1)):
        assert [rate.rate for rate in rates_for("US-NM", "clothing", on=day)] == [
            Decimal("4.875")
        ]


def _request(
    sku: str, price: dict[str, str], country: str, where: dict[str, str], at: str
) -> dict[str, Any]:
    """One unit of ``sku`` sold within ``country`` by a seller registered in the
    buyer's state (``where``: the buyer, with or without its subdivision)."""
    return {
        "cart": {"lines": [{"sku": sku, "quantity": 1, "unit_price": price}]},
        "seller": {
            "country": country,
            "registrations": [where.get("subdivision", "US-NY")],
        },
        "buyer": {"country": country, **where},
        "at": at,
        "prices_include_tax": False,
        "products": {sku: {"tax_category": "standard"}},
    }


def _ny_request() -> dict[str, Any]:
    lamp = {"amount": "40.00", "currency": "USD"}
    return _request("LAMP", lamp, "US", {}, "2026-06-01T12:00:00-04:00") | {
        "local_rates": [
            {
                "name": "New York City",
                "type": "city",
                "rate": "4.5",
                "source": "nyc.gov",
                "as_of": "2025-03-01",
            }
        ],
    }


def test_local_rates_for_a_buyer_without_a_state_name_the_state() -> None:
    """A US buyer without ``subdivision`` and with ``local_rates`` was refused at
    ``local_rates`` ("are given for a buyer in US"), though the rates were right and the
    state was what was missing; without local rates the same request is refused at
    ``buyer.subdivision``, and so it is now."""
    with pytest.raises(InvalidJsonError) as raised:
        quote_request_from_json(_ny_request())
    assert raised.value.field == "buyer.subdivision"
    assert "local_rates are those of the buyer's state" in str(raised.value)


def test_local_rates_outside_the_united_states_stay_refused_at_local_rates() -> None:
    request = _ny_request() | {"buyer": {"country": "DE"}}
    with pytest.raises(InvalidJsonError) as raised:
        quote_request_from_json(request)
    assert raised.value.field == "local_rates"


@pytest.mark.parametrize("fuel", ["cng", "LPG", " Cng "])
def test_a_cng_or_lpg_car_is_told_to_say_petrol(fuel: str) -> None:
    """The cess entries name "petrol, liquefied petroleum gases (LPG) or compressed
    natural gas (CNG) driven" vehicles together (Notification 1/2017-Compensation Cess
    (Rate), S. No. 52), as ``Propulsion.PETROL`` does; 'cng' was refused listing the
    values without saying which one a CNG car is."""
    with pytest.raises(InvalidAmountChoiceError) as raised:
        RateFacts(propulsion=fuel, engine_cc=1197, length_mm=3995)
    assert "say 'petrol' ('petrol_hybrid' with an electric motor)" in str(raised.value)
    assert raised.value.field == "propulsion"


def test_a_cng_car_stated_as_petrol_pays_the_small_car_rates() -> None:
    """A CNG car of 1197 cc and 3995 mm as 'petrol': 28 % and the 1 % cess on 21
    September 2025 (S. No. 52), 18 % from 22 September 2025 (9/2025-Central Tax (Rate))."""
    car = RateFacts(propulsion="petrol", engine_cc=1197, length_mm=3995)
    for day, expected in ((date(2025, 9, 21), ["28", "1"]), (date(2025, 9, 22), ["18"])):
        rates = fact_rates("IN", "motor_cars", car, on=day)
        assert [str(rate.rate) for rate in rates] == expected


def test_a_cng_car_in_json_is_told_to_say_petrol_at_its_path() -> None:
    price = {"amount": "500000.00", "currency": "INR"}
    request = _request(
        "CAR", price, "IN", {"subdivision": "IN-MH"}, "2025-10-01T12:00:00+05:30"
    )
    request["products"]["CAR"] = {
        "tax_category": "motor_cars",
        "rate_facts": {"propulsion": "cng", "engine_cc": 1197, "length_mm": 3995},
    }
    with pytest.raises(InvalidJsonError) as raised:
        quote_request_from_json(request)
    assert raised.value.field == "products['CAR'].rate_facts.propulsion"
    assert "say 'petrol'" in str(raised.value)


def _unstated() -> list[CountedSale]:
    return [
        CountedSale(date(2026, 1, 5), Money("10.00", "USD"), "US", state="US-TX"),
        CountedSale(date(2026, 2, 3), Money("310000.00", "USD"), "US"),
    ]


def test_a_us_sale_without_its_state_names_the_sale() -> None:
    """Each state measures economic nexus on its own sales (South Dakota v. Wayfair):
    a sale to the United States without ``state`` is refused naming which sale and the
    argument to give, in Python's words."""
    with pytest.raises(MissingDataError) as raised:
        threshold_status(_unstated(), (), seller_country="DE", on=date(2026, 11, 26))
    assert raised.value.field == "sales[1].state"
    assert "give CountedSale(..., state='US-NY')" in str(raised.value)


def test_a_us_sale_without_its_state_in_json_names_the_path() -> None:
    """Over HTTP the refusal said 'give CountedSale(..., "state": "US-NY")', Python and
    JSON mixed, and named no field."""
    body = {
        "sales": [
            {
                "day": "2026-02-03",
                "amount": {"amount": "310000.00", "currency": "USD"},
                "destination": "US",
            }
        ],
        "seller_country": "DE",
        "on": "2026-11-26",
    }
    with warnings.catch_warnings():  # starlette prefers httpx2 for its test client
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient  # noqa: PLC0415

    answer = TestClient(build_app()).post("/threshold-status", json=body)
    assert answer.status_code == 422
    problem = answer.json()
    assert problem["field"] == "sales[0].state"
    assert "CountedSale" not in problem["detail"]
    assert 'give the sale its "state" ("US-NY" ...)' in problem["detail"]
