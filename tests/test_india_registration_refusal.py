"""A seller's registrations that name no State of India are shown as given.

``Seller("IN", {"IN"})`` was refused as "[] lists no States of India": the list shown
was the States found, not what the caller wrote, so the message seemed to say the
registrations were empty.
"""

from __future__ import annotations

from datetime import date

import pytest

from commercekit.errors import InvalidInputError
from commercekit.money import Money
from commercekit.tax import Buyer, Sale, Seller, decide


@pytest.mark.parametrize(
    ("registrations", "shown"),
    [({"IN"}, "['IN']"), ({"IN-MH", "IN-KA"}, "['IN-KA', 'IN-MH']"), (set(), "[]")],
)
def test_the_registrations_given_are_shown(registrations: set[str], shown: str) -> None:
    sale = Sale(
        Seller("IN", registrations),
        Buyer("IN", subdivision="IN-KA"),
        "goods",
        Money("1000.00", "INR"),
    )
    with pytest.raises(InvalidInputError) as raised:
        decide(sale, on=date(2026, 6, 1))
    assert raised.value.field == "seller.registrations"
    assert str(raised.value).startswith(shown + " ")
