"""The seeded topics of one language against the coding of their concepts, and their
prevalence per group.

For every concept (codebook order) and group (`all`: every unit of the language; then each
group of each grouping), over the modelling units of the group:

* correlation: Pearson's r between the weight of the concept's seeded topic in a unit and the
  unit's coding of the concept (1 when one of its sentences is coded with it, else 0): whether
  the topic finds the passages the codebook's cues find;
* prevalence: the mean weight of the seeded topic in the group's units, beside `coded_share`,
  the share of its units that the coding marks;

each with a 95% percentile interval from the article-aware bootstrap of `upsoc.compare.bootstrap`
(articles resampled, or units within articles when the group has fewer than `min_articles`;
`resampling` says which). A concept without a seeded topic (none of its cue terms is in the
model's vocabulary) has its counts and empty statistics.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..tables import concept_indicators, parse_unit_id
from .bootstrap import BootstrapSettings
from .groups import DIGITS, group_labels, interval, ratio, summarise_groups

AGREEMENT_COLUMNS = [
    "concept", "topic", "grouping", "group", "articles", "units", "coded_units", "coded_sentences",
    "correlation", "correlation_low", "correlation_high",
    "prevalence", "prevalence_low", "prevalence_high", "coded_share", "coded_share_low", "coded_share_high",
    "resampling",
]
ALL = "all"
# per seeded topic, the unit values whose sums give its statistics: w, c, w², w·c (c² = c)
_SUMS = 4


def unit_coding(units: pd.DataFrame, coded: pd.DataFrame, concepts: list[str]) -> np.ndarray:
    """units × concepts: 1 when one of the unit's sentences is coded with the concept."""
    found = concept_indicators(coded["concepts"], concepts)
    row = {(a, int(s)): i for i, (a, s) in enumerate(zip(coded["article_id"], coded["sentence_id"]))}
    coding = np.zeros((len(units), len(concepts)), dtype=int)
    for i, unit_id in enumerate(units["unit_id"]):
        article_id, first, last = parse_unit_id(unit_id)
        rows = [row[(article_id, s)] for s in range(first, last + 1) if (article_id, s) in row]
        coding[i] = found[rows].max(axis=0) if rows else 0
    return coding


def _correlation(totals: np.ndarray, n: np.ndarray) -> np.ndarray:
    w, c, ww, wc = (totals[:, i::_SUMS] / n[:, None] for i in range(_SUMS))
    with np.errstate(divide="ignore", invalid="ignore"):
        return ratio(wc - w * c, np.sqrt((ww - w**2) * (c - c**2)))


def seeded_agreement(doc_topics: pd.DataFrame, labels: pd.DataFrame, coded: pd.DataFrame, sheet: pd.DataFrame,
                     concepts: list[str], groupings: list[str], settings: BootstrapSettings) -> pd.DataFrame:
    """doc_topics, labels: the seeded model's; coded: the coded sentences of its language."""
    topic_of = {c: int(t) for t, c in zip(labels["topic"], labels["seeded_with"]) if c}
    weights = doc_topics.astype({"topic": int, "weight": float}).pivot(index="unit_id", columns="topic", values="weight")
    units = weights.index.to_frame(index=False)
    articles = units["unit_id"].map(lambda u: parse_unit_id(u).article_id).to_numpy()
    seeded = [c for c in concepts if c in topic_of]
    coding = unit_coding(units, coded, concepts)
    w = weights[[topic_of[c] for c in seeded]].to_numpy()
    c = coding[:, [concepts.index(concept) for concept in seeded]].astype(float)
    values = np.stack([w, c, w * w, w * c], axis=2).reshape(len(units), _SUMS * len(seeded))
    sentences = concept_indicators(coded["concepts"], concepts)
    by_id = sheet.set_index("id", drop=False)
    rng = np.random.default_rng(settings.random_state)
    rows = []
    for grouping in [ALL] + groupings:
        label_of = (lambda a: ALL) if grouping == ALL else group_labels(by_id, grouping).get
        unit_groups = np.array([label_of(a) for a in articles])
        groups = summarise_groups(unit_groups, articles, values, settings, rng, with_rest=False)
        sentence_groups = np.array([label_of(a) for a in coded["article_id"]])
        for name, group in groups.items():
            n = group.weights_sum
            correlation = _correlation(group.totals, n)
            prevalence = group.totals[:, 0::_SUMS] / n[:, None]
            share = group.totals[:, 1::_SUMS] / n[:, None]
            bounds = {key: interval(value) for key, value in
                      [("correlation", correlation), ("prevalence", prevalence), ("coded_share", share)]}
            coded_sentences = sentences[sentence_groups == name].sum(axis=0)
            coded_units = coding[unit_groups == name].sum(axis=0)
            for j, concept in enumerate(concepts):
                row = {"concept": concept, "topic": topic_of.get(concept, ""), "grouping": grouping, "group": name,
                       "articles": group.articles, "units": group.rows, "coded_units": int(coded_units[j]),
                       "coded_sentences": int(coded_sentences[j]), "resampling": group.scheme}
                if concept in topic_of:
                    s = seeded.index(concept)
                    for key, value in [("correlation", correlation), ("prevalence", prevalence), ("coded_share", share)]:
                        row[key] = value[0, s]
                        row[f"{key}_low"], row[f"{key}_high"] = bounds[key][0][s], bounds[key][1][s]
                rows.append(row)
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS).round(DIGITS)
