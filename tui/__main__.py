"""``python -m tui`` runs the newsreader command line."""

import sys

from .cli import main

sys.exit(main())
