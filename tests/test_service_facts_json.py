"""``Sale.service`` (``ServiceFacts``) across the JSON boundary: read and written by
``commercekit.serde``, described by the OpenAPI document of ``commercekit serve``, and
every refusal, by the converter or by the rule, naming the JSON field to fix."""

from __future__ import annotations

import json
from datetime import date
from importlib.resources import files
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from commercekit._where import Located
from commercekit.errors import InvalidJsonError
from commercekit.money import Money
from commercekit.serde import converter, structure
from commercekit.service import _endpoints as endpoints
from commercekit.tax import (
    Buyer,
    Sale,
    Seller,
    ServiceFacts,
    ServiceKind,
    decide,
)

OPENAPI = json.loads(files("commercekit.service").joinpath("openapi.json").read_text())
BASE = "https://commercekit.invalid/service/openapi.json"
DAY = "2026-06-01"


def _body(**service: object) -> dict[str, Any]:
    return {
        "on": DAY,
        "sale": {
            "seller": {"country": "IN", "registrations": ["IN-MH"]},
            "buyer": {"country": "AE"},
            "supply": "services",
            "price": {"amount": "5000.00", "currency": "USD"},
            "service": service,
        },
    }


def _schema_errors(body: dict[str, Any]) -> list[str]:
    registry = Registry().with_resource(BASE, DRAFT202012.create_resource(OPENAPI))
    schema = {"$ref": f"{BASE}#/components/schemas/DecideRequest"}
    validator = Draft202012Validator(schema, registry=registry)
    return [error.message for error in validator.iter_errors(body)]


_flags = st.none() | st.booleans()
# IGST Act s. 13(3)-(5), (9)-(11): the kinds placed at a location of their own
_PLACED = {"on_goods", "in_person", "immovable_property", "event", "goods_transport",
           "passenger_transport", "on_board"}  # fmt: skip


@st.composite
def service_facts(draw: st.DrawFn) -> ServiceFacts:
    """Any ServiceFacts: a location only for the kinds placed at one."""
    kind = draw(st.sampled_from(ServiceKind))
    location = (
        draw(st.none() | st.sampled_from(["AE", "US", "IN", "IN-KA", "IN-MH"]))
        if kind.value in _PLACED
        else None
    )
    return ServiceFacts(kind, location, draw(_flags), draw(_flags))


@given(service_facts())
def test_service_facts_round_trip_through_json(facts: ServiceFacts) -> None:
    """structure(json(unstructure(sale))) == sale for any sale of services with any
    ServiceFacts, and the JSON written fits the OpenAPI schema."""
    supply = "electronic_services" if facts.kind is ServiceKind.OIDAR else "services"
    sale = Sale(
        Seller("IN", {"IN-MH"}), Buyer("AE"), supply, Money("1.00", "USD"), service=facts
    )
    written = json.loads(json.dumps(converter.unstructure(sale)))
    assert written["service"]["kind"] == facts.kind.value
    assert structure(written, Sale) == sale
    assert _schema_errors({"on": DAY, "sale": written}) == []


def test_the_decide_endpoint_reads_the_facts() -> None:
    """POST /decide with an event held in Dubai: an export of services (s. 13(5))."""
    answer = endpoints.decide_endpoint(
        _body(
            kind="event",
            location="AE",
            paid_in_foreign_exchange=True,
            establishments_of_one_person=False,
        )
    )
    assert answer["regime"] == "export"
    assert "s. 13(5)" in answer["rules"][0]["text"]


def test_the_openapi_document_lists_every_kind() -> None:
    """The schema's enum is ServiceKind's values, in order."""
    kinds = OPENAPI["components"]["schemas"]["ServiceFacts"]["properties"]["kind"]
    assert kinds["enum"] == [kind.value for kind in ServiceKind]


@pytest.mark.parametrize(
    ("service", "field", "schema_refuses"),
    [
        ({"kind": "conference"}, "sale.service.kind", True),
        ({}, "sale.service.kind", True),
        ({"kind": 3}, "sale.service.kind", True),
        ({"kind": "general", "location": "AE"}, "sale.service.location", False),
        ({"kind": "event", "location": "XX"}, "sale.service.location", False),
        ({"kind": "event", "location": "IN-ZZ"}, "sale.service.location", False),
        ({"kind": "general", "paid_in_foreign_exchange": "yes"},
         "sale.service.paid_in_foreign_exchange", True),
        ({"kind": "general", "establishments_of_one_person": 0},
         "sale.service.establishments_of_one_person", True),
        ({"kind": "general", "paid": True}, "sale.service.paid", True),
    ],
)  # fmt: skip
def test_the_converter_names_the_field(
    service: dict[str, object], field: str, schema_refuses: bool
) -> None:
    """A wrong value in the facts is refused at its JSON path; the schema refuses what
    a schema can tell (not a country code that does not exist)."""
    body = _body(**service)
    with pytest.raises(InvalidJsonError) as caught:
        endpoints.decide_endpoint(body)
    assert caught.value.field == field
    assert (_schema_errors(body) != []) is schema_refuses


def test_facts_on_goods_are_refused_at_the_service_field() -> None:
    body = _body(kind="general")
    body["sale"]["supply"] = "goods"
    with pytest.raises(InvalidJsonError) as caught:
        endpoints.decide_endpoint(body)
    assert caught.value.field == "sale.service"


@pytest.mark.parametrize(
    ("sale", "field"),
    [
        ({"service": None}, "sale.service"),
        ({"service": {"kind": "event", "paid_in_foreign_exchange": True,
                      "establishments_of_one_person": False}}, "sale.service.location"),
        ({"service": {"kind": "general", "establishments_of_one_person": False}},
         "sale.service.paid_in_foreign_exchange"),
        ({"service": {"kind": "general", "paid_in_foreign_exchange": True}},
         "sale.service.establishments_of_one_person"),
        ({"service": {"kind": "event"}, "buyer": {"country": "IN", "subdivision": "IN-KA"}},
         "sale.service.kind"),
        ({"service": {"kind": "in_person"},
          "buyer": {"country": "IN", "tax_id": "29AAPFU0939F1ZR"},
          "seller": {"country": "US"}}, "sale.service.location"),
    ],
)  # fmt: skip
def test_a_fact_the_rule_needs_is_refused_at_its_field(
    sale: dict[str, Any], field: str
) -> None:
    """The rule's MissingDataError reaches the plugin with the JSON path of the fact."""
    body = _body()
    body["sale"].update(sale)
    with pytest.raises(Located) as caught:
        endpoints.decide_endpoint(body)
    assert caught.value.field == field


def test_a_decision_is_the_same_from_json_and_from_python() -> None:
    """POST /decide answers what decide() answers for the same sale."""
    facts = ServiceFacts(
        "general", paid_in_foreign_exchange=True, establishments_of_one_person=False
    )
    sale = Sale(
        Seller("IN", {"IN-MH"}), Buyer("AE"), "services", Money("5000.00", "USD"),
        service=facts,
    )  # fmt: skip
    body = {"on": DAY, "sale": converter.unstructure(sale)}
    answer = endpoints.decide_endpoint(body)
    assert answer == converter.unstructure(decide(sale, on=date(2026, 6, 1)))
