"""E-books and books in the US states whose own department says how it taxes them.

Each state's words, read 2026-12-01 (quoted in the rows' notes):

- Pennsylvania (6%): the Department of Revenue's page "Digital Products": Act 84 of
  2016 applies the 6% tax to digital products, "e-books from Amazon Kindle, Barnes &
  Noble's Nook Press and other retailers" among them; its worked figure: "If a
  ringtone is $1, the tax is $.06".
- Washington (6.5%): chapter 535, Laws of 2009, "imposed sales and use tax on digital
  products such as ... digital books" (the Department's research index on WAC
  458-20-15503).
- New Jersey (6.625%): a digital book is a "specified digital product", taxed from
  2011-05-01 (and as "digital property" from 2006-10-01): the Division's notices.
- Tennessee (7%): SUT-65, digital books "subject to the 7% state tax rate".
- Minnesota (6.875%): the Department's "Digital Products": "Digital books or e-books
  such as novels, biographies, and dictionaries" are taxable.
- Ohio (5.75%): the Department's answers on digital products: "e-books for Kindle and
  other electronic readers" are taxable, and "sales of tangible books are subject to
  sales tax".

Pages with a date, or naming a law older than the tables (PA, WA, NJ), give rows from
2018-06-21, the tables' first day; undated pages (TN, MN, OH) rows from 2024-01-01.
Louisiana (5 % from 2025-01-01, H.B. 8 of 2024 taxing "digital books" among digital
products) rests on reports of the Act and of the Department's guidance: official: no.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest

from commercekit.errors import MissingDataError, NoRuleError
from commercekit.money import Money
from commercekit.tax import (
    Buyer,
    Collector,
    RateKind,
    Regime,
    Sale,
    Seller,
    StateRatesOnly,
    add_tax,
    decide,
    rates_for,
)
from tests.test_us_taxability import _by_hand, _tax, _what, usd


def _ebook(
    state: str,
    price: str = "9.99",
    *,
    registered: bool = True,
    marketplace: str | None = None,
) -> Sale:
    """An e-book sold to a buyer in ``state`` by a US seller registered there (or not)."""
    registrations = {state} if registered else set()
    return Sale(
        Seller("US", registrations), Buyer("US", subdivision=state),
        "electronic_services", usd(price), category="ebooks",
        marketplace=marketplace or None,
    )  # fmt: skip


TABLES_START = date(2018, 6, 21)  # the US tables' first day
# (state, category): (general rate, first day)
ROWS = {
    ("US-PA", "ebooks"): ("6", date(2018, 6, 21)),
    ("US-WA", "ebooks"): ("6.5", date(2018, 6, 21)),
    ("US-NJ", "ebooks"): ("6.625", date(2018, 6, 21)),
    ("US-TN", "ebooks"): ("7", date(2024, 1, 1)),
    ("US-MN", "ebooks"): ("6.875", date(2024, 1, 1)),
    ("US-OH", "ebooks"): ("5.75", date(2024, 1, 1)),
    ("US-OH", "books"): ("5.75", date(2024, 1, 1)),
    ("US-LA", "ebooks"): ("5", date(2025, 1, 1)),  # reports of H.B. 8 (2024): official: no
}


def _refused_before(first: date) -> pytest.RaisesExc[Exception]:
    """The refusal of the day before ``first``: before the tables (``NoRuleError``),
    or before the category's rows in a table that starts earlier."""
    if first == TABLES_START:
        return pytest.raises(NoRuleError, match="the data covers 2018-06-21 onwards")
    return pytest.raises(MissingDataError, match=f"has rows from {first}, none for")


def _charged(state: str, category: str, price: str, day: date) -> Money:
    """The state's tax on one item at ``price``: printed books through the quote
    (state rates only), e-books (electronic services, which the quote refuses) through
    ``decide`` and ``add_tax``."""
    if category != "ebooks":
        return _tax(state, category, price, day)
    decision = decide(_ebook(state, price), on=day, rates=StateRatesOnly())
    return add_tax(usd(price), decision.rates).tax


@pytest.mark.parametrize(("state", "category"), ROWS)
def test_the_general_rate_from_the_first_day_and_refused_the_day_before(
    state: str, category: str
) -> None:
    rate, first = ROWS[state, category]
    (found,) = rates_for(state, category, on=first)
    assert (found.rate, found.kind, found.fallback) == (
        Decimal(rate),
        RateKind.STANDARD,
        False,
    )
    assert ("official: no" if state == "US-LA" else "official: yes") in found.note
    assert _charged(state, category, "9.99", first) == _by_hand("9.99", rate)
    with _refused_before(first):
        rates_for(state, category, on=first - timedelta(days=1))


def test_pennsylvania_the_departments_own_figure() -> None:
    """'If a ringtone is $1, the tax is $.06': a USD 1 e-book alike."""
    assert _charged("US-PA", "ebooks", "1.00", date(2026, 6, 1)) == usd("0.06")


@pytest.mark.parametrize(
    ("state", "tax"),
    [
        ("US-PA", "0.60"),  # 9.99 x 6 % = 0.5994
        ("US-WA", "0.65"),  # 9.99 x 6.5 % = 0.64935
        ("US-NJ", "0.66"),  # 9.99 x 6.625 % = 0.6618375
        ("US-TN", "0.70"),  # 9.99 x 7 % = 0.6993
        ("US-MN", "0.69"),  # 9.99 x 6.875 % = 0.6868125
        ("US-OH", "0.57"),  # 9.99 x 5.75 % = 0.574425
        ("US-LA", "0.50"),  # 9.99 x 5 % = 0.4995
    ],
)
def test_a_usd_9_99_ebook_to_the_cent(state: str, tax: str) -> None:
    assert _charged(state, "ebooks", "9.99", date(2026, 6, 1)) == usd(tax)


@pytest.mark.parametrize(
    ("state", "category"),
    [
        ("US-CA", "ebooks"),
        ("US-NY", "ebooks"),  # TSB-M-11(5)S read only in reports: not bundled
        ("US-TX", "ebooks"),
        ("US-PA", "books"),
        ("US-TN", "books"),
        ("US-CA", "books"),
        ("US-PA", "digital_services"),
    ],
)
def test_elsewhere_still_refused_by_name(state: str, category: str) -> None:
    with pytest.raises(MissingDataError, match="was not sourced") as raised:
        rates_for(state, category, on=date(2026, 3, 2))
    assert _what(state, category) in str(raised.value)
    assert "TaxRateSource" in str(raised.value)


@pytest.mark.parametrize(("state", "category"), [key for key in ROWS if key[1] == "ebooks"])
def test_decide_charges_the_states_rate_on_an_ebook_where_its_row_is_read(
    state: str, category: str
) -> None:
    """Electronic services are not bundled in the US, but an e-book sold to a state
    whose department's words were read is decided as its goods are: the seller
    registered there (or the marketplace) collects at the row's rate."""
    rate, first = ROWS[state, category]
    decision = decide(_ebook(state), on=first, rates=StateRatesOnly())
    assert (decision.regime, decision.taxed_in, decision.collected_by) == (
        Regime.DOMESTIC,
        state,
        Collector.SELLER,
    )
    assert [found.rate for found in decision.rates] == [Decimal(rate)]
    assert "e-books" in decision.rules[0].text
    books_inc = _ebook(state, registered=False, marketplace="Books Inc")
    later = date(2026, 6, 1)  # every state's facilitator law in force
    marketplace = decide(books_inc, on=later, rates=StateRatesOnly())
    assert marketplace.collected_by is Collector.MARKETPLACE
    unregistered = decide(_ebook(state, registered=False), on=first)
    assert (unregistered.regime, unregistered.rates) == (Regime.NOT_COLLECTED, ())
    before = first - timedelta(days=1)
    if first == TABLES_START:
        with _refused_before(first):
            decide(_ebook(state), on=before, rates=StateRatesOnly())
    else:  # a partial decision leaves the e-book untaxed and says why
        partial = decide(_ebook(state), on=before, rates=StateRatesOnly())
        assert partial.rates == ()
        assert f"has rows from {first}, none for this day" in partial.rules[-1].text
    if state != "US-NJ":  # local taxes only in its Urban Enterprise Zones
        with pytest.raises(MissingDataError, match="missing local sales tax rates"):
            decide(_ebook(state), on=first)  # the local rates, as for goods


@pytest.mark.parametrize("state", ["US-CA", "US-NY", "US-TX"])
def test_decide_leaves_an_ebook_not_bundled_elsewhere_as_before(state: str) -> None:
    decision = decide(_ebook(state), on=date(2026, 6, 1))
    assert (decision.regime, decision.rates) == (Regime.NOT_BUNDLED, ())
    assert "not bundled" in decision.rules[0].text


def test_decide_leaves_other_electronic_services_not_bundled_in_pennsylvania() -> None:
    sale = attrs.evolve(_ebook("US-PA"), category="digital_services")
    decision = decide(sale, on=date(2026, 6, 1))
    assert (decision.regime, decision.rates) == (Regime.NOT_BUNDLED, ())


def test_louisiana_ebooks_end_with_the_five_percent() -> None:
    """The 5 % runs 'Until 12/31/2029' (the Department's rate page), and so does the
    e-book row: the next day raises, as for every category there."""
    assert _charged("US-LA", "ebooks", "9.99", date(2029, 12, 31)) == usd("0.50")
    with pytest.raises(NoRuleError):
        rates_for("US-LA", "ebooks", on=date(2030, 1, 1))
