"""Names and designations: who signs the document."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from pipeline.extract.context import DocContext
from pipeline.extract.lexicon import Lexicon
from pipeline.extract.patterns import label_line, nfc, strings
from pipeline.extract.segment import ITEM_MARKER

MAX_NAME_WORDS = 6
LABELS = ("chair", "date", "time", "venue", "subject", "reference", "distribution", "attendance")
MAX_DESIGNATION_CHARS = 80
_PHONE = regex.compile(
    r"(?:ফোন|টেলিফোন|মোবাইল|Phone|Tel|Mobile)\s*[:ঃ\-–]*\s*(?P<number>[0-9০-৯+][0-9০-৯\-–\s]{4,20}[0-9০-৯])"
)
_EMAIL = regex.compile(r"[\w.+\-\\]+@[\w\-]+(?:\.[\w\-]+)+")
_WRAP = regex.compile(r"^\((?P<inner>[^()]+)\)$")


@dataclass(frozen=True)
class Signer:
    line: int
    name: str
    designation: str | None
    phone: str | None
    email: str | None


def clean_name(text: str, lex: Lexicon) -> str:
    """A name without brackets, courtesy words and trailing punctuation."""
    text = text.strip().rstrip("।,;")
    wrapped = _WRAP.match(text)
    return lex.drop_courtesy(wrapped.group("inner") if wrapped else text).strip()


def name_like(text: str, lex: Lexicon) -> bool:
    """Whether a line reads as a person's name: a few words, no digits, no label, no office."""
    text = text.strip()
    if not text or "\t" in text or ":" in text or text.endswith(("ঃ", "।", ",")):
        return False
    if regex.search(r"[0-9০-৯@/]", text) or any(nfc(w) in text for w in strings("labels", "stamp_words")):
        return False
    if any(label_line(key).match(text) for key in LABELS):
        return False
    words = clean_name(text, lex).split()
    return 2 <= len(words) <= MAX_NAME_WORDS and not lex.labels(text)


def designation_line(text: str, lex: Lexicon) -> bool:
    """A short line naming a post (উপসচিব, উপজেলা শিক্ষা অফিসার), not an addressee list."""
    text = text.strip()
    return (
        0 < len(text) <= MAX_DESIGNATION_CHARS
        and not ITEM_MARKER.match(text)
        and not lex.names_addressees(text)
        and not _PHONE.search(text)
        and lex.has_designation(text)
    )


def signatory(ctx: DocContext, lex: Lexicon, distribution: int) -> Signer | None:
    """The last name line followed by a designation line before the distribution list (line index
    `distribution`), or the first one after it when none stands before (an addressee line such as
    সচিব (সকল) may stand between name and post).

    Addressees are written with জনাব and stand before the salutation, so a name with a courtesy word
    is never the signer; D.O. letters print the sender's name and post in the letterhead, which is
    the only such pair they have.
    """
    pairs = list(_name_post_pairs(ctx, lex))
    before = [p for p in pairs if p[0] < distribution]
    chosen = before[-1] if before else (pairs[0] if pairs else None)
    if chosen is None:
        return None
    index, post = chosen
    designation, last = _designation_from(ctx, post, lex)
    phone, email = _contacts(ctx, last + 1)
    return Signer(index, clean_name(ctx.lines[index].clean, lex), designation, phone, email)


def _name_post_pairs(ctx: DocContext, lex: Lexicon) -> Iterator[tuple[int, int]]:
    """(name line, designation line) pairs of the document."""
    lines = ctx.lines
    for index, line in enumerate(lines):
        if not name_like(line.clean, lex) or lex.starts_with_courtesy(_unwrap(line.clean)):
            continue
        after = index + 1
        while after < len(lines) and lex.names_addressees(lines[after].clean):
            after += 1
        if after < len(lines) and designation_line(lines[after].clean, lex):
            yield index, after


def _unwrap(text: str) -> str:
    wrapped = _WRAP.match(text.strip())
    return wrapped.group("inner") if wrapped else text


def _designation_from(ctx: DocContext, index: int, lex: Lexicon) -> tuple[str, int]:
    """The designation starting at line `index`, joined with further posts after a lone ও."""
    parts, last = [ctx.lines[index].clean.rstrip(",")], index
    while last + 2 < len(ctx.lines) and ctx.lines[last + 1].clean == "ও":
        following = ctx.lines[last + 2].clean
        if not designation_line(following, lex):
            break
        parts += ["ও", following.rstrip(",")]
        last += 2
    return " ".join(parts), last


def _contacts(ctx: DocContext, first: int) -> tuple[str | None, str | None]:
    block = "\n".join(line.text for line in ctx.lines[first : first + 5])
    phone = _PHONE.search(block)
    email = _EMAIL.search(block)
    return (
        phone.group("number").strip() if phone else None,
        email.group().replace("\\", "") if email else None,
    )
