"""The least a refresh can cost in Python: the floor bench/refresh.py prints beside newsboat.

    python bench/refresh_floor.py URLS.json DB

Fetches every URL with httpx on one asyncio loop (128 requests in flight, 8 a server, as
newsreader's refresh), reads each RSS 2.0 body with lxml's C parser and stores each item's
guid, title, link, date and raw description in one SQLite table: what newsboat does with a first
reload (it keeps the HTML as it came and renders it when an article is shown). Nothing else: no
faithful text, no search index, no stories, no sanitising of feed text, no parser processes. What
a refresh costs above this is newsreader's own work; what this costs above newsboat is the
language and its libraries.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import sys
from urllib.parse import urlsplit

import httpx
from lxml import etree

IN_FLIGHT = 128
PER_SERVER = 8


async def fetch_all(urls: list[str]) -> list[bytes]:
    limits = httpx.Limits(max_connections=IN_FLIGHT, max_keepalive_connections=IN_FLIGHT)
    overall = asyncio.Semaphore(IN_FLIGHT)
    servers: dict[str, asyncio.Semaphore] = {}
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:

        async def one(url: str) -> bytes:
            server = servers.setdefault(urlsplit(url).netloc, asyncio.Semaphore(PER_SERVER))
            async with overall, server:
                response = await client.get(url)
                return response.content

        return await asyncio.gather(*(one(u) for u in urls))


def items(body: bytes) -> list[tuple[str | None, ...]]:
    root = etree.fromstring(body)
    return [
        (
            it.findtext("guid") or it.findtext("link"),
            it.findtext("title"),
            it.findtext("link"),
            it.findtext("pubDate"),
            it.findtext("description"),
        )
        for it in root.iter("item")
    ]


def main() -> None:
    urls = json.loads(open(sys.argv[1], encoding="utf-8").read())
    db = sqlite3.connect(sys.argv[2])
    db.execute(
        "CREATE TABLE IF NOT EXISTS items (guid TEXT PRIMARY KEY, title TEXT, link TEXT, date TEXT, "
        "description TEXT)"
    )
    for body in asyncio.run(fetch_all(urls)):
        with db:
            db.executemany("INSERT OR IGNORE INTO items VALUES (?, ?, ?, ?, ?)", items(body))
    db.close()


if __name__ == "__main__":
    main()
