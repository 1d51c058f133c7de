"""The one check of where rasd may connect, and a connection that goes exactly where the check said.

A URL from a feed, a sources file or an API client must not turn rasd into a probe of its own network: hosts that
resolve to loopback, private, link-local or otherwise non-public addresses are refused. Checking the name and then
letting the HTTP client resolve it again is not enough: a DNS server that answers a public address first and
127.0.0.1 next ("DNS rebinding") passes the check and reads a local page. So the check happens inside the
connection: `GuardedBackend.connect_tcp` resolves the host once, refuses it if any address is not public, and
connects to an address it has just checked (TLS still verifies the certificate against the host name).

IPv6 forms that carry an IPv4 address inside (`::ffff:127.0.0.1`, the deprecated `::127.0.0.1`, NAT64
`64:ff9b::/96` and the local-use NAT64 `64:ff9b:1::/48`, 6to4 `2002::/16`, Teredo) are judged by the IPv4 address
they reach.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import httpcore
import httpx

from rasd.errors import InputError

#: NAT64 prefixes: an address in them reaches the IPv4 address in its last 32 bits (RFC 6052, RFC 8215).
NAT64_NETWORKS = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
#: IPv4-compatible IPv6 (::a.b.c.d, deprecated by RFC 4291 but still routed by some stacks).
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


class AddressRefused(InputError):
    """A host that resolves to an address rasd does not connect to."""


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for, when it embeds one."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if any(ip in net for net in NAT64_NETWORKS) or (ip in IPV4_COMPATIBLE and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public_address(address: str) -> bool:
    """A globally routable unicast address: not private, loopback, link-local, shared (CGNAT), multicast, reserved
    or unspecified - nor an IPv6 form of such an IPv4 address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        inner = embedded_ipv4(ip)
        if inner is not None:
            ip = inner
        elif any(ip in net for net in NAT64_NETWORKS):
            return False
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> list[str]:
    """Every address the host name resolves to (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(f"cannot resolve host {host!r}: {exc}") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def checked_addresses(host: str, port: int, allow_private: frozenset[str] | bool = frozenset()) -> list[str]:
    """The addresses to connect to for `host`: all of them public, else AddressRefused. `allow_private` (True, or
    a set of host names) exempts hosts the user trusts (a feed on the office network)."""
    host = host.strip("[]").lower()
    addresses = resolve(host, port)
    if allow_private is True or (allow_private and host in allow_private):
        return addresses
    bad = [a for a in addresses if not is_public_address(a)]
    if bad:
        raise AddressRefused(f"refused: {host} resolves to a non-public (private, loopback or link-local) address "
                             f"({bad[0]})")
    return addresses


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's network backend, connecting only to addresses that passed `checked_addresses` in this very call:
    no second lookup stands between the check and the connection."""

    def __init__(self, allow_private: frozenset[str] | bool = frozenset()) -> None:
        self.allow_private = allow_private

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        addresses = checked_addresses(host, port, self.allow_private)
        last: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last


def guarded_transport(allow_private: frozenset[str] | bool = frozenset(), **options: Any) -> httpx.HTTPTransport:
    """An httpx transport whose connections go through GuardedBackend (the pool's backend is swapped in: httpx has
    no public option for it; tests/ingest/test_rebinding.py checks that it is used)."""
    transport = httpx.HTTPTransport(**options)
    transport._pool._network_backend = GuardedBackend(allow_private)  # noqa: SLF001
    return transport
