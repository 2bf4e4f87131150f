"""Prediction-powered estimates of shares: PPI++ (Angelopoulos, Duchi & Zrnic 2023, "PPI++:
Efficient Prediction-Powered Inference", arXiv:2311.01453) with article-clustered variances.

A share θ (of sentences that careful coders give a concept) is estimated from the coding's
predictions f of every sentence of a population and the coders' codes y of a random sample of
it (the labelled sentences):

    θ̂(λ) = λ · mean(f over the population) + mean(y − λ·f over the labelled sentences)

which is unbiased for any fixed λ, whatever the coding's errors: the second term measures and
removes the coding's bias on a random sample. λ = 0 is the labelled sentences' own share, λ = 1
is PPI; PPI++ chooses the λ that minimises the asymptotic variance (power tuning), clipped to
[0, 1] as `ppi_py` does, so that a useless coding costs (asymptotically) nothing.

Variances, by `scheme` (the vocabulary of `upsoc.compare.bootstrap`):

* `ARTICLES`: the population's articles stand for the discourse they were drawn from, and
  sentences of one article are not independent. θ̂ is a smooth function of article totals
  (sentences, predictions, labelled sentences, their predictions and codes), so its variance is
  the cluster-robust (by article) sandwich of its linearisation, with the small-sample factor
  A / (A − 1) and a t reference with A − 1 degrees of freedom (A articles). With one article per
  sentence and labelled sentences apart from the population, it is `ppi_py.ppi_mean_ci`'s
  variance (imputed and rectifier terms, standard deviations with ddof 0).
* `SENTENCES`: the estimand is the share in *these* articles (too few to stand for others).
  The mean of f over them is a census, so only the labelled sample varies: a simple random
  sample of n of the N sentences, variance (1 − n/N) · S²(y − λf) / n, t with n − 1 degrees of
  freedom; λ is then the regression coefficient of y on f (the survey regression estimator).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

from .bootstrap import ARTICLES

# The normal approximation fails for a concept that a cell's labelled sentences hardly hold
# (the coverage study: 0.59 for true shares under 2%): an interval needs at least this many
# labelled sentences coded with the concept in each cell it rests on.
MIN_POSITIVES = 5


@dataclass(frozen=True)
class Estimate:
    """One population's estimates, one entry per concept (column of y and f)."""

    estimate: np.ndarray
    variance: np.ndarray
    df: np.ndarray  # degrees of freedom of the t reference
    lam: np.ndarray  # the power-tuning parameter used
    positives: np.ndarray  # labelled sentences the coders coded with the concept


def _clip(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.clip(np.where(denominator > 0, numerator / denominator, 0.0), 0.0, 1.0)


def _ppi_plus_plus_lambda(y: np.ndarray, f: np.ndarray, population_f: np.ndarray) -> np.ndarray:
    """PPI++'s power tuning for a mean (ppi_py's `_calc_lam_glm`): Cov(y, f) on the labelled
    sentences over (1 + n/N) times the variance of every prediction, clipped to [0, 1]. It is
    estimated from the sentences, not chosen to minimise the clustered variance below: that
    variance rests on few articles, and λ fitted to its noise makes intervals too short."""
    n, big_n = len(y), len(population_f)
    covariance = ((y - y.mean(axis=0)) * (f - f.mean(axis=0))).mean(axis=0)
    variance = np.var(np.concatenate([f, population_f]), axis=0, ddof=1)
    return _clip(covariance, (1 + n / big_n) * variance)


def _totals(cluster: np.ndarray, values: np.ndarray, index: np.ndarray, clusters: int) -> np.ndarray:
    """clusters × columns: the column sums of each cluster's rows."""
    position = np.searchsorted(index, cluster)
    return np.stack([np.bincount(position, weights=values[:, j], minlength=clusters) for j in range(values.shape[1])], axis=1)


def ppi_share(population_f: np.ndarray, population_article: np.ndarray, y: np.ndarray, f: np.ndarray,
              labelled_article: np.ndarray, scheme: str = ARTICLES, lam: float | None = None) -> Estimate:
    """population_f: sentences × concepts, the coding's predictions (0/1 or scores) of every
    sentence of the population, and population_article their articles; y, f, labelled_article:
    the labelled sentences' codes, predictions and articles. `lam`: a fixed λ (None: tuned)."""
    population_f, y, f = (np.asarray(a, dtype=float).reshape(len(a), -1) for a in (population_f, y, f))
    big_n, n = len(population_f), len(y)
    f_bar, y_bar, p_bar = population_f.mean(axis=0), y.mean(axis=0), f.mean(axis=0)
    if scheme == ARTICLES:
        index = np.unique(np.concatenate([population_article, labelled_article]))
        a = len(index)
        sizes = _totals(population_article, np.ones((big_n, 1)), index, a)
        labelled = _totals(labelled_article, np.ones((n, 1)), index, a)
        # each article's term of the linearisation: r from the codes, d from the predictions
        r = (_totals(labelled_article, y, index, a) - labelled * y_bar) / n
        d = (_totals(population_article, population_f, index, a) - sizes * f_bar) / big_n \
            - (_totals(labelled_article, f, index, a) - labelled * p_bar) / n
        tuned = _ppi_plus_plus_lambda(y, f, population_f) if lam is None else np.full(y.shape[1], float(lam))
        variance = a / (a - 1) * ((r + tuned * d) ** 2).sum(axis=0) if a > 1 else np.full(y.shape[1], np.nan)
        df = np.full(y.shape[1], a - 1.0)
    else:
        yc, fc = y - y_bar, f - p_bar
        tuned = _clip((yc * fc).sum(axis=0), (fc * fc).sum(axis=0)) if lam is None else np.full(y.shape[1], float(lam))
        residual = yc - tuned * fc
        variance = (1 - n / big_n) * (residual ** 2).sum(axis=0) / (n - 1) / n if n > 1 else np.full(y.shape[1], np.nan)
        df = np.full(y.shape[1], n - 1.0)
    return Estimate(tuned * f_bar + y_bar - tuned * p_bar, variance, df, tuned, y.sum(axis=0))


def combine(estimates: list[Estimate], weights: list[float]) -> Estimate:
    """Σ wᵢ θ̂ᵢ of estimates from disjoint sets of articles (independent): variances add with
    the weights squared; degrees of freedom by Welch–Satterthwaite. λ is not defined (NaN)."""
    w = np.asarray(weights, dtype=float)[:, None]
    parts = np.stack([e.variance for e in estimates]) * w ** 2
    variance = parts.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        df = variance ** 2 / (parts ** 2 / np.stack([e.df for e in estimates])).sum(axis=0)
    estimate = (np.stack([e.estimate for e in estimates]) * w).sum(axis=0)
    positives = np.stack([e.positives for e in estimates]).min(axis=0)  # the sparsest part's
    return Estimate(estimate, variance, df, np.full_like(estimate, np.nan), positives)


def interval(estimate: Estimate, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """The t interval; a point where the variance is 0 (nothing varies), NaN where it is
    undefined or rests on fewer than `MIN_POSITIVES` positive labelled sentences in a cell."""
    with np.errstate(invalid="ignore"):
        quantile = stats.t.ppf((1 + level) / 2, np.where(estimate.df > 0, estimate.df, np.nan))
    half = np.where(estimate.variance == 0, 0.0, quantile * np.sqrt(estimate.variance))
    half = np.where(estimate.positives >= MIN_POSITIVES, half, np.nan)
    return estimate.estimate - half, estimate.estimate + half
