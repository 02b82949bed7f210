"""The Textual-free core: reading, analysing, storing and fetching articles."""
