"""A quote can send goods by post: ``CheckoutContext(channel="post")`` (issue 18).

The quote built its border shipment as a courier's, always: a US shop could not quote a
parcel by post to Canada, whose postal threshold is lower. CBSA Customs Notice 20-18,
para. 2: CAD 40 (taxes) and CAD 150 (duty) for "goods shipped by courier from the
United States or Mexico", CAD 20 for "courier or postal shipments from any other
country" and postal shipments. A CAD 30.00 T-shirt from a US shop to Ontario: by
courier nothing at the border; by post duty 30.00 x 18% (an example rate) = 5.40 and
HST 13% of 35.40 = 4.60.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import InvalidInputError, MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.shipping import DutyRate, TariffTable
from commercekit.tax import Buyer, Seller

TARIFF = TariffTable(
    [DutyRate("CA", "6109.10", "18", date(2020, 1, 1), None, "https://example.test/t")],
    name="a shop's own tariff (example rate)",
)


def _collected(channel: object) -> Money:
    context = CheckoutContext(
        Seller("US"),
        Buyer("CA", subdivision="CA-ON"),
        at=datetime(2025, 5, 16, 12, tzinfo=UTC),
        prices_include_tax=False,
        products={"T": Product("T", "standard", hs_code="6109.10", origin="CN")},
        tariffs=TARIFF,
        channel=channel,
    )
    cart = Cart([CartLine("T", Money("30.00", "CAD"), 1)])
    return quote(cart, context).collected_border_charges


@pytest.mark.parametrize(("channel", "charges"), [("courier", "0.00"), ("post", "10.00")])
def test_a_parcel_by_post_to_canada_meets_the_postal_threshold(
    channel: str, charges: str
) -> None:
    """By courier nothing; by post duty 5.40 and HST 4.60."""
    assert _collected(channel) == Money(charges, "CAD")


def test_not_said_it_is_asked_for_not_taken_as_a_courier() -> None:
    """The quote took an unsaid channel as a courier's and charged CAD 0.00."""
    with pytest.raises(MissingDataError, match="by post and by courier") as refused:
        _collected(None)
    assert refused.value.field == "channel"
    assert "CheckoutContext(channel=...)" in str(refused.value)


@pytest.mark.parametrize("channel", ["ship", "", 1, True])
def test_a_channel_that_is_not_one_is_refused(channel: object) -> None:
    with pytest.raises(InvalidInputError, match="channel"):
        _collected(channel)
