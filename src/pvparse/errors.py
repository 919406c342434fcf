"""The errors pvparse raises.

PVParseError
 ├── InputError     a file that cannot be read as minutes: missing, a folder, empty, binary,
 │                  undecodable, unsupported or too large
 └── ResourceError  a data file in models/ (or the spaCy model) is missing or invalid

What can be recovered is not an exception but a `Diagnostic` in the output (see diagnostics.py).
"""

from __future__ import annotations


class PVParseError(Exception):
    """Base of every error pvparse raises on purpose."""


class InputError(PVParseError):
    """The input cannot be turned into minutes text; the message names the file and the problem."""


class ResourceError(PVParseError):
    """A resource pvparse ships or needs is missing or invalid."""
