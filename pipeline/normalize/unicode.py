"""Clean one page of Bangla text: invisible characters, line breaks, OCR and legacy-font damage, NFC.

`normalize_text` runs these steps, in this order:

1. Characters one for one: line breaks become `\\n` (`\\r\\n` first), other spaces become `" "`,
   invisible format and control characters go, Assamese ৰ becomes র. Tabs and runs of spaces
   stay: OCR'd tables use them as cell separators.
2. ZWJ/ZWNJ survive only where Bangla uses them (র‍্য, after a hasanta); ত্‍ becomes ৎ. Before NFC,
   since dropping a joiner can bring two marks together that NFC composes (ে + া → ো).
3. NFC, so that every later pattern sees one spelling (a decomposed ো would look like a doubled
   vowel sign).
4. The repair table (`pipeline/data/ocr_repairs.tsv`), one compiled alternation; then Assamese ৱ
   becomes র; then damaged syllables (broken mark sequences) go through bnunicodenormalizer, one
   at a time. Repeated while a round changes anything, since each can expose work for the other.
5. ৷ (U+09F7) standing as a sentence mark becomes the danda ।; after step 4, which may delete
   stray marks that followed it.
6. NFC again, last: bnunicodenormalizer composes য় into U+09DF, which NFC decomposes.

Only `\\n` separates lines in the result, so `split("\\n")` and `splitlines()` agree, and the
number of lines never changes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from bnunicodenormalizer import Normalizer

from pipeline.data import load_tsv

__all__ = ["Repair", "normalize_text", "repairs"]

_KINDS = frozenset({"legacy", "ocr"})
_MAX_ROUNDS = 4  # for loops that settle in one or two rounds in practice


@dataclass(frozen=True)
class Repair:
    """One row of the repair table: `wrong` is replaced by `right` wherever it occurs."""

    wrong: str
    right: str
    kind: str
    example: str


def _char_map() -> dict[str, str]:
    """What step 1 does to each character it touches."""
    line_breaks = "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # everything str.splitlines() splits on
    spaces = "\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
    # Format characters with no meaning in Bangla text: BOM, ZWSP, soft hyphen, bidi controls,
    # word joiner, CGJ; and the C0/C1 controls.
    invisible = "\ufeff\u200b\u00ad\u034f\u061c\u180e\u200e\u200f" + "".join(
        map(chr, [*range(0x202A, 0x202F), *range(0x2060, 0x2065), *range(0x2066, 0x2070)])
    )
    controls = "".join(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\t\n\x85")
    table = dict.fromkeys(invisible + controls, "")
    table |= dict.fromkeys(line_breaks, "\n") | dict.fromkeys(spaces, " ")
    table["ৰ"] = "র"  # Assamese ra ("middle diagonal"): OCR's reading of র, whose dot is often a stroke
    return table


# A regex, not str.translate: translate looks up every character (20x slower on Bangla text).
_CHARS = MappingProxyType(_char_map())
_CHARS_RE = re.compile("[" + "".join(map(re.escape, _CHARS)) + "]")

# Character classes, valid after NFC (য় ড় ঢ় are then letter + nukta).
_LETTER = "\u0980-\u0983\u0985-\u09b9\u09bc-\u09ce\u09d7\u09dc-\u09e3\u09f0\u09f1\u200c\u200d"
_CONS = "\u0995-\u09b9\u09ce"
_VOWEL = "\u0985-\u0994\u09e0\u09e1"
_SIGN = "\u09be-\u09cc\u09d7"  # dependent vowel signs
_MOD = "\u0981-\u0983"  # candrabindu, anusvara, visarga
_HASANTA = "\u09cd"
_NUKTA = "\u09bc"
_MARKS = f"[{_SIGN}{_MOD}{_HASANTA}{_NUKTA}]"
_RUN = f"[{_SIGN}{_MOD}{_HASANTA}{_NUKTA}\u200c\u200d]"  # a syllable's marks, joiners included

# A joiner is legitimate in র‍্য (ra, joiner, hasanta) and right after a hasanta.
_JOINER = re.compile(
    f"(?P<ra>(?<=র)[\u200c\u200d](?={_HASANTA}))|(?P<kept>(?<={_HASANTA})[\u200c\u200d])|[\u200c\u200d]"
)
_KHANDA_TA = f"ত{_HASANTA}\u200d"  # how ৎ was encoded before Unicode 4.1

# ৷ is the currency numerator four, but legacy keyboards and converters type it for the danda
# (bnunicodenormalizer maps it so as well). Reading it as the vowel sign া instead would turn a
# sentence-final করেন৷ into করেনা ("does not"). Left alone: inside a word, and next to digits
# (old currency fractions such as ১৷০).
_DANDA_LIKE = re.compile(f"(?<![০-৯0-9])৷(?![{_LETTER}০-৯0-9])")

# Two marks that never follow each other: doubled vowel signs, a hasanta before or after a vowel
# sign or another mark, a nukta after a mark, candrabindu/anusvara typed before the vowel sign.
_BAD_PAIR = (
    f"[{_SIGN}][{_SIGN}]|{_HASANTA}{_MARKS}|[{_SIGN}{_MOD}]{_HASANTA}|[{_SIGN}{_MOD}{_NUKTA}]{_NUKTA}|[{_MOD}][{_SIGN}]"
)
# A damaged syllable: the letter that carries the marks, with all of them, so that the
# normalizer sees the whole run and its output is final. One consonant only, not the conjunct:
# bnunicodenormalizer breaks valid conjuncts missing from its list (ই-গভর্ন্যান্স → ই-গভর্নযান্স).
_DAMAGED = re.compile(
    "|".join(
        [
            f"(?<![{_LETTER}])[{_SIGN}{_HASANTA}{_NUKTA}]{_RUN}*",  # marks opening a word (not ঃ: a colon)
            f"[{_CONS}]{_NUKTA}?{_HASANTA}য{_NUKTA}{_RUN}*",  # য-phala typed with য়
            f"ব(?={_NUKTA}){_RUN}+",  # ব + nukta, typed for র
            f"[{_VOWEL}](?=[{_SIGN}]){_RUN}+",  # a vowel sign after a full vowel (অা for আ)
            # The consonant after a trailing hasanta goes with it, or the conjunct would be lost.
            f"[{_CONS}](?={_RUN}*?(?:{_BAD_PAIR})){_RUN}+(?:(?<={_HASANTA})[{_CONS}])?",
        ]
    )
)


@cache
def repairs() -> tuple[Repair, ...]:
    """The rows of `pipeline/data/ocr_repairs.tsv`, checked."""
    rows = tuple(Repair(**row) for row in load_tsv("ocr_repairs"))
    for r in rows:
        if r.kind not in _KINDS or not r.wrong or r.wrong not in r.example:
            raise ValueError(f"ocr_repairs.tsv: bad row {r}")
        if any(unicodedata.normalize("NFC", s) != s for s in (r.wrong, r.right)):
            raise ValueError(f"ocr_repairs.tsv: not NFC: {r}")
    if len({r.wrong for r in rows}) != len(rows):
        raise ValueError("ocr_repairs.tsv: a `wrong` occurs twice")
    return rows


@cache
def _table_fixer() -> Callable[[str], str]:
    """One alternation over every `wrong`, longest first, so a longer row wins over its substring."""
    right = {r.wrong: r.right for r in repairs()}
    pattern = re.compile("|".join(map(re.escape, sorted(right, key=len, reverse=True))))
    return lambda text: pattern.sub(lambda m: right[m[0]], text)


def _fix_joiners(text: str) -> str:
    """Drop ZWJ/ZWNJ except in র‍্য and after a hasanta; the old ত্‍ becomes ৎ."""
    if "\u200c" not in text and "\u200d" not in text:
        return text
    text = _JOINER.sub(lambda m: "\u200d" if m["ra"] else m["kept"] or "", text)
    return text.replace(_KHANDA_TA, "ৎ")


def _nfc_with_joiners(text: str) -> str:
    """NFC, with joiners only where Bangla uses them.

    Joiners go first: dropping one can bring marks together that NFC composes (ে + া → ো). NFC
    can in turn move a hasanta away from the joiner after it (past a stray non-Bangla mark), so
    the joiners are checked again until nothing changes; in practice that ends at once.
    """
    text = unicodedata.normalize("NFC", _fix_joiners(text))
    for _ in range(_MAX_ROUNDS):
        fixed = _fix_joiners(text)
        if fixed == text:
            break
        text = unicodedata.normalize("NFC", fixed)
    return text


def _renormalize(damaged: str) -> str:
    """bnunicodenormalizer on one damaged syllable (not the word: it breaks rare valid conjuncts)."""
    # A fresh Normalizer per call (microseconds): the object keeps per-word state.
    normalized = Normalizer()(damaged)["normalized"]
    # None: nothing valid was left. NFC here too, so that later rounds see NFC syllables.
    return unicodedata.normalize("NFC", normalized) if isinstance(normalized, str) else ""


def _repair(text: str) -> str:
    """The table, Assamese ৱ, then damaged syllables; again while a round changes anything.

    A repaired syllable can complete a table row (উন্নাাবন), and a row's replacement can meet a
    mark it does not combine with; the second round settles both, so the result is idempotent.
    """
    for _ in range(_MAX_ROUNDS):
        # Assamese ৱ ("ra with lower diagonal") is, like ৰ, OCR's reading of র; replaced after
        # the table, whose rows may name ৱ in context (ব্যৱো → ব্যুরো).
        fixed = _table_fixer()(text).replace("ৱ", "র")
        fixed = _DAMAGED.sub(lambda m: _renormalize(m[0]), fixed)
        if fixed == text:
            break
        text = fixed
    return text


def normalize_text(text: str) -> str:
    """Normalise one page of text; see the module docstring for the steps and their order."""
    text = _CHARS_RE.sub(lambda m: _CHARS[m[0]], text.replace("\r\n", "\n"))
    text = _nfc_with_joiners(text)
    text = _DANDA_LIKE.sub("।", _repair(text))
    return unicodedata.normalize("NFC", text)
