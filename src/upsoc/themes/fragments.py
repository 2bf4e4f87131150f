"""Sentences without advice content of their own, kept out of the themes (and listed, with the
reason, in fragments.tsv): sentence vectors group them by their form, not their meaning.

* `short`: a line of one to three content words and at most `MAX_SHORT_TOKENS` words in all
  ("比如：", "Step 2", "这就是社群的力量。"); a full sentence with few content words ("Almost all
  of his decisions were based on intuition.") stays, and so does a short line that the coding
  finds to be advice ("Act on the feedback you receive", "بازخورد بخواهید").
* `lead_in`: ends with a colon (advice or not): the lead-in of a list, whose content is in the items.
* `heading`: a paragraph of one sentence, without the language's sentence-final punctuation,
  of at most `HEADING_WORDS` content words, that the coding does not find to be advice (a list
  item such as "Follow up within a day" is advice and stays).
"""

from __future__ import annotations

import re

import pandas as pd

from ..languages import profile
from ..tokenize import is_word
from ..topics.units import content_terms

SHORT, LEAD_IN, HEADING = "short", "lead_in", "heading"
MAX_SHORT_WORDS = 3
MAX_SHORT_TOKENS = 6
HEADING_WORDS = 10
_COLON = re.compile(r"[:：]\W*$")


def content_words(lemmas: str, flags: str) -> int:
    return sum(is_word(term) for term in content_terms(lemmas, flags))


def _ends_sentence(text: str, ends: re.Pattern[str]) -> bool:
    return any(match.end() == len(text) for match in ends.finditer(text))


def fragment_reasons(sentences: pd.DataFrame, coded: pd.DataFrame, language: str) -> pd.Series:
    """Per sentence (the index of `sentences`), why it is a fragment, or "" when it is a unit.

    sentences: sentence tables of one language; coded: their rows of the coding table."""
    advice = {(a, int(s)): flag == "1" for a, s, flag in zip(coded["article_id"], coded["sentence_id"], coded["is_advice"])}
    ends = profile(language).sentence_end
    per_paragraph = sentences.groupby(["article_id", "paragraph"], sort=False)["sentence_id"].transform("size")
    reasons = []
    for (article, sentence_id, text, lemmas, flags), alone in zip(
            sentences[["article_id", "sentence_id", "text", "lemmas", "stopword_flags"]].itertuples(index=False),
            per_paragraph):
        words = content_words(lemmas, flags)
        text = text.strip()
        is_advice = advice.get((article, int(sentence_id)), False)
        if _COLON.search(text):
            reasons.append(LEAD_IN)
        elif is_advice:
            reasons.append("")
        elif words <= MAX_SHORT_WORDS and sum(map(is_word, lemmas.split())) <= MAX_SHORT_TOKENS:
            reasons.append(SHORT)
        elif alone == 1 and words <= HEADING_WORDS and not _ends_sentence(text, ends):
            reasons.append(HEADING)
        else:
            reasons.append("")
    return pd.Series(reasons, index=sentences.index, dtype=str)
