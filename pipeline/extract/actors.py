"""Who must act on a decision: the office or post that acts, without case endings, labels or bullets.

Cues, in the order `pipeline.extract.decisions` tries them: the addressees marked with -কে (…উপজেলা নির্বাহী
অফিসারকে … অনুরোধ করা হলো), the agent opening a decision (…কর্মকর্তা কর্তৃক যাচাই), the post before a duty
verb (…কমিটি … তদারকি করবে), the plural genitive before a request's purpose (…প্রতিনিধিদের উপস্থিত থাকার
জন্য অনুরোধ); the readers a notice opens with stand in for a request that names no one. A phrase that
does not read as an actor (a verb in it, a half-cut clause) is dropped: no actor is better than a
fragment.
"""

from __future__ import annotations

from functools import cache

import regex

from pipeline.extract.lexicon import Lexicon
from pipeline.extract.patterns import alternation, data, nfc, pattern, strings, words
from pipeline.extract.segment import ITEM_MARKER

MAX_PHRASE_WORDS = 20  # a list of actors may be long; each of them is checked
MAX_ACTOR_WORDS = 12
BRACKET_TOKENS = 4  # words inside a bracket that qualifies a post or names an office short
MAX_TOKENS_TO_PURPOSE = 4  # …প্রতিনিধিদের উপস্থিত থাকার জন্য: the actor stands a few words before জন্য
_LOCATIVE = "\u09c7"  # a word ending in -e (অনুষ্ঠানে, নির্ণয়ে, করে) closes the phrase before an actor
_EDGE = " \t,;:ঃ-–।"
_WORD = regex.compile(r"[\p{L}\p{M}]+")
_TAIL = regex.compile(r"(?:\s*\([^()]*\))*(?:,.*)?$")  # a post's brackets, its station after a comma
_ACCUSATIVE = regex.compile(r"-?কে$")
_PLURAL_ENDING = regex.compile(r"(?<=\S{2})(?:দেরকে|দের)$|(?<=গণ|বৃন্দ)ের$")
# What joins two actors: a conjunction between blanks, a slash with or without them.
_CONJUNCTIONS = ("এবং", "ও")  # the order posts are split in: a pair joined by ও may sit in a list joined by এবং
_JOINTS = {joint: regex.compile(rf"\s+{joint}\s+") for joint in _CONJUNCTIONS} | {"/": regex.compile(r"\s*/\s*")}
_CONJUNCTION = regex.compile(rf"\s+(?:{'|'.join(_CONJUNCTIONS)})\s+")
# Where one cell lists several who act: semicolons, or inline numbers (১। পুলিশ সুপার ২। উপপরিচালক …).
_INLINE_LABEL = regex.compile(r";|(?:^|(?<=\s))\(?[0-9০-৯]{1,2}[।.)]\)?(?=\s)")


def addressees(sentence: str, lex: Lexicon, *, directive: bool) -> list[str]:
    """Who a sentence asks to act, by its -কে addressees (সকল ব্যবসায়ীকে … এবং বাড়ীর মালিকগণকে): a post,
    an office or সকল; in a directive also a plural of people (মিল মালিকগণকে, ইউপি সদস্যদেরকে). A thing
    in the locative (নির্ধারিত ছকে) is none."""
    tokens = lex.tokens(sentence)
    offsets = token_offsets(sentence, tokens)
    actors: list[str] = []
    for i in range(len(tokens)):
        marked = _marked(tokens, offsets, i, lex)
        if marked is None:
            continue
        last, head_end = marked
        if i + 1 < len(tokens) and tokens[i + 1] in _words("receiver_words"):
            continue  # এ বিভাগকে অবহিত করা: who is told, not who acts
        # After one addressee, এবং opens a parallel clause (সকল ব্যবসায়ীকে ফি এবং বাড়ীর মালিকগণকে কর)
        stops = _words("clause_conjunctions") if actors else frozenset[str]()
        phrase = strip_case(sentence[offsets[phrase_start(tokens, last, lex, stops, joined=True)] : head_end])
        found = _WORD.findall(phrase)
        known = bool(found) and (
            lex.labels(found[-1]) or _words("determiners") & set(found) or headed_by_post(phrase, lex)
        )
        head = sentence[offsets[last] : head_end]
        people = directive and (_regex("plural_ending").search(head) or _regex("role_ending").search(head))
        if phrase and (known or people) and not _possessive().match(phrase):
            actors += [who for who in split_list(phrase, lex) if who not in actors]
    return actors


def _marked(tokens: list[str], offsets: list[int], i: int, lex: Lexicon) -> tuple[int, int] | None:
    """(last token of the phrase, end of its head) when token i is the accusative -কে of a phrase (not of
    a thing with its article, প্রতিবেদনটিকে; কমিটিকে is a committee's)."""
    token = tokens[i]
    if token == "কে" and i > 1 and tokens[i - 1] == "-":
        return i - 2, offsets[i - 1]
    if token == "কে" and i > 0 and _WORD.match(tokens[i - 1]):
        return i - 1, offsets[i - 1] + len(tokens[i - 1])  # সদস্যদের কে: the ending written apart
    if (
        token.endswith("কে")
        and token not in _words("pronouns")
        and len(token) > 2
        and not (_regex("definite_ending").search(token[:-2]) and not lex.labels(token[:-2]))
    ):
        return i, offsets[i] + len(token) - 2
    return None


def purpose_actor(sentence: str, lex: Lexicon) -> list[str]:
    """The plural genitive a request's purpose clause or attendance opens with: …গ্রামপুলিশ ও …
    প্রতিনিধিদের উপস্থিত থাকার জন্য … অনুরোধ করা হলো, …সভাপতিগণের উপস্থিতি … কাম্য → who must attend."""
    tokens = lex.tokens(sentence)
    offsets = token_offsets(sentence, tokens)
    for i, token in enumerate(tokens):
        asked = token in _words("attendance_words") and _words("attendance_asked") & set(tokens[i + 1 : i + 3])
        if token not in _words("purpose_words") and not asked:
            continue
        for j in range(i - 1, max(-1, i - 1 - MAX_TOKENS_TO_PURPOSE), -1):
            if _regex("plural_genitive_ending").search(tokens[j]) and not _possessive().match(tokens[j]):
                phrase = strip_case(sentence[offsets[phrase_start(tokens, j, lex)] : offsets[j] + len(tokens[j])])
                return split_list(phrase, lex) if phrase else []
    return []


def agent(sentence: str, lex: Lexicon) -> list[str]:
    """The post or office that opens a decision, or a clause after a verb, as the agent of its act (উপজেলা
    মৎস্য কর্মকর্তা কর্তৃক তালিকা যাচাই …; … অনুরোধ জানিয়ে তত্ত্বাবধায়ক কর্তৃক … প্রেরণ করা হবে); one
    further in only describes a thing (…এটুআই প্রোগ্রাম কর্তৃক আয়োজিত কর্মশালা)."""
    tokens = lex.tokens(sentence)
    marker = nfc(str(data("decisions")["agent_marker"]))
    if marker not in tokens:
        return []
    i = tokens.index(marker)
    if i == 0 or not lex.labels(tokens[i - 1]):
        return []
    start = phrase_start(tokens, i - 1, lex)
    if start != 0 and not (_regex("verb_token").search(tokens[start - 1]) and _acts(tokens[i + 1 : i + 2])):
        return []
    offsets = token_offsets(sentence, tokens)
    phrase = strip_case(sentence[offsets[start] : offsets[i - 1] + len(tokens[i - 1])])
    return [phrase] if phrase and actor_like(phrase) else []


def _acts(following: list[str]) -> bool:
    """Whether the word after কর্তৃক leaves it the agent of the sentence's act, not of a participle that
    describes a thing (…কর্তৃক আয়োজিত কর্মশালা)."""
    return not following or not _regex("participle").search(following[0])


def actor_after_verb(sentence: str, lex: Lexicon) -> list[str]:
    """Who acts when named after the duty verb, closing the sentence (…যৌথ অভিযান পরিচালনা করবেন সংশ্লিষ্ট
    জেলা প্রশাসক ও নির্বাহী প্রকৌশলী, সওজ।): every one of them a post."""
    for verb in pattern("decisions", "duty").finditer(sentence):
        tail = sentence[verb.end() :].split("।")[0].strip(_EDGE)
        posts = split_people(tail, lex) if actor_like(tail) else []
        if posts and all(headed_by_post(post, lex) for post in posts):
            return posts
    return []


def subject_of(sentence: str, lex: Lexicon) -> list[str]:
    """Who a duty sentence (…করবেন, …দিবেন) names as acting: the post or office nearest before the
    verb, with the words that open its noun phrase (সংশ্লিষ্ট ওয়ার্ডের ইউপি সদস্যগণ)."""
    verb = pattern("decisions", "duty").search(sentence)
    if not verb:
        return []
    own = sentence.rfind("।", 0, verb.start()) + 1  # the verb's own sentence: an earlier one's posts are not its
    clause = sentence[own:]
    tokens = lex.tokens(clause[: verb.start() - own])
    # The honorific verb (…করবেন) has a person for its subject, so a post before it outranks an office
    # or committee that is its object (দপ্তরের প্রধান … শুদ্ধাচার কমিটি গঠন করবেন).
    kinds = ("DESIGNATION",) if verb.group().endswith("েন") else ()
    heads = _heads(tokens, lex, kinds) or _heads(tokens, lex, ("DESIGNATION", "OFFICE"))
    if not heads:
        return []
    offsets = token_offsets(clause, tokens)
    end = _station_end(tokens, offsets, heads[0], lex)
    phrase = clause[offsets[phrase_start(tokens, heads[0], lex)] : end].strip(_EDGE)
    return _split_joined([phrase], lex) if actor_like(phrase) else []


def _station_end(tokens: list[str], offsets: list[int], head: int, lex: Lexicon) -> int:
    """Where a subject post ends with its office and station after commas (সিনিয়র উপজেলা মৎস্য কর্মকর্তা,
    বেলকুচি, সিরাজগঞ্জ তাঁর …; পরিচালক, পরিবেশ অধিদপ্তর, ঢাকা বিভাগীয় কার্যালয় উক্ত …): over each comma piece
    that names no post; the last, which runs on into the sentence, up to an office word in its first words,
    else its first word, a place name."""
    end = _head_end(tokens, offsets, head)
    close = _closing(tokens, head + 1)
    i = head + 1 if close is None else close + 1
    while i + 1 < len(tokens) and tokens[i] == "," and "DESIGNATION" not in lex.labels(tokens[i + 1]):
        comma = next((j for j in range(i + 1, len(tokens)) if tokens[j] == ","), None)
        if comma is not None and not any(_regex("verb_token").search(tokens[j]) for j in range(i + 1, comma)):
            if headed_by_post(" ".join(tokens[i + 1 : comma]), lex):
                break
            end, i = offsets[comma - 1] + len(tokens[comma - 1]), comma
            continue
        first_words = range(i + 1, min(len(tokens), i + 1 + MAX_TOKENS_TO_PURPOSE))
        office = next((j for j in first_words if "OFFICE" in lex.labels(tokens[j])), None)
        if office is not None:
            return offsets[office] + len(tokens[office])
        return offsets[i + 1] + len(tokens[i + 1]) if not lex.labels(tokens[i + 1]) else end
    return end


def opening_actor(sentence: str, lex: Lexicon) -> list[str]:
    """The post or office a duty sentence opens with as its subject (কমিটি প্রতি তিন মাসে … মিলিত হইবে;
    জেলা প্রশাসক … প্রেরণ করিবেন): the first head within its first words, with its noun phrase, when it
    stands in no case but the nominative (not কমিটির, not শাখায়, not … কর্তৃক)."""
    verb = pattern("decisions", "duty").search(sentence)
    if not verb:
        return []
    opening = strip_case(sentence[: verb.start()])
    tokens = lex.tokens(opening)
    marker = nfc(str(data("decisions")["agent_marker"]))
    for i, token in enumerate(tokens[:MAX_ACTOR_WORDS]):
        if not lex.labels(token) & {"DESIGNATION", "OFFICE"}:
            continue
        if _genitive_at(tokens, i, lex) or _in_company(tokens, i):
            continue  # it qualifies a head further on (পাকশী বিভাগের আওতাধীন সকল স্টেশন মাস্টার), or keeps company
        if token.endswith(_LOCATIVE) or tokens[i + 1 : i + 2] == [marker]:
            return []
        offsets = token_offsets(opening, tokens)
        phrase = opening[offsets[phrase_start(tokens, i, lex)] : _head_end(tokens, offsets, i)]
        return [phrase] if actor_like(phrase) else []
    return []


def _opens(tokens: list[str], start: int, *, people: bool) -> bool:
    """Whether a phrase at `start` opens its clause: nothing but a sentence adverb before it (এছাড়া), or,
    for people in the plural, an adverbial that ends in a locative or a postposition (…নিরাপত্তার বিষয়ে
    অভিভাবকগণ …; a post there is as often the object: …অনুষ্ঠানস্থলে পর্যাপ্ত পুলিশ মোতায়েন …)."""
    if all(t in _words("clause_breaks") or not _WORD.match(t) for t in tokens[:start]):
        return True
    before = tokens[start - 1]
    return people and ((before.endswith(_LOCATIVE) and len(before) > 1) or before in _words("adverbial_ends"))


def _head_end(tokens: list[str], offsets: list[int], head: int) -> int:
    """Where a post ends: after its own qualifier in brackets (সহকারী কমিশনার (ভূমি)), else after its head."""
    close = _closing(tokens, head + 1)
    return offsets[close] + 1 if close is not None else offsets[head] + len(tokens[head])


def item_subject(sentence: str, lex: Lexicon) -> list[str]:
    """The actor a list item opens with as the subject of its own finite verb (সহকারী উপজেলা শিক্ষা
    অফিসারগণ … সম্পন্ন করবেন; প্রতিযোগিতায় অংশগ্রহণকারী শিক্ষার্থীরা … উপস্থিত থাকিবে): a post, an office or
    people in the plural, whose noun phrase opens the item's clause (see `_opens`).
    None for an impersonal duty."""
    verb = pattern("decisions", "duty").search(sentence)
    if not verb or _regex("impersonal").search(sentence):
        return []
    tokens = lex.tokens(sentence[: verb.start()])
    for i, token in enumerate(tokens[:MAX_ACTOR_WORDS]):
        people = _regex("people_plural").search(token) and token not in _words("plural_pronouns")
        if not (lex.labels(token) & {"DESIGNATION", "OFFICE"} or people):
            continue
        if _genitive_at(tokens, i, lex) or _in_company(tokens, i):
            continue  # it qualifies a head further on, or keeps the actor company (… বাহিনীর সাথে সমন্বয় করিয়া)
        # the object of a verb that does not end the sentence (… ড্যাশবোর্ড ব্যবহার করে …) is no subject
        verbal = any(_regex("verb_token").search(t) for t in tokens[i + 1 : i + 3])
        start = phrase_start(tokens, i, lex)
        if not _opens(tokens, start, people=bool(people)) or token.endswith(_LOCATIVE) or verbal:
            return []
        offsets = token_offsets(sentence, tokens)
        phrase = sentence[offsets[start] : _head_end(tokens, offsets, i)].strip(_EDGE)
        return [phrase] if actor_like(phrase) else []
    return []


def _heads(tokens: list[str], lex: Lexicon, kinds: tuple[str, ...]) -> list[int]:
    """Indexes of the tokens that are a post or an office of the given kinds, not in the genitive, not in
    company and not whom something is sent to, nearest the verb first."""
    found = []
    for i in range(len(tokens) - 1, -1, -1):
        labels = lex.labels(tokens[i])
        if (
            ("DESIGNATION" in kinds and "DESIGNATION" in labels) or ("OFFICE" in kinds and "OFFICE" in labels)
        ) and not (_genitive_at(tokens, i, lex) or _in_company(tokens, i) or _addressed_to(tokens, i)):
            found.append(i)
    return found


def _addressed_to(tokens: list[str], i: int) -> bool:
    """Whether token i, with the station after it, is whom something is sent to (…মহাপরিচালক, স্বাস্থ্য
    অধিদপ্তর বরাবর … দাখিল করবে): বরাবর within a few words, no verb between."""
    for token in tokens[i + 1 : i + MAX_TOKENS_TO_PURPOSE + 2]:
        if token in _words("recipient_marks"):
            return True
        if _regex("verb_token").search(token):
            return False
    return False


def _in_company(tokens: list[str], i: int) -> bool:
    """Whether token i is joined by a conjunction to a phrase of company (… চেয়ারম্যান ও ওয়ার্ড সদস্যের
    সাথে): a comitative within a few words, behind a genitive, with no verb between."""
    if i + 1 >= len(tokens) or tokens[i + 1] not in _words("conjunctions"):
        return False
    for j in range(i + 2, min(len(tokens), i + MAX_ACTOR_WORDS)):
        if _regex("verb_token").search(tokens[j]):
            return False
        if tokens[j] in _words("comitatives"):  # which always takes a genitive: any -র before it is one
            return bool(_regex("genitive_ending").search(tokens[j - 1]))
    return False


def _genitive_at(tokens: list[str], i: int, lex: Lexicon) -> bool:
    """Whether the word at i is in the genitive: by its own ending, by that of the slash compound it opens
    (দপ্তর/সংস্থার), or by an এর written apart after it, its station or its short name (কর্মকর্তা, কাজিপুর এর;
    কর্তৃপক্ষ (স্রেডা) এর)."""
    while i + 2 < len(tokens) and tokens[i + 1] == "/":
        i += 2
    if _genitive(tokens[i], lex):
        return True
    after = i + 1
    if tokens[after : after + 1] == [","] and after + 1 < len(tokens) and not lex.labels(tokens[after + 1]):
        after += 2  # its station: উপজেলা মৎস্য কর্মকর্তা, কাজিপুর এর
    if tokens[after : after + 1] == ["("]:
        close = _closing(tokens, after)
        if close is None:
            return False
        after = close + 1
    if tokens[after : after + 1] == ["-"]:
        after += 1
    return tokens[after : after + 1] == ["এর"]


def _genitive(token: str, lex: Lexicon) -> bool:
    """Whether an office word is in the genitive (কমিটির সভা): its ending, where what stands before a
    bare -র is itself the word (অধিদপ্তর ends in র but is no genitive)."""
    if not _regex("genitive_ending").search(token):
        return False
    return not token.endswith("র") or token.endswith(("ের", "দের")) or bool(lex.labels(token[:-1]))


def audience(text: str, lex: Lexicon) -> list[str]:
    """The readers a notice opens with (এতদ্বারা অত্র ইউনিয়নের কৃষকদের অবগতির জন্য জানানো যাচ্ছে যে …)."""
    match = pattern("decisions", "audience").search(text)
    if not match:
        return []
    who = match.group("who")
    tokens = lex.tokens(who)
    if not tokens:
        return []
    offsets = token_offsets(who, tokens)
    phrase = strip_case(who[offsets[phrase_start(tokens, len(tokens) - 1, lex)] :])
    return [phrase] if phrase and actor_like(phrase) else []


def phrase_start(
    tokens: list[str], last: int, lex: Lexicon, stops: frozenset[str] = frozenset(), *, joined: bool = False
) -> int:
    """Walk back from a head token to the start of its noun phrase: a clause word (জন্য, তাই), a verb,
    a locative (…অনুষ্ঠানে) or a danda ends it; commas are crossed, for a list of actors. Past a
    determiner (সকল, সংশ্লিষ্ট) only its modifiers follow: genitives with their nouns, demonstratives and
    participles (অত্র ইউনিয়নের বসবাসরত সকল জনসাধারন), not the object before it (তালিকা সংশ্লিষ্ট …);
    `joined`: also a post joined by a conjunction (উপজেলা নির্বাহী অফিসার (সকল) ও জেলা পর্যায়ের সকল …)."""
    first = last
    determined = False
    while first > 0 and sum(1 for t in tokens[first : last + 1] if _WORD.match(t)) < MAX_PHRASE_WORDS:
        previous = tokens[first - 1]
        if previous in _words("clause_breaks") or previous in stops or previous in {"।", ";", ":", "ঃ"}:
            break
        if determined and joined and previous in _words("conjunctions") and _post_ends(tokens, first - 2, lex):
            first -= 1
            determined = False
            continue
        if previous.endswith("তে"):
            break
        # a locative closes the phrase, unless a participle takes it (উপজেলা পর্যায়ে কর্মরত সকল কর্মকর্তা)
        locative = previous.endswith(_LOCATIVE) and len(previous) > 1
        if _regex("verb_token").search(previous) or (locative and not _regex("participle").search(tokens[first])):
            break
        genitive = _regex("modifier").search(previous) or (
            previous.endswith("র") and previous[:-1] in _words("unit_stems")
        )
        if determined and not (genitive or _regex("genitive_ending").search(tokens[first])):
            break
        if _fronted_object(tokens, first, lex):
            break
        first -= 1
        # (সকল) and ", সকল" qualify the post before them and open no phrase
        postposed = tokens[first - 1 : first] in (["("], [","])
        determined = determined or (tokens[first] in _words("determiners") and not postposed)
    while first < last and tokens[first] in {",", "-", ")"}:
        first += 1
    return first


def _fronted_object(tokens: list[str], first: int, lex: Lexicon) -> bool:
    """Whether the words before a post that opens with its unit (উপজেলা, ইউনিয়ন …) are an object fronted
    before it, a noun under a genitive (…ঘোষণার প্রস্তাব উপজেলা প্রকৌশলী; …তৈরির কাজ উপজেলা কৃষি অফিসার),
    not words of the post (সংশ্লিষ্ট উপজেলা …, রাজশাহী জেলা …)."""
    if first < 2 or tokens[first] not in _words("unit_stems"):
        return False
    noun, before = tokens[first - 1], tokens[first - 2]
    if lex.labels(noun) or noun in _words("determiners") | _words("conjunctions"):
        return False
    plain = _WORD.fullmatch(noun) is not None and not _regex("modifier").search(noun)
    # a post or an office may end in -র too (অফিসার, অধিদপ্তর): a genitive here is a word of neither
    return plain and bool(_regex("genitive_ending").search(before)) and not lex.labels(before)


def _closing(tokens: list[str], opening: int) -> int | None:
    """The index of the bracket that closes the one at `opening`, within BRACKET_TOKENS words (a post's
    qualifier, an office's short name: (ভূমি), (স্রেডা), (সকল উপজেলা/সার্কেল)); None without one."""
    if tokens[opening : opening + 1] != ["("]:
        return None
    reach = range(opening + 1, min(len(tokens), opening + BRACKET_TOKENS + 2))
    return next((j for j in reach if tokens[j] == ")"), None)


def _post_ends(tokens: list[str], index: int, lex: Lexicon) -> bool:
    """Whether a post ends at token `index`: a designation, or the bracket after one (অফিসার (সকল))."""
    if index < 0:
        return False
    if tokens[index] == ")":
        opening = next((i for i in range(index - 1, -1, -1) if tokens[i] == "("), None)
        return opening is not None and opening > 0 and lex.has_designation(tokens[opening - 1])
    return lex.has_designation(tokens[index])


def strip_case(phrase: str) -> str:
    """An actor without its label, bullet, edge punctuation and case ending: মিল মালিকগণকে → মিল মালিকগণ,
    ইউপি সদস্যদেরকে → ইউপি সদস্য, (ক) সচিব → সচিব."""
    phrase = " ".join(phrase.split())
    marker = ITEM_MARKER.match(phrase)
    phrase = phrase[marker.end() :] if marker else phrase
    phrase = phrase.strip(_EDGE)
    phrase = _PLURAL_ENDING.sub("", _ACCUSATIVE.sub("", phrase).rstrip(_EDGE)).strip(_EDGE)
    if phrase.endswith(")") and phrase.count(")") > phrase.count("("):
        phrase = phrase[:-1].rstrip(_EDGE)  # the bracket closing a (দায়িত্ব: …) label
    return phrase + ")" * (phrase.count("(") - phrase.count(")"))  # a label's bracket took the post's


def actor_like(phrase: str) -> bool:
    """Whether a phrase reads as who acts: a few words, no verb, no sentence end, not a half-cut clause."""
    words = phrase.split()
    if not words or len(words) > MAX_ACTOR_WORDS or "।" in phrase:
        return False
    if {words[0], words[-1]} & _words("conjunctions"):
        return False
    return not any(_regex("verb_token").search(w) for w in words)


def split_list(phrase: str, lex: Lexicon) -> list[str]:
    """Actors listed with এবং or commas (সকল ইউপি সদস্য, গ্রামপুলিশ, …); a single word after a comma is the
    post's station or scope, not an actor (উপজেলা নির্বাহী অফিসার (সকল), গাইবান্ধা; জেলা প্রশাসক, সকল).
    Each must read as an actor, or the list names none."""
    actors = [who for part in _split_posts(phrase, "এবং", lex) for who in _split_commas(part, lex)]
    return actors if all(actor_like(who) for who in actors) else []


def _split_commas(phrase: str, lex: Lexicon) -> list[str]:
    """An addressee list's comma pieces, each an actor though it names no post (সকল এলএসপি, এআই
    টেকনিশিয়ান ও …), unless the last is the station of the post before it or the list qualifies a genitive;
    a cell or label's list goes by posts instead (`_comma_posts`, through `split_people`)."""
    pieces = [p.strip(_EDGE) for p in phrase.split(",") if p.strip(_EDGE)]
    if len(pieces) < 2 or _station(pieces[-1], lex, pieces[-2]) or _modifier_list(pieces, lex):
        return split_people(phrase, lex)
    return [who for piece in pieces for who in split_people(piece, lex)]


def _modifier_list(pieces: list[str], lex: Lexicon) -> bool:
    """Whether comma pieces list what a genitive in the last one ends (সকল মাধ্যমিক বিদ্যালয়, মাদ্রাসা ও
    কলেজের প্রতিষ্ঠান প্রধানগণ): the first names no post, the last qualifies its post by a genitive."""
    last = pieces[-1].split()[:-1]
    return not headed_by_post(pieces[0], lex) and any(_regex("genitive_ending").search(word) for word in last)


def _station(piece: str, lex: Lexicon, before: str) -> bool:
    """A comma tail that places or scopes the post before it: a place name (গাইবান্ধা), সকল (জামালপুর জেলা),
    or after a post, words that name no post and no people (অফিসার-ইন-চার্জ, নড়াইল সদর থানা)."""
    words = piece.split()
    if (len(words) == 1 and not lex.labels(piece)) or words[0] in _words("determiners"):
        return True
    people = any(_regex("people_plural").search(w) or _regex("role_ending").search(w) for w in words)
    return headed_by_post(before, lex) and not lex.has_designation(piece) and not people


def split_people(text: str, lex: Lexicon) -> list[str]:
    """Several who act: separated by semicolons or inline numbers, or posts joined by slashes, commas, এবং or
    ও (ডিন (সকল অনুষদ) ও চেয়ারম্যান …); an office name with ও in it (সমষ্টি ও সংস্কার শাখা)
    stays whole, and so does a post with its office and station (উপপরিচালক, কৃষি সম্প্রসারণ অধিদপ্তর, কুড়িগ্রাম)."""
    parts = [strip_case(p) for p in _INLINE_LABEL.split(text)]
    posts = [
        post
        for part in parts
        if part
        for slashed in _split_posts(part, "/", lex)
        for post in _comma_posts(slashed, lex)
    ]
    return _split_joined(posts, lex)


def _split_joined(posts: list[str], lex: Lexicon) -> list[str]:
    """Each phrase split where এবং, then ও, joins posts that each end in a post (see `_split_posts`)."""
    for joint in _CONJUNCTIONS:
        posts = [piece for post in posts for piece in _split_posts(post, joint, lex)]
    return posts


def _comma_posts(text: str, lex: Lexicon) -> list[str]:
    """Posts listed with commas (উপজেলা খাদ্য নিয়ন্ত্রক, সকল ইউপি চেয়ারম্যান): each piece headed by a post
    opens an actor, the others are the office or station of the post before them. A list that does not
    open with a post is one actor (… বিদ্যালয়, মাদ্রাসা ও কলেজের প্রতিষ্ঠান প্রধানগণ)."""
    pieces = [piece.strip() for piece in text.split(",")]
    if len(pieces) < 2 or not all(pieces) or not headed_by_post(pieces[0], lex):
        return [text]
    actors = [pieces[0]]
    for piece in pieces[1:]:
        # a station may be joined to the next actor: উপজেলা জনস্বাস্থ্য প্রকৌশলী, পীরগঞ্জ ও সংশ্লিষ্ট ঠিকাদার
        if headed_by_post(_CONJUNCTION.split(piece, maxsplit=1)[0], lex):
            actors.append(piece)
        else:
            actors[-1] += f", {piece}"
    return actors


def _split_posts(text: str, joint: str, lex: Lexicon) -> list[str]:
    """Posts joined by a conjunction or a slash (`joint`, one of _JOINTS), each headed by a post of its own
    (…বিভাগের প্রধান এবং জেলা ও উপজেলা পর্যায়ের দপ্তর প্রধানগণ; ওয়ার্ড কাউন্সিলর/ইউপি সদস্যগণ); parts not all
    headed by a post stay one phrase (কৃষক ও জমির মালিকগণ; উপজেলা/থানা নির্বাচন অফিসার)."""
    pieces = [x.strip(" ,") for x in _JOINTS[joint].split(text)]
    if len(pieces) > 1 and all(headed_by_post(x, lex) for x in pieces):
        return pieces
    return [text]


def headed_by_post(phrase: str, lex: Lexicon) -> bool:
    """Whether a phrase ends in a post, before its brackets and its station (ডিন (সকল অনুষদ), অফিসার, সকল)."""
    parts = _TAIL.sub("", phrase).split()
    return bool(parts) and lex.has_designation(parts[-1])


def token_offsets(text: str, tokens: list[str]) -> list[int]:
    offsets, pos = [], 0
    for token in tokens:
        pos = text.index(token, pos)
        offsets.append(pos)
        pos += len(token)
    return offsets


def _words(key: str) -> frozenset[str]:
    return words("decisions", key)


@cache
def _regex(key: str) -> regex.Pattern[str]:
    """A regular expression of the decisions data file (an ending, a verb form), compiled once."""
    return regex.compile(nfc(str(data("decisions")[key])))


@cache
def _possessive() -> regex.Pattern[str]:
    return regex.compile(rf"^{alternation(strings('decisions', 'possessives'))}(?![\p{{L}}\p{{M}}])")
