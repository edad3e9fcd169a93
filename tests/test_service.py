"""The HTTP service, over HTTP: a real uvicorn on loopback, spoken to with httpx.

Every endpoint's happy path (the quote against ``quote_to_json(quote(...))`` called
directly, for each bundled request), every refusal a plugin can meet (not JSON, the
wrong content type, too large, too deep, a key twice, a wrong field, no such route, the
wrong method, an unexpected failure), the OpenAPI document, and the examples in
``docs/service.md``, each sent to the server and checked against what the page shows.
"""

from __future__ import annotations

import json
import logging
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import httpx
import pytest
import uvicorn
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_openapi
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from commercekit import __version__
from commercekit.checkout import RefundPolicy, quote, refund
from commercekit.errors import InvalidCountError, InvalidTextError, MissingDataError
from commercekit.money import Money
from commercekit.payments import example_schedule
from commercekit.serde import (
    MAX_REQUEST_BYTES,
    converter,
    example_request,
    example_requests,
    quote_request_from_json,
    quote_schema,
    quote_to_json,
    request_schema,
)
from commercekit.service import _endpoints as endpoints
from commercekit.service import _run, create_app, run

DOCS = Path(__file__).resolve().parent.parent / "docs" / "service.md"
SHIPPED = files("commercekit.service").joinpath("openapi.json")


def _wait_until(ready: Any, what: str, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {seconds} s")
        time.sleep(0.01)


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    """A real uvicorn serving ``create_app()`` on a free loopback port, in a thread."""
    # IPPROTO_TCP named: asyncio sets TCP_NODELAY only on sockets that say they are
    # TCP, and without it every answer waits ~40 ms for a delayed ACK.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.bind(("127.0.0.1", 0))  # the port is ours before uvicorn starts
    port = listener.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(), log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]})
    thread.start()
    _wait_until(lambda: server.started, "the server's start")
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    listener.close()
    assert not thread.is_alive()


@pytest.fixture(scope="session")
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30) as session:
        yield session


def _round_trip(data: Any) -> Any:
    return json.loads(json.dumps(data))


def _problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem: dict[str, Any] = response.json()
    assert problem["status"] == status
    assert {"type", "title", "detail"} <= problem.keys()
    assert "Traceback" not in response.text
    return problem


# --- happy paths ----------------------------------------------------------------------


def test_a_quote_over_http_carries_its_delivery_dates(client: httpx.Client) -> None:
    """The German consumer's order after the 15:00 cut-off on 23 December 2026: handed
    to the carrier on the 24th, delivered 29-30 December (Christmas skipped); a cut-off
    that is no time of day is a 422 naming its field."""
    request = example_request("nl-to-de-consumer")
    request["at"] = "2026-12-23T16:30:00+01:00"
    answer = client.post("/quote", json=request)
    assert answer.status_code == 200, answer.text
    delivery = answer.json()["shipping"]["delivery"]
    assert (delivery["dispatch"], delivery["earliest"], delivery["latest"]) == (
        "2026-12-24",
        "2026-12-29",
        "2026-12-30",
    )
    assert "2026-12-25 skipped: Christmas Day (NL)" in delivery["reasons"]
    request["warehouse"]["cutoff"] = "25:00"
    problem = _problem(client.post("/quote", json=request), 422)
    assert (problem["field"], problem["kind"]) == ("warehouse.cutoff", "date")


@pytest.mark.parametrize("name", example_requests())
def test_a_quote_over_http_is_the_quote_made_directly(
    client: httpx.Client, name: str
) -> None:
    request = example_request(name)
    response = client.post("/quote", json=request)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    direct = quote_to_json(quote(*quote_request_from_json(request)))
    assert response.json() == _round_trip(direct)


def test_health_says_the_version(client: httpx.Client) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": __version__}


def test_a_refund_counts_the_earlier_returns(client: httpx.Client) -> None:
    # The example's Stripe schedule gives no refund fee: partial leaves it out.
    order = example_request("nl-to-de-consumer")
    first = {"quote_request": order, "returned_lines": {"TEE-ORGANIC": 1}, "partial": True}
    second = {**first, "previous": [{"returned_lines": {"TEE-ORGANIC": 1}}]}
    one, two = client.post("/refund", json=first), client.post("/refund", json=second)
    assert one.status_code == two.status_code == 200
    made = quote(*quote_request_from_json(order))
    earlier = refund(made, {"TEE-ORGANIC": 1}, RefundPolicy(), partial=True)
    later = refund(
        made, {"TEE-ORGANIC": 1}, RefundPolicy(), previous=(earlier,), partial=True
    )
    assert one.json() == _round_trip(converter.unstructure(earlier))
    assert two.json() == _round_trip(converter.unstructure(later))
    third = {**second, "previous": second["previous"] * 2}
    problem = _problem(client.post("/refund", json=third), 422)
    assert problem["error"] == "ExcessReturnError"
    assert "at most 0 can come back" in problem["detail"]


def test_a_refund_answer_says_its_total_and_tax_as_its_schema_does(
    client: httpx.Client,
) -> None:
    """A plugin reads what is refunded and the VAT in it (``total``, ``tax``, with
    ``goods``); every key answered is in the OpenAPI ``Refund`` schema, and so are its
    lines' (each with its surcharge share)."""
    order = example_request("nl-to-de-consumer")
    asked = {"quote_request": order, "returned_lines": {"TEE-ORGANIC": 1}, "partial": True}
    answer = client.post("/refund", json=asked).json()
    made = quote(*quote_request_from_json(order))
    back = refund(made, {"TEE-ORGANIC": 1}, RefundPolicy(), partial=True)
    assert (answer["total"], answer["tax"], answer["goods"]) == tuple(
        _round_trip(converter.unstructure(figure))
        for figure in (back.total, back.tax, back.goods)
    )
    schemas = json.loads(SHIPPED.read_text())["components"]["schemas"]
    shape, line = schemas["Refund"], schemas["RefundLine"]
    assert set(shape["required"]) <= set(answer) <= set(shape["properties"])
    for item in answer["lines"]:
        assert set(line["required"]) <= set(item) <= set(line["properties"])
    assert schemas["RefundRequest"]["properties"]["previous"]["maxItems"] == 100


def test_a_refund_replays_at_most_100_earlier_returns(client: httpx.Client) -> None:
    """Each earlier return is refunded again against all before it (quadratic: 2,000
    empty returns took over 20 seconds), so ``previous`` is bounded."""
    order = example_request("nl-to-de-consumer")
    body = {
        "quote_request": order,
        "returned_lines": {"TEE-ORGANIC": 1},
        "partial": True,
        "previous": [{"returned_lines": {}}] * 101,
    }
    problem = _problem(client.post("/refund", json=body), 422)
    assert problem["error"] == "InvalidJsonError"
    assert "has 101 earlier returns; at most 100" in problem["detail"]
    body["previous"] = body["previous"][:100]
    assert client.post("/refund", json=body).status_code == 200


# --- refusals -------------------------------------------------------------------------


def _send(client: httpx.Client, body: bytes, path: str = "/tax-id") -> httpx.Response:
    return client.post(path, content=body, headers={"content-type": "application/json"})


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (b'{"number": "NL1",', "the request body is not valid JSON: Expecting"),
        (b'{"number": "NL1", "number": "NL2"}', "number: appears twice in one object"),
        (b"[" * 100_000 + b"]" * 100_000, "nests arrays or objects too deeply"),
        (b'{"number": ' + b"9" * 5000 + b"}", "a number too long to read"),
        (b'{"number": NaN}', "NaN is not JSON"),
        (b"[1, 2]", "holds a JSON array, not an object"),
        (b'{"number": "\xff"}', "is not UTF-8 text"),
    ],
    ids=["syntax", "duplicate", "deep", "huge-int", "nan", "array", "not-utf8"],
)
def test_a_body_that_is_not_strict_json_is_a_400(
    client: httpx.Client, body: bytes, detail: str
) -> None:
    problem = _problem(_send(client, body), 400)
    assert problem["type"] == "urn:commercekit:problem:not-json"
    assert detail in problem["detail"]


def test_a_wrong_field_is_named_by_its_json_path(client: httpx.Client) -> None:
    request = example_request("nl-to-de-consumer")
    request["cart"]["lines"][1]["unit_price"]["amount"] = 12.5
    problem = _problem(client.post("/quote", json=request), 422)
    assert problem["field"] == "cart.lines[1].unit_price.amount"
    assert problem["kind"] == "amount"
    assert problem["detail"].startswith(
        "cart.lines[1].unit_price.amount: is the JSON number"
    )


def test_a_choice_refused_lists_the_choices(client: httpx.Client) -> None:
    request = example_request("nl-to-de-consumer")
    request["incoterm"] = "FOB"
    problem = _problem(client.post("/quote", json=request), 422)
    assert (problem["field"], problem["kind"]) == ("incoterm", "choice")
    assert problem["choices"] == ["DDP", "DAP", "DDU"]


def test_a_body_over_the_limit_is_a_413_and_one_at_it_is_read(
    client: httpx.Client,
) -> None:
    document = b'{"number": "XI 980 7806 84"}'
    at_limit = document + b" " * (MAX_REQUEST_BYTES - len(document))
    assert _send(client, at_limit).json()["valid"] is True
    problem = _problem(_send(client, at_limit + b" "), 413)
    assert problem["detail"] == (
        f"the request body is larger than {MAX_REQUEST_BYTES:,} bytes, the most a "
        "request may be"
    )


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", None]
)
def test_a_body_not_sent_as_json_is_a_415(
    client: httpx.Client, content_type: str | None
) -> None:
    headers = {} if content_type is None else {"content-type": content_type}
    response = client.post("/quote", content=b"{}", headers=headers)
    assert "Content-Type: application/json" in _problem(response, 415)["detail"]


def test_json_with_a_charset_is_json(client: httpx.Client) -> None:
    response = client.post(
        "/tax-id",
        content=b'{"number": "XI 980 7806 84"}',
        headers={"content-type": "application/json; charset=utf-8"},
    )
    assert response.json()["valid"] is True


def test_no_such_route_and_the_wrong_method_are_problems(client: httpx.Client) -> None:
    assert (
        "no endpoint at /quotes" in _problem(client.post("/quotes", json={}), 404)["detail"]
    )
    wrong = client.get("/quote")
    assert _problem(wrong, 405)["detail"] == "/quote does not take GET; use POST"
    assert wrong.headers["allow"] == "POST"
    assert _problem(client.post("/health", json={}), 405)["title"] == "Method Not Allowed"


def test_an_unexpected_failure_is_a_500_without_internals_and_is_logged(
    client: httpx.Client, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(number: str, country: str | None = None) -> None:
        raise RuntimeError("secret internals at /srv/app.py line 12")

    monkeypatch.setattr(endpoints, "validate", broken)
    with caplog.at_level(logging.ERROR, logger="commercekit.service"):
        response = client.post("/tax-id", json={"number": "XI 980 7806 84"})
    problem = _problem(response, 500)
    assert problem["title"] == "Internal Server Error"
    assert "secret" not in response.text
    assert "RuntimeError" not in response.text
    logged = [record for record in caplog.records if record.name == "commercekit.service"]
    assert logged
    assert logged[0].exc_info is not None
    assert "secret internals" in str(logged[0].exc_info[1])


# --- OpenAPI --------------------------------------------------------------------------


def test_the_served_openapi_document_is_the_shipped_one_and_valid(
    client: httpx.Client,
) -> None:
    served = client.get("/openapi.json")
    assert served.status_code == 200
    assert served.content == SHIPPED.read_bytes()
    document = served.json()
    validate_openapi(document, base_uri=Path(str(SHIPPED)).as_uri())
    assert document["openapi"].startswith("3.1")
    assert document["info"]["version"] == __version__
    posted = {path for path, methods in document["paths"].items() if "post" in methods}
    assert posted == {path for path, _ in endpoints.ENDPOINTS}


def test_the_schemas_the_document_refers_to_are_served(client: httpx.Client) -> None:
    assert client.get("/schemas/quote-request.schema.json").json() == request_schema()
    assert client.get("/schemas/quote.schema.json").json() == quote_schema()
    assert client.get("/schemas/other.json").status_code == 404


_OPENAPI_BASE = "https://commercekit.invalid/service/openapi.json"


def _registry() -> Registry[Any]:
    """The shipped document and the request and quote schemas it refers to (resolved
    by their ``$id``, as ``../schemas/...`` resolves from the document's address)."""
    return Registry().with_resources(
        (schema.get("$id", _OPENAPI_BASE), DRAFT202012.create_resource(schema))
        for schema in (
            json.loads(SHIPPED.read_text("utf-8")),
            request_schema(),
            quote_schema(),
        )
    )


# --- the examples in docs/service.md --------------------------------------------------

_HTTP_BLOCK = re.compile(r"```http\n(.*?)```", re.DOTALL)


def _docs_exchanges() -> list[tuple[str, str, dict[str, Any] | None, int, Any]]:
    """Each request block of the page with the response block after it."""
    blocks = _HTTP_BLOCK.findall(DOCS.read_text("utf-8"))
    exchanges = []
    for request, response in zip(blocks[::2], blocks[1::2], strict=True):
        head, _, body = request.partition("\n\n")
        method, path = head.split()[:2]
        status = int(response.split()[1])
        answer = response.partition("\n\n")[2]
        exchanges.append(
            (
                method,
                path,
                json.loads(body) if body.strip() else None,
                status,
                json.loads(answer),
            )
        )
    return exchanges


def _shown_in(actual: Any, shown: Any, where: str = "") -> list[str]:
    """Where ``shown`` (the page's response, shortened) differs from ``actual``: an
    object shows some of its keys, an array its first elements."""
    if isinstance(shown, dict) and isinstance(actual, dict):
        return [
            difference
            for key, value in shown.items()
            for difference in (
                _shown_in(actual[key], value, f"{where}.{key}")
                if key in actual
                else [f"{where}.{key}: not in the answer"]
            )
        ]
    if isinstance(shown, list) and isinstance(actual, list) and len(shown) <= len(actual):
        return [
            difference
            for index, (got, said) in enumerate(zip(actual, shown, strict=False))
            for difference in _shown_in(got, said, f"{where}[{index}]")
        ]
    return [] if actual == shown else [f"{where}: the page says {shown!r}, got {actual!r}"]


def test_the_page_shows_every_endpoint() -> None:
    shown = {(method, path) for method, path, *_ in _docs_exchanges()}
    assert {("POST", path) for path, _ in endpoints.ENDPOINTS} <= shown
    assert {("GET", "/health")} <= shown


@pytest.mark.parametrize(
    "exchange", _docs_exchanges(), ids=lambda exchange: f"{exchange[0]} {exchange[1]}"
)
def test_each_example_on_the_page_is_what_the_server_answers(
    client: httpx.Client, exchange: tuple[str, str, dict[str, Any] | None, int, Any]
) -> None:
    method, path, body, status, shown = exchange
    if shown.get("version") == "…":  # the health check shows no fixed version
        shown = {**shown, "version": __version__}
    response = client.request(method, path, json=body)
    assert response.status_code == status, response.text
    assert _shown_in(response.json(), shown) == []
    if method == "POST" and status == 200:
        _check_against_openapi(path, body, response.json())


def _check_against_openapi(path: str, request: Any, answer: Any) -> None:
    """The request and the answer fit the document's schemas for ``path``."""
    registry = _registry()
    operation = f"{_OPENAPI_BASE}#/paths/~1{path.lstrip('/')}/post"
    for part, instance in (
        ("requestBody/content/application~1json/schema", request),
        ("responses/200/content/application~1json/schema", answer),
    ):
        validator = Draft202012Validator({"$ref": f"{operation}/{part}"}, registry=registry)
        errors = [error.message for error in validator.iter_errors(instance)]
        assert errors == [], f"{path} {part}: {errors[:3]}"


# --- run() and several workers --------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "error", "field"),
    [
        ({"port": 0}, InvalidCountError, "port"),
        ({"port": 70_000}, InvalidCountError, "port"),
        ({"workers": 0}, InvalidCountError, "workers"),
        ({"workers": True}, InvalidCountError, "workers"),
        ({"host": "my server"}, InvalidTextError, "host"),
    ],
)
def test_run_refuses_bad_arguments_before_anything_listens(
    arguments: dict[str, Any], error: type[Exception], field: str
) -> None:
    with pytest.raises(error) as caught:
        run(**arguments)
    assert getattr(caught.value, "field", None) == field


def test_without_the_extra_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    for start in (run, create_app):
        with pytest.raises(MissingDataError, match=r"pip install 'commercekit\[server\]'"):
            start()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_two_worker_processes_answer_alike() -> None:
    """``run(workers=2)`` in its own process: each worker builds its own app."""
    port = _free_port()
    script = f"from commercekit.service import run; run(port={port}, workers=2)"
    process = subprocess.Popen(  # noqa: S603  # our own interpreter and script
        [sys.executable, "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until(lambda: _answers(url), "the workers' start", seconds=20)
        request = example_request("nl-to-gb-consumer")
        with httpx.Client(base_url=url, timeout=30) as session:
            answers = [session.post("/quote", json=request).json() for _ in range(6)]
        assert all(answer == answers[0] for answer in answers)
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert process.stderr is not None
    assert "Traceback" not in process.stderr.read().decode()
    assert _run.APP_FACTORY == "commercekit.service:create_app"


def _answers(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=1).status_code == 200
    except httpx.TransportError:
        return False


def test_an_empty_tax_number_is_refused_and_a_country_without_a_validator_named(
    client: httpx.Client,
) -> None:
    empty = client.post("/tax-id", json={"number": " "})
    assert empty.status_code == 422
    assert empty.json()["field"] == "number"
    unknown = client.post("/tax-id", json={"number": "NL004495445B01", "country": "US"})
    assert unknown.status_code == 422
    assert (
        "not a country whose tax numbers commercekit validates" in unknown.json()["detail"]
    )


def test_a_charset_other_than_utf8_is_an_unsupported_media_type(
    client: httpx.Client,
) -> None:
    body = '{"number": "DE136695976", "country": "DE"}'.encode("latin-1")
    answer = client.post(
        "/tax-id",
        content=body,
        headers={"content-type": "application/json; charset=latin-1"},
    )
    assert answer.status_code == 415
    fine = client.post(
        "/tax-id", content=body, headers={"content-type": "application/json; charset=UTF-8"}
    )
    assert fine.status_code == 200


def test_a_trailing_slash_is_not_found_not_redirected(client: httpx.Client) -> None:
    answer = client.post("/tax-id/", json={"number": "DE136695976"})
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("application/problem+json")


def test_a_refusal_inside_a_rule_names_its_field(client: httpx.Client) -> None:
    request = {
        "quote_request": example_request("nl-to-de-consumer"),
        "returned_lines": {"TEE": 1},
        "points_earned": -5,
    }
    answer = client.post("/refund", json=request)
    assert answer.status_code == 422
    assert answer.json()["field"] == "points_earned"
    assert answer.json()["kind"] == "count"


# --- the buyer's payment --------------------------------------------------------------


def test_a_refund_over_http_says_what_the_payment_provider_keeps(
    client: httpx.Client,
) -> None:
    """The example's Stripe schedule gives no refund fee: without partial the refund
    is a 422 naming it; with partial it is left out and listed. A contract with a
    refund fee (sent as fee rows) says what the provider keeps."""
    order = example_request("nl-to-de-consumer")
    asked = {"quote_request": order, "returned_lines": {"TEE-ORGANIC": 1}}
    problem = _problem(client.post("/refund", json=asked), 422)
    assert problem["error"] == "MissingPaymentCostError"
    assert "the refund fee of stripe NL card (consumer_credit, eea)" in problem["detail"]
    partial = client.post("/refund", json=asked | {"partial": True})
    assert partial.status_code == 200, partial.text
    assert partial.json()["payment_cost"] is None
    assert partial.json()["missing"][0].startswith("the refund fee of stripe NL card")
    fee = Money("0.50", "EUR")
    rows = [
        converter.unstructure(attrs.evolve(row, provider="contract", refund_fee=fee))
        for row in example_schedule("stripe").rows
    ]
    payment = {k: v for k, v in order["payment"].items() if k != "provider"}
    contract = order | {"payment": payment | {"fee_schedule": rows}}
    answer = client.post("/refund", json=asked | {"quote_request": contract})
    assert answer.status_code == 200, answer.text
    kept = answer.json()["payment_cost"]
    # The order's payment cost 1.56 is kept, and the refund costs 0.50.
    assert (kept["kept_fee"], kept["refund_fee"], kept["total"]) == (
        {"amount": "1.56", "currency": "EUR"},
        {"amount": "0.50", "currency": "EUR"},
        {"amount": "2.06", "currency": "EUR"},
    )


def test_a_refused_surcharge_over_http_is_a_422(client: httpx.Client) -> None:
    request = example_request("nl-to-de-consumer")
    request["payment"]["surcharge"] = True  # a German consumer card: PSD2 Art. 62(4)
    problem = _problem(client.post("/quote", json=request), 422)
    assert problem["error"] == "SurchargeRefusedError"
    assert (
        "a surcharge of 1.56 EUR is refused (refused; nothing may be charged)"
        in (problem["detail"])
    )
