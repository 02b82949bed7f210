"""Screens: the reader (main screen) and the help screen."""
