"""One sync with a tt-rss server: send local subscriptions, take the server's feeds and new
headlines, then settle read and star state both ways.

Order matters for "nothing lost": local changes leave the queue only once the server has them,
and a change made while the sync runs (queued after it started) is neither sent nor overwritten
now, but at the next sync. When the same article's state changed on both sides since the last
sync, the later change wins. tt-rss's API does not say when a mark was made on the server, only
that it was made between the last sync and now: it is dated halfway between the two, so a mark
made here just before a send wins over one the server got hours ago, and a mark made offline
early on loses to a later one made on another device.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import UTC, datetime

from ..feeds.document import item_to_document
from ..feeds.items import RawEntry, build_item
from ..feeds.urls import UrlError, check_url
from ..models import SyncReport
from ..sanitize import clean_line
from ..store import ArticleRepo, FeedRepo, NewItem
from ..store.sync import QueuedChange, RemoteFeed, SeenState, SyncRepo
from .client import TtrssClient

STATE_KINDS = ("read", "starred")
FEED_KINDS = ("subscribe", "unsubscribe")
_FIELD = {"starred": 0, "read": 2}  # tt-rss's updateArticle fields (2 is *unread*)


def _now() -> str:
    return _iso(datetime.now(UTC))


def _iso(when: datetime) -> str:
    """As the queue's triggers write times: UTC to the millisecond, with a Z."""
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def server_time(last_sync: str | None, now: str) -> str:
    """When a change seen on the server now is taken to have been made: halfway between the
    last sync (which saw the article unchanged) and now."""
    end = datetime.fromisoformat(now.replace("Z", "+00:00"))
    try:
        start = datetime.fromisoformat((last_sync or "").replace("Z", "+00:00"))
    except ValueError:
        return now
    if start.tzinfo is None:
        start = start.replace(tzinfo=UTC)
    return _iso(start + (end - start) / 2) if start < end else now


class Syncer:
    """Runs syncs over one library database with one logged-in client."""

    def __init__(self, repo: SyncRepo, feeds: FeedRepo, articles: ArticleRepo, client: TtrssClient) -> None:
        self.repo, self.feeds, self.articles, self.client = repo, feeds, articles, client

    def sync(self) -> SyncReport:
        server_at = server_time(self.repo.last_sync(), _now())
        problems: list[str] = []
        subscribed, unsubscribed = self._push_subscriptions(problems)
        # What the server names is feed text too: no control or bidi characters, no odd addresses.
        categories = {i: clean_line(title) for i, title in self.client.categories().items()}
        remote = [
            RemoteFeed(
                int(f["id"]), url, clean_line(str(f.get("title") or "")) or None, int(f.get("cat_id") or 0)
            )
            for f in self.client.feeds()
            if (url := _feed_url(f.get("feed_url"), problems))
        ]
        added, removed = self.repo.apply_feeds(categories, remote)
        new_ids = self._pull_headlines()
        seen = self.repo.seen()
        unread = {int(h["id"]) for h in self.client.headlines(view_mode="unread", content=False)}
        starred = {int(h["id"]) for h in self.client.headlines(feed_id=-1, content=False)}
        server = {rid: (rid not in unread, rid in starred) for rid in seen}
        pushed, pulled, conflicts = self._settle(seen, server, server_at)
        return SyncReport(
            added, removed, new_ids, pushed, pulled, conflicts, subscribed, unsubscribed, problems
        )

    def push(self) -> int:
        """Send queued read/star changes (the app's background send): the server's state of just
        those articles is read first, so the conflict rule holds here too. Changes sent."""
        changes = self.repo.queued(STATE_KINDS)
        if not changes:
            return 0
        seen = self.repo.seen()
        by_article = {s.article_id: rid for rid, s in seen.items()}
        rids = sorted({by_article[c.article_id] for c in changes if c.article_id in by_article})
        server = self.client.article_states(rids)
        when = server_time(self.repo.last_sync(), _now())
        pushed, _pulled, _conflicts = self._settle({r: seen[r] for r in server}, server, when, changes)
        return pushed

    # -- subscriptions --------------------------------------------------------------------

    def _push_subscriptions(self, problems: list[str]) -> tuple[int, int]:
        """Send subscriptions made and removed here; one the server refuses stays a local feed
        (refreshed here), with a line in ``problems``."""
        subscribed = unsubscribed = 0
        for change in self.repo.queued(FEED_KINDS):
            if change.kind == "unsubscribe" and change.remote_id is not None:
                self.client.unsubscribe(change.remote_id)
                unsubscribed += 1
            elif change.kind == "subscribe" and change.url:
                feed_id = self.repo.local_feed(change.url)
                if feed_id is not None:  # not removed again since
                    remote_id, problem = self.client.subscribe(change.url, self._category(change.folder))
                    if problem:
                        problems.append(problem)
                    else:
                        remote_id = remote_id or self._remote_feed(change.url)
                    if remote_id is not None:
                        self.repo.link_feed(feed_id, remote_id)
                        self.client.update_feed(remote_id)  # its articles now, not at the next update
                        subscribed += 1
            self.repo.drop([change.id])
        return subscribed, unsubscribed

    def _remote_feed(self, url: str) -> int | None:
        return next((int(f["id"]) for f in self.client.feeds() if f.get("feed_url") == url), None)

    def _category(self, folder: str | None) -> int:
        if not folder:
            return 0
        for remote_id, title in self.repo.categories().items():
            if title == folder:
                return remote_id
        return 0

    # -- headlines ------------------------------------------------------------------------

    def _pull_headlines(self) -> list[int]:
        """Store the server's headlines since the last sync (each feed's in one transaction), or
        link them to the articles fetched here before; the ids of new articles."""
        server = self.repo.server()
        headlines = self.client.headlines(since_id=server.since_id if server else 0)
        if not headlines:
            return []
        feed_ids = self.repo.feed_ids()
        linked = self.repo.linked_articles()
        matchers: dict[int, tuple[dict[str, int], dict[str, int]]] = {}
        links: list[tuple[int, int, bool, bool]] = []
        to_store: dict[int, list[tuple[dict, NewItem]]] = {}
        sources: dict[int, str | None] = {}  # each feed's title, for its articles' source
        for h in headlines:
            feed_id = feed_ids.get(int(h.get("feed_id") or 0))
            if feed_id is None:
                continue
            if feed_id not in matchers:
                matchers[feed_id] = self._matcher(feed_id, linked)
                feed = self.feeds.find(feed_id)
                sources[feed_id] = (
                    (feed.title if feed else None) or clean_line(str(h.get("feed_title") or "")) or None
                )
            by_guid, by_link = matchers[feed_id]
            article_id = by_guid.get(_guid_hash(h.get("guid"))) or by_link.get(h.get("link") or "")
            if article_id is None:
                to_store.setdefault(feed_id, []).append((h, _item(h, sources[feed_id])))
            else:
                linked.add(article_id)
                links.append((article_id, int(h["id"]), not h.get("unread"), bool(h.get("marked"))))
        new_ids: list[int] = []
        for feed_id, pairs in to_store.items():
            new_ids.extend(self.articles.save_feed_items(feed_id, [item for _, item in pairs]))
            for h, item in pairs:
                article_id = self.repo.article_by_key(f"feed:{feed_id}:{item.item_id}")
                if article_id is not None:
                    links.append((article_id, int(h["id"]), not h.get("unread"), bool(h.get("marked"))))
        self.repo.link_articles(links, max(int(h["id"]) for h in headlines))
        return new_ids

    def _matcher(self, feed_id: int, linked: set[int]) -> tuple[dict[str, int], dict[str, int]]:
        """A feed's articles fetched here before sync, by the SHA1 of their guid (tt-rss keeps
        that) and by link."""
        by_guid: dict[str, int] = {}
        by_link: dict[str, int] = {}
        for ident in self.feeds.item_identities(feed_id):
            if ident.article_id in linked:
                continue
            by_guid["SHA1:" + hashlib.sha1(ident.item_id.encode("utf-8")).hexdigest()] = ident.article_id
            if ident.link:
                by_link.setdefault(ident.link, ident.article_id)
        return by_guid, by_link

    # -- read and star state --------------------------------------------------------------

    def _settle(
        self,
        seen: dict[int, SeenState],
        server: dict[int, tuple[bool, bool]],
        server_at: str,
        changes: list[QueuedChange] | None = None,
    ) -> tuple[int, int, int]:
        """Decide each article's read and star state, send what the server lacks, take what it
        changed; (sent, taken, conflicts)."""
        changes = self.repo.queued(STATE_KINDS) if changes is None else changes
        top = max((c.id for c in changes), default=0)
        latest: dict[tuple[int, str], QueuedChange] = {}
        for c in changes:  # in queue order: the last change of a field counts
            if c.article_id is not None:
                latest[(c.article_id, c.kind)] = c
        sends: dict[tuple[str, bool], list[int]] = {}
        apply: list[tuple[int, str, bool]] = []
        final: dict[int, list[bool]] = {}
        conflicts = 0
        for rid, state in seen.items():
            if rid not in server:
                continue
            now = list(server[rid])
            for i, kind in enumerate(STATE_KINDS):
                was = (state.read, state.starred)[i]
                local = latest.get((state.article_id, kind))
                server_changed = now[i] != was
                if local is not None and bool(local.value) != now[i]:
                    if server_changed:
                        conflicts += 1
                    if not server_changed or local.at > server_at:
                        sends.setdefault((kind, bool(local.value)), []).append(rid)
                        now[i] = bool(local.value)
                        continue
                if server_changed or local is not None:
                    apply.append((state.article_id, kind, now[i]))
            final[state.article_id] = now
        # Articles marked here while this sync ran keep their new mark, sent next time.
        busy = self.repo.newer_changes(top)
        apply = [a for a in apply if a[0] not in busy]
        current = self.repo.local_state([a[0] for a in apply])
        apply = [a for a in apply if current.get(a[0], (None, None))[STATE_KINDS.index(a[1])] != a[2]]
        for (kind, value), rids in sends.items():
            on = (not value) if kind == "read" else value  # the server's field is *unread*
            self.client.update_articles(rids, _FIELD[kind], on)
        done = [c.id for c in changes]
        self.repo.settle(apply, [(a, r, s) for a, (r, s) in final.items()], done)
        return sum(len(r) for r in sends.values()), len(apply), conflicts


def _guid_hash(guid: object) -> str:
    """tt-rss's guid ``{"ver":2,"uid":1,"hash":"SHA1:..."}`` -> its hash ("" when not so)."""
    if not isinstance(guid, str):
        return ""
    try:
        data = json.loads(guid)
    except ValueError:
        return guid if guid.startswith("SHA1:") else ""
    return str(data.get("hash") or "") if isinstance(data, dict) else ""


def _item(h: dict, source: str | None) -> NewItem:
    """A headline as a feed item: its HTML through the same cleaning as any feed's."""
    updated = h.get("updated")
    raw = RawEntry(
        id=f"ttrss:{int(h['id'])}",
        title=h.get("title") if isinstance(h.get("title"), str) else None,
        title_is_html=True,
        link=h.get("link") if isinstance(h.get("link"), str) else None,
        date=datetime.fromtimestamp(updated, UTC) if isinstance(updated, int) and updated > 0 else None,
        author=h.get("author") if isinstance(h.get("author"), str) else None,
        contents=[(h["content"], "text/html")] if isinstance(h.get("content"), str) else [],
    )
    item = build_item(raw, raw.link)
    doc = dataclasses.replace(item_to_document(item, source), source=source)
    return NewItem(item.id, doc, item.is_teaser)


def _feed_url(value: object, problems: list[str]) -> str | None:
    """A server's feed address, when it is one newsreader would subscribe to (else a problem line)."""
    if not value:
        return None
    try:
        check_url(str(value))  # (kept as the server writes it: that is how its feeds are matched)
    except UrlError as e:
        problems.append(f"{clean_line(str(value))[:100]}: not subscribed ({e})")
        return None
    return str(value)
