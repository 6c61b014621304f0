"""pipeline.normalize.unicode on the real corpus, the repair table's own examples, and random text."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize import unicode as unicode_module
from pipeline.normalize.unicode import Repair, normalize_text, repairs

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))
GENRE = ROOT.parent / "shared" / "contract" / "GENRE.md"  # shared/ sits beside the repo, in CI too

YA = "য\u09bc"  # য় in NFC: ya + nukta (U+09DF is a composition exclusion)


def _corpus_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _corpus_line(fragment: str) -> str:
    """The one corpus line holding `fragment`, so that inputs stay real text."""
    lines = [line for path in CORPUS for line in _corpus_text(path).split("\n") if fragment in line]
    assert len(lines) == 1, (fragment, len(lines))
    return lines[0]


def _line_breaks(text: str) -> int:
    """Line breaks as `str.splitlines` sees them (\\r\\n counts once)."""
    return sum(piece != piece.splitlines()[0] for piece in text.splitlines(keepends=True))


_BROKEN_SEQUENCE = regex.compile("[\u09be-\u09cc\u09d7][\u09be-\u09cc\u09cd]")  # ত্রািত, আপনারা্


def _is_damaged(line: str) -> bool:
    """A line the table repairs, with a letter of another script, or with a vowel sign followed by
    another vowel sign or a hasanta (an OCR or typing slip the normaliser drops)."""
    return any(r.wrong in line for r in repairs()) or "ৰ" in line or "ৱ" in line or bool(_BROKEN_SEQUENCE.search(line))


# --- the repair table -------------------------------------------------------------------------------


def test_table_loads_as_repairs() -> None:
    rows = repairs()
    assert rows and all(isinstance(r, Repair) for r in rows)
    assert {r.kind for r in rows} == {"legacy", "ocr"}
    assert "উন্নাব" in {r.wrong for r in rows}


_DECOMPOSED_O = "ক\u09c7\u09be"  # কো with its vowel sign in two halves: not NFC


@pytest.mark.parametrize(
    "row",
    [
        {"wrong": "উন্নাব", "right": "উদ্ভাব", "kind": "spelling", "example": "উন্নাবন"},  # unknown kind
        {"wrong": "উন্নাব", "right": "উদ্ভাব", "kind": "ocr", "example": "উদ্ভাবন"},  # example lacks it
        {"wrong": _DECOMPOSED_O, "right": "কো", "kind": "ocr", "example": _DECOMPOSED_O},  # not NFC
    ],
)
def test_table_rejects_a_bad_row(row: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(unicode_module, "load_tsv", lambda name: (row,))
    with pytest.raises(ValueError, match=r"ocr_repairs\.tsv"):
        unicode_module.repairs.__wrapped__()


@pytest.mark.parametrize("row", repairs(), ids=lambda r: r.wrong)
def test_repair_fixes_its_real_example(row: Repair) -> None:
    assert row.wrong in row.example
    fixed = normalize_text(row.example)
    assert row.wrong not in fixed
    # Every occurrence became `right`: an example that already held `right` cannot pass by itself.
    assert fixed.count(row.right) >= row.example.count(row.right) + row.example.count(row.wrong)
    assert normalize_text(fixed) == fixed


@pytest.mark.parametrize("row", repairs(), ids=lambda r: r.wrong)
def test_repair_example_is_quoted_from_a_real_document(row: Repair) -> None:
    sources = [_corpus_text(p) for p in CORPUS]
    if GENRE.exists():
        sources.append(GENRE.read_text(encoding="utf-8"))
    elif not any(row.example in s for s in sources):
        pytest.skip(f"{GENRE} is not here to check the example against")
    assert any(row.example in s for s in sources)


def test_legacy_rules_are_substrings_not_words() -> None:
    # The converter's systematic damage, on words that are not in the examples.
    assert normalize_text("সিদ্ধামত্ম অমত্মর্ভুক্ত") == "সিদ্ধান্ত অন্তর্ভুক্ত"
    assert normalize_text("গুরম্নত্ব") == "গুরুত্ব"


def test_udbhabon_inflections_are_repaired() -> None:
    line = _corpus_line("একটি উত্তাবনী উদ্যোগ পরিদর্শন")
    assert "একটি উদ্ভাবনী উদ্যোগ পরিদর্শন" in normalize_text(line)
    assert normalize_text("উন্নাবিত উভাবক") == "উদ্ভাবিত উদ্ভাবক"


def test_unnoyon_is_untouched() -> None:
    for fragment in ("উন্নয়নের গণতন্ত্র", "উপসচিব (উন্নয়ন-১ অধিশাখা)"):
        line = _corpus_line(fragment)
        assert normalize_text(line) == line


# --- the whole corpus -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_corpus_file_is_idempotent_nfc_and_keeps_its_lines(path: Path) -> None:
    text = _corpus_text(path)
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert once.count("\n") == text.count("\n")
    assert once.count("\t") == text.count("\t")
    assert "ৰ" not in once and "ৱ" not in once


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_only_damaged_corpus_lines_change(path: Path) -> None:
    for line in _corpus_text(path).split("\n"):
        assert (normalize_text(line) != line) == _is_damaged(line), line


def test_a_clean_bangla_line_is_unchanged() -> None:
    line = _corpus_line("বিষয়ঃ মন্ত্রণালয়/বিভাগ ও অধিদপ্তর/সংস্থার সেবাসমূহ")
    assert normalize_text(line) == line


def test_english_passes_through() -> None:
    english = _corpus_line("Allocation fo Business Among").split(" এর ")[0]  # the English half of the line
    for line in (english, _corpus_line("e-mail: lgadmin1@lgd.gov.bd"), "ইমেইল: eg\\_sec@cabinet.gov.bd"):
        assert normalize_text(line) == line
    assert english.isascii() and len(english) > 100


def test_assamese_letters_become_ra() -> None:
    line = _corpus_line("৪ৰ্থ শিল্পবিপ্লবের সম্ভাব্য চ্যালেঞ্জ মোকাবেলায় বিষয়ভিত্তিক কর্মশালা আয়োজন")
    fixed = normalize_text(line)
    assert "৪র্থ শিল্পবিপ্লবের" in fixed and "ৰ" not in fixed
    assert "পরিসংখ্যান ব্যুরোর" in normalize_text(_corpus_line("ব্যৱোর"))
    assert normalize_text("ৱ") == "র"  # outside the table's context


def test_ya_stays_decomposed() -> None:
    line = _corpus_line("সময় : সকাল ১১:০০ মিনিট")
    assert YA in line
    assert normalize_text(line) == line
    composed = line.replace(YA, "\u09df")
    assert normalize_text(composed) == line


# --- characters, lines and spaces -------------------------------------------------------------------


def test_line_breaks_become_newlines() -> None:
    a, b = _corpus_line("সময় : সকাল ১১:০০"), _corpus_line("স্থান : সম্মেলনকক্ষ")
    assert normalize_text(f"{a}\r\n{b}\r{a}\u2028{b}\f") == f"{a}\n{b}\n{a}\n{b}\n"


def test_odd_spaces_become_plain_and_tabs_stay() -> None:
    line = _corpus_line("ডায়েরী নম্বর:- ৬০৪")
    spaced = line.replace(" ", "\u00a0", 1).replace(" ", "\u2009", 1).replace(" ", "\u3000", 1)
    assert normalize_text(spaced) == line
    assert normalize_text("তারিখ\t২৫/১০/১৬") == "তারিখ\t২৫/১০/১৬"
    assert normalize_text("ক  খ") == "ক  খ"  # runs of spaces separate table cells


def test_bom_and_stray_zero_width_characters_go() -> None:
    line = _corpus_line("বিষয়: মন্ত্রণালয়/বিভাগ ও অধিদপ্তর/সংস্থার")
    dirty = "\ufeff" + line.replace("বিষয়", "বিষয়\u200b", 1).replace(" ও ", " ও\u200d ", 1)
    assert normalize_text(dirty.replace("মন্ত্রণালয়", "মন্ত্র\u200cণালয়", 1)) == line


def test_joiners_stay_where_bangla_uses_them() -> None:
    ra_ya = "র\u200d\u09cdযাব"  # র‍্যাব: ra + ZWJ + ya-phala
    assert normalize_text(ra_ya) == ra_ya
    assert normalize_text("র\u200c\u09cdযাব") == ra_ya  # ZWNJ typed for the ZWJ
    explicit_hasanta = "ক\u09cd\u200cষ"
    assert normalize_text(explicit_hasanta) == explicit_hasanta
    assert normalize_text("উত\u09cd\u200dস") == "উৎস"  # khanda ta before Unicode 4.1


def test_currency_numerator_four_as_danda() -> None:
    line = _corpus_line("আমার সালাম ও শুভেচ্ছা নিবেন।")
    assert normalize_text(line.replace("।", "৷")) == line
    assert normalize_text("১৷০") == "১৷০"  # a currency fraction: left alone


# --- damaged syllables through bnunicodenormalizer ---------------------------------------------------


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("সভাা", "সভা"),  # doubled vowel sign
        ("ক\u09cdাজ", "কাজ"),  # hasanta before a vowel sign
        ("ক\u09cd\u09cdষমা", "ক্ষমা"),  # doubled hasanta: the conjunct survives
        ("যা\u09bc", "য়া"),  # nukta after the vowel sign
        ("অাম", "আম"),  # vowel sign after a full vowel
        ("রাজ\u09cdয\u09bcে", "রাজ্যে"),  # ya-phala typed with য়
        ("চঁাদ", "চাঁদ"),  # candrabindu before the vowel sign
        ("সভার \u09c7কার্যবিবরণী", "সভার কার্যবিবরণী"),  # a vowel sign opening a word
    ],
)
def test_damaged_syllable_is_repaired(damaged: str, repaired: str) -> None:
    assert normalize_text(damaged) == repaired


def test_damage_next_to_a_rare_conjunct_keeps_the_conjunct() -> None:
    # bnunicodenormalizer on the whole word would give ই-গভর্নযান্স: it only gets the damaged syllable.
    line = _corpus_line("ই-গভর্ন্যান্স ও উন্নাবন কর্মপরিকল্পনা ২০২২-২৩-এর বাস্তবায়ন")
    word = "ই-গভর্ন্যান্স"
    assert word in normalize_text(line)
    assert normalize_text(word.replace("ন্যা", "ন্যাা")) == word


def test_a_repaired_syllable_can_complete_a_table_row() -> None:
    assert normalize_text("উন্নাাবন") == "উদ্ভাবন"  # doubled া first, then the OCR row


def test_visarga_as_colon_is_kept() -> None:
    assert normalize_text("তারিখ ঃ ১৬ কার্তিক") == "তারিখ ঃ ১৬ কার্তিক"


# --- properties -------------------------------------------------------------------------------------

_ALPHABET = st.one_of(
    st.characters(min_codepoint=0x0980, max_codepoint=0x09FF),
    st.sampled_from(list(" \t\n\r\u00a0\u2009\u3000\u200b\u200c\u200d\ufeff\u2028\u0301\u0964aZ1-:")),
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_normalize_is_idempotent_nfc_and_keeps_lines(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert once.count("\n") == _line_breaks(text)
    assert not {"ৰ", "ৱ", "\ufeff", "\r"} & set(once)
