"""Library exceptions → one-line InputErrors naming the file (the CLI prints them as they are)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError


def describe(exc: BaseException) -> str:
    """A short one-line description of a library exception."""
    text = " ".join(str(exc).split())
    name = type(exc).__name__
    wrapped = [a for a in exc.args if isinstance(a, BaseException)]
    if wrapped:  # pdfplumber wraps pdfminer's exceptions, whose messages are often empty
        text = "; ".join(describe(a) for a in wrapped)
    return (f"{name}: {text}" if text else name)[:200]


@contextmanager
def library_errors(path: Path, what: str) -> Iterator[None]:
    """Turn whatever a format library raises into `InputError("<path>: unreadable <what> (...)")`."""
    try:
        yield
    except InputError:
        raise
    except MemoryError:
        raise InputError(f"{path}: {what} too large to extract in memory") from None
    except RecursionError:
        raise InputError(f"{path}: {what} nested too deeply") from None
    except Exception as exc:  # the libraries raise anything from KeyError to their own trees
        raise InputError(f"{path}: unreadable {what} ({describe(exc)})") from None
