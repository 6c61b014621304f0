"""A deliberately naive extractor, "a page of regex": the floor the pipeline must beat on every field.

It reads one record per text by keywords and labels only: no layout, no tables, no lexicon, no
calendar. It is not tuned either way; it is what an afternoon with regular expressions would give.
Run on text files (one JSON record per line on stdout):

    python benchmarks/naive_baseline.py corpus/r05.txt [...]
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import unicodedata
from itertools import pairwise
from pathlib import Path
from typing import Any

import regex


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def _words(*words: str) -> tuple[str, ...]:
    # Keywords are NFC'd like the text, so that য়/ড় match however this file spells them.
    return tuple(map(_nfc, words))


_ASCII = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
_D = r"[0-9০-৯]"
_GREGORIAN = _words("জানু", "ফেব্রু", "মার্চ", "এপ্রিল", "মে", "জুন", "জুলা", "আগ", "সেপ্টে", "অক্টো", "নভে", "ডিসে")
_BANGLA = _words("বৈশাখ", "জ্যৈষ্ঠ", "আষাঢ়", "শ্রাবণ", "ভাদ্র", "আশ্বিন", "কার্তিক", "অগ্রহায়ণ", "পৌষ", "মাঘ", "ফাল্গুন", "চৈত্র")
_DOC_TYPES = {  # searched in this order; the first keyword found decides
    _nfc("প্রজ্ঞাপন"): "notification",
    _nfc("কার্যবিবরণী"): "minutes",
    _nfc("অফিস আদেশ"): "office_order",
    _nfc("পরিপত্র"): "circular",
}
_DESIGNATIONS = _words("সচিব", "পরিচালক", "কর্মকর্তা", "অফিসার", "চেয়ারম্যান", "প্রশাসক", "কমিশনার", "শিক্ষক", "অধ্যক্ষ")
_ACTION_WORDS = _words("অনুরোধ", "করতে হবে", "করিবেন", "করবেন", "সিদ্ধান্ত")


def _re(pattern: str) -> regex.Pattern[str]:
    return regex.compile(_nfc(pattern), regex.MULTILINE)  # NFC like the text


def _months(stems: tuple[str, ...]) -> str:
    return "|".join(f"{stem}[\\p{{L}}\\p{{M}}]*" for stem in stems)


_NUMERIC_DATE = _re(rf"(?<![0-9০-৯.])({_D}{{1,2}})[/.\-]({_D}{{1,2}})[/.\-]({_D}{{4}}|{_D}{{2}})(?!{_D})")
_NAMED_DATE = _re(rf"({_D}{{1,2}})\s*({_months(_GREGORIAN)}|{_months(_BANGLA)})[\s,]*({_D}{{4}})")
_MEMO = _re(rf"(?:স্মারক|নং|নম্বর)[^0-9০-৯\n]{{0,12}}({_D}[0-9০-৯., \-]*{_D})")
_SUBJECT = _re(r"বিষয়\s*[:ঃ]\s*(.+)")
_DOTTED = _re(rf"{_D}+(?:[.,]{_D}+){{3,}}(?:-{_D}+)*")
_LABEL = _re(
    rf"^\s*(?:\((?P<ref>[\p{{Bengali}}0-9]{{1,3}})\)|(?P<ref>[ক-হ])\)|(?P<ref>{_D}+(?:\.{_D}+)+)|(?P<ref>{_D}+)[।.]|[-•●])\s*"
)
_DEADLINE = _re(r"\s*-?\s*(?:তারিখের|এর)\s+মধ্যে")
_NAME_LINE = _re(r"^[\p{Bengali}\s.()]+$")
_COURTESY = _re(r"^\(?(?:জনাবা|জনাব|মাননীয়)?\s*|\)$")
_TIME = _re(rf"সময়\s*[:ঃ][^\n0-9০-৯]*({_D}{{1,2}})[:.]({_D}{{2}})")


def _date(m: regex.Match[str]) -> tuple[str, str] | None:
    """(calendar, ISO value) of a date match, or None when it names no real day."""
    day, month, year = m.group(1).translate(_ASCII), m.group(2), int(m.group(3).translate(_ASCII))
    if month[0].isdigit():
        number, year = int(month.translate(_ASCII)), year + 2000 if year < 100 else year
    else:
        number = next(i for i, stem in enumerate((*_GREGORIAN, *_BANGLA)) if month.startswith(stem)) + 1
    if number > 12:  # a Bangla month name
        return "bangla", f"{year:04d}-{number - 12:02d}-{int(day):02d}"
    try:
        return "gregorian", dt.date(year, number, int(day)).isoformat()
    except ValueError:
        return None


def _dates(text: str) -> list[tuple[regex.Match[str], str, str]]:
    """Every date in the text in reading order: (match, calendar, ISO value)."""
    found = [(m, *d) for p in (_NUMERIC_DATE, _NAMED_DATE) for m in p.finditer(text) if (d := _date(m))]
    return sorted(found, key=lambda f: f[0].start())


def _first(dates: list[tuple[regex.Match[str], str, str]], calendar: str) -> tuple[str, str] | None:
    return next(((m.group(0), value) for m, cal, value in dates if cal == calendar), None)


def _issue_date(text: str) -> dict[str, Any] | None:
    """The first Gregorian (and Bangla) date after the first তারিখ."""
    start = text.find(_nfc("তারিখ"))
    dates = _dates(text[start:]) if start >= 0 else []
    gregorian, bangla = _first(dates, "gregorian"), _first(dates, "bangla")
    if not gregorian:
        return None
    return {"value": gregorian[1], "bangla": bangla and bangla[1], "text": gregorian[0], "consistent": None}


def _memo(text: str) -> dict[str, Any] | None:
    m = _MEMO.search(text)
    if not m:
        return None
    value = m.group(1).translate(_ASCII).replace(",", ".").replace(" ", "")
    return {"text": m.group(1), "value": value, "copy": None}


def _references(text: str) -> list[dict[str, Any]]:
    refs = []
    for line in text.splitlines():
        if _nfc("সূত্র") in line:
            date = _first(_dates(line), "gregorian")
            for number in _DOTTED.findall(line):
                refs.append({"memo_no": number.translate(_ASCII).replace(",", "."), "date": date and date[1]})
    return refs


def _signatory(lines: list[str]) -> dict[str, Any] | None:
    """The last short all-Bangla line standing right above a short line that names a designation."""
    for above, line in reversed(list(pairwise(lines))):
        designation = len(line.split()) <= 8 and any(d in line for d in _DESIGNATIONS)
        if designation and 1 < len(above.split()) <= 5 and _NAME_LINE.match(above):
            return {"name": _COURTESY.sub("", above.strip()), "designation": line.strip()}
    return None


def _decision(ref: str | None, text: str) -> dict[str, Any]:
    deadline = None
    for m, calendar, value in _dates(text):
        if calendar == "gregorian" and (after := _DEADLINE.match(text, m.end())):
            deadline = {"kind": "date", "value": value, "text": text[m.start() : after.end()]}
            break
    return {"ref": ref, "text": text.strip(), "responsible": [], "deadline": deadline}


def _decisions(lines: list[str]) -> list[dict[str, Any]]:
    """Each list item, and each sentence elsewhere that asks for action."""
    decisions = []
    for line in lines:
        if (label := _LABEL.match(line)) and line[label.end() :].strip():
            decisions.append(_decision(label.group("ref"), line[label.end() :]))
            continue
        for sentence in line.split("।"):
            if any(w in sentence for w in _ACTION_WORDS):
                decisions.append(_decision(None, sentence))
    return decisions


def _meeting(text: str, date: str | None) -> dict[str, Any]:
    def after(label: str) -> str | None:
        m = _re(rf"{label}\s*[:ঃ]\s*(.+)").search(text)
        return m.group(1).strip() if m else None

    chair, time = after("সভাপতি"), _TIME.search(text)
    return {
        "chair": chair and _COURTESY.sub("", chair),
        "date": date,
        "time": time and f"{int(time.group(1).translate(_ASCII)):02d}:{time.group(2).translate(_ASCII)}",
        "venue": after("স্থান"),
    }


def naive_records(text: str) -> list[dict[str, Any]]:
    """One record for the whole text, in the contract's shape."""
    text = _nfc(text)
    lines = text.splitlines()
    memo, date, subject = _memo(text), _issue_date(text), _SUBJECT.search(text)
    doc_type = next((kind for word, kind in _DOC_TYPES.items() if word in text), "letter" if memo else "other")
    record = {
        "doc_type": doc_type,
        "memo_no": memo,
        "date": date,
        "subject": subject and subject.group(1).strip(),
        "references": _references(text),
        "signatory": _signatory(lines),
        # The meeting date is taken to be the first dated তারিখ too: minutes head with it.
        "meeting": _meeting(text, date and date["value"]) if doc_type == "minutes" else None,
        "decisions": _decisions(lines),
    }
    return [record]


def main() -> None:
    for name in sys.argv[1:]:
        for record in naive_records(Path(name).read_text(encoding="utf-8")):
            print(json.dumps(record, ensure_ascii=False))


if __name__ == "__main__":
    main()
