"""A request's promotions that cannot stand together are refused at their JSON path.

Before, the request was read and ``quote`` refused it inside ``apply_promotions``
with no ``field``: a second promotion with an id already given
(``DuplicatePromotionError``), a promotion's amount in another currency than the
cart's (``CurrencyMismatchError``), a ``never_with`` naming no promotion given
(``UnknownPromotionError``). A plugin could not map them to the promotion it sent.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from commercekit.checkout import quote
from commercekit.errors import InvalidJsonError
from commercekit.money import Money
from commercekit.serde import example_request, quote_request_from_json


def _request() -> dict[str, Any]:
    return copy.deepcopy(example_request("nl-to-de-consumer"))


def test_a_second_promotion_with_one_id_is_refused_at_its_id() -> None:
    request = _request()
    request["promotions"].append(copy.deepcopy(request["promotions"][0]))
    with pytest.raises(InvalidJsonError) as error:
        quote_request_from_json(request)
    assert error.value.field == "promotions[3].id"
    assert "promotions[0]" in str(error.value)


def test_an_amount_in_another_currency_is_refused_at_its_promotion() -> None:
    request = _request()
    request["promotions"][1]["minimum_subtotal"]["currency"] = "USD"
    with pytest.raises(InvalidJsonError) as error:
        quote_request_from_json(request)
    assert error.value.field == "promotions[1]"
    assert "in USD and the cart is in EUR" in str(error.value)


def test_never_with_an_unknown_id_is_refused_at_never_with() -> None:
    request = _request()
    request["promotions"][2]["never_with"] = ["WELCOME10", "NOPE"]
    with pytest.raises(InvalidJsonError) as error:
        quote_request_from_json(request)
    assert error.value.field == "promotions[2].never_with"
    assert "'NOPE'" in str(error.value)


def test_promotions_that_stand_together_quote_as_before() -> None:
    request = _request()
    request["promotions"][2]["never_with"] = ["WELCOME10"]
    assert quote(*quote_request_from_json(request)).grand_total == Money("87.65", "EUR")
