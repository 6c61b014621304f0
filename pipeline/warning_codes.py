"""Warnings with a stable code and a level: `<code>: <message>`, codes listed in pipeline/data/warnings.yaml.

A record's `warnings` stay plain strings (the record contract); the code in front lets a batch count them
and the review app group them. Notes (level `note`) are routine and never go into a record.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, TypeAdapter

from pipeline.data import load_yaml

Level = Literal["error", "warning", "note"]
_ON_PAGE = re.compile(r"page (\d+): ")
LEVELS: tuple[Level, ...] = ("error", "warning", "note")


class Code(BaseModel):
    """One registered code: how serious it is, and what it means in one line."""

    model_config = ConfigDict(frozen=True)

    level: Level
    meaning: str


class Parsed(NamedTuple):
    """A warning string taken apart; `code` is None for a string without a registered code."""

    code: str | None
    level: Level
    message: str


@cache
def registry() -> dict[str, Code]:
    """The registered codes, in the order the data file lists them."""
    return TypeAdapter(dict[str, Code]).validate_python(load_yaml("warnings"))


def warning(code: str, message: str) -> str:
    """A record warning `<code>: <message>`; ValueError for an unknown code or a note's code."""
    return _build(code, message, note=False)


def note(code: str, message: str) -> str:
    """A routine note `<code>: <message>` for the run summary; ValueError for an unknown or non-note code."""
    return _build(code, message, note=True)


def _build(code: str, message: str, *, note: bool) -> str:
    known = registry().get(code)
    if known is None:
        raise ValueError(f"unregistered warning code {code!r}: add it to pipeline/data/warnings.yaml")
    if (known.level == "note") != note:
        raise ValueError(f"{code!r} is a {known.level}: use {'warning' if note else 'note'}()")
    return f"{code}: {message}"


def parse(text: str) -> Parsed:
    """(code, level, message) of a warning or note; a string without a registered code is a plain warning."""
    code, sep, message = text.partition(": ")
    known = registry().get(code) if sep else None
    if known is None:
        return Parsed(None, "warning", text)
    return Parsed(code, known.level, message)


def on_page(text: str, number: int) -> str:
    """A warning or note about one page, said of page `number`: `<code>: page <number>: <message>`."""
    code, _, message = text.partition(": ")
    return f"{code}: page {number}: {message}"


def page_of(text: str) -> int | None:
    """The page a warning made by `on_page` is about; None for one about the whole file."""
    found = _ON_PAGE.match(parse(text).message)
    return int(found.group(1)) if found else None


def count_codes(texts: Iterable[str]) -> Counter[str]:
    """How many of `texts` carry each code (`uncoded` for those without a registered one)."""
    return Counter(parse(text).code or "uncoded" for text in texts)
