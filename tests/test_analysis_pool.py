"""Analysis in worker processes: same analyses as in-process, jobs taken only as processes come
free, a pass that resumes, processes that end when idle or closed, and the fallbacks."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator

import pytest

from tui.core.analysis import ANALYZER_VERSION
from tui.core.analysis import pool as pool_module
from tui.core.analysis.pool import AnalysisPool, analysis_processes
from tui.core.errors import ModelUnavailable
from tui.core.library import Library
from tui.core.models import Analysis, Document
from tui.core.scheduler import AnalysisJob

from .conftest import SEEDS


class TitleAnalyzer:
    """Stands in for the model in this process: an analysis whose summary is the title."""

    version = ANALYZER_VERSION
    loaded = True

    def __init__(self) -> None:
        self.seen: list[str] = []

    def analyze_many(self, docs: Iterable[Document]) -> Iterator[Analysis]:
        for doc in docs:
            self.seen.append(doc.title or "")
            yield Analysis([], [], [doc.title or ""], ANALYZER_VERSION)


def seeded(path, **kwargs) -> Library:
    library = Library.open(path, **kwargs)
    library.seed(SEEDS)
    return library


def counted(ids: list[int], pulled: list[int]) -> Iterator[AnalysisJob]:
    """Background jobs for ``ids``, noting each one as it is taken."""
    for aid in ids:
        pulled.append(aid)
        yield AnalysisJob(aid, foreground=False)


def wait_until(condition, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.05)


def test_one_process_per_core_unless_told_otherwise():
    cores = len(os.sched_getaffinity(0))
    assert analysis_processes({}) == cores
    assert analysis_processes({"NEWSREADER_ANALYSIS_PROCESSES": "3"}) == 3
    assert analysis_processes({"NEWSREADER_ANALYSIS_PROCESSES": "0"}) == 1
    assert analysis_processes({"NEWSREADER_ANALYSIS_PROCESSES": "many"}) == cores


def test_no_model_is_one_line_before_any_process_starts(tmp_path, monkeypatch):
    monkeypatch.setattr(pool_module, "model_installed", lambda: False)
    with seeded(tmp_path / "library.db", processes=2) as library:
        first = library.unanalysed()[0]
        with pytest.raises(ModelUnavailable, match="^no English spaCy model found: install "):
            library.analyze(first)
        assert not library.model_loaded and library.cached_analysis(first) is None


def test_processes_that_cannot_start_leave_the_analysis_to_this_process(tmp_path, monkeypatch):
    def no_processes(*args, **kwargs):
        raise OSError("no semaphores here")

    monkeypatch.setattr(pool_module, "ProcessPoolExecutor", no_processes)
    analyzer = TitleAnalyzer()
    with seeded(tmp_path / "library.db", analyzer=analyzer, processes=2) as library:
        ids = library.unanalysed()
        analyses = library.analyze_many(ids)
        assert library.analysis_processes == 1
        assert [a.summary[0] for a in analyses] == [library.document(i).title for i in ids]
        assert library.unanalysed() == []


def test_in_process_jobs_are_taken_one_at_a_time_and_cached_ones_skip_the_model(tmp_path):
    analyzer = TitleAnalyzer()
    with seeded(tmp_path / "library.db", analyzer=analyzer) as library:
        ids = library.unanalysed()
        pulled: list[int] = []
        results = library.analyze_jobs(counted(ids, pulled))
        job, _ = next(results)
        # Whoever orders the jobs can still put the article on screen first: nothing more was taken.
        assert pulled == [ids[0]] and job.article_id == ids[0]
        results.close()
        analyzer.seen.clear()
        again = [job.article_id for job, _ in library.analyze_jobs(counted(ids, []))]
        assert again == ids and len(analyzer.seen) == len(ids) - 1


@pytest.mark.slow
def test_the_pool_gives_the_same_analyses_as_this_process(tmp_path, analyzer):
    with seeded(tmp_path / "library.db", processes=2) as library:
        ids = library.unanalysed()
        pooled = library.analyze_many(ids)
        expected = list(analyzer.analyze_many(library.document(i) for i in ids))
        assert pooled == expected
        assert [a.to_json() for a in pooled] == [a.to_json() for a in expected]
        assert [library.cached_analysis(i) for i in ids] == expected
        assert library.model_loaded


@pytest.mark.slow
def test_the_pool_takes_jobs_only_as_processes_come_free(tmp_path):
    with seeded(tmp_path / "library.db", processes=2) as library:
        ids = library.unanalysed()
        pulled: list[int] = []
        results = library.analyze_jobs(counted(ids, pulled))
        next(results)
        # One job per process: the article on screen would wait for the first process to come free.
        assert len(pulled) == 2
        results.close()


@pytest.mark.slow
def test_an_interrupted_pass_keeps_what_it_finished_and_resumes(tmp_path):
    path = tmp_path / "library.db"
    with seeded(path, processes=2) as library:
        ids = library.unanalysed()
        results = library.analyze_jobs(counted(ids, []))
        finished = dict(next(results) for _ in range(3))
        # Closing the library stops the processes, jobs in progress included: the pass ends quietly.
        library.close()
        assert list(results) == []
        left = library.unanalysed()
        assert len(left) <= len(ids) - 3
        for job, analysis in finished.items():
            assert job.article_id not in left
            assert library.cached_analysis(job.article_id) == analysis
    with Library.open(path, processes=2) as library:
        assert library.unanalysed() == left
        resumed = {job.article_id for job, _ in library.analyze_jobs(counted(left, []))}
        assert resumed == set(left) and library.unanalysed() == []
        for job, analysis in finished.items():
            assert library.cached_analysis(job.article_id) == analysis


@pytest.mark.slow
def test_idle_processes_end_and_come_back_for_the_next_job(tmp_path):
    with seeded(tmp_path / "library.db", processes=1) as library:
        doc = library.document(library.unanalysed()[0])
    pool = AnalysisPool(2, idle=0.2)
    try:
        first = pool.submit([doc]).result()
        wait_until(lambda: not pool.running, "the idle processes ended")
        assert not pool.warm
        assert pool.submit([doc]).result() == first
    finally:
        pool.close()


@pytest.mark.slow
async def test_the_app_analyses_in_worker_processes_and_shows_the_pass(tmp_path):
    from tui.ui.app import NewsApp
    from tui.ui.messages import Analysed
    from tui.ui.screens.reader import ReaderScreen

    from .test_app import SIZE, wait_for

    seen: list[tuple[int, bool, int, int]] = []

    class RecordingReader(ReaderScreen):
        def on_analysed(self, message: Analysed) -> None:
            seen.append((message.article_id, message.foreground, message.done, message.total))
            super().on_analysed(message)

    class PoolApp(NewsApp):
        def get_default_screen(self) -> ReaderScreen:
            return RecordingReader(self.library, self.open_article)

    library = seeded(tmp_path / "library.db", processes=2)
    rows = library.articles()
    app = PoolApp(library)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        # (bounds, not timings: two processes loading the model on a busy machine took 49 s)
        await wait_for(pilot, lambda: screen.analysis is not None, "the open article analysed", 6000)

        def finished() -> bool:
            return len(seen) == len(rows) and "All articles analysed" in screen.status_bar.line.right

        await wait_for(pilot, finished, "the pass", 6000)
        assert screen.analysis is not None and screen.analysis == library.cached_analysis(rows[0].id)
        assert all(r.analysed for r in screen.sidebar.rows.values())
    # The article on screen as itself, the rest of the library counted through to the end.
    assert [(aid, foreground) for aid, foreground, _, _ in seen if foreground] == [(rows[0].id, True)]
    background = [(done, total) for _, foreground, done, total in seen if not foreground]
    assert sorted(done for done, _ in background) == list(range(1, len(rows)))
    assert {total for _, total in background} == {len(rows) - 1}
    assert library.unanalysed() == []
    library.close()


@pytest.mark.slow
def test_processes_start_under_a_ui_that_replaced_stderr(tmp_path):
    import subprocess
    import sys

    code = """
import sys
from pathlib import Path

class Capture:  # what Textual puts in sys.stderr while the app runs
    def write(self, text): return len(text)
    def flush(self): pass
    def fileno(self): return -1

sys.stderr = Capture()
from tui.core.library import Library

with Library.open(sys.argv[1], processes=2) as library:
    library.seed(Path(sys.argv[2]))
    print(len(library.analyze_many(library.unanalysed()[:2])))
"""
    args = [sys.executable, "-c", code, str(tmp_path / "library.db"), str(SEEDS)]
    r = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert (r.returncode, r.stdout) == (0, "2\n"), r.stderr
