"""US rows upgraded to an official source (issue 18), each checked on its worked figure.

South Dakota's shipping: ARSD 64:06:02:34 (the Legislature's site) includes a carrier's
charge the retailer bills "whether the charge is included in the sales price or stated
separately", and its example taxes a tire's "shipping and handling" with the tire.
"""

from __future__ import annotations

from commercekit.checkout import quote
from commercekit.money import Money
from commercekit.tax import us_shipping
from tests.test_us_handling import CART, DAY, _context


def test_south_dakota_taxes_shipping_and_handling_stated_apart() -> None:
    """A USD 80.00 lamp and USD 10.00 shipping (and handling) at 4.2 %: the lamp
    3.36, the shipping 0.42 (10.00 x 4.2 % = 0.42), as the rule's tire example."""
    rule = us_shipping("US-SD", on=DAY)
    assert "64:06:02:34" in rule.source
    for handling in (False, True):
        result = quote(CART, _context("US-SD", shipping_includes_handling=handling))
        assert result.shipping is not None
        assert result.shipping.tax == Money("0.42", "USD")
        assert result.tax == Money("3.78", "USD")
