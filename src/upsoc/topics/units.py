"""Modelling units: sentences merged into passages long enough to carry a topic.

Sentences are short (a heading, "比如：") and topic models need co-occurrence, so consecutive
sentences of the same paragraph are merged until a unit holds at least `min_tokens` content
tokens; a paragraph's short tail joins its last unit. Units never cross paragraphs or
articles. Content tokens are the lemmas not flagged as stopwords or punctuation (for Chinese
the lemma is the token).

A unit's `terms`, the vocabulary of its topic models and of keyness, are its content lemmas in
the form a reader knows (the language's `reader_form`), without people's names
(`upsoc.topics.names`); the names still count towards a unit's length.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import pandas as pd

from ..coding.codebook import FRAME_KIND
from ..tables import UNIT_COLUMNS, format_unit_id, parse_cues

DEFAULT_MIN_TOKENS = 12


def content_terms(lemmas: str, flags: str) -> list[str]:
    return [lemma for lemma, flag in zip(lemmas.split(), flags.split()) if flag == "0"]


def _concept_terms(cues_field: str) -> list[str]:
    """One term per matched cue: a sentence with two cues of a concept counts it twice."""
    return [concept for concept, cues in parse_cues(cues_field).items() for _ in cues]


def cue_terms(cues: pd.DataFrame, reader_form: Callable[[str], str] = str) -> dict[str, list[str]]:
    """concept -> its cues that are one term (lemma, as units' terms show it), in the order of
    the compiled codebook (`layout.CUES`). A word of a longer cue is not a cue by itself
    ("ask for help" does not make "ask" one); frame terms are no concept's."""
    terms: dict[str, list[str]] = {}
    for concept, kind, lemmas in zip(cues["concept"], cues["kind"], cues["lemmas"]):
        if kind != FRAME_KIND:
            known = terms.setdefault(concept, [])
            if len(lemmas.split()) == 1 and reader_form(lemmas) not in known:
                known.append(reader_form(lemmas))
    return terms


def build_units(sentences: pd.DataFrame, coded: pd.DataFrame, language: str, min_tokens: int = DEFAULT_MIN_TOKENS,
                reader_form: Callable[[str], str] = str, names: frozenset[str] = frozenset()) -> pd.DataFrame:
    """sentences: the sentence tables of one language; coded: their rows of the coding table;
    names: lemmas left out of the terms."""
    cues = {(a, int(s)): c for a, s, c in zip(coded["article_id"], coded["sentence_id"], coded["cues"])}
    language = _Language(language, reader_form, names)
    # the sentences of each paragraph, paragraphs in order of appearance (a groupby without
    # sorting, on records: pandas' per-group overhead was most of this stage's time)
    paragraphs: dict[tuple[str, str], list[dict]] = {}
    for sentence in sentences.to_dict(orient="records"):
        paragraphs.setdefault((sentence["article_id"], sentence["paragraph"]), []).append(sentence)
    rows = []
    for (article_id, _paragraph), group in paragraphs.items():
        pending: list[dict] = []
        for sentence in group:
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


class _Language(NamedTuple):
    code: str
    reader_form: Callable[[str], str]
    names: frozenset[str]


def _unit(sentences: list[dict], article_id: str, language: _Language, cues: dict) -> dict:
    first, last = int(sentences[0]["sentence_id"]), int(sentences[-1]["sentence_id"])
    terms = [language.reader_form(t) for s in sentences for t in content_terms(s["lemmas"], s["stopword_flags"])
             if t not in language.names]
    concepts = [c for s in sentences for c in _concept_terms(cues.get((article_id, int(s["sentence_id"])), ""))]
    return {
        "unit_id": format_unit_id(article_id, first, last),
        "article_id": article_id,
        "language": language.code,
        "first_sentence": first,
        "last_sentence": last,
        "terms": " ".join(terms),
        "concepts": " ".join(concepts),
        "text": " ".join(s["text"] for s in sentences),
        "_paragraph": sentences[0]["paragraph"],
        "_sentences": sentences,
    }
