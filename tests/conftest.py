"""Shared fixtures: the repository's corpus and gold folders, and the corpus run once."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.api import process_file
from pipeline.models import Record

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT / "gold"


@pytest.fixture(scope="session")
def corpus_records() -> dict[str, list[Record]]:
    """Records of every corpus document, by file stem."""
    return {path.stem: process_file(path) for path in sorted(CORPUS.glob("*.txt"))}
