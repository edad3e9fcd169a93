"""US local sales taxes: not bundled, asked of the caller's rate source, never assumed.

In most states a sale pays the state's rate and the rates of the county, city and
special districts at the buyer's address; together they are the rate charged. These
local rates change monthly in thousands of places, so commercekit bundles none. A
[`TaxRateSource`][commercekit.tax.TaxRateSource] supplies them: asked
``rates_for("US-CA", category, on=day)``, it answers every tax at the address, one
``TaxRate`` each, all with ``jurisdiction="US-CA"``: the state's under the name the
bundled table gives it (``sales tax``; ``TPT`` in Arizona, ``GET`` in Hawaii, ``GRT``
in New Mexico) and each local one under its own name (``county``, ``city``,
``district``). An address with no local tax is answered with a local row at 0 %, said,
not left out.

Where the state has local sales taxes and the answer holds only the state's tax, the
rate would look whole and be short: the decision refuses with
[`MissingDataError`][commercekit.errors.MissingDataError] naming "local sales tax rates
for US-CA (county, city, district)". A caller that wants the state's part alone, knowing
it is a part, asks for it by wrapping its source in
[`StateRatesOnly`][commercekit.tax.StateRatesOnly]; the decision then says what it
lacks ([`missing_from`][commercekit.tax.missing_from]), and a quote made with
``CheckoutContext(partial=True)`` lists it in ``Quote.missing``.

A caller that knows the local taxes at the address gives them as data:
[`LocalRates`][commercekit.tax.LocalRates] (``_us_local_rates.py``), each local tax
saying how it treats a category its state treats apart, clothing under New York's
USD 110 threshold among them.

States without local sales taxes (Connecticut, Indiana, Kentucky, Maine, Maryland,
Massachusetts, Michigan, Rhode Island and DC) need no local source: the state's rate
is the whole rate (``_data/us_states.csv``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from commercekit._numbers import named_at_the_door
from commercekit.errors import InputKind, InvalidAmountError, MissingDataError
from commercekit.tax._categories import TaxCategory
from commercekit.tax._rates import BUNDLED
from commercekit.tax._sale import Rule, TaxDecision
from commercekit.tax._tax_rate import TaxRate, TaxRateSource

if TYPE_CHECKING:
    from commercekit.tax._item_rules import PerItemRate
    from commercekit.tax._us_states import UsState

__all__ = [
    "PARTIAL_SOURCE",
    "StateRatesOnly",
    "check_local",
    "left_out_category",
    "left_out_local",
    "local_rules",
    "missing_from",
]

PARTIAL_SOURCE = "commercekit: left out at the caller's request (a partial result)"
"""The source of a rule saying what a partial decision left out."""


class StateRatesOnly:
    """A rate source whose US answers are knowingly the state's part alone.

    Wraps ``source`` (the bundled tables by default) and answers as it does; a US
    decision made with it charges the state's rate where local rates also apply and
    says so in a rule (read by [`missing_from`][commercekit.tax.missing_from]) instead
    of refusing.

    Examples:
        >>> from datetime import date
        >>> from commercekit.money import Money
        >>> from commercekit.tax import Buyer, Sale, Seller, decide
        >>> sale = Sale(Seller("US", {"US-CA"}), Buyer("US", subdivision="US-CA"),
        ...             "goods", Money("100.00", "USD"))
        >>> decision = decide(sale, on=date(2026, 6, 1), rates=StateRatesOnly())
        >>> decision.rates[0].rate, missing_from(decision)
        (Decimal('7.25'), ('local sales tax rates for US-CA (county, city, district)',))
    """

    def __init__(self, source: TaxRateSource = BUNDLED) -> None:
        if not callable(getattr(source, "rates_for", None)):
            raise InvalidAmountError.refused(
                "source",
                source,
                "is not a TaxRateSource (an object with rates_for(...)); pass one",
                kind=InputKind.TYPE,
            )
        self.source = source

    def __repr__(self) -> str:
        return f"StateRatesOnly({self.source!r})"

    @named_at_the_door
    def rates_for(
        self, jurisdiction: str, category: TaxCategory | str, *, on: date
    ) -> tuple[TaxRate, ...]:
        """The wrapped source's answer."""
        return self.source.rates_for(jurisdiction, category, on=on)

    def local_item_rules(
        self,
        jurisdiction: str,
        category: TaxCategory | str,
        rules: tuple[PerItemRate, ...],
        *,
        on: date,
    ) -> tuple[PerItemRate, ...]:
        """The wrapped source's local per-item rules, where it has them; none (the
        state's part alone, said by the decision) where it does not."""
        from commercekit.tax._us_local_rates import item_question  # noqa: PLC0415  # US items

        code, asked, given, day = item_question(jurisdiction, category, rules, on)
        ask = getattr(self.source, "local_item_rules", None)
        if not callable(ask):
            return ()
        found: tuple[PerItemRate, ...] = ask(code, asked, given, on=day)
        return found


def _what(state: str) -> str:
    return f"local sales tax rates for {state} (county, city, district)"


def check_local(
    state: UsState, rates: tuple[TaxRate, ...], source: TaxRateSource, on: date
) -> Rule | None:
    """Whether ``rates`` (a source's answer for ``state``) are the whole rate: None
    where they are or the state has no local taxes; the rule saying what is left out
    where ``source`` is a ``StateRatesOnly``; else ``MissingDataError``, raised too
    where the answer lacks the state's own tax (local rates alone would charge short)."""
    # the state's tax names from its rows (its rates_for refuses a holiday's day)
    own = {rate.tax for rate in BUNDLED.rows[state.state] if rate.covers(on)}
    lacking = sorted(own - {rate.tax for rate in rates})
    if lacking:
        raise MissingDataError(
            f"{state.name}'s own {', '.join(lacking)} in the rate source's answer for "
            f"{state.state} on {on}",
            "the answer must hold the state's tax under the name the bundled table "
            f"gives it ({', '.join(sorted(own))}) as well as each local one; a source "
            "answering local rates alone would charge too little",
        )
    if not state.local_taxes:
        return None
    if any(rate.tax not in own for rate in rates):
        return None  # the source answered local taxes too
    if isinstance(source, StateRatesOnly):
        return Rule(
            f"{_what(state.state)} are left out at the caller's request: the tax "
            f"charged is {state.name}'s state rate alone, not the whole rate at the "
            f"buyer's address{_state_exempts(state, rates)}",
            PARTIAL_SOURCE,
        )
    alone = (
        f"{state.name} has local sales taxes and commercekit bundles none, and the "
        f"answer for {rates[0].category.value} holds the state's tax "
        f"alone{_state_exempts(state, rates)}"
    )
    raise MissingDataError(
        _what(state.state),
        f"{alone}: pass a TaxRateSource whose rates_for({state.state!r}, category, "
        "on=day) answers the state's tax and each local one at the buyer's address "
        "(county, city, district; a local row at 0% where there is none), such as "
        "LocalRates(state, [LocalRate(...), ...]) (a JSON request: local_rates), or ask "
        "for the state's part alone with StateRatesOnly(source) (a quote: "
        "CheckoutContext(partial=True))",
        field="tax_rates",  # the quote's context field (decide's rates)
        json_how=f'{alone}: give each local tax at the buyer\'s address in "local_rates" '
        "(county, city, district; one at 0% where there is none), or write "
        '"partial": true for the state\'s part alone',
    )


def _state_exempts(state: UsState, rates: tuple[TaxRate, ...]) -> str:
    """Where the state's own tax is 0% on the category, that it is the state's alone,
    with the row's note (Louisiana's food: "parish and municipal sales taxes reach
    it"): a quote that stopped there would show an exempt line as wholly untaxed."""
    if any(rate.rate for rate in rates):
        return ""
    first = rates[0]
    return (
        f"; {state.name}'s own {first.tax} on {first.category.value} is 0%, which "
        f"says nothing of the local taxes ({first.note})"
    )


def left_out_category(
    source: TaxRateSource,
    state: str,
    category: TaxCategory,
    error: MissingDataError,
    on: date,
) -> Rule:
    """The rule saying that a partial decision leaves ``category`` untaxed, where
    ``source`` (a ``StateRatesOnly``) has no rates for it in the US state ``state``
    (a category the state's bundled table has no row for: books in New York);
    ``error``, the source's refusal, anywhere else, where the source was not asked
    for a partial answer, or on a general-goods holiday covering ``category`` (its
    goods are neither all taxed nor all exempt: untaxed would be a guess too)."""
    from commercekit.tax._us_holidays import on_holiday  # noqa: PLC0415  # US sales only

    if (
        not isinstance(source, StateRatesOnly)
        or state[:3] != "US-"
        or on_holiday(state, category, on) is not None
    ):
        raise error
    left_out = f"{state} sales tax rates for {category}"
    return Rule(
        f"{left_out} (its lines are left untaxed; pass a TaxRateSource whose "
        f"rates_for({state!r}, {str(category)!r}, on=day) answers them) are left out "
        f"at the caller's request; the rate source answered: {error}",
        PARTIAL_SOURCE,
        json_text=f"{left_out} (its lines are left untaxed: a JSON request carries no "
        "rates of its own) are left out at the caller's request; the rate source "
        f"answered: {error.json_message}",
    )


def left_out_local(error: MissingDataError) -> Rule:
    """The rule saying that a partial decision taxes a category at the state's part
    alone, as ``error`` (the rate source's refusal of a local tax's answer) says what
    it lacks."""
    left_out = (
        f"{'; '.join(error.missing)} are left out at the caller's request: the "
        "category pays the state's tax alone, not the local taxes at the buyer's address"
    )
    return Rule(
        f"{left_out}; {error.how}",
        PARTIAL_SOURCE,
        json_text=None if error.json_how is None else f"{left_out}; {error.json_how}",
    )


def missing_from(decision: TaxDecision) -> tuple[str, ...]:
    """What a partial decision left out at the caller's request (empty when whole).

    See [`StateRatesOnly`][commercekit.tax.StateRatesOnly] for an example.
    """
    if not isinstance(decision, TaxDecision):
        raise InvalidAmountError.refused(
            "decision", decision, "is not a TaxDecision", kind=InputKind.TYPE
        )
    return tuple(
        rule.text.split(" are left out")[0]
        for rule in decision.rules
        if rule.source == PARTIAL_SOURCE
    )


def local_rules(
    source: TaxRateSource | None,
    code: str,
    category: TaxCategory,
    rules: tuple[PerItemRate, ...],
    day: date,
) -> tuple[PerItemRate, ...]:
    """The local taxes' rules ``source`` answers for a US state's per-item ``rules``,
    checked as any plug-in's answer: each a ``PerItemRate`` of ``code`` under the
    state's rule and threshold, for ``category``, in force on ``day``, one per tax."""
    from commercekit._numbers import plugged  # noqa: PLC0415  # US per-item rules only
    from commercekit.tax import _item_rules  # noqa: PLC0415

    ask = getattr(source, "local_item_rules", None)
    if not rules or code[:3] != "US-" or not callable(ask):
        return ()
    found = plugged(lambda: ask(code, category, rules, on=day))
    question = f"the rate source's local_item_rules for {code} ({category}) on {day}"
    if not isinstance(found, tuple | list) or not all(
        isinstance(rule, _item_rules.PerItemRate) for rule in found
    ):
        raise InvalidAmountError.of_kind(InputKind.LIST)(
            found, f"is {question}; it must return a tuple of PerItemRate"
        )
    first, taxes = rules[0], {rule.tax for rule in rules}
    for rule in found:
        if (
            (rule.rule, rule.threshold, rule.above.jurisdiction)
            != (first.rule, first.threshold, code)
            or rule.above.category is not category
            or not rule.above.covers(day)
            or rule.tax in taxes
        ):
            raise InvalidAmountError(
                rule,
                f"is not a local tax's rule under the state's ({first.explain()}), in "
                f"{question}, or repeats a tax, or is not in force on {day}",
            )
        taxes.add(rule.tax)
    return tuple(found)
