"""Scorer tests: small hand-computed cases, then the real gold scored against itself."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.score import (
    FIELDS,
    Counts,
    ScoreReport,
    file_key,
    load_gold,
    load_records,
    normalise,
    render_table,
    score,
    sim,
)

GOLD_DIR = Path(__file__).resolve().parents[1] / "gold"

Doc = dict[str, Any]


def score_one(gold: Doc, pred: Doc) -> ScoreReport:
    return score({"f": [gold]}, {"f": [pred]})


def counts(report: ScoreReport, name: str) -> tuple[int, int, int]:
    c = report.fields[name]
    return c.tp, c.fp, c.fn


def nonzero(report: ScoreReport) -> dict[str, tuple[int, int, int]]:
    """Only the fields that counted anything, so a test states every count it expects."""
    return {name: counts(report, name) for name in FIELDS if counts(report, name) != (0, 0, 0)}


def decisions(*texts: str, **extra: Any) -> list[Doc]:
    return [{"text": text, **extra} for text in texts]


# --- strings -------------------------------------------------------------------------------------


def test_file_key_is_the_name_up_to_its_first_dot() -> None:
    assert file_key("corpus/minutes-sid-2022-10-08.txt") == "minutes-sid-2022-10-08"
    assert file_key("scans/minutes-sid-2022-10-08.noto-degraded.pdf") == "minutes-sid-2022-10-08"
    assert file_key("minutes-sid-2022-10-08.json") == "minutes-sid-2022-10-08"


def test_normalise_strips_visarga_and_danda_and_converts_digits() -> None:
    assert normalise("ঃ ১২৩।") == "123"
    assert normalise("  বিষয়ঃ   ক\tখ। ") == "বিষয়ঃ ক খ"  # inner ঃ kept, whitespace collapsed
    assert normalise("-(৫২.০০),") == "52.00"
    assert normalise("") == ""


def test_normalise_is_nfc() -> None:
    assert normalise("\u09af\u09bc") == normalise("\u09df")  # য + nukta vs precomposed য়


def test_sim_compares_normalised_strings() -> None:
    assert sim("মোঃ জাহিদ হোসেন।", " মোঃ  জাহিদ হোসেন") == 1.0
    assert sim("aaaaaaaaaa", "aaaaaaabbb") == pytest.approx(0.7)  # indel 6 over 20 characters


@given(st.text())
def test_normalise_is_idempotent(s: str) -> None:
    assert normalise(normalise(s)) == normalise(s)


# --- counts --------------------------------------------------------------------------------------


def test_precision_recall_f1_arithmetic() -> None:
    c = Counts(tp=3, fp=1, fn=2)
    assert c.precision == pytest.approx(0.75)  # 3 / 4
    assert c.recall == pytest.approx(0.6)  # 3 / 5
    assert c.f1 == pytest.approx(2 / 3)  # 2·0.75·0.6 / 1.35
    assert Counts(1, 2, 3) + Counts(4, 5, 6) == Counts(5, 7, 9)


def test_undefined_ratios_are_zero() -> None:
    assert (Counts().precision, Counts().recall, Counts().f1) == (0.0, 0.0, 0.0)
    only_fp = Counts(fp=2)
    assert (only_fp.precision, only_fp.recall, only_fp.f1) == (0.0, 0.0, 0.0)


# --- single-valued fields ------------------------------------------------------------------------


def test_wrong_value_is_one_fp_and_one_fn() -> None:
    report = score_one({"doc_type": "letter"}, {"doc_type": "minutes"})
    assert nonzero(report) == {"doc_type": (0, 1, 1)}


def test_absent_gold_field_is_not_scored() -> None:
    pred = {"doc_type": "letter", "subject": "বিষয়", "memo_no": {"value": "1.2"}, "signatory": {"name": "ক"}}
    assert nonzero(score_one({"doc_type": "letter"}, pred)) == {"doc_type": (1, 0, 0)}


def test_null_gold_field_turns_a_prediction_into_fp() -> None:
    assert nonzero(score_one({"subject": None}, {"subject": "বিষয়"})) == {"subject": (0, 1, 0)}
    assert nonzero(score_one({"subject": None}, {"subject": None})) == {}
    assert nonzero(score_one({"subject": None}, {})) == {}


def test_null_date_checks_both_halves_but_absent_bangla_is_not_scored() -> None:
    pred = {"date": {"value": "2022-10-10", "bangla": "1429-06-25"}}
    assert nonzero(score_one({"date": None}, pred)) == {"date": (0, 1, 0), "date_bangla": (0, 1, 0)}
    assert nonzero(score_one({"date": {"value": "2022-10-10"}}, pred)) == {"date": (1, 0, 0)}


def test_null_meeting_checks_chair_and_meeting_date() -> None:
    pred = {"meeting": {"chair": "শেখ মোঃ কাবেদুল ইসলাম", "date": "2022-10-08"}}
    assert nonzero(score_one({"meeting": None}, pred)) == {"chair": (0, 1, 0), "meeting_date": (0, 1, 0)}


def test_gold_value_without_prediction_is_fn() -> None:
    gold = {"memo_no": {"value": "52.00.0000.022.05.001.22-78"}, "signatory": {"name": "ক খ"}}
    assert nonzero(score_one(gold, {"memo_no": None})) == {"memo_no": (0, 0, 1), "signatory": (0, 0, 1)}


def test_names_match_by_similarity() -> None:
    gold = {"signatory": {"name": "মোঃ জাহিদ হোসেন"}, "meeting": {"chair": "শেখ মোঃ কাবেদুল ইসলাম"}}
    pred = {"signatory": {"name": "মোঃ জাহিদ হোসেন।"}, "meeting": {"chair": "দিদারুল হক সিকদার"}}
    assert nonzero(score_one(gold, pred)) == {"signatory": (1, 0, 0), "chair": (0, 1, 1)}


# --- references ----------------------------------------------------------------------------------


def test_empty_gold_list_turns_predicted_references_into_fps() -> None:
    pred = {"references": [{"memo_no": "04.00.0000.831.66.003.17.282"}, {"memo_no": "05.00.0000.173"}]}
    assert nonzero(score_one({"references": []}, pred)) == {"references": (0, 2, 0)}


def test_references_compare_as_sets_of_normalised_numbers() -> None:
    gold = {"references": [{"memo_no": "04.00.0000.831"}, {"memo_no": "05.00.0000.173"}]}
    pred = {"references": [{"memo_no": "০৪.০০.০০০০.৮৩১"}, {"memo_no": "04.00.0000.831"}, {"memo_no": "9.9"}]}
    assert nonzero(score_one(gold, pred)) == {"references": (1, 1, 1)}


# --- decisions, responsible, deadline ------------------------------------------------------------


def test_identical_decisions_match_one_to_one() -> None:
    gold = {"decisions": decisions("যথাসময়ে প্রেরণ করতে হবে।", "যথাসময়ে প্রেরণ করতে হবে।")}
    pred = {"decisions": decisions(*["যথাসময়ে প্রেরণ করতে হবে।"] * 3)}
    assert nonzero(score_one(gold, pred)) == {"decisions": (2, 1, 0)}


@pytest.mark.parametrize(
    ("predicted", "expected"),
    [
        ("aaaaaaabb", (1, 0, 0)),  # indel 3 + 2 over 19 characters: 14/19 ≈ 0.737
        ("aaaaaaabbb", (1, 0, 0)),  # indel 6 over 20: exactly 0.70, which still matches
        ("aaaaaaabbbb", (0, 1, 1)),  # indel 3 + 4 over 21: 2/3 ≈ 0.667
    ],
)
def test_decision_similarity_threshold(predicted: str, expected: tuple[int, int, int]) -> None:
    report = score_one({"decisions": decisions("aaaaaaaaaa")}, {"decisions": decisions(predicted)})
    assert counts(report, "decisions") == expected


def test_decisions_pair_by_best_similarity_not_reading_order() -> None:
    gold = {"decisions": [{"text": "aaaaaaaaaa", "responsible": ["ইনোভেশন টিম"]}]}
    pred = {
        "decisions": [
            {"text": "aaaaaaaabb", "responsible": ["প্রোগ্রামার, আইসিটি শাখা"]},  # sim 0.8
            {"text": "aaaaaaaaaa", "responsible": ["ইনোভেশন টিম"]},  # sim 1.0
        ]
    }
    assert nonzero(score_one(gold, pred)) == {"decisions": (1, 1, 0), "responsible": (1, 0, 0)}


def test_responsible_only_in_matched_decisions_with_the_gold_key() -> None:
    gold = {
        "decisions": [
            {"text": "সকল শাখা/অধিশাখার আহুত উদ্যোগ/ধারণার যোগাযোগ রাখতে হবে।", "responsible": ["ইনোভেশন টিম"]},
            {"text": "চূড়ান্ত তালিকাটি ওয়েবসাইটে প্রকাশের ব্যবস্থা গ্রহণ করতে হবে।"},  # responsible not checked
        ]
    }
    pred = {
        "decisions": [
            {
                "text": "সকল শাখা/অধিশাখার আহুত উদ্যোগ/ধারণার যোগাযোগ রাখতে হবে।",
                "responsible": ["ইনোভেশন টিম।", "প্রোগ্রামার, আইসিটি শাখা"],
            },
            {"text": "চূড়ান্ত তালিকাটি ওয়েবসাইটে প্রকাশের ব্যবস্থা গ্রহণ করতে হবে।", "responsible": ["উপসচিব"]},
            {"text": "ই-নথির কার্যক্রম জোরদারকরণ", "responsible": ["সহকারী মেইনটেন্যান্স ইঞ্জিনিয়ার"]},  # unmatched
        ]
    }
    assert nonzero(score_one(gold, pred)) == {"decisions": (2, 1, 0), "responsible": (1, 1, 0)}


ASAP = {"kind": "asap", "value": None, "text": "জরুরি ভিত্তিতে"}
BY_MAY_4 = {"kind": "date", "value": "2023-05-04", "text": "০৪/০৫/২০২৩ তারিখের মধ্যে"}
BY_MAY_5 = {"kind": "date", "value": "2023-05-05", "text": "০৫/০৫/২০২৩ তারিখের মধ্যে"}


@pytest.mark.parametrize(
    ("gold_deadline", "pred_deadline", "expected"),
    [
        (None, None, (0, 0, 0)),  # both null: nothing to count
        (BY_MAY_4, BY_MAY_5, (0, 1, 1)),  # same kind, different value
        ({"kind": "asap", "value": None}, ASAP, (1, 0, 0)),  # asap with null values matches
        ({"kind": "date", "value": "2023-05-04"}, BY_MAY_4, (1, 0, 0)),  # text is not compared
        (BY_MAY_4, ASAP, (0, 1, 1)),  # different kind
        (BY_MAY_4, None, (0, 0, 1)),
        (None, ASAP, (0, 1, 0)),
    ],
)
def test_deadline(gold_deadline: Doc | None, pred_deadline: Doc | None, expected: tuple[int, int, int]) -> None:
    gold = {"decisions": decisions("ই-নথির কার্যক্রম জোরদারকরণের সিদ্ধান্ত গৃহীত হয়।", deadline=gold_deadline)}
    pred = {"decisions": decisions("ই-নথির কার্যক্রম জোরদারকরণের সিদ্ধান্ত গৃহীত হয়।", deadline=pred_deadline)}
    assert counts(score_one(gold, pred), "deadline") == expected


def test_deadline_not_scored_without_the_gold_key() -> None:
    gold = {"decisions": decisions("ই-নথির কার্যক্রম জোরদার করতে হবে।")}
    pred = {"decisions": decisions("ই-নথির কার্যক্রম জোরদার করতে হবে।", deadline=ASAP)}
    assert nonzero(score_one(gold, pred)) == {"decisions": (1, 0, 0)}


# --- alignment -----------------------------------------------------------------------------------


def test_alignment_by_memo_number_beats_reading_order() -> None:
    a = {"memo_no": {"value": "46.00.0000.039"}, "doc_type": "letter"}
    b = {"memo_no": {"value": "04.00.0000.831"}, "doc_type": "minutes"}
    b_bangla = {"memo_no": {"value": "০৪.০০.০০০০.৮৩১"}, "doc_type": "minutes"}
    report = score({"f": [a, b]}, {"f": [b_bangla, a]})
    assert nonzero(report) == {"memo_no": (2, 0, 0), "doc_type": (2, 0, 0)}


def test_documents_without_memo_number_align_in_reading_order() -> None:
    gold: list[Doc] = [
        {"doc_type": "letter"},
        {"doc_type": "minutes"},
        {"doc_type": "other", "memo_no": {"value": "1.2"}},
    ]
    pred: list[Doc] = [{"doc_type": "other", "memo_no": {"value": "1.2"}}, {"doc_type": "letter"}]
    report = score({"f": gold}, {"f": pred})
    # other↔other by memo; then letter↔letter; minutes is left unaligned.
    assert nonzero(report) == {"doc_type": (2, 0, 1), "memo_no": (1, 0, 0)}


def test_unaligned_predicted_document_counts_its_filled_fields_as_fp() -> None:
    gold = {"doc_type": "letter", "memo_no": {"value": "1.1"}}
    stray = {
        "doc_type": "letter",
        "memo_no": {"value": "9.9"},
        "date": {"value": "2020-01-01", "bangla": "1426-09-17"},
        "subject": "বিষয়",
        "references": [{"memo_no": "1.2"}],
        "signatory": {"name": "ক খ"},
        "meeting": {"chair": "গ ঘ", "date": "2020-01-01"},
        "decisions": [{"text": "করতে হবে", "responsible": ["ঙ"], "deadline": ASAP}],
    }
    report = score({"f": [gold]}, {"f": [gold, stray]})
    expected = {name: (0, 1, 0) for name in FIELDS if name not in ("responsible", "deadline")}
    expected |= {"doc_type": (1, 1, 0), "memo_no": (1, 1, 0)}
    assert nonzero(report) == expected  # responsible/deadline count only inside matched decisions
    assert (report.overall.tp, report.overall.fp, report.overall.fn) == (2, 10, 0)


def test_gold_file_without_predictions_counts_all_fn() -> None:
    gold = {
        "doc_type": "letter",
        "memo_no": {"value": "1.1"},
        "subject": None,  # checked empty: nothing to miss
        "references": [{"memo_no": "2.2"}, {"memo_no": "3.3"}],
        "decisions": [{"text": "ক করতে হবে", "responsible": ["খ"]}, {"text": "গ করতে হবে", "deadline": ASAP}],
    }
    report = score({"f": [gold]}, {"other": [{"doc_type": "letter"}]})
    assert nonzero(report) == {
        "doc_type": (0, 0, 1),
        "memo_no": (0, 0, 1),
        "references": (0, 0, 2),
        "decisions": (0, 0, 2),
    }
    assert (report.documents, report.files, report.unscored_files) == (1, 1, ["other"])


# --- report --------------------------------------------------------------------------------------


def test_report_to_dict_and_table() -> None:
    report = score_one({"doc_type": "letter", "subject": None}, {"doc_type": "letter", "subject": "x"})
    data = json.loads(json.dumps(report.to_dict()))
    assert list(data["fields"]) == list(FIELDS)
    assert data["fields"]["doc_type"] == {
        "tp": 1,
        "fp": 0,
        "fn": 0,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }
    assert data["overall"] == {"tp": 1, "fp": 1, "fn": 0, "precision": 0.5, "recall": 1.0, "f1": 2 / 3}
    table = render_table(report)
    assert table.row_count == len(FIELDS) + 1
    assert list(table.columns[6].cells)[-1] == "0.667"


# --- loading -------------------------------------------------------------------------------------


def test_load_records_reports_corrupt_lines_and_keeps_the_others(tmp_path: Path) -> None:
    def record(file: str, doc_type: str) -> str:
        return json.dumps({"source": {"file": file}, "doc_type": doc_type}, ensure_ascii=False)

    lines = [
        record("corpus/a.txt", "letter"),
        "",
        '{"source": {"file": "corpus/a.txt"}, "doc_type":',
        json.dumps({"doc_type": "letter"}),
        record("scans/a.noto-degraded.pdf", "minutes"),
        record("corpus/b.txt", "other"),
    ]
    path = tmp_path / "records.jsonl"
    path.write_bytes("\n".join(lines).encode() + b"\n\xff\xfe\n")
    records, problems = load_records(path)
    assert {key: [r["doc_type"] for r in docs] for key, docs in records.items()} == {
        "a": ["letter", "minutes"],
        "b": ["other"],
    }
    assert [p.split(":")[0] for p in problems] == ["LINE 3", "LINE 4", "LINE 7"]
    assert "source.file" in problems[1]


def test_load_gold_names_a_malformed_file(tmp_path: Path) -> None:
    (tmp_path / "good.json").write_text('{"file": "good.txt", "documents": []}', encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"file": "broken.txt", "documents": [', encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.json"):
        load_gold(tmp_path)
    (tmp_path / "broken.json").write_text('{"file": "broken.txt", "documents": "none"}', encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.json"):
        load_gold(tmp_path)


def test_gold_scored_against_itself_is_perfect(tmp_path: Path) -> None:
    gold = load_gold(GOLD_DIR)
    assert gold, "no gold files found"
    # Write each gold document as a record of its corpus file, so the loader and file keys are exercised.
    lines = []
    for path in sorted(GOLD_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        lines += [json.dumps({"source": {"file": f"corpus/{data['file']}"}, **doc}) for doc in data["documents"]]
    records_path = tmp_path / "records.jsonl"
    records_path.write_text("\n".join(lines), encoding="utf-8")
    predicted, problems = load_records(records_path)
    assert problems == []

    report = score(gold, predicted)
    assert report.unscored_files == []
    assert report.documents == sum(len(docs) for docs in gold.values())
    for name in FIELDS:
        c = report.fields[name]
        assert (c.fp, c.fn) == (0, 0), name
        if c.tp:
            assert c.f1 == 1.0, name
    assert report.fields["decisions"].tp > 0 and report.fields["deadline"].tp > 0
