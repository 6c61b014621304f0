"""Decision rules of the contract, one shape of the genre per test."""

from __future__ import annotations

from pipeline.api import process_text
from pipeline.models import Record

HEADER = (
    "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার\nজেলা প্রশাসকের কার্যালয়, গাইবান্ধা\n"
    "স্মারক নং: ০৫.৪৪.৩২০০.০১৮.২৬.০০৩.২৪-২১৭\t\tতারিখ: ১২ মার্চ ২০২৪\n"
    "বিষয়: কম্বল বিতরণ।\n\n"
)
SIGNATURE = "\n\n(মোঃ আতিকুর রহমান মন্ডল)\nজেলা প্রশাসক\nগাইবান্ধা\n"
MINUTES = "বিষয়: উপজেলা মাসিক সমন্বয় সভার কার্যবিবরণী।\n\nসভাপতি : জনাব মোঃ আলমগীর হোসেন\n\n"


def _record(body: str) -> Record:
    (record,) = process_text(HEADER + body + SIGNATURE)
    return record


def test_items_of_a_request_are_decisions_the_lead_in_is_not() -> None:
    record = _record(
        "২। এমতাবস্থায়, উপজেলা নির্বাহী অফিসার (সকল), গাইবান্ধা-কে নিম্নবর্ণিত ব্যবস্থা গ্রহণের জন্য অনুরোধ করা হলো:\n"
        "ক) প্রকৃত শীতার্ত মানুষের মাঝে কম্বল বিতরণ;\n"
        "খ) উপকারভোগীর তালিকা সংরক্ষণ;\n"
        "গ) বিতরণ সংক্রান্ত বিষয়ে যে কোন তথ্যের জন্য জনাব করিম, সহকারী কমিশনার-এর সাথে যোগাযোগ করা যেতে পারে।\n"
    )
    assert [d.ref for d in record.decisions] == ["ক", "খ"]  # গ only names a contact
    assert all(d.responsible == ["উপজেলা নির্বাহী অফিসার (সকল), গাইবান্ধা"] for d in record.decisions)


def test_a_list_ends_where_its_marker_style_changes_and_page_furniture_is_skipped() -> None:
    record = _record(
        "২। উপজেলা নির্বাহী অফিসারগণ নিম্নবর্ণিত শর্তে কম্বল বিতরণ নিশ্চিত করবেন:\n"
        "(ক) প্রকৃত দরিদ্র মানুষের মাঝে বিতরণ করতে হবে;\n"
        "স্বা/-\nপৃষ্ঠা-১\n"
        "(খ) মাস্টাররোল আগামী ২৪ ডিসেম্বর ২০২০ তারিখের মধ্যে এ কার্যালয়ে প্রেরণ করতে হবে।\n\n"
        "৩। বিষয়টি অতীব জরুরি।\n"
    )
    assert [d.ref for d in record.decisions] == ["ক", "খ"]
    assert record.decisions[0].text == "প্রকৃত দরিদ্র মানুষের মাঝে বিতরণ করতে হবে;"
    assert record.decisions[1].responsible == ["উপজেলা নির্বাহী অফিসারগণ"]
    assert record.decisions[1].deadline is not None and record.decisions[1].deadline.value == "2020-12-24"


def test_an_operative_sentence_over_a_membership_list_is_the_decision() -> None:
    record = _record(
        "১। সরকার নিম্নরূপে 'জেলা কম্বল বিতরণ কমিটি' পুনর্গঠন করলো:\n"
        "ক) জেলা প্রশাসক - সভাপতি\n"
        "খ) সিভিল সার্জন - সদস্য\n\n"
        "২। কমিটির কার্যপরিধি:\n"
        "(ক) বিতরণ কার্যক্রম তদারকি করবে;\n"
        "(খ) কমিটি প্রতি ০৩ মাসে অন্তত একবার সভায় মিলিত হবে।\n\n"
        "৩। জনস্বার্থে জারিকৃত এ প্রজ্ঞাপন অবিলম্বে কার্যকর হবে।\n"
    )
    texts = [d.text for d in record.decisions]
    assert texts[0].endswith("পুনর্গঠন করলো:")
    assert [d.ref for d in record.decisions[1:]] == ["ক", "খ"]
    assert all(d.responsible == ["কমিটি"] for d in record.decisions[1:])
    assert record.decisions[2].deadline is not None and record.decisions[2].deadline.value == "P3M"
    assert not any("কার্যকর হবে" in t for t in texts)


def test_an_implementation_line_names_who_acts_and_is_not_decision_text() -> None:
    record = _record(
        "০১। সকল পত্রজারি ই-নথির মাধ্যমে সম্পন্ন করতে হবে।\n"
        "(বাস্তবায়ন: তত্ত্বাবধায়ক প্রকৌশলী (সকল); নির্বাহী প্রকৌশলী (সকল))\n"
        "০২। ই-নথির অগ্রগতি মাসিক ভিত্তিতে পর্যালোচনা করতে হবে।\n"
        "(বাস্তবায়ন: সিস্টেম এনালিস্ট, আইসিটি সেল)\n"
    )
    first, second = record.decisions
    assert first.text == "সকল পত্রজারি ই-নথির মাধ্যমে সম্পন্ন করতে হবে।"
    assert first.responsible == ["তত্ত্বাবধায়ক প্রকৌশলী (সকল)", "নির্বাহী প্রকৌশলী (সকল)"]
    assert second.responsible == ["সিস্টেম এনালিস্ট, আইসিটি সেল"]
    assert second.deadline is not None and second.deadline.value == "P1M"


def test_narrative_minutes_decisions_and_who_acts() -> None:
    (record,) = process_text(
        "মাসিক সভার কার্যবিবরণী\n\n"
        "অদ্য ১২/০৩/২০২৩ ইং তারিখ সকাল ১১.০০ ঘটিকায় পরিষদের চেয়ারম্যান জনাব মোঃ আব্দুল মতিন সরকার এর সভাপতিত্বে "
        "মাসিক সভা অনুষ্ঠিত হয়। সভার প্রারম্ভে বিগত সভার কার্যবিবরণী পাঠ করা হলে তা সর্বসম্মতিক্রমে অনুমোদিত হয়।\n\n"
        "আলোচ্য বিষয়-১: হোল্ডিং ট্যাক্স আদায়।\n"
        "সভাপতি জানান যে, আদায় কম হয়েছে। আলোচনান্তে হোল্ডিং ট্যাক্স আদায়ের লক্ষ্যে ইউপি সচিব প্রতি মাসে অগ্রগতি "
        "পরিষদের সভায় উপস্থাপন করবেন মর্মে সিদ্ধান্ত গৃহীত হয়।\n\n"
        "(মোঃ আব্দুল মতিন সরকার)\nচেয়ারম্যান\n"
    )
    assert record.doc_type == "minutes"
    assert record.meeting is not None and record.meeting.chair == "মোঃ আব্দুল মতিন সরকার"
    assert str(record.meeting.date) == "2023-03-12"
    (decision,) = record.decisions  # approving the last minutes is not a decision of this meeting
    assert decision.responsible == ["ইউপি সচিব"]
    assert decision.deadline is not None and decision.deadline.value == "P1M"
    assert record.signatory is not None and record.signatory.name == "মোঃ আব্দুল মতিন সরকার"


def test_headed_minutes_items_quoted_decisions_and_implementation_lines() -> None:
    (record,) = process_text(
        "বিষয়ঃ ইনোভেশন টিমের সভার কার্যবিবরণী।\n\n"
        "সভাপতি : মোঃ সাইফুল ইসলাম\nসময় : বিকাল ৩.০০ ঘটিকা\n\n"
        "আলোচনা: বিগত সভার সিদ্ধান্ত বাস্তবায়নের অগ্রগতি জানানো হয়:\n"
        "সিদ্ধান্ত নং-২: অ্যাপের পাইলটিং ৩১ মার্চ ২০২৪ তারিখের মধ্যে সম্পন্ন করতে হবে।\n\n"
        "সিদ্ধান্ত:\n"
        "(ক) মূল্যায়ন প্রতিবেদন জরুরি ভিত্তিতে চূড়ান্ত করতে হবে।\n"
        "(খ) পরবর্তী সভায় অগ্রগতি উপস্থাপন করতে হবে।\n"
        "বাস্তবায়নে: সদস্য-সচিব, ইনোভেশন টিম; সিস্টেম এনালিস্ট, আইসিটি সেল\n\n"
        "আর কোনো আলোচনা না থাকায় সভাপতি সকলকে ধন্যবাদ জানিয়ে সভার সমাপ্তি ঘোষণা করেন।\n"
    )
    assert record.meeting is not None and record.meeting.time == "15:00"
    assert [d.ref for d in record.decisions] == ["ক", "খ"]
    assert record.decisions[0].deadline is not None and record.decisions[0].deadline.kind == "asap"
    assert all(d.responsible == ["সদস্য-সচিব, ইনোভেশন টিম", "সিস্টেম এনালিস্ট, আইসিটি সেল"] for d in record.decisions)


def test_nomination_is_a_decision_that_names_no_one_to_act() -> None:
    record = _record("এ অধিদপ্তরের উপপরিচালক (প্রশাসন) জনাব মোঃ রফিকুল ইসলাম-কে অনিক হিসেবে মনোনয়ন প্রদান করা হলো।\n")
    (decision,) = record.decisions
    assert decision.responsible == []


def test_names_drop_only_the_contracts_courtesy_words() -> None:
    (record,) = process_text(
        HEADER + "উপজেলা নির্বাহী অফিসার (সকল)-কে প্রতিবেদন প্রেরণের জন্য অনুরোধ করা হলো।\n\n(বেগম সুলতানা রাজিয়া)\nউপসচিব\n"
    )
    assert record.signatory is not None and record.signatory.name == "বেগম সুলতানা রাজিয়া"


def test_a_responsible_cell_wrapped_over_lines_names_whole_posts_for_each_item_of_its_row() -> None:
    (record,) = process_text(
        MINUTES + "বিস্তারিত আলোচনার পর নিম্নোক্ত সিদ্ধান্তসমূহ গৃহীত হয়:\n\n"
        "| ক্রমিক | সিদ্ধান্ত                          | বাস্তবায়নকারী   |\n"
        "| ১      | ঝুঁকিপূর্ণ ভবনে পাঠদান বন্ধ রাখতে   | উপজেলা শিক্ষা    |\n"
        "|        | হবে।                              | অফিসার, উপজেলা   |\n"
        "|        |                                   | প্রকৌশলী         |\n"
        "| ২      | (ক) ডেঙ্গু প্রতিরোধে প্রচারণা      | উপজেলা স্বাস্থ্য |\n"
        "|        | জোরদার করতে হবে।                  | ও পরিবার         |\n"
        "|        | (খ) পৃথক শয্যা প্রস্তুত রাখতে হবে। | পরিকল্পনা        |\n"
        "|        |                                   | কর্মকর্তা/ সকল   |\n"
        "|        |                                   | ইউপি চেয়ারম্যান |\n" + SIGNATURE
    )
    assert [d.ref for d in record.decisions] == ["১", "২(ক)", "২(খ)"]
    assert record.decisions[0].responsible == ["উপজেলা শিক্ষা অফিসার", "উপজেলা প্রকৌশলী"]
    both = ["উপজেলা স্বাস্থ্য ও পরিবার পরিকল্পনা কর্মকর্তা", "সকল ইউপি চেয়ারম্যান"]
    assert record.decisions[1].responsible == record.decisions[2].responsible == both


def test_an_agent_after_a_participle_acts_and_the_post_a_letter_goes_to_does_not() -> None:
    (record,) = process_text(
        MINUTES + "সিদ্ধান্ত:\nক. লিফট স্থাপনের কাজ শুরু করার অনুরোধ জানিয়ে তত্ত্বাবধায়ক, জেলা সদর হাসপাতাল কর্তৃক "
        "নির্বাহী প্রকৌশলী, গণপূর্ত বিভাগ, নড়াইল বরাবর অবিলম্বে তাগিদপত্র প্রেরণ করা হবে।\n" + SIGNATURE
    )
    (decision,) = record.decisions
    assert decision.responsible == ["তত্ত্বাবধায়ক, জেলা সদর হাসপাতাল"]


def test_a_post_with_its_station_after_a_comma_is_one_addressee() -> None:
    record = _record("দালালদের দৌরাত্ম্য বন্ধে ব্যবস্থা গ্রহণের জন্য অফিসার-ইন-চার্জ, নড়াইল সদর থানাকে অনুরোধ করা হলো।\n")
    (decision,) = record.decisions
    assert decision.responsible == ["অফিসার-ইন-চার্জ, নড়াইল সদর থানা"]


def test_minutes_narrative_requests_in_the_present_are_decisions_with_a_bangla_calendar_deadline() -> None:
    (record,) = process_text(
        MINUTES + "আলোচনা ও সিদ্ধান্ত\n\n"
        "কোনো সংশোধনী প্রস্তাব না থাকায় বিগত সভার কার্যবিবরণী সর্বসম্মতিক্রমে দৃঢ়ীকরণ করা হয়।\n\n"
        "অতিরিক্ত জেলা প্রশাসক (রাজস্ব) সভাকে অবহিত করেন যে, খাস জমি অবৈধভাবে দখল করে রাখা হয়েছে। সভায় অবৈধ "
        "দখলদারদের তালিকা ১৫ শ্রাবণ ১৪৩২ বঙ্গাব্দের মধ্যে প্রণয়ন করার জন্য সকল সহকারী কমিশনার (ভূমি)-কে "
        "নির্দেশ প্রদান করা হয়।\n" + SIGNATURE
    )
    (decision,) = record.decisions  # approving the last minutes is no action item
    assert decision.responsible == ["সকল সহকারী কমিশনার (ভূমি)"]
    assert decision.deadline is not None and decision.deadline.value == "2025-07-30"
    assert decision.deadline.text == "১৫ শ্রাবণ ১৪৩২ বঙ্গাব্দের মধ্যে"


def test_a_line_naming_who_acts_on_a_range_of_items_is_no_item_and_names_them_all() -> None:
    (record,) = process_text(
        MINUTES + "সিদ্ধান্ত:\n"
        "(i) ঔষধের চাহিদাপত্র ১৫ জুলাই ২০২৫ তারিখের মধ্যে স্বাস্থ্য অধিদপ্তরে প্রেরণ করতে হবে।\n"
        "(ii) অকেজো এক্স-রে মেশিন মেরামতের জন্য অবিলম্বে পত্র দিতে হবে।\n"
        "(i) হতে (ii) পর্যন্ত সিদ্ধান্ত বাস্তবায়ন: তত্ত্বাবধায়ক, জেলা সদর হাসপাতাল ও স্টোর অফিসার\n" + SIGNATURE
    )
    assert [d.ref for d in record.decisions] == ["i", "ii"]
    assert all(d.responsible == ["তত্ত্বাবধায়ক, জেলা সদর হাসপাতাল", "স্টোর অফিসার"] for d in record.decisions)


def test_a_table_cell_holds_the_rows_decimal_items_each_with_its_own_actor() -> None:
    (record,) = process_text(
        MINUTES + "সভায় নিম্নোক্ত সিদ্ধান্তসমূহ গৃহীত হয়:\n\n"
        "ক্রম\tসিদ্ধান্ত\tবাস্তবায়নকারী\n"
        "৩\t৩.১ বরাদ্দকৃত ভিজিএফ চাল দুঃস্থদের মাঝে বিতরণ করতে হবে।\tট্যাগ অফিসার\n"
        "\t৩.২ বিতরণের মাস্টাররোল উপজেলা কার্যালয়ে জমা দিতে হবে।\tইউপি সচিব\n"
        "৪\tজন্ম নিবন্ধন শতভাগ নিশ্চিত করতে হবে।\tগ্রাম পুলিশ, উদ্যোক্তা (ডিজিটাল সেন্টার)\n" + SIGNATURE
    )
    assert [(d.ref, d.responsible) for d in record.decisions] == [
        ("৩.১", ["ট্যাগ অফিসার"]),
        ("৩.২", ["ইউপি সচিব"]),
        ("৪", ["গ্রাম পুলিশ", "উদ্যোক্তা (ডিজিটাল সেন্টার)"]),
    ]


def test_an_item_opening_with_its_post_keeps_the_posts_qualifier_and_not_an_adverb_before_it() -> None:
    record = _record(
        "২। জেলা প্রশাসকগণ নিম্নবর্ণিত কার্যক্রম গ্রহণ করবেন:\n"
        "(ক) সকল সহকারী কমিশনার (ভূমি) প্রতি সপ্তাহে দুইটি ইউনিয়ন ভূমি অফিস পরিদর্শন করবেন;\n"
        "(খ) এছাড়া জেলা মৎস্য কর্মকর্তাগণ জলমহালের তালিকা হালনাগাদ করবেন।\n"
    )
    assert [d.responsible for d in record.decisions] == [["সকল সহকারী কমিশনার (ভূমি)"], ["জেলা মৎস্য কর্মকর্তাগণ"]]


def test_offices_an_item_works_with_are_not_its_actor() -> None:
    record = _record(
        "২। টাস্কফোর্স নিম্নবর্ণিত দায়িত্ব পালন করিবে—\n"
        "২.১ জেলা প্রশাসন, পরিবেশ অধিদপ্তরের জেলা কার্যালয় এবং আইন-শৃঙ্খলা রক্ষাকারী বাহিনীর সাথে সমন্বয় করিয়া "
        "অভিযানের অগ্রগতি পর্যবেক্ষণ করিবে;\n"
        "২.২ প্রতি তিন মাস অন্তর অগ্রগতি প্রতিবেদন মন্ত্রণালয়ে দাখিল করিবে।\n"
    )
    assert [d.responsible for d in record.decisions] == [["টাস্কফোর্স"], ["টাস্কফোর্স"]]


def test_an_object_fronted_before_a_post_and_a_clause_before_it_are_not_the_actor() -> None:
    (record,) = process_text(
        MINUTES + "সিদ্ধান্ত:\n"
        "ক. ঝুঁকিপূর্ণ ভবন দুটি পরিত্যক্ত ঘোষণার প্রস্তাব উপজেলা প্রকৌশলী আগামী সভায় উপস্থাপন করবেন।\n"
        "খ. আবেদন প্রাপ্তির পর ইউনিয়ন ভূমি সহকারী কর্মকর্তা সরেজমিন তদন্ত করবেন।\n"
        "গ. সংশ্লিষ্ট উপজেলা নির্বাহী অফিসার তালিকা হালনাগাদ করবেন।\n" + SIGNATURE
    )
    assert [d.responsible for d in record.decisions] == [
        ["উপজেলা প্রকৌশলী"],
        ["ইউনিয়ন ভূমি সহকারী কর্মকর্তা"],
        ["সংশ্লিষ্ট উপজেলা নির্বাহী অফিসার"],
    ]


def test_items_under_a_request_name_their_own_people_after_an_adverbial_or_in_the_sadhu_future() -> None:
    record = _record(
        "২। নিম্নবর্ণিত নির্দেশনা প্রতিপালনের জন্য সকল প্রধান শিক্ষকগণকে অনুরোধ করা হইল:\n"
        "১। খেলোয়াড়দের তালিকা সংশ্লিষ্ট অফিসারের নিকট জমা দিতে হবে।\n"
        "২। প্রতিযোগিতায় অংশগ্রহণকারী শিক্ষার্থীরা নির্ধারিত পোশাকে মাঠে উপস্থিত থাকিবে।\n"
        "৩। শিক্ষার্থীদের যাতায়াতের বিষয়ে অভিভাবকগণ প্রয়োজনীয় সহযোগিতা করিবেন।\n"
        "৪। অনুষ্ঠানস্থলে পর্যাপ্ত পুলিশ মোতায়েন নিশ্চিত করবেন।\n"
    )
    assert [d.responsible for d in record.decisions] == [
        ["সকল প্রধান শিক্ষকগণ"],
        ["প্রতিযোগিতায় অংশগ্রহণকারী শিক্ষার্থীরা"],
        ["অভিভাবকগণ"],
        ["সকল প্রধান শিক্ষকগণ"],  # a post after an adverbial is as often the object
    ]


def test_a_place_in_the_locative_before_a_prohibition_list_is_no_actor() -> None:
    record = _record("২। উক্ত এলাকায় নিম্নবর্ণিত কার্যাবলি নিষিদ্ধ থাকিবে, যথা:—\n(ক) বৃক্ষ কর্তন;\n(খ) পাহাড় কাটা।\n")
    assert [d.responsible for d in record.decisions] == [[], []]


def test_a_day_a_lead_in_sets_for_its_list_is_the_deadline_of_items_stating_none() -> None:
    record = _record(
        "২। নিম্নবর্ণিত নির্দেশনাসমূহ আগামী ৩১ অক্টোবর ২০২৫ তারিখের মধ্যে প্রতিপালনের জন্য সকল জেলা প্রশাসককে অনুরোধ করা হলো:\n"
        "১) অনিষ্পন্ন আবেদনের তালিকা প্রস্তুত করতে হবে;\n"
        "২) প্রতি মাসে অগ্রগতি প্রতিবেদন প্রেরণ করতে হবে।\n"
    )
    assert [(d.deadline.kind, d.deadline.value) if d.deadline else None for d in record.decisions] == [
        ("date", "2025-10-31"),
        ("recurring", "P1M"),  # its own
    ]


# A pdftotext -layout minutes table: its header's first label wraps (ক্রঃ / নং), a responsible cell is
# labelled as its decision cell, posts wrap after a modifier or a determiner, and a row goes on after a
# page break with its leading cells empty.
LAYOUT_TABLE = (
    "ক্রঃ    আলোচ্য বিষয়   আলোচনা                          সিদ্ধান্ত                     বাস্তবায়নে\n"
    "নং\n\n"
    "২।      আইন-শৃঙ্খলা    অফিসার ইনচার্জ, রাজৈর থানা      (ক) উপজেলার সকল ইউনিয়নে      (ক) অফিসার ইনচার্জ,\n"
    "                       জানান যে, নভেম্বর মাসে          মাদকবিরোধী অভিযান জোরদার      রাজৈর থানা\n"
    "                       উপজেলায় মাদক সংক্রান্ত ৯টি     করতে হবে।                     (খ) সহকারী কমিশনার\n"
    "                       মামলা রুজু হয়েছে।              (খ) শিক্ষা প্রতিষ্ঠানের       (ভূমি) ও অফিসার\n"
    "                                                       সামনে মোবাইল কোর্ট            ইনচার্জ, রাজৈর থানা\n"
    "                                                       পরিচালনা করতে হবে।\n\n"
    "৬।      ভূমি           সহকারী কমিশনার (ভূমি) জানান,    ভূমি উন্নয়ন কর আদায়ের       সহকারী কমিশনার\n"
    "                       ভূমি উন্নয়ন কর আদায়ের হার     অগ্রগতি প্রতি মাসে সমন্বয়    (ভূমি), সকল ইউনিয়ন\n"
    "                       সন্তোষজনক নয়।                 সভায় উপস্থাপন করতে হবে।      ভূমি উপ-সহকারী\n"
    "                                                                                     কর্মকর্তা\n\n"
    "৪।      স্বাস্থ্য      উপজেলা স্বাস্থ্য ও পরিবার       ডেঙ্গু প্রতিরোধে লার্ভা       উপজেলা স্বাস্থ্য ও\n"
    "                       পরিকল্পনা কর্মকর্তা জানান,      ধ্বংস কার্যক্রম গ্রহণ         পরিবার পরিকল্পনা\n"
    "                       ডেঙ্গু আক্রান্ত বেড়েছে।         করতে হবে এবং হাসপাতালে       কর্মকর্তা/ প্রশাসক,\n\n"
    "\f                                               -২-\n\n"
    "                       পৌর এলাকায় প্রকোপ বেশি।        ডেঙ্গু কর্নার চালু রাখতে      রাজৈর পৌরসভা/ সকল\n"
    "                                                       হবে।                          ইউপি চেয়ারম্যান\n"
)


def _layout_decisions() -> dict[str, list[str]]:
    (record,) = process_text(HEADER.replace("কম্বল বিতরণ।", "উপজেলা মাসিক সমন্বয় সভার কার্যবিবরণী।") + LAYOUT_TABLE)
    return {str(d.ref): d.responsible for d in record.decisions}


def test_a_wrapped_table_header_makes_its_paragraph_a_table_and_labelled_responsible_cells_go_by_label() -> None:
    found = _layout_decisions()
    assert found["২(ক)"] == ["অফিসার ইনচার্জ, রাজৈর থানা"]
    assert found["২(খ)"] == ["সহকারী কমিশনার (ভূমি)", "অফিসার ইনচার্জ, রাজৈর থানা"]


def test_a_post_wrapped_after_a_modifier_or_a_determiner_is_one_post() -> None:
    found = _layout_decisions()
    assert found["৬"] == ["সহকারী কমিশনার (ভূমি)", "সকল ইউনিয়ন ভূমি উপ-সহকারী কর্মকর্তা"]


def test_a_table_row_going_on_after_a_page_break_keeps_its_columns() -> None:
    (record,) = process_text(HEADER.replace("কম্বল বিতরণ।", "উপজেলা মাসিক সমন্বয় সভার কার্যবিবরণী।") + LAYOUT_TABLE)
    (row,) = [d for d in record.decisions if d.ref == "৪"]
    assert row.text.endswith("ডেঙ্গু কর্নার চালু রাখতে হবে।")
    assert row.responsible == [
        "উপজেলা স্বাস্থ্য ও পরিবার পরিকল্পনা কর্মকর্তা",
        "প্রশাসক, রাজৈর পৌরসভা",
        "সকল ইউপি চেয়ারম্যান",
    ]


KHULNA_MINUTES = (
    "২। সড়ক ও জনপথ\n"
    "        আলোচনা: তত্ত্বাবধায়ক প্রকৌশলী, সওজ, খুলনা সার্কেল জানান যে, মহাসড়কের প্রায় ১৮ কিলোমিটার অংশ\n"
    "        ক্ষতিগ্রস্ত হয়েছে।\n"
    "        সিদ্ধান্ত:\n"
    "        ২.১ খুলনা-মোংলা মহাসড়কের ক্ষতিগ্রস্ত অংশের মেরামত কাজ ৩০ এপ্রিল ২০২৫ তারিখের মধ্যে\n"
    "            সমাপ্ত করতে হবে।\n"
    "            বাস্তবায়নে: তত্ত্বাবধায়ক প্রকৌশলী, সওজ, খুলনা সার্কেল ও নির্বাহী প্রকৌশলী,\n"
    "                        সওজ, খুলনা।\n"
    "        ২.২ মহাসড়কের উভয় পার্শ্বের অবৈধ স্থাপনা উচ্ছেদে প্রতি সপ্তাহে যৌথ অভিযান পরিচালনা\n"
    "            করবেন সংশ্লিষ্ট জেলা প্রশাসক ও নির্বাহী প্রকৌশলী, সওজ।\n"
)


def _khulna() -> dict[str, list[str]]:
    (record,) = process_text(MINUTES + KHULNA_MINUTES)
    return {str(d.ref): d.responsible for d in record.decisions}


def test_a_wrapped_implementation_line_names_its_item_and_a_decimal_item_follows_the_one_before() -> None:
    found = _khulna()
    assert list(found) == ["২.১", "২.২"]
    assert found["২.১"] == ["তত্ত্বাবধায়ক প্রকৌশলী, সওজ, খুলনা সার্কেল", "নির্বাহী প্রকৌশলী, সওজ, খুলনা"]


def test_posts_named_after_the_verb_act() -> None:
    assert _khulna()["২.২"] == ["সংশ্লিষ্ট জেলা প্রশাসক", "নির্বাহী প্রকৌশলী, সওজ"]


def test_a_pronoun_subject_stands_for_the_addressee_of_the_sentence_before() -> None:
    record = _record(
        "প্রশাসনিক প্রয়োজনে কর্মচারীগণের দায়িত্ব পুনর্বণ্টনের বিষয়ে নিম্নরূপ আদেশ প্রদান করা হলো:\n\n"
        "১। জনাব মোঃ কামরুল হাসান, প্রশাসনিক কর্মকর্তা, সংস্থাপন শাখা জেলা রেকর্ড রুমের দায়িত্ব পালন করবেন।\n\n"
        "২। জনাবা ফারহানা ইয়াসমিন, সাঁটমুদ্রাক্ষরিক-কাম-কম্পিউটার অপারেটর, সাধারণ শাখাকে এ কার্যালয়ের ই-নথি ডেস্ক "
        "অফিসারের দায়িত্ব প্রদান করা হলো। তিনি প্রতি মাসের ০৫ তারিখের মধ্যে নিষ্পত্তির প্রতিবেদন স্থানীয় সরকার শাখার "
        "উপপরিচালকের মাধ্যমে অতিরিক্ত জেলা প্রশাসক (সার্বিক) বরাবর উপস্থাপন করবেন।\n"
    )
    (second,) = [d for d in record.decisions if d.ref == "২"]
    assert second.responsible == ["জনাবা ফারহানা ইয়াসমিন, সাঁটমুদ্রাক্ষরিক-কাম-কম্পিউটার অপারেটর, সাধারণ শাখা"]


def test_office_posts_of_clerks_and_operators_are_posts() -> None:
    record = _record(
        "২। ফৌজদারি মামলার নথি স্ক্যান করে সার্ভারে সংরক্ষণের অগ্রগতি প্রতিবেদন প্রতি সপ্তাহে দাখিল করতে হবে।\n"
        "দায়িত্ব: সিস্টেম এনালিস্ট ও কম্পিউটার অপারেটর (সকল)।\n"
    )
    assert [d.responsible for d in record.decisions] == [["সিস্টেম এনালিস্ট", "কম্পিউটার অপারেটর (সকল)"]]


def test_an_item_cut_by_a_page_break_goes_on_past_the_pages_furniture() -> None:
    record = _record(
        "নথি ডিজিটাইজেশনের লক্ষ্যে নিম্নরূপ আদেশ প্রদান করা হলো:\n\n"
        "    ১। দেওয়ানী মামলার নথির পূর্ণাঙ্গ তালিকা ৩০ জুন ২০২৫ তারিখের মধ্যে প্রস্তুত করতে হবে।\n"
        "        দায়িত্ব: রেকর্ড কিপার, দেওয়ানী রেকর্ড রুম।\n\n"
        "    ২। বিনষ্টযোগ্য নথির তালিকা যাচাই করে সুস্পষ্ট মতামতসহ প্রতিবেদন ১৫ আষাঢ় ১৪৩২\n\n\n"
        "নথি নং: ১০.০১.৪১০০.০০০.০৫.০০২.২৫                              -১-\n"
        "\f                                            -২-\n"
        "রেকর্ড রুম হালনাগাদকরণ/জুন-২০২৫                                    পৃষ্ঠা: ২\n\n"
        "        বঙ্গাব্দের মধ্যে দাখিল করবেন যুগ্ম জেলা জজ, ১ম আদালত, যশোর।\n\n"
        "    ৩। রেকর্ড রুমে অগ্নিনির্বাপক যন্ত্র স্থাপনের কাজ জরুরি ভিত্তিতে সম্পন্ন করতে হবে।\n"
    )
    assert [d.ref for d in record.decisions] == ["১", "২", "৩"]
    cut = record.decisions[1]
    assert cut.text == (
        "বিনষ্টযোগ্য নথির তালিকা যাচাই করে সুস্পষ্ট মতামতসহ প্রতিবেদন ১৫ আষাঢ় ১৪৩২ বঙ্গাব্দের মধ্যে দাখিল করবেন "
        "যুগ্ম জেলা জজ, ১ম আদালত, যশোর।"
    )
    assert cut.responsible == ["যুগ্ম জেলা জজ, ১ম আদালত, যশোর"]
    assert cut.deadline is not None and cut.deadline.kind == "date"


def test_two_posts_joined_by_o_in_a_subject_each_act_a_post_with_o_inside_stays_whole() -> None:
    record = _record(
        "২। নিজ নিজ ওয়ার্ডের বকেয়া হোল্ডিং ট্যাক্স আদায়ের লক্ষ্যে সকল ইউপি সদস্য ও সংরক্ষিত আসনের মহিলা সদস্যগণ "
        "আগামী ৩০ মার্চ ২০২৪ তারিখের মধ্যে ট্যাক্স আদায় ক্যাম্প পরিচালনা করবেন।\n\n"
        "৩। ডেঙ্গু প্রতিরোধে উপজেলা স্বাস্থ্য ও পরিবার পরিকল্পনা কর্মকর্তা প্রতি সপ্তাহে পরিচ্ছন্নতা অভিযান পরিচালনা করবেন।\n"
    )
    assert [d.responsible for d in record.decisions] == [
        ["সকল ইউপি সদস্য", "সংরক্ষিত আসনের মহিলা সদস্যগণ"],
        ["উপজেলা স্বাস্থ্য ও পরিবার পরিকল্পনা কর্মকর্তা"],
    ]


def test_a_transfer_orders_act_is_a_decision_and_a_wish_for_good_health_is_not() -> None:
    record = _record(
        "প্রশাসনিক প্রয়োজনে রাজস্ব শাখায় কর্মরত জনাব মোঃ আনোয়ার হোসেন, অফিস সহকারী-কে উপজেলা ভূমি অফিস, "
        "রাজারহাট-এ বদলি করা হলো।\n\nআপনার সুস্বাস্থ্য কামনা করছি।\n"
    )
    (act,) = record.decisions
    assert act.text.endswith("রাজারহাট-এ বদলি করা হলো।") and act.responsible == []


def test_a_time_phrase_before_a_subject_is_not_the_actor() -> None:
    record = _record("২। প্রতিযোগিতার দিন প্রধান শিক্ষকগণ প্রতিযোগী শিক্ষার্থীদের সঙ্গে নিয়ে যথাসময়ে মাঠে উপস্থিত থাকবেন।\n")
    assert [d.responsible for d in record.decisions] == [["প্রধান শিক্ষকগণ"]]


def test_an_item_naming_its_actor_after_the_verb_is_not_the_lead_ins() -> None:
    record = _record(
        "২। শীতবস্ত্র বিতরণের লক্ষ্যে নিম্নবর্ণিত ব্যবস্থা গ্রহণের জন্য উপজেলা নির্বাহী অফিসারগণকে অনুরোধ করা হলো:\n"
        "ক) প্রকৃত দুস্থদের তালিকা প্রণয়ন করে বিতরণ সম্পন্ন করবেন;\n"
        "খ) বিতরণের সময় গণমাধ্যমকর্মীদের উপস্থিতি নিশ্চিত করবেন সংশ্লিষ্ট উপজেলা প্রকল্প বাস্তবায়ন কর্মকর্তা।\n"
    )
    assert [d.responsible for d in record.decisions] == [
        ["উপজেলা নির্বাহী অফিসারগণ"],
        ["সংশ্লিষ্ট উপজেলা প্রকল্প বাস্তবায়ন কর্মকর্তা"],
    ]


def test_a_letter_to_one_office_means_its_addressee_by_the_second_person() -> None:
    (record,) = process_text(
        "রাজশাহী সিটি কর্পোরেশন\n\nস্মারক নং- ৪৬.৭৯.৮১০০.০০৮.১৮.০৩৩.২৫-১৪৪৬\t\tতারিখ: ১১ জুলাই ২০২৫\n\n"
        "প্রাপক:\n      আঞ্চলিক নির্বাহী কর্মকর্তা\n      অঞ্চল-৩, রাজশাহী সিটি কর্পোরেশন\n\n"
        "বিষয়: ড্রেন পরিষ্কার কার্যক্রমের প্রতিবেদন প্রেরণ।\n\n"
        "এমতাবস্থায়, চাহিত প্রতিবেদন জরুরি ভিত্তিতে এ দপ্তরে প্রেরণের জন্য আপনাকে পুনরায় অনুরোধ করা হলো।\n\n"
        "২। জলাবদ্ধতা নিরসনে নিম্নবর্ণিত ব্যবস্থা গ্রহণের জন্য আপনাকে নির্দেশ দেওয়া হলো:\n"
        "ক) সকল ড্রেন ও কালভার্ট ৭ কর্মদিবসের মধ্যে পরিষ্কার করতে হবে;\n"
        "খ) সংশ্লিষ্ট ওয়ার্ড কার্যালয়ের সচিবগণ এ কাজে আপনাকে সার্বিক সহযোগিতা করবেন।\n" + SIGNATURE
    )
    assert [d.responsible for d in record.decisions] == [
        ["আঞ্চলিক নির্বাহী কর্মকর্তা"],
        ["আঞ্চলিক নির্বাহী কর্মকর্তা"],
        ["সংশ্লিষ্ট ওয়ার্ড কার্যালয়ের সচিবগণ"],
    ]


def test_an_order_handing_a_duty_names_whom_and_in_light_of_is_no_addressee() -> None:
    record = _record(
        "বাংলাদেশ সুপ্রীম কোর্টের সংশ্লিষ্ট সার্কুলারের আলোকে নিম্নরূপ আদেশ প্রদান করা হলো:\n\n"
        "১। রেকর্ড রুমের নথির তালিকা ৩০ জুন ২০২৫ তারিখের মধ্যে প্রস্তুত করতে হবে।\n\n"
        "২। সম্পূর্ণ কার্যক্রমের সার্বিক তত্ত্বাবধানের দায়িত্ব অতিরিক্ত জেলা ও দায়রা জজ, ২য় আদালত, যশোরকে "
        "প্রদান করা হলো।\n"
    )
    assert [d.responsible for d in record.decisions] == [[], ["অতিরিক্ত জেলা ও দায়রা জজ, ২য় আদালত, যশোর"]]


def test_a_wrapped_line_opening_with_a_memo_number_is_no_list_item_and_a_longer_wish_is_a_courtesy() -> None:
    record = _record(
        "  ৩। এ বিষয়ে ইতঃপূর্বে জারিকৃত কৃষি মন্ত্রণালয়ের ০৫/০৩/২০২৩ তারিখের\n"
        "  ১২.০০.০০০০.০৭২.২২.০১৫.২২-১১৩ নম্বর প্রজ্ঞাপন এতদ্বারা রহিত করা হইল।\n\n"
        "০৪। প্রাথমিক শিক্ষার মানোন্নয়নে আপনার সার্বিক সহযোগিতা ও আন্তরিক প্রচেষ্টা কামনা করছি।\n"
    )
    (act,) = record.decisions
    assert act.ref == "৩" and act.text.startswith("এ বিষয়ে ইতঃপূর্বে জারিকৃত")


def test_whom_the_discussion_cell_says_the_chair_told_acts_where_the_row_names_no_one() -> None:
    (record,) = process_text(
        MINUTES + "ক্রম\tআলোচ্য বিষয়\tআলোচনা\tসিদ্ধান্ত\n"
        "৩\tবোরো মৌসুমে সেচ\tউপজেলা কৃষি অফিসার জানান যে, বিকল নলকূপের কারণে সেচ সংকট দেখা দিয়েছে। সভাপতি বিকল "
        "সেচযন্ত্র মেরামতের জন্য বিএডিসি (সেচ)-এর সহকারী প্রকৌশলীকে প্রয়োজনীয় ব্যবস্থা গ্রহণ করতে বলেন।\t"
        "বিকল গভীর নলকূপ ও সেচ পাম্পসমূহ জরুরি ভিত্তিতে মেরামত করতে হবে।\n"
        "৪\tবিবিধ\tউপজেলা কৃষি অফিসার জানান যে, সার সরবরাহ স্বাভাবিক রয়েছে।\t"
        "সার বিতরণ কার্যক্রম নিয়মিত তদারকি করতে হবে।\n"
    )
    assert [d.responsible for d in record.decisions] == [["বিএডিসি (সেচ)-এর সহকারী প্রকৌশলী"], []]


def test_a_purpose_clause_ending_in_sejanya_is_no_part_of_the_actor() -> None:
    record = _record(
        "০২। ছুটিকালীন সময়ে তাঁর শ্রেণি কার্যক্রম বিঘ্নিত না হয় সেজন্য প্রধান শিক্ষক বিদ্যালয়ের অন্য শিক্ষকদের "
        "মধ্যে ক্লাস রুটিন পুনর্বিন্যাস করবেন।\n"
    )
    assert [d.responsible for d in record.decisions] == [["প্রধান শিক্ষক"]]


def test_a_genitive_after_a_vowel_sign_before_a_determiner_stays_with_the_actor() -> None:
    record = _record("২। উক্ত সভায় যথাসময়ে উপস্থিত থাকার জন্য কমিটির সকল সদস্যকে অনুরোধ করা হলো।\n")
    assert [d.responsible for d in record.decisions] == [["কমিটির সকল সদস্য"]]
