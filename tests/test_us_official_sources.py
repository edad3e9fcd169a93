"""US rows upgraded to an official source (issue 18), each checked on its worked figure.

South Dakota's shipping: ARSD 64:06:02:34 (the Legislature's site) includes a carrier's
charge the retailer bills "whether the charge is included in the sales price or stated
separately", and its example taxes a tire's "shipping and handling" with the tire.
Minnesota's, Virginia's and Vermont's drug exemptions: below.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from commercekit.checkout import quote
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.tax import RateKind, rates_for, us_shipping
from tests.test_us_handling import CART, DAY, _context
from tests.test_us_taxability import FIRST, _tax


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


# Drugs read in the state's own words: Minnesota Revenue's guide "Drugs" ("Drugs for
# human use are exempt ... prescribed drugs and over-the-counter drugs"), Virginia Tax
# Bulletin 13-5 (nonprescription drugs exempt since 1998-07-01), 32 V.S.A. 9741(2) on
# Vermont's Legislature's site ("Drugs intended for human use"); Maryland's Tax-General
# 11-211(a)(2) ("a sale of medicine") with the Comptroller's page ("Medicine includes
# prescription and non-prescription drugs").
@pytest.mark.parametrize("state", ["US-MN", "US-VA", "US-VT", "US-MD"])
@pytest.mark.parametrize(
    "category", ["medicines", "prescription_drugs", "over_the_counter_drugs"]
)
def test_drugs_exempt_in_the_states_own_words(state: str, category: str) -> None:
    (found,) = rates_for(state, category, on=FIRST)
    assert (found.rate, found.kind) == (Decimal(0), RateKind.EXEMPT)
    assert "official: yes" in found.note
    assert _tax(state, category, "8.99", FIRST) == Money("0.00", "USD")
    with pytest.raises(MissingDataError, match="has rows from 2024-01-01, none for"):
        rates_for(state, category, on=date(2023, 12, 31))
