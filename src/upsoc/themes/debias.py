"""Taking the language out of sentence vectors, so that they group by meaning.

A multilingual encoder puts sentences of one language near each other whatever they say: each
language (and each script of a language: Traditional and Simplified Chinese) adds an offset of
its own. Two debiasers, fitted on the vectors and their groups (`variety`), never on
translation pairs, so that the pairs stay an independent check:

* `GroupMeans`: subtract each group's mean vector (then scale to unit length again).
* `NullspaceProjection` (iterative nullspace projection, Ravfogel et al. 2020): after the group
  means, repeatedly fit a linear classifier that predicts the group and project the vectors
  onto the nullspace of its weight vectors, for at most `iterations` rounds, and stop as soon as
  the classifier (3-fold cross-validated) does no better than guessing the largest group: a
  classifier of no skill would remove directions of noise or meaning.

A sentence's group is its language, and for Chinese its script (`variety`): an article whose
sentences mostly differ from their Simplified form (the lemmas) is Traditional.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score

from ..languages import profile

TRADITIONAL_SHARE = 0.5
# a classifier within this much of the largest group's share has found nothing left to remove
CHANCE_MARGIN = 0.01


def variety(sentences: pd.DataFrame) -> pd.Series:
    """Per sentence: its language, or "zh-Hant" for the sentences of a Traditional article.

    sentences: sentence tables with a `language` column. The languages whose lemmas are the text
    in one normalised script (`coded_on_lemmas`: Chinese, in Simplified characters) tell the
    other script by the tokens that differ from their lemmas."""
    differs = pd.Series([tokens != lemmas for tokens, lemmas in zip(sentences["tokens"], sentences["lemmas"])],
                        index=sentences.index)
    normalised = sentences["language"].map(lambda code: profile(code).coded_on_lemmas)
    share = differs.groupby(sentences["article_id"]).transform("mean")
    traditional = normalised & (share >= TRADITIONAL_SHARE)
    return sentences["language"].where(~traditional, sentences["language"] + "-Hant")


def _unit_length(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


class GroupMeans(TransformerMixin, BaseEstimator):
    def fit(self, vectors: np.ndarray, groups: np.ndarray):
        self.groups_ = np.unique(groups)
        self.means_ = np.stack([vectors[groups == g].mean(axis=0) for g in self.groups_])
        return self

    def transform(self, vectors: np.ndarray, groups: np.ndarray) -> np.ndarray:
        index = np.searchsorted(self.groups_, groups)
        if not np.array_equal(self.groups_[np.minimum(index, len(self.groups_) - 1)], groups):
            raise ValueError(f"groups not seen in fit: {sorted(set(groups) - set(self.groups_))}")
        return _unit_length(vectors - self.means_[index])

    def fit_transform(self, vectors, groups):
        return self.fit(vectors, groups).transform(vectors, groups)


class NullspaceProjection(TransformerMixin, BaseEstimator):
    """Group means removed, then `iterations` rounds of: fit a multinomial logistic regression
    predicting the group, project its weight vectors out."""

    def __init__(self, iterations: int = 10, C: float = 1.0, random_state: int = 0):
        self.iterations, self.C, self.random_state = iterations, C, random_state

    def fit(self, vectors: np.ndarray, groups: np.ndarray):
        self.means_ = GroupMeans().fit(vectors, groups)
        centred = self.means_.transform(vectors, groups).astype(np.float64)
        dim = centred.shape[1]
        removed = np.zeros((0, dim))
        projection = np.eye(dim)
        _, sizes = np.unique(groups, return_counts=True)
        chance = sizes.max() / sizes.sum()
        for _ in range(self.iterations):
            classifier = LogisticRegression(C=self.C, max_iter=2000, random_state=self.random_state)
            if cross_val_score(classifier, centred @ projection, groups, cv=3).mean() <= chance + CHANCE_MARGIN:
                break
            classifier.fit(centred @ projection, groups)
            removed = np.vstack([removed, classifier.coef_])
            # orthonormal rows spanning every direction found so far
            _, sizes, basis = np.linalg.svd(removed, full_matrices=False)
            basis = basis[sizes > 1e-10]
            projection = np.eye(dim) - basis.T @ basis
        self.projection_ = projection
        self.removed_directions_ = np.linalg.matrix_rank(removed) if len(removed) else 0
        return self

    def transform(self, vectors: np.ndarray, groups: np.ndarray) -> np.ndarray:
        return _unit_length(self.means_.transform(vectors, groups) @ self.projection_).astype(np.float32)

    def fit_transform(self, vectors, groups):
        return self.fit(vectors, groups).transform(vectors, groups)
