"""newsreader: a terminal news reader that shows who is in a story, who said what, and the gist."""

__version__ = "0.1.0"
