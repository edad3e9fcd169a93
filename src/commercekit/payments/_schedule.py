"""Fee schedules: where a payment's fee row comes from.

A [`PaymentCostSource`][commercekit.payments.PaymentCostSource] answers one question:
which [`FeeRow`][commercekit.payments.FeeRow] applies to a method (and card) for a
merchant in a country on a day. A [`FeeSchedule`][commercekit.payments.FeeSchedule]
answers it from a list of rows (a merchant's own contract, typed in); the schedules
commercekit bundles are **labelled examples** read from providers' public pricing pages
([`example_schedule`][commercekit.payments.example_schedule]), dated and sourced in
``_data/fees.csv``. A question no row answers raises
[`MissingPaymentCostError`][commercekit.errors.MissingPaymentCostError]: never a zero,
never another provider's price.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from fractions import Fraction
from functools import cache
from typing import Protocol, runtime_checkable

from commercekit import _bundled
from commercekit._checks import money_of
from commercekit._numbers import context_free
from commercekit._words import with_article
from commercekit.errors import (
    CommerceKitError,
    DataFileError,
    InputKind,
    MissingPaymentCostError,
)
from commercekit.money import Money
from commercekit.payments import _checks
from commercekit.payments._model import CardOrigin, CardType, FeeRow, PaymentMethod

__all__ = ["FeeSchedule", "PaymentCostSource", "example_providers", "example_schedule"]

_Key = tuple[str, PaymentMethod, CardType | None, CardOrigin | None]


@runtime_checkable
class PaymentCostSource(Protocol):
    """Where a payment's fee row comes from: the bundled examples, or a provider's
    contract plugged in by the caller."""

    def fee_row(
        self,
        method: PaymentMethod,
        *,
        merchant_country: str,
        card_type: CardType | None,
        card_origin: CardOrigin | None,
        on: date,
    ) -> FeeRow:
        """The row for ``method`` (and, for a card, its type and origin) for a merchant
        in ``merchant_country`` on ``on``; raises ``MissingPaymentCostError`` if none."""
        ...


def _no_overlap(rows: list[FeeRow]) -> None:
    """Refuses two of one key's rows that overlap in time."""
    found = _bundled.first_overlap((row, row.since, row.until) for row in rows)
    if found is not None:
        (_, since, _), (second, _, _) = found
        raise _checks.invalid(
            "rows",
            second.describe(),
            f"overlaps another row from {since} for the same method and card",
            kind=InputKind.LIST,
        )


class FeeSchedule:
    """One provider's fee rows: a ``PaymentCostSource``.

    The rows must share one provider, and two rows for the same country, method, card
    type and origin must not overlap in time. Two schedules with the same provider and
    rows (in the same order) are equal.

    Examples:
        >>> from decimal import Decimal
        >>> from commercekit.money import Money
        >>> row = FeeRow("my-psp", "NL", "ideal", None, None, Decimal(0),
        ...     Money("0.29", "EUR"), Decimal(0), None, None, True, Money("0", "EUR"),
        ...     date(2026, 1, 1), None, date(2026, 1, 5), ("https://example.com/contract",))
        >>> FeeSchedule([row]).fee_row(PaymentMethod.IDEAL, merchant_country="NL",
        ...     card_type=None, card_origin=None, on=date(2026, 3, 1)).fixed
        Money('0.29', 'EUR')
    """

    def __init__(self, rows: Sequence[FeeRow]) -> None:
        found = _checks.items(rows, "rows")
        if not found:
            raise _checks.invalid(
                "rows", rows, "is empty; give one FeeRow or more", kind=InputKind.LIST
            )
        self.rows: tuple[FeeRow, ...] = tuple(
            _checks.instance_of(r, FeeRow, "rows") for r in found
        )
        self.provider = self.rows[0].provider
        self._by_key: dict[_Key, list[FeeRow]] = {}
        for index, row in enumerate(self.rows):
            if row.provider != self.provider:
                raise _checks.invalid(
                    f"rows[{index}].provider",
                    row.provider,
                    f"is another provider than {self.provider!r}; a schedule is one "
                    "provider's",
                    kind=InputKind.LIST,
                )
            key = (row.merchant_country, row.method, row.card_type, row.card_origin)
            self._by_key.setdefault(key, []).append(row)
        for alike in self._by_key.values():
            _no_overlap(alike)

    def __repr__(self) -> str:
        return f"FeeSchedule(provider={self.provider!r}, rows={len(self.rows)})"

    def __eq__(self, other: object) -> bool:
        """Two schedules are equal when they hold the same provider's same rows, in
        the same order (a schedule read back from JSON equals the one written)."""
        if not isinstance(other, FeeSchedule):
            return NotImplemented
        return (self.provider, self.rows) == (other.provider, other.rows)

    def __hash__(self) -> int:
        return hash((self.provider, self.rows))

    @context_free
    def fee_row(
        self,
        method: PaymentMethod,
        *,
        merchant_country: str,
        card_type: CardType | None,
        card_origin: CardOrigin | None,
        on: date,
    ) -> FeeRow:
        """The row in force on ``on``; see ``PaymentCostSource.fee_row``."""
        asked = _checks.choice(method, PaymentMethod, "method")
        country = _checks.country(merchant_country, "merchant_country")
        kind = (
            None if card_type is None else _checks.choice(card_type, CardType, "card_type")
        )
        origin = (
            None
            if card_origin is None
            else _checks.choice(card_origin, CardOrigin, "card_origin")
        )
        day = _checks.day(on, "on")
        for row in self._by_key.get((country, asked, kind, origin), ()):
            if row.covers(day):
                return row
        shown = [str(part) for part in (kind, origin) if part is not None]
        card = f" ({', '.join(shown)} card)" if shown else ""
        held = sorted({f"{r.merchant_country} {r.method}" for r in self.rows})
        raise MissingPaymentCostError(
            f"{with_article(self.provider)} fee for {asked}{card} for a merchant in "
            f"{country} on {day}",
            f"this schedule has rows for {', '.join(held)}; pass a PaymentCostSource "
            "(such as a FeeSchedule of your contract's FeeRows) that has one",
            json_how=f"this schedule has rows for {', '.join(held)}; write the payment's "
            '"fee_schedule" (in place of a "provider") with your contract\'s row for it',
        )


_COLUMNS = (
    "provider", "merchant_country", "method", "card_type", "card_origin", "percent",
    "fixed", "currency", "cross_border_percent", "conversion_percent", "dispute_fee",
    "fee_kept_on_refund", "refund_fee", "since", "until", "read_on", "source", "note",
)  # fmt: skip


def _money(line: _bundled.Line, column: str) -> Money | None:
    """A fee cell as money, written to the currency's minor unit (``20`` is 20.00)."""
    value = line.optional_decimal(column)
    if value is None:
        return None
    found = money_of(Fraction(value), line.text("currency"))
    if found.amount != value:
        raise line.error(column, str(value), "has more decimals than its currency")
    return found


def _row(line: _bundled.Line) -> FeeRow:
    kept = line.raw("fee_kept_on_refund")
    return line.build(
        FeeRow,
        provider=line.text("provider"),
        merchant_country=line.text("merchant_country"),
        method=line.text("method"),
        card_type=line.optional_text("card_type"),
        card_origin=line.optional_text("card_origin"),
        percent=line.decimal("percent"),
        fixed=_money(line, "fixed"),
        cross_border_percent=line.decimal("cross_border_percent"),
        conversion_percent=line.optional_decimal("conversion_percent"),
        dispute_fee=_money(line, "dispute_fee"),
        fee_kept_on_refund=line.flag("fee_kept_on_refund") if kept else None,
        refund_fee=_money(line, "refund_fee"),
        since=line.day("since"),
        until=line.optional_day("until"),
        read_on=line.day("read_on"),
        sources=line.sources(),
        note=line.raw("note"),
    )


@cache
def _bundled_schedules() -> dict[str, FeeSchedule]:
    """The bundled example rows by provider, read once (a constant, not state)."""
    by_provider: dict[str, list[FeeRow]] = {}
    for line in _bundled.read("commercekit.payments", "fees.csv", columns=_COLUMNS):
        row = _row(line)
        by_provider.setdefault(row.provider, []).append(row)
    schedules = {}
    for provider, rows in by_provider.items():
        try:
            schedules[provider] = FeeSchedule(rows)
        except CommerceKitError as error:
            raise DataFileError("fees.csv", None, None, str(error)) from error
    return schedules


@context_free
def example_providers() -> tuple[str, ...]:
    """The providers with a bundled example schedule.

    Examples:
        >>> example_providers()
        ('mollie', 'stripe')
    """
    return tuple(sorted(_bundled_schedules()))


@context_free
def example_schedule(provider: str) -> FeeSchedule:
    """The bundled **example** schedule of ``provider`` (``"stripe"``, ``"mollie"``):
    standard prices read from its public pages, dated and sourced, not a contract.

    Examples:
        >>> example_schedule("stripe")
        FeeSchedule(provider='stripe', rows=26)
        >>> example_schedule("adyen")
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidPaymentChoiceError: provider='adyen' is not a provider ...
    """
    known = example_providers()
    name = _checks.text(provider, "provider")
    if name not in known:
        raise _checks.invalid(
            "provider",
            provider,
            "is not a provider with a bundled example schedule; use one of "
            f"{', '.join(known)}, or build a FeeSchedule of your own rows",
            kind=InputKind.CHOICE,
            choices=known,
        )
    return _bundled_schedules()[name]
