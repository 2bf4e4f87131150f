"""Translation pairs: does the instrument see the same text the same way in two languages?

For each pair of the sheet (`parallel_of`), the Jensen–Shannon divergence between the two
sides' concept profiles (sentences carrying each concept, normalised) and between their
cross-lingual topic mixtures. A divergence means little on its own, so each is set beside the
other articles: `concept_rank` is the share of the other articles of the second side's
language whose profile is closer to the first side than the translation is (0: the
translation is the closest of all, as it should be).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..tables import concept_indicators
from .groups import DIGITS, jensen_shannon

PARALLEL_COLUMNS = [
    "article_a", "article_b", "language_a", "language_b", "sentences_a", "sentences_b",
    "concept_jsd", "concept_rank", "topic_jsd", "topic_rank",
]


def concept_profiles(coded: pd.DataFrame, concepts: list[str]) -> pd.DataFrame:
    """article × concept: number of sentences carrying the concept."""
    found = pd.DataFrame(concept_indicators(coded["concepts"], concepts), columns=concepts, index=coded["article_id"])
    return found.groupby(level=0).sum()


def _closer_share(profiles: pd.DataFrame, a: str, b: str, candidates: list[str]) -> tuple[float, float]:
    """(JSD of a and b, share of the other candidates closer to a than b is)."""
    target = jensen_shannon(profiles.loc[a].to_numpy(float), profiles.loc[b].to_numpy(float))
    others = [c for c in candidates if c not in (a, b)]
    if not others:
        return float(target), float("nan")
    distances = jensen_shannon(profiles.loc[[a]].to_numpy(float), profiles.loc[others].to_numpy(float))
    return float(target), float(np.mean(distances < target))


def parallel_pairs(sheet: pd.DataFrame, coded: pd.DataFrame, article_topics: pd.DataFrame, concepts: list[str]) -> pd.DataFrame:
    pairs = sheet.loc[sheet["parallel_of"] != "", ["id", "parallel_of"]]
    language = dict(zip(sheet["id"], sheet["language"]))
    concept = concept_profiles(coded, concepts)
    topics = article_topics.assign(weight=article_topics["weight"].astype(float)).pivot_table(
        index="article_id", columns="topic", values="weight", fill_value=0.0
    )
    sentences = coded.groupby("article_id").size()
    rows = []
    for a, b in sorted(zip(pairs["id"], pairs["parallel_of"])):
        same_language = [x for x in concept.index if language.get(x) == language[b]]
        concept_jsd, concept_rank = _closer_share(concept, a, b, same_language)
        if a in topics.index and b in topics.index:
            topic_jsd, topic_rank = _closer_share(topics, a, b, [x for x in topics.index if language.get(x) == language[b]])
        else:  # an article without any concept has no cross-lingual mixture
            topic_jsd, topic_rank = float("nan"), float("nan")
        rows.append({
            "article_a": a, "article_b": b, "language_a": language[a], "language_b": language[b],
            "sentences_a": int(sentences.get(a, 0)), "sentences_b": int(sentences.get(b, 0)),
            "concept_jsd": concept_jsd, "concept_rank": concept_rank, "topic_jsd": topic_jsd, "topic_rank": topic_rank,
        })
    return pd.DataFrame(rows, columns=PARALLEL_COLUMNS).round(DIGITS)
