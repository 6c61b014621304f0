"""Names and designations: who signs the document."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from pipeline.extract.context import DocContext
from pipeline.extract.lexicon import Lexicon
from pipeline.extract.patterns import alternation, heading_line, label_line, nfc, pattern, strings, words
from pipeline.extract.segment import ITEM_MARKER

MAX_NAME_WORDS = 6
LABELS = ("chair", "date", "time", "venue", "subject", "reference", "distribution", "attendance")
MAX_DESIGNATION_CHARS = 80
MAX_ID_LINES = 2
MAX_ID_CHARS = 30
ALIGN_SLACK = 12  # characters a centred line of a signature block may start left of the name above it
_POST_END = regex.compile(r"[,।;(]")  # not ঃ, which ends মোঃ
ADDRESS_LINES = 3  # lines under বরাবর that belong to the address
# Table cells: a tab, or a run of three blanks in text whose columns were kept with spaces.
CELL_BREAK = regex.compile(r"\t+|[ ]{3,}")
# X(চেয়ারম্যান): a name with its post in brackets, opening the line or after a danda, colon or /-.
_NAME_THEN_POST = regex.compile(r"(?:^|(?<=[।:ঃ]|/-))\s*(?P<name>[^()\n,।:ঃ]{3,60}?)\s*\((?P<post>[^()\n]{2,60})\)")
# স্বাক্ষরিত/- (X) চেয়ারম্যান, …: a bracketed name with the post run on after it, opening the line or after
# the signature mark, a danda or a colon (পরিচালক (অর্থ ও হিসাব)/… is a post with its wing, not a name).
_BRACKETED_THEN_POST = regex.compile(
    r"(?:^|(?<=[।:ঃ]|/-))[ \t]*\((?P<name>[^()\n]{3,60})\)[ \t]+(?P<post>\p{L}[^,।()\n\t]{1,80})"
)
_PHONE = regex.compile(
    r"(?:ফোন|টেলিফোন|মোবাইল|Phone|Tel|Mobile)\s*[:ঃ\-–]*\s*(?P<number>[0-9০-৯+][0-9০-৯\-–\s]{4,20}[0-9০-৯])"
)
_EMAIL = regex.compile(r"[\w.+\-\\]+@[\w\-]+(?:\.[\w\-]+)+")
_WRAP = regex.compile(r"^\((?P<inner>[^()]+)\)$")
# What ends a name inside a phrase: a comma, a bracket opening the post, a danda.
_NAME_END = regex.compile(r"\s*[,(।;]\s*")


@dataclass(frozen=True)
class Signer:
    line: int
    name: str
    designation: str | None
    phone: str | None
    email: str | None
    column: int = 0  # position on the line, for signatures side by side


def clean_name(text: str, lex: Lexicon) -> str:
    """A name without brackets, courtesy words and trailing punctuation."""
    text = text.strip().rstrip("।,;")
    wrapped = _WRAP.match(text)
    return lex.drop_courtesy(wrapped.group("inner") if wrapped else text).strip()


def person_name(text: str, lex: Lexicon, *, lead_in: bool = False) -> str | None:
    """The name in a phrase that may also hold courtesy words and a post: `জনাব মোঃ X, জেলা প্রশাসক`,
    `মোঃ X উপজেলা নির্বাহী অফিসার`, `পরিষদের চেয়ারম্যান জনাব মোঃ X`, `X(চেয়ারম্যান)` → the name.

    `lead_in`: the phrase is the run of text before …এর সভাপতিত্বে, so without a courtesy word the name
    is what follows the last post in it.
    """
    if not lead_in:
        text = _NAME_END.split(clean_name(text, lex))[0]
    after = lex.after_courtesy(text)
    parts = [p.split() for p in _NAME_END.split(clean_name(after if after is not None else text, lex))]
    if after is not None or not lead_in:
        return " ".join(_without_post(parts[0], lex)) or None
    for tokens in reversed(parts):
        tail = _after_post(tokens, lex)
        if 2 <= len(tail) <= MAX_NAME_WORDS and name_like(" ".join(tail), lex):
            return " ".join(tail)
    return None


def _is_post_word(token: str, lex: Lexicon) -> bool:
    return bool(lex.labels(token)) or nfc(token) in _post_modifiers()


@cache
def _post_modifiers() -> frozenset[str]:
    return words("labels", "post_modifiers")


def _last_post(tokens: list[str], lex: Lexicon) -> int:
    """Index of the last designation or office word, -1 when there is none."""
    return max((i for i, t in enumerate(tokens) if lex.labels(t)), default=-1)


def _family_name_last(tokens: list[str], lex: Lexicon) -> bool:
    """Whether the last word may be a family name that is also a post's word (মোঃ আব্দুল লতিফ প্রধান): the
    name opens with a title (মোঃ, ড.) and no other word of it belongs to a post (… উপজেলা নির্বাহী অফিসার)."""
    return (
        len(tokens) >= 3
        and tokens[0] in strings("lexicon", "name_titles")
        and not any(_is_post_word(token, lex) for token in tokens[1:-1])
    )


def _after_post(tokens: list[str], lex: Lexicon) -> list[str]:
    """The tokens after the last post, where a titled name's family name is no post."""
    last = _last_post(tokens, lex)
    if last == len(tokens) - 1:
        before = _last_post(tokens[:-1], lex)
        if _family_name_last(tokens[before + 1 :], lex):
            return tokens[before + 1 :]
    return tokens[last + 1 :]


def _without_post(tokens: list[str], lex: Lexicon) -> list[str]:
    """The name without a post printed after it (or before it, with no courtesy word between)."""
    head = next((i for i, t in enumerate(tokens) if lex.has_designation(t)), None)
    if head is None or (head == len(tokens) - 1 and _family_name_last(tokens, lex)):
        return tokens
    start = head
    while start > 0 and _is_post_word(tokens[start - 1], lex):
        start -= 1
    return tokens[:start] if start > 0 else tokens[head + 1 :]


def name_like(text: str, lex: Lexicon) -> bool:
    """Whether a line reads as a person's name: a few words with Bangla letters (a handwritten signature
    reads as Latin scrawl under OCR: ALL Ane), no digits, no label, no office."""
    text = text.strip()
    if not text or "\t" in text or ":" in text or text.endswith(("ঃ", "।", ",", ";")) or _directs(text):
        return False
    if not regex.search(r"[\u0980-\u09FF]", text):
        return False
    if regex.search(r"[0-9০-৯@/]", text) or any(w in text for w in words("labels", "stamp_words")):
        return False
    if any(label_line(key).match(text) for key in LABELS):
        return False
    parts = clean_name(text, lex).split()
    if not 2 <= len(parts) <= MAX_NAME_WORDS:
        return False
    return not lex.labels(" ".join(parts[:-1]) if _family_name_last(parts, lex) else text)


def designation_line(text: str, lex: Lexicon) -> bool:
    """A short line naming a post (উপসচিব, উপজেলা শিক্ষা অফিসার), not an addressee list."""
    text = text.strip()
    return (
        0 < len(text) <= MAX_DESIGNATION_CHARS
        and not ITEM_MARKER.match(text)
        and not lex.names_addressees(text)
        and not _PHONE.search(text)
        and not _directs(text)
        and lex.has_designation(text)
    )


def _directs(text: str) -> bool:
    """A line that tells someone to act (…তদারকি করবেন।, …দাখিল করতে হবে;): a list item, not a signature."""
    return pattern("decisions", "directive").search(text) is not None


def cells(text: str) -> list[str]:
    """The cells of a line: table columns split at a tab, or at a run of three blanks where columns
    were kept with spaces (two signatures side by side)."""
    return [c.strip() for c in CELL_BREAK.split(text.strip()) if c.strip()]


def signatory(
    ctx: DocContext, lex: Lexicon, distribution: int, table: set[int] | frozenset[int] = frozenset()
) -> Signer | None:
    """The last signature before the distribution list (line index `distribution`), or the first one
    after it when none stands before (a signature block repeated for the copy list comes later).

    A signature is a name above its post (an addressee line such as সচিব (সকল) or an ID line may stand
    between), a name with its post in brackets (X(চেয়ারম্যান)), or a bracketed name with the post run
    on after it in copied text (স্বাক্ষরিত/- (X) চেয়ারম্যান, …). Of two signatures side by side the
    right one is the senior's. Addressees are written with জনাব or stand under বরাবর / প্রাপক, so they
    are never the signer; D.O. letters print the sender's name and post in the letterhead, which is
    the only such pair they have. The lines of a decision table's rows (`table`) hold its cells, not a
    signature.
    """
    found = sorted(
        (
            s
            for s in [*_stacked(ctx, lex), *_inline(ctx, lex), *_titled(ctx, lex)]
            if not _addressed(ctx, s.line) and s.line not in table
        ),
        key=lambda s: (s.line, s.column),
    )
    before = [s for s in found if s.line < distribution]
    return before[-1] if before else (found[0] if found else None)


def _stacked(ctx: DocContext, lex: Lexicon) -> Iterator[Signer]:
    """A name cell with a designation in the same column of a following line."""
    for index, line in enumerate(ctx.lines):
        columns = cells(line.clean)
        for column, cell in enumerate(columns):
            if not name_like(cell, lex) or lex.starts_with_courtesy(_unwrap(cell)):
                continue
            place = _Place(column, len(columns), line.text.find(cell))
            post = _post_below(ctx, lex, index, place)
            if post is None:
                continue
            if len(columns) == 1:
                designation, last = _designation_from(ctx, post, lex)
            else:
                designation, last = _cell(ctx, post, place) or "", post
            phone, email = _contacts(ctx, last + 1)
            yield Signer(index, clean_name(cell, lex), designation, phone, email, column)


@dataclass(frozen=True)
class _Place:
    """Where a name stands: its column of the line's `width`, and its character offset in the line."""

    column: int
    width: int
    at: int


def _cell(ctx: DocContext, index: int, place: _Place) -> str | None:
    """The text of the name's column on line `index` when that line has as many columns (the whole line for
    one); or, under a name in the last column, a line of one cell indented to about where the name starts
    (a signature block at the right of a date: তারিখ: …      মোঃ X / চেয়ারম্যান)."""
    line = ctx.lines[index]
    if place.width == 1:
        return line.clean
    row = cells(line.clean)
    if len(row) == place.width:
        return row[place.column]
    indent = len(line.text) - len(line.text.lstrip())
    under = len(row) == 1 and place.column == place.width - 1 and 0 < place.at - ALIGN_SLACK <= indent
    return row[0] if under else None


def _post_below(ctx: DocContext, lex: Lexicon, index: int, place: _Place) -> int | None:
    """The line of the designation under the name on line `index`, past addressee and ID lines."""
    after, ids = index + 1, 0
    while after < len(ctx.lines):
        text = _cell(ctx, after, place)
        if text is None:
            return None
        if designation_line(text, lex) and not ctx.running_text(after):
            return after
        if lex.names_addressees(text) or (_id_line(text, lex) and ids < MAX_ID_LINES):
            ids += not lex.names_addressees(text)
            after += 1
            continue
        return None
    return None


def _id_line(text: str, lex: Lexicon) -> bool:
    """An identity line of a signature (পরিচিতি নং- ১২৩৪, a short number line), not a post."""
    if any(w in text for w in words("labels", "signature_ids")):
        return True
    return len(text) <= MAX_ID_CHARS and bool(regex.search(r"[0-9০-৯]", text)) and not lex.labels(text)


def _inline(ctx: DocContext, lex: Lexicon) -> Iterator[Signer]:
    """Signatures run into the text: X(চেয়ারম্যান), or (X) চেয়ারম্যান, … in copied text; one may wrap
    onto the next line of its paragraph."""
    for index, line in enumerate(ctx.lines):
        wrapped = index + 1 < len(ctx.lines) and not ctx.gap_before(index + 1)
        text = f"{line.text} {ctx.lines[index + 1].text}" if wrapped else line.text
        for shape in (_NAME_THEN_POST, _BRACKETED_THEN_POST):
            for match in shape.finditer(text, endpos=len(text)):
                if match.start("name") >= len(line.text):
                    continue  # the next line's own
                name, post = match.group("name").strip(), match.group("post").strip()
                if name_like(name, lex) and not lex.starts_with_courtesy(name) and designation_line(post, lex):
                    phone, email = _contacts(ctx, index)
                    yield Signer(index, clean_name(name, lex), post, phone, email, match.start())


def _titled(ctx: DocContext, lex: Lexicon) -> Iterator[Signer]:
    """A titled name run on into its post without brackets, as web notices print a signature
    (মোঃ রফিকুল ইসলাম চেয়ারম্যান ৩নং শিবপুর ইউনিয়ন পরিষদ …): the post is where a designation begins."""
    for index, line in enumerate(ctx.lines):
        for match in _titled_name().finditer(line.text):
            found = _name_then_post(line.text[match.start() :], lex)
            if found:
                name, post = found
                phone, email = _contacts(ctx, index)
                yield Signer(index, clean_name(name, lex), post, phone, email, match.start())


def _name_then_post(text: str, lex: Lexicon) -> tuple[str, str] | None:
    """(name, post) of a text that opens with a titled name followed by a post: the post starts at its
    first designation word, with the words that lead into it (উপজেলা নির্বাহী অফিসার)."""
    parts = _POST_END.split(text, maxsplit=1)[0].split()
    post = next((i for i in range(2, min(MAX_NAME_WORDS + 1, len(parts))) if lex.has_designation(parts[i])), None)
    if post is None:
        return None
    while post > 2 and parts[post - 1] in _post_modifiers():
        post -= 1
    name = " ".join(parts[:post])
    return None if lex.labels(name) else (name, " ".join(parts[post:]))


@cache
def _titled_name() -> regex.Pattern[str]:
    """A name title (মোঃ, ড., ডাঃ) opening the line or following a danda or a signature mark."""
    titles = alternation(regex.escape(t) for t in strings("lexicon", "name_titles"))
    return regex.compile(rf"(?:^|(?<=[।]|/-))[ \t]*(?={titles}[ \t]*\p{{L}})")


def addressee_post(ctx: DocContext, lex: Lexicon) -> str | None:
    """The post a letter to one office is addressed to: the first designation in its address block (প্রাপক:
    / বরাবর, then a name perhaps, the post, its office), which is whom the letter's আপনি means."""
    heading = heading_line("addressee")
    for index, line in enumerate(ctx.lines):
        found = heading.match(line.clean)
        if not found:
            continue
        block = [
            line.clean[found.end() :].lstrip(" ,:ঃ"),
            *(other.clean for other in ctx.lines[index + 1 :][:ADDRESS_LINES]),
        ]
        return next((text.rstrip("।,") for text in block if designation_line(text, lex)), None)
    return None


def _addressed(ctx: DocContext, index: int) -> bool:
    """Whether line `index` stands in an address block (under বরাবর / প্রাপক)."""
    heading = heading_line("addressee")
    return any(heading.match(line.clean) for line in ctx.lines[max(0, index - ADDRESS_LINES) : index + 1])


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
