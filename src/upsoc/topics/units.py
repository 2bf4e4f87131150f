"""Modelling units: sentences merged into passages long enough to carry a topic.

Sentences are short (a heading, "比如：") and topic models need co-occurrence, so consecutive
sentences of the same paragraph are merged until a unit holds at least `min_tokens` content
tokens; a paragraph's short tail joins its last unit. Units never cross paragraphs or
articles. Content tokens are the lemmas not flagged as stopwords or punctuation (for Chinese
the lemma is the token).
"""

from __future__ import annotations

import pandas as pd

from ..tables import UNIT_COLUMNS, format_unit_id, parse_cues

DEFAULT_MIN_TOKENS = 12


def content_terms(lemmas: str, flags: str) -> list[str]:
    return [lemma for lemma, flag in zip(lemmas.split(), flags.split()) if flag == "0"]


def _concept_terms(cues_field: str) -> list[str]:
    """One term per matched cue: a sentence with two cues of a concept counts it twice."""
    return [concept for concept, cues in parse_cues(cues_field).items() for _ in cues]


def build_units(sentences: pd.DataFrame, coded: pd.DataFrame, language: str, min_tokens: int = DEFAULT_MIN_TOKENS) -> pd.DataFrame:
    """sentences: the sentence tables of one language; coded: their rows of the coding table."""
    cues = {(a, int(s)): c for a, s, c in zip(coded["article_id"], coded["sentence_id"], coded["cues"])}
    rows = []
    for (article_id, _paragraph), group in sentences.groupby(["article_id", "paragraph"], sort=False):
        pending: list[dict] = []
        for sentence in group.to_dict(orient="records"):
            pending.append(sentence)
            if sum(len(content_terms(s["lemmas"], s["stopword_flags"])) for s in pending) >= min_tokens:
                rows.append(_unit(pending, article_id, language, cues))
                pending = []
        if pending:
            if rows and rows[-1]["article_id"] == article_id and rows[-1]["_paragraph"] == _paragraph:
                rows[-1] = _unit(rows[-1]["_sentences"] + pending, article_id, language, cues)
            else:
                rows.append(_unit(pending, article_id, language, cues))
    table = pd.DataFrame(rows)
    if table.empty:
        return pd.DataFrame(columns=UNIT_COLUMNS)
    return table[UNIT_COLUMNS]


def _unit(sentences: list[dict], article_id: str, language: str, cues: dict) -> dict:
    first, last = int(sentences[0]["sentence_id"]), int(sentences[-1]["sentence_id"])
    terms = [t for s in sentences for t in content_terms(s["lemmas"], s["stopword_flags"])]
    concepts = [c for s in sentences for c in _concept_terms(cues.get((article_id, int(s["sentence_id"])), ""))]
    return {
        "unit_id": format_unit_id(article_id, first, last),
        "article_id": article_id,
        "language": language,
        "first_sentence": first,
        "last_sentence": last,
        "terms": " ".join(terms),
        "concepts": " ".join(concepts),
        "text": " ".join(s["text"] for s in sentences),
        "_paragraph": sentences[0]["paragraph"],
        "_sentences": sentences,
    }
