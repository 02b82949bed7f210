"""The Textual app of newsreader. Imports nothing heavy: no spaCy here, ever."""
