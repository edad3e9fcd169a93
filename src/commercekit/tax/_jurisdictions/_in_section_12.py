"""India: where a service within India is supplied when IGST Act 2017 s. 12 places
it by a rule of its own.

Supplier and recipient both in India, s. 12 places a service, and its general rule
(s. 12(2): a registered recipient's State, else the recipient's address) gives way to
rules of their own. Three are bundled, for the services whose rates are bundled by a
fact (``tax/_in_facts.py``):

* **lodging accommodation** by a hotel, inn, guest house, home stay, club or campsite
  (s. 12(3)(b)): where the property is, whatever the guest's State. The sale says it
  as ``ServiceFacts('immovable_property', location='IN-KA')``;
* **restaurant and catering services** (s. 12(4)): where they are actually performed,
  ``ServiceFacts('in_person', location='IN-KA')``;
* **passenger transport** to a person other than a registered person (s. 12(9)(b)):
  where the passenger embarks on the conveyance for a continuous journey,
  ``ServiceFacts('passenger_transport', location='IN-KA')``. To a registered person
  (a buyer with a GSTIN) s. 12(9)(a) places it at that person's location, the State
  the general rule (s. 12(2)(a)) gives, which then places it.

A line of these categories placed by any other rule (no service facts, a goods sale,
the general rule) is refused, naming the fact: the guest's State is not the place of
supply. A property outside India (s. 12(3) proviso: the recipient's location), the
other kinds within India, and either kind with lines of other categories are refused
too: two supplies placed by two rules are decided apart.

Each journey is a supply of its own, placed where it begins (s. 12(9) Explanation: a
return journey is a separate journey), so a refusal asks for each journey's State; a
right to passage for future use whose point of embarkation is not known when it is
issued is placed by s. 12(2) instead (the proviso), which is not bundled.

References:
    CBIC, GST Acts (IGST Act 2017 s. 12(3), 12(4), 12(9)): https://cbic-gst.gov.in/gst-acts.html
        (s. 12(9), its proviso and Explanation read as reproduced in a course text,
        online.flipbuilder.com/uaky/gapv/files/basic-html/page102.html, 2026-12-01)
"""

from __future__ import annotations

from commercekit.errors import MissingDataError
from commercekit.tax._categories import TaxCategory
from commercekit.tax._jurisdictions._case import Case
from commercekit.tax._sale import Rule
from commercekit.tax._services import ServiceKind

__all__ = ["placed_by_section_12"]

ACTS = "https://cbic-gst.gov.in/gst-acts.html"

_OWN_RULE = {
    TaxCategory.ACCOMMODATION: (
        ServiceKind.IMMOVABLE_PROPERTY,
        "12(3)(b)",
        "hotel accommodation is supplied where the property is",
        "the State where the property is",
    ),
    TaxCategory.RESTAURANT: (
        ServiceKind.IN_PERSON,
        "12(4)",
        "restaurant service is supplied where it is actually performed",
        "the State where it is performed",
    ),
    TaxCategory.PASSENGER_TRANSPORT: (
        ServiceKind.PASSENGER_TRANSPORT,
        "12(9)(b)",
        (
            "passenger transport to a person other than a registered person is "
            "supplied where the passenger embarks on the conveyance for a continuous "
            "journey"
        ),
        (
            "the State where the passenger embarks, each journey quoted apart (a "
            "return journey is a separate journey, s. 12(9) Explanation); a right to "
            "passage for future use whose point of embarkation is not known when it is "
            "issued is placed by s. 12(2) (the proviso), which is not bundled"
        ),
    ),
}
"""The categories s. 12 places by a rule of its own: the kind a sale says it with,
the clause, the rule in words, and the place to state as ``ServiceFacts.location``."""

_IN_A_QUOTE = " (in a quote, CheckoutContext(service_facts=...))"


def _json_facts(kind: ServiceKind, where: str) -> str:
    """What a JSON request writes to say where: its ``service_facts``."""
    return (
        f'write "service_facts": {{"kind": "{kind.value}", "location": "IN-KA"}} '
        f"with {where}"
    )


_GENERAL_WITHIN_INDIA = frozenset(
    {ServiceKind.GENERAL, ServiceKind.INTERMEDIARY, ServiceKind.OIDAR}
)
"""The kinds s. 12 places by its general rule (s. 12(2)) when both ends are in India."""


def placed_by_section_12(case: Case) -> tuple[str, Rule] | None:
    """The place of supply and its rule where s. 12(3)(b) or 12(4) places the sale;
    ``None`` where the general rules apply (goods, or services of the general kinds
    with no line of a category placed by a rule of its own). Raises
    ``MissingDataError`` naming the sale's field that should say where."""
    facts = case.sale.service
    categories = set(case.categories)
    own = categories & _OWN_RULE.keys()
    if own == {TaxCategory.PASSENGER_TRANSPORT} and _registered(case):
        return None  # s. 12(9)(a): the registered recipient's location, as s. 12(2)(a)
    if not own:
        if case.goods or facts is None or facts.kind in _GENERAL_WITHIN_INDIA:
            return None
        _refuse_other_kinds(facts.kind)
    category = sorted(own)[0] if own else _category_of(facts.kind if facts else None)
    kind, clause, words, where = _OWN_RULE[category]
    if categories != {category}:
        raise MissingDataError(
            f"the place of supply of a sale of {category} with other lines "
            f"({', '.join(sorted(categories))})",
            f"{words} (IGST Act s. {clause}), the other lines by other rules; decide "
            f"(or quote) the {category} apart",
            field="sale.lines",
        )
    location = None if facts is None or facts.kind is not kind else facts.location
    if facts is not None and facts.kind is not kind:
        raise MissingDataError(
            f"where the {category} service is supplied: its kind is "
            f"'{kind.value}', not '{facts.kind.value}'",
            f"{words} (IGST Act s. {clause}); pass service=ServiceFacts('{kind.value}', "
            f"location='IN-KA', ...) with {where}{_IN_A_QUOTE}",
            field="sale.service.kind",
            json_how=f"{words} (IGST Act s. {clause}); {_json_facts(kind, where)}",
        )
    if location is None or not location.startswith("IN-"):
        abroad = (
            ""
            if location is None
            else f" ({location} is outside India: s. 12(3)'s proviso then places it "
            "at the recipient, which is not bundled)"
        )
        raise MissingDataError(
            f"where the {category} service is supplied{abroad}",
            f"{words} (IGST Act s. {clause}), not at the buyer's State; pass "
            f"service=ServiceFacts('{kind.value}', location='IN-KA', ...) with "
            f"{where}{_IN_A_QUOTE}",
            field="sale.service.location",
            json_how=f"{words} (IGST Act s. {clause}), not at the buyer's State; "
            f"{_json_facts(kind, where)}",
        )
    return location, Rule(
        f"{words}, {location}: the place of supply is there (IGST Act s. {clause})", ACTS
    )


def _registered(case: Case) -> bool:
    """Whether the buyer is a registered person: a GSTIN the registry did not refuse."""
    buyer = case.sale.buyer
    refused = buyer.verification is not None and not buyer.verification.valid
    return buyer.tax_id is not None and buyer.tax_id.country == "IN" and not refused


def _category_of(kind: ServiceKind | None) -> TaxCategory:
    """The category a kind placed by its own rule within India is bundled for."""
    return next(c for c, (k, *_) in _OWN_RULE.items() if k is kind)


def _refuse_other_kinds(kind: ServiceKind) -> None:
    """Refuse a service within India said to be of a kind s. 12 may place by a rule
    of its own (s. 12(3)-(14): property, events, transport, banking ...) that is not
    bundled for its lines: the general rule would put it at the buyer's State."""
    if kind in {k for k, *_ in _OWN_RULE.values()}:
        return  # said for a category placed by it: refused by the lines' categories
    name = kind.value.replace("_", " ")
    raise MissingDataError(
        f"the place of supply of the {name} service within India",
        "supplier and recipient are both in India, so IGST Act s. 12 places it, not "
        "s. 13; s. 12(3)-(14) place such services by rules of their own (where the "
        "property is, the event is held, the goods are handed over, the passenger "
        "embarks, the recipient's location on the bank's records ...), which "
        "commercekit does not bundle. Find the place under s. 12 and decide the sale "
        "with the buyer's subdivision= that State and "
        "service=ServiceFacts('general', ...) or no service facts (s. 12(2))",
        field="sale.service.kind",
    )
