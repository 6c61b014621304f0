"""Key fields of every real corpus document, checked against what the page prints."""

from __future__ import annotations

import datetime as dt

from pipeline.api import normalise_pages
from pipeline.ingest import read_pages
from pipeline.models import Record
from pipeline.score import load_gold, score, sim
from tests.conftest import CORPUS, GOLD

Records = dict[str, list[Record]]


def test_forwarding_letter_is_two_documents(corpus_records: Records) -> None:
    first, forwarded = corpus_records["forwarding-letter-lgd-2017-10-31"]
    assert first.memo_no is not None and first.memo_no.value == "46.00.0000.039.018.002.2015-188-5"
    assert forwarded.memo_no is not None and forwarded.memo_no.value == "04.00.0000.831.66.003.17.282"
    assert forwarded.memo_no.copy_ is None  # the /১(৫) line is the copy list's, not the letter's own
    assert first.date is not None and first.date.value == dt.date(2017, 10, 31)
    assert (first.date.bangla, first.date.consistent) == ("1424-07-16", True)
    assert [(r.memo_no, r.date) for r in first.references] == [("04.00.0000.831.66.003.17.282", dt.date(2017, 10, 18))]
    assert forwarded.references == []
    assert first.signatory is not None and first.signatory.name == "মোঃ জাহিদ হোসেন"
    assert first.signatory.phone == "৯৫৭৫৫৭৩" and first.signatory.email == "lgadmin1@lgd.gov.bd"
    assert forwarded.signatory is not None and forwarded.signatory.name == "মোঃ শাহগীর আলম"
    assert forwarded.signatory.designation == "সিনিয়র সহকারী সচিব"


def test_forwarded_letter_lists_its_directives_not_the_contact_item(corpus_records: Records) -> None:
    forwarded = corpus_records["forwarding-letter-lgd-2017-10-31"][1]
    assert [d.ref for d in forwarded.decisions] == ["ক", "খ", "গ"]
    assert forwarded.decisions[0].text.startswith("মন্ত্রণালয়/বিভাগের আওতাধীন দপ্তরসমূহের")
    assert all(d.deadline is None for d in forwarded.decisions)  # যথাসময়ে and দ্রুত are no deadlines


def test_do_letter(corpus_records: Records) -> None:
    (record,) = corpus_records["do-letter-ptd-2016-10-26"]
    assert record.doc_type == "do_letter"
    assert record.memo_no is not None and record.memo_no.value == "66.00.0000.002.21.004.15-176"
    assert record.subject is None
    assert record.signatory is not None and (record.signatory.name, record.signatory.designation) == (
        "মোস্তাফা জব্বার",
        "মন্ত্রী",
    )
    assert len(record.decisions) == 5  # the five bullets; not the lead-in, contact or thanks
    owner = "মন্ত্রণালয়/বিভাগ এবং তীর অধীনস্থ অধিদপ্তর/দপ্তর/সংস্থা"
    for decision in record.decisions:
        assert any(sim(who, owner) >= 0.8 for who in decision.responsible)
        assert decision.deadline is None  # "৭ দিন ব্যাপী" is a duration


def test_minutes_table(corpus_records: Records) -> None:
    (record,) = corpus_records["minutes-sid-2022-10-08"]
    assert record.doc_type == "minutes"
    assert record.date is not None and (record.date.value, record.date.bangla) == (
        dt.date(2022, 10, 10),
        "1429-06-25",
    )
    assert record.meeting is not None
    assert (record.meeting.chair, record.meeting.date, record.meeting.time) == (
        "শেখ মোঃ কাবেদুল ইসলাম",
        dt.date(2022, 10, 8),
        "11:00",
    )
    assert len(record.decisions) == 15
    by_ref = {d.ref: d for d in record.decisions}
    assert by_ref["৩"].deadline is not None and by_ref["৩"].deadline.value == "2023-05-04"
    assert by_ref["৫"].deadline is not None and by_ref["৫"].deadline.kind == "asap"
    assert by_ref["৭"].deadline is not None and by_ref["৭"].deadline.value == "P3M"
    assert by_ref["১০"].deadline is None  # যথাসময়ে
    assert by_ref["১(ক)"].responsible == ["ইনোভেশন টিম"]  # cell run together with its neighbour
    assert by_ref["৬"].responsible == ["উপসচিব, প্রশাসন-৩ অধিশাখা"]
    assert any(w.startswith("table-columns: table row ১৩ ") for w in record.warnings)


def test_minutes_header_details(corpus_records: Records) -> None:
    (rhdc,) = corpus_records["minutes-rhdc-rangamati-2020-03-04"]
    assert rhdc.meeting is not None
    assert (rhdc.meeting.chair, rhdc.meeting.date, rhdc.meeting.time, rhdc.meeting.venue) == (
        "বৃষ কেতু চাকমা",
        dt.date(2020, 3, 4),
        "10:30",
        "মাননীয় চেয়ারম্যান মহোদয়ের অফিস কক্ষ",
    )
    (union,) = corpus_records["minutes-konakhali-union-parishad-monthly"]
    assert union.meeting is not None and union.meeting.chair == "দিদারুল হক সিকদার"
    assert union.meeting.date is None  # বিগত ২৫/০৪/২০১৫ is an earlier meeting


def test_dual_date_that_disagrees_is_kept_and_flagged(corpus_records: Records) -> None:
    (record,) = corpus_records["letter-dpe-2025-03-17-school-land-record"]
    assert record.date is not None
    assert (record.date.value, record.date.bangla, record.date.consistent) == (
        dt.date(2025, 3, 17),
        "1431-12-04",
        False,
    )
    assert any(w.startswith("date-mismatch: dual date disagrees") for w in record.warnings)


def test_dpe_letters_memo_and_dates(corpus_records: Records) -> None:
    smaranika = corpus_records["letter-dpe-2025-02-05-smaranika-call"][0]
    assert smaranika.memo_no is not None and smaranika.memo_no.value == "38.01.0000.107.24.003.23(পার্ট-1)-2.16"
    assert smaranika.date is not None and smaranika.date.bangla == "1431-10-22"  # 22-মাঘ, an ASCII day
    award = corpus_records["letter-dpe-2024-05-07-award-applications"][0]
    assert [r.memo_no for r in award.references] == ["56.04.0000.008.23.043.24.213"]
    polling = corpus_records["letter-dpe-2023-10-16-polling-centre-repair"][0]
    assert polling.date is not None and polling.date.bangla is None


def test_notification_and_notice(corpus_records: Records) -> None:
    (notification,) = corpus_records["notification-mopa-2021-08-18-ashura-holiday"]
    assert notification.doc_type == "notification" and notification.subject is None
    (notice,) = corpus_records["notice-upazila-education-office-rajapur"]
    assert (notice.doc_type, notice.memo_no, notice.date) == ("other", None, None)
    assert [d.text[:20] for d in notice.decisions] == ["অত্র অফিসের নিয়ন্ত্"]


def test_decision_spans_point_at_their_text(corpus_records: Records) -> None:
    for stem, records in corpus_records.items():
        pages = normalise_pages([p.text for p in read_pages(CORPUS / f"{stem}.txt").pages])
        for record in records:
            for decision in record.decisions:
                printed = pages[decision.span.page - 1][decision.span.start : decision.span.end]
                assert " ".join(printed.split()).endswith(decision.text[-15:]), (stem, decision.ref)


def test_corpus_score_does_not_regress(corpus_records: Records) -> None:
    predicted = {
        stem: [r.model_dump(mode="json", by_alias=True) for r in records] for stem, records in corpus_records.items()
    }
    report = score(load_gold(GOLD), predicted)
    checked = {name: counts for name, counts in report.fields.items() if counts.tp + counts.fp + counts.fn}
    assert len(checked) == len(report.fields)  # every field has gold in the corpus
    assert {name: counts.f1 for name, counts in checked.items() if counts.f1 < 0.98} == {}
