"""The address guard: no fetch of the auditor or the link checker reaches a private address.

An editor can type any URL into a service box and a portal can redirect anywhere, so every
connection (each redirect hop too) is checked against the address it actually connects to,
after DNS resolution: loopback, private, link-local, reserved, multicast and other
non-global addresses are refused unless the settings allow them
(``BATAYON_AUDIT_ALLOW_PRIVATE=1``, or ``BATAYON_AUDIT_ALLOW_NETWORKS=127.0.0.0/8,…``).

The check sits in ``socket_factory``, which the auditor's HTTP client (``wire.py``) calls with
the resolved address of every connection attempt, so a name that resolves to a public address for a pre-check and to
a private one a moment later (DNS rebinding) is still refused.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class AddressRefused(OSError):
    """The address is private, loopback, link-local or reserved, and not allowed."""

    def __init__(self, address: str):
        super().__init__(f"refused non-public address {address}")
        self.address = address


@dataclass(frozen=True)
class Guard:
    allow_private: bool = False
    allow_networks: tuple[IPNetwork, ...] = field(default_factory=tuple)

    @classmethod
    def build(cls, allow_private: bool = False, allow_networks: Iterable[str] = ()) -> Guard:
        return cls(allow_private, tuple(ipaddress.ip_network(n, strict=False) for n in allow_networks))

    @classmethod
    def from_settings(cls) -> Guard:
        from django.conf import settings

        return cls.build(settings.AUDIT_ALLOW_PRIVATE, settings.AUDIT_ALLOW_NETWORKS)

    def allowed(self, address: str | IPAddress) -> bool:
        ip = ipaddress.ip_address(address.split("%", 1)[0] if isinstance(address, str) else address)
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        if any(ip in net for net in self.allow_networks):
            return True
        if ip.is_multicast or ip.is_unspecified:
            return False
        return self.allow_private or ip.is_global

    def check(self, address: str) -> None:
        if not self.allowed(address):
            raise AddressRefused(address)

    def socket_factory(self, addr_info) -> socket.socket:
        """The socket for one resolved address, refused before it connects (``wire.Client``)."""
        family, type_, proto, _canon, sockaddr = addr_info
        self.check(sockaddr[0])
        sock = socket.socket(family=family, type=type_, proto=proto)
        sock.setblocking(False)
        return sock


def is_refusal(exc: BaseException) -> bool:
    """Was this (possibly wrapped) connection error the guard refusing an address?"""
    seen = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, AddressRefused):
            return True
        current = getattr(current, "os_error", None) or current.__cause__ or current.__context__
    return False
