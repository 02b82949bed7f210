"""Widgets of the reader: they render dataclasses and post messages; they do no I/O."""
