"""pipeline.ocr.doubt: which OCR words are named as unsure memo numbers."""

from __future__ import annotations

from pipeline.ocr.doubt import unsure_memo_numbers
from pipeline.ocr.tesseract import OcrWord


def _line(*words: tuple[str, float], line: int = 1) -> list[OcrWord]:
    return [OcrWord(text, 10 * i, 10 * line, 9, 9, conf, 1, 1, line) for i, (text, conf) in enumerate(words)]


def test_only_the_number_behind_a_memo_label_counts_and_only_when_unsure() -> None:
    unsure = _line(("স্মারক", 91), ("নং-", 90), ("আপিবো/প্রশা/২০১০/২১", 37), ("তারিখ:", 81), ("২০/০২/২০২৩", 91))
    sure = _line(("স্মারক", 91), ("নং-", 90), ("আশিবো/প্রশা/২০১০/২১", 88), line=2)
    table = _line(("ইংরেজি", 91), ("পত্র", 50), ("১০৮", 7), line=3)  # পত্র alone is no memo label
    assert [w.text for w in unsure_memo_numbers(unsure + sure + table)] == ["আপিবো/প্রশা/২০১০/২১"]


def test_a_blank_memo_field_leaves_the_date_alone() -> None:
    blank = _line(("স্মারক", 93), ("নং-", 91), ("তারিখ", 95), ("৪", 40), ("০৬/১২/২০২২", 40))
    assert unsure_memo_numbers(blank) == []
