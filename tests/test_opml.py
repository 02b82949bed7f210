"""OPML import and export: folders, refused entries, malformed and hostile files, round trips."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tui.core.feeds import OpmlFeed, export_opml, parse_opml, read_opml

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
needs_shared = pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is not available")


def opml(body: str, head: str = "<head><title>My feeds</title></head>") -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">{head}<body>{body}</body></opml>\n'


def test_import_keeps_nested_folders_titles_and_site_urls():
    result = parse_opml(
        opml(
            '<outline text="Top" xmlUrl="https://top.example/rss" htmlUrl="https://top.example/"/>'
            '<outline text="Tech"><outline text="Python" title="Py">'
            '<outline type="rss" title="Only title" XMLURL="https://py.example/atom"/></outline>'
            '<outline text="Go blog" xmlUrl="feed://go.example/feed" htmlUrl="//go.example/"/></outline>'
        )
    )
    assert result.error is None and result.problems == [] and result.title == "My feeds"
    assert result.feeds == [
        OpmlFeed("https://top.example/rss", "Top", None, "https://top.example/"),
        OpmlFeed("https://py.example/atom", "Only title", "Tech/Python", None),
        OpmlFeed("http://go.example/feed", "Go blog", "Tech", "https://go.example/"),
    ]


def test_category_attribute_gives_the_folder_when_not_nested():
    result = parse_opml(opml('<outline text="N" xmlUrl="https://n.example/" category="/News/World,/Other"/>'))
    assert result.feeds[0].folder == "News/World"


def test_bad_entries_are_reported_one_by_one_and_good_ones_kept():
    result = parse_opml(
        opml(
            '<outline text="ok" xmlUrl="https://ok.example/rss"/>'
            '<outline text="runner" xmlUrl="exec:~/bin/script.sh"/>'
            '<outline text="local" xmlUrl="file:///etc/passwd"/>'
            '<outline text="js" xmlUrl="javascript:alert(1)"/>'
            '<outline text="path" xmlUrl="~/.ssh/id_rsa"/>'
            '<outline text="again" xmlUrl="HTTPS://OK.EXAMPLE/rss"/>'
            '<outline text="ok2" xmlUrl="http://ok2.example/rss"/>'
        )
    )
    assert [f.url for f in result.feeds] == ["https://ok.example/rss", "http://ok2.example/rss"]
    assert result.problems == [
        "runner: exec: URLs are refused (only http and https are allowed)",
        "local: file: URLs are refused (only http and https are allowed)",
        "js: javascript: URLs are refused (only http and https are allowed)",
        "path: not a web address: ~/.ssh/id_rsa (it must start with http:// or https://)",
        "again: duplicate of an earlier entry (https://ok.example/rss)",
    ]


def test_common_damage_is_repaired():
    result = parse_opml(
        opml(
            '<outline text="Tom & Jerry&nbsp;&eacute;&#27;" xmlUrl="https://t.example/a?x=1&y=2"/>'
            '<outline text="&unknownthing; x" xmlUrl="https://u.example/"/>'
        )
    )
    assert result.error is None
    assert [(f.title, f.url) for f in result.feeds] == [
        ("Tom & Jerry é", "https://t.example/a?x=1&y=2"),
        ("&unknownthing; x", "https://u.example/"),
    ]


@pytest.mark.parametrize(
    "document,message",
    [
        ("", "it is empty"),
        (
            '<opml version="2.0"><body><outline text="a" xmlUrl="https://a.example/"></body></opml>',
            "mismatched tag",
        ),
        ("<opml><body>", "no element found"),
        ('<rss version="2.0"><channel/></rss>', "not an OPML file (the document is <rss>)"),
        ("\x00\x01 binary", "not a valid OPML file"),
    ],
    ids=["empty", "unclosed-outline", "truncated", "rss", "binary"],
)
def test_malformed_opml_is_one_clear_error(document, message):
    result = parse_opml(document)
    assert result.feeds == [] and message in result.error


def test_billion_laughs_does_not_expand():
    def level(i: int) -> str:
        ref = f"&lol{i - 1};" if i > 1 else "&lol;"
        return f'<!ENTITY lol{i} "{ref * 10}">'

    lols = '<!ENTITY lol "lol">' + "".join(level(i) for i in range(1, 10))
    doc = f'<?xml version="1.0"?><!DOCTYPE opml [{lols}]><opml version="2.0"><body><outline text="&lol9;" xmlUrl="https://a.example/"/></body></opml>'
    result = parse_opml(doc)
    assert result.feeds == [] and result.error.startswith("refused OPML file: it declares XML entities")


def test_xxe_does_not_read_files(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    doc = f'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file://{secret}">]><opml><body><outline text="&x;" xmlUrl="https://a.example/"/></body></opml>'
    result = parse_opml(doc)
    assert result.feeds == [] and "refused" in result.error and "TOP-SECRET" not in result.error


def test_external_dtd_is_not_fetched():
    doc = '<?xml version="1.0"?><!DOCTYPE opml SYSTEM "file:///dev/zero"><opml><body><outline text="a" xmlUrl="https://a.example/"/></body></opml>'
    assert [f.url for f in parse_opml(doc).feeds] == ["https://a.example/"]


def test_encodings_are_honoured():
    latin = '<?xml version="1.0" encoding="ISO-8859-1"?><opml><body><outline text="Café" xmlUrl="https://c.example/"/></body></opml>'
    assert parse_opml(latin.encode("latin-1")).feeds[0].title == "Café"
    utf16 = "\ufeff" + latin.replace("ISO-8859-1", "UTF-16")
    assert parse_opml(utf16.encode("utf-16-le")).feeds[0].title == "Café"


def test_read_opml_reports_missing_files(tmp_path):
    assert read_opml(tmp_path / "nope.opml").error.endswith("no such file")


def test_export_is_well_formed_escaped_and_round_trips():
    feeds = [
        OpmlFeed(
            "https://a.example/feed?x=1&y=2", 'A & B <i>"quoted"</i>', "Tech/Python", "https://a.example/"
        ),
        OpmlFeed("https://b.example/rss", "Bé\nline", None, None),
        OpmlFeed("https://c.example/rss", "C", "Tech", None),
    ]
    text = export_opml(feeds, title="Mine & yours", created=datetime(2024, 1, 2, tzinfo=UTC))
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    assert "<dateCreated>Tue, 02 Jan 2024 00:00:00 GMT</dateCreated>" in text
    back = parse_opml(text)
    assert back.error is None and back.problems == [] and back.title == "Mine & yours"
    expected = {(f.url, " ".join(f.title.split()), f.folder, f.html_url) for f in feeds}
    assert {(f.url, f.title, f.folder, f.html_url) for f in back.feeds} == expected


def test_export_accepts_plain_tuples():
    text = export_opml([("https://t.example/", "T", "News", None)])
    assert parse_opml(text).feeds == [OpmlFeed("https://t.example/", "T", "News", None)]


@needs_shared
@pytest.mark.slow
def test_opml_corpus_imports_without_exceptions():
    files = sorted(p for p in (CORPORA / "opml").rglob("*") if p.is_file() and p.suffix != ".md")
    results = [read_opml(p) for p in files]
    assert len(results) == len(files) > 100
    assert sum(len(r.feeds) for r in results) > 1000
    for r in results:
        assert (r.error is None) or (r.feeds == [] and isinstance(r.error, str))
        assert all(f.url.startswith(("http://", "https://")) for f in r.feeds)
    # newsboat runs "|command" subscriptions; another reader must refuse them
    piped = read_opml(CORPORA / "opml" / "newsboat" / "piped.opml")
    assert [f.url for f in piped.feeds] == ["https://example.com/feed.atom"]
    assert (
        piped.problems
        and "|~/fetch_tweets.py" in piped.problems[0]
        and "not a web address" in piped.problems[0]
    )
