"""``python -m tui`` runs the newsreader command line."""

from .cli import run

run()
