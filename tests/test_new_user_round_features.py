"""A new user's pass over the round's features: excise goods at the border, refunds
below a free-shipping threshold, the border limits.

Each test here failed before its fix. Sources are cited where a figure is asserted.
"""

from __future__ import annotations

import warnings
from datetime import date

import pytest

from commercekit.errors import InvalidInputError
from commercekit.money import Money
from commercekit.shipping import Item, Shipment, landed_cost

WINE = Item("Rioja", Money("40.00", "EUR"), hs_code="2204.21", origin="US")


@pytest.mark.parametrize("asked", [1, "true", "no", None])
def test_without_excise_is_a_flag_not_anything_truthy(asked: object) -> None:
    """``without_excise="no"`` was read as yes: a landed cost lacking the excise duty
    was returned where the caller may have meant to be refused."""
    with pytest.raises(InvalidInputError, match="without_excise"):
        landed_cost(
            Shipment((WINE,), destination="DE"),
            incoterm="DDP",
            on=date(2026, 7, 2),
            without_excise=asked,  # type: ignore[arg-type]
        )


def test_the_service_refuses_a_without_excise_that_is_not_true_or_false() -> None:
    """Checked and kept: the JSON request was already read strictly."""
    with warnings.catch_warnings():  # starlette prefers httpx2 for its test client
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient  # noqa: PLC0415  # warns on import

    from commercekit.service._app import build_app  # noqa: PLC0415

    wine = {"description": "Rioja", "value": {"amount": "40.00", "currency": "EUR"},
            "hs_code": "2204.21", "origin": "US"}  # fmt: skip
    body = {"shipment": {"items": [wine], "destination": "DE"}, "incoterm": "DDP",
            "on": "2026-07-02", "without_excise": "yes"}  # fmt: skip
    answer = TestClient(build_app()).post("/landed-cost", json=body)
    assert answer.status_code == 422
    assert answer.json()["field"] == "without_excise"
