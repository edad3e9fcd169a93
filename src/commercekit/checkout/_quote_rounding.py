"""Where and how a quote rounds its tax: decided once per quote.

The level (per unit, per line, once per rate on the invoice) is the caller's
``CheckoutContext.rounding`` where stated; not stated, the level the taxing
jurisdiction's law prescribes (``Jurisdiction.invoice_rounding``: Japan, once per
rate, Consumption Tax Act Enforcement Order Art. 70-10), else per line. A stated level
the law forbids is refused, naming ``rounding``. The direction is the caller's
``rounding_mode``; not stated, half-up, except where the law leaves the direction to
the business and commercekit assumes none (``Jurisdiction.rounding_mode_choice``:
Japan), where the quote refuses, naming ``rounding_mode``. The quote says which level
and direction it used and why, except for the default (per line, half-up) where
nothing is stated and no law prescribes one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from commercekit.checkout._checks import error
from commercekit.errors import InputKind, MissingDataError
from commercekit.money import DEFAULT_ROUNDING, RoundingMode
from commercekit.regions import place_of
from commercekit.tax import JURISDICTION_REGISTRY, RoundingLevel, TaxCategory

if TYPE_CHECKING:
    from commercekit.checkout._context import CheckoutContext
    from commercekit.tax import TaxDecision

__all__ = ["InvoiceLaw", "TaxRounding", "invoice_law", "tax_rounding"]

_WHERE = {
    RoundingLevel.UNIT: "per unit",
    RoundingLevel.LINE: "per line",
    RoundingLevel.INVOICE: "once per rate on the invoice",
}


class TaxRounding(NamedTuple):
    """The level and direction a quote rounds its tax at."""

    level: RoundingLevel
    mode: RoundingMode


class InvoiceLaw(NamedTuple):
    """What the law of the jurisdiction whose tax is charged says of an invoice (its
    ``Jurisdiction``'s attributes of those names, each with its reason)."""

    invoice_rounding: RoundingLevel | None
    invoice_rounding_rule: str
    rounding_mode_choice: str
    delivery_category: TaxCategory | None
    delivery_rule: str


def invoice_law(taxed_in: str, context: CheckoutContext) -> InvoiceLaw | None:
    """The invoice rules of the jurisdiction whose tax is charged (``taxed_in``: ``DE``
    is the EU's, ``CA-QC`` Canada's), or ``None`` where the registry has none."""
    country, dash, _ = taxed_in.partition("-")
    place = place_of(country, subdivision=taxed_in if dash else None, on=context.at.date())
    rules = JURISDICTION_REGISTRY.get(place.vat_area(goods=True))
    if rules is None:
        return None
    return InvoiceLaw(
        rules.invoice_rounding,
        rules.invoice_rounding_rule,
        rules.rounding_mode_choice,
        rules.delivery_category,
        rules.delivery_rule,
    )


def tax_rounding(
    decision: TaxDecision, context: CheckoutContext, notes: list[str]
) -> TaxRounding:
    """The level and direction the quote rounds the tax ``decision`` charges at
    checkout at (where it charges none, nothing is rounded, nor decided), with what
    ``notes`` says of it.

    Raises ``InvalidAmountChoiceError`` (field ``rounding``) for a stated level the law
    forbids and ``MissingDataError`` (field ``rounding_mode``) where the law leaves the
    direction to the business and none is stated."""
    level, mode = context.rounding, context.rounding_mode
    taxed_in = decision.taxed_in if decision.charged_at_checkout else None
    rules = None if taxed_in is None else invoice_law(taxed_in, context)
    prescribed = None if rules is None else rules.invoice_rounding
    if rules is not None and prescribed is not None and level not in (None, prescribed):
        raise error(
            "rounding",
            str(level),
            f"is not where tax in {taxed_in} may be rounded: "
            f"{rules.invoice_rounding_rule}; quote with rounding={prescribed.value!r}, "
            "or leave it out",
            kind=InputKind.CHOICE,
        )
    if rules is not None and rules.rounding_mode_choice and mode is None:
        raise MissingDataError(
            f"the direction the tax in {taxed_in} is rounded in",
            f"{rules.rounding_mode_choice}; state the business's own: "
            "rounding_mode='down', 'half-up' or 'up'",
            field="rounding_mode",
            json_how=f'{rules.rounding_mode_choice}; give "rounding_mode": "down", '
            '"half-up" or "up", the business\'s own',
        )
    found = TaxRounding(level or prescribed or RoundingLevel.LINE, mode or DEFAULT_ROUNDING)
    if rules is not None and prescribed is not None and level is None:
        notes.append(f"{_said(found)}: by law, {rules.invoice_rounding_rule}")
    elif taxed_in is not None and (level or mode):
        notes.append(f"{_said(found)}: as stated")
    return found


def _said(rounding: TaxRounding) -> str:
    return f"tax rounded {_WHERE[rounding.level]} ({rounding.mode.value})"
