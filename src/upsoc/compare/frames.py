"""Frame contrasts within each language, language contrasts within each frame, and their
standardised averages: the coded shares, and prediction-powered estimates of what careful
coders would find (`upsoc.compare.ppi`).

A *cell* is one frame in one language. Its population is all its sentences, as the coded shares
count them and as the inference study's design sample draws them. A contrast of two frames is
estimated in each language where both have articles (the stratum), never on a pool of
languages: languages differ in what they say and in how well the coding reads them, and the
corpus' frames are unevenly spread over languages. The `standardised` stratum averages the
strata's contrasts with fixed Mantel–Haenszel weights on articles,

    w_l ∝ A_a,l · A_b,l / (A_a,l + A_b,l)    (A: articles of each side in language l),

a stratum's share of the information about the difference when articles are the independent
units, and known from the design rather than estimated: a language where one side has a
single article counts little, whatever its other side's size. Language contrasts are the same
with the roles swapped (strata are frames).

Methods: `coded` is the share of sentences the coding gives the concept, with the article-aware
bootstrap of `upsoc.compare.groups` (its accuracy ignored); `ppi` is PPI++ from the inference
study's adjudicated codes, with article-clustered variances. Cells are disjoint sets of
articles, so their estimates are independent and a contrast's variance is the sum of its sides'.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

from ..tables import concept_indicators
from .bootstrap import BootstrapSettings
from .groups import DIGITS, interval as bootstrap_interval, ratio, summarise
from .ppi import Estimate, combine, interval as t_interval, ppi_share

CODED, PPI = "coded", "ppi"
STANDARDISED = "standardised"
FRAME_EFFECT_COLUMNS = ["concept", "contrast", "stratum", "estimate", "low", "high", "method", "labelled",
                        "articles_a", "articles_b", "weights"]
FRAME_PREVALENCE_COLUMNS = ["concept", "frame", "language", "estimate", "low", "high", "method", "labelled",
                            "articles", "sentences", "resampling", "lam"]


class InferenceError(ValueError):
    """The inference study does not fit the corpus; the message names the item and the fix."""


@dataclass
class Cell:
    frame: str
    language: str
    articles: int
    sentences: int
    scheme: str
    coded: np.ndarray  # (replicates + 1, concepts): row 0 the observed coded shares
    ppi: Estimate | None
    labelled: int


def sentence_population(coded: pd.DataFrame, articles: set[str]) -> pd.DataFrame:
    """The coded sentences of the compared articles (`groups.compared_articles`)."""
    coded = coded[coded["article_id"].isin(articles)]
    return coded.assign(sentence_id=coded["sentence_id"].astype(int)).reset_index(drop=True)


def labelled_pairs(population: pd.DataFrame, study_sample: pd.DataFrame, reference: pd.DataFrame, study: str) -> pd.DataFrame:
    """The labelled sentences of the population's articles with their corpus row (frame, the
    coding's `concepts`) and their coders' codes (`reference_concepts`). Within each cell they
    are a simple random sample of its sentences, also when some articles are left out (a domain
    of the cell). Each must still be a sentence of the corpus with the text the coders read: the
    design's probabilities are those of that population."""
    keys = ["article_id", "sentence_id"]
    sample = study_sample.reset_index().assign(sentence_id=lambda t: t["sentence_id"].astype(int))
    sample = sample[sample["article_id"].isin(set(population["article_id"]))]
    joined = sample[["item", *keys, "text"]].merge(population, on=keys, how="left", suffixes=("_study", ""),
                                                   indicator=True)
    moved = joined[(joined["_merge"] == "left_only") | (joined["text_study"] != joined["text"])]
    if len(moved):
        row = moved.iloc[0]
        raise InferenceError(
            f"{study}/sample.tsv: item {row['item']} ({row['article_id']} sentence {row['sentence_id']}) and "
            f"{len(moved) - 1} more are no longer corpus sentences with the text the coders read: the "
            "corpus' sentences changed after the sample was drawn, so its inclusion probabilities no longer hold; "
            "restore the cleaning and segmentation it was drawn from, or draw and code a new sample")
    return joined.drop(columns=["text_study", "_merge"]).assign(
        reference_concepts=reference.loc[joined["item"], "concepts"].to_numpy())


class FrameEffects:
    """Fit on the population (`sentence_population`) and, when there is one, the
    labelled sentences (`labelled_pairs`); then `prevalence()` and `effects()`."""

    def __init__(self, population: pd.DataFrame, concepts: list[str], settings: BootstrapSettings,
                 frame_contrasts: list[tuple[str, str]], labelled: pd.DataFrame | None = None):
        self.concepts, self.frame_contrasts = concepts, [tuple(pair) for pair in frame_contrasts]
        rng = np.random.default_rng(settings.random_state)
        population = population.reset_index(drop=True)
        predictions = concept_indicators(population["concepts"], concepts).astype(float)
        self.cells: dict[tuple[str, str], Cell] = {}
        for (frame, language), rows in population.groupby(["frame", "language"], sort=True):
            at, articles = rows.index.to_numpy(), rows["article_id"].to_numpy()
            group = summarise(f"{frame}:{language}", articles, predictions[at], settings, rng)
            mine = None if labelled is None else labelled[(labelled["frame"] == frame) & (labelled["language"] == language)]
            ppi = None
            if mine is not None and len(mine) > 1:  # PPI needs the codes of at least two of the cell's sentences
                ppi = ppi_share(predictions[at], articles, concept_indicators(mine["reference_concepts"], concepts),
                                concept_indicators(mine["concepts"], concepts), mine["article_id"].to_numpy(), group.scheme)
            self.cells[(frame, language)] = Cell(frame, language, group.articles, group.rows, group.scheme,
                                                 ratio(group.totals, group.weights_sum[:, None]), ppi,
                                                 0 if mine is None else len(mine))

    def prevalence(self) -> pd.DataFrame:
        rows = []
        for cell in self.cells.values():
            size = {"articles": cell.articles, "sentences": cell.sentences, "resampling": cell.scheme}
            low, high = bootstrap_interval(cell.coded)
            rows += [{"concept": c, "frame": cell.frame, "language": cell.language, "estimate": cell.coded[0, j],
                      "low": low[j], "high": high[j], "method": CODED, "labelled": 0, **size, "lam": np.nan}
                     for j, c in enumerate(self.concepts)]
            if cell.ppi is not None:
                low, high = t_interval(cell.ppi)
                rows += [{"concept": c, "frame": cell.frame, "language": cell.language, "estimate": cell.ppi.estimate[j],
                          "low": low[j], "high": high[j], "method": PPI, "labelled": cell.labelled, **size,
                          "lam": cell.ppi.lam[j]} for j, c in enumerate(self.concepts)]
        return _ordered(pd.DataFrame(rows, columns=FRAME_PREVALENCE_COLUMNS))

    def strata(self, by: str) -> list[tuple]:
        """(a, b, strata, cell): the contrasts of `by` ("frame" or "language"), the strata (values
        of the other) where both sides have articles, and cell(side, stratum) -> the cell's key."""
        names = sorted({key[0 if by == "frame" else 1] for key in self.cells})
        pairs = [p for p in self.frame_contrasts if set(p) <= set(names)] if by == "frame" else list(combinations(names, 2))
        other = sorted({key[1 if by == "frame" else 0] for key in self.cells})
        cell = (lambda side, s: (side, s)) if by == "frame" else (lambda side, s: (s, side))
        return [(a, b, [s for s in other if cell(a, s) in self.cells and cell(b, s) in self.cells], cell) for a, b in pairs]

    def effects(self) -> pd.DataFrame:
        rows = []
        for by in ("frame", "language"):
            for a, b, strata, cell in self.strata(by):
                if not strata:
                    continue
                sides = [(self.cells[cell(a, s)], self.cells[cell(b, s)]) for s in strata]
                information = np.array([x.articles * y.articles / (x.articles + y.articles) for x, y in sides])
                weights = information / information.sum()
                named = "|".join(f"{s}={w:.3f}" for s, w in zip(strata, weights))
                contrast = f"{a}-{b}"
                coded = [x.coded - y.coded for x, y in sides]
                for stratum, value, (x, y), w in zip(strata, coded, sides, weights):
                    rows += self._rows(contrast, stratum, CODED, value, 0, x.articles, y.articles, f"{stratum}={w:.3f}")
                    if x.ppi is not None and y.ppi is not None:
                        rows += self._rows(contrast, stratum, PPI, combine([x.ppi, y.ppi], [1.0, -1.0]),
                                           x.labelled + y.labelled, x.articles, y.articles, f"{stratum}={w:.3f}")
                articles_a, articles_b = sum(x.articles for x, _ in sides), sum(y.articles for _, y in sides)
                rows += self._rows(contrast, STANDARDISED, CODED, sum(w * v for w, v in zip(weights, coded)), 0,
                                   articles_a, articles_b, named)
                if all(x.ppi is not None and y.ppi is not None for x, y in sides):
                    parts = [e for x, y in sides for e in (x.ppi, y.ppi)]
                    signed = [s * w for w in weights for s in (1.0, -1.0)]
                    rows += self._rows(contrast, STANDARDISED, PPI, combine(parts, signed),
                                       sum(x.labelled + y.labelled for x, y in sides), articles_a, articles_b, named)
        return _ordered(pd.DataFrame(rows, columns=FRAME_EFFECT_COLUMNS))

    def _rows(self, contrast, stratum, method, value, labelled, articles_a, articles_b, weights) -> list[dict]:
        """value: an `Estimate` (ppi) or the (replicates + 1, concepts) coded differences."""
        if method == PPI:
            estimate, (low, high) = value.estimate, t_interval(value)
        else:
            estimate, (low, high) = value[0], bootstrap_interval(value)
        return [{"concept": c, "contrast": contrast, "stratum": stratum, "estimate": estimate[j], "low": low[j],
                 "high": high[j], "method": method, "labelled": labelled, "articles_a": articles_a,
                 "articles_b": articles_b, "weights": weights} for j, c in enumerate(self.concepts)]


def _ordered(table: pd.DataFrame) -> pd.DataFrame:
    """The `ppi` rows first, each method's rows in the order they were made."""
    rank = table["method"].map({PPI: 0, CODED: 1})
    return table.assign(_rank=rank).sort_values(["_rank"], kind="stable").drop(columns="_rank") \
        .reset_index(drop=True).round(DIGITS)
