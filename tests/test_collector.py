"""Bulk work collects less often, and leaves the collector as it found it."""

from __future__ import annotations

import gc

from tui.core.collector import BULK_THRESHOLD, bulk_allocations


def test_bulk_allocations_nest_and_restore_the_collector():
    before = gc.get_threshold()
    with bulk_allocations():
        assert gc.get_threshold()[0] == BULK_THRESHOLD
        assert gc.get_freeze_count() > 0
        with bulk_allocations():
            assert gc.get_threshold()[0] == BULK_THRESHOLD
        assert gc.get_threshold()[0] == BULK_THRESHOLD  # the outer block still runs
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
