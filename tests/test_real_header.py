"""Header, signature and meeting fields on the shapes real documents from other offices print."""

from __future__ import annotations

import datetime as dt

from pipeline.api import process_text
from pipeline.models import Record

BODY = (
    "এতদ্বারা অত্র ইউনিয়নের সর্বসাধারণের অবগতির জন্য জানানো যাচ্ছে যে, আগামী মাস থেকে হোল্ডিং ট্যাক্স আদায় "
    "কার্যক্রম শুরু হবে। সকলকে যথাসময়ে ট্যাক্স পরিশোধ করার জন্য অনুরোধ করা হলো।"
)


def one(text: str) -> Record:
    records = process_text(text)
    assert len(records) == 1
    return records[0]


def test_minutes_with_tabbed_details_table() -> None:
    record = one(
        "উপজেলা পরিষদ, বেলকুচি, সিরাজগঞ্জ\n"
        "উপজেলা আইন-শৃঙ্খলা কমিটির ফেব্রুয়ারি/২০২৪ মাসের মাসিক সভার কার্যবিবরণী\n"
        "সভাপতি\tজনাব মোঃ আব্দুল করিম উপজেলা নির্বাহী অফিসার\n"
        "সভার তারিখ\t১২/০২/২০২৪ খ্রিঃ\n"
        "সভার সময়\tবিকাল ৩.০০ ঘটিকা\n"
        "স্থান\tউপজেলা পরিষদ সভাকক্ষ\n"
        "উপস্থিতি\tপরিশিষ্ট-ক\n"
        "সভাপতি উপস্থিত সকলকে স্বাগত জানিয়ে সভার কার্যক্রম শুরু করেন।\n"
    )
    assert record.doc_type == "minutes"
    assert record.subject == "উপজেলা আইন-শৃঙ্খলা কমিটির ফেব্রুয়ারি/২০২৪ মাসের মাসিক সভার কার্যবিবরণী"
    assert record.meeting is not None
    assert record.meeting.chair == "মোঃ আব্দুল করিম"
    assert record.meeting.date == dt.date(2024, 2, 12)
    assert (record.meeting.time, record.meeting.venue) == ("15:00", "উপজেলা পরিষদ সভাকক্ষ")


def test_minutes_details_separated_by_spaces_and_visarga() -> None:
    record = one(
        "ইউনিয়ন পরিষদের মাসিক সভার কার্যবিবরণী\n"
        "সভাপতিঃ    জনাবা রোকসানা বেগম, চেয়ারম্যান, ৩নং রামনগর ইউনিয়ন পরিষদ\n"
        "তারিখঃ    ১৫/০১/২০২৩ খ্রিঃ\n"
        "সময়ঃ    সকাল ১০:৩০\n"
    )
    assert record.doc_type == "minutes"
    assert record.meeting is not None
    assert (record.meeting.chair, record.meeting.date) == ("রোকসানা বেগম", dt.date(2023, 1, 15))
    assert record.meeting.time == "10:30"


def test_narrative_minutes_without_title_give_chair_time_and_venue() -> None:
    record = one(
        "অদ্য ১২/০৩/২০২৩ ইং তারিখ সকাল ১১.০০ ঘটিকায় ইউনিয়ন পরিষদ সভাকক্ষে পরিষদের চেয়ারম্যান মোঃ আব্দুল মতিন "
        "এর সভাপতিত্বে অদ্যকার সভা অনুষ্ঠিত হয়।\n"
        "সিদ্ধান্তঃ প্রতিটি ওয়ার্ডে কমিটি গঠন করা হবে।\n"
    )
    assert record.doc_type == "minutes"
    assert record.meeting is not None
    assert (record.meeting.chair, record.meeting.date) == ("মোঃ আব্দুল মতিন", dt.date(2023, 3, 12))
    assert (record.meeting.time, record.meeting.venue) == ("11:00", "ইউনিয়ন পরিষদ সভাকক্ষ")


def test_committee_table_with_chair_column_is_not_minutes() -> None:
    record = one(
        "স্মারক নং- ০৫.৪৪.৮৮০০.০১৮.২৬.০০৩.২৪-২১৭\tতারিখঃ ১২/০৩/২০২৪\n"
        "অফিস আদেশ\n"
        "১।\tজেলা প্রশাসক\tসভাপতি\n"
        "২।\tসিভিল সার্জন\tসদস্য\n"
    )
    assert record.doc_type == "office_order"
    assert record.meeting is None


def test_signature_in_parentheses_then_id_then_designation() -> None:
    record = one(
        f"জরুরী বিজ্ঞপ্তি\n{BODY}\nআদেশক্রমে\n(মোঃ তৌহিদুর রহমান)\nপরিচিতি নং- ১৫৭৮৪\nউপজেলা খাদ্য নিয়ন্ত্রক\n"
        "নীলফামারী সদর, নীলফামারী\n"
    )
    assert record.doc_type == "other"
    assert record.signatory is not None
    assert (record.signatory.name, record.signatory.designation) == ("মোঃ তৌহিদুর রহমান", "উপজেলা খাদ্য নিয়ন্ত্রক")


def test_signature_name_with_designation_in_brackets() -> None:
    record = one(f"{BODY}\nনিবেদক-\nসাহাবুদ্দিন আরিফ(চেয়ারম্যান)\n১১ নং পশ্চিম গুজরা ইউনিয়ন পরিষদ\n")
    assert record.signatory is not None
    assert (record.signatory.name, record.signatory.designation) == ("সাহাবুদ্দিন আরিফ", "চেয়ারম্যান")


def test_signature_run_into_one_line_of_a_portal_copy() -> None:
    record = one(f"{BODY} স্বাক্ষরিত/- (মোঃ রকিবুল হাসান) চেয়ারম্যান, ২নং হারাগাছ ইউনিয়ন পরিষদ, কাউনিয়া, রংপুর।\n")
    assert record.signatory is not None
    assert (record.signatory.name, record.signatory.designation) == ("মোঃ রকিবুল হাসান", "চেয়ারম্যান")


def test_signatures_side_by_side_give_the_right_hand_one() -> None:
    record = one(
        f"{BODY}\n"
        "স্বাক্ষরিত/-                          স্বাক্ষরিত/-\n"
        "(মোঃ আনিসুর রহমান)                    (মোঃ রফিকুল ইসলাম মোল্লা)\n"
        "সচিব                                  চেয়ারম্যান\n"
    )
    assert record.signatory is not None and record.signatory.name == "মোঃ রফিকুল ইসলাম মোল্লা"


def test_addressee_under_barabar_is_not_the_signer() -> None:
    record = one(
        "স্মারক নং- ০৫.৪৪.৮৮০০.০১৮.২৬.০০৩.২৪-২১৭\tতারিখঃ ১২/০৩/২০২৪\n"
        "বরাবর\nমোঃ আব্দুল কাদের\nউপজেলা নির্বাহী অফিসার\nবেলকুচি, সিরাজগঞ্জ\n"
        f"বিষয়: হোল্ডিং ট্যাক্স আদায়।\n{BODY}\n"
        "(ফারহানা ইয়াসমিন)\nজেলা প্রশাসক\nঅনুলিপি:\n১। মোঃ আব্দুল কাদের\nউপজেলা নির্বাহী অফিসার\n"
    )
    assert record.signatory is not None and record.signatory.name == "ফারহানা ইয়াসমিন"


def test_subject_running_on_into_the_body_stops_at_its_danda() -> None:
    record = one(
        "স্মারক নং- ০৫.৪৪.৮৮০০.০১৮.২৬.০০৩.২৪-২১৭\tতারিখঃ ১২/০৩/২০২৪\n"
        f"বিষয়: হোল্ডিং ট্যাক্স আদায় প্রসঙ্গে। উপর্যুক্ত বিষয়ের প্রেক্ষিতে জানানো যাচ্ছে যে, {BODY}\n"
    )
    assert record.subject == "হোল্ডিং ট্যাক্স আদায় প্রসঙ্গে।"


def test_subject_wrapping_onto_a_second_line() -> None:
    record = one(
        "স্মারক নং- ০৫.৪৪.৮৮০০.০১৮.২৬.০০৩.২৪-২১৭\tতারিখঃ ১২/০৩/২০২৪\n"
        "বিষয়: ২০২৩-২৪ অর্থবছরের বার্ষিক উন্নয়ন কর্মসূচির আওতায় গৃহীত প্রকল্পসমূহের\n"
        "বাস্তবায়ন অগ্রগতি প্রেরণ।\n"
        f"মহোদয়,\n{BODY}\n"
    )
    assert record.subject == ("২০২৩-২৪ অর্থবছরের বার্ষিক উন্নয়ন কর্মসূচির আওতায় গৃহীত প্রকল্পসমূহের বাস্তবায়ন অগ্রগতি প্রেরণ।")


def test_subject_printed_apart_from_its_empty_label() -> None:
    record = one(
        "স্মারক নম্বর: ০৪.০০.০০০০.৮৩১.২২.০০৩.১৭.৩১\n\nবিষয়:\n\n"
        "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার\nমন্ত্রিপরিষদ বিভাগ\nwww.cabinet.gov.bd\n\n"
        "তারিখ: ২৫ জ্যৈষ্ঠ ১৪২৭\n০৮ জুন ২০২০\n"
        "ই-নথির মাধ্যমে দাপ্তরিক নথি কার্যক্রম সম্পন্ন করার বিশেষ নির্দেশনা।\n\n"
        f"{BODY}\n"
    )
    assert record.subject == "ই-নথির মাধ্যমে দাপ্তরিক নথি কার্যক্রম সম্পন্ন করার বিশেষ নির্দেশনা।"


def test_dual_date_with_damaged_month_is_repaired_from_the_other_half() -> None:
    record = one(
        "স্মারক নম্বর: ০৪.০০.০০০০.৮৩১.২২.০০৩.১৭.৩১\n"
        "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার\nমন্ত্রিপরিষদ বিভাগ\nই-গভর্নেন্স-১ অধিশাখা\nwww.cabinet.gov.bd\n\n"
        "তারিখ: ২৫ জট ১৪২৭\n\n০৮ জুন ২০২০\n"
        f"{BODY}\n"
    )
    assert record.date is not None
    assert (record.date.value, record.date.bangla, record.date.consistent) == (dt.date(2020, 6, 8), "1427-02-25", True)
    assert any(w.startswith("date-repaired: ") for w in record.warnings)


def test_dual_date_half_confirmed_by_the_copy_block_is_repaired() -> None:
    record = one(
        "স্মারক নং- ০৫.৪৪.৮৮০০.০১৮.২৬.০০৩.২০-২১৭\tতারিখ: ৬ মাঘ ১৪২৬ / ০৯ ফেব্রুয়ারি ২০২০\n"
        f"বিষয়: হোল্ডিং ট্যাক্স আদায়।\n{BODY}\n(ফারহানা ইয়াসমিন)\nজেলা প্রশাসক\n"
        "স্মারক নং- ০৫.৪৪.৮৮০০.০১৮.২৬.০০৩.২০-২১৭/১(৩)\tতারিখ: ২৬ মাঘ ১৪২৬\n"
    )
    assert record.date is not None
    assert (record.date.value, record.date.bangla, record.date.consistent) == (dt.date(2020, 2, 9), "1426-10-26", True)
    assert any(w.startswith("date-repaired: ") for w in record.warnings)


def test_disagreeing_dual_date_without_confirmation_is_kept() -> None:
    record = one(
        f"স্মারক নং- ০৫.৪৪.৮৮০০.০১৮.২৬.০০৩.২০-২১৭\tতারিখ: ৬ মাঘ ১৪২৬ / ০৯ ফেব্রুয়ারি ২০২০\nবিষয়: হোল্ডিং ট্যাক্স আদায়।\n{BODY}\n"
    )
    assert record.date is not None
    assert (record.date.bangla, record.date.consistent) == ("1426-10-06", False)


def test_event_date_in_a_notice_body_is_not_the_issue_date() -> None:
    record = one(
        "সুধী, আসছে আগামী ১৫ আগষ্ট ২০১৪খ্রিঃ জাতীয় শোক দিবস পালন উপলক্ষ্যে ইউনিয়ন পরিষদ ব্যাপক কর্মসূচী গ্রহণ "
        "করেছে। স্থানঃ ইউনিয়ন পরিষদ কমপ্লেক্স ভবন, তারিখঃ ১৫/০৮/২০১৪খ্রিঃ, রোজঃ শুক্রবার। আপনার উপস্থিতি কাম্য।\n"
    )
    assert (record.doc_type, record.date) == ("other", None)


def test_notice_issue_date_in_header_or_beside_signature() -> None:
    header = one(f"স্মারক নং-\tতারিখ ৪ ০৬/১২/২০২২ ইং\nভর্তি বিজ্ঞপ্তি-২০২৩\n{BODY}\n")
    footer = one(f"জরুরী বিজ্ঞপ্তি\n{BODY}\n(মোঃ তৌহিদুর রহমান)\nউপজেলা খাদ্য নিয়ন্ত্রক\nতারিখ: ০৫/১০/২০১৯ খ্রিঃ\n")
    assert header.date is not None and header.date.value == dt.date(2022, 12, 6)
    assert footer.date is not None and footer.date.value == dt.date(2019, 10, 5)
    assert (header.doc_type, footer.doc_type) == ("other", "other")


def test_portal_notice_without_memo_number_is_other() -> None:
    record = one(f"জরুরী বিজ্ঞপ্তি\n{BODY}\nপরিকল্পনা ও বাস্তবায়নে: মন্ত্রিপরিষদ বিভাগ, এটুআই, বিসিসি\n")
    assert (record.doc_type, record.memo_no, record.subject) == ("other", None, None)


def test_notice_under_a_memo_number_without_subject_is_other() -> None:
    schedule = one(
        "মাধ্যমিক ও উচ্চমাধ্যমিক শিক্ষা বোর্ড\n"
        "স্মারক নং- আশিবো/প্রশা/২০১০/২১\tতারিখ: ২০/০২/২০২৩ খ্রি.\n"
        "২০২৩ সালের মাধ্যমিক স্কুল সার্টিফিকেট পরীক্ষার সময়সূচি\n"
        f"{BODY}\n"
    )
    letter = one(f"স্মারক নং- আশিবো/প্রশা/২০১০/২১\tতারিখ: ২০/০২/২০২৩ খ্রি.\nবিষয়: পরীক্ষার সময়সূচি প্রেরণ।\n{BODY}\n")
    assert schedule.memo_no is not None and schedule.memo_no.value == "আশিবো/প্রশা/2010/21"
    assert (schedule.doc_type, letter.doc_type) == ("other", "letter")


def test_subject_under_a_misread_label_and_a_garbled_memo_number_still_make_a_letter() -> None:
    record = one(
        "শিক্ষা মন্ত্রণালয়\n"
        "নং তই ৩5 5000 9৭3 ০৪.০০3.০১.(অ্রহশ)- ৭ 2১\tতারিখ: a » ডিসেম্বর\n"
        "প্রেরয় - সরকারি বিদ্যালয়সমূহের ২০২২ শিক্ষাবর্ষের ছুটির তালিকা ও শিক্ষাপঞ্জি\n"
        "অনুমোদন।\n"
        "চপযুর্ বিষয় ও সূত্রোক্ত পত্রের পরিপ্রেক্ষিতে জানানো যাচ্ছে যে, ছুটির তালিকা অনুমোদন করা হয়েছে।\n"
    )
    assert record.subject == "সরকারি বিদ্যালয়সমূহের ২০২২ শিক্ষাবর্ষের ছুটির তালিকা ও শিক্ষাপঞ্জি অনুমোদন।"
    assert (record.doc_type, record.memo_no) == ("letter", None)
    codes = {w.split(":")[0] for w in record.warnings}
    assert {"header-repaired", "memo-unread"} <= codes and "memo-missing" not in codes


def test_a_label_line_above_a_body_that_names_no_subject_is_no_subject() -> None:
    record = one(
        f"স্মারক নং- ০৫.৪৪.৮৮০০.০১৮.২৬.০০৩.২৪-২১৭\tতারিখঃ ১২/০৩/২০২৪\nস্থান - ইউনিয়ন পরিষদ কমপ্লেক্স ভবন চত্বর\n{BODY}\n"
    )
    assert record.subject is None


def test_a_handwritten_date_that_does_not_read_is_a_warning_not_a_guess() -> None:
    unread = one(f"সমবায় অধিদপ্তর\nনং-....&0..-এ/ও\tতারিখ- 25৬২০০৫ র\nপুন:নিয়োগ বিজ্ঞপ্তি\n{BODY}\n")
    event = one(f"জরুরী বিজ্ঞপ্তি\n{BODY} স্থানঃ ইউনিয়ন পরিষদ, তারিখঃ ১৫/০৮/২০১৪খ্রিঃ, রোজঃ শুক্রবার।\n")
    assert unread.date is None and any(w.startswith("date-unread: ") for w in unread.warnings)
    assert not any(w.startswith("date-unread: ") for w in event.warnings)


def test_a_notice_titled_biggopti_is_other_even_with_memo_and_subject() -> None:
    memo = "স্মারক নং- ০৫.৪৪.৮৮০০.০১৮.২৬.০০৩.২৪-২১৭\tতারিখঃ ১২/০৩/২০২৪\n"
    notice = one(f"{memo}ভর্তি বিজ্ঞপ্তি-২০২৪ খ্রিঃ\nবিষয়: ষষ্ঠ শ্রেণিতে ভর্তির আবেদন।\n{BODY}\n")
    letter = one(f"{memo}বিষয়: নিয়োগ বিজ্ঞপ্তি প্রকাশ প্রসঙ্গে।\n{BODY}\n")
    assert (notice.doc_type, letter.doc_type) == ("other", "letter")


def test_a_filled_date_beside_a_blank_dotted_memo_field_is_the_issue_date() -> None:
    record = one(f"স্মারক নং-............................        তারিখঃ ১২/০৫/২০২৪ইং\nজরুরী বিজ্ঞপ্তি\n{BODY}\n")
    stamp = one(f"জরুরী বিজ্ঞপ্তি\n{BODY}\nতারিখঃ ..........................\n")
    assert record.date is not None and record.date.value == dt.date(2024, 5, 12)
    assert stamp.date is None


def test_titled_name_run_on_into_its_post_is_the_signatory() -> None:
    record = one(
        "এতদ্বারা সকলের অবগতির জন্য জানানো যাইতেছে যে, আগামী ১০/০৩/২০২৪ তারিখে ক্যাম্প অনুষ্ঠিত হইবে।\n"
        "মোঃ রফিকুল ইসলাম চেয়ারম্যান ৩নং শিবপুর ইউনিয়ন পরিষদ শিবগঞ্জ, বগুড়া। মোবাইলঃ 01716-558204\n"
    )
    assert record.signatory is not None
    assert (record.signatory.name, record.signatory.designation) == (
        "মোঃ রফিকুল ইসলাম",
        "চেয়ারম্যান ৩নং শিবপুর ইউনিয়ন পরিষদ শিবগঞ্জ",
    )


def test_office_initials_memo_number_with_a_programme_name_of_two_words() -> None:
    (record,) = process_text(
        "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার\nসিভিল সার্জনের কার্যালয়, পটুয়াখালী\n"
        "স্মারক নং: সিএস/পটু/সম্প্রসারিত টিকাদান/২০২৪/৪১\t\tতারিখ: ০৮/০১/২০২৪\n"
        "বিষয়: টিকাদান কর্মসূচির অগ্রগতি প্রতিবেদন প্রেরণ।\n\n"
        "সকল উপজেলা স্বাস্থ্য ও পরিবার পরিকল্পনা কর্মকর্তাকে ১৫/০১/২০২৪ তারিখের মধ্যে প্রতিবেদন প্রেরণের জন্য অনুরোধ করা হলো।\n"
    )
    assert record.memo_no is not None
    assert record.memo_no.text == "সিএস/পটু/সম্প্রসারিত টিকাদান/২০২৪/৪১"


def test_a_numbered_reference_list_citing_this_offices_memo_starts_no_document() -> None:
    record = one(
        "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার\nজেলা প্রশাসকের কার্যালয়, নেত্রকোণা\n"
        "স্মারক নং-০৫.৪১.৭২০০.০১৬.১৪.০০২.২৪-২৮৮\t\tতারিখ: ২৩ জুলাই ২০২৪ খ্রিস্টাব্দ\n"
        "বিষয়: ইউনিয়ন পরিষদের বাজেট প্রণয়ন।\n"
        "সূত্র: ১) স্থানীয় সরকার বিভাগের স্মারক নং ৪৬.০০.০০০০.০৪৬.০৬.০১৯.২৩-৫১১, তারিখ: ১৬ মে ২০২৪;\n"
        "      ২) এ কার্যালয়ের স্মারক নং ০৫.৪১.৭২০০.০১৬.১৪.০০২.২৩-৫৯৪, তারিখ: ১৮/১২/২০২৩ খ্রিঃ।\n\n"
        "উপর্যুক্ত বিষয়ে সকল ইউপি চেয়ারম্যানকে বাজেট প্রণয়নের জন্য অনুরোধ করা হলো।\n\n"
        "(মোহাম্মদ শাহেদ পারভেজ)\nজেলা প্রশাসক\n"
    )
    assert record.memo_no is not None and record.memo_no.value == "05.41.7200.016.14.002.24-288"
    assert [r.memo_no for r in record.references] == ["46.00.0000.046.06.019.23-511", "05.41.7200.016.14.002.23-594"]


def test_english_header_labels_of_a_bangla_letter() -> None:
    record = one(
        "বাংলাদেশ টেলিযোগাযোগ নিয়ন্ত্রণ কমিশন\nBangladesh Telecommunication Regulatory Commission\n\n"
        "Memo No.: ১৪.৩২.০০০০.৭০২.৫১.১১৮.২৪-২০৯\nDate: 12 March 2024\n\n"
        "Subject: অতিরিক্ত সিম পুনঃযাচাই প্রসঙ্গে।\n\n"
        "Ref: (1) Memo No. 14.32.0000.702.51.118.23-1127 dated 21 December 2023\n\n"
        "সকল মোবাইল অপারেটরকে সিম পুনঃযাচাই করার জন্য অনুরোধ করা হলো।\n\n(মোঃ আবু সাঈদ)\nপরিচালক\n"
    )
    assert record.memo_no is not None and record.memo_no.value == "14.32.0000.702.51.118.24-209"
    assert record.date is not None and record.date.value == dt.date(2024, 3, 12)
    assert record.subject == "অতিরিক্ত সিম পুনঃযাচাই প্রসঙ্গে।"
    assert [(r.memo_no, r.date) for r in record.references] == [
        ("14.32.0000.702.51.118.23-1127", dt.date(2023, 12, 21))
    ]


def test_short_narrative_minutes_take_their_chair_from_the_narrative_not_the_signatures_committee() -> None:
    record = one(
        "জেলা আইন-শৃঙ্খলা কমিটির জুন/২০২৫ মাসের সভার কার্যবিবরণী\n\n"
        "জেলা প্রশাসক, মেহেরপুর জনাব মোহাম্মদ রফিকুল আলম-এর সভাপতিত্বে গত ১৫ জুন ২০২৫ খ্রি. সকাল ১১.০০ ঘটিকায় "
        "জেলা প্রশাসকের সম্মেলন কক্ষে জেলা আইন-শৃঙ্খলা কমিটির মাসিক সভা অনুষ্ঠিত হয়।\n\n"
        "সভায় অবৈধ দখলদারদের তালিকা প্রণয়নের জন্য সকল সহকারী কমিশনার (ভূমি)-কে নির্দেশ প্রদান করা হয়।\n\n"
        "(মোহাম্মদ রফিকুল আলম)\nজেলা প্রশাসক\nমেহেরপুর\nও\nসভাপতি\nজেলা আইন-শৃঙ্খলা কমিটি, মেহেরপুর\n"
    )
    assert record.meeting is not None
    assert (record.meeting.chair, record.meeting.date) == ("মোহাম্মদ রফিকুল আলম", dt.date(2025, 6, 15))


def test_a_do_letter_is_named_by_its_memo_label_on_a_line_with_its_date() -> None:
    record = one(
        "ড. মোহাম্মদ কামরুল হাসান\nসচিব\nপ্রাথমিক ও গণশিক্ষা মন্ত্রণালয়\n\n"
        "উপানুষ্ঠানিক পত্র নং: ৩৮.০০.০০০০.০০৪.৯৯.০০২.২৫-৭৭                         তারিখ: ২৪ ফেব্রুয়ারি ২০২৫\n\n"
        "প্রিয় জনাব আনোয়ার হোসেন,\n\n"
        "আমি আপনাকে জেলার প্রতিটি বিদ্যালয়ে পাঠাগার কর্নার স্থাপনের বিষয়টি নিশ্চিত করার জন্য অনুরোধ করছি।\n"
    )
    assert record.doc_type == "do_letter"
    assert record.memo_no is not None and record.memo_no.value == "38.00.0000.004.99.002.25-77"


def test_a_signers_family_name_may_be_a_posts_word() -> None:
    record = one(
        "গোবিন্দগঞ্জ পৌরসভা\n\nস্মারক নং- ৪৬.৩২.৩২৩০.০০০.০৬.০০১.২৪-৩৮৮\t\tতারিখ: ২৯ জুলাই ২০২৪\n\n"
        "বিষয়: পৌর কর আদায় জোরদারকরণ।\n\n"
        "পৌর কর আদায় কার্যক্রম জোরদার করার জন্য সকল কর আদায়কারীকে অনুরোধ করা হলো।\n\n"
        "(মোঃ আব্দুল লতিফ প্রধান)\nমেয়র\nগোবিন্দগঞ্জ পৌরসভা, গাইবান্ধা।\n"
    )
    assert record.signatory is not None
    assert (record.signatory.name, record.signatory.designation) == ("মোঃ আব্দুল লতিফ প্রধান", "মেয়র")


def test_a_chairs_family_name_may_be_a_posts_word() -> None:
    minutes = (
        "গোবিন্দগঞ্জ পৌরসভা\nমাসিক সভার কার্যবিবরণী\n\n"
        "গত ২৫ জুলাই ২০২৪ তারিখে পৌরসভার সম্মেলন কক্ষে পৌরসভার মেয়র {chair}-এর সভাপতিত্বে "
        "পৌরসভার মাসিক সাধারণ সভা অনুষ্ঠিত হয়।\n\n"
        "সিদ্ধান্ত: সকল ড্রেন পরিষ্কার করার জন্য নির্বাহী প্রকৌশলীকে নির্দেশ প্রদান করা হলো।\n"
    )
    for chair in ("জনাব মোঃ আব্দুল লতিফ প্রধান", "মোঃ আব্দুল লতিফ প্রধান"):
        record = one(minutes.format(chair=chair))
        assert record.meeting is not None
        assert record.meeting.chair == "মোঃ আব্দুল লতিফ প্রধান", chair
    untitled = one(minutes.format(chair="জনাব আব্দুল লতিফ, প্রধান নির্বাহী কর্মকর্তা"))
    assert untitled.meeting is not None and untitled.meeting.chair == "আব্দুল লতিফ"


def test_a_memo_number_cut_by_a_line_break_is_joined_and_its_copy_line_starts_no_document() -> None:
    records = process_text(
        "মাধ্যমিক ও উচ্চ শিক্ষা বিভাগ\n\n"
        "স্মারক নম্বর: ৩৭.০০.০০০০.০৭১.৩৪.০১৯.                    তারিখ: ০৩ আষাঢ় ১৪৩১ বঙ্গাব্দ\n"
        "২৪-৪৮৭                                                  ১৭ জুন ২০২৪ খ্রিস্টাব্দ\n\n"
        f"বিষয়: হোল্ডিং ট্যাক্স আদায়।\n\n{BODY}\n\n(মোঃ আব্দুল করিম)\nউপসচিব\n\f"
        "স্মারক নম্বর: ৩৭.০০.০০০০.০৭১.৩৪.০১৯.২৪-৪৮৭/১(৫)          তারিখ: ০৩ আষাঢ় ১৪৩১ বঙ্গাব্দ\n"
        "                                                          ১৭ জুন ২০২৪ খ্রিস্টাব্দ\n"
        "অনুলিপি:\n১। জেলা প্রশাসক, ঢাকা।\n"
    )
    assert len(records) == 1
    memo = records[0].memo_no
    assert memo is not None
    assert (memo.text, memo.value) == ("৩৭.০০.০০০০.০৭১.৩৪.০১৯.২৪-৪৮৭", "37.00.0000.071.34.019.24-487")
    assert records[0].date is not None and records[0].date.value == dt.date(2024, 6, 17)


def test_an_office_initials_number_may_open_with_a_serial() -> None:
    record = one(
        "উপজেলা শিক্ষা অফিসারের কার্যালয়\nমোল্লাহাট, বাগেরহাট\n\n"
        "স্মারক নং: প-৩০৫/উশিঅ/মোল্লা/২০২৪                    তারিখ: ১২ই মার্চ, ২০২৪ খ্রিঃ\n\n"
        f"বিষয়: হোল্ডিং ট্যাক্স আদায়।\n\n{BODY}\n"
    )
    assert record.memo_no is not None and record.memo_no.value == "প-305/উশিঅ/মোল্লা/2024"
    assert record.doc_type == "letter"


MINUTES_DATED_AT_THE_SIGNATURE = (
    "০৭ নং চন্দ্রা ইউনিয়ন পরিষদ\n\nস্মারক নং- ৪৬.৪১.৩৩৩৬.০০০.০৬.০০১.২৪-৩৭\n\n"
    "ইউনিয়ন পরিষদের মে/২০২৪ মাসের মাসিক সাধারণ সভার কার্যবিবরণী\n\n"
    "সভাপতি           : জনাব মোঃ নুরুল আমিন সরকার, চেয়ারম্যান\n"
    "সভার তারিখ       : ২৮/০৫/২০২৪ খ্রিঃ\n"
    "সময়              : বিকাল ৩.০০ ঘটিকা\n\n"
    "সভাপতি উপস্থিত সকলকে স্বাগত জানিয়ে সভার কাজ শুরু করেন। ইউনিয়ন পরিষদ সচিব বিগত সভার কার্যবিবরণী "
    "পাঠ করে শোনান এবং তা সর্বসম্মতিক্রমে দৃঢ় করা হয়।\n\n"
    "সিদ্ধান্ত: হোল্ডিং ট্যাক্স আদায়ের অগ্রগতি প্রতি মাসে পরিষদের সভায় উপস্থাপন করতে হবে।\n\n"
    "তারিখ: 30 মে ২০২৪ খ্রিঃ                                          মোঃ নুরুল আমিন সরকার\n"
    "                                                                       চেয়ারম্যান\n"
    "                                                               ০৭ নং চন্দ্রা ইউনিয়ন পরিষদ\n"
)


def test_minutes_dated_beside_the_signature_keep_their_meeting_date_apart() -> None:
    record = one(MINUTES_DATED_AT_THE_SIGNATURE)
    assert record.date is not None and record.date.value == dt.date(2024, 5, 30)
    assert record.meeting is not None and record.meeting.date == dt.date(2024, 5, 28)


def test_a_signature_block_right_of_a_date_reads_down_its_own_column() -> None:
    record = one(MINUTES_DATED_AT_THE_SIGNATURE)
    assert record.signatory is not None
    assert (record.signatory.name, record.signatory.designation) == ("মোঃ নুরুল আমিন সরকার", "চেয়ারম্যান")


def test_meeting_details_printed_as_columns_under_their_labels() -> None:
    record = one(
        "বিষয়: উপজেলা আইন-শৃঙ্খলা কমিটির ফেব্রুয়ারি/২০২৪ মাসের সভার কার্যবিবরণী।\n\n"
        "সভাপতি       :   জনাবা সাবরিনা ইয়াসমিন\n\n"
        "      সভার তারিখ                   সময়                          স্থান\n"
        "      ১৮/০২/২০২৪ খ্রি.             সকাল ১০.৩০ ঘটিকা             উপজেলা পরিষদ সম্মেলন কক্ষ, শিবচর\n\n"
        "সিদ্ধান্ত: মাদক বিরোধী অভিযান আরও জোরদার করতে হবে।\n"
    )
    assert record.meeting is not None
    meeting = record.meeting
    assert (meeting.date, meeting.time) == (dt.date(2024, 2, 18), "10:30")
    assert meeting.venue == "উপজেলা পরিষদ সম্মেলন কক্ষ, শিবচর"


def test_an_enothi_file_number_in_a_footer_starts_no_document() -> None:
    records = process_text(
        "জেলা ও দায়রা জজ আদালত, যশোর\n\n"
        "স্মারক নং: ১০.০১.৪১০০.০০০.০৫.০০২.২৫-৭৮২                            তারিখ: ১২/০৬/২০২৫ খ্রিঃ\n\n"
        "অফিস আদেশ\n\n"
        "১। রেকর্ড রুমের নথির পূর্ণাঙ্গ তালিকা ৩০ জুন ২০২৫ তারিখের মধ্যে প্রস্তুত করতে হবে।\n\n"
        "নথি নং: ১০.০১.৪১০০.০০০.০৫.০০২.২৫                              -১-\n\f"
        "২। রেকর্ড রুমে অগ্নিনির্বাপক যন্ত্র স্থাপনের কাজ ১৫ জুলাই ২০২৫ তারিখের মধ্যে সম্পন্ন করতে হবে।\n\n"
        "(মোঃ আনিসুর রহমান)\nজেলা ও দায়রা জজ\n"
    )
    assert len(records) == 1
    assert records[0].signatory is not None and records[0].signatory.name == "মোঃ আনিসুর রহমান"
    assert records[0].references == []  # the file's number, its page number (-১-) not run into it, cites nothing


def test_a_minutes_subject_may_end_in_a_bracketed_month_and_an_enclosure_line_names_no_minutes() -> None:
    minutes = one(
        "উপজেলা নির্বাহী অফিসারের কার্যালয়\n\nস্মারক নম্বর: ০৫.৪৪.৫৪৮০.০০০.০৬.০০২.২৪-৯১৭\t\tতারিখ: ০৯ ডিসেম্বর ২০২৪\n\n"
        "বিষয়: উপজেলা মাসিক সমন্বয় সভার কার্যবিবরণী (ডিসেম্বর/২০২৪)।\n\n"
        "উপজেলা নির্বাহী অফিসার জনাবা ফারহানা ইয়াসমিন এর সভাপতিত্বে গত ০৫ ডিসেম্বর ২০২৪ তারিখ উপজেলা পরিষদ "
        "সম্মেলন কক্ষে উপজেলা মাসিক সমন্বয় সভা অনুষ্ঠিত হয়।\n"
    )
    assert minutes.doc_type == "minutes"
    assert minutes.meeting is not None and minutes.meeting.chair == "ফারহানা ইয়াসমিন"
    cover = one(
        "সিনিয়র উপজেলা মৎস্য কর্মকর্তার দপ্তর\n\nস্মারক নং: ৩৩.০২.২৯১০.৩০৪.১৮.০১১.২৪-১৯৬\t\tতারিখ: ০৩/০৩/২০২৪\n\n"
        "বিষয়: উপজেলা টাস্কফোর্স কমিটির সভার কার্যবিবরণী প্রেরণ।\n\n"
        "উক্ত সভার কার্যবিবরণী এতদসঙ্গে প্রেরণ করা হলো।\n\nসংযুক্তি: কার্যবিবরণী (০২ পাতা)।\n"
    )
    assert cover.doc_type == "letter"


def test_a_date_label_ocr_read_without_its_vowel_sign_still_marks_an_unread_date() -> None:
    # s01's header as the final OCR reads it: তারিখ lost its া, and the handwritten digits their dots.
    record = one(
        f"সমবায় অধিদপ্তর, সমবায় ভবন\nনং-....&.6..-এ/ও\twww.coop.gov.bd\tতরিখ- 2১: 5৬২০২৫ রি,\nপুন:নিয়োগ বিজ্ঞপ্তি\n{BODY}\n"
    )
    assert record.date is None
    assert any(w.startswith("date-unread: ") and "তরিখ- 2১: 5৬২০২৫" in w for w in record.warnings)
