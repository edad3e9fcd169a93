"""Input a JSON request carries that the reader took and the quote then refused with
no JSON path (found by writing requests by hand, as a plugin would).

* ``buyer.postcode`` of blanks or of more than 32 characters: ``Buyer`` took it,
  ``place_of`` refused it inside ``quote`` as ``UnknownCountryError`` with no field.
* A rate card price finer than its currency's minor unit (``"0.000000001"`` USD): the
  card took it, and the quote failed inside the promotions ledger with
  ``Money('1E-9', 'USD') has more decimals than USD's 2`` and no field.
* ``at`` too near the end of the calendar to count delivery days after it
  (``"9999-12-31T23:00:00+00:00"`` with a warehouse): refused with no field.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from commercekit.checkout import quote
from commercekit.errors import CommerceKitError, InvalidInputError, InvalidJsonError
from commercekit.money import Money
from commercekit.serde import example_request, quote_request_from_json
from commercekit.shipping import (
    Bracket,
    RateCard,
    Zone,
    delivery_window,
    rate_card_from_dict,
)
from commercekit.tax import Buyer, LocalRate

CARD: dict[str, Any] = {
    "carrier": "Example Carrier", "service": "Ground", "origin": "US",
    "currency": "USD", "divisor": "5000", "increment": "0.5",
    "dimension_rounding": "exact",
    "zones": [{"name": "domestic", "countries": ["US"], "transit_days": [2, 5]}],
    "brackets": {"domestic": [["30", "10.00"]]}, "fuel_surcharge_percent": "0",
}  # fmt: skip
REQUEST: dict[str, Any] = {
    "cart": {"lines": [{"sku": "LAMP", "quantity": 1,
                        "unit_price": {"amount": "80.00", "currency": "USD"}}]},
    "seller": {"country": "US", "registrations": ["US-WA"]},
    "buyer": {"country": "US", "subdivision": "US-WA", "postcode": "98101"},
    "at": "2026-06-01T12:00:00+00:00",
    "prices_include_tax": False,
    "products": {"LAMP": {"tax_category": "standard", "weight_kg": "2"}},
    "shipping": {"rate_cards": [CARD]},
    "partial": True,
}  # fmt: skip


@pytest.mark.parametrize("postcode", [" ", "\t", "9" * 33])
def test_a_postcode_that_places_nothing_is_refused_at_its_path(postcode: str) -> None:
    with pytest.raises(InvalidInputError) as error:
        Buyer("US", postcode=postcode)
    assert error.value.field == "postcode"
    request = copy.deepcopy(REQUEST)
    request["buyer"]["postcode"] = postcode
    with pytest.raises(InvalidJsonError) as error:
        quote_request_from_json(request)
    assert error.value.field == "buyer.postcode"


def test_a_postcode_of_32_characters_is_taken() -> None:
    assert Buyer("US", postcode="9" * 32).postcode == "9" * 32


@pytest.mark.parametrize("price", ["0.000000001", "10.001"])
def test_a_card_price_finer_than_a_cent_is_refused_at_its_path(price: str) -> None:
    with pytest.raises(InvalidInputError) as error:
        Bracket("30", Money(price, "USD"))
    assert error.value.field == "price"
    request = copy.deepcopy(REQUEST)
    request["shipping"]["rate_cards"][0]["brackets"]["domestic"][0][1] = price
    with pytest.raises(InvalidJsonError) as error:
        quote_request_from_json(request)
    assert error.value.field == "shipping.rate_cards[0].brackets['domestic'][0][1]"
    assert f"{price!r} is finer than the minor unit of USD" in str(error.value)


@pytest.mark.parametrize(
    "field", ["per_extra_kg", "remote_surcharge", "oversize_surcharge"]
)
def test_the_card_s_other_charges_are_whole_minor_units(field: str) -> None:
    fine = Money("1.005", "USD")
    value: object = {"domestic": fine} if field == "per_extra_kg" else fine
    with pytest.raises(CommerceKitError, match="minor unit"):
        RateCard(
            "C", "S", "US", "USD",
            zones=[Zone("domestic", ["US"], (2, 5))],
            brackets={"domestic": [Bracket("30", Money("10.00", "USD"))]},
            dimension_rounding="exact",
            **{field: value},  # type: ignore[arg-type]
        )  # fmt: skip


def test_a_whole_cent_card_is_read() -> None:
    assert rate_card_from_dict(CARD).brackets["domestic"][0].price == Money("10.00", "USD")


def test_a_moment_too_late_to_count_delivery_days_is_refused_at_at() -> None:
    """Before, ``quote`` refused it inside ``delivery_window`` with no field."""
    request = example_request("nl-to-de-consumer")
    request["at"] = "9999-12-31T23:00:00+00:00"
    cart, context = quote_request_from_json(request)
    with pytest.raises(InvalidInputError, match="end of the calendar") as error:
        quote(cart, context)
    assert error.value.field == "at"
    assert context.warehouse is not None
    with pytest.raises(InvalidInputError) as error:
        delivery_window(context.warehouse, "DE", (2, 3), ordered_at=context.at)
    assert error.value.field == "ordered_at"


@pytest.mark.parametrize("blank", [" ", "\t", "   \n"])
def test_a_blank_text_is_refused_like_an_empty_one(blank: str) -> None:
    """A text made only of spaces names nothing (a local rate's source, a promotion's
    id): it is refused at its field as an empty one is, in Python and through JSON."""
    with pytest.raises(InvalidInputError) as raised:
        LocalRate(
            name="Albany County",
            type="county",
            rate=Decimal(4),
            source=blank,
            as_of=date(2025, 3, 1),
        )
    assert raised.value.field == "source"
    assert "blank" in str(raised.value)
    request = json.loads(Path("docs/examples/us-ny-local-rates.json").read_text())
    request["local_rates"][0]["source"] = blank
    with pytest.raises(CommerceKitError) as raised_json:
        quote_request_from_json(request)
    assert getattr(raised_json.value, "field", None) == "local_rates[0].source"
