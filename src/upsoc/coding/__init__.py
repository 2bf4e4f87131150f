"""Coding: every sentence gets the concepts it expresses and an advice flag, with evidence."""

from __future__ import annotations

import pandas as pd

from ..languages import LANGUAGES
from ..tables import CODED_COLUMNS, format_concepts, format_cues, format_list
from .advice import AdviceDetector
from .matcher import CueMatcher


def matched_cells(found: dict[str, list[str]], order: list[str]) -> tuple[str, str]:
    """The `concepts` and `cues` cells of the concepts found, in codebook order."""
    ids = [c for c in order if c in found]
    return format_concepts(ids), format_cues({c: found[c] for c in ids})


def code_sentence(tokens: list[str], lemmas: list[str], language: str, matcher: CueMatcher, detector: AdviceDetector,
                  concept_order: list[str]) -> dict:
    """One sentence's `concepts`, `cues`, `is_advice`, `advice_cues`, and the frame terms found with the
    concepts only they express (`frame_terms`, `frame_only`)."""
    words = lemmas if LANGUAGES[language].coded_on_lemmas else tokens
    evidence = matcher.evidence(words, lemmas)
    concepts, cues = matched_cells(evidence.concepts, concept_order)
    advice = detector(words, lemmas)
    return {
        "is_advice": int(bool(advice)), "concepts": concepts, "cues": cues, "advice_cues": format_list(advice),
        "frame_terms": format_list(evidence.frame_terms),
        "frame_only": format_concepts([c for c in concept_order if c in evidence.frame_only]),
    }


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
