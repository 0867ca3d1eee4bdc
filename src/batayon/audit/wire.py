"""A lean HTTP/1.1 GET client for the auditor: asyncio protocols, connections kept alive per
host, nothing the auditor does not use.

Why not aiohttp's client: the auditor only ever sends a GET and reads at most ``limit`` bytes
back, and at national scale the client's own work per request is most of a crawl's CPU. Over
the benchmark farm (bench/audit.py) aiohttp's ``ClientSession`` with the per-host gate cost
about 220 µs of CPU a request; this client about 40 µs — the difference is most of the CPU
the auditor spent on 30,000 pages.

The answers are read by llhttp (the HTTP/1.x parser of Node.js, which uvicorn uses too) through
``httptools.HttpResponseParser``, not by a parser of our own: the servers are other people's,
some defaced, and the bytes they send are untrusted. This module keeps only what llhttp leaves
to its caller: the head's size (at most 64 KiB, status lines and headers, llhttp has no cap),
bodies that end at the connection's close (llhttp has no signal for it here: the close is), the
byte cap, decoding, and which connection may be reused. An answer llhttp refuses raises
``ProtocolError``; the fetcher reports the page as an error and the crawl goes on. llhttp runs
with the three leniencies aiohttp's client sets for real servers (bare LF line ends, spaces
after a chunk size, control characters in header values) and, as the hand-written parser before
it did, reads an answer with both Transfer-Encoding: chunked and Content-Length as chunked (that
connection is not reused). A 101 that was not asked for is unreadable.

What it does: resolves through the fetcher's resolver; connects through the guard's
``socket_factory`` (every address checked before the socket connects, each connection, each
redirect hop); TLS with the verified or the non-verifying context the caller asks for
(``ssl.SSLCertVerificationError`` is raised for a certificate that does not verify, with
OpenSSL's code); interim answers (1xx) skipped; Content-Length, chunked and read-until-close
bodies; gzip/deflate decoded (raw deflate too, never inflated beyond the byte cap); at most
``limit`` decoded bytes kept (then the connection is dropped); one total time-out per request; the server's response time read from the socket (``socket_seconds``).
A connection is reused only when the response said so and was read to its end; one that the
server closed while idle is replaced without counting as an attempt.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import zlib
from collections import deque
from collections.abc import Callable
from typing import Any
from urllib.parse import SplitResult, quote

from httptools import (
    HttpParserCallbackError,
    HttpParserError,
    HttpParserUpgrade,
    HttpResponseParser,
)

from .guard import AddressRefused

_MAX_HEAD = 64 * 1024
_TARGET_SAFE = "/?&=%:@!$'()*+,;~-._"


class ProtocolError(ConnectionError):
    """The answer is not HTTP/1.x this client can read."""


class ServerDisconnected(ConnectionError):
    """The connection closed before the answer was complete."""


class _Stale(ConnectionError):
    """A kept-alive connection closed before any byte of the answer: try a fresh one."""


class Answer:
    __slots__ = ("body", "headers", "seconds", "status", "truncated")

    def __init__(self, status: int, headers: dict[str, str], body: bytes, truncated: bool, seconds):
        self.status, self.headers, self.body = status, headers, body
        self.truncated, self.seconds = truncated, seconds


class _Conn(asyncio.Protocol):
    """One connection; one request at a time. llhttp (httptools) reads the answers."""

    def __init__(self, timing: Callable[[Any], float | None]) -> None:
        self.timing = timing
        self.transport: asyncio.Transport | None = None
        self.sock: Any = None
        self.closed = False
        self.idle_since = 0.0
        self.waiter: asyncio.Future | None = None
        # One parser per connection: llhttp reads the kept-alive answers one after another.
        self.parser = HttpResponseParser(self)
        # The leniencies aiohttp's client sets on the same llhttp, for servers that are sloppy
        # rather than hostile: bare LF line ends, spaces after a chunk size, header values
        # with control characters. And, as the hand-written parser before it did, a
        # chunked body whose answer also gives a Content-Length is read as chunked (RFC 9112
        # §6.3), but such a connection is not reused.
        self.parser.set_dangerous_leniencies(
            lenient_headers=True,
            lenient_optional_cr_before_lf=True,
            lenient_spaces_after_chunk_size=True,
            lenient_chunked_length=True,
        )
        self._reset(0)

    def _reset(self, limit: int) -> None:
        self.limit = limit
        self.status = 0
        self.headers: dict[str, str] = {}
        self.parts: list[bytes] = []
        self.size = 0
        self.head_size = 0  # bytes of the heads read (status lines, headers)
        self.fed = 0  # bytes given to llhttp while a head was not complete
        self.decoder: Any = None
        self.deflate = False
        self.truncated = False
        self.keep_alive = False
        self.got_bytes = False
        self.in_body = False  # the final answer's head is read
        self.until_close = False  # its body ends when the connection closes
        self.complete = False  # llhttp saw its end
        self.framing_doubt = False

    # --- asyncio.Protocol -------------------------------------------------------------------

    def connection_made(self, transport) -> None:
        self.transport = transport
        self.sock = transport.get_extra_info("socket")

    def data_received(self, data: bytes) -> None:
        if self.waiter is None or self.waiter.done():
            self.close()  # nothing was asked: the connection is in an unknown state
            return
        self.got_bytes = True
        in_head = not self.in_body
        if in_head:
            self.fed += len(data)
        try:
            self.parser.feed_data(data)
        except (HttpParserError, HttpParserUpgrade) as exc:
            if not (self.complete or self.truncated):
                # A callback's own error (a zlib error, a head too long) is the reason to give.
                cause = exc.__context__ if isinstance(exc, HttpParserCallbackError) else None
                self._fail(ProtocolError(f"unreadable answer: {cause or exc}"))
                return
            self.keep_alive = False  # bytes after the answer that are not an answer
        if self.complete or self.truncated:
            self._finish()
        elif in_head and not self.in_body and self.fed > _MAX_HEAD:
            self._fail(ProtocolError("unreadable answer: header too long"))  # still no end to it

    def eof_received(self) -> bool:
        return False  # close the transport; connection_lost follows

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        waiter = self.waiter
        if waiter is None or waiter.done():
            return
        if self.until_close and self.in_body and exc is None:
            self._finish()
        elif not self.got_bytes:
            waiter.set_exception(_Stale("closed before answering"))
        else:
            waiter.set_exception(ServerDisconnected(str(exc or "closed before the answer was complete")))

    # --- llhttp's callbacks -----------------------------------------------------------------

    def on_message_begin(self) -> None:
        if self.complete:
            raise ProtocolError("a second answer")  # stops llhttp; the connection is not reused
        self.headers = {}

    def on_header(self, name: bytes, value: bytes) -> None:
        if not self.in_body:  # trailers after a chunked body are ignored
            self.head_size += len(name) + len(value) + 4
            if self.head_size > _MAX_HEAD:
                raise ProtocolError("header too long")
            self.headers[name.decode("latin-1").lower()] = value.decode("latin-1").strip()

    def on_headers_complete(self) -> None:
        status = self.status = self.parser.get_status_code()
        if status < 200:
            return  # an interim answer (100 Continue…): llhttp reads the real one next
        self.in_body = True
        headers = self.headers
        encoding = headers.get("content-encoding", "").strip().lower()
        if encoding in ("gzip", "x-gzip", "deflate"):
            self.decoder = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib, by the header
            self.deflate = encoding == "deflate"
        if status in (204, 304):
            return
        length = headers.get("content-length")
        chunked = headers.get("transfer-encoding", "").rsplit(",", 1)[-1].strip().lower() == "chunked"
        if length is None:
            self.until_close = not chunked  # what llhttp does with such an answer too
        elif chunked:
            self.framing_doubt = True  # both: read as chunked, then the connection is dropped
        elif length.strip() == "0":
            return
        if self.limit <= 0:
            self.truncated = True  # the caller wants no body: stop here, drop the connection

    def on_body(self, data: bytes) -> None:
        if self.truncated:
            return
        room = self.limit - self.size + 1  # one byte over the limit tells the body was longer
        if self.decoder is not None:
            try:
                data = self.decoder.decompress(data, room)
            except zlib.error:
                if not (self.deflate and self.size == 0 and not self.parts):
                    raise
                self.decoder = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, no zlib header
                data = self.decoder.decompress(data, room)
            if self.decoder.unconsumed_tail:
                self.truncated = True
        self.parts.append(data)
        self.size += len(data)
        if self.size > self.limit:
            self.truncated = True

    def on_message_complete(self) -> None:
        if self.in_body:
            self.complete = True
            self.keep_alive = self.parser.should_keep_alive() and not self.framing_doubt

    # --- requests ---------------------------------------------------------------------------

    def send(self, request: bytes, limit: int, loop: asyncio.AbstractEventLoop) -> asyncio.Future:
        self._reset(limit)
        self.waiter = loop.create_future()
        assert self.transport is not None
        self.transport.write(request)
        return self.waiter

    def timed_out(self) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(TimeoutError())
        self.abort()

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.close()

    def abort(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.abort()

    @property
    def reusable(self) -> bool:
        return self.keep_alive and self.complete and not self.truncated and not self.closed

    def _fail(self, exc: Exception) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(exc)
        self.abort()

    def _finish(self) -> None:
        seconds = self.timing(self.sock)
        body = b"".join(self.parts)
        if self.decoder is not None and not self.truncated:
            body += self.decoder.flush()
        if self.limit > 0 and len(body) > self.limit:
            body, self.truncated = body[: self.limit], True
        if self.truncated:
            self.keep_alive = False
        waiter, self.waiter = self.waiter, None
        if waiter is not None and not waiter.done():
            waiter.set_result(Answer(self.status, self.headers, body, self.truncated, seconds))


class Client:
    """GET over kept-alive HTTP/1.1 connections, pooled by (scheme, host, port, verified)."""

    def __init__(
        self,
        resolve: Callable[[str, int], Any],
        socket_factory: Callable[[tuple], socket.socket],
        verified: ssl.SSLContext | None = None,
        *,
        user_agent: str,
        accept_language: str = "bn,en;q=0.8",
        connect_timeout: float = 5.0,
        keepalive: float = 15.0,
        timing: Callable[[Any], float | None] = lambda sock: None,
    ) -> None:
        self.resolve = resolve
        self.socket_factory = socket_factory
        self._verified = verified
        self._unverified: ssl.SSLContext | None = None
        self.connect_timeout = connect_timeout
        self.keepalive = keepalive
        self.timing = timing
        self._fixed = (
            f"User-Agent: {user_agent}\r\nAccept: */*\r\nAccept-Encoding: gzip, deflate\r\n"
            f"Accept-Language: {accept_language}\r\nConnection: keep-alive\r\n\r\n"
        )
        self._idle: dict[tuple, deque[_Conn]] = {}
        self._sweeper: asyncio.TimerHandle | None = None

    # TLS contexts, made when first needed (loading the system's CAs costs ~20 ms of CPU).

    @property
    def verified(self) -> ssl.SSLContext:
        if self._verified is None:
            self._verified = ssl.create_default_context()
        return self._verified

    @property
    def unverified(self) -> ssl.SSLContext:
        if self._unverified is None:
            self._unverified = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            self._unverified.check_hostname = False
            self._unverified.verify_mode = ssl.CERT_NONE
        return self._unverified

    async def get(self, parts: SplitResult, *, verify: bool, limit: int, timeout: float) -> Answer:
        """GET the URL ``parts``; raises TimeoutError, AddressRefused, ssl errors, OSError."""
        loop = asyncio.get_running_loop()
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme == "https" else 80)
        key = (parts.scheme, host, port, verify)
        request = self._request(parts, host, port)
        deadline = loop.time() + timeout
        while True:
            conn = self._take(key, loop)
            reused = conn is not None
            if conn is None:
                conn = await self._connect(key, deadline, loop)
            waiter = conn.send(request, limit, loop)
            handle = loop.call_at(deadline, conn.timed_out)
            try:
                answer = await waiter
            except _Stale:
                conn.abort()
                if reused:
                    continue  # the server had closed the idle connection: a fresh one
                raise ServerDisconnected("closed before answering") from None
            except BaseException:
                conn.abort()
                raise
            finally:
                handle.cancel()
            if conn.reusable:
                self._put(key, conn, loop)
            else:
                conn.close()
            return answer

    def _request(self, parts: SplitResult, host: str, port: int) -> bytes:
        target = parts.path or "/"
        if parts.query:
            target = f"{target}?{parts.query}"
        if not target.isascii() or " " in target or '"' in target:
            target = quote(target, safe=_TARGET_SAFE)
        name = host if host.isascii() else host.encode("idna").decode("ascii")
        if ":" in name:
            name = f"[{name}]"  # an IPv6 address
        default = 443 if parts.scheme == "https" else 80
        authority = name if port == default else f"{name}:{port}"
        return f"GET {target} HTTP/1.1\r\nHost: {authority}\r\n{self._fixed}".encode("ascii")

    # --- connections ------------------------------------------------------------------------

    def _take(self, key: tuple, loop: asyncio.AbstractEventLoop) -> _Conn | None:
        idle = self._idle.get(key)
        if not idle:
            return None
        now = loop.time()
        while idle:
            conn = idle.pop()
            if not conn.closed and now - conn.idle_since < self.keepalive:
                return conn
            conn.close()
        return None

    def _put(self, key: tuple, conn: _Conn, loop: asyncio.AbstractEventLoop) -> None:
        conn.idle_since = loop.time()
        idle = self._idle.get(key)
        if idle is None:
            idle = self._idle[key] = deque()
        idle.append(conn)
        if self._sweeper is None:
            self._sweeper = loop.call_later(self.keepalive, self._sweep, loop)

    def _sweep(self, loop: asyncio.AbstractEventLoop) -> None:
        """Close the connections idle longer than ``keepalive`` (or closed by the server)."""
        self._sweeper = None
        now = loop.time()
        for key in list(self._idle):
            idle = self._idle[key]
            while idle and (idle[0].closed or now - idle[0].idle_since >= self.keepalive):
                idle.popleft().close()
            if not idle:
                del self._idle[key]
        if self._idle:
            self._sweeper = loop.call_later(self.keepalive, self._sweep, loop)

    async def _connect(self, key: tuple, deadline: float, loop: asyncio.AbstractEventLoop) -> _Conn:
        scheme, host, port, verify = key
        wait = max(0.0, min(self.connect_timeout, deadline - loop.time()))
        addresses = await asyncio.wait_for(self.resolve(host, port), wait)
        refused: AddressRefused | None = None
        error: BaseException | None = None
        for family, address in addresses:
            sockaddr = (address, port) if family == socket.AF_INET else (address, port, 0, 0)
            try:
                sock = self.socket_factory((family, socket.SOCK_STREAM, 0, "", sockaddr))
            except AddressRefused as exc:
                refused = exc
                continue
            try:
                wait = max(0.0, min(self.connect_timeout, deadline - loop.time()))
                await asyncio.wait_for(loop.sock_connect(sock, sockaddr), wait)
            except (OSError, TimeoutError) as exc:
                sock.close()
                error = exc
                continue
            conn = _Conn(self.timing)
            context = (self.verified if verify else self.unverified) if scheme == "https" else None
            try:
                wait = max(0.0, min(self.connect_timeout, deadline - loop.time()))
                await asyncio.wait_for(
                    loop.create_connection(
                        lambda c=conn: c, sock=sock, ssl=context, server_hostname=host if context else None
                    ),
                    wait,
                )
            except BaseException:
                sock.close()
                conn.abort()
                raise
            return conn
        if refused is not None:
            raise refused
        if error is not None:
            raise error
        raise OSError(f"no address for {host}")

    def close(self) -> None:
        if self._sweeper is not None:
            self._sweeper.cancel()
            self._sweeper = None
        for idle in self._idle.values():
            for conn in idle:
                conn.close()
        self._idle.clear()
