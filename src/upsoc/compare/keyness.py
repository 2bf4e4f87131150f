"""Keyness between groups: log-odds ratios with an informative Dirichlet prior.

Monroe, Colaresi & Quinn (2008), "Fightin' Words", section 3.5. For term w, group counts
y_a, y_b (totals n_a, n_b) and a prior α_w = α0 · (share of w in the whole language corpus):

    δ_w = log((y_a + α_w) / (n_a + α0 − y_a − α_w)) − log((y_b + α_w) / (n_b + α0 − y_b − α_w))
    σ²_w ≈ 1 / (y_a + α_w) + 1 / (y_b + α_w),     z_w = δ_w / σ_w

Two-sided normal p-values, adjusted for the false discovery rate over all terms of the
comparison (Benjamini & Hochberg 1995). Terms are the pipeline's content lemmas (the `terms`
of the topic-model units), so the measure works for Chinese and Persian as for English.

Comparisons are planned per language, among that language's articles only: a grouping whose
values all its articles share (every Persian article is `networking`) gives it none.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy.stats import norm

from .groups import DIGITS, REST, comparisons, group_labels

KEYNESS_COLUMNS = ["grouping", "comparison", "group_a", "group_b", "term", "count_a", "count_b",
                   "log_odds", "se", "z", "p", "q"]


class KeynessPlan(NamedTuple):
    """One comparison: the terms of group a's articles against those of group b's."""

    grouping: str
    comparison: str  # "pairwise" or "one_vs_rest"
    group_a: str
    group_b: str  # REST in a one-vs-rest comparison
    articles_a: list[str]
    articles_b: list[str]


def keyness_plans(sheet: pd.DataFrame, article_ids: list[str], groupings: list[str]) -> list[KeynessPlan]:
    """The comparisons of `groups.comparisons` between the groups these articles form, per grouping.

    sheet: the article sheet indexed by id."""
    plans = []
    for grouping in groupings:
        labels = group_labels(sheet.loc[article_ids], grouping)
        members = {group: sorted(labels.index[labels == group]) for group in sorted(labels.unique())}
        for kind, a, b in comparisons(sorted(members)):
            others = sorted(set(labels.index) - set(members[a])) if b == REST else members[b]
            plans.append(KeynessPlan(grouping, kind, a, b, members[a], others))
    return plans


def language_keyness(units: pd.DataFrame, sheet: pd.DataFrame, language: str, groupings: list[str],
                     prior_strength: float, min_count: int) -> pd.DataFrame:
    """The keyness table of one language, from the topic-model units of every language."""
    in_language = units[units["language"] == language]
    terms = in_language.groupby("article_id", sort=True)["terms"].apply(" ".join).reset_index()
    plans = keyness_plans(sheet.set_index("id", drop=False), list(terms["article_id"]), groupings)
    return keyness_table(terms, plans, prior_strength, min_count)


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    n = len(p)
    if n == 0:
        return p
    order = np.argsort(p, kind="stable")
    ranked = p[order] * n / np.arange(1, n + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    q = np.empty(n)
    q[order] = np.minimum(adjusted, 1.0)
    return q


def log_odds(counts_a: Counter, counts_b: Counter, background: Counter, prior_strength: float) -> pd.DataFrame:
    terms = sorted(set(counts_a) | set(counts_b))
    ya = np.array([counts_a[t] for t in terms], dtype=float)
    yb = np.array([counts_b[t] for t in terms], dtype=float)
    total_background = sum(background.values())
    alpha = np.array([prior_strength * background[t] / total_background for t in terms])
    na, nb = ya.sum(), yb.sum()
    delta = np.log((ya + alpha) / (na + prior_strength - ya - alpha)) - np.log((yb + alpha) / (nb + prior_strength - yb - alpha))
    se = np.sqrt(1 / (ya + alpha) + 1 / (yb + alpha))
    z = delta / se
    p = 2 * norm.sf(np.abs(z))
    return pd.DataFrame({"term": terms, "count_a": ya.astype(int), "count_b": yb.astype(int),
                         "log_odds": delta, "se": se, "z": z, "p": p, "q": benjamini_hochberg(p)})


def pooled(counters) -> Counter:
    """The counts summed, in place: `sum(counters, Counter())` copies the running total at every
    article, quadratic in the number of articles (8 of the comparisons' 15 s at 1,000 articles)."""
    total = Counter()
    for counter in counters:
        total.update(counter)
    return total


def keyness_table(term_lists: pd.DataFrame, plans: list[KeynessPlan], prior_strength: float, min_count: int) -> pd.DataFrame:
    """term_lists: article_id -> space-separated content terms of one language."""
    counts = {a: Counter(terms.split()) for a, terms in zip(term_lists["article_id"], term_lists["terms"])}
    background = pooled(counts.values())
    frames = []
    for grouping, kind, a, b, articles_a, articles_b in plans:
        ca = pooled(counts[x] for x in articles_a)
        cb = pooled(counts[x] for x in articles_b)
        table = log_odds(ca, cb, background, prior_strength)
        table = table[(table["count_a"] + table["count_b"]) >= min_count].copy()
        table["q"] = benjamini_hochberg(table["p"].to_numpy())
        table.insert(0, "group_b", b)
        table.insert(0, "group_a", a)
        table.insert(0, "comparison", kind)
        table.insert(0, "grouping", grouping)
        frames.append(table.sort_values(["z", "term"], ascending=[False, True]))
    if not frames:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    return pd.concat(frames, ignore_index=True)[KEYNESS_COLUMNS].round(DIGITS)
