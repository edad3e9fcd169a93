"""What every jurisdiction answers, and the answers where it has nothing of its own.

A jurisdiction module gives the same small set of answers (the ``Jurisdiction``
protocol), each for a sale that arrives in it: is a sale between two of its places
domestic; who accounts for a domestic supply; what a business buyer's special rules are;
whether a distance sale from inside its VAT area is taxed where it leaves or arrives;
who taxes electronic services to its consumers; and what happens to goods imported into
it. ``Jurisdiction`` (the base class) answers as a place without bundled rules does:
domestic supplies at its own rates, services to a business reverse-charged, everything
else "not bundled", said by name. A jurisdiction module overrides only what its law
changes.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from commercekit.tax._categories import TaxCategory
from commercekit.tax._jurisdictions._case import NOT_BUNDLED_SOURCE, Case
from commercekit.tax._rounding_level import RoundingLevel
from commercekit.tax._sale import Collector, Regime, Rule, TaxDecision
from commercekit.tax._thresholds import (
    Threshold,
    ThresholdRule,
    threshold_for,
    threshold_periods,
)

if TYPE_CHECKING:  # the registration monitor imports the registry, not the reverse
    from commercekit.tax._jurisdictions._low_value import Platform
    from commercekit.tax._registration import CountedSale

DOMESTIC_SOURCE = "the jurisdiction's own rate table (see the rates' sources)"


class Jurisdiction:
    """The rules of one jurisdiction (or regime family) for sales arriving in it.

    Attributes (class-level, read by the registry and the shared tests):
        code: the registry key, the VAT area a place belongs to (``EU``, ``GB``, ``AU``).
        name: the jurisdiction in words.
        references: the official sources of its rules.
        thresholds: the threshold rules (``threshold_for``) its decisions read.
        subdivision_examples: where a sale needs the buyer's subdivision (Canada's
            provinces), examples to name in the refusal; empty where it does not.
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = "a jurisdiction without bundled rules"

    def __setattr__(self, name: str, value: object) -> None:
        # The registry is shared by every caller: its rules are not changed in place.
        raise AttributeError(
            f"{type(self).__name__} is read-only; subclass it to change a rule "
            "(see docs: 'Jurisdictions, and adding one')"
        )

    references: ClassVar[tuple[str, ...]] = (NOT_BUNDLED_SOURCE,)
    thresholds: ClassVar[tuple[ThresholdRule, ...]] = ()
    subdivision_examples: ClassVar[tuple[str, ...]] = ()
    registration_threshold: ClassVar[ThresholdRule | None] = None
    """The registration threshold a foreign seller is measured against (None: none)."""
    resident_threshold: ClassVar[ThresholdRule | None] = None
    """The one a seller established here is measured against (None: the same)."""
    registration_rules_not_bundled: ClassVar[tuple[str, ...]] = ()
    """Where its registration rules are not bundled, what they are, by name (with their
    source): ``threshold_status`` says so instead of listing nothing."""
    invoice_rounding: ClassVar[RoundingLevel | None] = None
    """Where its law says where an invoice's tax is rounded, that level, and why (with
    the source); ``None`` where the seller chooses (line or invoice, applied
    consistently)."""
    invoice_rounding_rule: ClassVar[str] = ""
    rounding_mode_choice: ClassVar[str] = ""
    """Where its law leaves the direction of rounding (down, half-up, up) to the
    business and commercekit assumes none, that rule with its source: a quote charging
    its tax must then state ``rounding_mode``. Empty where half-up is used unless
    another direction is stated."""
    delivery_category: ClassVar[TaxCategory | None] = None
    """Where a delivery charged apart from the goods is a supply of its own, the
    category it is taxed at, and why (with the source); ``None`` where it follows the
    goods it delivers (shared over their rates by value)."""
    delivery_rule: ClassVar[str] = ""

    @property
    def source(self) -> str:
        """The primary official source of its rules."""
        return self.references[0]

    def domestic_between(self, origin: str, destination: str, *, goods: bool) -> bool:
        """Whether a supply from ``origin`` to ``destination`` is a domestic one."""
        del goods  # the same place is domestic for goods and services alike
        return origin == destination

    def domestic(self, case: Case, destination: str) -> TaxDecision:
        """A supply inside the jurisdiction: its tax, charged by the seller (or by a
        marketplace deemed the supplier, where the law says so)."""
        rule = Rule(
            f"a domestic supply in {destination}: its tax applies", self.domestic_source
        )
        deemed = self.deemed_supplier_at_home(case, destination)
        if deemed is not None:
            return case.decision(
                Regime.DOMESTIC,
                destination,
                Collector.MARKETPLACE,
                [rule, deemed],
                scheme="deemed supplier (marketplace)",
                charge=True,
            )
        return case.decision(
            Regime.DOMESTIC, destination, Collector.SELLER, [rule], charge=True
        )

    @property
    def domestic_source(self) -> str:
        """The source named for a domestic supply's rule."""
        return DOMESTIC_SOURCE

    def deemed_supplier_at_home(self, case: Case, destination: str) -> Rule | None:
        """The rule making a marketplace the supplier of goods already in the country,
        where the law has one (none here)."""
        del case, destination
        return None

    def to_business(self, case: Case, origin: str, destination: str) -> TaxDecision | None:
        """A business buyer with a valid tax number: services are taxed where it is
        established and it accounts for the tax (reverse charge); goods follow the
        general rules (None)."""
        del origin
        if case.goods:
            return None
        return case.decision(
            Regime.REVERSE_CHARGE,
            destination,
            Collector.BUYER,
            [self.business_services_rule(case, destination)],
            scheme="reverse charge",
            documents=("invoice showing both tax numbers and 'Reverse charge'",),
        )

    def business_services_rule(self, case: Case, destination: str) -> Rule:
        """Why services to a business here are the business's to account for."""
        return Rule(
            f"services to a business in {destination} (tax number "
            f"{case.sale.buyer.tax_id}) are taxed where the customer is established, "
            "and the customer accounts for any tax due there (reverse charge)",
            self.source,
        )

    def distance_sale(
        self, case: Case, origin: str, destination: str
    ) -> TaxDecision | None:
        """Goods to a consumer sent from one place of a shared VAT area to another
        (none here)."""
        del case, origin, destination
        return None

    def electronic_services(self, case: Case, destination: str) -> TaxDecision:
        """Electronic services to a consumer here."""
        return case.not_bundled(destination)

    def services_abroad(self, case: Case, destination: str) -> TaxDecision | None:
        """Services to a consumer in ``destination``, outside this jurisdiction, by a
        supplier established here, where this jurisdiction's law decides them (India's
        exports of services); None: the general rule, taxed where the supplier is."""
        del case, destination
        return None

    def services_leaving(
        self, case: Case, destination: str, decision: TaxDecision
    ) -> TaxDecision:
        """``decision``, the destination's on services to a business or electronic
        services supplied by a supplier established here, with what this
        jurisdiction's own law adds (India's export of services); unchanged here."""
        del case, destination
        return decision

    def services_arriving(self, case: Case, decision: TaxDecision) -> TaxDecision:
        """``decision``, on services to a consumer here from a supplier established
        elsewhere under the supplier's rules, with what this jurisdiction's own law
        says of them (India's); unchanged here."""
        del case
        return decision

    def goods_import(
        self, case: Case, destination: str, rules: list[Rule], documents: tuple[str, ...]
    ) -> TaxDecision:
        """Goods imported by a consumer (or a business without special rules) from
        outside; ``rules`` holds the export rules of where they left from."""
        return case.not_bundled(
            destination, rules=rules, documents=documents, export=bool(rules)
        )

    def exports(self, case: Case, origin: str, destination: str) -> list[Rule]:
        """The rules for the seller when goods leave this jurisdiction (none here)."""
        del case, origin, destination
        return []

    def established_here(self, seller_country: str) -> bool:
        """Whether a seller established in ``seller_country`` is established here."""
        return seller_country == self.code

    def registration_rule(
        self, seller_country: str, sales: Sequence[CountedSale], on: date
    ) -> ThresholdRule | None:
        """The registration threshold measuring a seller established in
        ``seller_country`` here (``threshold_status``), or None where none applies:
        ``resident_threshold`` for a seller established here, where it differs, else
        ``registration_threshold``."""
        del sales, on
        if self.established_here(seller_country) and self.resident_threshold:
            return self.resident_threshold
        return self.registration_threshold

    def registration_not_bundled(
        self, seller_country: str, sales: Sequence[CountedSale]
    ) -> tuple[str, ...]:
        """``registration_rules_not_bundled`` for a seller established here or selling
        here (``threshold_status``'s ``not_bundled`` status), else nothing."""
        here = self.established_here(seller_country) or any(
            sale.destination == self.code for sale in sales
        )
        return self.registration_rules_not_bundled if here else ()

    def counts_toward_registration(self, sale: CountedSale, seller_country: str) -> bool:
        """Whether ``sale`` counts toward this jurisdiction's registration threshold: a
        seller established here counts its whole turnover (sales to businesses and
        exports too); one established elsewhere its sales to consumers here."""
        if self.established_here(seller_country):
            return True
        return sale.destination == self.code and not sale.business

    def second_registration_test(self, rule: ThresholdRule) -> ThresholdRule | None:
        """A second threshold, on all the seller's sales, that must be crossed too
        before crossing ``rule`` obliges the seller to register (None here)."""
        del rule
        return None

    def alternative_registration_test(self, rule: ThresholdRule) -> ThresholdRule | None:
        """Another threshold that obliges the seller on its own, measured beside
        ``rule`` (either one crossed is enough; None here)."""
        del rule
        return None

    def unmeasured_registration_rules(
        self, rule: ThresholdRule, seller_country: str
    ) -> tuple[str, ...]:
        """What the law also asks about ``rule`` for a seller established in
        ``seller_country`` that ``threshold_status`` does not measure (none here)."""
        del rule, seller_country
        return ()

    def registered_here(self, registrations: Collection[str]) -> bool:
        """Whether ``registrations`` include this jurisdiction's."""
        return self.code in registrations


class RegisteredServices(Jurisdiction):
    """A jurisdiction taxing electronic services to its consumers through the foreign
    seller's registration: registered, it charges the tax; not registered, it must
    register from its first sale or once a threshold is reached. Sold through a
    marketplace, the marketplace is the supplier where a ``platform`` rule says so."""

    services_threshold: ClassVar[ThresholdRule | None] = None
    """The threshold rule for a foreign seller of services (None: from the first sale)."""
    registrations: ClassVar[frozenset[str]] = frozenset()
    """Registration names that count (the country's code; ``VOEC`` for Norway)."""
    platform: ClassVar[Platform | None] = None
    """The platform rule, where one is bundled."""
    exemption: ClassVar[str | None] = None
    """An exemption from registering that one sale cannot tell (Japan's small
    businesses, measured by ``threshold_status``), named in the decision instead of
    being ignored."""

    def registered(self, case: Case) -> bool:
        """Whether the seller is registered here."""
        return bool((self.registrations or {self.code}) & case.sale.seller.registrations)

    def electronic_services(self, case: Case, destination: str) -> TaxDecision:
        rules = [
            Rule(
                f"electronic services to a consumer in {destination} are taxed there",
                self.source,
            )
        ]
        if case.sale.marketplace:
            through = self.through_platform(case, destination, rules)
            if through is not None:
                return through
        if self.registered(case):
            return case.decision(
                Regime.DESTINATION_REGISTRATION,
                destination,
                Collector.SELLER,
                rules,
                scheme=f"{self.code} registration",
                charge=True,
            )
        rule = self.services_threshold
        limit = threshold_for(self.code, rule, on=case.on) if rule else None
        when = (
            f"once its sales there reach the threshold of {limit.amount}"
            if limit and limit.amount
            else "from its first sale"
        )
        if self.exemption:
            when += f", unless {self.exemption}, which one sale cannot tell"
        rules.append(
            Rule(
                f"the seller is not registered in {self.code}; it must register {when} "
                "(see threshold_status)",
                limit.source if limit else self.source,
            )
        )
        return case.decision(Regime.NOT_COLLECTED, destination, Collector.NONE, rules)

    def through_platform(
        self, case: Case, destination: str, rules: list[Rule]
    ) -> TaxDecision | None:
        """Electronic services sold through a marketplace: the marketplace charges the
        tax where a platform rule is in force; where none is bundled, the decision says
        so rather than leave the seller to register for what the platform may owe."""
        marketplace = case.sale.marketplace
        platform = self.platform
        if platform is not None and case.on < platform.since:
            return None  # no platform rule yet: the seller's own registration decides
        if platform is None:
            rules.append(
                Rule(
                    f"sold through {marketplace}: whether a marketplace is the supplier "
                    f"of electronic services in {self.name} is not bundled with "
                    "commercekit; check it before relying on the seller's registration",
                    NOT_BUNDLED_SOURCE,
                )
            )
            return None
        rules.append(
            Rule(
                f"{marketplace} makes the supply through its platform and is treated as "
                f"the supplier: it charges the tax ({platform.law})",
                platform.source,
            )
        )
        return case.decision(
            Regime.DESTINATION_REGISTRATION,
            destination,
            Collector.MARKETPLACE,
            rules,
            scheme=f"{self.code} platform rule (marketplace)",
            charge=True,
        )


def in_force(code: str, rule: ThresholdRule, on: date) -> Threshold | None:
    """The threshold ``rule`` of ``code`` in force on ``on``, or None before its law
    took effect (or after it ended)."""
    return next((row for row in threshold_periods(code, rule) if row.covers(on)), None)


def import_at_border(
    case: Case, destination: str, rules: list[Rule], documents: tuple[str, ...]
) -> TaxDecision:
    """The importer pays the import tax at the border."""
    return case.decision(
        Regime.IMPORT, destination, Collector.IMPORTER, rules, documents=documents
    )
