"""Hotel rooms and restaurant meals sold in India as services, through the quote.

A room is placed where the property is (IGST Act s. 12(3)(b)), a restaurant meal
where it is served (s. 12(4)), never at the guest's State; each is rated by the fact
its product states (``Product.rate_facts``, ``fact_rates``); through an operator the
operator pays under CGST Act s. 9(5). Figures worked by hand: a room at Rs 5,000 a
night for 2 nights is Rs 10,000, 12 % (CGST 6 % + SGST 6 %, 600.00 each) on
2025-09-21 and 5 % (2.5 % + 2.5 %, 250.00 each) from 2025-09-22 (Notification
11/2017-Central Tax (Rate) S. No. 7 as amended by 15/2025)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import CommerceKitError, MissingDataError
from commercekit.money import Money, sum_money
from commercekit.pricing import AmountOff, Cart, CartLine, PercentOff, Promotion
from commercekit.tax import Buyer, Collector, RateFacts, Sale, Seller, ServiceFacts, decide

IST = timezone(timedelta(hours=5, minutes=30))
NIGHT = Money("5000.00", "INR")
ROOM = Product("ROOM", "accommodation", rate_facts=RateFacts(unit_value_per_day=NIGHT))
MEAL = Product("MEAL", "restaurant", rate_facts=RateFacts(specified_premises=False))
STAY = ServiceFacts(
    "immovable_property",
    location="IN-KA",
    operator_service="accommodation",
    supplier_liable_to_register=False,
)


def _context(
    day: date,
    facts: ServiceFacts | None,
    *,
    guest: str = "IN-KA",
    product: Product = ROOM,
    marketplace: str | None = "StayApp",
) -> CheckoutContext:
    return CheckoutContext(
        Seller("IN", {"IN-KA"}),
        Buyer("IN", subdivision=guest),
        at=datetime(day.year, day.month, day.day, 12, tzinfo=IST),
        prices_include_tax=False,
        products={product.sku: product},
        marketplace=marketplace,
        service_facts=facts,
    )


def _two_nights(context: CheckoutContext) -> object:
    return quote(Cart([CartLine("ROOM", NIGHT, 2)]), context)


@pytest.mark.parametrize(
    ("day", "rate", "each"),
    [(date(2025, 9, 21), "6", "600.00"), (date(2025, 9, 22), "2.5", "250.00")],
)
@pytest.mark.parametrize("guest", ["IN-KA", "IN-MH"])
def test_a_room_through_an_app_is_rated_by_its_value_per_day(
    day: date, rate: str, each: str, guest: str
) -> None:
    stay = quote(Cart([CartLine("ROOM", NIGHT, 2)]), _context(day, STAY, guest=guest))
    assert [(r.tax, r.rate) for r in stay.lines[0].rates] == [
        ("CGST", Decimal(rate)),
        ("SGST", Decimal(rate)),
    ]
    assert [str(row.amount) for row in stay.tax_summary] == [f"{each} INR"] * 2
    assert stay.tax == sum_money([row.amount for row in stay.tax_summary], "INR")
    assert stay.tax == sum_money([line.tax for line in stay.lines], "INR")
    assert stay.grand_total == Money("10000.00", "INR") + stay.tax
    assert stay.tax == Money(Decimal(each) * 2, "INR")
    assert stay.decision.collected_by is Collector.MARKETPLACE


def test_a_guest_from_another_state_pays_the_propertys_taxes() -> None:
    """Placed where the property is (s. 12(3)(b)): a hotel in Goa sold by a supplier
    registered in Karnataka is inter-State, whatever the guest's State."""
    in_goa = ServiceFacts("immovable_property", location="IN-GA")
    stay = _two_nights(_context(date(2026, 6, 1), in_goa, guest="IN-KA", marketplace=None))
    assert [(r.tax, r.rate) for r in stay.lines[0].rates] == [("IGST", Decimal("5"))]
    assert any("12(3)" in rule.text for rule in stay.decision.rules)


def test_a_room_without_where_the_property_is_is_refused() -> None:
    """No silent default to the guest's State: the goods path (no service facts) and
    the general rule both refuse, naming the fact."""
    for facts in (None, ServiceFacts("general")):
        with pytest.raises(MissingDataError, match=r"12\(3\)") as found:
            _two_nights(_context(date(2026, 6, 1), facts, guest="IN-MH", marketplace=None))
        assert found.value.field is not None
        assert found.value.field.startswith("service_facts")


def test_a_room_through_an_app_without_its_value_is_refused_by_that_field() -> None:
    bare = Product("ROOM", "accommodation")
    with pytest.raises(MissingDataError) as found:
        _two_nights(_context(date(2026, 6, 1), STAY, product=bare))
    assert found.value.field == "products['ROOM'].rate_facts.unit_value_per_day"


def test_a_meal_through_a_food_app_is_rated_by_its_premises() -> None:
    """Rs 1,000 of food, not at specified premises, on 2026-06-01: 5 %, CGST 25.00 +
    SGST 25.00, paid by the operator (17/2017 clause (iv))."""
    served = ServiceFacts(
        "in_person",
        location="IN-KA",
        operator_service="restaurant",
        at_specified_premises=False,
    )
    meal = quote(
        Cart([CartLine("MEAL", Money("1000.00", "INR"), 1)]),
        _context(date(2026, 6, 1), served, guest="IN-KA", product=MEAL),
    )
    assert [str(row.amount) for row in meal.tax_summary] == ["25.00 INR"] * 2
    assert meal.grand_total == Money("1050.00", "INR")
    assert meal.decision.collected_by is Collector.MARKETPLACE


def test_the_premises_are_said_once() -> None:
    """The rate's specified premises and the operator's exception are one fact: a
    quote whose product and service facts disagree on it is refused."""
    served = ServiceFacts(
        "in_person",
        location="IN-KA",
        operator_service="restaurant",
        at_specified_premises=True,
    )
    with pytest.raises(CommerceKitError, match="specified"):
        quote(
            Cart([CartLine("MEAL", Money("1000.00", "INR"), 1)]),
            _context(date(2026, 6, 1), served, product=MEAL),
        )


def test_a_room_with_other_lines_is_refused() -> None:
    """A room placed at the property and a lamp at the buyer's address are two
    supplies placed by two rules: one sale is refused rather than place both."""
    sale = Sale(
        Seller("IN", {"IN-KA"}),
        Buyer("IN", subdivision="IN-MH"),
        "services",
        Money("100.00", "INR"),
        service=ServiceFacts("immovable_property", location="IN-KA"),
    )
    with pytest.raises(MissingDataError, match="12"):
        decide(sale, on=date(2026, 6, 1))


def test_a_hotel_outside_india_is_refused_not_placed() -> None:
    """s. 12(3)'s proviso places a property outside India at the recipient: not
    bundled, so refused by the location's field."""
    abroad = ServiceFacts("immovable_property", location="AE")
    with pytest.raises(MissingDataError, match="outside India") as found:
        _two_nights(_context(date(2026, 6, 1), abroad, marketplace=None))
    assert found.value.field == "service_facts.location"


def test_a_cab_through_an_app_is_still_refused_on_the_bundled_rates() -> None:
    ride = Sale(
        Seller("IN", {"IN-KA"}),
        Buyer("IN", subdivision="IN-KA"),
        "services",
        Money("250.00", "INR"),
        marketplace="RideApp",
        service=ServiceFacts("general", operator_service="cab"),
    )
    with pytest.raises(MissingDataError) as found:
        decide(ride, on=date(2026, 6, 1))
    assert found.value.field == "rates"


def test_accommodation_through_an_app_as_another_category_is_refused() -> None:
    """A room sold under the residual category would pay 18 %: refused, naming
    ``rates`` and the category its rate is bundled for."""
    plain = Product("ROOM", "standard")
    stay = ServiceFacts(
        "general", operator_service="accommodation", supplier_liable_to_register=False
    )
    with pytest.raises(MissingDataError, match="'accommodation'"):
        _two_nights(_context(date(2026, 6, 1), stay, product=plain))


def test_a_discount_that_moves_a_room_into_another_band_is_refused() -> None:
    """Since 2018-07-27 the bands compare the value of supply (13/2018-Central Tax
    (Rate)), which is after the seller's discount: a Rs 8,000 room at 10 % off is
    Rs 7,200 a night, 5 % and not 18 % (the quote charged 18 %: 2,592.00 on
    14,400.00 for two nights, where 5 % is 720.00). Stating the value after the
    discount gives it."""
    promotion = Promotion("TEN", PercentOff(10))
    listed = Product(
        "ROOM", "accommodation",
        rate_facts=RateFacts(unit_value_per_day=Money("8000.00", "INR")),
    )  # fmt: skip
    context = attrs.evolve(
        _context(date(2026, 6, 1), STAY, product=listed), promotions=(promotion,)
    )
    cart = Cart([CartLine("ROOM", Money("8000.00", "INR"), 2)])
    with pytest.raises(MissingDataError, match="after the discount") as found:
        quote(cart, context)
    assert found.value.field == "products['ROOM'].rate_facts.unit_value_per_day"
    after = Product(
        "ROOM", "accommodation",
        rate_facts=RateFacts(unit_value_per_day=Money("7200.00", "INR")),
    )  # fmt: skip
    stay = quote(cart, attrs.evolve(context, products={"ROOM": after}))
    assert [str(row.amount) for row in stay.tax_summary] == ["360.00 INR"] * 2
    assert stay.grand_total == Money("15120.00", "INR")


def test_a_discount_within_the_band_keeps_the_stated_value() -> None:
    """Rs 9,000 at 10 % off is Rs 8,100, above Rs 7,500 either way: 18 %."""
    promotion = Promotion("TEN", PercentOff(10))
    listed = Product(
        "ROOM", "accommodation",
        rate_facts=RateFacts(unit_value_per_day=Money("9000.00", "INR")),
    )  # fmt: skip
    context = attrs.evolve(
        _context(date(2026, 6, 1), STAY, product=listed), promotions=(promotion,)
    )
    stay = quote(Cart([CartLine("ROOM", Money("9000.00", "INR"), 1)]), context)
    assert stay.tax == Money("1458.00", "INR")


def test_a_discount_on_a_price_with_the_tax_in_compares_the_value_without_it() -> None:
    """Rs 7,875.00 with 5 % in is Rs 7,500.00 a night; Rs 1.05 off leaves Rs 7,873.95,
    Rs 7,499.00 without the tax: still up to Rs 7,500, 5 %, and not refused as if the
    price with the tax in were the value compared."""
    listed = Product(
        "ROOM", "accommodation",
        rate_facts=RateFacts(unit_value_per_day=Money("7500.00", "INR")),
    )  # fmt: skip
    context = attrs.evolve(
        _context(date(2026, 6, 1), STAY, product=listed),
        prices_include_tax=True,
        promotions=(Promotion("OFF", AmountOff(Money("1.05", "INR"))),),
    )
    stay = quote(Cart([CartLine("ROOM", Money("7875.00", "INR"), 1)]), context)
    assert [r.rate for r in stay.lines[0].rates] == [Decimal("2.5")] * 2
    assert stay.grand_total == Money("7873.95", "INR")


@pytest.mark.parametrize(
    ("product", "kind", "said"),
    [
        (MEAL, "in_person", "other"),
        (MEAL, "in_person", "housekeeping"),
        (ROOM, "immovable_property", "housekeeping"),
        (ROOM, "immovable_property", "other"),
    ],
)
def test_the_clause_said_must_be_the_lines_service(
    product: Product, kind: str, said: str
) -> None:
    """A meal through a food app said to be 'other' would leave the tax with the
    restaurant (CGST Act s. 9(1)) where clause (iv) makes it the app's: the clause
    said must name the lines' service, else refused at operator_service."""
    facts = ServiceFacts(
        kind, location="IN-KA", operator_service=said, supplier_liable_to_register=False
    )
    with pytest.raises(CommerceKitError) as found:
        quote(
            Cart([CartLine(product.sku, Money("1000.00", "INR"), 1)]),
            _context(date(2026, 6, 1), facts, product=product),
        )
    assert found.value.field == "service_facts.operator_service"


def test_a_room_said_as_another_kind_is_refused_at_the_kind() -> None:
    facts = ServiceFacts("in_person", location="IN-KA")
    with pytest.raises(MissingDataError) as found:
        _two_nights(_context(date(2026, 6, 1), facts, marketplace=None))
    assert found.value.field == "service_facts.kind"


def test_the_premises_stated_by_the_product_answer_the_operator_clause() -> None:
    """Said once, in the product's rate facts: a meal not at specified premises
    through a food app is the app's tax (clause (iv)) without repeating the fact as
    at_specified_premises."""
    served = ServiceFacts("in_person", location="IN-KA", operator_service="restaurant")
    meal = quote(
        Cart([CartLine("MEAL", Money("1000.00", "INR"), 1)]),
        _context(date(2026, 6, 1), served, product=MEAL),
    )
    assert meal.decision.collected_by is Collector.MARKETPLACE
    assert meal.tax == Money("50.00", "INR")
