"""Paragraphs and sentences of a cleaned article, with character offsets into its text.

A paragraph is a block between blank lines. Inside it, a sentence ends at terminal
punctuation (with any closing quotes or brackets that follow):

* zh: 。！？!?… ; no space is needed after them;
* fa: . ! ? ؟ … followed by a space or the end, so decimals ("۱.۵") stay whole;
* en: . ! ? … followed by a space and a capital, digit or opening quote, except after
  known abbreviations (Mr., Dr., e.g., Ph.D., U.S.) and single initials.
A paragraph with no terminal punctuation (a heading, a list item) is one sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CLOSERS = re.escape("\"'”’»」』）)］]")
_BOUNDARY = {
    "zh": re.compile(rf"[。！？!?…]+[{CLOSERS}]*"),
    "fa": re.compile(rf"[.!?؟…]+[{CLOSERS}]*(?=\s|$)"),
    "en": re.compile(rf"[.!?…]+[{CLOSERS}]*(?=\s+[\"'“‘(\[]?[A-Z0-9]|\s*$)"),
}
EN_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st vs etc e.g i.e inc ltd co corp no fig approx dept est u.s u.k ph.d "
    "a.m p.m jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
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
    if language not in _BOUNDARY:
        raise ValueError(f"no sentence splitter for language {language!r}")
    sentences = []
    for number, (p_start, p_end) in enumerate(paragraphs(text), start=1):
        for start, end in _sentence_spans(text[p_start:p_end], language):
            sentences.append(Sentence(number, p_start + start, p_start + end, text[p_start + start : p_start + end]))
    return sentences


def _sentence_spans(paragraph: str, language: str) -> list[tuple[int, int]]:
    cuts = [m.end() for m in _BOUNDARY[language].finditer(paragraph) if not _is_abbreviation(paragraph, m, language)]
    spans = []
    start = 0
    for cut in cuts + [len(paragraph)]:
        span = _strip(paragraph, start, cut)
        if span:
            spans.append(span)
        start = cut
    return spans


def _is_abbreviation(paragraph: str, match: re.Match[str], language: str) -> bool:
    if language != "en" or match.group(0) != ".":
        return False
    last = _LAST_WORD.search(paragraph[: match.end()])
    if not last:
        return False
    word = last.group(1).lower()
    return word in EN_ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _strip(paragraph: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and paragraph[start].isspace():
        start += 1
    while end > start and paragraph[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
