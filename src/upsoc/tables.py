"""The tables one stage writes and a later one reads: their columns, and the formats packed in
their cells, each written and parsed here and nowhere else.

Cell formats (docs/outputs.md):

* a list of concepts: ids in codebook order, joined by ";" (`concepts` of the coding);
* a list of words or cues: joined by "|" (`advice_cues`, `unmatched_cues`, context words);
* the cues found per concept: "concept=cue|cue; concept=cue" (`cues` of the coding);
* a modelling unit: "{article}:{first sentence}-{last sentence}" (`unit_id`).

Token columns (`tokens`, `lemmas`, `stopword_flags`, `terms`) are space-separated and aligned.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

# layout.REMOVED_SPANS: one row per removed span of the raw text
AUDIT_COLUMNS = ["article_id", "rule", "start", "end", "text"]
# layout.SENTENCES
SENTENCE_COLUMNS = ["article_id", "sentence_id", "paragraph", "start", "end", "text", "tokens", "lemmas", "stopword_flags"]
# layout.CUES and layout.ADVICE: the compiled codebook
CUE_COLUMNS = ["concept", "kind", "cue", "tokens", "lemmas", "exclude_near", "require_near", "window", "exact", "require_window"]
ADVICE_COLUMNS = ["kind", "marker", "tokens"]
# layout.CODED_ARTICLE and layout.CODED
CODED_COLUMNS = [
    "article_id", "sentence_id", "language", "frame", "origin", "text",
    "is_advice", "concepts", "cues", "advice_cues", "frame_terms", "frame_only",
]
# layout.STUDY_TOKENS: the annotation studies' sentences, tokenized for the instrument
STUDY_TOKEN_COLUMNS = ["study", "item", "tokens", "lemmas"]
# layout.EMBEDDING_IDS: the rows of an article's vectors, a digest of each sentence's text as it was
# embedded (upsoc.embed.store.text_digest), and the encoder that made them
EMBEDDING_ID_COLUMNS = ["article_id", "sentence_id", "text_sha256", "encoder"]
# layout.THEME_TABLE: the cross-lingual themes (upsoc.themes); `unit` is a sentence id
THEME_COLUMNS = {
    # languages: units per language, "zh=120|fa=10|en=80"
    "themes": ["theme", "label", "units", "languages", "stability", "language_specific"],
    "terms": ["theme", "language", "rank", "term", "weight"],
    "units": ["article_id", "unit", "language", "theme", "similarity"],
    "prevalence": ["theme", "frame", "language", "share", "low", "high", "articles", "units", "resampling"],
    "selection": ["k", "seeds", "stability", "npmi", "outliers", "chosen", "note"],
    "fragments": ["article_id", "unit", "language", "reason", "text"],
    "representatives": ["theme", "language", "rank", "article_id", "unit", "similarity", "text"],
    "debiasing": ["method", "language_accuracy", "mixed_clusters", "pair_neighbours", "pair_same_cluster", "chosen"],
    "pairs": ["article_a", "article_b", "language_a", "language_b", "units_a", "units_b", "jsd", "aligned",
              "same_theme", "same_theme_share"],
    "neighbours": ["article_id", "unit", "language", "rank", "neighbour_article", "neighbour_unit", "similarity"],
}
# layout.INTRUSION_SCORES
INTRUSION_SCORE_COLUMNS = ["model", "test", "language", "theme", "coder", "items", "answers", "correct", "precision",
                           "low", "high", "agreement", "note"]
# layout.UNITS
UNIT_COLUMNS = ["unit_id", "article_id", "language", "first_sentence", "last_sentence", "terms", "concepts", "text"]
# layout.EXCLUDED_NAMES: the people's names kept out of the units' terms
EXCLUDED_NAME_COLUMNS = ["term", "rule", "count", "articles"]

_CONCEPTS = ";"
_LIST = "|"
_CUE_GROUPS = "; "


def format_concepts(concepts: list[str]) -> str:
    return _CONCEPTS.join(concepts)


def parse_concepts(cell: str) -> list[str]:
    return [concept for concept in cell.split(_CONCEPTS) if concept]


def concept_indicators(cells, concepts: list[str]) -> np.ndarray:
    """cells × concepts: 1 where a `concepts` cell holds the concept, else 0 (ints)."""
    sets = [set(parse_concepts(cell)) for cell in cells]
    return np.array([[c in labels for c in concepts] for labels in sets], dtype=int).reshape(len(sets), len(concepts))


def format_list(items: list[str]) -> str:
    return _LIST.join(items)


def parse_list(cell: str) -> list[str]:
    return [item for item in cell.split(_LIST) if item]


def format_cues(found: dict[str, list[str]]) -> str:
    """{concept: [cue, cue]} -> "concept=cue|cue; concept=cue", in the mapping's order."""
    return _CUE_GROUPS.join(f"{concept}={format_list(cues)}" for concept, cues in found.items())


def parse_cues(cell: str) -> dict[str, list[str]]:
    """"concept=cue|cue; concept=cue" -> {concept: [cue, cue]}"""
    found = {}
    for group in filter(None, (g.strip() for g in cell.split(_CUE_GROUPS))):
        concept, _, cues = group.partition("=")
        found[concept] = parse_list(cues)
    return found


class UnitId(NamedTuple):
    article_id: str
    first_sentence: int
    last_sentence: int


def format_unit_id(article_id: str, first_sentence: int, last_sentence: int) -> str:
    return f"{article_id}:{first_sentence}-{last_sentence}"


def parse_unit_id(cell: str) -> UnitId:
    article_id, _, sentences = cell.rpartition(":")
    first, _, last = sentences.partition("-")
    return UnitId(article_id, int(first), int(last))
