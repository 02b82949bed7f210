"""The schema: versioned with ``PRAGMA user_version`` and migrated forward step by step."""

from __future__ import annotations

SCHEMA_VERSION = 13

# Stories' tables as schema 7 left them, made by step 4 and made again by step 7 (which changed
# them), each followed by grouping every article again (Database._group_stories).
_STORY_TABLES = """
    CREATE TABLE story_members (
        article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        story_id   INTEGER NOT NULL REFERENCES stories (id),
        day        INTEGER NOT NULL,          -- whole days (julianday) of the article's date
        feed_id    INTEGER,                   -- articles of one feed are never compared
        bands      BLOB NOT NULL,             -- its band keys, little-endian int64s
        shingles   BLOB NOT NULL              -- its hashed shingles, sorted little-endian uint64s
    );
    CREATE INDEX story_members_story ON story_members (story_id);
    CREATE TABLE story_bands (
        band       INTEGER NOT NULL,
        day        INTEGER NOT NULL,
        article_id INTEGER NOT NULL,
        PRIMARY KEY (band, day, article_id)
    ) WITHOUT ROWID;
    CREATE TRIGGER story_members_empty AFTER DELETE ON story_members
    WHEN NOT EXISTS (SELECT 1 FROM story_members WHERE story_id = old.story_id) BEGIN
        DELETE FROM stories WHERE id = old.story_id;
    END;
    INSERT OR REPLACE INTO meta (key, value) VALUES ('story_index_upto', '0');
    INSERT OR REPLACE INTO meta (key, value)
        SELECT 'story_index_max', CAST(COALESCE(MAX(id), 0) AS TEXT) FROM articles;
"""

MIGRATIONS: dict[int, str] = {
    # 0 -> 1: the reading slice.
    1: """
    CREATE TABLE articles (
        id          INTEGER PRIMARY KEY,
        key         TEXT NOT NULL UNIQUE,      -- stable identity: seed:NAME, file:PATH, feed item id
        listed      INTEGER NOT NULL DEFAULT 1, -- 0: opened ad hoc with `newsreader PATH`, not in the library
        title       TEXT NOT NULL,
        source      TEXT,
        date        TEXT,                      -- ISO 8601, from the article or its sidecar
        url         TEXT,
        path        TEXT,
        attribution TEXT,
        text        TEXT NOT NULL,
        blocks      TEXT NOT NULL,             -- JSON [[kind, start, end], ...]
        hash        TEXT NOT NULL,             -- sha256 of text and blocks: the analysis cache key
        added_at    TEXT NOT NULL,
        read        INTEGER NOT NULL DEFAULT 0,
        starred     INTEGER NOT NULL DEFAULT 0,
        -- "newest first" is one index scan; undated articles sort by when they were added
        sort_date   TEXT GENERATED ALWAYS AS (COALESCE(date, added_at)) VIRTUAL
    );
    CREATE INDEX articles_order ON articles (listed, sort_date DESC);
    CREATE TABLE analyses (
        hash     TEXT NOT NULL,
        version  TEXT NOT NULL,
        data     TEXT NOT NULL,
        PRIMARY KEY (hash, version)
    );
    CREATE TABLE quote_index (
        hash    TEXT NOT NULL,
        version TEXT NOT NULL,
        idx     INTEGER NOT NULL,
        speaker TEXT,
        PRIMARY KEY (hash, version, idx)
    );
    CREATE INDEX quote_index_speaker ON quote_index (speaker);
    CREATE TABLE entity_index (
        hash      TEXT NOT NULL,
        version   TEXT NOT NULL,
        canonical TEXT NOT NULL,
        label     TEXT NOT NULL,
        mentions  INTEGER NOT NULL
    );
    CREATE INDEX entity_index_name ON entity_index (canonical);
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    """,
    # 1 -> 2: feeds. Items are articles with a feed; the feed's own text stays beside any
    # fetched full text so a refresh never overwrites what `f` fetched.
    2: """
    CREATE TABLE feeds (
        id            INTEGER PRIMARY KEY,
        url           TEXT NOT NULL UNIQUE,
        title         TEXT,
        folder        TEXT,
        html_url      TEXT,
        etag          TEXT,
        last_modified TEXT,
        last_refresh  TEXT,
        last_error    TEXT,
        warning       TEXT,
        retry_after   TEXT,
        auto_full     INTEGER NOT NULL DEFAULT 0,
        added_at      TEXT NOT NULL
    );
    ALTER TABLE articles ADD COLUMN feed_id INTEGER REFERENCES feeds (id) ON DELETE CASCADE;
    ALTER TABLE articles ADD COLUMN teaser INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE articles ADD COLUMN full_text TEXT;
    ALTER TABLE articles ADD COLUMN full_blocks TEXT;
    CREATE INDEX articles_feed ON articles (feed_id, sort_date DESC);
    """,
    # 2 -> 3: search. A full-text index over each listed article's title, effective text (the
    # fetched full text when there is one) and feed title, read through a view and kept in step
    # by triggers; entity names with their own index, for name filters and entity lookups. The
    # index of existing articles is built after this step, in batches (Database.build_search_index).
    3: """
    CREATE VIEW article_search (rowid, title, body, feed) AS
        SELECT a.id, a.title, COALESCE(a.full_text, a.text), (SELECT f.title FROM feeds f WHERE f.id = a.feed_id)
        FROM articles a;
    CREATE VIRTUAL TABLE article_fts USING fts5(
        title, body, feed, content='article_search', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER article_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO article_fts (rowid, title, body, feed) VALUES (
            new.id, new.title, COALESCE(new.full_text, new.text),
            (SELECT title FROM feeds WHERE id = new.feed_id));
    END;
    CREATE TRIGGER article_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO article_fts (article_fts, rowid, title, body, feed) VALUES (
            'delete', old.id, old.title, COALESCE(old.full_text, old.text),
            (SELECT title FROM feeds WHERE id = old.feed_id));
    END;
    CREATE TRIGGER article_fts_update AFTER UPDATE OF title, text, full_text, feed_id ON articles BEGIN
        INSERT INTO article_fts (article_fts, rowid, title, body, feed) VALUES (
            'delete', old.id, old.title, COALESCE(old.full_text, old.text),
            (SELECT title FROM feeds WHERE id = old.feed_id));
        INSERT INTO article_fts (rowid, title, body, feed) VALUES (
            new.id, new.title, COALESCE(new.full_text, new.text),
            (SELECT title FROM feeds WHERE id = new.feed_id));
    END;
    CREATE TRIGGER article_fts_feed_title AFTER UPDATE OF title ON feeds
    WHEN old.title IS NOT new.title BEGIN
        INSERT INTO article_fts (article_fts, rowid, title, body, feed)
            SELECT 'delete', id, title, COALESCE(full_text, text), old.title FROM articles WHERE feed_id = new.id;
        INSERT INTO article_fts (rowid, title, body, feed)
            SELECT id, title, COALESCE(full_text, text), new.title FROM articles WHERE feed_id = new.id;
    END;
    CREATE TABLE entity_names (
        id        INTEGER PRIMARY KEY,
        canonical TEXT NOT NULL,
        label     TEXT NOT NULL,
        UNIQUE (canonical, label)
    );
    CREATE VIRTUAL TABLE entity_names_fts USING fts5(
        canonical, content='entity_names', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER entity_names_insert AFTER INSERT ON entity_names BEGIN
        INSERT INTO entity_names_fts (rowid, canonical) VALUES (new.id, new.canonical);
    END;
    INSERT OR IGNORE INTO entity_names (canonical, label) SELECT DISTINCT canonical, label FROM entity_index;
    -- Entity pages: what they said and where they are named, without opening every analysis.
    -- Rows of analyses stored before this step have NULLs here and are read from the analysis.
    CREATE INDEX articles_hash ON articles (hash);
    ALTER TABLE quote_index ADD COLUMN text TEXT;
    ALTER TABLE quote_index ADD COLUMN qstart INTEGER;
    ALTER TABLE quote_index ADD COLUMN qend INTEGER;
    ALTER TABLE entity_index ADD COLUMN forms TEXT;     -- JSON list of the mention texts
    ALTER TABLE entity_index ADD COLUMN first INTEGER;  -- the first mention: its start...
    ALTER TABLE entity_index ADD COLUMN first_end INTEGER;  -- ...and its end
    CREATE INDEX entity_index_hash ON entity_index (hash, version);
    CREATE INDEX quote_index_speaker_nocase ON quote_index (speaker COLLATE NOCASE);  -- said:
    CREATE TABLE saved_searches (
        id       INTEGER PRIMARY KEY,
        name     TEXT NOT NULL,
        query    TEXT NOT NULL UNIQUE,
        added_at TEXT NOT NULL
    );
    INSERT OR REPLACE INTO meta (key, value) VALUES ('search_index_upto', '0');
    INSERT OR REPLACE INTO meta (key, value)
        SELECT 'search_index_max', CAST(COALESCE(MAX(id), 0) AS TEXT) FROM articles;
    """,
    # 3 -> 4: stories. Every article is a member of one story (perhaps alone); its MinHash band
    # keys, with its day, index it for finding candidates (see store/stories.py). The bands of an
    # article are kept in its member row so they can be taken out when it changes; band rows of a
    # deleted article are skipped by the join with story_members. Existing articles are grouped
    # after this step, in batches (Database._group_stories).
    4: """
    CREATE TABLE stories (id INTEGER PRIMARY KEY AUTOINCREMENT);
"""
    + _STORY_TABLES,
    # 4 -> 5: the article list reads only an index, never the table, whose pages carry every
    # article's text: at 50,000 articles loading the list touched ~230 MB of the file (the app's
    # memory, through the memory map), now the ~15 MB of this index. SQLite (3.40) reads the table
    # for an index over a VIRTUAL column, so the list sorts on a real copy of sort_date that
    # triggers keep in step; sort_date and its index stay for every other query. The index does
    # not lead with ``listed``: a join on ``a.listed = 1`` would take it for a lookup.
    5: """
    ALTER TABLE articles ADD COLUMN sort_key TEXT;
    UPDATE articles SET sort_key = COALESCE(date, added_at);
    CREATE TRIGGER articles_sort_key_insert AFTER INSERT ON articles BEGIN
        UPDATE articles SET sort_key = COALESCE(new.date, new.added_at) WHERE id = new.id;
    END;
    CREATE TRIGGER articles_sort_key_update AFTER UPDATE OF date, added_at ON articles BEGIN
        UPDATE articles SET sort_key = COALESCE(new.date, new.added_at) WHERE id = new.id;
    END;
    CREATE INDEX articles_list ON articles (
        sort_key DESC, id DESC, listed, title, source, date, read, starred, feed_id, teaser, hash
    );
    CREATE INDEX articles_feed_read ON articles (feed_id, read);  -- the feeds' counts, likewise
    """,
    # 5 -> 6: a feed renamed by the reader keeps that name; a refresh no longer puts back the
    # title the feed gives itself.
    6: """
    ALTER TABLE feeds ADD COLUMN renamed INTEGER NOT NULL DEFAULT 0;
    """,
    # 6 -> 7: stories are found again with a cheaper MinHash (multiply-shift, 32-bit rows, bands
    # keyed without hashing) and each member keeps its hashed shingles and feed beside its bands,
    # so a new article is compared with its candidates without re-reading their texts (grouping
    # was most of a first refresh's CPU). Band keys changed, so every article is grouped again,
    # in batches after this step, as in step 4.
    7: """
    DROP TRIGGER story_members_empty;
    DROP TABLE story_bands;
    DROP TABLE story_members;
    DELETE FROM stories;
"""
    + _STORY_TABLES,
    # 7 -> 8: sync with a Tiny Tiny RSS server. One server; the remote ids of its feeds,
    # categories and articles; the server's read/star state as last seen (to tell who changed
    # what since); and a queue of local changes, each with its time, filled by triggers so every
    # path that marks or subscribes (app, CLI, import) queues. ``applying`` is set while a sync
    # writes what the server says, so its own writes are not queued back.
    8: """
    CREATE TABLE sync_server (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        url         TEXT NOT NULL,
        user        TEXT NOT NULL,
        insecure    INTEGER NOT NULL DEFAULT 0,
        last_sync   TEXT,
        last_error  TEXT,
        since_id    INTEGER NOT NULL DEFAULT 0,   -- the newest server article stored
        applying    INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE sync_categories (
        remote_id INTEGER PRIMARY KEY,
        title     TEXT NOT NULL
    );
    CREATE TABLE sync_feeds (
        feed_id   INTEGER PRIMARY KEY REFERENCES feeds (id) ON DELETE CASCADE,
        remote_id INTEGER NOT NULL UNIQUE,
        folder    TEXT                            -- the server's category when last seen
    );
    CREATE TABLE sync_articles (
        article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        remote_id  INTEGER NOT NULL UNIQUE,
        read       INTEGER NOT NULL,              -- the server's state when last seen
        starred    INTEGER NOT NULL
    );
    CREATE TABLE sync_queue (
        id         INTEGER PRIMARY KEY,
        kind       TEXT NOT NULL,                 -- read, starred, subscribe, unsubscribe
        article_id INTEGER,
        value      INTEGER,
        url        TEXT,
        folder     TEXT,
        remote_id  INTEGER,
        at         TEXT NOT NULL                  -- when the change was made (UTC, ISO 8601, ms)
    );
    CREATE TRIGGER sync_queue_read AFTER UPDATE OF read ON articles
    WHEN old.read IS NOT new.read AND EXISTS (SELECT 1 FROM sync_server WHERE applying = 0)
         AND EXISTS (SELECT 1 FROM sync_articles WHERE article_id = new.id) BEGIN
        INSERT INTO sync_queue (kind, article_id, value, at)
        VALUES ('read', new.id, new.read, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
    END;
    CREATE TRIGGER sync_queue_starred AFTER UPDATE OF starred ON articles
    WHEN old.starred IS NOT new.starred AND EXISTS (SELECT 1 FROM sync_server WHERE applying = 0)
         AND EXISTS (SELECT 1 FROM sync_articles WHERE article_id = new.id) BEGIN
        INSERT INTO sync_queue (kind, article_id, value, at)
        VALUES ('starred', new.id, new.starred, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
    END;
    CREATE TRIGGER sync_queue_subscribe AFTER INSERT ON feeds
    WHEN EXISTS (SELECT 1 FROM sync_server WHERE applying = 0) BEGIN
        INSERT INTO sync_queue (kind, url, folder, at)
        VALUES ('subscribe', new.url, new.folder, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
    END;
    CREATE TRIGGER sync_queue_unsubscribe BEFORE DELETE ON feeds
    WHEN EXISTS (SELECT 1 FROM sync_server WHERE applying = 0) BEGIN
        INSERT INTO sync_queue (kind, url, remote_id, at)
        SELECT 'unsubscribe', old.url, remote_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        FROM sync_feeds WHERE feed_id = old.id;
    END;
    """,
    # 8 -> 9: when a feed last refreshed without an error, for the failing feeds view (a failing
    # feed's last_refresh is the failure's). Kept in meta rows for a while; a column is its place.
    9: """
    ALTER TABLE feeds ADD COLUMN last_ok TEXT;
    UPDATE feeds SET last_ok = COALESCE(
        (SELECT value FROM meta WHERE key = 'feed_ok:' || feeds.id),
        CASE WHEN last_error IS NULL THEN last_refresh END
    );
    DELETE FROM meta WHERE key LIKE 'feed_ok:%';
    """,
    # 9 -> 10: the stories' band index is kept in memory (store/band_index.py), read from
    # story_members.bands: its 32 B-tree rows per article were a fifth of the cost of storing a
    # first refresh, written only for that lookup. New articles are indexed for search by
    # whoever inserts them, all at once (FTS5 made a segment per row from the trigger), and a
    # new article's sort_key comes with it, so its trigger only fills one that is missing.
    10: """
    DROP TABLE story_bands;
    DROP TRIGGER article_fts_insert;  -- what inserts articles indexes them (database.index_for_search)
    DROP TRIGGER articles_sort_key_insert;
    CREATE TRIGGER articles_sort_key_insert AFTER INSERT ON articles
    WHEN new.sort_key IS NOT COALESCE(new.date, new.added_at) BEGIN
        UPDATE articles SET sort_key = COALESCE(new.date, new.added_at) WHERE id = new.id;
    END;
    """,
    # 10 -> 11: the band index reads the story members of the days around the articles it looks
    # up; without an index each read scanned every member (a new feed's back catalogue, spread
    # over months, read the whole table again for every feed).
    11: """
    CREATE INDEX story_members_day ON story_members (day);
    """,
    # 11 -> 12: every INSERT of an article gives its sort_key (store/articles.py has the two):
    # the trigger that filled a missing one ran a program of its own for each new row, WHEN
    # false or not, and was two thirds of the cost of inserting a first refresh's articles.
    12: """
    DROP TRIGGER articles_sort_key_insert;
    """,
    # 12 -> 13: a feed's articles go by the feed's name (refresh and sync store it as their
    # source): renamed by the reader or by the feed itself, its older articles follow, in the
    # list, the reader, search and stories, as search's feed column already did.
    13: """
    CREATE TRIGGER articles_source_feed_title AFTER UPDATE OF title ON feeds
    WHEN old.title IS NOT new.title AND new.title IS NOT NULL BEGIN
        UPDATE articles SET source = new.title WHERE feed_id = new.id AND source IS NOT new.title;
    END;
    UPDATE articles SET source = (SELECT title FROM feeds WHERE feeds.id = articles.feed_id)
        WHERE feed_id IS NOT NULL
        AND source IS NOT (SELECT title FROM feeds WHERE feeds.id = articles.feed_id)
        AND (SELECT title FROM feeds WHERE feeds.id = articles.feed_id) IS NOT NULL;
    """,
}
