"""How often the 95% intervals of `upsoc.compare.frames` cover the truth, in a simulation where
the truth is known.

The coders' codes and the coding's predictions of an annotation study's sentences are the
material: they carry the coding's real errors, concept by concept and article by article. Each
replicate builds a corpus of the real corpus' size: every frame × language cell gets as many
articles as the corpus has there, each a study article of the same cell drawn with replacement,
with as many sentences as the corpus article in its place has (drawn with replacement from the
study article's sentences). A cell's labelled sample is then a simple random sample of
`labelled` of its sentences, as the inference study draws it, and both methods estimate every
concept's share in each cell and the within-language frame contrasts.

The truth is what each interval claims to cover: for a cell resampled by article, the share
of the discourse its study articles stand for (the mean of their shares, since the article
sizes are drawn apart from their content); for a cell of fewer articles, the share in the
replicate's own sentences. Counted are the estimates the tables give an interval: those whose
cells' labelled sentences hold at least `ppi.MIN_POSITIVES` coded with the concept (for both
methods alike, so that they are judged on the same quantities).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..tables import concept_indicators
from .bootstrap import ARTICLES, BootstrapSettings, resampling_scheme
from .groups import interval as bootstrap_interval, ratio, summarise
from .ppi import MIN_POSITIVES, combine, interval as t_interval, ppi_share

COVERAGE_COLUMNS = ["quantity", "method", "nominal", "coverage", "replicates", "estimates"]
NOMINAL = 0.95


@dataclass
class CellMaterial:
    articles: list[tuple[np.ndarray, np.ndarray]]  # per study article: (codes y, predictions f), sentences × concepts
    sizes: np.ndarray  # the corpus' articles' sentence counts in this cell
    scheme: str


def corpus_sizes(coded: pd.DataFrame) -> pd.DataFrame:
    """One row per corpus article: `article_id`, `frame`, `language`, `sentences`."""
    return coded.groupby(["article_id", "frame", "language"], sort=True).size().rename("sentences").reset_index()


def materials(study: pd.DataFrame, corpus_sizes: pd.DataFrame, concepts: list[str],
              settings: BootstrapSettings) -> dict[tuple[str, str], CellMaterial]:
    """study: one row per study sentence with `frame`, `language`, `article_id`,
    `reference_concepts`, `concepts`; corpus_sizes: one row per corpus article with `frame`,
    `language`, `sentences`. Cells that both have."""
    cells = {}
    for (frame, language), rows in study.groupby(["frame", "language"], sort=True):
        sizes = corpus_sizes[(corpus_sizes["frame"] == frame) & (corpus_sizes["language"] == language)]["sentences"]
        if sizes.empty:
            continue
        articles = [(concept_indicators(g["reference_concepts"], concepts).astype(float),
                     concept_indicators(g["concepts"], concepts).astype(float))
                    for _, g in rows.groupby("article_id", sort=True)]
        cells[(frame, language)] = CellMaterial(articles, np.sort(sizes.to_numpy(dtype=int)),
                                                resampling_scheme(len(sizes), settings))
    return cells


def coverage_study(cells: dict[tuple[str, str], CellMaterial], frame_contrasts: list[tuple[str, str]], labelled: int,
                   replicates: int, settings: BootstrapSettings) -> pd.DataFrame:
    """Coverage of the `ppi` and `coded` 95% intervals, for prevalences and contrasts."""
    rng = np.random.default_rng(settings.random_state)
    hits = {(q, m): [0, 0] for q in ("prevalence", "contrast") for m in ("ppi", "coded")}
    contrasts = [(a, b, lang) for a, b in frame_contrasts for lang in sorted({k[1] for k in cells})
                 if (a, lang) in cells and (b, lang) in cells]
    for _ in range(replicates):
        results = {key: _replicate(cell, labelled, settings, rng) for key, cell in cells.items()}
        for truth, ppi, coded in results.values():
            _tally(hits[("prevalence", "ppi")], truth, t_interval(ppi), ppi.positives >= MIN_POSITIVES)
            _tally(hits[("prevalence", "coded")], truth, bootstrap_interval(coded), ppi.positives >= MIN_POSITIVES)
        for a, b, lang in contrasts:
            (ta, pa, ca), (tb, pb, cb) = results[(a, lang)], results[(b, lang)]
            present = (pa.positives >= MIN_POSITIVES) & (pb.positives >= MIN_POSITIVES)
            _tally(hits[("contrast", "ppi")], ta - tb, t_interval(combine([pa, pb], [1.0, -1.0])), present)
            _tally(hits[("contrast", "coded")], ta - tb, bootstrap_interval(ca - cb), present)
    rows = [{"quantity": q, "method": m, "nominal": NOMINAL, "coverage": round(h / n, 4) if n else np.nan,
             "replicates": replicates, "estimates": n} for (q, m), (h, n) in hits.items()]
    return pd.DataFrame(rows, columns=COVERAGE_COLUMNS)


def _tally(counter: list[int], truth: np.ndarray, bounds: tuple[np.ndarray, np.ndarray], where: np.ndarray) -> None:
    low, high = bounds
    covered = (low <= truth + 1e-12) & (truth - 1e-12 <= high)
    counter[0] += int((covered & where).sum())
    counter[1] += int(where.sum())


def _replicate(cell: CellMaterial, labelled: int, settings: BootstrapSettings, rng: np.random.Generator):
    """(truth, ppi Estimate, coded share replicates) of one cell of one simulated corpus."""
    drawn = rng.integers(0, len(cell.articles), size=len(cell.sizes))
    y, f, article = [], [], []
    for j, (a, size) in enumerate(zip(drawn, cell.sizes)):
        codes, predictions = cell.articles[a]
        pick = rng.integers(0, len(codes), size=size)
        y.append(codes[pick])
        f.append(predictions[pick])
        article.append(np.full(size, j))
    y, f, article = np.vstack(y), np.vstack(f), np.concatenate(article)
    if cell.scheme == ARTICLES:
        truth = np.mean([codes.mean(axis=0) for codes, _ in cell.articles], axis=0)
    else:
        truth = y.mean(axis=0)
    sample = np.sort(rng.choice(len(y), size=min(labelled, len(y)), replace=False))
    ppi = ppi_share(f, article, y[sample], f[sample], article[sample], cell.scheme)
    group = summarise("cell", article, f, settings, rng)
    return truth, ppi, ratio(group.totals, group.weights_sum[:, None])
