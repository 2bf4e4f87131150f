"""Paragraphs and sentences of a cleaned article, with character offsets into its text.

A paragraph is a block between blank lines. Inside it, a sentence ends where the language's
`sentence_end` pattern matches (terminal punctuation with any closing quotes or brackets that
follow; see `upsoc.languages`), except after the language's abbreviations and initials. A
paragraph with no terminal punctuation (a heading, a list item) is one sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .languages import LanguageProfile, profile

_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


@dataclass(frozen=True)
class Sentence:
    paragraph: int  # 1-based
    start: int  # offsets into the cleaned text, end exclusive
    end: int
    text: str


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty block between blank lines."""
    spans = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        if match.group(0).strip():
            spans.append(match.span())
    return spans


def split_sentences(text: str, language: str) -> list[Sentence]:
    rules = profile(language)
    sentences = []
    for number, (p_start, p_end) in enumerate(paragraphs(text), start=1):
        for start, end in _sentence_spans(text[p_start:p_end], rules):
            sentences.append(Sentence(number, p_start + start, p_start + end, text[p_start + start : p_start + end]))
    return sentences


def _sentence_spans(paragraph: str, rules: LanguageProfile) -> list[tuple[int, int]]:
    cuts = [m.end() for m in rules.sentence_end.finditer(paragraph) if not _is_abbreviation(paragraph, m, rules)]
    spans = []
    start = 0
    for cut in cuts + [len(paragraph)]:
        span = _strip(paragraph, start, cut)
        if span:
            spans.append(span)
        start = cut
    return spans


def _is_abbreviation(paragraph: str, match: re.Match[str], rules: LanguageProfile) -> bool:
    if not (rules.abbreviations or rules.initials) or match.group(0) != ".":
        return False
    last = _LAST_WORD.search(paragraph[: match.end()])
    if not last:
        return False
    word = last.group(1).lower()
    return word in rules.abbreviations or (rules.initials and len(word) == 1 and word.isalpha())


def _strip(paragraph: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and paragraph[start].isspace():
        start += 1
    while end > start and paragraph[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
