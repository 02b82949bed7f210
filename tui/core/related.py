"""Related quotes of an article: quotes elsewhere in the library by its speakers, or by others
about its main people, organisations and places.

The same words again are not related: the other outlets of wire copy carry the article's own
quotes word for word, and the pane would list each of them once per outlet.
"""

from __future__ import annotations

from .models import Analysis, Quote, RelatedQuote, quote_words
from .store import AnalysisRepo

_TOPIC_LABELS = ("PERSON", "ORG", "GPE", "NORP", "EVENT", "LOC", "FAC")
_TOPIC_MENTIONS = 2  # mentions that make a name a topic of the article


def find_related_quotes(
    analyses: AnalysisRepo, own: str, analysis: Analysis, version: str, limit: int
) -> list[RelatedQuote]:
    """Quotes by the speakers of the article with hash ``own`` or about its main entities."""
    speakers = {q.speaker for q in analysis.speech if q.speaker}
    counts = analysis.entity_counts()
    top = [key for key, _n in sorted(counts.items(), key=lambda kv: -kv[1]) if key[1] in _TOPIC_LABELS][:6]
    people = [name for name, label in top if label == "PERSON"]
    # What others said about it: about what it names again (named once, in passing, is no topic),
    # and not a group's adjective ("American drivers" made a quote of "a new American moment"
    # related to a post about Uber).
    main = [name for name, label in top if counts[(name, label)] >= _TOPIC_MENTIONS and label != "NORP"]
    by_speaker = analyses.quotes_by_speakers(speakers | set(people), version)
    mentioning = analyses.hashes_mentioning(main, version)
    hashes = {ref.hash for ref in by_speaker} | set(mentioning)
    hashes.discard(own)
    # Its own quotes, and then each quote shown: the same words reported by another outlet (in
    # another text) are no second related quote.
    own_words = {quote_words(q.text) for q in analysis.speech}
    titles = analyses.articles_by_hash(hashes)
    out: list[RelatedQuote] = []
    seen: set[tuple[str, int]] = set()
    cache: dict[str, Analysis | None] = {}

    def quotes_of(h: str) -> list[Quote | None]:
        """The quotes of the analysis with hash ``h``, its quoted terms as None (no related quotes)."""
        if h not in cache:
            cache[h] = analyses.get(h, version)
        a = cache[h]
        return [None if term else q for q, term in zip(a.quotes, a.term_marks(), strict=True)] if a else []

    for ref in by_speaker:
        h, idx = ref.hash, ref.index
        if h not in titles or (h, idx) in seen:
            continue
        qs = quotes_of(h)
        if idx < len(qs):
            seen.add((h, idx))
            q = qs[idx]
            if q is None or quote_words(q.text) in own_words:  # (its own quote, from another outlet)
                continue
            own_words.add(quote_words(q.text))
            # The pane shows the speaker already ("— Tim Cook"): say why, not who again.
            reason = "same speaker" if q.speaker in speakers else "speaker named here"
            out.append(RelatedQuote(titles[h].id, titles[h].title, q, reason))
    for h, names in mentioning.items():
        if h not in titles:
            continue
        for idx, q in enumerate(quotes_of(h)):
            if (h, idx) in seen or q is None or quote_words(q.text) in own_words:
                continue
            about = next((n for n in main if n in names and n != q.speaker and _mentions(q.text, n)), None)
            if about:
                seen.add((h, idx))
                own_words.add(quote_words(q.text))
                out.append(RelatedQuote(titles[h].id, titles[h].title, q, f"about {about}"))
    return out[:limit]


def _mentions(text: str, name: str) -> bool:
    """Does ``text`` mention ``name`` (full name or its last word)?"""
    if name in text:
        return True
    last = name.split()[-1]
    return len(last) > 3 and last in text
