"""Coding: every sentence gets the concepts it expresses and an advice flag, with evidence."""

from __future__ import annotations

import pandas as pd

from .advice import AdviceDetector
from .matcher import CueMatcher

CODED_COLUMNS = [
    "article_id", "sentence_id", "language", "frame", "origin", "text",
    "is_advice", "concepts", "cues", "advice_cues",
]


def format_cues(found: dict[str, list[str]], order: list[str]) -> tuple[str, str]:
    """("id;id", "id=cue|cue; id=cue") in codebook order."""
    ids = [c for c in order if c in found]
    return ";".join(ids), "; ".join(f"{c}={'|'.join(found[c])}" for c in ids)


def code_sentence(tokens: list[str], lemmas: list[str], language: str, matcher: CueMatcher, detector: AdviceDetector,
                  concept_order: list[str]) -> dict:
    """One sentence's `concepts`, `cues`, `is_advice` and `advice_cues`."""
    # Chinese is matched in its Simplified form, its lemmas; its tokens keep the article's script
    words = lemmas if language == "zh" else tokens
    concepts, cues = format_cues(matcher(words, lemmas), concept_order)
    advice = detector(words, lemmas)
    return {"is_advice": int(bool(advice)), "concepts": concepts, "cues": cues, "advice_cues": "|".join(advice)}


def code_sentences(
    sentences: pd.DataFrame, article: dict, matcher: CueMatcher, detector: AdviceDetector, concept_order: list[str]
) -> pd.DataFrame:
    rows = []
    for row in sentences.to_dict(orient="records"):
        coded = code_sentence(row["tokens"].split(), row["lemmas"].split(), article["language"], matcher, detector, concept_order)
        rows.append(
            {
                "article_id": row["article_id"],
                "sentence_id": row["sentence_id"],
                "language": article["language"],
                "frame": article["frame"],
                "origin": article["origin"],
                "text": row["text"],
                **coded,
            }
        )
    return pd.DataFrame(rows, columns=CODED_COLUMNS)
