"""Markup of web and OCR copies: HTML cells, Markdown emphasis, pipe tables."""

from __future__ import annotations

from pipeline.api import process_text
from pipeline.normalize.markup import strip_markup
from tests.conftest import CORPUS


def test_html_nested_table_is_flattened_into_its_cell() -> None:
    text = "১৩\t<p>বিবরণ</p>\t<table><tr><td>মন্ত্রিপরিষদ</td><td>বিভাগের</td></tr></table>\tটিম"
    assert strip_markup(text).split("\t")[2].split() == ["মন্ত্রিপরিষদ", "বিভাগের"]


def test_markdown_emphasis_and_escapes() -> None:
    assert strip_markup("**বিষয়: সভা।**\neg\\_sec@cabinet.gov.bd") == "বিষয়: সভা।\neg_sec@cabinet.gov.bd"


def test_one_cell_a_line_table_becomes_tab_rows() -> None:
    rows = strip_markup((CORPUS / "minutes-rhdc-rangamati-2020-03-04.txt").read_text(encoding="utf-8"))
    assert "ক্রমিক নং\tআলোচনা\tসিদ্ধান্ত\tবাস্তবায়নকারী" in rows.split("\n")


def test_markdown_table_rows() -> None:
    assert strip_markup("| ক্রম | সিদ্ধান্ত |\n|---|---|\n| ১ | প্রেরণ করতে হবে। |") == "ক্রম\tসিদ্ধান্ত\n১\tপ্রেরণ করতে হবে।"


def test_pipe_table_decisions_keep_their_rows_across_a_page_footer() -> None:
    (record,) = process_text(
        "সভার কার্যবিবরণী\nসভাপতি: অধ্যাপক ড. মোঃ কামরুল হাসান\n\n"
        "ক্রমিক নং |\nআলোচ্য বিষয় |\nসিদ্ধান্ত |\nবাস্তবায়নকারী |\n"
        "১। |\nঅনলাইন ক্লাস। |\nক্লাস অনলাইনে শুরু করিতে হইবে। |\nডিন (সকল অনুষদ) ও চেয়ারম্যান (সকল বিভাগ) |\n"
        "\n-২-\n\n"
        "২। |\nশিক্ষক প্রশিক্ষণ। |\nপ্রশিক্ষণ জরুরী ভিত্তিতে আয়োজন করিতে হইবে। |\nপরিচালক, আইকিউএসি |\n"
    )
    first, second = record.decisions
    assert first.responsible == ["ডিন (সকল অনুষদ)", "চেয়ারম্যান (সকল বিভাগ)"]
    assert second.responsible == ["পরিচালক, আইকিউএসি"]
    assert second.deadline is not None and second.deadline.kind == "asap"
