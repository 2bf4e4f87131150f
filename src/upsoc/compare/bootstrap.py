"""Bootstrap that respects the article structure of the corpus.

Sentences of one article are not independent, so a group's replicates resample *articles*
(each drawn article brings all its sentences) when the group has at least `min_articles` of
them. With fewer articles an article bootstrap has almost no variation to draw on, so the
replicates resample *sentences within each article* instead, and the table says so: those
intervals describe the sampling of sentences in these articles, not of articles from the
discourse. A group of one article is flagged as such.

A replicate is a vector of sentence weights (how often each sentence was drawn); statistics
are computed from weighted sums, `chunk` replicates at a time to bound memory.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

ARTICLES = "articles"
SENTENCES = "sentences within articles"
SINGLE = "sentences within articles (single article)"


@dataclass(frozen=True)
class BootstrapSettings:
    replicates: int
    min_articles: int
    random_state: int
    chunk: int = 200  # replicates computed at a time: bounds memory


def resampling_scheme(n_articles: int, settings: BootstrapSettings) -> str:
    if n_articles >= settings.min_articles:
        return ARTICLES
    return SINGLE if n_articles == 1 else SENTENCES


def replicate_weights(article_of: np.ndarray, scheme: str, n: int, rng: np.random.Generator) -> np.ndarray:
    """n × sentences matrix of bootstrap weights for the sentences of one group."""
    articles, inverse = np.unique(article_of, return_inverse=True)
    weights = np.zeros((n, len(article_of)))
    if scheme == ARTICLES:
        draws = rng.integers(0, len(articles), size=(n, len(articles)))
        per_article = np.stack([np.bincount(row, minlength=len(articles)) for row in draws])
        return per_article[:, inverse].astype(float)
    for a in range(len(articles)):
        members = np.flatnonzero(inverse == a)
        weights[:, members] = rng.multinomial(len(members), np.full(len(members), 1 / len(members)), size=n)
    return weights


def percentile_interval(values: np.ndarray, level: float = 0.95) -> tuple:
    """Percentile interval of the finite values; of each column when `values` is 2-D (NaN
    where a column has no finite value)."""
    matrix = values.reshape(len(values), -1)
    finite = np.isfinite(matrix)
    tails = [(1 - level) / 2 * 100, (1 + level) / 2 * 100]
    bounds = np.full((2, matrix.shape[1]), np.nan)
    complete = finite.all(axis=0)
    if complete.any():  # one vectorised call for the columns without missing replicates
        bounds[:, complete] = np.percentile(matrix[:, complete], tails, axis=0)
    for j in np.flatnonzero(~complete & finite.any(axis=0)):
        bounds[:, j] = np.percentile(matrix[finite[:, j], j], tails)
    low, high = bounds
    return (low, high) if values.ndim > 1 else (float(low[0]), float(high[0]))
