"""Polite async HTTP for the auditor and the link checker (a lean HTTP/1.1 client, wire.py).

* at most ``per_host`` requests in flight per host and ``delay`` seconds between two request
  starts on one host (a robots.txt ``Crawl-delay`` raises it, up to ``max_crawl_delay``);
* robots.txt honoured (protego), fetched once per origin;
* timeouts; retries with exponential back-off on connection errors, time-outs and 5xx/429
  (``Retry-After`` honoured when short);
* redirects followed by hand, each hop through the same gate, robots rules and address guard;
* at most ``max_bytes`` read of any response;
* a certificate that does not verify (expired, self-signed, another host's…) is recorded per
  host (``Fetcher.untrusted``) and the host is then fetched without verification, so the
  audit reports the certificate and still reads the rest;
* response times taken from the socket, not the event loop (``socket_seconds``), so a busy
  auditor does not call a fast portal slow;
* connections kept alive per host and reused (wire.Client).
"""

from __future__ import annotations

import asyncio
import random
import socket
import ssl
import struct
import time
from collections import deque
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, Self
from urllib.parse import SplitResult, urljoin, urlsplit

from protego import Protego

from .guard import Guard, is_refusal
from .wire import Client

USER_AGENT = "BatayonAudit/1.0 (+https://batayon.gov.bd/audit)"
ROBOTS_AGENT = "BatayonAudit"


@dataclass
class FetchConfig:
    per_host: int = 2
    delay: float = 0.25
    max_crawl_delay: float = 10.0
    timeout: float = 15.0
    connect_timeout: float = 5.0
    retries: int = 2
    backoff: float = 0.5
    max_retry_after: float = 5.0
    max_bytes: int = 2 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    connections: int = 400  # in flight in total (the per-host limit applies within it)

    @classmethod
    def from_settings(cls, **overrides) -> FetchConfig:
        from django.conf import settings

        values: dict[str, Any] = {
            "per_host": settings.AUDIT_PER_HOST,
            "delay": settings.AUDIT_DELAY,
            "timeout": settings.AUDIT_TIMEOUT,
            "retries": settings.AUDIT_RETRIES,
            "backoff": settings.AUDIT_BACKOFF,
            "max_bytes": settings.AUDIT_MAX_BYTES,
        }
        values.update(overrides)
        return cls(**values)


@dataclass
class Response:
    url: str  # what was asked
    final_url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""
    # Seconds the server took to answer, summed over hops and attempts: from the request's
    # last byte leaving the socket to the response's last byte arriving, as the kernel saw
    # them (not queueing, not back-off, not the auditor's own event-loop lag).
    elapsed: float = 0.0
    redirects: list[str] = field(default_factory=list)  # every hop's URL, in order
    error: str = ""  # timeout | address_refused | connect | tls | robots | too_many_redirects | bad_url
    # Fetched although the host's certificate did not verify: why (see ``certificate_problem``).
    certificate: str = ""
    truncated: bool = False
    attempts: int = 0

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def text(self) -> str:
        ctype = self.headers.get("content-type", "")
        charset = "utf-8"
        if "charset=" in ctype:
            charset = ctype.split("charset=", 1)[1].split(";")[0].strip() or "utf-8"
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")

    @property
    def is_html(self) -> bool:
        ctype = self.headers.get("content-type", "text/html")
        return "html" in ctype or ctype == ""


def run(coro):
    """Run a crawl's event loop: uvloop's (libuv) when installed — a crawl is mostly event-loop
    and socket work, which uvloop does in C — else asyncio's."""
    try:
        import uvloop
    except ImportError:  # pragma: no cover - a dependency, but not built for every platform
        return asyncio.run(coro)
    return uvloop.run(coro)


def trusting(ca_bundle: str) -> ssl.SSLContext | None:
    """The verifying TLS context with an extra trusted CA (a test farm's, a private PKI), or
    None for the system's CAs only (the client loads them at its first https URL)."""
    return ssl.create_default_context(cafile=ca_bundle) if ca_bundle else None


class StaticResolver:
    """Answers from a host → address map first (tests, the benchmark farm), then from DNS
    (answers kept ``ttl`` seconds)."""

    def __init__(self, hosts: dict[str, str] | None = None, ttl: float = 300.0):
        self.hosts = {k.lower(): v for k, v in (hosts or {}).items()}
        self.ttl = ttl
        self._cache: dict[tuple[str, int], tuple[float, list[tuple[socket.AddressFamily, str]]]] = {}

    async def resolve(self, host: str, port: int = 0) -> list[tuple[socket.AddressFamily, str]]:
        """``[(address family, address), …]`` for ``host``."""
        address = self.hosts.get(host.lower())
        if address is not None:
            return [(socket.AF_INET6 if ":" in address else socket.AF_INET, address)]
        loop = asyncio.get_running_loop()
        cached = self._cache.get((host, port))
        if cached is not None and cached[0] > loop.time():
            return cached[1]
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        found = [(fam, sockaddr[0]) for fam, _type, _proto, _canon, sockaddr in infos
                 if fam in (socket.AF_INET, socket.AF_INET6)]
        self._cache[(host, port)] = (loop.time() + self.ttl, found)
        return found


# --- timing from the socket ------------------------------------------------------------------
#
# A crawl's event loop is busy (parsing, extracting, recording), so "when the loop noticed the
# answer" can be seconds after the answer arrived. The kernel keeps, per TCP connection, how
# long ago data was last sent and last received (``TCP_INFO``: tcpi_last_data_sent,
# tcpi_last_data_recv, in ms, offsets 44 and 52 of ``struct tcp_info`` since Linux 2.6); their
# difference, read when the answer's last bytes are delivered (wire.py), is the server's response time
# whatever the loop was doing. Elsewhere (no TCP_INFO) the loop's clock is used.

_TCP_INFO = getattr(socket, "TCP_INFO", None)
_TCP_INFO_TIMES = struct.Struct("=I4xI")  # last_data_sent, (last_ack_sent), last_data_recv


def socket_seconds(sock) -> float | None:
    """Seconds from the last data sent to the last data received on ``sock``, per the kernel."""
    if _TCP_INFO is None or sock is None:
        return None
    try:
        info = sock.getsockopt(socket.IPPROTO_TCP, _TCP_INFO, 104)
    except (OSError, AttributeError):
        return None
    if len(info) < 56:
        return None
    sent_ago, recv_ago = _TCP_INFO_TIMES.unpack_from(info, 44)
    return max(0, sent_ago - recv_ago) / 1000


# --- certificates ---------------------------------------------------------------------------

# OpenSSL's verification codes (X509_V_ERR_*) → the reason kept in a finding.
_VERIFY_REASONS = {
    9: "not_yet_valid",
    10: "expired",
    18: "self_signed",
    19: "self_signed",
    2: "untrusted",
    20: "untrusted",
    21: "untrusted",
    27: "untrusted",
    62: "wrong_host",
    64: "wrong_host",
    23: "revoked",
}


def certificate_problem(error: BaseException) -> dict[str, str]:
    """Why a certificate did not verify: {"reason": expired | not_yet_valid | self_signed |
    untrusted | wrong_host | revoked | other, "detail": OpenSSL's message}."""
    code = getattr(error, "verify_code", None)
    detail = str(getattr(error, "verify_message", "") or error)[:200]
    if code is None and "hostname" in detail.lower():  # ssl.CertificateError from match_hostname
        return {"reason": "wrong_host", "detail": detail}
    return {"reason": _VERIFY_REASONS.get(code or 0, "other"), "detail": detail}


def certificate_not_after(der: bytes | None) -> float | None:
    """The expiry (epoch seconds) written in a DER certificate, whether or not it verifies."""
    if not der:
        return None
    from cryptography import x509

    try:
        return x509.load_der_x509_certificate(der).not_valid_after_utc.timestamp()
    except ValueError:
        return None


class Limit:
    """A first-come-first-served semaphore whose release is O(1): asyncio.Semaphore (Python
    3.11) scans its waiters on each release, which showed in profiles with thousands waiting."""

    __slots__ = ("free", "waiters")

    def __init__(self, n: int):
        self.free = n
        self.waiters: deque[asyncio.Future] = deque()

    async def acquire(self) -> None:
        if self.free > 0:
            self.free -= 1
            return
        fut = asyncio.get_running_loop().create_future()
        self.waiters.append(fut)
        try:
            await fut
        except asyncio.CancelledError:
            if fut.done() and not fut.cancelled():
                self.release()  # the slot was handed over as we were cancelled: pass it on
            raise

    def release(self) -> None:
        waiters = self.waiters
        while waiters:
            fut = waiters.popleft()
            if not fut.done():
                fut.set_result(None)  # the slot goes straight to the first waiter
                return
        self.free += 1


class HostGate:
    """At most ``per_host`` requests in flight per host, ``delay`` between two starts.

    When the sites are split over ``processes`` processes by host (parallel.py), each process
    gates its own sites' hosts (``home``) alone. A host outside them — a redirect target that
    portals of several processes share — gets ``per_host // processes`` slots (at least one)
    and ``processes`` times the delay in each process, so together they keep its limits (when
    there are more processes than ``per_host``, up to one request a process in flight)."""

    def __init__(
        self, per_host: int, delay: float, home: Collection[str] | None = None, processes: int = 1
    ):
        self.per_host = per_host
        self.delay = delay
        self.home = frozenset(h.lower() for h in home) if home is not None else None
        self.processes = max(1, processes)
        self._limits: dict[str, Limit] = {}
        self._next: dict[str, float] = {}
        self.delays: dict[str, float] = {}

    def shared(self, host: str) -> bool:
        """Is ``host`` possibly fetched by other processes too?"""
        return self.processes > 1 and self.home is not None and host not in self.home

    async def enter(self, host: str) -> None:
        limit = self._limits.get(host)
        if limit is None:
            slots = max(1, self.per_host // self.processes) if self.shared(host) else self.per_host
            limit = self._limits[host] = Limit(slots)
        await limit.acquire()
        delay = self.delays.get(host, self.delay)
        if delay > 0:
            if self.shared(host):
                delay *= self.processes
            now = asyncio.get_running_loop().time()
            start = max(self._next.get(host, now), now)
            self._next[host] = start + delay
            if start > now:
                try:
                    await asyncio.sleep(start - now)
                except BaseException:
                    limit.release()
                    raise

    def leave(self, host: str) -> None:
        self._limits[host].release()


class Fetcher:
    """One HTTP client with the guard, the per-host gate and the robots cache."""

    def __init__(
        self,
        config: FetchConfig | None = None,
        guard: Guard | None = None,
        hosts: dict[str, str] | None = None,
        ssl_context: ssl.SSLContext | None = None,
        *,
        home_hosts: Collection[str] | None = None,
        processes: int = 1,
    ):
        """``home_hosts``, ``processes``: this fetcher crawls the sites of ``home_hosts``, one
        of ``processes`` processes splitting the sites by host (see ``HostGate``)."""
        self.config = config or FetchConfig()
        self.guard = guard or Guard()
        self.hosts = hosts or {}
        self.ssl_context = ssl_context
        self.gate = HostGate(self.config.per_host, self.config.delay, home_hosts, processes)
        self._robots: dict[str, asyncio.Future] = {}
        self.resolver = StaticResolver(self.hosts)
        self.client: Client | None = None
        self._in_flight: Limit | None = None  # all hosts together ≤ config.connections
        # host → certificate_problem() of a host whose certificate did not verify
        self.untrusted: dict[str, dict[str, str]] = {}

    @classmethod
    def from_settings(cls, **overrides) -> Fetcher:
        from django.conf import settings

        return cls(
            FetchConfig.from_settings(**overrides),
            Guard.from_settings(),
            settings.AUDIT_HOSTS,
            trusting(settings.AUDIT_CA_BUNDLE),
        )

    async def __aenter__(self) -> Self:
        self._in_flight = Limit(self.config.connections)
        self.client = Client(
            self.resolver.resolve,
            self.guard.socket_factory,
            self.ssl_context,  # None: the system's CAs (loaded at the first https URL)
            user_agent=self.config.user_agent,
            connect_timeout=self.config.connect_timeout,
            timing=socket_seconds,
        )
        return self

    async def __aexit__(self, *exc) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None

    # --- robots.txt ---------------------------------------------------------------------------

    def _robots_for(self, key: str) -> asyncio.Future:
        fut = self._robots.get(key)
        if fut is None:
            fut = self._robots[key] = asyncio.ensure_future(self._load_robots(key))
        return fut

    async def _load_robots(self, key: str) -> Protego | None:
        r = await self.get(key + "/robots.txt", robots=False, max_bytes=512 * 1024)
        if r.status != 200:
            return None  # no robots.txt (or an error): everything is allowed
        rules = Protego.parse(r.text)
        crawl_delay = rules.crawl_delay(ROBOTS_AGENT)
        if crawl_delay:
            host = urlsplit(key).hostname or ""
            self.gate.delays[host] = min(float(crawl_delay), self.config.max_crawl_delay)
        return rules

    async def certificate_expiry(self, url: str) -> float | None:
        """When the certificate served for ``url`` expires (epoch seconds), from a TLS handshake
        to the same guarded address (verified, unless the host's certificate is known not to
        verify — its expiry is read all the same); None when none could be read."""
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            return None
        port = parts.port or 443
        resolver = self.resolver
        assert self.client is not None, "use 'async with Fetcher()'"
        # The client's own contexts: the system's CAs are loaded once, not per site.
        context = self.client.unverified if parts.hostname.lower() in self.untrusted else self.client.verified
        try:
            ((_family, address), *_rest) = await resolver.resolve(parts.hostname, port)
            self.guard.check(address)
            _reader, writer = await asyncio.wait_for(
                asyncio.open_connection(address, port, ssl=context, server_hostname=parts.hostname),
                self.config.connect_timeout,
            )
        except (OSError, TimeoutError, ValueError, ssl.SSLError):
            return None
        try:
            tls = writer.get_extra_info("ssl_object")
            return certificate_not_after(tls.getpeercert(binary_form=True) if tls is not None else None)
        finally:
            writer.close()

    # --- fetching -----------------------------------------------------------------------------

    async def get(self, url: str, *, robots: bool = True, max_bytes: int | None = None) -> Response:
        """GET ``url``, following redirects by hand; never raises for network trouble."""
        assert self.client is not None, "use 'async with Fetcher()'"
        limit = self.config.max_bytes if max_bytes is None else max_bytes
        result = Response(url=url, final_url=url)
        current = url
        for _hop in range(self.config.max_redirects + 1):
            parts = urlsplit(current)
            try:
                host = (parts.hostname or "").lower()
                parts.port  # noqa: B018 - raises ValueError for a port that is not one
            except ValueError:
                host = ""
            if parts.scheme not in ("http", "https") or not host:
                result.error = "bad_url"
                break
            if robots:
                rules_future = self._robots_for(f"{parts.scheme}://{parts.netloc}".lower())
                rules = rules_future.result() if rules_future.done() else await rules_future
                if rules is not None and not rules.can_fetch(current, ROBOTS_AGENT):
                    result.error = "robots"
                    result.final_url = current
                    break
            status, headers, body, truncated, attempts, error, spent = await self._one(parts, host, limit)
            result.elapsed += spent
            result.attempts += attempts
            result.final_url = current
            result.status, result.headers, result.body = status, headers, body
            result.truncated, result.error = truncated, error
            problem = self.untrusted.get(host)
            if problem is not None and parts.scheme == "https":
                result.certificate = problem["reason"]
            if status in (301, 302, 303, 307, 308) and headers.get("location"):
                result.redirects.append(current)
                current = urljoin(current, headers["location"])
                continue
            break
        else:
            result.error = "too_many_redirects"
        return result

    async def _one(self, parts: SplitResult, host: str, limit: int):
        attempts = 0
        cfg = self.config
        client, in_flight = self.client, self._in_flight
        assert client is not None and in_flight is not None
        while True:
            attempts += 1
            wait = cfg.backoff * (2 ** (attempts - 1)) * (0.75 + random.random() / 2)
            # Verified (the fetcher's context), unless this host's certificate is known bad.
            verify = host not in self.untrusted
            try:
                await self.gate.enter(host)
                try:
                    await in_flight.acquire()
                    try:
                        t0 = time.monotonic()
                        answer = await client.get(parts, verify=verify, limit=limit, timeout=cfg.timeout)
                    finally:
                        in_flight.release()
                finally:
                    self.gate.leave(host)
            except TimeoutError:
                if attempts <= cfg.retries:
                    await asyncio.sleep(wait)
                    continue
                return None, {}, b"", False, attempts, "timeout", cfg.timeout
            except ssl.SSLCertVerificationError as exc:
                if not verify:
                    return None, {}, b"", False, attempts, "tls", 0.0
                # Remember why, and fetch again without verification (not counted as a retry).
                self.untrusted[host] = certificate_problem(exc)
                attempts -= 1
                continue
            except ssl.SSLError:
                return None, {}, b"", False, attempts, "tls", 0.0
            except ValueError:  # a host name that cannot be encoded, a header that is not one
                return None, {}, b"", False, attempts, "bad_url", 0.0
            except OSError as exc:
                if is_refusal(exc):
                    return None, {}, b"", False, attempts, "address_refused", 0.0
                if attempts <= cfg.retries:
                    await asyncio.sleep(wait)
                    continue
                return None, {}, b"", False, attempts, "connect", 0.0
            status, headers, body, truncated = answer.status, answer.headers, answer.body, answer.truncated
            spent = answer.seconds if answer.seconds is not None else time.monotonic() - t0
            if status in (429, 500, 502, 503, 504) and attempts <= cfg.retries:
                retry_after = headers.get("retry-after", "")
                if retry_after.isdigit():
                    if float(retry_after) > cfg.max_retry_after:
                        return status, headers, body, truncated, attempts, "", spent
                    wait = max(wait, float(retry_after))
                await asyncio.sleep(wait)
                continue
            return status, headers, body, truncated, attempts, "", spent
