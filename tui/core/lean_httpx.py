"""httpx without its command-line client.

``import httpx`` also imports httpx's own command-line client whenever click is installed (spaCy
installs it): click, rich's syntax and pygments, about 90 ms of every command that fetches, a
tenth of a conditional refresh. We never run that client. A ``None`` entry in ``sys.modules``
makes that one import fail, and httpx then defines its stub ``main``, its own fallback for an
install without the CLI extra. Import httpx from here.
"""

import sys

sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

import httpx  # noqa: E402 - after the entry above, by design

__all__ = ["httpx"]
