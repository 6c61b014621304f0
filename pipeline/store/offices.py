"""Offices and posts: short forms expanded (ইউএনও, ডিসি), a name found in a responsible, the office a
responsible belongs to. The words live in `pipeline/data/offices.yaml`.

A name is matched token by token against a run of the responsible's tokens: a token matches the same word,
the word with a case ending (প্রশাসক → প্রশাসকের), or a word one OCR slip away (ইনোভেশন / ইনোডেশন), never a
longer compound (জেলা is not উপজেলা, সচিব not যুগ্মসচিব); and a run that a post prefix opens (অতিরিক্ত
জেলা প্রশাসক) is another post.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from pipeline.data import load_yaml
from pipeline.track.textkey import text_key

TOKEN_SIMILARITY = 80  # a token one OCR slip away from the name's token still matches (0-100)


@dataclass(frozen=True)
class _Words:
    aliases: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # (short form, full name) as tokens
    same: dict[str, str]
    prefixes: frozenset[str]
    inflection: int


@cache
def _words() -> _Words:
    data = load_yaml("offices")
    same = {text_key(other): text_key(word) for word, others in data["same_words"].items() for other in others}
    aliases = [
        (tuple(text_key(short).split()), tuple(text_key(full).split()))
        for full, shorts in data["aliases"].items()
        for short in shorts
    ]
    # The longest short form first, so that "এসি ল্যান্ড" is expanded before a shorter one could take "এসি".
    aliases.sort(key=lambda pair: -len(pair[0]))
    prefixes = frozenset(text_key(p) for p in data["post_prefixes"])
    return _Words(tuple(aliases), same, prefixes, int(data["inflection_letters"]))


def _inflected(token: str, word: str, words: _Words) -> bool:
    """Whether the token is the word itself or the word with a case ending."""
    return token.startswith(word) and len(token) - len(word) <= words.inflection


def _same_word(token: str, words: _Words) -> str:
    for other, word in words.same.items():
        if _inflected(token, other, words):
            return word
    return token


def tokens(name: str) -> list[str]:
    """The name's tokens with its short forms expanded and synonyms made one word."""
    words = _words()
    found = text_key(name).split()
    out: list[str] = []
    i = 0
    while i < len(found):
        expanded = _alias_at(found, i, words)
        if expanded:
            out += expanded[0]
            i = expanded[1]
        else:
            out.append(found[i])
            i += 1
    return [_same_word(t, words) for t in out]


def _alias_at(found: list[str], i: int, words: _Words) -> tuple[tuple[str, ...], int] | None:
    """The full name of a short form that starts at token i (its last word may be inflected), and where it ends."""
    for short, full in words.aliases:
        window = found[i : i + len(short)]
        if len(window) == len(short) and window[:-1] == list(short[:-1]) and _inflected(window[-1], short[-1], words):
            return full, i + len(short)
    return None


def _token_score(want: str, token: str, words: _Words) -> float:
    """How well a responsible's token stands for the name's token (0-100); a longer compound is no match."""
    if _inflected(token, want, words):
        return 100.0
    if token.endswith(want):
        return 0.0
    return fuzz.ratio(want, token)


def match_score(name: str, responsible: str) -> float:
    """How well the name is found in a responsible string, 0-100 (see the module docstring).

    Directional: a name longer than the responsible is compared whole, so a short responsible ("কমিটি") is
    not found inside a long name.
    """
    words = _words()
    want, have = tokens(name), tokens(responsible)
    if not want or not have:
        return 0.0
    if len(" ".join(want)) > len(" ".join(have)):
        return fuzz.ratio(" ".join(want), " ".join(have))
    best = 0.0
    for start in range(len(have) - len(want) + 1):
        if start and have[start - 1] in words.prefixes:
            continue  # another, longer post
        scores = [_token_score(w, t, words) for w, t in zip(want, have[start : start + len(want)], strict=True)]
        if min(scores) >= TOKEN_SIMILARITY:
            best = max(best, sum(scores) / len(scores))
    return best


def office_key(responsible: str) -> str:
    """The key that groups the ways one office is written (short forms expanded, punctuation ignored)."""
    return " ".join(tokens(responsible))
