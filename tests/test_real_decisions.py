"""Decisions on real documents the rules were not first written for: one test per problem found."""

from __future__ import annotations

from pipeline.api import process_text
from pipeline.models import Record

HEADER = (
    "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার\nজেলা প্রশাসকের কার্যালয়, ভোলা\n"
    "স্মারক নং: ০৫.৪৪.০৯০০.০১৮.২৬.০০৩.২৪-২১৭\t\tতারিখ: ১২ মার্চ ২০২৪\n"
    "বিষয়: মাসিক প্রতিবেদন প্রেরণ।\n\n"
)
SIGNATURE = "\n\n(মোঃ আতিকুর রহমান)\nজেলা প্রশাসক\nভোলা\n"
PORTAL_FOOTER = "পরিকল্পনা ও বাস্তবায়নে: মন্ত্রিপরিষদ বিভাগ, এটুআই, বিসিসি, ডিওআইসিটি ও বেসিস\n"


def _letter(body: str) -> Record:
    (record,) = process_text(HEADER + body + SIGNATURE)
    return record


def _notice(text: str) -> Record:
    (record,) = process_text(text)
    return record


def test_memo_number_cited_inside_a_sentence_starts_no_document() -> None:
    records = process_text(
        HEADER + "উপর্যুক্ত বিষয়ে মন্ত্রিপরিষদ বিভাগ হইতে\n"
        "নং ০৪.০০.০০০০.৮৩১.৬৬.০০৩.১৭.২৮২ সংখ্যক মূলে গত ১৮/১০/২০১৭ তারিখে জারিকৃত পত্রের নির্দেশনা অনুযায়ী "
        "সকল উপজেলা নির্বাহী অফিসারকে প্রতিবেদন প্রেরণের জন্য অনুরোধ করা হলো।" + SIGNATURE
    )
    assert len(records) == 1
    (record,) = records
    assert record.memo_no is not None and record.memo_no.value == "05.44.0900.018.26.003.24-217"
    assert [r.memo_no for r in record.references] == ["04.00.0000.831.66.003.17.282"]
    assert len(record.decisions) == 1
    assert record.decisions[0].responsible == ["সকল উপজেলা নির্বাহী অফিসার"]


MINUTES = """গণপ্রজাতন্ত্রী বাংলাদেশ সরকার
উপজেলা নির্বাহী অফিসারের কার্যালয়
মনপুরা, ভোলা

উপজেলা আইন-শৃঙ্খলা কমিটির মাসিক সভার কার্যবিবরণী

সভাপতি\tমোঃ আব্দুল করিম, উপজেলা নির্বাহী অফিসার
সভার তারিখ\t১২/০৩/২০২৩ খ্রি.
স্থান\tউপজেলা পরিষদ সভাকক্ষ

১. আলোচ্য বিষয়: বিগত সভার কার্যবিবরণী দৃঢ়ীকরণ
১.১ আলোচনা: বিগত সভার কার্যবিবরণী পাঠ করে শোনানো হয়।
১.২ সিদ্ধান্ত:
- (ক) বিগত সভার কার্যবিবরণী সর্বসম্মতিক্রমে দৃঢ় করা হলো।
- (খ) উপজেলা শিক্ষা অফিসার বিদ্যালয়ে শিক্ষার্থীদের উপস্থিতি তদারকি করবেন।

২. আলোচ্য বিষয়: মাদক নিয়ন্ত্রণ
২.১ আলোচনা: অফিসার ইনচার্জ জানান যে মাদকের বিস্তার বেড়েছে।
২.২ সিদ্ধান্ত:
ক) অফিসার ইনচার্জ, মনপুরা থানা মাদকবিরোধী অভিযান জোরদার করবেন।
খ) সকল ইউপি চেয়ারম্যান নিজ নিজ ইউনিয়নে সচেতনতা সভা আয়োজন করবেন।
● গ) উপজেলা মাধ্যমিক শিক্ষা অফিসার ৩০/০৪/২০২৩ তারিখের মধ্যে প্রতিবেদন দাখিল করবেন।

(মোঃ আব্দুল করিম)
উপজেলা নির্বাহী অফিসার
মনপুরা, ভোলা
স্মারক নং: ০৫.৪৪.০৯৬৫.০০০.০৬.০০১.২৩-১২৫\tতারিখ: ১৪/০৩/২০২৩ খ্রি.
"""


def test_every_item_of_every_agenda_decision_heading_counts_in_any_list_style() -> None:
    (record,) = process_text(MINUTES)
    assert [d.ref for d in record.decisions] == ["১.২(ক)", "১.২(খ)", "২.২(ক)", "২.২(খ)", "২.২(গ)"]
    assert record.decisions[2].text.startswith("অফিসার ইনচার্জ, মনপুরা থানা")
    assert record.decisions[4].deadline is not None and record.decisions[4].deadline.value == "2023-04-30"


def test_labels_and_bullet_glyphs_go_to_ref_not_to_text() -> None:
    record = _letter(
        "২। উপজেলা নির্বাহী অফিসারগণকে নিম্নবর্ণিত ব্যবস্থা গ্রহণের জন্য অনুরোধ করা হলো:\n"
        "■ (ক) প্রকল্পের তালিকা হালনাগাদ করতে হবে;\n"
        "■ (খ) বিল ভাউচার সংরক্ষণ করতে হবে।\n"
    )
    assert [d.ref for d in record.decisions] == ["ক", "খ"]
    assert record.decisions[0].text.startswith("প্রকল্পের তালিকা")
    assert all(d.responsible == ["উপজেলা নির্বাহী অফিসারগণ"] for d in record.decisions)


def test_operative_acts_allot_nominate_approve_and_reissue() -> None:
    record = _letter(
        "২। ২০২৩-২৪ অর্থবছরে উপজেলাসমূহের অনুকূলে ৫,০০,০০০ টাকা বরাদ্দ প্রদান করা হলো।\n\n"
        "৩। জনাব মোঃ কামাল হোসেনকে ফোকাল পয়েন্ট হিসেবে মনোনয়ন প্রদান করা হলো।\n\n"
        "৪। সংযুক্ত কর্মপরিকল্পনা অনুমোদন করা হলো।\n\n"
        "৫। এ কার্যালয়ের পূর্বের আদেশটি সংশোধনপূর্বক পুনরায় জারী করা হইলো।\n"
    )
    assert [d.ref for d in record.decisions] == ["২", "৩", "৪", "৫"]
    assert all(d.responsible == [] for d in record.decisions)  # an act of the office names no one


def test_requests_of_notices_to_attend_and_to_act_are_decisions() -> None:
    record = _notice(
        "জরুরী বিজ্ঞপ্তি\n"
        "এতদ্বারা অত্র ইউনিয়নের কৃষক ও জমির মালিকগণদের অবগতির জন্য জানানো যাচ্ছে যে, অনাবাদি জমিতে চাষ করার জন্য "
        "বিশেষভাবে অনুরোধ করা যাচ্ছে। চাষের অনুপযুক্ত জমি চাষের উপযুক্ত করতে হবে। উক্ত সভায় আপনার উপস্থিতি "
        "একান্তভাবে কাম্য। অন্যথায় পরবর্তীতে কোন অভিযোগ গ্রহণযোগ্য হবে না।\n" + PORTAL_FOOTER
    )
    texts = [d.text for d in record.decisions]
    assert [t[:12] for t in texts] == ["এতদ্বারা অত্", "চাষের অনুপযু", "উক্ত সভায় আ"]
    readers = ["অত্র ইউনিয়নের কৃষক ও জমির মালিকগণ"]
    assert record.decisions[1].responsible == readers  # a request naming no one falls to the notice's readers


def test_deadline_belongs_to_the_sentence_that_carries_it_not_the_lead_ins_range() -> None:
    record = _letter(
        "২। আগামী ১৮/১০/২০২৩ হতে ০১/১২/২০২৩ তারিখ পর্যন্ত অনুষ্ঠিতব্য প্রশিক্ষণ কোর্সের জন্য "
        "উপজেলা নির্বাহী অফিসারগণকে নিম্নবর্ণিত ব্যবস্থা গ্রহণের জন্য অনুরোধ করা হলো:\n"
        "(ক) প্রশিক্ষণার্থীদের তালিকা প্রেরণ করতে হবে;\n"
        "(খ) মূল্যায়ন প্রতিবেদন ১৫/১২/২০২৩ তারিখের মধ্যে প্রেরণ করতে হবে।\n"
    )
    assert [d.deadline.value if d.deadline else None for d in record.decisions] == [None, "2023-12-15"]


def test_responsible_is_the_actor_without_case_endings_or_fragments() -> None:
    record = _notice(
        "আগামী ১৫-১০-২১ইং তারিখের মধ্যে প্রতিবন্ধিদের তালিকা অত্র উপজেলা সমাজসেবা অফিসে পাঠানোর জন্য "
        "সংশ্লিষ্ট চেয়ারম্যান ও ইউপি সদস্যদের কে অনুরোধ করা হচ্ছে। উক্ত অনুষ্ঠানে সকল ইউপি সদস্য, গ্রামপুলিশ, "
        "গণ্যমান্য ও সুশীল সমাজের প্রতিনিধিদের উপস্থিত থাকার জন্য বিশেষভাবে অনুরোধ করা হলো। প্রকল্পের তালিকা "
        "নির্ধারিত ছকে দ্রুত প্রেরণ করতে হবে।\n" + PORTAL_FOOTER
    )
    assert [d.responsible for d in record.decisions] == [
        ["সংশ্লিষ্ট চেয়ারম্যান", "ইউপি সদস্য"],
        ["সকল ইউপি সদস্য", "গ্রামপুলিশ", "গণ্যমান্য ও সুশীল সমাজের প্রতিনিধি"],
        [],  # নির্ধারিত ছকে is a place, not an addressee
    ]
    assert record.decisions[0].deadline is not None and record.decisions[0].deadline.value == "2021-10-15"


def test_a_sentence_that_only_says_something_is_required_counts_only_without_a_directive() -> None:
    with_directive = _letter(
        "২। ফলে সকল দপ্তরে ই-নথির ব্যবহার ত্বরান্বিত করা আবশ্যিক।\n\n"
        "৩। এমতাবস্থায়, ই-নথি কার্যক্রম বেগবান করার লক্ষ্যে প্রয়োজনীয় ব্যবস্থা গ্রহণের নির্দেশনা প্রদান করা হলো।\n"
    )
    assert [d.ref for d in with_directive.decisions] == ["৩"]
    alone = _letter("২। সকল দপ্তরে ই-নথির ব্যবহার বাধ্যতামূলক।\n")
    assert [d.ref for d in alone.decisions] == ["২"]
    assert any(w.startswith("decisions-fallback: ") and "required" in w for w in alone.warnings)


def test_a_schedule_of_tasks_counts_every_item_and_takes_the_year_once_given() -> None:
    record = _notice(
        "Title\nপ্রকৃত জেলেদের প্রাথমিক তালিকা প্রস্তুতের সময়সূচী নিম্নরূপঃ\nDetails\n"
        "১. উপজেলা মৎস্য কর্মকর্তার নিকট তথ্য ফরম পূরণঃ ০৪ জানুয়ারি ২০১৫ হতে ২৫ জানুয়ারি ২০১৫ ;\n"
        "২. উপজেলা মৎস্য কর্মকর্তা কর্তৃক তালিকা যাচাই বাছাইঃ ০৫ ফেব্রুয়ারি এর মধ্যে শেষ করতে হবে;\n"
        "৩.উপজেলা নির্বাহী অফিসার কর্তৃক তালিকা অনুমোদনঃ ২০ ফেব্রুয়ারি ২০১৫ এর মধ্যে ;\n"
    )
    assert [d.ref for d in record.decisions] == ["১", "২", "৩"]
    assert record.decisions[1].deadline is not None and record.decisions[1].deadline.value == "2015-02-05"
    assert record.decisions[2].responsible == ["উপজেলা নির্বাহী অফিসার"]


def test_portal_footer_is_no_part_of_the_document() -> None:
    record = _notice(
        "সকল ইউনিয়ন পরিষদকে অবৈধ পুকুর খননকারীদের তালিকা প্রেরণের জন্য বলা হয়েছে।\n"
        "Planning and Implementation: Cabinet Division, A2I, BCC, DoICT and BASIS\n" + PORTAL_FOOTER
    )
    assert [d.responsible for d in record.decisions] == [["সকল ইউনিয়ন পরিষদ"]]
    assert record.signatory is None


def test_decisions_under_a_heading_are_read_whatever_the_document_type() -> None:
    record = _notice(
        "১ম সভা : ইউনিয়ন পরিষদের সভা কক্ষে এক মাসিক সভা অনুষ্ঠিত হয়।\n"
        "বিষয় : এলজিএসপি বরাদ্দ বিষয়ে আলোচনা ।\n"
        "সিদ্ধান্তঃ প্রকল্প চাহিদা লিপিবদ্ধ করার জন্য সকল ইউপি সদস্যদেরকে বলা হল এবং সিদ্ধান্ত গ্রিহিত হল।\n"
    )
    assert [d.responsible for d in record.decisions] == [["সকল ইউপি সদস্য"]]


def test_office_initials_memo_number_behind_a_full_label_gives_number_and_date() -> None:
    (record,) = process_text(
        "সিভিল সার্জনের কার্যালয়, মৌলভীবাজার\n"
        "স্মারক নং- সিএস/মৌল/ইপিআই/২০২৪/১১৮৭                 তারিখ: ০৭ জুলাই ২০২৪\n"
        "বিষয়ঃ টিকাদান ক্যাম্পেইন বাস্তবায়ন।\n\n"
        "সকল উপজেলা স্বাস্থ্য কর্মকর্তাকে মাইক্রোপ্ল্যান প্রেরণের জন্য অনুরোধ করা হলো।" + SIGNATURE
    )
    assert record.memo_no is not None and record.memo_no.value == "সিএস/মৌল/ইপিআই/2024/1187"
    assert record.date is not None and record.date.value.isoformat() == "2024-07-07"
    assert record.doc_type == "letter"


def test_a_list_runs_across_a_page_footer_and_running_header() -> None:
    record = _letter(
        "২। সকল উপজেলা স্বাস্থ্য কর্মকর্তাগণকে নিম্নোক্ত কার্যক্রম গ্রহণের জন্য অনুরোধ করা হলো:\n\n"
        "(ক) মাইক্রোপ্ল্যান হালনাগাদ করতে হবে;\n"
        "(খ) প্রশিক্ষণ সম্পন্ন করতে হবে;\n\n"
        "সিভিল সার্জনের কার্যালয়, ভোলা                                    পৃষ্ঠা ১ এর ২\n"
        "---------------------------------------------------------------------------\n"
        "ইপিআই শাখা                                          টিকাদান ক্যাম্পেইন-২০২৪\n\n"
        "(গ) ব্যবস্থাপনা দল গঠন করতে হবে;\n"
        "(ঘ) তথ্য প্রতিদিন এন্ট্রি করতে হবে।\n"
    )
    assert [d.ref for d in record.decisions] == ["ক", "খ", "গ", "ঘ"]
    assert all(d.responsible == ["সকল উপজেলা স্বাস্থ্য কর্মকর্তাগণ"] for d in record.decisions)


def test_a_whole_operative_sentence_before_numbered_rules_is_a_decision() -> None:
    record = _letter(
        "উক্ত প্রজ্ঞাপনের অনুচ্ছেদ ২ এর শব্দগুলি প্রতিস্থাপন করিয়া প্রজ্ঞাপনটি নিম্নরূপে সংশোধনপূর্বক জারী করা হইলো।\n\n"
        "২। নিষেধাজ্ঞা বাস্তবায়নের লক্ষ্যে সংশ্লিষ্ট জেলা প্রশাসকগণকে ভ্রাম্যমাণ আদালত পরিচালনার নির্দেশ প্রদান করা হইলো।\n\n"
        "৩। মৎস্য অধিদপ্তর অভিযানের তথ্য প্রতিদিন এ মন্ত্রণালয়ে প্রেরণ করিবে।\n"
    )
    assert [d.ref for d in record.decisions] == [None, "২", "৩"]
    assert record.decisions[0].responsible == []  # the notification's own act names no one
    assert record.decisions[2].responsible == ["মৎস্য অধিদপ্তর"]  # an office ending in র is no genitive


def test_every_addressee_of_a_sentence_acts() -> None:
    record = _letter("উক্ত ক্যাম্পে সকল ব্যবসায়ীকে এবং সকল বাড়ীর মালিকগণকে কর পরিশোধ করতে হবে।\n")
    assert record.decisions[0].responsible == ["সকল ব্যবসায়ী", "সকল বাড়ীর মালিকগণ"]


def test_the_object_of_an_impersonal_lead_in_does_not_act() -> None:
    record = _letter(
        "বরাদ্দকৃত অর্থ নিম্নবর্ণিত শর্তে ব্যয় করতে হবে:\n"
        "১। প্রকল্পের কাজ আগামী ৩০ জুন ২০২৪ তারিখের মধ্যে সমাপ্ত করতে হবে।\n"
        "২। প্রকল্প বাস্তবায়ন কমিটি প্রতি মাসে অগ্রগতি প্রতিবেদন দাখিল করবে।\n"
    )
    assert [d.responsible for d in record.decisions] == [[], ["প্রকল্প বাস্তবায়ন কমিটি"]]


def test_attendance_asked_of_a_plural_genitive_names_who_attends() -> None:
    record = _notice("উক্ত সভায় সকল ইউনিয়নের এলএসপি, এআই টেকনিশিয়ান ও সিআইজি সভাপতিগণের উপস্থিতি একান্তভাবে কাম্য।\n")
    assert record.decisions[0].responsible == ["সকল ইউনিয়নের এলএসপি", "এআই টেকনিশিয়ান", "সিআইজি সভাপতিগণ"]


def test_entitlements_and_threats_are_no_decisions() -> None:
    record = _letter(
        "২। মনোনীত কর্মকর্তাগণকে প্রশিক্ষণে যোগদানের জন্য অনুরোধ করা হলো।\n\n"
        "৩। মনোনীত কর্মকর্তাগণ বিধি মোতাবেক সম্মানী ও ভ্রমণ ভাতা প্রাপ্য হবেন।\n\n"
        "৪। অনিয়ম পরিলক্ষিত হলে সংশ্লিষ্ট কর্মকর্তার বিরুদ্ধে বিধি মোতাবেক ব্যবস্থা গ্রহণ করা হবে।\n"
    )
    assert [d.ref for d in record.decisions] == ["২"]


def test_an_item_labelled_at_a_decision_heading_keeps_its_text_before_the_next_inline_label() -> None:
    (record,) = process_text(
        "জেলা দুর্যোগ ব্যবস্থাপনা কমিটির সভার কার্যবিবরণী\n\n"
        "৩. আলোচ্য বিষয়: ত্রাণ বিতরণ।\n"
        "৩.২ সিদ্ধান্ত: (ক) মজুদের হিসাব প্রতি সপ্তাহে প্রেরণ করতে হবে। (খ) ডিজিটাল তালিকা অনুসরণ করতে হবে।\n"
    )
    assert [d.ref for d in record.decisions] == ["৩.২(ক)", "৩.২(খ)"]
    assert record.decisions[0].text.startswith("মজুদের হিসাব")


def test_the_end_of_a_from_to_window_is_no_deadline() -> None:
    record = _letter(
        "আগামী ১৮/০২/২০২৪ হতে ০১/০৩/২০২৪ পর্যন্ত অনুষ্ঠিতব্য কোর্সে জনাব মোঃ আলমকে মনোনয়ন প্রদান করা হলো।\n\n"
        "২। আবেদন ১৫/০২/২০২৪ তারিখ পর্যন্ত গ্রহণ করা হবে বিধায় আবেদনকারীগণকে আবেদন দাখিলের জন্য অনুরোধ করা হলো।\n"
    )
    assert [d.deadline.value if d.deadline else None for d in record.decisions] == [None, "2024-02-15"]


def test_a_quoted_period_sets_no_deadline_and_parallel_addressees_stay_apart() -> None:
    record = _letter(
        'প্রজ্ঞাপনের অনুচ্ছেদ ২ এ "প্রতি বৎসর ১২ অক্টোবর হইতে ০২ নভেম্বর পর্যন্ত" শব্দগুলি প্রতিস্থাপন করিয়া '
        "প্রজ্ঞাপনটি সংশোধনপূর্বক জারী করা হইলো।\n\n"
        "২। উক্ত ক্যাম্পে সকল ব্যবসায়ীকে ট্রেড লাইসেন্স ফি এবং বাড়ীর মালিকগণকে হোল্ডিং ট্যাক্স পরিশোধ করতে হবে।\n"
    )
    assert [d.deadline for d in record.decisions] == [None, None]
    assert record.decisions[1].responsible == ["সকল ব্যবসায়ী", "বাড়ীর মালিকগণ"]


def test_a_decision_tables_deadline_column_gives_the_day_to_act_by() -> None:
    (record,) = process_text(
        "উপজেলা উন্নয়ন সমন্বয় কমিটির সভার কার্যবিবরণী\n\n"
        "ক্রমিক নং\tআলোচনা ও সিদ্ধান্ত\tদায়িত্বপ্রাপ্ত কর্মকর্তা\tসময়সীমা\n"
        "১।\tবিদ্যালয়ের ঝুঁকিপূর্ণ ভবনের তালিকা প্রণয়ন করতে হবে।\tউপজেলা প্রকৌশলী\t৩০/০৬/২০২৪\n"
        "২।\tবাল্যবিবাহ রোধে সচেতনতা সভা আয়োজন করতে হবে।\tউপজেলা মহিলা বিষয়ক কর্মকর্তা\tপ্রতি মাসে\n"
        "৩।\tখাল খননের কাজ শুরু করতে হবে।\tউপজেলা নির্বাহী অফিসার\tঅবিলম্বে\n"
    )
    assert [d.responsible for d in record.decisions] == [
        ["উপজেলা প্রকৌশলী"],
        ["উপজেলা মহিলা বিষয়ক কর্মকর্তা"],
        ["উপজেলা নির্বাহী অফিসার"],
    ]
    deadlines = [(d.deadline.kind, d.deadline.value) if d.deadline else None for d in record.decisions]
    assert deadlines == [("date", "2024-06-30"), ("recurring", "P1M"), ("asap", None)]


def test_posts_joined_by_ebong_and_o_split_only_where_each_part_ends_in_a_post() -> None:
    record = _letter(
        "২। সকল মন্ত্রণালয়/বিভাগের প্রধান এবং জেলা ও উপজেলা পর্যায়ের দপ্তর প্রধানগণকে প্রয়োজনীয় ব্যবস্থা "
        "গ্রহণের জন্য অনুরোধ করা হলো।\n\n"
        "৩। উপজেলা নির্বাহী অফিসার, সকল (জামালপুর জেলা) এবং উপজেলা কৃষি কর্মকর্তা, সকল-কে বিষয়টি প্রচারের "
        "জন্য অনুরোধ করা হলো।\n\n"
        "৪। সংশ্লিষ্ট দপ্তরের প্রধান নিজ নিজ দপ্তরে শুদ্ধাচার কমিটি গঠন করবেন।\n"
    )
    assert [d.responsible for d in record.decisions] == [
        ["সকল মন্ত্রণালয়/বিভাগের প্রধান", "জেলা ও উপজেলা পর্যায়ের দপ্তর প্রধানগণ"],
        ["উপজেলা নির্বাহী অফিসার, সকল (জামালপুর জেলা)", "উপজেলা কৃষি কর্মকর্তা, সকল"],
        ["সংশ্লিষ্ট দপ্তরের প্রধান"],  # the honorific verb's subject is a person, not the committee formed
    ]


def test_short_minutes_with_their_memo_line_after_the_signature_keep_their_decisions() -> None:
    (record,) = process_text(
        "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার\nসিভিল সার্জনের কার্যালয়, পটুয়াখালী\n\n"
        "বিষয়: জেলা স্বাস্থ্য ব্যবস্থাপনা কমিটির মাসিক সভার কার্যবিবরণী।\n\n"
        "সভাপতি : ডাঃ এস এম কবির হাসান, সিভিল সার্জন, পটুয়াখালী\nতারিখ : ১৫/০১/২০২৪ খ্রিঃ\n\n"
        "সভাপতি উপস্থিত সকলকে স্বাগত জানিয়ে সভার কার্যক্রম শুরু করেন। আলোচনান্তে নিম্নোক্ত সিদ্ধান্তসমূহ গৃহীত হয়:\n\n"
        "১। সকল উপজেলা স্বাস্থ্য কমপ্লেক্সে ডায়রিয়া কর্নার ৩১/০১/২০২৪ তারিখের মধ্যে চালু করতে হবে।\n"
        "২। কমিউনিটি ক্লিনিকসমূহে ওষুধের মজুদ প্রতি মাসে পরিদর্শন করতে হবে।\n\n"
        "(ডাঃ এস এম কবির হাসান)\nসিভিল সার্জন\nপটুয়াখালী\n\n"
        "স্মারক নং: সিএস/পটু/প্রশা/২০২৪/৭৫\nতারিখ: ১৭ জানুয়ারি ২০২৪\n"
    )
    assert record.memo_no is not None and record.memo_no.value == "সিএস/পটু/প্রশা/2024/75"
    assert [d.ref for d in record.decisions] == ["১", "২"]


# A decision table as `pdftotext -layout` prints it: cells apart by runs of spaces, wrapped cells going on
# under their own column, a sub-item's responsible printed beside it.
LAYOUT_TABLE = (
    "জেলা প্রশাসকের কার্যালয়, পাবনা\n"
    "বন্যা প্রস্তুতি সভার কার্যবিবরণী\n"
    "সভাপতি : জনাব মোঃ আসাদুজ্জামান, জেলা প্রশাসক\n"
    "\n"
    "  ক্রম   আলোচ্য বিষয়          সিদ্ধান্ত                              বাস্তবায়নে\n"
    "  ১।     বাঁধ মেরামত।           (ক) ঝুঁকিপূর্ণ বাঁধের তালিকা             নির্বাহী প্রকৌশলী,\n"
    "                               ১৫/০৬/২০২৪ তারিখের মধ্যে               পাউবো, পাবনা\n"
    "                               প্রেরণ করতে হবে।\n"
    "                               (খ) বালুর বস্তা মজুদ রাখতে             জেলা ত্রাণ ও পুনর্বাসন\n"
    "                               হবে।                                   কর্মকর্তা\n"
    "  ২।     আশ্রয়কেন্দ্র।          আশ্রয়কেন্দ্রসমূহ পরিষ্কার করে          ১) সকল উপজেলা নির্বাহী\n"
    "                               প্রস্তুত রাখতে হবে।                    অফিসার\n"
    "                                                                     ২) সকল ইউপি চেয়ারম্যান\n"
)


def test_wrapped_cells_of_a_space_aligned_table_stay_in_their_columns() -> None:
    (record,) = process_text(LAYOUT_TABLE)
    found = [(d.ref, d.text, d.responsible) for d in record.decisions]
    assert found == [
        ("১(ক)", "ঝুঁকিপূর্ণ বাঁধের তালিকা ১৫/০৬/২০২৪ তারিখের মধ্যে প্রেরণ করতে হবে।", ["নির্বাহী প্রকৌশলী, পাউবো, পাবনা"]),
        ("১(খ)", "বালুর বস্তা মজুদ রাখতে হবে।", ["জেলা ত্রাণ ও পুনর্বাসন কর্মকর্তা"]),
        ("২", "আশ্রয়কেন্দ্রসমূহ পরিষ্কার করে প্রস্তুত রাখতে হবে।", ["সকল উপজেলা নির্বাহী অফিসার", "সকল ইউপি চেয়ারম্যান"]),
    ]
    first = record.decisions[0]
    assert first.deadline is not None and (first.deadline.kind, first.deadline.value) == ("date", "2024-06-15")


def test_courtesy_closings_and_a_contact_sentence_after_the_last_item_are_no_decisions() -> None:
    record = _letter(
        "এ লক্ষ্যে নিম্নোক্ত কার্যক্রম গ্রহণের জন্য অনুরোধ করা হলো:\n"
        "১। ক্যাম্প আগামী ১৫/০২/২০২৩ তারিখের মধ্যে সম্পন্ন করতে হবে।\n"
        "২। টিকা সংরক্ষণে কোল্ড চেইন বজায় রাখতে হবে।\n"
        "এ বিষয়ে যে কোন তথ্যের জন্য উপজেলা প্রাণিসম্পদ দপ্তরে যোগাযোগ করার জন্য বলা হলো।\n"
        "আপনার সার্বিক সহযোগিতা কামনা করছি। আমার আন্তরিক শুভেচ্ছা গ্রহণ করবেন।\n"
    )
    assert [d.text for d in record.decisions] == [
        "ক্যাম্প আগামী ১৫/০২/২০২৩ তারিখের মধ্যে সম্পন্ন করতে হবে।",
        "টিকা সংরক্ষণে কোল্ড চেইন বজায় রাখতে হবে।",
    ]


def test_a_committees_membership_rows_are_no_decisions_and_its_duties_name_their_own_actor() -> None:
    (record,) = process_text(
        "প্রজ্ঞাপন\nনং-৩১.০০.০০০০.০৪২.৬৮.০১১.১৭-৫৬\tতারিখঃ ১১ ফেব্রুয়ারি ২০১৮\n"
        "জেলা পর্যায়ে একটি তদারকি কমিটি গঠন করা হইল।\n"
        "২। কমিটির গঠন নিম্নরূপ হইবে:\n(১) জেলা প্রশাসক — সভাপতি\n(২) পুলিশ সুপার — সদস্য\n"
        "(৩) অতিরিক্ত জেলা প্রশাসক (রাজস্ব) — সদস্য-সচিব\n"
        "৩। কমিটির কার্যপরিধি নিম্নরূপ হইবে:\n"
        "(ক) কমিটি প্রতি তিন মাসে অন্তত একবার সভায় মিলিত হইবে;\n"
        "(খ) জেলা প্রশাসক প্রতি বৎসর ৩১ জুলাই তারিখের মধ্যে বার্ষিক প্রতিবেদন প্রেরণ করিবেন;\n"
        "(গ) প্রয়োজনে কমিটি সদস্য কো-অপ্ট করিতে পারিবে।\n\n"
        "রাষ্ট্রপতির আদেশক্রমে,\nমোহাম্মদ আব্দুল কাইয়ুম\nউপসচিব\n"
    )
    duties = {d.ref: d.responsible for d in record.decisions if d.ref in ("ক", "খ", "গ")}
    assert duties == {"ক": ["কমিটি"], "খ": ["জেলা প্রশাসক"], "গ": ["কমিটি"]}
    assert not any("সভাপতি" in d.text or "সদস্য-সচিব" in d.text for d in record.decisions)


def test_a_decision_block_runs_across_a_page_break_with_initials_and_a_date_scrawl() -> None:
    (record,) = process_text(
        "উপজেলা আইন-শৃংখলা কমিটির সভার কার্যবিবরণী\nসভাপতি: মোছাঃ ফারহানা ইসলাম, উপজেলা নির্বাহী অফিসার\n\n"
        "আলোচ্যসূচি-১: আইন-শৃংখলা পরিস্থিতি।\nআলোচনা: থানার অফিসার ইনচার্জ পরিস্থিতি তুলে ধরেন।\n"
        "সিদ্ধান্ত:\n(ক) সীমান্তবর্তী ইউনিয়নসমূহে মাদকবিরোধী অভিযান জোরদার করতে হবে।\n"
        "বাস্তবায়নে: অফিসার ইনচার্জ, শিবগঞ্জ থানা।\n"
        "(খ) জন্মনিবন্ধন সনদ যাচাই ব্যতীত বিবাহ নিবন্ধন না করার বিষয়ে পত্র প্রেরণ করতে হবে।\n"
        "বাস্তবায়নে: উপজেলা মহিলা বিষয়ক কর্মকর্তা।\n\nস্বা/-\n১৮.৯\n\n"
        "উপজেলা আইন-শৃংখলা কমিটির সভার কার্যবিবরণী (সেপ্টেম্বর/২০২২)\n\n"
        "(গ) শিক্ষা প্রতিষ্ঠানের আশেপাশে ভ্রাম্যমাণ আদালত পরিচালনা করতে হবে।\n"
        "বাস্তবায়নে: সহকারী কমিশনার (ভূমি)।\n\n"
        "আলোচ্যসূচি-২: বাজার মনিটরিং।\nআলোচনা: নিরাপদ খাদ্য কর্মকর্তা জানান।\n"
        "সিদ্বান্ত: হাট-বাজারে নিয়মিত বাজার মনিটরিং করতে হবে।\n"
        "বাস্তবায়নে: উপজেলা নিরাপদ খাদ্য কর্মকর্তা।\n"
    )
    found = [(d.ref, d.responsible) for d in record.decisions]
    assert found == [
        ("ক", ["অফিসার ইনচার্জ, শিবগঞ্জ থানা"]),
        ("খ", ["উপজেলা মহিলা বিষয়ক কর্মকর্তা"]),
        ("গ", ["সহকারী কমিশনার (ভূমি)"]),
        (None, ["উপজেলা নিরাপদ খাদ্য কর্মকর্তা"]),
    ]


def test_an_enclosure_note_after_the_last_item_is_not_part_of_it() -> None:
    record = _letter(
        "নিম্নোক্ত কার্যক্রম গ্রহণের জন্য অনুরোধ করা হলো:\n১। ক্যাম্প সম্পন্ন করতে হবে।\n"
        "২। কোল্ড চেইন বজায় রাখতে হবে।\nসংযুক্তিঃ টিকাদান সূচি (০১ পাতা)।\n"
    )
    assert [d.text for d in record.decisions] == ["ক্যাম্প সম্পন্ন করতে হবে।", "কোল্ড চেইন বজায় রাখতে হবে।"]


def test_items_under_a_lead_in_pointing_at_them_name_their_own_actor_or_none() -> None:
    record = _letter(
        "২। অভিযোগ প্রতিকার ব্যবস্থা সুষ্ঠুভাবে পরিচালনার জন্য নিম্নবর্ণিত কর্মকর্তাগণ দায়িত্ব পালন করবেন:\n"
        "(ক) সকল স্টেশন মাস্টার প্রতি মাসের ৫ তারিখের মধ্যে অভিযোগের বিবরণী প্রেরণ করবেন;\n"
        "(খ) ফোকাল পয়েন্ট অনলাইনে প্রাপ্ত অভিযোগ নিয়মিত পরীক্ষা করবেন।\n"
    )
    assert [(d.ref, d.responsible) for d in record.decisions] == [("ক", ["সকল স্টেশন মাস্টার"]), ("খ", [])]


def test_a_post_and_a_determined_post_joined_by_o_are_two_addressees() -> None:
    record = _letter(
        "২। কর্মপরিকল্পনা প্রণয়ন করে আগামী ১০ জানুয়ারি ২০১৮ তারিখের মধ্যে প্রেরণের জন্য উপজেলা নির্বাহী অফিসার "
        "(সকল) ও জেলা পর্যায়ের সকল দপ্তর প্রধানকে অনুরোধ করা হলো।\n\n"
        "৩। প্রচারণার জন্য সকল ইউপি সদস্য ও গ্রাম পুলিশকে নিজ নিজ ওয়ার্ডে মাইকিং এর ব্যবস্থা করতে হবে।\n"
    )
    assert [d.responsible for d in record.decisions] == [
        ["উপজেলা নির্বাহী অফিসার (সকল)", "জেলা পর্যায়ের সকল দপ্তর প্রধান"],
        ["সকল ইউপি সদস্য", "গ্রাম পুলিশ"],
    ]


def test_a_post_the_actor_works_with_is_not_the_actor() -> None:
    record = _letter(
        "২। উপসহকারী কৃষি কর্মকর্তাগণ স্ব-স্ব ব্লকের ইউপি চেয়ারম্যান ও সংশ্লিষ্ট ওয়ার্ড সদস্যের সাথে সমন্বয় করে প্রকৃত কৃষক নির্বাচন করবেন।\n"
    )
    assert [d.responsible for d in record.decisions] == [["উপসহকারী কৃষি কর্মকর্তাগণ"]]


def test_the_grievance_officer_anik_is_a_post() -> None:
    record = _letter(
        "২। অনিক অনলাইন জিআরএস সিস্টেমে প্রাপ্ত অভিযোগসমূহ নিয়মিত পরীক্ষা করে সংশ্লিষ্ট শাখায় প্রেরণ করবেন।\n\n"
        "৩। বিকল্প অনিক ত্রৈমাসিক পরিবীক্ষণ প্রতিবেদন প্রস্তুত করে উপস্থাপন করবেন।\n"
    )
    assert [d.responsible for d in record.decisions] == [["অনিক"], ["বিকল্প অনিক"]]


def test_an_office_in_a_genitive_compound_or_before_a_detached_er_is_not_the_subject() -> None:
    record = _letter(
        "২। মন্ত্রণালয়/বিভাগসমূহ আওতাধীন দপ্তর/সংস্থার বিদ্যুৎ সাশ্রয় সংক্রান্ত প্রতিবেদন প্রতি তিন মাস অন্তর "
        "বিদ্যুৎ বিভাগে প্রেরণ করবে।\n\n"
        "৩। বিদ্যুৎ ও জ্বালানির বৃহৎ ব্যবহারকারী দপ্তর/সংস্থাসমূহ টেকসই ও নবায়নযোগ্য জ্বালানি উন্নয়ন কর্তৃপক্ষ "
        "(স্রেডা) এর তালিকাভুক্ত নিরীক্ষক দ্বারা এনার্জি অডিট সম্পন্ন করবে।\n"
    )
    assert [d.responsible for d in record.decisions] == [
        ["মন্ত্রণালয়/বিভাগসমূহ"],
        ["বিদ্যুৎ ও জ্বালানির বৃহৎ ব্যবহারকারী দপ্তর/সংস্থাসমূহ"],
    ]


def test_posts_listed_with_commas_or_a_spaced_slash_are_each_responsible() -> None:
    (record,) = process_text(
        "উপজেলা টাস্কফোর্স কমিটির সভার কার্যবিবরণী\n\nসভায় নিম্নোক্ত সিদ্ধান্তসমূহ গৃহীত হয়:\n\n"
        "১. খাদ্য বিতরণ তদারকি করতে হবে। (বাস্তবায়নে: উপজেলা খাদ্য নিয়ন্ত্রক, সকল ইউপি চেয়ারম্যান)\n\n"
        "২. অবৈধ জাল জব্দ করতে হবে।\nদায়িত্ব: সহকারী কমিশনার (ভূমি), ভাঙ্গা / অফিসার ইনচার্জ, ভাঙ্গা থানা\n\n"
        "৩. সড়ক মেরামত করতে হবে। (বাস্তবায়নে: ইউএনও, উপজেলা প্রকৌশলী)\n\n"
        "৪. বাগান সম্প্রসারণ করতে হবে। (বাস্তবায়নে: উপপরিচালক, কৃষি সম্প্রসারণ অধিদপ্তর, কুড়িগ্রাম)\n"
    )
    assert [d.responsible for d in record.decisions] == [
        ["উপজেলা খাদ্য নিয়ন্ত্রক", "সকল ইউপি চেয়ারম্যান"],
        ["সহকারী কমিশনার (ভূমি), ভাঙ্গা", "অফিসার ইনচার্জ, ভাঙ্গা থানা"],
        ["ইউএনও", "উপজেলা প্রকৌশলী"],
        ["উপপরিচালক, কৃষি সম্প্রসারণ অধিদপ্তর, কুড়িগ্রাম"],
    ]


def test_a_comma_list_of_what_a_genitive_qualifies_is_one_addressee() -> None:
    record = _letter(
        "২। জেলার সকল মাধ্যমিক বিদ্যালয়, মাদ্রাসা ও কলেজের প্রতিষ্ঠান প্রধানগণকে প্রতিদিন শিক্ষার্থীদের উপস্থিতি "
        "নিশ্চিত করার জন্য নির্দেশ দেওয়া হলো।\n"
    )
    assert [d.responsible for d in record.decisions] == [["জেলার সকল মাধ্যমিক বিদ্যালয়, মাদ্রাসা ও কলেজের প্রতিষ্ঠান প্রধানগণ"]]


def test_the_outer_list_goes_on_after_a_nested_one() -> None:
    (record,) = process_text(
        "সভার কার্যবিবরণী\n\nসভায় নিম্নোক্ত সিদ্ধান্তসমূহ গৃহীত হয়:\n\n"
        "৬. পুষ্টি সপ্তাহ উদযাপন উপলক্ষে—\n   (ক) পুষ্টি মেলার আয়োজন করতে হবে। (বাস্তবায়নে: সকল ইউএনও)\n\n"
        "৭. পুষ্টি বাগান সম্প্রসারণের উদ্যোগ গ্রহণ করতে হবে। (বাস্তবায়নে: উপপরিচালক, কৃষি সম্প্রসারণ অধিদপ্তর, "
        "কুড়িগ্রাম)\n\n"
        "৮. বাজেট ওয়েবসাইটে প্রকাশ করতে হবে (দায়িত্ব: সংশ্লিষ্ট ইউপি সচিব);\n"
    )
    assert [(d.ref, d.responsible) for d in record.decisions] == [
        ("ক", ["সকল ইউএনও"]),
        ("৭", ["উপপরিচালক, কৃষি সম্প্রসারণ অধিদপ্তর, কুড়িগ্রাম"]),
        ("৮", ["সংশ্লিষ্ট ইউপি সচিব"]),
    ]
    assert record.decisions[1].text == "পুষ্টি বাগান সম্প্রসারণের উদ্যোগ গ্রহণ করতে হবে।"


def test_a_declaration_and_each_item_a_prohibition_lists_are_decisions() -> None:
    (record,) = process_text(
        "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার\nপরিবেশ, বন ও জলবায়ু পরিবর্তন মন্ত্রণালয়\n\nপ্রজ্ঞাপন\n\n"
        "তারিখ: ০৪ মার্চ ২০২৪ খ্রিস্টাব্দ\n\nনং ২২.০০.০০০০.০৬৭.২২.০০৯.২৩-৬১—\n\n"
        "বাংলাদেশ পরিবেশ সংরক্ষণ আইন, ১৯৯৫ এর ধারা ৫ এ প্রদত্ত ক্ষমতাবলে সরকার বাঘিয়া বিল এলাকা "
        "প্রতিবেশগত সংকটাপন্ন এলাকা হিসাবে ঘোষণা করিল।\n\n"
        "২। উক্ত এলাকায় নিম্নবর্ণিত কার্যাবলি নিষিদ্ধ থাকিবে, যথা:—\n"
        "(ক) প্রাকৃতিক বনাঞ্চল ও গাছপালা কর্তন বা আহরণ;\n(খ) সকল প্রকার পাখি ও বন্যপ্রাণী শিকার বা হত্যা।\n\n"
        "রাষ্ট্রপতির আদেশক্রমে\n\nড. ফাহমিদা রহমান চৌধুরী\nউপসচিব\n"
    )
    assert [(d.ref, d.text.split()[0], d.responsible) for d in record.decisions] == [
        (None, "বাংলাদেশ", []),
        ("ক", "প্রাকৃতিক", []),
        ("খ", "সকল", []),
    ]
    assert record.decisions[0].text.endswith("ঘোষণা করিল।")


def test_a_line_announcing_decisions_the_layout_did_not_mark_as_a_list_is_none() -> None:
    (record,) = process_text(
        "উপজেলা টাস্কফোর্স কমিটির সভার কার্যবিবরণী\n\n০৩। সভায় বিস্তারিত আলোচনান্তে নিম্নরূপ সিদ্ধান্ত গৃহীত হয়:\n\n"
        "সিদ্ধান্ত-১: প্রতি সপ্তাহে অন্তত একবার ভ্রাম্যমাণ আদালত পরিচালনা করতে হবে।\n\n"
        "সিদ্ধান্ত-২: জেলেদের ভিজিএফ চাল ১০ মার্চ ২০২৪ তারিখের মধ্যে বিতরণ সম্পন্ন করতে হবে।\n"
    )
    assert [d.text.split(":")[0] for d in record.decisions] == ["সিদ্ধান্ত-১", "সিদ্ধান্ত-২"]


def test_list_items_numbered_with_a_dot_are_neither_the_distribution_nor_a_signature() -> None:
    record = _letter(
        "২। বরাদ্দকৃত চাল বিতরণের ক্ষেত্রে নিম্নবর্ণিত শর্তাবলি অবশ্যই প্রতিপালন করতে হবে:\n"
        "   ১. বরাদ্দকৃত চাল প্রকৃত ক্ষতিগ্রস্ত পরিবারের মধ্যে বিতরণ করতে হবে;\n"
        "   ২. বিতরণ শেষে ০৭ দিনের মধ্যে মাস্টাররোল ও স্থিরচিত্র দাখিল করতে হবে;\n"
        "   ৩. উপজেলা সমাজসেবা অফিসার ট্যাগ অফিসার হিসেবে বিতরণ কার্যক্রম তদারকি করবেন।\n"
    )
    assert [d.ref for d in record.decisions] == ["১", "২", "৩"]
    assert record.signatory is not None and record.signatory.name == "মোঃ আতিকুর রহমান"


def test_an_addressee_with_its_station_before_ke_is_named() -> None:
    record = _letter("২। ডিও মূলে উক্ত চাল সরবরাহের জন্য উপজেলা খাদ্য নিয়ন্ত্রক, সুন্দরগঞ্জকে অনুরোধ করা হলো।\n")
    assert [d.responsible for d in record.decisions] == [["উপজেলা খাদ্য নিয়ন্ত্রক, সুন্দরগঞ্জ"]]


def test_decimal_section_numbers_are_labels_and_statements_of_scope_are_no_decisions() -> None:
    record = _letter(
        "২.১   এ পরিপত্র সকল মন্ত্রণালয়/বিভাগ এবং এর অধীন দপ্তর/সংস্থার ক্ষেত্রে\n      প্রযোজ্য হবে।\n\n"
        "৩.২   মন্ত্রণালয়/বিভাগ ও অধীন দপ্তর/সংস্থাসমূহকে সকল ক্রয় কার্যক্রম আগামী ১৫ মে ২০২৪\n"
        "      তারিখের মধ্যে সম্পন্ন করতে হবে।\n\n"
        "৩.৫   ৩০ জুন ২০২৪ তারিখের পর কোনো বিল দাখিল করা হলে তা পরবর্তী অর্থবছরের বরাদ্দ হতে পরিশোধযোগ্য হবে।\n"
    )
    assert [(d.ref, d.responsible) for d in record.decisions] == [("৩.২", ["মন্ত্রণালয়/বিভাগ ও অধীন দপ্তর/সংস্থাসমূহ"])]


def test_a_verb_a_page_break_cut_from_its_paragraph_is_no_decision() -> None:
    record = _letter(
        "৩.৩   প্রধান হিসাবরক্ষণ কর্মকর্তাগণ অব্যয়িত অর্থ আগামী ৩০ মে ২০২৪ তারিখের মধ্যে অর্থ বিভাগে সমর্পণ\n"
        "      করবেন এবং সমর্পিত অর্থের বিবরণী এ শাখায় প্রেরণ\n\n"
        "পৃষ্ঠা-১/২\n\nঅর্থ বিভাগ, বাজেট অনুবিভাগ-১\n\n      করবেন।\n\n"
        "৩.৪   থোক বরাদ্দ হতে অর্থ ছাড়ের পূর্বে অর্থ বিভাগের সম্মতি গ্রহণ করতে হবে।\n"
    )
    assert [d.ref for d in record.decisions] == ["৩.৩", "৩.৪"]


def test_a_responsible_cell_with_a_post_on_each_line_names_each() -> None:
    (record,) = process_text(
        "উপজেলা দুর্যোগ ব্যবস্থাপনা কমিটির সভার কার্যবিবরণী\n\n"
        "ক্রমিক\tআলোচ্য বিষয়\tসিদ্ধান্ত\tবাস্তবায়নে\n"
        "১\tপ্রস্তুতি\tপ্রস্তুতি সভা আয়োজন করতে হবে।\tসংশ্লিষ্ট ইউপি চেয়ারম্যান\n"
        "\t\t\tউপজেলা প্রকল্প বাস্তবায়ন কর্মকর্তা\n"
        "২\tআশ্রয়কেন্দ্র\tআশ্রয়কেন্দ্র মেরামত করতে হবে।\tতত্ত্বাবধায়ক, জেলা সদর\n"
        "\t\t\tহাসপাতাল, নেত্রকোনা\n"
        "৩\tপ্রশিক্ষণ\tপ্রশিক্ষণ আয়োজন করতে হবে।\tউপজেলা প্রকল্প বাস্তবায়ন\n\t\t\tকর্মকর্তা\n"
    )
    assert [d.responsible for d in record.decisions] == [
        ["সংশ্লিষ্ট ইউপি চেয়ারম্যান", "উপজেলা প্রকল্প বাস্তবায়ন কর্মকর্তা"],
        ["তত্ত্বাবধায়ক, জেলা সদর হাসপাতাল, নেত্রকোনা"],
        ["উপজেলা প্রকল্প বাস্তবায়ন কর্মকর্তা"],
    ]


def test_a_reply_quoting_the_directives_it_answers_makes_none_of_them_its_own() -> None:
    record = _letter(
        'সূত্রের অনুচ্ছেদ-১: "হাওরের ফসল রক্ষা বাঁধের সকল কাজ আগামী ১৫ মার্চ ২০২৪ তারিখের মধ্যে সম্পন্ন করতে হবে।"\n'
        "জবাব: ৪৬টি প্রকল্পের মধ্যে ৪১টির কাজ সম্পন্ন হয়েছে।\n\n"
        "২। অবশিষ্ট প্রকল্পের কাজ দ্রুত সম্পন্ন করতে হবে।\n"
    )
    assert [d.text for d in record.decisions] == ["অবশিষ্ট প্রকল্পের কাজ দ্রুত সম্পন্ন করতে হবে।"]


def test_a_decision_table_numbered_by_year_with_no_responsible_column_reads_who_acts_from_its_words() -> None:
    (record,) = process_text(
        "সিন্ডিকেটের ৫৭তম সভার কার্যবিবরণী\n\nবিস্তারিত আলোচনার পর নিম্নরূপ সিদ্ধান্তসমূহ গৃহীত হয়:\n\n"
        "| সিদ্ধান্ত নং | আলোচ্য বিষয় ও আলোচনা | সিদ্ধান্ত |\n|---|---|---|\n"
        "| ১/২০২৪ | কার্যবিবরণী দৃঢ়ীকরণ। | ৫৬তম সভার কার্যবিবরণী কোনো সংশোধনী ছাড়াই দৃঢ়ীকরণ করা হলো। |\n"
        "| ২/২০২৪ | বাস্তবায়ন অগ্রগতি। | (ক) বাস্তবায়ন অগ্রগতি সম্পর্কে সভা অবহিত হলো। (খ) ভৌত অবকাঠামো কমিটিকে "
        "আগামী ৩০ এপ্রিল ২০২৪ তারিখের মধ্যে চূড়ান্ত প্রতিবেদন দাখিল করতে হবে। |\n"
        "| ৫/২০২৪ | সংশোধিত বাজেট। | অনুমোদিত বাজেট মঞ্জুরী কমিশনে প্রেরণ করতে হবে (বাস্তবায়ন: পরিচালক, অর্থ ও "
        "হিসাব দপ্তর)। |\n"
    )
    assert [(d.ref, d.responsible) for d in record.decisions] == [
        ("১/২০২৪", []),
        ("২/২০২৪(ক)", []),
        ("২/২০২৪(খ)", ["ভৌত অবকাঠামো কমিটি"]),
        ("৫/২০২৪", ["পরিচালক, অর্থ ও হিসাব দপ্তর"]),
    ]


def test_who_a_subject_acts_for_or_reports_to_is_not_who_acts() -> None:
    record = _letter(
        "২। উপজেলা নির্বাহী অফিসার আদেশ জারির ০৭ কার্যদিবসের মধ্যে পরিচালক, স্থানীয় সরকার বরাবর তদন্ত প্রতিবেদন "
        "দাখিল করবেন।\n\n"
        "৩। তত্ত্বাবধায়ক, জেলা সদর হাসপাতাল তদন্ত কমিটিকে প্রয়োজনীয় নথিপত্র সরবরাহসহ সার্বিক সহযোগিতা প্রদান "
        "করবেন।\n"
    )
    assert [d.responsible for d in record.decisions] == [
        ["উপজেলা নির্বাহী অফিসার"],
        ["তত্ত্বাবধায়ক, জেলা সদর হাসপাতাল"],
    ]


def test_a_correction_is_a_decision_and_what_it_leaves_unchanged_is_none() -> None:
    record = _letter(
        "এ অধিদপ্তরের ১২ মার্চ ২০২৪ তারিখের অফিস আদেশের ক্রমিক ০৩-এ বর্ণিত কর্মকর্তার বদলিকৃত কর্মস্থল "
        '"উপপরিচালকের কার্যালয়, ময়মনসিংহ" এর পরিবর্তে "উপপরিচালকের কার্যালয়, জামালপুর" পড়তে হবে।\n\n'
        "২। উক্ত অফিস আদেশের অন্যান্য শর্তাবলি অপরিবর্তিত থাকবে।\n"
    )
    assert [d.text.split()[0] for d in record.decisions] == ["এ"]
    assert record.decisions[0].text.endswith("পড়তে হবে।")


def test_an_invitation_to_tender_is_a_decision_and_a_bidder_addressed_acts() -> None:
    record = _letter(
        "সরকারের পক্ষে উপজেলা প্রকৌশলী কর্তৃক নিম্নবর্ণিত কাজের জন্য অনলাইনে দরপত্র আহ্বান করা হচ্ছে।\n\n"
        "২। দরদাতাকে বিগত ০৫ বছরে একটি অনুরূপ কাজ সম্পাদনের অভিজ্ঞতা সনদ দরপত্রের সাথে আপলোড করতে হবে।\n"
    )
    assert [d.text.split()[0] for d in record.decisions] == ["সরকারের", "দরদাতাকে"]
    assert record.decisions[1].responsible == ["দরদাতা"]


def test_a_release_is_a_decision_and_a_post_whose_duty_is_taken_over_is_not_who_acts() -> None:
    record = _letter(
        "জনাব মোঃ সোহেল রানা, উপজেলা মৎস্য কর্মকর্তা, কাজিপুর-কে প্রশিক্ষণ কোর্সে অংশগ্রহণের নিমিত্ত অবমুক্ত করা হলো।\n\n"
        "২। প্রশিক্ষণকালীন সময়ে সিনিয়র উপজেলা মৎস্য কর্মকর্তা তাঁর নিজ দায়িত্বের অতিরিক্ত হিসেবে উপজেলা মৎস্য "
        "কর্মকর্তা, কাজিপুর এর দায়িত্ব পালন করবেন।\n"
    )
    assert len(record.decisions) == 2
    assert record.decisions[1].responsible == ["সিনিয়র উপজেলা মৎস্য কর্মকর্তা"]


def test_a_subject_post_keeps_its_office_and_station_after_commas() -> None:
    record = _letter(
        "২। জেলা প্রশাসক, গোপালগঞ্জ এবং পরিচালক, পরিবেশ অধিদপ্তর, ঢাকা বিভাগীয় কার্যালয় উক্ত এলাকায় এই "
        "প্রজ্ঞাপনের বিধানাবলি প্রতিপালন নিশ্চিত করিবেন।\n\n"
        "৩। প্রশিক্ষণকালীন সময়ে সিনিয়র উপজেলা মৎস্য কর্মকর্তা, বেলকুচি, সিরাজগঞ্জ তাঁর নিজ দায়িত্বের অতিরিক্ত "
        "হিসেবে কাজিপুর উপজেলার দায়িত্ব পালন করবেন।\n"
    )
    assert [d.responsible for d in record.decisions] == [
        ["জেলা প্রশাসক, গোপালগঞ্জ", "পরিচালক, পরিবেশ অধিদপ্তর, ঢাকা বিভাগীয় কার্যালয়"],
        ["সিনিয়র উপজেলা মৎস্য কর্মকর্তা, বেলকুচি, সিরাজগঞ্জ"],
    ]


def test_responsible_cells_with_slashes_dashes_and_a_station_before_o() -> None:
    (record,) = process_text(
        "জেলা পরিষদের মাসিক সভার কার্যবিবরণী\n\n"
        "ক্রমিক\tআলোচ্য বিষয়\tসিদ্ধান্ত\tবাস্তবায়নকারী\n"
        "১\tগত সভার কার্যবিবরণী\tগত সভার কার্যবিবরণী সর্বসম্মতিক্রমে দৃঢ়ীকরণ করা হলো।\t—\n"
        "২\tমামলা\tমামলার জবাব দাখিল করতে হবে।\tপ্রশাসনিক কর্মকর্তা, জেলা পরিষদ এবং প্যানেল আইনজীবী\n"
        "৩\tনলকূপ\tনলকূপ স্থাপনের কাজ সম্পন্ন করতে হবে।\tউপজেলা জনস্বাস্থ্য প্রকৌশলী, পীরগঞ্জ ও সংশ্লিষ্ট ঠিকাদার\n"
        "৪\tডেঙ্গু\tলার্ভা ধ্বংসে অভিযান চালাতে হবে।\tওয়ার্ড কাউন্সিলর/ইউপি সদস্যগণ\n"
    )
    assert [d.responsible for d in record.decisions] == [
        [],
        ["প্রশাসনিক কর্মকর্তা, জেলা পরিষদ", "প্যানেল আইনজীবী"],
        ["উপজেলা জনস্বাস্থ্য প্রকৌশলী, পীরগঞ্জ", "সংশ্লিষ্ট ঠিকাদার"],
        ["ওয়ার্ড কাউন্সিলর", "ইউপি সদস্যগণ"],
    ]


def test_a_numbered_department_heading_after_a_decision_in_prose_opens_the_next_agenda_item() -> None:
    (record,) = process_text(
        "উপজেলা মাসিক সমন্বয় সভার কার্যবিবরণী\n\n"
        "৪. জনস্বাস্থ্য প্রকৌশল বিভাগ:\nআলোচনা: নলকূপ স্থাপনের কাজ চলমান।\nসিদ্ধান্ত:\n"
        "অবশিষ্ট ২৪টি নলকূপ স্থাপনের কাজ ৩১ মার্চ ২০২৪ তারিখের মধ্যে সম্পন্ন করতে হবে।\n"
        "বাস্তবায়নে: উপজেলা জনস্বাস্থ্য প্রকৌশলী\n\n"
        "৫. সমাজসেবা বিভাগ:\nআলোচনা: ভাতার উপকারভোগী নির্বাচনের কাজ চলমান।\nসিদ্ধান্ত:\n"
        "উপকারভোগী নির্বাচনের খসড়া তালিকা সর্বসম্মতিক্রমে অনুমোদিত হয়।\n"
    )
    assert [d.text.split()[0] for d in record.decisions] == ["অবশিষ্ট", "উপকারভোগী"]


def test_a_subject_post_keeps_its_bracketed_qualifier() -> None:
    record = _letter("২। সহকারী কমিশনার (ভূমি) আবেদন প্রাপ্তির ২৮ দিনের মধ্যে নামজারি নিষ্পত্তি করবেন।\n")
    assert [d.responsible for d in record.decisions] == [["সহকারী কমিশনার (ভূমি)"]]


def test_an_item_whose_own_subject_acts_is_not_given_the_lead_ins_addressee() -> None:
    record = _letter(
        "২। নিম্নবর্ণিত নির্দেশনাসমূহ প্রতিপালনের জন্য উপজেলার সকল প্রধান শিক্ষকগণকে অনুরোধ করা হইল:\n\n"
        "(ক) খেলোয়াড় শিক্ষার্থীদের নামের তালিকা ১৫ মার্চ ২০২৩ তারিখের মধ্যে জমা দিতে হবে।\n\n"
        "(খ) প্রতিযোগিতায় অংশগ্রহণকারী শিক্ষার্থীরা নির্ধারিত স্কুল ড্রেস পরিধান করিয়া যথাসময়ে মাঠে উপস্থিত হইবে।\n\n"
        "(গ) সহকারী উপজেলা শিক্ষা অফিসারগণ ২০ মার্চ ২০২৩ তারিখের মধ্যে প্রাথমিক বাছাই সম্পন্ন করবেন।\n\n"
        "(ঘ) ইজারা বিজ্ঞপ্তি উপজেলা ওয়েব পোর্টালে প্রকাশের ব্যবস্থা করবে।\n"
    )
    assert [d.responsible for d in record.decisions] == [
        ["উপজেলার সকল প্রধান শিক্ষকগণ"],
        ["প্রতিযোগিতায় অংশগ্রহণকারী শিক্ষার্থীরা"],
        ["সহকারী উপজেলা শিক্ষা অফিসারগণ"],
        ["উপজেলার সকল প্রধান শিক্ষকগণ"],
    ]
