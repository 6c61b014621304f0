"""Linking a status report to the earlier decision it is about, with a confidence.

The confidence is the product of two scores, each 0-1:

- the document: the memo the report cites (1.0), or one the reporting document cites elsewhere (0.8); the
  earlier meeting it names by date (1.0); else the meeting series, told by the subject with the month, the
  numbers and the words that name a meeting left out (…কমিটির জানুয়ারি/২০২৪ মাসের সভার কার্যবিবরণী): the
  latest earlier document of the series (0.75, "the last meeting"), an older one (0.5); any other earlier
  document (0.3). A document dated after the report is never its subject.
- the decision: its number (৩(খ), ১.২) and its words. The same number, with quoted words that agree or none
  quoted, is 1.0; the same number against quoted words that do not agree, 0.5; the sub-item letter alone
  (খ for ১(খ), when the earlier minutes numbered items per agenda), 0.6 plus 0.4 when the words agree;
  another number, 0.95 when the quoted words are the decision's own (a misprinted number), else nothing.
  Without a number the words decide; a reply or reminder to a document of one decision is about it (0.9).

A link at least `APPLY` confident, clearly ahead of the next (`MARGIN`), is applied as a status event; the
others at least `CANDIDATE` confident are kept as candidates for a person to confirm.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import regex
from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz

from pipeline.data import load_yaml
from pipeline.extract.patterns import words
from pipeline.track.models import StatusReport
from pipeline.track.textkey import containment, similarity, text_key

APPLY = 0.7
CANDIDATE = 0.35
MARGIN = 0.1
SERIES_SIMILARITY = 0.8
WORDS_AGREE = 0.6  # quoted words that are an abridged or paraphrased decision
OWN_WORDS = 0.9  # quoted words that are the decision's own
MOST_CANDIDATES = 3


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Reporter(_Model):
    """The document a report stands in."""

    document_id: str
    day: dt.date | None
    subject: str | None
    references: list[str]  # the memos it cites, normalised


class Candidate(_Model):
    """A stored decision a report may be about, with what identifies its document."""

    uid: str
    document_id: str
    ref: str | None
    text: str
    agenda: str | None
    memo: str | None
    day: dt.date | None
    meeting: dt.date | None
    subject: str | None


@dataclass(frozen=True)
class Link:
    uid: str
    confidence: float
    applied: bool


def link(report: StatusReport, reporter: Reporter, candidates: Sequence[Candidate]) -> list[Link]:
    """The decisions the report may be about, most confident first: the first applied when it is sure."""
    documents: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        if candidate.document_id != reporter.document_id and not _later(candidate.day, reporter.day):
            documents[candidate.document_id].append(candidate)
    latest = _latest_in_series(reporter, [ds[0] for ds in documents.values()])
    scored = [
        (_document_score(report, reporter, ds[0], latest) * _decision_score(report, c, single=len(ds) == 1), c.uid)
        for ds in documents.values()
        for c in ds
    ]
    ranked = sorted((s for s in scored if s[0] >= CANDIDATE), key=lambda s: (-s[0], s[1]))[:MOST_CANDIDATES]
    return [
        Link(uid, round(confidence, 3), applied=i == 0 and _sure(ranked)) for i, (confidence, uid) in enumerate(ranked)
    ]


def _sure(ranked: list[tuple[float, str]]) -> bool:
    return ranked[0][0] >= APPLY and (len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= MARGIN)


def _later(day: dt.date | None, than: dt.date | None) -> bool:
    return day is not None and than is not None and day > than


# --- the document --------------------------------------------------------------------------------------


def _document_score(report: StatusReport, reporter: Reporter, doc: Candidate, latest: str | None) -> float:
    scores = [0.3]
    if doc.memo and doc.memo == report.cited_memo:
        scores.append(1.0)
    elif doc.memo and doc.memo in reporter.references:
        scores.append(0.8)
    if report.cited_meeting and report.cited_meeting in (doc.meeting, doc.day):
        scores.append(1.0)
    if _same_series(reporter.subject, doc.subject):
        scores.append(0.75 if doc.document_id == latest else 0.5)
    return max(scores)


def _latest_in_series(reporter: Reporter, docs: list[Candidate]) -> str | None:
    """The document of the reporter's series just before it: "the last meeting"."""
    series = [d for d in docs if d.day is not None and _same_series(reporter.subject, d.subject)]
    return max(series, key=lambda d: (d.day, d.document_id)).document_id if series else None


def _same_series(a: str | None, b: str | None) -> bool:
    ka, kb = series_key(a or ""), series_key(b or "")
    return bool(ka and kb) and fuzz.token_set_ratio(ka, kb) / 100 >= SERIES_SIMILARITY


def series_key(subject: str) -> str:
    """A subject without what changes from meeting to meeting of one series: numbers, months, meeting words."""
    noise = _noise()
    kept = [t for t in text_key(subject).split() if not regex.search(r"\d", t) and not _in(t, noise)]
    return " ".join(kept)


def _in(token: str, noise: frozenset[str]) -> bool:
    return any(token == word or (token.startswith(word) and len(token) - len(word) <= 2) for word in noise)


@cache
def _noise() -> frozenset[str]:
    dates = load_yaml("dates")
    months = [
        name for kind in ("gregorian_months", "bangla_months") for names in dates[kind].values() for name in names
    ]
    return frozenset(text_key(w) for w in [*months, *words("tracking", "series_noise")])


# --- the decision --------------------------------------------------------------------------------------


def _decision_score(report: StatusReport, decision: Candidate, *, single: bool) -> float:
    agree = _words_agree(report, decision)
    same = _same_ref(report.ref, decision.ref)
    if same == "same":
        return 1.0 if agree is None or agree >= WORDS_AGREE else 0.5
    if same == "letter":
        return 0.6 + (0.4 if agree is not None and agree >= WORDS_AGREE else 0.0)
    if same == "other":
        return 0.95 if agree is not None and agree >= OWN_WORDS else 0.0
    if agree is not None:
        return 0.9 if agree >= OWN_WORDS else (0.7 if agree >= WORDS_AGREE else agree / 2)
    return 0.9 if single else 0.5 * containment(report.evidence, decision.text)


def _words_agree(report: StatusReport, decision: Candidate) -> float | None:
    """How well the words the report quotes are the decision's (its text, or its agenda item's title)."""
    if not report.quoted:
        return None
    return max(containment(report.quoted, decision.text), similarity(report.quoted, decision.agenda or ""))


def _ref_key(ref: str) -> str:
    return "".join(text_key(ref).split())


def _same_ref(reported: str | None, ref: str | None) -> str | None:
    """How a reported number stands to a decision's: same, the sub-item letter alone, other, or not known."""
    if not reported or not ref:
        return None
    a, b = _ref_key(reported), _ref_key(ref)
    if a == b:
        return "same"
    if regex.fullmatch(r"[\p{L}\p{M}]+", b) and a.endswith(b) and a != b:
        return "letter"
    return "other"
