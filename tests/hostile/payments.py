"""Valid calls over ``commercekit.payments``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from commercekit.money import Money
from commercekit.payments import (
    CapStatus,
    CardOrigin,
    CardType,
    FeeRow,
    FeeSchedule,
    PaymentCost,
    PaymentMethod,
    Ruling,
    example_schedule,
    payment_cost,
)
from tests.hostile import Call, call, method

DAY = date(2026, 11, 30)
SOURCE = "https://support.stripe.com/questions/april-2023-pricing-updates-for-businesses-based-in-europe"


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def _row_fields() -> dict[str, object]:
    return {
        "provider": "my-psp",
        "merchant_country": "NL",
        "method": PaymentMethod.CARD,
        "card_type": CardType.CONSUMER_CREDIT,
        "card_origin": CardOrigin.EEA,
        "percent": Decimal("1.5"),
        "fixed": eur("0.25"),
        "cross_border_percent": Decimal(0),
        "conversion_percent": Decimal(2),
        "dispute_fee": eur("20.00"),
        "fee_kept_on_refund": True,
        "refund_fee": eur("0.00"),
        "since": date(2026, 1, 1),
        "until": None,
        "read_on": date(2026, 1, 5),
        "sources": (SOURCE,),
        "note": "a contract",
    }


def _row() -> FeeRow:
    return FeeRow(**_row_fields())  # type: ignore[arg-type]


def _paid() -> PaymentCost:
    return payment_cost(
        eur("100.00"),
        PaymentMethod.CARD,
        FeeSchedule([_row()]),
        merchant_country="NL",
        on=DAY,
        card_type=CardType.CONSUMER_CREDIT,
        issuer_country="DE",
    )


def _cost_fields() -> dict[str, object]:
    paid = _paid()
    return {
        "amount": paid.amount,
        "percentage_fee": paid.percentage_fee,
        "fixed_fee": paid.fixed_fee,
        "cross_border_fee": paid.cross_border_fee,
        "conversion_fee": paid.conversion_fee,
        "row": paid.row,
        "why": paid.why,
    }


_SURCHARGE = {
    "buyer": "business",
    "merchant_country": "GB",
    "on": DAY,
    "card_type": CardType.COMMERCIAL,
    "card_country": "GB",
}


def _gbp(amount: str) -> Money:
    return Money(amount, "GBP")


CALLS: dict[str, Callable[[], Call]] = {
    "FeeRow": lambda: call(**_row_fields()),
    "FeeRow.covers": lambda: method(_row().covers, DAY),
    "FeeSchedule": lambda: call([_row()]),
    "FeeSchedule.fee_row": lambda: method(
        FeeSchedule([_row()]).fee_row,
        PaymentMethod.CARD,
        merchant_country="NL",
        card_type=CardType.CONSUMER_CREDIT,
        card_origin=CardOrigin.EEA,
        on=DAY,
    ),
    "PaymentCost": lambda: call(**_cost_fields()),
    "RefundCost": lambda: call(
        refunded=eur("100.00"),
        kept_fee=eur("1.75"),
        refund_fee=eur("0.00"),
        row=_row(),
        why=("The schedule keeps the fee.",),
    ),
    "ChargebackCost": lambda: call(
        disputed=eur("100.00"), dispute_fee=eur("20.00"), row=_row(), why=("A dispute.",)
    ),
    "InterchangeCap": lambda: call(
        status=CapStatus.CAPPED,
        card_type=CardType.CONSUMER_CREDIT,
        amount=eur("100.00"),
        rate=Decimal("0.3"),
        cap=eur("0.30"),
        regime="EU",
        why=("Regulation (EU) 2015/751 Art 4 caps it.",),
        sources=("https://eur-lex.europa.eu/eli/reg/2015/751/oj",),
    ),
    "SurchargeDecision": lambda: call(
        ruling=Ruling.ALLOWED,
        amount=_gbp("100.00"),
        cap=_gbp("2.15"),
        instruments=("commercial_card",),
        why=("reg 6A(2) caps it at cost.",),
        sources=("https://www.legislation.gov.uk/uksi/2012/3110/contents",),
    ),
    "card_origin": lambda: call("BE", "NL", on=DAY),
    "example_providers": call,
    "example_schedule": lambda: call("stripe"),
    "payment_cost": lambda: call(
        eur("100.00"),
        PaymentMethod.CARD,
        example_schedule("stripe"),
        merchant_country="NL",
        on=DAY,
        card_type=CardType.CONSUMER_CREDIT,
        issuer_country="DE",
        converted=False,
    ),
    "refund_cost": lambda: call(_paid(), eur("40.00")),
    "chargeback_cost": lambda: call(_paid()),
    "interchange_cap": lambda: call(
        eur("100.00"),
        CardType.CONSUMER_DEBIT,
        issuer_country="NL",
        acquirer_country="DE",
        on=DAY,
        three_party_scheme=False,
    ),
    "surcharge_decision": lambda: call(
        _gbp("100.00"), PaymentMethod.CARD, cost=_gbp("2.15"), **_SURCHARGE
    ),
    "check_surcharge": lambda: call(
        _gbp("1.00"), _gbp("100.00"), PaymentMethod.CARD, cost=_gbp("2.15"), **_SURCHARGE
    ),
}

VALID_BY_DESIGN: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    ("FeeRow", "provider"): (
        frozenset({"unknown code"}),
        "a provider's name as the caller writes it, not a code from a list",
    ),
}
