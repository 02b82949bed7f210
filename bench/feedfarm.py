"""A loopback feed farm for the refresh bench: N generated RSS 2.0 feeds behind a slow server.

    python bench/feedfarm.py [--feeds 200] [--items 50] [--sites 50] [--latency 0.1] [--lifetime 600]

The feeds are spread over ``sites`` servers (one port each, feed N on site N mod sites), as a
reader's subscriptions are spread over many hosts: a client's per-server politeness limit then
works as it does in the wild instead of funnelling all 200 feeds through one server. Every
response waits ``latency`` seconds before it is sent, each on its own (asyncio), so 200 slow
responses overlap instead of queueing. Feeds carry an ETag and a Last-Modified and answer
304 to a matching If-None-Match / If-Modified-Since. The server binds 127.0.0.1 only and stops by
itself after ``lifetime`` seconds. Used from bench/refresh.py as a library (:class:`FeedFarm`).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import random
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

# A plain vocabulary; the text only has to look and weigh like news copy.
_WORDS = (
    "the council said on monday that a new plan for the harbour would cost more than expected and "
    "residents who spoke at the meeting asked why the figures had changed since the spring officials "
    "replied that steel prices and a longer survey of the seabed had added months to the work while "
    "the opposition leader called for an independent review of the contract and the mayor promised "
    "to publish every document before the vote next week analysts at the regional bank noted that "
    "similar projects in other ports had run over budget by a third on average and warned that "
    "interest rates could push the total higher still local businesses welcomed the investment but "
    "fishermen worried about access to the quay during construction which is due to begin in autumn "
    "and last two years according to the latest timetable released by the port authority"
).split()
_NAMES = ("Maria Lopez", "Tom Becker", "Aisha Khan", "Peter Novak", "Lena Holm", "David Osei")
_PLACES = ("Harbourtown", "Northfield", "Eastbridge", "Lakeside", "Westmoor", "Kingsport")


def _sentence(rng: random.Random) -> str:
    n = rng.randint(10, 22)
    words = [rng.choice(_WORDS) for _ in range(n)]
    if rng.random() < 0.4:
        words.insert(rng.randint(0, n - 1), rng.choice(_NAMES))
    if rng.random() < 0.3:
        words.append("in " + rng.choice(_PLACES))
    s = " ".join(words)
    return s[0].upper() + s[1:] + "."


def _description(rng: random.Random, words: int = 150) -> str:
    """About ``words`` words of HTML: paragraphs, a link, some emphasis."""
    paras: list[str] = []
    count = 0
    while count < words:
        sents = [_sentence(rng) for _ in range(rng.randint(2, 4))]
        count += sum(len(s.split()) for s in sents)
        text = escape(" ".join(sents))
        if rng.random() < 0.5:
            text = text.replace(" the ", " <em>the</em> ", 1)
        paras.append(f"<p>{text}</p>")
    paras.insert(1, f'<p>Read <a href="https://example.org/more/{rng.randint(1, 10**6)}">more</a>.</p>')
    return "".join(paras)


def make_feed(index: int, items: int, base: datetime) -> bytes:
    """One RSS 2.0 feed with ``items`` items (deterministic for ``index``)."""
    rng = random.Random(index)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>',
        f"<title>Bench feed {index}</title><link>https://example.org/feed{index}/</link>",
        f"<description>Generated feed number {index} for the refresh bench</description>",
        "<language>en</language>",
    ]
    for j in range(items):
        when = base - timedelta(hours=j, minutes=index % 60)
        title = escape(" ".join(rng.choice(_WORDS) for _ in range(rng.randint(5, 10))).capitalize())
        out.append(
            "<item>"
            f"<title>{title}</title>"
            f"<link>https://example.org/feed{index}/story-{j}.html</link>"
            f'<guid isPermaLink="false">bench-{index}-{j}</guid>'
            f"<pubDate>{format_datetime(when)}</pubDate>"
            f"<author>desk@example.org ({rng.choice(_NAMES)})</author>"
            f"<description>{escape(_description(rng))}</description>"
            "</item>"
        )
    out.append("</channel></rss>\n")
    return "".join(out).encode("utf-8")


@dataclass
class _Feed:
    body: bytes
    etag: str
    last_modified: str


@dataclass
class FarmStats:
    """What the farm served (counted per response)."""

    ok: int = 0
    not_modified: int = 0
    not_found: int = 0
    bytes: int = 0
    peak_in_flight: int = 0
    in_flight: int = 0
    started: float = field(default_factory=time.monotonic)


class FeedFarm:
    """Serves ``/feed/N.xml`` for N in range(feeds) on 127.0.0.1 from a thread of its own."""

    def __init__(
        self,
        feeds: int = 200,
        items: int = 50,
        *,
        sites: int = 50,
        latency: float = 0.1,
        lifetime: float = 600.0,
    ) -> None:
        base = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
        self.feeds: dict[str, _Feed] = {}
        for i in range(feeds):
            body = make_feed(i, items, base)
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            self.feeds[f"/feed/{i}.xml"] = _Feed(body, etag, format_datetime(base, usegmt=True))
        self.latency = latency
        self.lifetime = lifetime
        self.stats = FarmStats()
        self.sites = max(1, min(sites, feeds))
        self.ports: list[int] = []
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, name="feedfarm", daemon=True)

    @property
    def total_bytes(self) -> int:
        return sum(len(f.body) for f in self.feeds.values())

    def urls(self) -> list[str]:
        return [
            f"http://127.0.0.1:{self.ports[i % len(self.ports)]}{path}" for i, path in enumerate(self.feeds)
        ]

    def __enter__(self) -> FeedFarm:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the feed farm did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._loop is not None and self._stop is not None:
            try:
                self._loop.call_soon_threadsafe(self._stop.set)
            except RuntimeError:
                pass  # the farm's lifetime ran out first: its loop is already closed
        self._thread.join(timeout=10)

    def _run(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        servers = [
            await asyncio.start_server(self._client, "127.0.0.1", 0, backlog=1024) for _ in range(self.sites)
        ]
        self.ports = [s.sockets[0].getsockname()[1] for s in servers]
        self._ready.set()
        # Bounded: the farm goes away by itself even if the bench that started it does not stop it.
        try:
            await asyncio.wait_for(self._stop.wait(), self.lifetime)
        except TimeoutError:
            pass
        for server in servers:
            server.close()
        # Idle keep-alive connections would hold wait_closed() open; they end with the loop.
        await asyncio.wait([asyncio.create_task(s.wait_closed()) for s in servers], timeout=2)

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:  # keep-alive: one request after another on this connection
                try:
                    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30)
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                parts = lines[0].split()
                if len(parts) != 3:
                    return
                method, target, version = parts
                headers = {}
                for line in lines[1:]:
                    name, _, value = line.partition(":")
                    if name:
                        headers[name.strip().lower()] = value.strip()
                keep = version == "HTTP/1.1" and headers.get("connection", "").lower() != "close"
                await self._respond(writer, method, target.split("?")[0], headers, keep)
                if not keep:
                    return
        except (ConnectionError, OSError):
            return
        finally:
            writer.close()

    async def _respond(
        self, writer: asyncio.StreamWriter, method: str, path: str, headers: dict[str, str], keep: bool
    ) -> None:
        s = self.stats
        s.in_flight += 1
        s.peak_in_flight = max(s.peak_in_flight, s.in_flight)
        try:
            await asyncio.sleep(self.latency)  # per response, concurrently with every other one
        finally:
            s.in_flight -= 1
        feed = self.feeds.get(path)
        extra = ""
        if feed is None:
            status, body, s.not_found = "404 Not Found", b"not found\n", s.not_found + 1
            ctype = "text/plain"
        else:
            ctype = "application/rss+xml; charset=utf-8"
            extra = f"ETag: {feed.etag}\r\nLast-Modified: {feed.last_modified}\r\n"
            if headers.get("if-none-match") == feed.etag or (
                "if-none-match" not in headers and headers.get("if-modified-since") == feed.last_modified
            ):
                status, body, s.not_modified = "304 Not Modified", b"", s.not_modified + 1
            else:
                status, body, s.ok = "200 OK", feed.body, s.ok + 1
        if method == "HEAD":
            body = b""
        s.bytes += len(body)
        length = "" if status.startswith("304") else f"Content-Length: {len(body)}\r\n"
        writer.write(
            (
                f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n{length}{extra}"
                f"Connection: {'keep-alive' if keep else 'close'}\r\n\r\n"
            ).encode("latin-1")
            + body
        )
        await writer.drain()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--items", type=int, default=50)
    ap.add_argument("--sites", type=int, default=50, help="servers (ports) the feeds are spread over")
    ap.add_argument("--latency", type=float, default=0.1)
    ap.add_argument("--lifetime", type=float, default=600.0, help="stop after this many seconds")
    args = ap.parse_args()
    with FeedFarm(
        args.feeds, args.items, sites=args.sites, latency=args.latency, lifetime=args.lifetime
    ) as farm:
        print(f"serving {len(farm.feeds)} feeds on {len(farm.ports)} ports of 127.0.0.1:", flush=True)
        print("\n".join(farm.urls()), flush=True)
        print(f"({farm.total_bytes / 1e6:.1f} MB in all); stops after {args.lifetime:g} s", flush=True)
        farm._thread.join()


if __name__ == "__main__":
    main()
