"""The status line as a plain value: what it says for each state of the reader (no Textual)."""

from __future__ import annotations

from tui.ui.status import (
    AnalysisState,
    StatusLine,
    count,
    refresh_progress,
    refreshed_notice,
    status_line,
)


def line(**state) -> StatusLine:
    facts = {"articles": 12, "unread": 3, "feed_error": None, "analysis": AnalysisState(), "activity": ""}
    return status_line(**{**facts, **state})


def test_counts_on_the_left_and_a_quiet_right_when_all_is_done():
    assert line() == StatusLine("12 articles · 3 unread", "", "All articles analysed", False)
    assert line(articles=1).left == "1 article · 3 unread"


def test_the_chosen_feed_error_is_a_clean_note():
    assert line(feed_error="HTTP 500\x1b[31m\u202e from server").note == "! HTTP 500[31m from server"


def test_the_analysis_on_screen_comes_before_the_library_pass():
    loading = line(
        analysis=AnalysisState(on_screen=True, model_loaded=False, progress="Analysing library 2/9…")
    )
    assert (loading.right, loading.busy) == ("Loading language model…", True)
    assert line(analysis=AnalysisState(on_screen=True)).right == "Analysing…"
    assert line(analysis=AnalysisState(progress="Analysing library 2/9…")).right == "Analysing library 2/9…"


def test_a_failed_model_is_said_and_not_busy():
    failed = line(analysis=AnalysisState(error="Analysis unavailable: no model", on_screen=True))
    assert (failed.right, failed.busy) == ("Analysis unavailable: no model", False)


def test_feed_activity_goes_first_and_makes_it_busy():
    busy = line(activity="Refreshing 3 feeds…", analysis=AnalysisState(progress="Analysing library 2/9…"))
    assert busy.right == "Refreshing 3 feeds… · Analysing library 2/9…" and busy.busy


def test_work_going_on_takes_the_place_of_the_resting_analysis_note():
    """At 80 columns, "Refreshing feeds 13/15 · Hostile test feed · All articles analysed" beside
    the counts and the progress bar was cut mid-word ("All articles a…")."""
    assert (
        line(activity="Refreshing 13/15 · Hostile test feed").right == "Refreshing 13/15 · Hostile test feed"
    )
    assert line(sync="Syncing…").right == "Syncing…"
    assert line(sync="synced 12:03").right == "synced 12:03 · All articles analysed"


def test_count_words():
    assert (count(1, "person", "people"), count(2, "person", "people"), count(0, "quote")) == (
        "1 person",
        "2 people",
        "0 quotes",
    )


def test_a_stopped_pass_says_so():
    assert line(analysis=AnalysisState(stopped=True)).right == "Background analysis stopped"


def test_a_refresh_s_progress_leaves_room_for_the_counts_at_80_columns():
    """A long feed name pushed the counts off the line ("21…Refreshing feeds 15/15 · heise
    developer neueste Meldungen"): the name is cut at a word, and the line fits 80 columns
    beside the progress bar (16 columns) with room for "218 articles · 192 unread"."""
    shown = refresh_progress(15, 15, "heise developer neueste Meldungen")
    assert shown == "Refreshing 15/15 · heise developer…"
    assert len(shown) + len("218 articles · 192 unread") + 16 <= 80
    assert refresh_progress(1, 2, "[b]x\x1b[31m") == "Refreshing 1/2 · [b]x[31m"
    assert refresh_progress(1, 2, None) == "Refreshing 1/2 · feed"


def test_a_refresh_counts_new_articles_from_the_feeds_that_worked():
    assert refreshed_notice(3, 8, [], "!") == "3 new articles from 8 feeds"
    assert refreshed_notice(1, 8, ["Quay Post"], "!") == (
        "1 new article from 7 feeds; 1 feed failed: Quay Post (! shows why)"
    )
    # r on one failing feed (or r in the failing feeds view): no "0 new articles from 1 feed".
    assert refreshed_notice(0, 1, ["Quay Post"], "!") == "1 feed failed: Quay Post (! shows why)"
    assert refreshed_notice(0, 5, list("abcde"), "!") == "5 feeds failed: a, b, c and 2 more (! shows why)"
