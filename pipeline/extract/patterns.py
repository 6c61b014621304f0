"""Regular expressions built from the language data files, compiled once."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache

import regex

from pipeline.data import load_yaml

# A Bangla or Latin word character, vowel signs and hasanta included (regex's \w splits at them).
WORD = r"[\p{L}\p{M}\p{N}]"
NOT_WORD_BEFORE = rf"(?<!{WORD})"
NOT_WORD_AFTER = rf"(?!{WORD})"
DIGIT = r"[0-9০-৯]"
COLON = r"[ \t]*[:ঃ]?[-–—]*[ \t]*[:ঃ]?[-–—]*[ \t]*"
# A label's separator that must be there: a colon, visarga or dash (then perhaps more of them).
SEPARATOR = r"[ \t]*[:ঃ\-–—][:ঃ\-–— \t]*"
# Words in quotation marks, to the closing mark or, where the quotation runs on, to the end of its line:
# what a document quotes (a reply citing the letter it answers) is not what it decides or sets.
QUOTED = regex.compile(r'"[^"\n]*(?:"|$)|“[^”\n]*(?:”|$)|‘[^’\n]*(?:’|$)', regex.M)


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def alternation(items: Iterable[str]) -> str:
    """One non-capturing group of the given regex fragments, NFC-normalised like the text they meet."""
    return "(?:" + "|".join(nfc(i) for i in items) + ")"


def compile_any(items: Iterable[str], *, word_bound: bool = False) -> regex.Pattern[str]:
    body = alternation(items)
    if word_bound:
        body = NOT_WORD_BEFORE + body + NOT_WORD_AFTER
    return regex.compile(body)


@cache
def data(name: str) -> dict[str, object]:
    """A data file as a dict (shared, read-only)."""
    loaded = load_yaml(name)
    assert isinstance(loaded, dict), name
    return loaded


def strings(name: str, key: str) -> list[str]:
    value = data(name)[key]
    if isinstance(value, str):
        return [value]
    assert isinstance(value, list)
    return [str(v) for v in value]


@cache
def words(name: str, key: str) -> frozenset[str]:
    """The words of a data file's list, NFC-normalised like the text they meet."""
    return frozenset(nfc(w) for w in strings(name, key))


@cache
def label_line(key: str) -> regex.Pattern[str]:
    """A line that opens with the label `key` of labels.yaml, then a colon or a dash; group 'value'.

    The separator is required: সভাপতি সভাকে জানান… is a sentence, সভাপতি: … a label.
    """
    return regex.compile(rf"^[ \t*>\-]*{alternation(strings('labels', key))}{SEPARATOR}(?P<value>.*)$")


@cache
def heading_line(key: str) -> regex.Pattern[str]:
    """A line that opens with the word(s) `key` of labels.yaml (বিতরণ, অনুলিপি…), separator or not."""
    return regex.compile(rf"^[ \t*>\-]*{alternation(strings('labels', key))}{NOT_WORD_AFTER}")


@cache
def pattern(name: str, key: str, word_bound: bool = False) -> regex.Pattern[str]:
    return compile_any(strings(name, key), word_bound=word_bound)
