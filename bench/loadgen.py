"""A lean HTTP/1.1 load generator for bench_api.py: keep-alive connections on raw asyncio streams (uvloop when
installed), requests encoded before the clock starts, responses read by Content-Length or chunks.

Why not httpx: on this 2-core machine its async client spends 6-9 ms of CPU per request (parsing headers into
objects, decoding the body as text, parsing the JSON), on the same cores as the server it measures, so the
benchmark mostly measured its own client. This one spends a few tenths of a millisecond: the status line and two
headers are read, the body is kept as bytes. Every answer is checked (status 200, a complete body of JSON or GeoJSON
shape) and every `verify_every`-th is parsed in full, so errors are still counted; its own CPU is measured and
reported beside the server's.

Only for loopback benchmarking: no TLS, no redirects, no proxies.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode


class HttpError(Exception):
    """A malformed or cut answer (the connection is then dropped and reopened)."""


@dataclass
class LoadResult:
    latencies: list[float] = field(default_factory=list)
    #: The index (in `requests`) of the request each latency is of, in the same order.
    order: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    bytes_received: int = 0
    elapsed_s: float = 0.0
    cpu_s: float = 0.0


def encode_requests(host: str, path: str, params_list: list[dict]) -> list[bytes]:
    """Each request's bytes, made before the clock starts (so query encoding is not timed)."""
    out = []
    for params in params_list:
        target = f"{path}?{urlencode(params)}" if params else path
        out.append(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nAccept: */*\r\n\r\n".encode())
    return out


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    """(status, body) of one HTTP/1.1 response: Content-Length or chunked bodies."""
    head = await reader.readuntil(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 "):
        raise HttpError(f"not an HTTP/1.1 answer: {head[:40]!r}")
    status = int(head[9:12])
    lower = head.lower()
    at = lower.find(b"\r\ncontent-length:")
    if at >= 0:
        end = lower.index(b"\r\n", at + 2)
        return status, await reader.readexactly(int(lower[at + 17:end]))
    if b"\r\ntransfer-encoding: chunked" in lower:
        parts = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")
                return status, b"".join(parts)
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)
    if status in (204, 304):
        return status, b""
    raise HttpError("answer without Content-Length or chunked encoding")


def looks_complete(body: bytes) -> bool:
    """A whole JSON object (an events page, or a GeoJSON FeatureCollection): starts with { and ends with }."""
    return body[:1] == b"{" and body.rstrip()[-1:] == b"}"


async def run_load(host: str, port: int, requests: list[bytes], concurrency: int, max_seconds: float,
                   verify_every: int = 10) -> LoadResult:
    """Send `requests` over `concurrency` keep-alive connections, each connection sending its next request as
    soon as the previous answer is read (a closed loop, as the old httpx bench did)."""
    result = LoadResult()
    todo = iter(enumerate(requests))
    deadline = time.perf_counter() + max_seconds

    async def worker() -> None:
        reader = writer = None
        for i, raw in todo:
            if time.perf_counter() > deadline:
                break
            t = time.perf_counter()
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(host, port)
                writer.write(raw)
                status, body = await read_response(reader)
                result.statuses[status] = result.statuses.get(status, 0) + 1
                result.bytes_received += len(body)
                if status != 200:
                    result.errors.append(f"HTTP {status}: {body[:120]!r}")
                elif not looks_complete(body):
                    result.errors.append(f"incomplete body ({len(body)} bytes)")
                elif verify_every and i % verify_every == 0:
                    json.loads(body)
            except (OSError, EOFError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, HttpError,
                    ValueError) as exc:
                result.errors.append(f"{type(exc).__name__}: {exc}")
                if writer is not None:
                    writer.close()
                reader = writer = None
            result.latencies.append(time.perf_counter() - t)
            result.order.append(i)
        if writer is not None:
            writer.close()

    cpu = time.process_time()
    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    result.elapsed_s = time.perf_counter() - t0
    result.cpu_s = time.process_time() - cpu
    return result


def run(host: str, port: int, requests: list[bytes], concurrency: int, max_seconds: float,
        verify_every: int = 10) -> LoadResult:
    """`run_load` on uvloop when it is installed (uvicorn's own loop: the cheapest), else asyncio's loop."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(run_load(host, port, requests, concurrency, max_seconds, verify_every))
    return uvloop.run(run_load(host, port, requests, concurrency, max_seconds, verify_every))


async def get_once(host: str, port: int, path: str, timeout: float = 5.0) -> tuple[int, bytes]:
    """One GET on a fresh connection (readiness checks)."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        writer.write(encode_requests(host, path, [{}])[0])
        return await asyncio.wait_for(read_response(reader), timeout)
    finally:
        writer.close()
