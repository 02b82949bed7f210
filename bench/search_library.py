"""The search bench's library: 50,000 feed articles of real news text, built once and kept.

It is made the way a refresh makes one, without the network: ``articles / 50`` RSS 2.0 feeds of
50 items each, shaped like bench/feedfarm.py's (title, link, guid, pubDate, author, an HTML
description with paragraphs, a link and emphasis), go through the real ``parse_feed`` and
``item_to_document`` and are stored with ``ArticleRepo.save_feed_items`` (so the search index is
filled as in use). The texts are real news: every item takes a run of paragraphs from one article
of ../shared (PolNeAR, CNN/DailyMail, the seeds) and often a paragraph of another, so word
frequencies are those of news copy, with dates spread over 2013-2019 and about 70% of the articles
read. Analyses are synthetic (see bench/search.py). Used by bench/search.py, bench/stories.py and
bench/memory.py.
"""

from __future__ import annotations

import json
import random
import re
import sqlite3
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, SHARED  # noqa: E402 - bench scripts run from anywhere

BUILD = "1"  # bump when the library below is made differently: a kept one is rebuilt
ITEMS_PER_FEED = 50
TARGET_P95_MS = 50.0
FIRST_DATE = datetime(2013, 1, 1, tzinfo=UTC)
LAST_DATE = datetime(2019, 12, 31, tzinfo=UTC)
READ_SHARE = 0.7

# -- real texts -------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[“\"A-Z])")


@dataclass
class Source:
    title: str
    paragraphs: list[str]


def _clean_paragraphs(text: str) -> list[str]:
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return [p for p in paras if len(p.split()) >= 5]


def load_sources() -> tuple[list[Source], str]:
    """Real news articles: PolNeAR, CNN/DailyMail dev and the seeds from ../shared, else the seeds."""
    out: list[Source] = []
    counts: dict[str, int] = {}
    for folder in ("polnear-train", "polnear-dev"):
        for path in sorted((SHARED / "eval" / folder / "text").glob("*.txt")):
            lines = path.read_text(encoding="utf-8").strip().split("\n", 1)
            paras = _clean_paragraphs(lines[1] if len(lines) > 1 else "")
            if paras:
                out.append(Source(lines[0].strip().rstrip("."), paras))
                counts["PolNeAR"] = counts.get("PolNeAR", 0) + 1
    cnndm = SHARED / "eval" / "cnndm-dev.jsonl"
    if cnndm.exists():
        for line in cnndm.open(encoding="utf-8"):
            sents = [" ".join(s.split()) for s in json.loads(line)["article_lines"] if s.strip()]
            paras = [" ".join(sents[i : i + 2]) for i in range(0, len(sents), 2)]
            if paras:
                out.append(Source(sents[0], paras))
                counts["CNN/DailyMail"] = counts.get("CNN/DailyMail", 0) + 1
    for seeds in (SHARED / "seeds", ROOT / "seeds"):
        for path in sorted(seeds.glob("*.txt")):
            lines = path.read_text(encoding="utf-8").strip().split("\n", 1)
            paras = _clean_paragraphs(lines[1] if len(lines) > 1 else "")
            if paras:
                out.append(Source(lines[0].strip(), paras))
                counts["seeds"] = counts.get("seeds", 0) + 1
    words = sum(len(p.split()) for s in out for p in s.paragraphs)
    what = ", ".join(f"{n} {k}" for k, n in counts.items())
    return out, f"{len(out)} real articles ({what}; {words / 1e6:.2f} M words)"


# -- names for the synthetic analyses ---------------------------------------------------

_FIRST = (
    "Ana Maria Tom Aisha Peter Lena David Sofia James Mei Omar Elena Lucas Fatima Ivan Grace Hugo "
    "Nadia Samuel Yuki Carlos Ingrid Mateo Leila Daniel Olga Kwame Chloe Rahul Marta Jonas Amara Felix "
    "Hana Diego Sara Viktor Noor Paul Irene Ali Julia Tariq Emma Luis Zara Anton Claire Ravi Nina Pablo "
    "Helen Kofi Alice Sergei Priya Marco Ruth Tomas Ines"
).split()
_LAST = (
    "Ruiz Becker Khan Novak Holm Osei Lindqvist Moreau Tanaka Haddad Kowalski Okafor Brennan Petrov "
    "Castillo Nakamura Fischer Mensah Duarte Sorensen Varga Quinn Abara Lefebvre Iqbal Romano Nilsen "
    "Mwangi Dubois Sato Herrera Kaplan Ndiaye Larsen Bianchi Adeyemi Costa Wagner Farouk Jensen Morales "
    "Eriksen Chaudhry Marin Vogel Amadi Serrano Halvorsen Rossi Bakr Olsen Navarro Keller Asante Lund "
    "Ferreira Brandt Mahmoud Ortega Berg Mancini Obi Weiss Rahman Soto Dahl Conti Boateng Richter "
    "Salazar Strand Greco Nwosu Hartmann Vidal Aziz Falk Moretti Eze Lorenz Pereira"
).split()
_PLACES = (
    "Harbourtown Northfield Eastbridge Lakeside Westmoor Kingsport Ashford Brookhaven Redcliff "
    "Stonebridge Millbrook Fairhaven Oakridge Silverlake Glenmore Ravenscar Elmstead Highcliff "
    "Marlow Thornbury Duncombe Larkhill Pinecrest Wolvercote Ambleside Caldwell Easton Fernley"
).split()
_ORG_KINDS = (
    "Port Authority",
    "City Council",
    "Regional Bank",
    "University",
    "Police",
    "Hospital Trust",
    "Chamber of Commerce",
    "Energy",
    "Transit",
    "Water Board",
    "Football Club",
    "Teachers Union",
    "Housing Association",
    "Airport",
)
_GROUPS = (
    "Nordic Baltic Alpine Coastal Highland Lowland Islander Riverine Atlantic Pacific Arctic Andean "
    "Sahelian Balkan Caspian Danubian Iberian Celtic Saxon Frisian"
).split()
_MASTHEADS = (
    "Gazette Herald Times Post Chronicle Observer Tribune Courier Review Weekly Daily Record Journal "
    "Dispatch Standard Echo Mercury Sentinel Ledger Bulletin"
).split()
_FOLDERS = ("News", "News/World", "News/Local", "Politics", "Business", "Tech", "Science", "Sport", None)
_ROLES = ("a spokesperson", "the minister", "an analyst", "the chair", "a lawyer", "the director")


def _zipf_cum(n: int, s: float) -> list[float]:
    cum, total = [], 0.0
    for r in range(1, n + 1):
        total += r**-s
        cum.append(total)
    return cum


class Names:
    """Pools of names with a skewed (Zipf) choice: rank 1 is everywhere, most are rare."""

    def __init__(self, rng: random.Random) -> None:
        people = [f"{f} {last}" for f in _FIRST for last in _LAST]
        rng.shuffle(people)
        self.people = people[:3000]
        orgs = [f"{p} {k}" for p in _PLACES for k in _ORG_KINDS]
        rng.shuffle(orgs)
        self.orgs = orgs
        self.places = list(_PLACES)
        self.groups = list(_GROUPS)
        self._cum = {
            "PERSON": _zipf_cum(len(self.people), 0.82),
            "ORG": _zipf_cum(len(self.orgs), 0.9),
            "GPE": _zipf_cum(len(self.places), 0.7),
            "NORP": _zipf_cum(len(self.groups), 0.8),
        }
        self._pool = {"PERSON": self.people, "ORG": self.orgs, "GPE": self.places, "NORP": self.groups}

    def draw(self, rng: random.Random, label: str, k: int) -> list[str]:
        picked = rng.choices(self._pool[label], cum_weights=self._cum[label], k=k)
        return list(dict.fromkeys(picked))


# -- feeds -----------------------------------------------------------------------------


@dataclass
class Planned:
    """What an item says beyond its text: the names put into it, by label, and who is quoted."""

    entities: dict[str, list[str]]
    speakers: list[str]


def _sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(paragraph) if len(s.split()) >= 4]


def _quote_text(sentence: str) -> str:
    return sentence.strip().strip("“”\"'").rstrip(".") or sentence


def make_item(rng: random.Random, sources: list[Source], names: Names) -> tuple[str, list[str], Planned]:
    """(title, paragraphs, planned analysis) of one article made of real paragraphs and names."""
    main = rng.choice(sources)
    n = rng.randint(2, 6)
    start = rng.randrange(max(1, len(main.paragraphs) - n + 1))
    paras = list(main.paragraphs[start : start + n])
    if rng.random() < 0.5:  # a paragraph from elsewhere: copy is often assembled
        other = rng.choice(sources)
        paras.insert(rng.randint(1, len(paras)), rng.choice(other.paragraphs))
    while sum(len(p.split()) for p in paras) > 600 and len(paras) > 2:
        paras.pop()
    if rng.random() < 0.4:
        title = main.title
    else:
        sents = _sentences(rng.choice(paras)) or [paras[0]]
        words = rng.choice(sents).split()
        title = " ".join(words[: rng.randint(6, 14)]).rstrip(",;:")
    people = names.draw(rng, "PERSON", rng.choices((0, 1, 2, 3, 4), (10, 30, 30, 20, 10))[0])
    orgs = names.draw(rng, "ORG", rng.choices((0, 1, 2), (40, 45, 15))[0])
    places = names.draw(rng, "GPE", rng.choices((0, 1, 2), (30, 50, 20))[0])
    groups = names.draw(rng, "NORP", rng.choices((0, 1), (80, 20))[0])
    speakers: list[str] = []
    for person in people:
        i = rng.randrange(len(paras))
        if rng.random() < 0.6:  # quoted: a real sentence in quotation marks, then who said it
            sents = _sentences(rng.choice(rng.choice(sources).paragraphs)) or ["The plan is on track."]
            quote = _quote_text(rng.choice(sents))
            paras.insert(i + 1, f"“{quote},” {person} said.")
            speakers.append(person)
        else:
            paras[i] = f"{paras[i]} {person}, {rng.choice(_ROLES)}, did not comment."
    for org in orgs:
        i = rng.randrange(len(paras))
        paras[i] = f"{paras[i]} A statement from the {org} followed."
    for place in places:
        i = rng.randrange(len(paras))
        paras[i] = f"{paras[i]} The news was followed closely in {place}."
    for group in groups:
        i = rng.randrange(len(paras))
        paras[i] = f"{paras[i]} {group} leaders were not consulted."
    planned = Planned({"PERSON": people, "ORG": orgs, "GPE": places, "NORP": groups}, speakers)
    return title, paras, planned


def make_feed(
    index: int, sources: list[Source], names: Names, items: int = ITEMS_PER_FEED
) -> tuple[bytes, dict[str, Planned]]:
    """One RSS 2.0 feed shaped like bench/feedfarm.py's, with real texts; planned analyses by guid."""
    rng = random.Random(index)
    span = (LAST_DATE - FIRST_DATE).total_seconds()
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>',
        f"<title>{escape(feed_title(index))}</title><link>https://example.org/feed{index}/</link>",
        f"<description>Generated feed number {index} for the search bench</description>",
        "<language>en</language>",
    ]
    plans: dict[str, Planned] = {}
    dates = sorted((rng.random() * span for _ in range(items)), reverse=True)
    for j, offset in enumerate(dates):
        title, paras, planned = make_item(rng, sources, names)
        guid = f"search-bench-{index}-{j}"
        plans[guid] = planned
        html = []
        for k, p in enumerate(paras):
            text = escape(p)
            if rng.random() < 0.2:
                text = text.replace(" the ", " <em>the</em> ", 1)
            html.append(f"<p>{text}</p>")
            if k == 0 and rng.random() < 0.5:
                html.append(
                    f'<p>Read <a href="https://example.org/more/{rng.randint(1, 10**6)}">more</a>.</p>'
                )
        when = FIRST_DATE + timedelta(seconds=offset)
        out.append(
            "<item>"
            f"<title>{escape(title)}</title>"
            f"<link>https://example.org/feed{index}/story-{j}.html</link>"
            f'<guid isPermaLink="false">{guid}</guid>'
            f"<pubDate>{format_datetime(when)}</pubDate>"
            f"<author>desk@example.org ({rng.choice(names.people[:200])})</author>"
            f"<description>{escape(''.join(html))}</description>"
            "</item>"
        )
    out.append("</channel></rss>\n")
    return "".join(out).encode("utf-8"), plans


def feed_title(index: int) -> str:
    place = _PLACES[index % len(_PLACES)]
    masthead = _MASTHEADS[(index // len(_PLACES)) % len(_MASTHEADS)]
    edition = index // (len(_PLACES) * len(_MASTHEADS))
    return f"{place} {masthead}" + (f" ({edition + 1})" if edition else "")


def analysis_of(text: str, planned: Planned, version: str):
    """A synthetic analysis of ``text``: every mention of the planned names, the planned quotes."""
    from tui.core.models import Analysis, Entity, Quote

    entities = []
    for label, found in planned.entities.items():
        for name in found:
            at = text.find(name)
            while at >= 0:
                entities.append(Entity(at, at + len(name), name, label, name))
                at = text.find(name, at + len(name))
    entities.sort(key=lambda e: e.start)
    quotes = []
    for speaker in planned.speakers:
        end = text.find(f",” {speaker} said.")
        start = text.rfind("“", 0, end)
        if end > 0 and start >= 0:
            quotes.append(Quote(start + 1, end, text[start + 1 : end], speaker, "said"))
    quotes.sort(key=lambda q: q.start)
    summary = _sentences(text.split("\n\n", 2)[-1])[:2]
    return Analysis(entities, quotes, summary, version)


# -- building ----------------------------------------------------------------------------


def build(db_path: Path, articles: int) -> float:
    """Build the library at ``db_path`` (written beside it, then moved into place); seconds taken."""
    from tui.core.analysis.version import ANALYZER_VERSION
    from tui.core.feeds import item_to_document, parse_feed
    from tui.core.store import AnalysisRepo, ArticleRepo, Database, FeedRepo, NewItem, content_hash

    t0 = time.perf_counter()
    sources, described = load_sources()
    print(f"building a library of {articles} articles from {described}", flush=True)
    if len(sources) < 100:
        print("  (../shared is missing: only the seeds to draw from, word frequencies will be poor)")
    names = Names(random.Random(7))
    db_path.parent.mkdir(parents=True, exist_ok=True)
    partial = db_path.with_name(db_path.name + ".building")
    for p in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        p.unlink(missing_ok=True)
    database = Database(partial)
    feeds, store, analyses = FeedRepo(database), ArticleRepo(database), AnalysisRepo(database)
    n_feeds = max(1, articles // ITEMS_PER_FEED)
    t_parse = t_store = t_analyse = 0.0
    stored = 0
    for i in range(n_feeds):
        items = ITEMS_PER_FEED if i < n_feeds - 1 else articles - ITEMS_PER_FEED * (n_feeds - 1)
        body, plans = make_feed(i, sources, names, items)
        url = f"https://example.org/feed{i}/rss.xml"
        t = time.perf_counter()
        parsed = parse_feed(body, url=url)
        if parsed.error:
            raise SystemExit(f"feed {i} did not parse: {parsed.error}")
        new = [NewItem(it.id, item_to_document(it, parsed.title), it.is_teaser) for it in parsed.entries]
        t_parse += time.perf_counter() - t
        t = time.perf_counter()
        feed_id, _ = feeds.add(url, title=parsed.title, folder=_FOLDERS[i % len(_FOLDERS)])
        store.save_feed_items(feed_id, new)
        feeds.record_refresh(feed_id, error=None, warning=parsed.warning, title=parsed.title)
        t_store += time.perf_counter() - t
        t = time.perf_counter()
        for item in new:
            analyses.put(
                content_hash(item.doc), analysis_of(item.doc.text, plans[item.item_id], ANALYZER_VERSION)
            )
        t_analyse += time.perf_counter() - t
        stored += len(new)
        if (i + 1) % 100 == 0 or i == n_feeds - 1:
            print(f"  {stored} articles, {time.perf_counter() - t0:.0f} s", flush=True)
    # Read state: most older articles read, as in a library in use (deterministic by id).
    with database.transaction() as db:
        db.execute(
            "UPDATE articles SET read = ((id * 2654435761) % 100 < ?), starred = ((id * 40503) % 100 < 2)",
            (int(READ_SHARE * 100),),
        )
    elapsed = time.perf_counter() - t0
    database.set_meta("bench_search", f"{BUILD}:{articles}")
    database.set_meta("bench_search_built", f"{elapsed:.1f}")
    database.close()
    partial.replace(db_path)
    print(
        f"built in {elapsed:.1f} s (parsing {t_parse:.1f} s, storing with the search index "
        f"{t_store:.1f} s, analyses {t_analyse:.1f} s)",
        flush=True,
    )
    return elapsed


def ensure_library(home: Path, articles: int, rebuild: bool) -> tuple[Path, str]:
    """The library in ``home`` (built unless a matching one is there); (path, how it came)."""
    db_path = home / "data" / "library.db"
    if db_path.exists() and not rebuild:
        try:
            with sqlite3.connect(db_path) as db:
                row = db.execute("SELECT value FROM meta WHERE key = 'bench_search'").fetchone()
                took = db.execute("SELECT value FROM meta WHERE key = 'bench_search_built'").fetchone()
        except sqlite3.DatabaseError:
            row = took = None
        if row and row[0] == f"{BUILD}:{articles}":
            return db_path, f"kept library reused (it took {took[0] if took else '?'} s to build)"
    for p in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        p.unlink(missing_ok=True)
    elapsed = build(db_path, articles)
    return db_path, f"built in {elapsed:.1f} s"
