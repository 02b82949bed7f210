"""Feed dates read directly (:func:`tui.core.feeds.dates.parse_date`) against feedparser's parser.

The usual RFC 822 form is computed without feedparser; every date must come out as feedparser's
``_parse_date`` makes it (``_general``), over dates of our own, edge cases included, and over every
date in the shared corpora.
"""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime

import pytest

from tests.conftest import SHARED
from tui.core.feeds.dates import _RFC822, _general, parse_date

_DAYS = "Mon Tue Wed Thu Fri Sat Sun".split()
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_ZONES = ["GMT", "UTC", "UT", "Z", "+0000", "-0000", "+0100", "-0500", "+0530", "-0930", "+1400", "-1200"]
_ZONES += ["+2359", "-9999", "+0099", "EST", "PDT", "gmt", "+05:30", "GMT+2", "Etc/GMT"]


def _ours() -> list[str]:
    rng = random.Random(7)
    out = []
    for _ in range(3000):
        year = rng.choice([1899, 1900, 1969, 1970, 1999, 2000, 2024, 2026, 2038, 9000, 9999, 1, 99])
        stamp = (
            f"{rng.randint(0, 32):0{rng.choice([1, 2])}d} {rng.choice(_MONTHS)} {year:04d} "
            f"{rng.randint(0, 25):02d}:{rng.randint(0, 60):02d}:{rng.randint(0, 61):02d} {rng.choice(_ZONES)}"
        )
        out.append(f"{rng.choice(_DAYS)}, {stamp}" if rng.random() < 0.8 else stamp)
    edges = [
        "Sat, 21 Nov 2026 11:00:00 +0000",
        "Sat, 29 Feb 2025 11:00:00 GMT",
        "Sun, 29 Feb 2024 23:59:59 -2359",
    ]
    edges += [
        "Mon, 01 Jan 0001 00:00:00 +0100",
        "Fri, 31 Dec 9999 23:59:59 -0100",
        "Tue, 31 Dec 9999 23:00:00 Z",
    ]
    edges += [
        "Thu, 01 Jan 1970 00:00:00 +0000",
        "Mon, 1 Jan 2024 24:00:00 GMT",
        "Sat,  21 Nov 2026 11:00:00 GMT",
    ]
    edges += ["Sat, 21 nov 2026 11:00:00 gmt", "Sat 21 Nov 2026 11:00:00 GMT", "21 Nov 26 11:00:00 GMT", ""]
    edges += ["Sat, 21 Nov 2026 11:00 GMT", "Xyz, 21 Nov 2026 11:00:00 GMT", "Sat, ٢١ Nov 2026 11:00:00 GMT"]
    edges += ["2026-11-21T11:00:00Z", "2026-11-21", "Sat, 21 Nov 2026 11:00:00 +0000 (UTC)", "Sep 2026"]
    return out + edges


def _corpus_dates() -> list[str]:
    corpora = SHARED / "corpora"
    if not corpora.is_dir():
        return []
    found: set[str] = set()
    tag = re.compile(
        rb"<((?:\w+:)?(?:pubDate|date|published|updated|issued|modified|created|lastBuildDate))\b[^>]*>([^<]{1,80})</\1>"
    )
    for path in corpora.rglob("*"):
        if path.is_file() and path.suffix.lower() not in (".md", ".py", ".csv", ".gz", ".json", ".opml"):
            for _, value in tag.findall(path.read_bytes()):
                found.add(value.decode("utf-8", "replace").strip())
    return sorted(found)


def test_dates_of_our_own_come_out_as_feedparser_makes_them():
    dates = _ours()
    assert [parse_date(d) for d in dates] == [_general(d) for d in dates]
    assert sum(_RFC822.fullmatch(d) is not None for d in dates) > 1000  # the direct reading was tried


def test_every_date_of_the_corpora_comes_out_as_feedparser_makes_it():
    dates = _corpus_dates()
    if not dates:
        pytest.skip("the shared corpora are not here")
    assert [parse_date(d) for d in dates] == [_general(d) for d in dates]
    assert any(_RFC822.fullmatch(d) for d in dates)


def test_the_usual_form_in_utc():
    assert parse_date("Sat, 21 Nov 2026 11:00:00 +0530") == datetime(2026, 11, 21, 5, 30, tzinfo=UTC)
    assert parse_date("21 Nov 2026 11:00:00 -0100") == datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
    assert parse_date("no date") is None
