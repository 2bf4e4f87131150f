"""Concept prevalence by group, differences between groups, and divergence of concept profiles.

Prevalence is the share of a group's sentences that carry a concept (pooled over the group's
sentences, so long articles weigh more), and the share of its advice sentences that do.

Comparing frames by concepts that the frame's own defining terms express would be circular
(every 向上社交 sentence is about connecting upward): grouping `frame` counts a concept in a
sentence only when something other than a frame term expresses it (the coding's `frame_only`);
grouping `frame_inclusive` counts all evidence, for comparison.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..tables import concept_indicators
from .bootstrap import BootstrapSettings
from .correction import ErrorRates, corrected_shares
from .groups import DIGITS, REST, group_labels, interval, jensen_shannon, paired, ratio, summarise_groups

PREVALENCE_COLUMNS = [
    "grouping", "group", "concept", "kind", "articles", "sentences", "share", "share_low", "share_high",
    "advice_sentences", "advice_share", "advice_low", "advice_high", "resampling",
    "share_corrected", "corrected_low", "corrected_high",
]
DIFFERENCE_COLUMNS = [
    "grouping", "comparison", "group_a", "group_b", "concept", "share_a", "share_b", "difference", "low", "high",
    "advice_difference", "advice_low", "advice_high", "resampling_a", "resampling_b",
    "difference_corrected", "corrected_low", "corrected_high",
]
DIVERGENCE_COLUMNS = ["grouping", "comparison", "group_a", "group_b", "jsd", "low", "high", "resampling_a", "resampling_b"]


FRAME, FRAME_INCLUSIVE = "frame", "frame_inclusive"
# A corrected share is given only when at least this share of its replicates has one.
MIN_FINITE_REPLICATES = 0.95


def indicator_matrix(coded: pd.DataFrame, concepts: list[str], without: str | None = None) -> np.ndarray:
    """sentences × concepts; `without`: a column of concepts not to count (e.g. `frame_only`)."""
    found = concept_indicators(coded["concepts"], concepts)
    if without is not None:
        found = found & (1 - concept_indicators(coded[without], concepts))
    return found.astype(float)


class ConceptComparison:
    """Fit on the coded sentences and the sheet; then `prevalence()`, `differences()`, `divergence()`."""

    def __init__(self, coded: pd.DataFrame, sheet: pd.DataFrame, concepts: list[str], kinds: dict[str, str],
                 groupings: list[str], settings: BootstrapSettings, rates: ErrorRates | None = None):
        """rates: the coding's error rates, for the corrected shares (`upsoc.compare.correction`)."""
        self.concepts, self.kinds, self.settings, self.rates = concepts, kinds, settings, rates
        self.coded = coded.reset_index(drop=True)
        self.sheet = sheet.set_index("id", drop=False)
        advice = self.coded["is_advice"].astype(int).to_numpy()[:, None]
        languages = self.coded["language"].to_numpy()
        in_language = [(languages == lang).astype(float)[:, None] for lang in (rates.languages if rates else [])]

        def values(X):
            # columns: concept sentences, advice concept sentences, advice sentences; for the
            # correction, then concept sentences and sentences of each validated language
            return np.hstack([X, X * advice, advice, *[X * m for m in in_language], *in_language])

        all_evidence = values(indicator_matrix(self.coded, concepts))
        beyond_frame_terms = values(indicator_matrix(self.coded, concepts, without="frame_only"))
        self.articles = self.coded["article_id"].to_numpy()
        self.groups: dict[str, dict] = {}
        rng = np.random.default_rng(settings.random_state)
        with_inclusive = groupings + [FRAME_INCLUSIVE] if FRAME in groupings else groupings
        for grouping in with_inclusive + ["article"]:
            labels = self.coded["article_id"] if grouping == "article" else \
                self.coded["article_id"].map(group_labels(self.sheet, FRAME if grouping == FRAME_INCLUSIVE else grouping))
            # articles are summarised one by one, never compared with the rest of the corpus
            self.groups[grouping] = summarise_groups(labels.to_numpy(), self.articles,
                                                     beyond_frame_terms if grouping == FRAME else all_evidence, settings,
                                                     rng, with_rest=grouping != "article")

    def _corrected(self, group) -> np.ndarray:
        """(replicates + 1, concepts) corrected shares; NaN without error rates."""
        c = len(self.concepts)
        if self.rates is None:
            return np.full((len(group.totals), c), np.nan)
        n = len(self.rates.languages)
        by_language = group.totals[:, 2 * c + 1 : 2 * c + 1 + n * c].reshape(len(group.totals), n, c)
        sizes = group.totals[:, 2 * c + 1 + n * c :]
        return corrected_shares(by_language, sizes, self.rates)

    @staticmethod
    def _reliable(values: np.ndarray) -> np.ndarray:
        """The columns whose estimate exists and whose replicates mostly do (an interval drawn from
        the few replicates that happen to have error rates would look surer than it is)."""
        finite = np.isfinite(values)
        reliable = finite[0] & (finite[1:].mean(axis=0) >= MIN_FINITE_REPLICATES)
        return np.where(reliable, values, np.nan)

    def _shares(self, group):
        c = len(self.concepts)
        share = ratio(group.totals[:, :c], group.weights_sum[:, None])
        advice = ratio(group.totals[:, c : 2 * c], group.totals[:, 2 * c : 2 * c + 1])
        return share, advice

    def prevalence(self) -> pd.DataFrame:
        rows = []
        for grouping, groups in self.groups.items():
            for name, group in groups.items():
                if name.startswith(f"{REST}:"):
                    continue
                share, advice = self._shares(group)
                corrected = self._reliable(self._corrected(group))
                corrected_low, corrected_high = interval(corrected)
                advice_n = int(group.totals[0, 2 * len(self.concepts)])
                (share_low, share_high), (advice_low, advice_high) = interval(share), interval(advice)
                for j, concept in enumerate(self.concepts):
                    rows.append({
                        "grouping": grouping, "group": name, "concept": concept, "kind": self.kinds[concept],
                        "articles": group.articles, "sentences": group.rows,
                        "share": share[0, j], "share_low": share_low[j], "share_high": share_high[j],
                        "advice_sentences": advice_n, "advice_share": advice[0, j],
                        "advice_low": advice_low[j], "advice_high": advice_high[j],
                        "resampling": group.scheme,
                        "share_corrected": corrected[0, j], "corrected_low": corrected_low[j],
                        "corrected_high": corrected_high[j],
                    })
        return pd.DataFrame(rows, columns=PREVALENCE_COLUMNS).round(DIGITS)

    def _pairs(self):
        for grouping, groups in self.groups.items():
            if grouping != "article":
                for kind, a, b, ga, gb in paired(groups):
                    yield grouping, kind, a, b, ga, gb

    def differences(self) -> pd.DataFrame:
        rows = []
        for grouping, kind, a, b, ga, gb in self._pairs():
            share_a, advice_a = self._shares(ga)
            share_b, advice_b = self._shares(gb)
            diff, advice_diff = share_a - share_b, advice_a - advice_b
            corrected = self._reliable(self._corrected(ga) - self._corrected(gb))
            corrected_low, corrected_high = interval(corrected)
            for j, concept in enumerate(self.concepts):
                rows.append({
                    "grouping": grouping, "comparison": kind, "group_a": a, "group_b": b, "concept": concept,
                    "share_a": share_a[0, j], "share_b": share_b[0, j], "difference": diff[0, j],
                    **dict(zip(["low", "high"], interval(diff[:, j]))),
                    "advice_difference": advice_diff[0, j],
                    **dict(zip(["advice_low", "advice_high"], interval(advice_diff[:, j]))),
                    "resampling_a": ga.scheme, "resampling_b": gb.scheme,
                    "difference_corrected": corrected[0, j], "corrected_low": corrected_low[j],
                    "corrected_high": corrected_high[j],
                })
        return pd.DataFrame(rows, columns=DIFFERENCE_COLUMNS).round(DIGITS)

    def divergence(self) -> pd.DataFrame:
        """JSD between the groups' concept profiles (concept sentence counts, normalised)."""
        c = len(self.concepts)
        rows = []
        for grouping, kind, a, b, ga, gb in self._pairs():
            values = jensen_shannon(ga.totals[:, :c], gb.totals[:, :c])
            rows.append({"grouping": grouping, "comparison": kind, "group_a": a, "group_b": b, "jsd": values[0],
                         **dict(zip(["low", "high"], interval(values))),
                         "resampling_a": ga.scheme, "resampling_b": gb.scheme})
        return pd.DataFrame(rows, columns=DIVERGENCE_COLUMNS).round(DIGITS)
