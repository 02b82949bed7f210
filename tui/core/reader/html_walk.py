"""The one HTML walker: libxml2 parser events in, one-line ``(kind, text)`` parts out.

Article pages (:mod:`.html`) and the HTML of feed items (:mod:`tui.core.feeds.html_text`) go
through the same :class:`HtmlWalker`; what differs between them is data, a :class:`WalkRules`:
which tags start a block, which give their text a kind, which are not walked at all, and whether
page rules apply (``<title>``, ``<meta>`` and ``<time>``, the first ``<h1>`` as headline,
credit classes, hidden elements and page chrome). See :data:`ARTICLE_RULES` and :data:`FEED_RULES`.

The walker keeps its own state on an explicit stack of open elements, so nothing recurses however
deep the markup nests. Articles feed it straight from libxml2's parser target (no tree is built,
so there is no tree-depth limit); feed items parse to an lxml tree first, which :func:`walk_tree`
turns into the same events.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from ..models import BLOCKQUOTE, CAPTION, CODE, CREDIT, HEADLINE, IMAGE, LIST_ITEM, SUBHEAD
from ..sanitize import clean_text, strip_controls
from .html_lists import Anchors, Lists

if TYPE_CHECKING:
    import lxml.etree

VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_CELL_TAGS = frozenset({"td", "th"})
_MAIN_TAGS = frozenset({"article", "main"})
# Page chrome around an article; an unclosed one could swallow the page (see reader.html).
CHROME_TAGS = frozenset({"nav", "footer", "aside", "form"})
_NEVER_CHROME = frozenset({"html", "body", "article", "main"})
# Class/id words of page chrome; matched as whole words of the attribute ("share-bar", "site_footer").
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|sidebar|share|sharing|social|newsletter|subscribe|"
    r"advert|advertisement|ad|ads|promo|related|recirc|cookie|cookies|comments?|breadcrumbs?|"
    r"skip-link|paywall|signup)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CREDIT_CLASS = re.compile(r"(?:^|[\s_-])(?:credit|credits|byline|copyright)(?:$|[\s_-])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class WalkRules:
    """What tags mean for one kind of input."""

    blocks: frozenset[str]  # elements that start and end a block of text
    kinds: Mapping[str, str]  # the kind an element gives the text inside it
    dropped: frozenset[str] = frozenset()  # not walked at all: no text, links or structure inside
    textless: frozenset[str] = frozenset()  # text inside dropped; <meta>, headings... still seen
    page: bool = False  # a whole page: <title>, <meta>, first <h1> headline, credit classes, hidden, chrome
    clean: bool = False  # clean_text each block: character references decode after the input was cleaned


ARTICLE_RULES = WalkRules(
    blocks=frozenset(
        "p div section article main header h1 h2 h3 h4 h5 h6 li ul ol dl dt dd figure figcaption "
        "blockquote pre table tr thead tbody tfoot caption address center details summary hr br title "
        "body".split()
    ),
    kinds={
        **{f"h{i}": SUBHEAD for i in range(2, 7)},
        "li": LIST_ITEM,
        "dt": LIST_ITEM,
        "dd": LIST_ITEM,
        "figcaption": CAPTION,
        "blockquote": BLOCKQUOTE,
        "pre": CODE,
    },
    textless=frozenset(
        "script style noscript template svg math button select option textarea iframe object embed "
        "canvas audio video head".split()
    ),
    page=True,
)
FEED_RULES = WalkRules(
    blocks=frozenset(
        "p div section article main header footer aside nav blockquote address center details summary "
        "h1 h2 h3 h4 h5 h6 li dt dd ul ol dl menu figure figcaption caption table thead tbody tfoot tr "
        "pre hr br body html".split()
    ),
    kinds={
        **{f"h{i}": SUBHEAD for i in range(1, 7)},
        "li": LIST_ITEM,
        "dt": LIST_ITEM,
        "dd": LIST_ITEM,
        "figcaption": CAPTION,
        "caption": CAPTION,
        "blockquote": BLOCKQUOTE,
        "pre": CODE,
    },
    dropped=frozenset(
        "script style iframe frame frameset form noscript template object embed applet svg math button "
        "input select option textarea head title meta link base canvas audio video map area".split()
    ),
    clean=True,
)

Part = tuple[str | None, str, bool]  # (kind, or None for plain text; one-line text; inside <article>/<main>)


class Open(NamedTuple):
    """An open element: what it sets itself, and the state its content is in."""

    tag: str
    own_kind: str | None
    own_skip: bool
    kind: str | None  # kind given to text inside (nearest element that sets one)
    skip: bool  # text inside is dropped
    main: bool  # inside <article>/<main>
    pre: bool  # inside <pre>: lines and spaces kept, one CODE part


_ROOT = Open("", None, False, None, False, False, False)
_new = tuple.__new__  # Open(...) without the NamedTuple's Python-level __new__: one per element walked
_LIST_TAGS = frozenset({"ul", "ol", "menu", "li"})


class HtmlWalker:
    """Parser target: libxml2 (or :func:`walk_tree`) calls start/end/data; text gathers into :attr:`parts`.

    ``drop_chrome`` skips page chrome (page rules only); ``max_chars`` caps the text, ending it at a
    block boundary and setting :attr:`truncated`; ``on_link`` is called with the ``href`` of every
    ``<a>`` walked (outside skipped elements) and returns the link's number, which follows the link's
    text as ``marker(n)`` (``[n]``); ``on_link_text`` is then told that text (raw: the caller cleans it).

    Faithful to the markup: ``<pre>`` becomes one :data:`CODE` part with its lines and indentation;
    list items start with their bullet or number, indented by nesting (:class:`~.html_lists.Lists`);
    ``<img>`` becomes an :data:`IMAGE` part, ``[image: alt]``.
    """

    def __init__(
        self,
        rules: WalkRules,
        *,
        drop_chrome: bool = False,
        max_chars: int | None = None,
        on_link: Callable[[str | None], int | None] | None = None,
        marker: Callable[[int], str] = "[{}]".format,
        on_link_text: Callable[[int, str], None] | None = None,
    ) -> None:
        self.rules = rules
        self.drop_chrome = drop_chrome
        self.max_chars = max_chars
        self.on_link = on_link
        self.on_link_text = on_link_text
        self.marker = marker
        # Open elements, each with the state it gives its content (inherited from its parent), so
        # every lookup reads only the top of the stack however deep the page nests. The root's state
        # stays at the bottom, so there is always a top.
        self.stack: list[Open] = [_ROOT]
        self.ignoring = 0  # depth inside a dropped element
        self.buf: list[str] = []
        self.parts: list[Part] = []
        self.chars = 0
        self.truncated = False
        self.lists = Lists()
        self.anchors = Anchors()
        # Page rules only.
        self.title: list[str] = []
        self.meta: dict[str, str] = {}
        self.time: str | None = None
        self.seen_h1 = False

    def flush(self) -> None:
        """End the current block: its text, whitespace collapsed, becomes a part unless skipped."""
        buf = self.buf
        if not buf:
            return
        text = "".join(buf)
        buf.clear()
        if text.isspace():  # no part, however it is cleaned or laid out (and no list mark used)
            return
        top = self.stack[-1]
        if top.pre:
            text = code_text(clean_text(text) if self.rules.clean else text)
        else:
            # Newlines are whitespace to split() like any other: only the controls need cleaning.
            text = " ".join((strip_controls(text) if self.rules.clean else text).split())
            if text and top.kind == LIST_ITEM:
                text = self.lists.mark() + text
        if text and not top.skip:
            self._emit(CODE if top.pre else top.kind, text, top.main)

    def _emit(self, kind: str | None, text: str, main: bool) -> None:
        if self.truncated:
            return
        if self.max_chars is not None:
            room = self.max_chars - self.chars
            if len(text) > room:
                self.truncated = True
                if room < 100:
                    return
                text = text[: room - 1] + "…"
            self.chars += len(text) + 2
        self.parts.append((kind, text, main))

    # -- parser target --
    def start(self, tag: str, attrib: Mapping[str, str]) -> None:
        if self.truncated:
            return
        rules = self.rules
        if self.ignoring or tag in rules.dropped:
            self.ignoring += 1
            return
        marks = ""
        a: dict[str, str] = {}
        if rules.page:
            a = {k: v or "" for k, v in attrib.items()}
            if self._page_meta(tag, a):
                return
            marks = f"{a.get('class', '')} {a.get('id', '')}".strip()
        void = tag in VOID_TAGS
        # Without page rules there are no class marks and no headline: the kind is the tag's own.
        kind = None if void else self._tag_kind(tag, marks) if rules.page else rules.kinds.get(tag)
        top = self.stack[-1]
        if top.pre:
            if tag == "br":  # markup inside <pre> never reflows it: a break is a newline
                self.buf.append("\n")
        elif tag in _CELL_TAGS:
            self.buf.append(" ")
        elif tag in rules.blocks or kind:
            # An inline element that changes the kind ("<span class=credit>") starts a block too.
            self.flush()
        if tag == "img" and not top.skip and "hidden" not in attrib:
            self._image(attrib, top)
        if void:
            return
        skip = tag in rules.textless
        if rules.page:
            skip = skip or "hidden" in a or a.get("aria-hidden") == "true"
            if self.drop_chrome and not skip:
                skip = tag in CHROME_TAGS or a.get("role", "") in ("navigation", "banner", "complementary")
                # Page-level containers carry many theme classes ("has-sidebar"): judge only inner elements.
                skip = skip or bool(marks and tag not in _NEVER_CHROME and _CHROME.search(marks))
        main = tag in _MAIN_TAGS or a.get("role") == "main"
        # What the element gives its content: its own settings, else its parent's.
        opened = (
            tag,
            kind,
            skip,
            kind or top.kind,
            skip or top.skip,
            main or top.main,
            tag == "pre" or top.pre,
        )
        self.stack.append(_new(Open, opened))
        if tag in _LIST_TAGS:
            self.lists.start(tag, attrib)
        elif tag == "a":
            number = None
            if self.on_link is not None and not skip and not top.skip:
                number = self.on_link(attrib.get("href"))
            self.anchors.start(number, len(self.parts), len(self.buf))

    def _image(self, attrib: Mapping[str, str], top: Open) -> None:
        """``[image: alt]`` as a part of its own; an emoji's alt stays in the text; pixels are dropped."""
        if any((attrib.get(k) or "").strip() in ("0", "1") for k in ("width", "height")):
            return  # a tracking pixel
        alt = " ".join(clean_text(attrib.get("alt") or "").split())
        if alt and len(alt) <= 2 or top.pre:
            self.buf.append(alt)
            return
        text = f"[image: {alt[:300]}]" if alt else "[image]"
        number = self.anchors.claim()
        self.flush()
        if not top.skip:
            self._emit(IMAGE, text + (self.marker(number) if number else ""), top.main)

    def _page_meta(self, tag: str, a: dict[str, str]) -> bool:
        """Note what ``<meta>``, ``<link rel=canonical>`` and ``<time>`` say; True for the first two."""
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"]
            return True
        if tag == "link" and "canonical" in a.get("rel", "").lower().split():
            self.meta.setdefault("canonical", a.get("href", ""))
            return True
        if tag == "time" and self.time is None and a.get("datetime"):
            self.time = a["datetime"]
        return False

    def _tag_kind(self, tag: str, marks: str) -> str | None:
        if tag == "h1" and self.rules.page:
            kind = SUBHEAD if self.seen_h1 else HEADLINE
            self.seen_h1 = True
            return kind
        kind = self.rules.kinds.get(tag)
        if kind is None and marks and _CREDIT_CLASS.search(marks):
            return CREDIT
        return kind

    def end(self, tag: str) -> None:
        if self.truncated:
            return
        if self.ignoring:
            self.ignoring -= 1
            return
        # Every start has its end (libxml2 closes what the page leaves open); voids were never pushed.
        stack = self.stack
        if tag in VOID_TAGS or len(stack) == 1:
            return
        top = stack[-1]
        if tag == "a":
            ended = self.anchors.end(len(self.parts), self.buf)
            if ended is not None and not top.skip and not top.pre:
                number, text = ended
                if self.on_link_text is not None:
                    self.on_link_text(number, text)
                self.buf.append(self.marker(number))
        if top.pre and tag != "pre":
            if tag in self.rules.blocks:
                self.buf.append("\n")
        elif tag in _CELL_TAGS:
            self.buf.append(" ")
        elif tag in self.rules.blocks or top.own_kind:
            self.flush()
        if tag in _LIST_TAGS:
            self.lists.end(tag)
        stack.pop()

    def data(self, data: str) -> None:
        if self.truncated or self.ignoring:
            return
        top = self.stack[-1]
        if top.tag == "title" and self.rules.page:
            self.title.append(data)
            return
        if top.skip:
            return
        self.buf.append(data)

    def close(self) -> HtmlWalker:
        return self


def code_text(text: str) -> str:
    """Preformatted text as shown: tabs expanded, trailing spaces and blank edge lines gone."""
    lines = [line.rstrip() for line in text.expandtabs(4).split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def walk_tree(root: lxml.etree._Element, walker: HtmlWalker) -> None:
    """Give ``walker`` the events of an lxml tree, then end the last block.

    An explicit stack of (element, entering?) replaces recursion: deep nesting cannot exhaust
    Python's stack. Walking stops once the walker has truncated its text.
    """
    start, end, data = walker.start, walker.end, walker.data  # called for every element
    stack: list[tuple[lxml.etree._Element, bool]] = [(root, True)]
    while stack and not walker.truncated:
        el, entering = stack.pop()
        tag = el.tag
        if not isinstance(tag, str):  # a comment or processing instruction: only its tail is text
            if el.tail:
                data(el.tail)
            continue
        tag = tag.lower()
        if entering:
            stack.append((el, False))
            start(tag, el.attrib)
            text = el.text
            if text:
                data(text)
            if len(el):
                stack.extend([(child, True) for child in reversed(el)])
        else:
            end(tag)
            text = el.tail
            if text:
                data(text)
    walker.flush()
