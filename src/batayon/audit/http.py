"""Polite async HTTP for the auditor and the link checker (aiohttp).

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
  auditor does not call a fast portal slow.
"""

from __future__ import annotations

import asyncio
import functools
import random
import socket
import ssl
import struct
import time
from dataclasses import dataclass, field
from typing import Any, Self
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.client_proto import ResponseHandler
from protego import Protego

from .guard import Guard, is_refusal

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


class StaticResolver(AbstractResolver):
    """Answers from a host → address map first (tests, the benchmark farm), then from DNS."""

    def __init__(self, hosts: dict[str, str] | None = None):
        self.hosts = {k.lower(): v for k, v in (hosts or {}).items()}
        self._dns = aiohttp.ThreadedResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        address = self.hosts.get(host.lower())
        if address is None:
            return await self._dns.resolve(host, port, family)
        return [
            {
                "hostname": host,
                "host": address,
                "port": port,
                "family": socket.AF_INET6 if ":" in address else socket.AF_INET,
                "proto": 0,
                "flags": socket.AI_NUMERICHOST,
            }
        ]

    async def close(self) -> None:
        await self._dns.close()


# --- timing from the socket ------------------------------------------------------------------
#
# A crawl's event loop is busy (parsing, extracting, recording), so "when the loop noticed the
# answer" can be seconds after the answer arrived. The kernel keeps, per TCP connection, how
# long ago data was last sent and last received (``TCP_INFO``: tcpi_last_data_sent,
# tcpi_last_data_recv, in ms, offsets 44 and 52 of ``struct tcp_info`` since Linux 2.6); their
# difference, read whenever response bytes are delivered, is the server's response time
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


class _Stopwatch:
    """One response's time as the socket saw it (None until its bytes arrive)."""

    __slots__ = ("seconds",)

    def __init__(self) -> None:
        self.seconds: float | None = None


class _TimedHandler(ResponseHandler):
    """aiohttp's client protocol, stamping each response with ``socket_seconds``: a new
    stopwatch per request (aiohttp sets the response parameters before sending it), updated
    each time response bytes are delivered, so it ends at the last byte."""

    watch: _Stopwatch | None = None

    def set_response_params(self, **kwargs) -> None:
        self.watch = _Stopwatch()
        super().set_response_params(**kwargs)

    def data_received(self, data: bytes) -> None:
        if data and self.watch is not None and self.transport is not None:
            self.watch.seconds = socket_seconds(self.transport.get_extra_info("socket"))
        super().data_received(data)


class _Connector(aiohttp.TCPConnector):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        if _TCP_INFO is not None:
            self._factory = functools.partial(_TimedHandler, loop=self._loop)  # type: ignore[assignment]


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


class HostGate:
    """At most ``per_host`` requests in flight per host, ``delay`` between two starts."""

    def __init__(self, per_host: int, delay: float):
        self.per_host = per_host
        self.delay = delay
        self._sems: dict[str, asyncio.Semaphore] = {}
        self._next: dict[str, float] = {}
        self.delays: dict[str, float] = {}

    def slot(self, host: str) -> _Slot:
        sem = self._sems.get(host)
        if sem is None:
            sem = self._sems[host] = asyncio.Semaphore(self.per_host)
        return _Slot(self, host, sem)


class _Slot:
    def __init__(self, gate: HostGate, host: str, sem: asyncio.Semaphore):
        self.gate, self.host, self.sem = gate, host, sem

    async def __aenter__(self) -> None:
        await self.sem.acquire()
        delay = self.gate.delays.get(self.host, self.gate.delay)
        if delay > 0:
            loop = asyncio.get_running_loop()
            now = loop.time()
            start = max(now, self.gate._next.get(self.host, now))
            self.gate._next[self.host] = start + delay
            if start > now:
                await asyncio.sleep(start - now)

    async def __aexit__(self, *exc) -> None:
        self.sem.release()


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class Fetcher:
    """One aiohttp session with the guard, the per-host gate and the robots cache."""

    def __init__(
        self,
        config: FetchConfig | None = None,
        guard: Guard | None = None,
        hosts: dict[str, str] | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ):
        self.config = config or FetchConfig()
        self.guard = guard or Guard()
        self.hosts = hosts or {}
        self.ssl_context = ssl_context
        self.gate = HostGate(self.config.per_host, self.config.delay)
        self._robots: dict[str, asyncio.Future] = {}
        self.session: aiohttp.ClientSession | None = None
        self._in_flight: asyncio.Semaphore | None = None  # all hosts together ≤ config.connections
        self.requests = 0
        # host → certificate_problem() of a host whose certificate did not verify
        self.untrusted: dict[str, dict[str, str]] = {}

    @classmethod
    def from_settings(cls, **overrides) -> Fetcher:
        from django.conf import settings

        context = None
        if settings.AUDIT_CA_BUNDLE:  # an extra trusted CA (a test farm's, a private PKI)
            context = ssl.create_default_context(cafile=settings.AUDIT_CA_BUNDLE)
        return cls(
            FetchConfig.from_settings(**overrides), Guard.from_settings(), settings.AUDIT_HOSTS, context
        )

    async def __aenter__(self) -> Self:
        self._in_flight = asyncio.Semaphore(self.config.connections)
        connector = _Connector(
            limit=self.config.connections,
            resolver=StaticResolver(self.hosts),
            socket_factory=self.guard.socket_factory,
            ssl=self.ssl_context if self.ssl_context is not None else True,
            ttl_dns_cache=300,
        )
        self.session = aiohttp.ClientSession(
            connector=connector,
            timeout=aiohttp.ClientTimeout(
                total=self.config.timeout, sock_connect=self.config.connect_timeout
            ),
            headers={"User-Agent": self.config.user_agent, "Accept-Language": "bn,en;q=0.8"},
            cookie_jar=aiohttp.DummyCookieJar(),
        )
        return self

    async def __aexit__(self, *exc) -> None:
        if self.session is not None:
            await self.session.close()

    # --- robots.txt ---------------------------------------------------------------------------

    async def robots(self, url: str) -> Protego | None:
        key = origin(url)
        fut = self._robots.get(key)
        if fut is None:
            fut = self._robots[key] = asyncio.ensure_future(self._load_robots(key))
        return await fut

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

    async def allowed(self, url: str) -> bool:
        rules = await self.robots(url)
        return rules is None or rules.can_fetch(url, ROBOTS_AGENT)

    async def certificate_expiry(self, url: str) -> float | None:
        """When the certificate served for ``url`` expires (epoch seconds), from a TLS handshake
        to the same guarded address (verified, unless the host's certificate is known not to
        verify — its expiry is read all the same); None when none could be read."""
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            return None
        port = parts.port or 443
        connector = self.session.connector if self.session else None
        resolver = getattr(connector, "_resolver", None) or StaticResolver(self.hosts)
        if parts.hostname.lower() in self.untrusted:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        else:
            context = self.ssl_context or ssl.create_default_context()
        try:
            (first, *_rest) = await resolver.resolve(parts.hostname, port)
            self.guard.check(first["host"])
            _reader, writer = await asyncio.wait_for(
                asyncio.open_connection(first["host"], port, ssl=context, server_hostname=parts.hostname),
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
        assert self.session is not None, "use 'async with Fetcher()'"
        limit = self.config.max_bytes if max_bytes is None else max_bytes
        result = Response(url=url, final_url=url)
        current = url
        for _hop in range(self.config.max_redirects + 1):
            parts = urlsplit(current)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                result.error = "bad_url"
                break
            if robots and not await self.allowed(current):
                result.error = "robots"
                result.final_url = current
                break
            status, headers, body, truncated, attempts, error, spent = await self._one(current, limit)
            result.elapsed += spent
            result.attempts += attempts
            result.final_url = current
            result.status, result.headers, result.body = status, headers, body
            result.truncated, result.error = truncated, error
            problem = self.untrusted.get(parts.hostname.lower())
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

    async def _one(self, url: str, limit: int):
        host = (urlsplit(url).hostname or "").lower()
        attempts = 0
        cfg = self.config
        while True:
            attempts += 1
            wait = cfg.backoff * (2 ** (attempts - 1)) * (0.75 + random.random() / 2)
            try:
                assert self.session is not None and self._in_flight is not None
                # Verified (the connector's context), unless this host's certificate is known bad.
                verify = host not in self.untrusted
                async with self.gate.slot(host), self._in_flight:
                    self.requests += 1
                    t0 = time.monotonic()
                    async with self.session.get(url, allow_redirects=False, ssl=verify) as resp:
                        # This response's stopwatch, taken before any await: once the body is
                        # read the connection may serve another request.
                        watch = getattr(getattr(resp, "_protocol", None), "watch", None)
                        headers = {k.lower(): v for k, v in resp.headers.items()}
                        body, truncated = b"", False
                        if limit > 0:
                            chunks, size = [], 0
                            async for chunk in resp.content.iter_chunked(65536):
                                chunks.append(chunk)
                                size += len(chunk)
                                if size >= limit:
                                    truncated = True
                                    break
                            body = b"".join(chunks)[:limit]
                        status = resp.status
                    spent = time.monotonic() - t0
                    if watch is not None and watch.seconds is not None:
                        spent = watch.seconds
            except TimeoutError:
                if attempts <= cfg.retries:
                    await asyncio.sleep(wait)
                    continue
                return None, {}, b"", False, attempts, "timeout", cfg.timeout
            except aiohttp.ClientConnectorCertificateError as exc:
                if not verify:
                    return None, {}, b"", False, attempts, "tls", 0.0
                # Remember why, and fetch again without verification (not counted as a retry).
                self.untrusted[host] = certificate_problem(exc.certificate_error)
                attempts -= 1
                continue
            except (aiohttp.ClientError, OSError) as exc:
                if is_refusal(exc):
                    return None, {}, b"", False, attempts, "address_refused", 0.0
                if isinstance(exc, aiohttp.ClientConnectorCertificateError | aiohttp.ClientSSLError):
                    return None, {}, b"", False, attempts, "tls", 0.0
                if attempts <= cfg.retries:
                    await asyncio.sleep(wait)
                    continue
                return None, {}, b"", False, attempts, "connect", 0.0
            if status in (429, 500, 502, 503, 504) and attempts <= cfg.retries:
                retry_after = headers.get("retry-after", "")
                if retry_after.isdigit():
                    if float(retry_after) > cfg.max_retry_after:
                        return status, headers, body, truncated, attempts, "", spent
                    wait = max(wait, float(retry_after))
                await asyncio.sleep(wait)
                continue
            return status, headers, body, truncated, attempts, "", spent
