"""Stable decision ids: the id a decision keeps when its document is extracted again.

A decision's id is derived from its document's identity (the normalised memo number and the date, or, for a
document without a memo number, the record id, which is the file's hash and the document's place in it),
its ref and its normalised text: the same decision of the same document gets the same id in any database.

When a document is loaded again with changed decisions (a rule changed, a scan read better), each new
decision first takes the id of an old decision of that document that it still is: the same ref and text;
else the same ref and a text at least `KEEP_SIMILARITY` alike (a reworded or re-read decision); else a text
at least `RENUMBERED_SIMILARITY` alike under another ref (the list was renumbered). Only a decision that is
none of these gets a new id, so statuses, notes and links attached to an id survive re-extraction.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.extract.memo import normalise_number
from pipeline.models import Record
from pipeline.track.textkey import similarity, text_key

KEEP_SIMILARITY = 0.8
RENUMBERED_SIMILARITY = 0.95
ID_LENGTH = 12  # hex digits: 48 bits, no collision expected below millions of decisions
Item = tuple[str | None, str]  # a decision's ref and text


@dataclass(frozen=True)
class Known:
    """A decision already stored for the document: its id, ref and text."""

    uid: str
    ref: str | None
    text: str


def document_identity(record: Record) -> str:
    """What makes two records the same document: memo number and date, or the record id without a memo."""
    if record.memo_no and record.memo_no.value:
        day = record.date.value if record.date and record.date.value else record.meeting and record.meeting.date
        return f"memo:{normalise_number(record.memo_no.value)}@{day.isoformat() if day else ''}"
    return f"record:{record.id}"


def derived_uid(identity: str, ref: str | None, text: str, occurrence: int = 0) -> str:
    """The id of a decision seen for the first time (`occurrence` tells apart identical items of a document)."""
    key = "\x1f".join((identity, text_key(ref or ""), text_key(text), str(occurrence)))
    return hashlib.blake2b(key.encode("utf-8"), digest_size=ID_LENGTH // 2).hexdigest()


def assign_uids(identity: str, decisions: Sequence[Item], known: Sequence[Known]) -> list[str]:
    """Ids for the (ref, text) decisions of a document, in order, keeping those of `known` (the document's
    previous version) by the rules in the module docstring."""
    uids: list[str | None] = [None] * len(decisions)
    free = list(known)
    for rule in (_same, _reworded, _renumbered):
        for i, decision in enumerate(decisions):
            match = None if uids[i] else _best(decision, [k for k in free if rule(decision, k)])
            if match is not None:
                uids[i] = match.uid
                free.remove(match)
    return _fill_new(identity, decisions, uids)


def _same(decision: Item, known: Known) -> bool:
    return text_key(decision[0] or "") == text_key(known.ref or "") and text_key(decision[1]) == text_key(known.text)


def _reworded(decision: Item, known: Known) -> bool:
    same_ref = text_key(decision[0] or "") == text_key(known.ref or "")
    return same_ref and similarity(decision[1], known.text) >= KEEP_SIMILARITY


def _renumbered(decision: Item, known: Known) -> bool:
    return similarity(decision[1], known.text) >= RENUMBERED_SIMILARITY


def _best(decision: Item, candidates: list[Known]) -> Known | None:
    return max(candidates, key=lambda k: similarity(decision[1], k.text), default=None)


def _fill_new(identity: str, decisions: Sequence[Item], uids: list[str | None]) -> list[str]:
    """Derived ids for the decisions not matched, never one the document already uses."""
    taken = {uid for uid in uids if uid}
    seen: Counter[tuple[str, str]] = Counter()
    out: list[str] = []
    for (ref, text), uid in zip(decisions, uids, strict=True):
        if uid is None:
            key = (text_key(ref or ""), text_key(text))
            while uid is None or uid in taken:
                uid = derived_uid(identity, ref, text, seen[key])
                seen[key] += 1
            taken.add(uid)
        out.append(uid)
    return out
