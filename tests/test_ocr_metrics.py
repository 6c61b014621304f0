"""pipeline.ocr.metrics: what counts as an OCR error."""

from __future__ import annotations

from pipeline.ocr.metrics import cer, comparable


def test_a_line_opening_bullet_is_left_out_on_both_sides() -> None:
    truth = "শর্তাবলী:\nআবেদন পত্র পূরণ করতে হবে।\nছবি জমা দিতে হবে।"
    read = "শর্তাবলী:\n* আবেদন পত্র পূরণ করতে হবে।\n● ছবি জমা দিতে হবে।"
    assert cer(read, truth) == 0.0
    assert cer("• " + truth, truth) == 0.0


def test_signs_that_are_text_still_count() -> None:
    assert comparable("-২-\nমোট ৫*২ = ১০") == "-২- মোট ৫*২ = ১০"
    assert cer("*আবেদন", "আবেদন") > 0  # a star glued to a word is no bullet
    assert cer("আবেদন পত্র", "আবেদন পত্রে") > 0
