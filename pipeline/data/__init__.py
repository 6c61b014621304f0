"""Language data (month names, labels, designations, repairs…) kept as files, read once."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_yaml(name: str) -> Any:
    """Parse `pipeline/data/<name>.yaml`; callers must not mutate the result."""
    text = resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@cache
def load_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `pipeline/data/<name>.tsv` (header line first; lines starting with # skipped)."""
    text = resources.files(__package__).joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return tuple(dict(row) for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
