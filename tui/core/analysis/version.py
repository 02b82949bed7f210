"""The analyzer version, importable without loading spaCy (the library needs it at start-up).

Bump it whenever any analysis output changes: cached results of another version are recomputed.
"""

ANALYZER_VERSION = "41"
