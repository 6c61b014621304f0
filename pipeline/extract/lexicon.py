"""Designations and offices, recognised with a blank spaCy `bn` pipeline and token patterns from data."""

from __future__ import annotations

from functools import cache

import regex
import spacy
from spacy.matcher import Matcher

from pipeline.extract.patterns import alternation, nfc, strings


class Lexicon:
    """Token-level recognition of designations (…সচিব, …অফিসার) and office words (…বিভাগ, …শাখা).

    Matching tokens, not characters, keeps সচিব from firing inside সচিবালয় while still accepting
    compounds such as উপসচিব and যুগ্মসচিব, whose last part is the designation.
    """

    def __init__(self) -> None:
        self._nlp = spacy.blank("bn")
        self._matcher = Matcher(self._nlp.vocab)
        heads = alternation(strings("lexicon", "designation_heads"))
        offices = alternation(strings("lexicon", "office_words"))
        self._matcher.add("DESIGNATION", [[{"TEXT": {"REGEX": rf"^.*{heads}(?:গণ|বৃন্দ)?$"}}]])
        self._matcher.add("OFFICE", [[{"TEXT": {"REGEX": rf"^.*{offices}(?:সমূহ|সমূহের|ের|র)?$"}}]])
        courtesy = alternation(strings("lexicon", "courtesy"))
        self._courtesy = regex.compile(rf"^(?:{courtesy}\s+)+")
        self._courtesy_anywhere = regex.compile(rf"(?<![\p{{L}}\p{{M}}]){courtesy}\s+")
        self._addressee = regex.compile(alternation(regex.escape(m) for m in strings("lexicon", "addressee_markers")))

    def labels(self, text: str) -> set[str]:
        """The kinds of lexicon words the text holds: DESIGNATION, OFFICE."""
        doc = self._nlp.make_doc(nfc(text))
        return {self._nlp.vocab.strings[match_id] for match_id, _, _ in self._matcher(doc)}

    def tokens(self, text: str) -> list[str]:
        """The text's tokens, without the whitespace tokens a line break makes."""
        return [t.text for t in self._nlp.make_doc(text) if not t.is_space]

    def has_designation(self, text: str) -> bool:
        return "DESIGNATION" in self.labels(text)

    def has_office(self, text: str) -> bool:
        return "OFFICE" in self.labels(text)

    def drop_courtesy(self, name: str) -> str:
        """A name without জনাব, জনাবা, মাননীয় in front (titles such as ড. and মোঃ stay)."""
        return self._courtesy.sub("", name.strip())

    def starts_with_courtesy(self, text: str) -> bool:
        return bool(self._courtesy.match(text.strip()))

    def after_courtesy(self, text: str) -> str | None:
        """What follows the last courtesy word in the text (…চেয়ারম্যান জনাব X → X), None without one."""
        found = list(self._courtesy_anywhere.finditer(text))
        return text[found[-1].end() :] if found else None

    def names_addressees(self, text: str) -> bool:
        """Whether a line names addressees (সচিব (সকল)) rather than one post."""
        return self._addressee.search(text) is not None


@cache
def lexicon() -> Lexicon:
    """The lexicon, built once per process (spaCy's vocabulary is costly to build)."""
    return Lexicon()
