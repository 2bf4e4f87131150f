"""Topic prevalence by group, in the spirit of stm's estimateEffect.

For each topic, the unit-level topic proportions of the cross-lingual model are regressed on
a group indicator; with one binary regressor, the OLS coefficient is the difference between
the group's mean proportion and the other group's (or the rest's). Its interval comes from
the article-aware bootstrap, which, unlike the analytic OLS interval, respects that units of
one article are not independent.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..tables import parse_unit_id
from .bootstrap import BootstrapSettings
from .groups import DIGITS, group_labels, interval, paired, ratio, summarise_groups

EFFECT_COLUMNS = [
    "grouping", "comparison", "group_a", "group_b", "topic", "mean_a", "mean_b", "effect", "low", "high",
    "units_a", "units_b", "resampling_a", "resampling_b",
]


def topic_effects(doc_topics: pd.DataFrame, sheet: pd.DataFrame, groupings: list[str], settings: BootstrapSettings) -> pd.DataFrame:
    theta = doc_topics.pivot(index="unit_id", columns="topic", values="weight").sort_index()
    theta = theta.astype(float)
    articles = np.array([parse_unit_id(unit).article_id for unit in theta.index], dtype=object)
    sheet = sheet.set_index("id", drop=False)
    rng = np.random.default_rng(settings.random_state)
    rows = []
    for grouping in groupings:
        labels = pd.Series(articles).map(group_labels(sheet, grouping)).to_numpy()
        for kind, a, b, ga, gb in paired(summarise_groups(labels, articles, theta.to_numpy(), settings, rng)):
            mean_a = ratio(ga.totals, ga.weights_sum[:, None])
            mean_b = ratio(gb.totals, gb.weights_sum[:, None])
            effect = mean_a - mean_b
            for j, topic in enumerate(theta.columns):
                rows.append({
                    "grouping": grouping, "comparison": kind, "group_a": a, "group_b": b, "topic": int(topic),
                    "mean_a": mean_a[0, j], "mean_b": mean_b[0, j], "effect": effect[0, j],
                    **dict(zip(["low", "high"], interval(effect[:, j]))),
                    "units_a": ga.rows, "units_b": gb.rows, "resampling_a": ga.scheme, "resampling_b": gb.scheme,
                })
    return pd.DataFrame(rows, columns=EFFECT_COLUMNS).round(DIGITS)
