"""Probes of issue 16: DNS rebinding passed the private-address check in both fetchers (the address was checked on
one lookup and the connection made another: a simulated rebind read a loopback page), `[::127.0.0.1]` and NAT64
forms passed, and a trickling server held one fetch for 49 s (no overall deadline). Only 127.0.0.1 is contacted."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from rasd.api.ingest import check_url, fetch_url
from rasd.errors import InputError
from rasd.ingest.fetch import Fetcher, FetchError, FetchSettings
from rasd.ingest.netguard import GuardedBackend, is_public_address

SECRET = b"<html><body>loopback-only secret page</body></html>"


@contextmanager
def local_server(trickle: bool = False) -> Iterator[tuple[int, list[str]]]:
    """An HTTP server on 127.0.0.1; yields its port and the paths it was asked for."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            if trickle:
                for _ in range(40):
                    self.wfile.write(b"x" * 1024)
                    self.wfile.flush()
                    time.sleep(0.1)
            else:
                self.wfile.write(SECRET)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], asked
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def rebinding_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """rebind.test answers a public address on its first lookup and 127.0.0.1 on every later one."""
    real = socket.getaddrinfo
    lookups = {"n": 0}

    def fake(host, port, *args, **kwargs):
        if host != "rebind.test":
            return real(host, port, *args, **kwargs)
        lookups["n"] += 1
        address = "93.184.216.34" if lookups["n"] == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake)


@pytest.mark.parametrize("address", ["127.0.0.1", "::1", "::127.0.0.1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
                                     "64:ff9b::7f00:1", "64:ff9b::a00:1", "64:ff9b:1::1", "2002:7f00:1::1",
                                     "2002:a00:1::", "fe80::1", "fc00::1", "100.64.0.1", "169.254.169.254", "0.0.0.0"])
def test_private_addresses_and_ipv6_forms_embedding_them_are_refused(address: str) -> None:
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "64:ff9b::808:808", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_pass(address: str) -> None:
    assert is_public_address(address)


@pytest.mark.parametrize("url", ["http://[::127.0.0.1]/", "http://[64:ff9b::7f00:1]/", "http://[::ffff:7f00:1]/"])
def test_both_fetchers_refuse_ipv6_literals_of_loopback(url: str) -> None:
    with pytest.raises(InputError):
        check_url(url)
    with Fetcher(FetchSettings(respect_robots=False)) as fetcher, pytest.raises(FetchError, match="refused"):
        fetcher.fetch(url)


def test_the_crawler_does_not_follow_a_rebinding_name_to_loopback(rebinding_dns: None) -> None:
    with local_server() as (port, asked):
        settings = FetchSettings(respect_robots=False, retries=0, min_interval=0)
        with Fetcher(settings) as fetcher, pytest.raises(FetchError, match="refused"):
            fetcher.fetch(f"http://rebind.test:{port}/")
        assert asked == []


def test_the_api_fetcher_does_not_follow_a_rebinding_name_to_loopback(rebinding_dns: None) -> None:
    with local_server() as (port, asked):
        with pytest.raises(InputError, match="refused"):
            fetch_url(f"http://rebind.test:{port}/")
        assert asked == []


def test_the_guarded_backend_is_the_one_that_connects() -> None:
    with Fetcher() as fetcher:
        assert isinstance(fetcher.client._transport._pool._network_backend, GuardedBackend)


def test_a_trickling_server_is_cut_off_at_the_fetch_deadline() -> None:
    with local_server(trickle=True) as (port, _):
        settings = FetchSettings(respect_robots=False, retries=0, min_interval=0, deadline=1.0,
                                 allow_private=frozenset({"127.0.0.1"}))
        started = time.monotonic()
        with Fetcher(settings) as fetcher, pytest.raises(FetchError, match="longer than"):
            fetcher.fetch(f"http://127.0.0.1:{port}/")
        assert time.monotonic() - started < 3.5
