"""Group statistics with article-aware bootstrap intervals: prevalence, differences, divergence,
topic effects.

Every statistic here is a ratio of weighted sums over the rows of a group (sentences, or
topic-model units), so one set of bootstrap weights per group serves them all; differences
between groups combine independent replicates of each group.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix

from .bootstrap import ARTICLES, BootstrapSettings, percentile_interval, replicate_weights, resampling_scheme

DIGITS = 6
UNKNOWN = "unknown"
REST = "rest"


@dataclass
class Group:
    """Rows of one group and their bootstrap replicates of the weighted sums."""

    name: str
    articles: int
    rows: int
    scheme: str
    totals: np.ndarray  # (replicates + 1, columns): row 0 the observed sums
    weights_sum: np.ndarray  # (replicates + 1,)


def summarise(name: str, article_of: np.ndarray, values: np.ndarray, settings: BootstrapSettings, rng) -> Group:
    """Weighted column sums of `values` (rows × columns) for the observed group and each replicate."""
    articles, inverse = np.unique(article_of, return_inverse=True)
    scheme = resampling_scheme(len(articles), settings)
    rows, sizes, row_articles = values, np.ones(len(values)), article_of
    if scheme == ARTICLES:
        # an article's rows are always drawn together: sum them once, then weight the articles
        members = csr_matrix((np.ones(len(inverse)), (inverse, np.arange(len(inverse)))), shape=(len(articles), len(inverse)))
        rows, sizes, row_articles = members @ values, np.bincount(inverse).astype(float), articles
    totals = [values.sum(axis=0)[None, :]]
    sums = [np.array([float(len(values))])]
    remaining = settings.replicates
    while remaining > 0:
        n = min(settings.chunk, remaining)
        weights = replicate_weights(row_articles, scheme, n, rng)
        totals.append(weights @ rows)
        sums.append(weights @ sizes)
        remaining -= n
    # stacked by blocks: a list of one array per replicate cost more than the replicates' sums
    return Group(name, len(articles), len(values), scheme, np.vstack(totals), np.concatenate(sums))


def compared_articles(sheet: pd.DataFrame, translations: str) -> pd.DataFrame:
    """The sheet's articles the comparisons read: all (`include`), or those written in their
    own language (`exclude`: no `translated_from`)."""
    return sheet if translations == "include" else sheet[sheet["translated_from"] == ""]


def group_labels(sheet: pd.DataFrame, column: str) -> pd.Series:
    return sheet[column].replace("", UNKNOWN)


def split_groups(labels: np.ndarray) -> dict[str, np.ndarray]:
    """group -> row positions (ascending); groups in sorted order."""
    names, inverse = np.unique(labels, return_inverse=True)
    order = np.argsort(inverse, kind="stable")
    return dict(zip(names, np.split(order, np.cumsum(np.bincount(inverse))[:-1])))


def comparisons(names: list[str]) -> list[tuple[str, str, str]]:
    """(kind, a, b): pairwise for every pair; one-vs-rest too when there are more than two groups."""
    pairs = [("pairwise", a, b) for a, b in combinations(names, 2)]
    if len(names) > 2:
        pairs = [("one_vs_rest", a, REST) for a in names] + pairs
    return pairs


def summarise_groups(labels: np.ndarray, articles: np.ndarray, values: np.ndarray, settings: BootstrapSettings,
                     rng, with_rest: bool = True) -> dict[str, Group]:
    """Every group's replicates, in sorted order; with more than two groups and `with_rest`,
    then the rest of the rows for each group, keyed "rest:<group>" (for one-vs-rest comparisons)."""
    members = split_groups(labels)
    summaries = {name: summarise(name, articles[idx], values[idx], settings, rng) for name, idx in members.items()}
    if with_rest and len(members) > 2:
        for name, idx in members.items():
            rest = np.setdiff1d(np.arange(len(labels)), idx)
            summaries[f"{REST}:{name}"] = summarise(REST, articles[rest], values[rest], settings, rng)
    return summaries


def paired(summaries: dict[str, Group]) -> Iterator[tuple[str, str, str, Group, Group]]:
    """(kind, a, b, group a, group b) for every comparison of `comparisons`."""
    names = sorted(n for n in summaries if not n.startswith(f"{REST}:"))
    for kind, a, b in comparisons(names):
        yield kind, a, b, summaries[a], summaries[f"{REST}:{a}" if b == REST else b]


def ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return numerator / denominator


def jensen_shannon(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Row-wise JSD (base 2) between count profiles, normalised here."""
    p = ratio(p, p.sum(axis=-1, keepdims=True))
    q = ratio(q, q.sum(axis=-1, keepdims=True))
    m = (p + q) / 2

    def kl(x, y):
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(x > 0, x * np.log2(x / y), 0.0).sum(axis=-1)

    return (kl(p, m) + kl(q, m)) / 2


def interval(values: np.ndarray) -> tuple:
    """The replicates' (rows 1:) percentile interval; per column when 2-D."""
    return percentile_interval(values[1:])
