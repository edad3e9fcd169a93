"""The JSON request says whether the shipping charged includes handling
(``shipping.includes_handling``, ``CheckoutContext.shipping_includes_handling``).

Virginia exempts separately stated transportation but not handling (23VAC10-210-6000
B), and no rule for a combined charge is bundled: a request saying the charge includes
handling is refused (or, partial, taxed and listed), as the context is. Before, the
field was unknown to the request, so a JSON caller could not say it and the charge was
read as transportation alone (exempt).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from commercekit.checkout import quote
from commercekit.errors import InvalidJsonError, MissingDataError
from commercekit.money import Money
from commercekit.serde import quote_request_from_json, quote_request_to_json
from commercekit.shipping import rate_card_to_dict
from tests.test_us_handling import CARD

REQUEST: dict[str, Any] = {
    "cart": {
        "lines": [
            {"sku": "LAMP", "unit_price": {"amount": "80.00", "currency": "USD"},
             "quantity": 1}
        ]
    },
    "seller": {"country": "US", "registrations": ["US-VA"]},
    "buyer": {"country": "US", "subdivision": "US-VA"},
    "at": "2026-06-01T12:00:00+00:00",
    "prices_include_tax": False,
    "products": {"LAMP": {"tax_category": "standard", "weight_kg": "2"}},
    "shipping": {"rate_cards": [rate_card_to_dict(CARD)]},
    "partial": True,
}  # fmt: skip


def _with(**shipping: object) -> dict[str, Any]:
    request = copy.deepcopy(REQUEST)
    request["shipping"].update(shipping)
    return request


def test_a_request_says_the_charge_includes_handling() -> None:
    cart, context = quote_request_from_json(_with(includes_handling=True))
    assert context.shipping_includes_handling
    result = quote(cart, context)
    assert result.shipping is not None
    assert result.shipping.tax == Money("0.43", "USD")  # taxed, listed: not bundled
    assert any("shipping and handling" in item for item in result.missing)
    assert quote_request_to_json(cart, context)["shipping"]["includes_handling"]


def test_without_it_the_charge_is_transportation_alone() -> None:
    cart, context = quote_request_from_json(_with())
    assert not context.shipping_includes_handling
    result = quote(cart, context)
    assert result.shipping is not None
    assert result.shipping.tax == Money("0.00", "USD")
    assert "includes_handling" not in quote_request_to_json(cart, context)["shipping"]


def test_a_complete_quote_refuses_a_combined_charge_not_bundled() -> None:
    """Massachusetts (no local taxes, so a complete quote needs no rate source from
    the request): shipping stated apart is exempt, a combined charge not bundled."""
    request = _with(includes_handling=True)
    request["partial"] = False
    request["seller"]["registrations"] = ["US-MA"]
    request["buyer"]["subdivision"] = "US-MA"
    assert quote(*quote_request_from_json(_with())).shipping is not None
    cart, context = quote_request_from_json(request)
    with pytest.raises(MissingDataError, match="combined shipping and handling"):
        quote(cart, context)


@pytest.mark.parametrize("value", ["yes", 1, None, [True]])
def test_the_flag_is_refused_at_its_field_unless_true_or_false(value: object) -> None:
    with pytest.raises(InvalidJsonError) as caught:
        quote_request_from_json(_with(includes_handling=value))
    assert caught.value.field == "shipping.includes_handling"
