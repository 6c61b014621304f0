"""Why a record needs a person's look: read from its fields first (OCR confidence, a dual date whose halves
disagree, decisions without anyone responsible, a missing number or date), then from its warnings."""

from __future__ import annotations

from pipeline.models import Record
from pipeline.ocr.tesseract import OcrSettings

#: Below this mean OCR confidence a page is doubtful: the threshold the OCR step warns at.
LOW_CONFIDENCE = OcrSettings().min_confidence
# Letters, orders and notifications carry their own number and date; minutes and "other" often do not.
_NUMBERED = {"letter", "do_letter", "notification", "office_order", "circular"}


def review_reasons(record: Record) -> list[str]:
    """The reasons, most telling first; empty when nothing calls for a look."""
    reasons = []
    confidence = record.source.ocr_confidence
    if confidence is not None and confidence < LOW_CONFIDENCE:
        reasons.append(f"low OCR confidence ({confidence:.2f})")
    if record.date is not None and record.date.consistent is False:
        reasons.append("date halves disagree")
    unassigned = sum(not decision.responsible for decision in record.decisions)
    if unassigned:
        reasons.append(f"{unassigned} decision{'s' if unassigned > 1 else ''} without responsible")
    if record.doc_type in _NUMBERED and record.memo_no is None:
        reasons.append("no memo number")
    if record.doc_type in _NUMBERED and (record.date is None or record.date.value is None):
        reasons.append("no date")
    if record.doc_type == "minutes" and not record.decisions:
        reasons.append("minutes without decisions")
    if record.warnings:
        reasons.append("has warnings")
    return reasons
