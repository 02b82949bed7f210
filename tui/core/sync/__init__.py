"""Sync with a Tiny Tiny RSS server: its API client, one sync's steps, the password's keeping.

Front ends reach it through ``Library.sync`` (:class:`tui.core.sync_service.SyncService`).
"""
