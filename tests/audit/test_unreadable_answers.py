"""A defaced or broken portal can answer with bytes that are not HTTP: a mangled status line, a
chunk size that is not a number, a head that never ends. The auditor reports such a page as
broken (no status, an error) and goes on crawling the portal; nothing crashes, and the
connection that carried the bad answer is not used again."""

from __future__ import annotations

import asyncio

from batayon.audit.crawl import Limits, audit_site
from batayon.audit.guard import Guard
from batayon.audit.http import FetchConfig, Fetcher

HOME = (
    "<html><head><title>উপজেলা প্রশাসন</title></head><body><h1>উপজেলা প্রশাসন</h1>"
    '<a href="/officers">কর্মকর্তাবৃন্দ</a> <a href="/staff">কর্মচারীবৃন্দ</a>'
    '<a href="/notices">নোটিশ</a> <a href="/charter">সিটিজেন চার্টার</a>'
    "<p>উপজেলা প্রশাসনের ওয়েবসাইটে স্বাগতম। সেবা ও তথ্য।</p></body></html>"
).encode()
GOOD = "<html><body><h1>সিটিজেন চার্টার</h1><p>সেবা প্রদান প্রতিশ্রুতি</p></body></html>".encode()

BROKEN = {
    # A status line that is not one.
    "/officers": b"HTTP/1.1 2x0 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello",
    # A chunk size that is not hexadecimal.
    "/staff": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
    # A head far over 64 KiB (many headers), sent whole.
    "/notices": b"HTTP/1.1 200 OK\r\n"
    + b"X-Filler: "
    + b"a" * 200
    + b"\r\n" * 1
    + b"X-Pad: 0123456789\r\n" * 5000
    + b"\r\n",
    # Not HTTP at all.
    "/garbage": b"<html>hacked</html>\r\n\r\n",
}


def _ok(body: bytes) -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


async def _serve(asked: list[str]) -> asyncio.Server:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1].decode("ascii")
                asked.append(path)
                if path in BROKEN:
                    writer.write(BROKEN[path])
                    await writer.drain()
                    await reader.read()  # the connection stays open: the client must give up itself
                    break
                writer.write(_ok(HOME if path == "/" else GOOD))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        writer.close()

    return await asyncio.start_server(handle, "127.0.0.1", 0)


def _run(work):
    asked: list[str] = []

    async def go():
        server = await _serve(asked)
        port = server.sockets[0].getsockname()[1]
        config = FetchConfig(delay=0, backoff=0.01, retries=0, timeout=5)
        guard = Guard.build(allow_networks=["127.0.0.0/8"])
        async with Fetcher(config, guard, {"broken.test": "127.0.0.1"}) as fetcher:
            result = await work(fetcher, f"http://broken.test:{port}")
        server.close()
        await server.wait_closed()
        return result

    return asyncio.run(go()), asked


def test_each_unreadable_answer_is_an_error_and_the_next_page_is_read():
    async def work(fetcher, base):
        out = []
        for path in ["/officers", "/a", "/staff", "/b", "/notices", "/c", "/garbage", "/d"]:
            out.append(await fetcher.get(base + path, robots=False))
        return out

    results, asked = _run(work)
    for r in results[0::2]:  # the broken ones
        assert r.status is None and r.error and r.body == b""
    for r in results[1::2]:  # each page after a broken one, on a fresh connection
        assert r.status == 200 and r.body == GOOD and not r.error
    assert asked.count("/a") == 1  # the page after a bad answer is asked once, not retried


def test_a_portal_with_unreadable_pages_is_still_audited():
    async def work(fetcher, base):
        return await audit_site(
            fetcher, base + "/", Limits(max_pages=50, max_site_bytes=10_000_000, slow_seconds=10)
        )

    audit, asked = _run(work)
    assert audit.outcome == "ok" and audit.home_title == "উপজেলা প্রশাসন"
    broken = {
        urlpath(p["url"]): p
        for f in audit.findings
        if f["code"] == "broken_pages"
        for p in f["params"]["pages"]
    }
    assert set(broken) == {"/officers", "/staff", "/notices"}
    assert all(p["status"] is None and p["error"] for p in broken.values())
    assert "/charter" in asked  # the crawl went on to the readable section


def urlpath(url: str) -> str:
    return "/" + url.split("/", 3)[3]
