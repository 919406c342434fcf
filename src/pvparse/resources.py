"""Loading the data files of `models/` (TOML), each validated by a pydantic model on load.

In a wheel the files are inside the package (`pvparse/models`); in a checkout they are in the
repository's top-level `models/` folder.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import ResourceError

T = TypeVar("T", bound=BaseModel)


class DataModel(BaseModel):
    """Base of every models/ file schema: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def models_dir() -> Path:
    packaged = Path(__file__).resolve().parent / "models"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "models"
    if checkout.is_dir():
        return checkout
    raise ResourceError(f"pvparse data folder not found (looked in {packaged} and {checkout})")


@cache
def load_data(name: str, model: type[T]) -> T:
    """Read `models/<name>` and validate it; a bad file raises ResourceError naming file and entry."""
    path = models_dir() / name
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ResourceError(f"{path}: missing data file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ResourceError(f"{path}: invalid TOML ({exc})") from None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ResourceError(f"{path}: entry {where}: {first['msg']}") from None
