"""Topic quality: NPMI coherence, topic diversity, and stability across seeds.

* NPMI (Bouma 2009; Lau, Newman & Baldwin 2014): for each pair of a topic's top terms,
  log(P(a,b) / (P(a)P(b))) / -log P(a,b), with probabilities estimated as the share of
  reference documents (the modelling units) that contain the terms; a pair that never
  co-occurs scores -1. A topic's coherence is the mean over its pairs; a model's, the mean
  over its topics. Coherence is measured on the corpus the model was fit on, the usual
  "intrinsic" setting for small corpora without a reference collection.
* Diversity (Dieng, Ruiz & Blei 2020): the share of unique terms among all topics' top 25.
* Stability: the model is refit with other seeds; each refit's topics are matched one-to-one
  to the reference topics by the Hungarian algorithm on the Jaccard overlap of their top
  terms; a topic's stability is its matched overlap averaged over refits, a model's the mean
  over its topics (1: the same topics every time).
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix


def npmi(top_terms: list[list[int]], documents: csr_matrix) -> list[float]:
    """Mean pairwise NPMI of each topic's top terms (column indices of `documents`)."""
    present = (documents > 0).astype(np.float64).tocsc()
    n = present.shape[0]
    scores = []
    for terms in top_terms:
        values = []
        for a, b in combinations(terms, 2):
            col_a, col_b = present[:, a], present[:, b]
            p_a, p_b = col_a.sum() / n, col_b.sum() / n
            p_ab = col_a.multiply(col_b).sum() / n
            if p_ab == 0:
                values.append(-1.0)
            elif p_ab == 1:
                values.append(1.0)
            else:
                values.append(float(np.log(p_ab / (p_a * p_b)) / -np.log(p_ab)))
        scores.append(float(np.mean(values)) if values else 0.0)
    return scores


def diversity(top_terms: list[list[int]]) -> float:
    all_terms = [t for terms in top_terms for t in terms]
    return len(set(all_terms)) / len(all_terms) if all_terms else 0.0


def jaccard(a, b) -> float:
    """Overlap of two term sets; 0 for two empty topics, which are nothing found again."""
    a, b = set(a), set(b)
    return len(a & b) / len(a | b) if a | b else 0.0


def topic_overlaps(reference: list[list[int]], other: list[list[int]]) -> np.ndarray:
    """Per reference topic, the Jaccard overlap with the topic of `other` it is matched to
    one-to-one by the Hungarian algorithm (as stm's multiSTM matches topics across runs)."""
    overlap = np.array([[jaccard(r, o) for o in other] for r in reference])
    rows, cols = linear_sum_assignment(-overlap)
    matched = np.zeros(len(reference))
    matched[rows] = overlap[rows, cols]
    return matched
