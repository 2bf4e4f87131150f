"""The sentence table: one row per sentence, with its offsets, tokens, lemmas and stopwords."""

from __future__ import annotations

import pandas as pd

from .segment import split_sentences
from .tables import SENTENCE_COLUMNS


def sentence_table(article_id: str, text: str, language: str, tokenizer) -> pd.DataFrame:
    """`tokenizer` maps a sentence to a list of `upsoc.tokenize.Token`."""
    rows = []
    for number, sentence in enumerate(split_sentences(text, language), start=1):
        tokens = tokenizer(sentence.text)
        rows.append(
            {
                "article_id": article_id,
                "sentence_id": number,
                "paragraph": sentence.paragraph,
                "start": sentence.start,
                "end": sentence.end,
                "text": sentence.text,
                "tokens": " ".join(t.text for t in tokens),
                "lemmas": " ".join(t.lemma for t in tokens),
                "stopword_flags": " ".join("1" if t.stopword else "0" for t in tokens),
            }
        )
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
