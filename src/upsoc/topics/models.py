"""Per-language topic models in the style of scikit-learn estimators.

`TopicModel(kind, n_topics, random_state)` wraps LDA on counts or NMF on TF-IDF behind one
interface: `fit(documents)`, `transform(documents)` -> unit × topic weights summing to 1,
`topic_term_` -> topic × term weights summing to 1, `vocabulary_`.

Settings suited to short units (tens to thousands of passages):
* LDA: sparse priors (doc_topic_prior 0.1, topic_word_prior 0.01) rather than scikit-learn's
  1/K defaults, which spread short documents over every topic; batch variational inference up
  to `ONLINE_FROM` units, then online (mini-batch) inference, which bounds memory; stops when
  perplexity stalls.
* NMF: TF-IDF with sublinear term frequency, NNDSVDa initialisation (deterministic),
  Frobenius loss; row-normalised to read as proportions.
The vocabulary keeps terms that occur in at least `min_df` units and in at most `max_df` of
them (very common terms carry no topic).
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

ONLINE_FROM = 2000
MODELS = ("lda", "nmf")


def _split(text: str) -> list[str]:
    return text.split()


def make_vectorizer(n_documents: int, min_df: int = 2, max_df: float = 0.5) -> CountVectorizer:
    # with very few units a max_df share would drop every term
    return CountVectorizer(analyzer=_split, min_df=min(min_df, n_documents), max_df=max_df if n_documents >= 20 else 1.0)


class TopicModel:
    def __init__(self, kind: str, n_topics: int, random_state: int, max_iter: int = 200):
        if kind not in MODELS:
            raise ValueError(f"unknown topic model {kind!r}; expected one of {MODELS}")
        self.kind = kind
        self.n_topics = n_topics
        self.random_state = random_state
        self.max_iter = max_iter

    def fit(self, counts: csr_matrix) -> "TopicModel":
        if self.kind == "lda":
            self.estimator_ = LatentDirichletAllocation(
                n_components=self.n_topics,
                doc_topic_prior=0.1,
                topic_word_prior=0.01,
                learning_method="batch" if counts.shape[0] < ONLINE_FROM else "online",
                max_iter=self.max_iter if counts.shape[0] < ONLINE_FROM else 20,
                # stop when perplexity, checked every 5 passes, improves by less than 0.1
                evaluate_every=5,
                perp_tol=0.1,
                random_state=self.random_state,
            ).fit(counts)
        else:
            self.tfidf_ = TfidfTransformer(sublinear_tf=True).fit(counts)
            self.estimator_ = NMF(
                n_components=self.n_topics, init="nndsvda", max_iter=self.max_iter * 2, random_state=self.random_state
            ).fit(self.tfidf_.transform(counts))
        weights = self.estimator_.components_
        self.topic_term_ = weights / np.maximum(weights.sum(axis=1, keepdims=True), 1e-12)
        return self

    def transform(self, counts: csr_matrix) -> np.ndarray:
        if self.kind == "lda":
            theta = self.estimator_.transform(counts)
        else:
            theta = self.estimator_.transform(self.tfidf_.transform(counts))
        totals = theta.sum(axis=1, keepdims=True)
        uniform = np.full_like(theta, 1.0 / self.n_topics)
        return np.where(totals > 0, theta / np.maximum(totals, 1e-12), uniform)

    def top_terms(self, n: int) -> list[list[int]]:
        return [list(np.argsort(-row, kind="stable")[:n]) for row in self.topic_term_]
