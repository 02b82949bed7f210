"""Hostile input end to end: served over loopback HTTP, fetched, parsed in the pool.

Every fixture of ../shared/corpora/hostile is served (the gzip bomb with Content-Encoding:
gzip). The contract: no crash, no hang past the deadline, no control or bidi character in any
text, markup-looking text kept literally, only http(s) links, failures reported readably.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from tests.feedserver import FeedServer, feed_server_fixture, refused_url  # noqa: F401 - the fixture
from tui.core.feeds import FeedParserPool, FetchRequest, ParseJob, fetch_many, parse_opml

HOSTILE = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "hostile"
FIXTURES = (
    sorted(p.name for p in HOSTILE.glob("*") if p.suffix not in (".md", ".py")) if HOSTILE.is_dir() else []
)
needs_shared = pytest.mark.skipif(not HOSTILE.is_dir(), reason="../shared/corpora/hostile is not available")

# C0 except newline and tab, DEL, C1, bidi controls and zero-width formatting characters.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
FAST = {"deadline": 10.0, "connect_timeout": 1.0, "read_timeout": 2.0}


@pytest.fixture(scope="module")
def hostile_server():
    with FeedServer() as server:
        for name in FIXTURES:
            data = (HOSTILE / name).read_bytes()
            if name.endswith(".gz"):
                server.body(f"/{name}", data, headers={"Content-Encoding": "gzip"})
            elif name.endswith(".opml"):
                server.body(f"/{name}", data, content_type="text/x-opml")
            else:
                server.body(f"/{name}", data)
        yield server


@pytest.fixture(scope="module")
def pool():
    with FeedParserPool(workers=2, timeout=20) as p:
        yield p


async def refresh(pool: FeedParserPool, url: str, **options):
    """Fetch and parse one feed as the app would; a hang fails the test instead of the suite."""
    (fetched,) = await asyncio.wait_for(fetch_many([FetchRequest(url)], **{**FAST, **options}), 60)
    parsed = await pool.parse(ParseJob.from_fetch(fetched)) if fetched.body is not None else None
    return fetched, parsed


def shown_strings(parsed) -> list[str]:
    out = [parsed.title, parsed.warning or "", parsed.error or ""]
    for e in parsed.entries:
        out += [
            e.id,
            e.title,
            e.author or "",
            e.summary_text,
            e.content_text,
            *(t for _, t in e.content_blocks),
        ]
    return out


@needs_shared
@pytest.mark.parametrize("name", FIXTURES)
async def test_every_hostile_fixture_is_survived(hostile_server, pool, name):
    fetched, parsed = await refresh(pool, hostile_server.url(f"/{name}"))
    if name.startswith("gzip_bomb"):
        assert fetched.body is None and "larger than 16 MiB" in fetched.error
        return
    assert fetched.ok, fetched.error
    if name.endswith(".opml"):
        result = parse_opml(fetched.body)
        assert all(f.url.startswith(("http://", "https://")) for f in result.feeds)
        assert not any(UNSAFE.search(s) for f in result.feeds for s in (f.title, f.folder or ""))
        return
    assert parsed is not None and (parsed.ok or parsed.error.startswith(("not a feed", "could not parse")))
    strings = shown_strings(parsed)
    assert not [s for s in strings if UNSAFE.search(s)]
    for e in parsed.entries:
        assert "\n" not in e.title and len(e.title) <= 500
        assert e.link is None or e.link.startswith(("http://", "https://"))
        assert all(link.startswith(("http://", "https://")) for link in e.links)


@needs_shared
async def test_markup_in_titles_is_kept_literally(hostile_server, pool):
    _, parsed = await refresh(pool, hostile_server.url("/markup_injection.xml"))
    titles = [e.title for e in parsed.entries]
    assert len(titles) == 11
    for literal in ("[/b] stray close tag", "[bold red]styled[/] [reverse]x", "[@click=app.quit]click me[/]"):
        assert literal in titles


@needs_shared
@pytest.mark.parametrize(
    "name,title",
    [
        ("term_raw_esc_title.xml", "Headline]0;PWNED-TITLE[2J[?1049l]52;c;ZWNobyBwd25lZA== end"),
        ("term_cr_overwrite.xml", "Real title FAKE TITLE"),
        ("term_nul_and_c0.xml", "nulbscr over vtffdel"),
        ("term_bidi_zero_width.xml", "invoicegpj.exe iso zerowidth bom"),
        ("crash_charref_surrogate.xml", "lone surrogate \ufffd here"),
        ("crash_charref_out_of_range.xml", "beyond unicode \ufffd here"),
    ],
)
async def test_control_characters_are_stripped_and_crashers_repaired(hostile_server, pool, name, title):
    _, parsed = await refresh(pool, hostile_server.url(f"/{name}"))
    assert [e.title for e in parsed.entries] == [title]


@needs_shared
async def test_hostile_links_are_dropped(hostile_server, pool):
    _, parsed = await refresh(pool, hostile_server.url("/url_hostile_links.xml"))
    links = {e.title: e.link for e in parsed.entries}
    for title in ("js link", "file link", "data link", "exec scheme", "empty", "very long"):
        assert links[title] is None
    assert links["relative"] == hostile_server.url("/relative/path")  # resolved against the feed's URL
    assert links["whitespace"] == "https://example.invalid/x"


@needs_shared
async def test_active_html_is_dropped(hostile_server, pool):
    _, parsed = await refresh(pool, hostile_server.url("/html_active_content.xml"))
    (entry,) = parsed.entries
    assert "alert" not in entry.summary_text and "display" not in entry.summary_text
    assert entry.links == [] and entry.summary_text.startswith("hi")


@needs_shared
@pytest.mark.parametrize("name", ["xml_billion_laughs.xml", "xml_quadratic_blowup.xml", "xml_xxe_file.xml"])
async def test_entities_do_not_expand(hostile_server, pool, name):
    _, parsed = await refresh(pool, hostile_server.url(f"/{name}"))
    text = " ".join(shown_strings(parsed))
    assert "lollollol" not in text and "A" * 1000 not in text and "root:" not in text


@needs_shared
async def test_duplicate_ids_and_volume(hostile_server, pool):
    _, ids = await refresh(pool, hostile_server.url("/ids_duplicates_and_missing.xml"))
    assert len({e.id for e in ids.entries}) == len(ids.entries) and all(len(e.id) <= 512 for e in ids.entries)
    _, many = await refresh(pool, hostile_server.url("/frame_many_items.xml"))
    assert len(many.entries) == 5000 and "12000 entries" in many.warning


@needs_shared
async def test_hostile_dates_are_plausible_or_none(hostile_server, pool):
    _, parsed = await refresh(pool, hostile_server.url("/dates_hostile.xml"))
    dates = [e.published for e in parsed.entries]
    assert len(dates) == 12 and all(d is None or "1990" <= d[:4] <= "2100" for d in dates)


# -- bad input over HTTP, one case each --------------------------------------------------


@pytest.mark.parametrize("status", [404, 500])
async def test_http_error_status(feed_server, pool, status):
    fetched, parsed = await refresh(pool, feed_server.body("/f.xml", b"<html>error</html>", status=status))
    assert parsed is None and fetched.error.startswith(f"HTTP {status} ")


async def test_429_with_retry_after(feed_server, pool):
    fetched, parsed = await refresh(
        pool, feed_server.body("/f.xml", b"", status=429, headers={"Retry-After": "60"})
    )
    assert parsed is None and fetched.retry_after and "retry after" in fetched.error


async def test_connection_refused(pool):
    fetched, parsed = await refresh(pool, refused_url())
    assert parsed is None and "connection refused" in fetched.error


async def test_stall_mid_body(feed_server, pool):
    fetched, parsed = await refresh(pool, feed_server.stall("/f.xml"), read_timeout=0.3)
    assert parsed is None and "stopped sending" in fetched.error


async def test_endless_chunked_body(feed_server, pool):
    fetched, parsed = await refresh(pool, feed_server.endless("/f.xml"), max_bytes=1024 * 1024)
    assert parsed is None and ("larger than" in fetched.error or "gave up" in fetched.error)


async def test_redirect_loop(feed_server, pool):
    feed_server.redirect("/one", "/two")
    fetched, parsed = await refresh(pool, feed_server.redirect("/two", "/one"))
    assert parsed is None and "redirect loop" in fetched.error


async def test_redirect_to_file_url(feed_server, pool):
    fetched, parsed = await refresh(pool, feed_server.redirect("/f.xml", "file:///etc/passwd", status=301))
    assert parsed is None and "refused" in fetched.error


async def test_html_page_instead_of_a_feed(feed_server, pool):
    page = "<!DOCTYPE html><html><head><title>Sign in</title></head><body><form>Password</form></body></html>"
    fetched, parsed = await refresh(pool, feed_server.body("/f.xml", page, content_type="text/html"))
    assert fetched.ok and not parsed.ok and "web page (HTML)" in parsed.error


@pytest.mark.parametrize("url", ["not a url", "exec:rm -rf ~", "http://", "ftp://example.com/feed"])
async def test_invalid_url(pool, url):
    fetched, parsed = await refresh(pool, url)
    assert parsed is None and fetched.error.startswith("refused URL:")


async def test_malformed_opml_over_http(feed_server):
    url = feed_server.body(
        "/subs.opml",
        '<opml><body><outline text="a & b" xmlUrl="https://a.example/">',
        content_type="text/x-opml",
    )
    (fetched,) = await fetch_many([FetchRequest(url)], **FAST)
    result = parse_opml(fetched.body)
    assert result.feeds == [] and result.error.startswith("not a valid OPML file")


async def test_opml_with_refused_urls_over_http(feed_server):
    body = (
        '<opml version="2.0"><body><outline text="run" xmlUrl="exec:~/bin/x.sh"/><outline text="f" xmlUrl="file:///etc/passwd"/>'
        '<outline text="j" xmlUrl="javascript:alert(1)"/><outline text="ok" xmlUrl="https://ok.example/rss"/></body></opml>'
    )
    (fetched,) = await fetch_many([FetchRequest(feed_server.body("/subs.opml", body))], **FAST)
    result = parse_opml(fetched.body)
    assert [f.url for f in result.feeds] == ["https://ok.example/rss"]
    assert [p.split(":")[0] for p in result.problems] == ["run", "f", "j"]
    assert all("refused" in p for p in result.problems)
