"""US local rates given by the caller for one address: a rate source for one call.

A plug-in with an address-level provider implements
[`TaxRateSource`][commercekit.tax.TaxRateSource] itself. A caller that already knows
the local taxes at the buyer's address (from its own provider, or from the state's
publications) gives them as data instead: one [`LocalRate`][commercekit.tax.LocalRate]
per county, city or special district, each with its rate, its source and the day it
was read as in force (``as_of``), gathered in [`LocalRates`][commercekit.tax.LocalRates]
for one state. That is the rate source of one quote (the JSON request's
``local_rates``): no global state, nothing kept between calls.

The state's own tax still comes from the bundled table. Each local tax applies to the
``standard`` category at its rate; a category the state treats apart (clothing,
food) is taxed, exempted or left to the state's per-item threshold only where the
local rate says so in ``categories`` ([`LocalTreatment`][commercekit.tax.LocalTreatment]):
a locality may choose otherwise than its state, so a missing answer is refused by
name, never taken as taxed or as exempt.

New York exempts clothing and footwear sold for less than USD 110 an item from its 4 %
(Tax Law s. 1115(a)(30)) and from a county's or city's tax only where that locality
chose to exempt it, the 3/8 % Metropolitan Commuter Transportation District (MCTD) tax
following the locality's choice (TSB-M-12(3)S; Publication 718-C lists the localities).
New York City chose it: a USD 50 shirt delivered there pays no tax at all; Albany
County did not: the same shirt pays the county's 4 %. That is ``follows_state_threshold``
(exempt where the state's per-item rule exempts); ``taxed`` taxes every item.

A sales tax holiday whose law exempts the local taxes on the state's terms (its rule's
``local_taxes`` ``exempt``: Texas Tax Code s. 151.326) needs no answer: on its days each
local tax follows the state's threshold, the law setting aside a ``taxed`` everyday
answer (followed, not refused, so one ``LocalRates`` serves an address all year); an
``exempt`` one stays exempt. Elsewhere (``each_locality``, ``not_known``) the caller's
answer is needed as on any day.

References:
    NYC311, Sales Tax Information (city 4.5 %, in examples): https://www1.nyc.gov/nyc-resources/service/2389/sales-tax-information
    NY DTF, Find sales tax rates (state 4 %, MCTD 0.375 %): https://www.tax.ny.gov/bus/st/rates.htm
    NY Publication 718-C, Sales and use tax rates on clothing and footwear: https://www.tax.ny.gov/pdf/publications/sales/pub718c.pdf
    NY TSB-M-12(3)S (2012), as summarised: https://accountingportal.com/york-state-sales-tax-clothing-exemption-effective-april-1-2012
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

import attrs

from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import EXACT, named_at_the_door
from commercekit.errors import InputKind, MissingDataError
from commercekit.money import to_decimal
from commercekit.tax import _checks
from commercekit.tax._categories import TaxCategory, check_category
from commercekit.tax._item_rules import LocalTaxes, PerItemRate
from commercekit.tax._rates import BUNDLED
from commercekit.tax._tax_rate import TaxRate, TaxRateSource

__all__ = [
    "LocalRate",
    "LocalRates",
    "LocalTaxType",
    "LocalTreatment",
    "item_question",
]

MAX_LOCAL_RATE = Decimal(20)
"""The highest local rate accepted, in percent (no US local rate reaches 10 %)."""
MAX_LOCAL_TAXES = 20
"""The most local taxes one address may be given (a few in practice)."""


class LocalTaxType(enum.StrEnum):
    """Which kind of local government levies the tax."""

    COUNTY = "county"
    CITY = "city"
    DISTRICT = "district"
    """A special district: a transit district (New York's MCTD), a stadium district."""


class LocalTreatment(enum.StrEnum):
    """How one local tax treats a category its state treats apart."""

    TAXED = "taxed"
    """Every item at the local rate."""
    EXEMPT = "exempt"
    """No item taxed (Minnesota's, Pennsylvania's, Vermont's local taxes on clothing)."""
    FOLLOWS_STATE_THRESHOLD = "follows_state_threshold"
    """Exempt where the state's per-item rule exempts the item, else the local rate
    (a New York locality that chose the under-USD-110 clothing exemption)."""


def _type(value: object) -> LocalTaxType:
    return _checks.choice(value, LocalTaxType, "type")


def _rate(value: object) -> Decimal:
    rate = to_decimal(value, "rate")
    if not 0 <= rate <= MAX_LOCAL_RATE:
        raise invalid("rate", value, f"is outside 0 to {MAX_LOCAL_RATE} (percent)")
    return rate.copy_abs()  # "-0" is 0


def _single_article_limit(value: object) -> Decimal | None:
    if value is None:
        return None
    from commercekit.tax._us_single_article import highest_local_limit  # noqa: PLC0415  # read where a limit is given

    limit = to_decimal(value, "single_article_limit")
    cents = EXACT.quantize(limit, Decimal("0.01"))
    cap = highest_local_limit()
    if not 0 < limit <= cap or limit != cents:
        raise invalid(
            "single_article_limit",
            value,
            f"is not a USD amount in cents above 0 and at most {cap} (the first USD "
            f"{cap:,} of a single article at most: Tenn. Code Ann. 67-6-702)",
        )
    return cents


def _categories(value: object) -> dict[TaxCategory, LocalTreatment]:
    if not isinstance(value, Mapping):
        raise invalid(
            "categories",
            value,
            "is not a mapping of category to 'taxed', 'exempt' or "
            "'follows_state_threshold'",
            kind=InputKind.TYPE,
        )
    if len(value) > len(TaxCategory):
        raise invalid("categories", value, "names more entries than there are categories")
    return {
        check_category(category): _checks.choice(treatment, LocalTreatment, "categories")
        for category, treatment in value.items()
    }


@named_at_the_door
@attrs.frozen
class LocalRate:
    """One local sales tax at the buyer's address: who levies it, its rate, its source.

    ``rate`` is in percent (0 to 20), for the ``standard`` category; ``as_of`` the day
    the rate was read as in force (the quote's day must be on or after it);
    ``categories`` how it treats each category its state treats apart;
    ``single_article_limit`` (Tennessee only, in USD, above 0 and at most 1,600.00) the
    part of a single article's price the local tax reaches, from the Department of
    Revenue's Single Article Local Tax Base Limitation chart: required for an item over
    USD 1,600 there, never assumed. Raises ``InvalidAmountError`` naming the field for
    a bad value.

    Examples:
        >>> from datetime import date
        >>> nyc = LocalRate("New York City", "city", "4.5", "nyc.gov: 4.5 percent",
        ...                 date(2025, 3, 1), {"clothing": "follows_state_threshold"})
        >>> nyc.tax, nyc.treatment("clothing").value, nyc.treatment("food")
        ('city: New York City', 'follows_state_threshold', None)
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    name: str = attrs.field(validator=_checks.valid_text)
    type: LocalTaxType = attrs.field(converter=_type)
    rate: Decimal = attrs.field(converter=_rate)
    source: str = attrs.field(validator=_checks.valid_text)
    as_of: date = attrs.field(validator=_checks.valid_day)
    categories: dict[TaxCategory, LocalTreatment] = attrs.field(
        factory=dict, converter=_categories, hash=False
    )
    single_article_limit: Decimal | None = attrs.field(
        default=None, converter=_single_article_limit, kw_only=True
    )

    @property
    def tax(self) -> str:
        """The tax's name in the rates answered: its type and name."""
        return f"{self.type}: {self.name}"

    def treatment(self, category: TaxCategory | str) -> LocalTreatment | None:
        """How it treats ``category``: ``TAXED`` for ``standard`` unless said
        otherwise; ``None`` where it does not say."""
        asked = check_category(category)
        found = self.categories.get(asked)
        if found is None and asked is TaxCategory.STANDARD:
            return LocalTreatment.TAXED
        return found


@named_at_the_door
class LocalRates:
    """A rate source answering ``state``'s own tax from ``source`` (the bundled
    tables) and each of ``local`` (the local taxes at the buyer's address) after it;
    every other jurisdiction as ``source`` does.

    Raises ``InvalidAmountError`` for a state that is not a US state with local taxes,
    no local rate or more than 20, or one tax named twice; ``rates_for`` raises
    ``MissingDataError`` naming the local tax that does not say how it treats a
    category its state treats apart.

    Examples:
        >>> from datetime import date
        >>> albany = LocalRate("Albany County", "county", "4", "NY Publication 718-C",
        ...                    date(2025, 3, 1), {"clothing": "taxed"})
        >>> rates = LocalRates("US-NY", [albany])
        >>> [(r.tax, r.rate) for r in rates.rates_for("US-NY", "standard",
        ...                                           on=date(2026, 6, 1))]
        [('sales tax', Decimal('4')), ('county: Albany County', Decimal('4'))]
        >>> rates.rates_for("US-NY", "food", on=date(2026, 6, 1))
        Traceback (most recent call last):
        ...
        commercekit.errors.MissingDataError: missing whether the county: Albany County ...
    """

    def __init__(
        self, state: str, local: Sequence[LocalRate], *, source: TaxRateSource = BUNDLED
    ) -> None:
        # Loaded only where local rates are given: a quote elsewhere reads no US table.
        from commercekit.tax._us_states import us_state  # noqa: PLC0415

        code = _checks.jurisdiction(state)
        if code[:3] != "US-" or not us_state(code).local_taxes:
            raise invalid(
                "state", state, "is not a US state with local sales taxes (US-NY ...)"
            )
        found = _checks.listed(local, LocalRate, "local")
        if not 0 < len(found) <= MAX_LOCAL_TAXES:
            raise invalid(
                "local",
                local,
                f"holds {len(found)} local rates; give 1 to {MAX_LOCAL_TAXES} (an "
                "address without local tax: one at 0%)",
                kind=InputKind.LIST,
            )
        if len({rate.tax for rate in found}) != len(found):
            raise invalid("local", local, "names one local tax twice", kind=InputKind.LIST)
        for index, rate in enumerate(found):
            if code != "US-TN" and rate.single_article_limit is not None:
                raise invalid(
                    f"local[{index}].single_article_limit",
                    rate.single_article_limit,
                    f"is given for a local tax of {code}: only Tennessee's local taxes "
                    "stop at a limit on a single article; leave it out",
                )
        if not callable(getattr(source, "rates_for", None)):
            raise invalid(
                "source", source, "is not a TaxRateSource; pass one", kind=InputKind.TYPE
            )
        self.state, self.local, self.source = code, found, source

    def __repr__(self) -> str:
        return f"LocalRates({self.state!r}, {list(self.local)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LocalRates):
            return NotImplemented
        return (self.state, self.local, self.source) == (
            other.state,
            other.local,
            other.source,
        )

    __hash__ = None  # type: ignore[assignment]  # equal by value, and mutable

    @named_at_the_door
    def rates_for(
        self, jurisdiction: str, category: TaxCategory | str, *, on: date
    ) -> tuple[TaxRate, ...]:
        """The state's rates from ``source``, then each local one's (the rates of
        every other jurisdiction: ``source``'s)."""
        found = self.source.rates_for(jurisdiction, category, on=on)
        if _checks.jurisdiction(jurisdiction) != self.state:
            return found
        self._in_force(on)
        asked = check_category(category)
        rows = []
        for local in self.local:
            treatment = self._said(local, asked)
            if treatment is LocalTreatment.FOLLOWS_STATE_THRESHOLD:
                raise invalid(
                    f"local[{self.local.index(local)}].categories",
                    treatment.value,
                    f"for {asked} in the {local.tax} tax: on {on} the rate of "
                    f"{asked} in {self.state} does not depend on the price of each "
                    "item; say 'taxed' or 'exempt'",
                    kind=InputKind.CHOICE,
                )
            exempt = treatment is LocalTreatment.EXEMPT
            rows.append(_row(local, self.state, asked, exempt=exempt))
        return (*found, *rows)

    def local_item_rules(
        self,
        jurisdiction: str,
        category: TaxCategory | str,
        rules: tuple[PerItemRate, ...],
        *,
        on: date,
    ) -> tuple[PerItemRate, ...]:
        """Each local tax's rule for a category whose state rate depends on the price
        of each item (``rules``, the state's): the same threshold, with the local
        rate (or none) either side of it. Empty for another jurisdiction."""
        code, asked, given, day = item_question(jurisdiction, category, rules, on)
        if code != self.state or not given:
            return ()
        self._in_force(day)
        first = given[0]
        found = []
        for local in self.local:
            treatment = self._on_rule(local, asked, first.local_taxes)
            taxed = _row(local, self.state, asked, exempt=False)
            exempt = _row(local, self.state, asked, exempt=True)
            below = taxed if treatment is LocalTreatment.TAXED else exempt
            above = exempt if treatment is LocalTreatment.EXEMPT else taxed
            found.append(
                PerItemRate(first.rule, first.threshold, below, above, first.compared_on)
            )
        return tuple(found)

    def _in_force(self, day: date) -> None:
        """Refuse a day before a local rate was read as in force: its rate is not
        known to be in force then (it may have changed since)."""
        for index, local in enumerate(self.local):
            if day < local.as_of:
                raise invalid(
                    "on",
                    day,
                    f"is before local[{index}].as_of={local.as_of}: the {local.tax} rate "
                    f"is not known to be in force on {day}; give on from {local.as_of}, "
                    "or the rate read as in force on or before the day asked",
                    kind=InputKind.DATE,
                )

    def _on_rule(
        self, local: LocalRate, category: TaxCategory, law: LocalTaxes
    ) -> LocalTreatment:
        """How ``local`` treats ``category`` under a per-item rule whose law does
        ``law`` to the local taxes: where it exempts them on the state's terms (Texas,
        Missouri), the state's threshold whatever the caller said of ordinary days
        (``taxed`` there is the locality's everyday answer, which the holiday's law
        sets aside for its days), unless the locality exempts the category anyway;
        elsewhere the caller's answer, refused by name where missing."""
        if law is LocalTaxes.EXEMPT:
            said = local.treatment(category)
            if said is LocalTreatment.EXEMPT:
                return said
            return LocalTreatment.FOLLOWS_STATE_THRESHOLD
        return self._said(local, category)

    def _said(self, local: LocalRate, category: TaxCategory) -> LocalTreatment:
        """How ``local`` treats ``category``, or ``MissingDataError`` saying what is
        missing."""
        found = local.treatment(category)
        if found is None:
            index = self.local.index(local)
            raise MissingDataError(
                f"whether the {local.tax} tax ({self.state}) taxes {category}",
                f"{self.state} treats {category} apart from its standard rate, and a "
                "locality may choose otherwise than its state; say it in that local "
                f"rate's categories: {json.dumps({str(category): 'taxed'})}, "
                '"exempt" or "follows_state_threshold" (where the state\'s rate depends '
                "on the price of each item)",
                field=f"local[{index}].categories",
            )
        return found


def item_question(
    jurisdiction: object, category: object, rules: object, on: object
) -> tuple[str, TaxCategory, tuple[PerItemRate, ...], date]:
    """The arguments of ``local_item_rules``, checked."""
    return (
        _checks.jurisdiction(jurisdiction),
        check_category(category),
        _checks.listed(rules, PerItemRate, "rules"),
        _checks.day(on, "on"),
    )


def _row(local: LocalRate, state: str, category: TaxCategory, *, exempt: bool) -> TaxRate:
    """``local``'s rate for ``category`` as a ``TaxRate`` of ``state``."""
    return TaxRate(
        jurisdiction=state,
        tax=local.tax,
        category=category,
        applies_as=category,
        rate=Decimal(0) if exempt else local.rate,
        kind="exempt" if exempt else "standard",
        since=local.as_of,
        until=None,
        source=local.source,
        note=f"{local.type} sales tax, given by the caller as of {local.as_of}"
        + ("; exempts this item" if exempt else ""),
    )
