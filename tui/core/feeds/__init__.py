"""Feeds: fetching, parsing, HTML to text, full text and OPML (Textual-free, no storage)."""
