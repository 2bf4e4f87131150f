"""Is a sentence advice? Markers of prescription, per language, as the instrument defines it.

A sentence is advice when it prescribes, recommends or warns about an action or attitude for
the reader. The detector looks, in this order, for

* `markers` anywhere: modal verbs and their negations, "it is better to", 应该, 不要, باید …;
* `clause_initial` words at the start of a clause (after `openers` such as "just", 所以):
  imperatives such as "ask", 去, 多, بیایید;
* a conditional warning: an `if` word, a second-person `subject` within three tokens, and
  a `then` word later ("if you don't follow up, people will forget you"); where the
  language lists `negation` words, one of them must stand between the two (如果你不…就会…),
  since there a bare conditional is as often a description as a warning;
* for Persian, `imperative` verb morphology: a verb (hazm lemma "past#present") in the second
  person plural built on its present stem, without the indicative prefix می (بخوانید, نروید,
  شرکت کنید), except verbs listed in `exclude_lemmas` (دارید is never an imperative).

Questions (a sentence ending in ? ？ ؟) are not advice. Every lexical marker is normalised
and tokenized like the text; the detector returns the markers it found, as evidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ..tables import ADVICE_COLUMNS
from ..tokenize import VERB_PREFIXES, is_word, plain_alef
from .codebook import analyse
from .matcher import Words

LEXICAL_KINDS = ("markers", "clause_initial", "openers", "if", "subject", "then", "negation")
LITERAL_KINDS = ("clause_breaks", "questions", "imperative_suffix", "imperative_not_prefix", "imperative_exclude_lemmas")
SUBJECT_DISTANCE = 3
PERSIAN_PERFECT = "\u200cاید"  # آمده‌اید: a participle plus "you are", never a command


def compile_advice(rules: dict, tokenizer, normalizer: Callable[[str], str]) -> pd.DataFrame:
    """The advice rules of one language as a table; lexical markers tokenized like the text."""
    rows = []
    for kind in LEXICAL_KINDS:
        for marker in rules.get(kind, []):
            rows.append({"kind": kind, "marker": marker, "tokens": analyse(marker, tokenizer, normalizer)[0]})
    for kind in LITERAL_KINDS:
        values = rules.get(kind, [])
        for value in [values] if isinstance(values, str) else values:
            rows.append({"kind": kind, "marker": value, "tokens": value})
    return pd.DataFrame(rows, columns=ADVICE_COLUMNS)


@dataclass
class AdviceDetector:
    """Callable: (tokens, lemmas) -> the markers that make the sentence advice (empty: not advice)."""

    table: pd.DataFrame

    def __post_init__(self) -> None:
        def sequences(kind):
            return [(r["marker"], tuple(r["tokens"].split())) for _, r in self.table[self.table["kind"] == kind].iterrows()]

        def literals(kind):
            return [r for r in self.table.loc[self.table["kind"] == kind, "tokens"]]

        self.markers = sequences("markers")
        # by first word: a clause start is compared only with the markers it could begin (a
        # marker with no words, all punctuation, marks nothing, as in `markers`)
        self.clause_initial = defaultdict(list)
        for marker, seq in sequences("clause_initial"):
            if seq:
                self.clause_initial[seq[0]].append((marker, seq))
        self.openers = {seq for _, seq in sequences("openers")}
        self.if_words = {seq for _, seq in sequences("if")}
        self.subjects = {seq for _, seq in sequences("subject")}
        self.then_words = {seq for _, seq in sequences("then")}
        self.negations = {seq for _, seq in sequences("negation")}
        self.breaks = set(literals("clause_breaks"))
        self.questions = set(literals("questions"))
        suffix = literals("imperative_suffix")
        self.imperative_suffix = suffix[0] if suffix else None
        self.not_prefixes = tuple(literals("imperative_not_prefix"))
        self.exclude_lemmas = set(literals("imperative_exclude_lemmas"))

    def __call__(self, tokens: list[str], lemmas: list[str]) -> list[str]:
        words = [t.lower() for t in tokens]
        if self._is_question(words):
            return []
        indexed = Words(words, joined=False)
        # the membership test first: most of the hundreds of markers have a first word the sentence lacks
        found = [marker for marker, seq in self.markers if seq and seq[0] in indexed and indexed.first(seq) is not None]
        for start in self._clause_starts(words):
            candidates = self.clause_initial.get(words[start], ()) if start < len(words) else ()
            found += [f"^{marker}" for marker, seq in candidates if tuple(words[start : start + len(seq)]) == seq]
        if self._conditional(indexed):
            found.append("if…then")
        found += self._imperatives(words, lemmas)
        return list(dict.fromkeys(found))

    def _is_question(self, words: list[str]) -> bool:
        content = [w for w in words if w not in {'"', "'", "”", "’", "」", "』", ")", "）", "»"}]
        return bool(content) and content[-1] in self.questions

    def _clause_starts(self, words: list[str]) -> list[int]:
        starts = [0] + [i + 1 for i, w in enumerate(words) if w in self.breaks]
        resolved = []
        for start in starts:
            i = start
            while i < len(words):
                if not is_word(words[i]):
                    i += 1
                    continue
                opener = next((seq for seq in self.openers if tuple(words[i : i + len(seq)]) == seq), None)
                if opener is None:
                    break
                i += len(opener)
            resolved.append(i)
        return sorted(set(resolved))

    def _conditional(self, words: Words) -> bool:
        for seq in self.if_words:
            at = words.first(seq)
            if at is None:
                continue
            after = at + len(seq)
            subject = next((s for s in self.subjects if words.first(s, after, after + SUBJECT_DISTANCE + len(s)) is not None), None)
            if subject is None:
                continue
            for then in self.then_words:
                at_then = words.first(then, after + 1)
                if at_then is None:
                    continue
                if not self.negations or any(words.first(n, after, at_then) is not None for n in self.negations):
                    return True
        return False

    def _imperatives(self, words: list[str], lemmas: list[str]) -> list[str]:
        if not self.imperative_suffix:
            return []
        found = []
        for word, lemma in zip(words, lemmas):
            if "#" not in lemma or lemma in self.exclude_lemmas or not word.endswith(self.imperative_suffix):
                continue
            # می‌ marks the indicative
            if word.startswith(self.not_prefixes) or word.endswith(PERSIAN_PERFECT):
                continue
            present = plain_alef(lemma.split("#")[1])
            if present and (plain_alef(word).startswith(present) or plain_alef(_strip_prefix(word)).startswith(present)):
                found.append(word)
        return found


def _strip_prefix(word: str) -> str:
    for prefix in VERB_PREFIXES:
        if word.startswith(prefix):
            return word[len(prefix) :]
    return word
