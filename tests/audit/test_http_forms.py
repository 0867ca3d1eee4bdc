"""Portals answer in every form HTTP/1.1 allows — chunked, gzip- or deflate-compressed, without
a length (until the connection closes) — and close idle connections when they like; the
auditor reads each page whole, cuts one over the byte cap, and does not fail or count an
attempt when a kept-alive connection was closed under it."""

from __future__ import annotations

import asyncio
import gzip
import zlib
from urllib.parse import unquote

from batayon.audit.guard import Guard
from batayon.audit.http import FetchConfig, Fetcher

PAGE = (
    "<html><body><h1>সেবাসমূহ</h1>" + "<p>জন্ম নিবন্ধন — Birth registration</p>" * 200 + "</body></html>"
).encode()


def _answer(path: str) -> tuple[bytes, bool]:
    """The raw answer for ``path`` and whether the server closes the connection after it."""
    head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
    if path == "/chunked":
        pieces = [PAGE[i : i + 1000] for i in range(0, len(PAGE), 1000)]
        body = b"".join(b"%x;ext=1\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\nX-Trailer: 1\r\n\r\n"
        return (head + "Transfer-Encoding: chunked\r\n\r\n").encode() + body, False
    if path == "/gzip":
        body = gzip.compress(PAGE)
        return (
            head + f"Content-Encoding: gzip\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode() + body, False
    if path == "/deflate":  # raw deflate, no zlib header (as some servers send it)
        c = zlib.compressobj(wbits=-zlib.MAX_WBITS)
        body = c.compress(PAGE) + c.flush()
        return (
            head + f"Content-Encoding: deflate\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode() + body, False
    if path == "/until-close":
        return (head + "\r\n").encode() + PAGE, True
    if path == "/then-drop":  # kept alive by the headers, closed by the server right after
        return (head + f"Content-Length: {len(PAGE)}\r\n\r\n").encode() + PAGE, True
    if path == "/empty":
        return b"HTTP/1.1 204 No Content\r\n\r\n", False
    target = path.encode()
    return (head + f"Content-Length: {len(PAGE) + len(target)}\r\n\r\n").encode() + PAGE + target, False


async def _serve(connections: list[int], targets: list[str]) -> asyncio.Server:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(1)
        ignore_next = False
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1].decode("ascii")
                targets.append(path)
                if ignore_next:  # closed as the request arrived: the race a kept-alive connection can lose
                    break
                ignore_next = path == "/then-ignore-next"
                data, close = _answer(path)
                writer.write(data)
                await writer.drain()
                if close:
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        writer.close()

    return await asyncio.start_server(handle, "127.0.0.1", 0)


def _fetch_all(paths: list[str], max_bytes: int | None = None):
    connections: list[int] = []
    targets: list[str] = []

    async def go():
        server = await _serve(connections, targets)
        port = server.sockets[0].getsockname()[1]
        config = FetchConfig(delay=0, backoff=0.01)
        guard = Guard.build(allow_networks=["127.0.0.0/8"])
        async with Fetcher(config, guard, {"forms.test": "127.0.0.1"}) as fetcher:
            results = []
            for path in paths:
                results.append(
                    await fetcher.get(f"http://forms.test:{port}{path}", robots=False, max_bytes=max_bytes)
                )
                await asyncio.sleep(0.05)  # let a closing server's FIN arrive (or not) first
        server.close()
        await server.wait_closed()
        return results

    return asyncio.run(go()), connections, targets


def test_every_body_form_is_read_whole():
    results, _connections, _targets = _fetch_all(["/chunked", "/gzip", "/deflate", "/until-close", "/empty"])
    chunked, gzipped, deflated, until_close, empty = results
    for r in (chunked, gzipped, deflated, until_close):
        assert r.status == 200 and r.body == PAGE and not r.truncated and r.attempts == 1
        assert "জন্ম নিবন্ধন" in r.text
    assert empty.status == 204 and empty.body == b""


def test_pages_share_a_kept_alive_connection_and_a_dropped_one_is_replaced():
    paths = ["/a", "/then-ignore-next", "/b", "/then-drop", "/c", "/d"]
    results, connections, targets = _fetch_all(paths)
    assert [r.status for r in results] == [200] * 6
    assert [r.attempts for r in results] == [1] * 6  # the dropped connections cost no attempt
    assert results[2].body == PAGE + b"/b" and results[5].body == PAGE + b"/d"
    assert targets.count("/b") == 2  # asked on the kept-alive connection, then on a fresh one
    assert len(connections) == 3  # /a… until the server closed as /b came; /b, /then-drop; /c, /d


def test_a_body_over_the_cap_is_cut():
    results, _connections, _targets = _fetch_all(["/gzip", "/chunked", "/a"], max_bytes=1000)
    for r in results:
        assert r.truncated and r.body == PAGE[:1000]


def test_non_ascii_addresses_are_sent_percent_encoded():
    address = "/bn/সেবা?q=জন্ম নিবন্ধন"
    _results, _connections, targets = _fetch_all([address])
    (sent,) = targets
    assert sent.isascii() and " " not in sent and unquote(sent) == address
