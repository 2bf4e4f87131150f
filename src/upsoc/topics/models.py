"""Per-language topic models in the style of scikit-learn estimators.

`TopicModel(kind, n_topics, random_state)` wraps LDA on counts or NMF on TF-IDF behind one
interface: `fit(documents)`, `transform(documents)` -> unit × topic weights summing to 1,
`topic_term_` -> topic × term weights summing to 1, `vocabulary_`.

Settings suited to short units (tens to thousands of passages):
* LDA: sparse priors (doc_topic_prior 0.1, topic_word_prior 0.01) rather than scikit-learn's
  1/K defaults, which spread short documents over every topic; batch variational inference up
  to `ONLINE_FROM` units, then online (mini-batch) inference, which bounds memory; stops when
  perplexity stalls. scikit-learn's E-step updates one document at a time in a Python loop,
  which dominates the pipeline's run time; `VectorizedLDA` does the same per-document updates,
  with the same stopping rule per document, for all documents at once with sparse matrix
  products (identical results up to floating-point rounding, several times faster).
* NMF: TF-IDF with sublinear term frequency, NNDSVDa initialisation (deterministic),
  Frobenius loss; row-normalised to read as proportions.
The vocabulary keeps terms that occur in at least `min_df` units and in at most `max_df` of
them (very common terms carry no topic).
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import _sparsetools, csr_matrix
from scipy.special import gammaln, logsumexp, psi
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from ..layout import UNSEEDED_MODELS
from .labels import ranked

ONLINE_FROM = 2000
# Documents per block in the vectorised E-step: bounds its temporary arrays (nnz × K floats).
E_STEP_BLOCK = 5000


class VectorizedLDA(LatentDirichletAllocation):
    """scikit-learn's LatentDirichletAllocation with its E-step vectorised over documents."""

    def _e_step(self, X, cal_sstats, random_init, parallel=None):
        X = csr_matrix(X, dtype=np.float64)
        n_topics = self.components_.shape[0]
        if random_init:
            gamma = self.random_state_.gamma(100.0, 0.01, (X.shape[0], n_topics))
        else:
            gamma = np.ones((X.shape[0], n_topics))
        beta = self.exp_dirichlet_component_
        suff_stats = np.zeros_like(beta) if cal_sstats else None
        for start in range(0, X.shape[0], E_STEP_BLOCK):
            block = slice(start, start + E_STEP_BLOCK)
            gamma[block], stats = self._update_block(X[block], gamma[block], beta, cal_sstats)
            if cal_sstats:
                suff_stats += stats
        if cal_sstats:
            suff_stats *= beta
        return gamma, suff_stats

    def _update_block(self, X, gamma, beta, cal_sstats):
        """The per-document fixed-point updates of `_update_doc_distribution`, all documents at
        once; a document stops when its mean change falls below `mean_change_tol`.

        The nonzero counts of the documents still updating are kept as plain arrays, selected
        again only when a document stops, and their product with the topics is scipy's own
        sparse routine (`_row_products`): no sparse matrix is sliced or built per update, which
        on small corpora cost more than the arithmetic. Same arithmetic in the same order, so
        the same result to the bit (a test compares with the sparse-matrix form)."""
        eps = np.finfo(np.float64).eps
        exp_theta = np.exp(_dirichlet_expectation(gamma))
        beta_t = np.ascontiguousarray(beta.T)
        lengths = np.diff(X.indptr)
        row_of = np.repeat(np.arange(X.shape[0]), lengths)
        active = np.arange(X.shape[0])
        changed = True
        for _ in range(self.max_doc_update_iter):
            if changed:
                is_active = np.zeros(X.shape[0], dtype=bool)
                is_active[active] = True
                keep = is_active[row_of]
                owners, counts, indices = row_of[keep], X.data[keep], X.indices[keep]
                indptr = np.concatenate([[0], np.cumsum(lengths[active])]).astype(indices.dtype)
                terms = beta_t[indices]
            # as `_phi_weights`: each count divided by its normaliser
            weights = counts / (np.einsum("ij,ij->i", exp_theta[owners], terms) + eps)
            updated = exp_theta[active] * _row_products(indptr, indices, weights, beta_t) + self.doc_topic_prior_
            change = np.abs(updated - gamma[active]).mean(axis=1)
            gamma[active] = updated
            exp_theta[active] = np.exp(_dirichlet_expectation(updated))
            still = change >= self.mean_change_tol
            changed = not still.all()
            active = active[still]
            if not active.size:
                break
        stats = (_phi_weights(X, exp_theta, beta, eps).T @ exp_theta).T if cal_sstats else None
        return gamma, stats

    def _approx_bound(self, X, doc_topic_distr, sub_sampling):
        """The variational bound of scikit-learn's `_approx_bound`, its per-document sum vectorised."""
        X = csr_matrix(X, dtype=np.float64)
        elog_theta = _dirichlet_expectation(doc_topic_distr)
        elog_beta = _dirichlet_expectation(self.components_)
        score = 0.0
        for start in range(0, X.shape[0], E_STEP_BLOCK):
            rows = X[start : start + E_STEP_BLOCK]
            docs = start + np.repeat(np.arange(rows.shape[0]), np.diff(rows.indptr))
            score += rows.data @ logsumexp(elog_theta[docs] + elog_beta.T[rows.indices], axis=1)
        score += _dirichlet_term(self.doc_topic_prior_, doc_topic_distr, elog_theta, self.n_components)
        if sub_sampling:
            score *= float(self.total_samples) / X.shape[0]
        return score + _dirichlet_term(self.topic_word_prior_, self.components_, elog_beta, X.shape[1])


def _row_products(indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, dense: np.ndarray) -> np.ndarray:
    """The CSR matrix (data, indices, indptr) times `dense` (C order), by the routine scipy's
    `csr_matrix @ dense` runs, without building the matrix."""
    result = np.zeros((len(indptr) - 1, dense.shape[1]))
    _sparsetools.csr_matvecs(len(indptr) - 1, dense.shape[0], dense.shape[1], indptr, indices, data,
                             dense.ravel(), result.ravel())
    return result


def _dirichlet_term(prior: float, distr: np.ndarray, elog: np.ndarray, size: int) -> float:
    """E[log p(theta | prior)] - E[log q(theta | distr)] summed over rows (as in scikit-learn)."""
    score = np.sum((prior - distr) * elog)
    score += np.sum(gammaln(distr) - gammaln(prior))
    return score + np.sum(gammaln(prior * size) - gammaln(np.sum(distr, 1)))


def _dirichlet_expectation(alpha: np.ndarray) -> np.ndarray:
    """E[log theta] for theta ~ Dirichlet(alpha), row-wise."""
    return psi(alpha) - psi(alpha.sum(axis=1, keepdims=True))


def _phi_weights(X: csr_matrix, exp_theta: np.ndarray, beta: np.ndarray, eps: float) -> csr_matrix:
    """X with each count divided by its normaliser sum_k exp_theta[d, k] * beta[k, w]."""
    rows = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))
    norm = np.einsum("ij,ij->i", exp_theta[rows], beta.T[X.indices]) + eps
    return csr_matrix((X.data / norm, X.indices, X.indptr), shape=X.shape)


def _split(text: str) -> list[str]:
    return text.split()


def make_vectorizer(n_documents: int, min_df: int = 2, max_df: float = 0.5) -> CountVectorizer:
    # with very few units a max_df share would drop every term
    return CountVectorizer(analyzer=_split, min_df=min(min_df, n_documents), max_df=max_df if n_documents >= 20 else 1.0)


def unit_mixtures(theta: np.ndarray) -> np.ndarray:
    """Unit × topic weights normalised to sum to 1; uniform for a unit with no weight at all."""
    totals = theta.sum(axis=1, keepdims=True)
    return np.where(totals > 0, theta / np.maximum(totals, 1e-12), 1.0 / theta.shape[1])


class TopTerms:
    """`top_terms(n)` of a model with a `topic_term_` matrix."""

    topic_term_: np.ndarray

    def top_terms(self, n: int) -> list[list[int]]:
        """Each topic's n most probable terms, as column indices; terms of weight 0 are not the
        topic's (NMF's sparse topics, a seeded topic the sampler left empty)."""
        return [ranked(row, row, n) for row in self.topic_term_]


class TopicModel(TopTerms):
    def __init__(self, kind: str, n_topics: int, random_state: int, max_iter: int = 200):
        if kind not in UNSEEDED_MODELS:
            raise ValueError(f"unknown topic model {kind!r}; expected one of {UNSEEDED_MODELS}")
        self.kind = kind
        self.n_topics = n_topics
        self.random_state = random_state
        self.max_iter = max_iter

    def fit(self, counts: csr_matrix) -> "TopicModel":
        if self.kind == "lda":
            self.estimator_ = VectorizedLDA(
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
            return unit_mixtures(self.estimator_.transform(counts))
        return unit_mixtures(self.estimator_.transform(self.tfidf_.transform(counts)))
