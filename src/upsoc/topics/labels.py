"""Reading a fitted model: top terms, FREX, representative units, alignment with the codebook.

FREX (Bischof & Airoldi 2012, as in stm's labelTopics) ranks a topic's terms by the weighted
harmonic mean of their within-topic rank in frequency (the topic's term probability) and in
exclusivity (that probability over the term's probabilities in all topics), weight 0.5.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

FREX_WEIGHT = 0.5
# Ranks are taken on values rounded to this many decimals: ties must not be broken by the last
# bits of a float, which differ with the BLAS build and its threads (then by vocabulary order).
RANKING_DECIMALS = 12
TOPIC_TERM_COLUMNS = ["topic", "rank", "term", "weight", "frex", "frex_rank"]
REPRESENTATIVE_COLUMNS = ["topic", "rank", "unit_id", "article_id", "weight", "text"]
ALIGNMENT_COLUMNS = ["topic", "concept", "units", "mean_weight", "lift"]
SEEDED_TERM_COLUMNS = ["concept", "rank", "term", "weight", "is_cue"]


def _descending(values: np.ndarray) -> np.ndarray:
    """Indices from the highest value to the lowest, ties in index order."""
    return np.argsort(-np.round(values, RANKING_DECIMALS), kind="stable")


def _ecdf(values: np.ndarray) -> np.ndarray:
    order = np.argsort(np.round(values, RANKING_DECIMALS), kind="stable")
    ranks = np.empty(len(values))
    ranks[order] = np.arange(1, len(values) + 1)
    return ranks / len(values)


def frex(topic_term: np.ndarray, weight: float = FREX_WEIGHT) -> np.ndarray:
    exclusivity = topic_term / np.maximum(topic_term.sum(axis=0, keepdims=True), 1e-12)
    scores = np.empty_like(topic_term)
    for k in range(topic_term.shape[0]):
        scores[k] = 1.0 / (weight / _ecdf(exclusivity[k]) + (1 - weight) / _ecdf(topic_term[k]))
    return scores


def ranked(scores: np.ndarray, weights: np.ndarray, n: int) -> list[int]:
    """The n terms of highest score among those with a positive weight in the topic."""
    return [i for i in _descending(scores) if weights[i] > 0][:n]


def topic_terms(topic_term: np.ndarray, vocabulary: np.ndarray, n: int) -> pd.DataFrame:
    scores = frex(topic_term)
    rows = []
    for k, (weights, frex_scores) in enumerate(zip(topic_term, scores), start=1):
        frex_rank = np.empty(len(weights), dtype=int)
        frex_rank[_descending(frex_scores)] = np.arange(1, len(weights) + 1)
        for rank, term in enumerate(ranked(weights, weights, n), start=1):
            rows.append({"topic": k, "rank": rank, "term": vocabulary[term], "weight": weights[term],
                         "frex": frex_scores[term], "frex_rank": frex_rank[term]})
    return pd.DataFrame(rows, columns=TOPIC_TERM_COLUMNS)


def seeded_terms(topic_term: np.ndarray, vocabulary: np.ndarray, seeds: dict[str, list[int]], n: int) -> pd.DataFrame:
    """The top terms of each concept's seeded topic (the first topics, in the order of `seeds`),
    marking its cue terms: the others are the corpus' words for the concept, candidate cues."""
    rows = []
    for topic, (concept, cues) in enumerate(seeds.items()):
        for rank, term in enumerate(ranked(topic_term[topic], topic_term[topic], n), start=1):
            rows.append({"concept": concept, "rank": rank, "term": vocabulary[term], "weight": topic_term[topic, term],
                         "is_cue": int(term in cues)})
    return pd.DataFrame(rows, columns=SEEDED_TERM_COLUMNS)


def frex_terms(topic_term: np.ndarray, vocabulary: np.ndarray, n: int) -> list[list[str]]:
    return [[vocabulary[i] for i in ranked(scores, weights, n)] for scores, weights in zip(frex(topic_term), topic_term)]


def representatives(theta: np.ndarray, units: pd.DataFrame, n: int) -> pd.DataFrame:
    rows = []
    for k in range(theta.shape[1]):
        for rank, i in enumerate(_descending(theta[:, k])[:n], start=1):
            unit = units.iloc[i]
            rows.append({"topic": k + 1, "rank": rank, "unit_id": unit["unit_id"], "article_id": unit["article_id"],
                         "weight": theta[i, k], "text": unit["text"]})
    return pd.DataFrame(rows, columns=REPRESENTATIVE_COLUMNS)


MIN_CARRIERS = 3


def concept_alignment(theta: np.ndarray, units: pd.DataFrame, n: int) -> pd.DataFrame:
    """Per topic, the codebook concepts whose units weigh most on it: lift = mean topic weight
    in units carrying the concept / mean topic weight in all units. Concepts carried by fewer
    than MIN_CARRIERS units are left out: their lift is noise."""
    carriers: dict[str, list[int]] = {}
    for i, field in enumerate(units["concepts"]):
        for concept in set(field.split()):
            carriers.setdefault(concept, []).append(i)
    rows = []
    overall = theta.mean(axis=0)
    for k in range(theta.shape[1]):
        scored = []
        for concept, idx in carriers.items():
            if len(idx) < MIN_CARRIERS:
                continue
            mean = theta[idx, k].mean()
            scored.append((mean / max(overall[k], 1e-12), concept, len(idx), mean))
        for lift, concept, count, mean in sorted(scored, key=lambda s: (-s[0], s[1]))[:n]:
            rows.append({"topic": k + 1, "concept": concept, "units": count, "mean_weight": mean, "lift": lift})
    return pd.DataFrame(rows, columns=ALIGNMENT_COLUMNS)
