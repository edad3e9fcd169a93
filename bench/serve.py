"""Load the HTTP service on loopback: throughput and latency of a 10-line quote.

Run: ``python bench/serve.py`` (after ``pip install -e '.[server,test]'``; httpx is the
client). Starts the service with ``commercekit.service.run`` (one uvicorn worker) in
its own process on a free loopback port, so that the clients do not share its
interpreter, then, for 1, 4 and 16 concurrent clients (httpx's async client, one
connection each), sends ``POST /quote`` with the same 10-line request for ``SECONDS``
(at most ``MOST`` requests) and prints requests per second and the median and
99th-percentile latency.

Before timing, the answer over HTTP is checked against ``quote_to_json(quote(...))``
computed in this process for the same request. The baseline is that computation
(reading the JSON, quoting, writing it) timed in-process; the ratio printed is what
HTTP, the server and the JSON text add per request. One worker runs on one core: with
16 clients the latency grows with the queue, not the throughput.
"""

from __future__ import annotations

import asyncio
import json
import socket
import statistics
import subprocess
import sys
import time
import timeit
from typing import Any

import httpx

from commercekit.checkout import quote
from commercekit.serde import example_request, quote_request_from_json, quote_to_json

SECONDS = 3.0
"""How long each concurrency level is loaded."""
MOST = 20_000
"""The most requests sent at one concurrency level."""
CLIENTS = (1, 4, 16)


def ten_line_request() -> dict[str, Any]:
    """The bundled German-consumer request (OSS, a tiered promotion, rate cards) with
    10 lines: its two products and eight more like them, books and standard-rated."""
    request = example_request("nl-to-de-consumer")
    tee, book = request["cart"]["lines"]
    lines = [tee, book]
    for i in range(8):
        like = tee if i % 2 else book
        sku = f"{like['sku']}-{i}"
        lines.append({**like, "sku": sku, "quantity": 1 + i % 3})
        request["products"][sku] = request["products"][like["sku"]]
    request["cart"]["lines"] = lines
    return request


def direct(request: dict[str, Any]) -> dict[str, Any]:
    """The baseline: the same request quoted in-process, through JSON text both ways."""
    data = json.loads(json.dumps(request))
    answer: dict[str, Any] = json.loads(
        json.dumps(quote_to_json(quote(*quote_request_from_json(data))))
    )
    return answer


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def serve() -> tuple[subprocess.Popen[bytes], str]:
    """The service in its own process, once it answers ``GET /health``."""
    port = free_port()
    script = f"from commercekit.service import run; run(port={port})"
    process = subprocess.Popen(  # noqa: S603  # our own interpreter and script
        [sys.executable, "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.05)
    process.terminate()
    raise SystemExit("the service did not start within 30 s")


async def load(url: str, body: bytes, clients: int) -> tuple[int, float, list[float]]:
    """``clients`` concurrent clients for ``SECONDS``: requests, elapsed, latencies."""
    latencies: list[float] = []
    headers = {"content-type": "application/json"}
    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:
        stop = time.perf_counter() + SECONDS

        async def one_client() -> None:
            while time.perf_counter() < stop and len(latencies) < MOST:
                sent = time.perf_counter()
                response = await client.post("/quote", content=body, headers=headers)
                latencies.append(time.perf_counter() - sent)
                assert response.status_code == 200, response.text

        start = time.perf_counter()
        await asyncio.gather(*(one_client() for _ in range(clients)))
        elapsed = time.perf_counter() - start
    return len(latencies), elapsed, latencies


def main() -> None:
    request = ten_line_request()
    assert len(request["cart"]["lines"]) == 10
    body = json.dumps(request).encode()
    expected = direct(request)
    in_process = min(timeit.repeat(lambda: direct(request), number=50, repeat=5)) / 50
    print(
        f"in-process (JSON in, quote, JSON out): {in_process * 1e3:.2f} ms per quote, "
        f"{1 / in_process:,.0f} quotes/s on one core"
    )
    server, url = serve()
    try:
        answer = httpx.post(
            f"{url}/quote", content=body, headers={"content-type": "application/json"}
        )
        assert answer.status_code == 200, answer.text
        assert answer.json() == expected, "the service must answer as quote() does"
        for clients in CLIENTS:
            count, elapsed, latencies = asyncio.run(load(url, body, clients))
            cut = statistics.quantiles(latencies, n=100)
            rate = count / elapsed
            print(
                f"{clients:>3} client(s): {rate:8,.0f} requests/s, "
                f"p50 {statistics.median(latencies) * 1e3:6.2f} ms, "
                f"p99 {cut[98] * 1e3:6.2f} ms, "
                f"{count:,} requests; HTTP x{(1 / rate) / in_process:.2f} the "
                "in-process time per quote"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
