"""Feed subcommands of the CLI (add, remove, feeds, import, export, refresh)."""

from __future__ import annotations

import argparse


def add_feed_commands(sub: argparse._SubParsersAction) -> None:
    """Feed commands arrive with the feeds work; nothing is registered yet."""
