"""The analysis queue: the article on screen first, then visible, unread, newest; stoppable; no polling."""

from __future__ import annotations

from tui.core.models import ArticleRow
from tui.core.scheduler import AnalysisQueue


def row(article_id: int, *, read: bool = False, analysed: bool = False) -> ArticleRow:
    return ArticleRow(article_id, f"t{article_id}", None, None, read, False, None, None, None, analysed)


def drain(queue: AnalysisQueue) -> list[int]:
    out = []
    while (job := queue.next()) is not None:
        out.append(job.article_id)
    return out


def test_order_is_on_screen_visible_unread_then_newest():
    queue = AnalysisQueue()
    # Newest first: 1 is newest. 2 and 4 are read; 5 is analysed already.
    queue.offer([row(1, read=False), row(2, read=True), row(3), row(4, read=True), row(5, analysed=True)])
    queue.show([4])
    queue.focus(2)
    assert drain(queue) == [2, 4, 1, 3]


def test_background_jobs_count_the_pass():
    queue = AnalysisQueue()
    queue.offer([row(1), row(2), row(3)])
    jobs = [queue.next() for _ in range(3)]
    assert [(j.done, j.total) for j in jobs] == [(1, 3), (2, 3), (3, 3)]
    assert queue.next() is None and queue.waiting == 0


def test_the_article_on_screen_leaves_the_pass_count():
    queue = AnalysisQueue()
    queue.offer([row(1), row(2), row(3)])
    queue.focus(3)
    first = queue.next()
    assert first is not None and first.foreground and first.article_id == 3
    rest = [queue.next() for _ in range(2)]
    assert [(j.done, j.total) for j in rest] == [(1, 2), (2, 2)]


def test_stopping_keeps_the_article_on_screen_until_new_articles_are_offered():
    queue = AnalysisQueue()
    queue.offer([row(1), row(2)])
    queue.stop_background()
    assert queue.next() is None and queue.waiting == 0
    queue.focus(2)
    job = queue.next()
    assert job is not None and job.foreground
    queue.offer([row(1), row(3)])
    assert drain(queue) == [1, 3]


def test_a_reoffer_counts_only_new_articles_and_drops_analysed_ones():
    queue = AnalysisQueue()
    queue.offer([row(1), row(2), row(3)])
    assert queue.next().article_id == 1
    queue.offer([row(9), row(2, analysed=True), row(3)])  # 9 is new; 2 was analysed meanwhile
    jobs = [queue.next() for _ in range(2)]
    assert [j.article_id for j in jobs] == [9, 3]
    assert (jobs[-1].done, jobs[-1].total) == (3, 3)


def test_a_drainer_is_asked_for_once_and_ends_when_the_queue_is_empty():
    queue = AnalysisQueue()
    assert queue.offer([]) is False  # nothing to do: no drainer
    assert queue.offer([row(1)]) is True  # work: start one
    assert queue.focus(2) is False  # one is running already
    assert [queue.next().article_id, queue.next().article_id] == [2, 1]
    assert queue.next() is None  # the drainer ends here...
    assert queue.focus(3) is True  # ...so new work asks for a new one


def test_a_closed_queue_gives_nothing_and_asks_for_no_drainer():
    queue = AnalysisQueue()
    assert queue.offer([row(1), row(2)])
    queue.close()
    assert queue.next() is None
    assert queue.focus(3) is False and queue.offer([row(4)]) is False


def test_discard_forgets_an_article_that_went_away():
    queue = AnalysisQueue()
    queue.offer([row(1), row(2)])
    queue.focus(2)
    queue.discard(2)
    assert drain(queue) == [1]
