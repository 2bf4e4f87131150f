"""Themes: k-means on the debiased vectors, the number of themes chosen by stability and coherence.

The vectors are reduced by PCA (`components`, fitted once, deterministic) and clustered by
k-means (cosine geometry: unit-length rows) for each candidate K and each of `seeds` seeds.
The fit of the first seed is the reference; each other seed's clusters are matched to it
one-to-one on the overlap of their members (`upsoc.topics.metrics.topic_overlaps`, as the topic
models' stability matches topics on their terms). A theme's stability is its mean matched
overlap; the model's is the mean over its themes.

A unit is an outlier (theme -1) when the refits do not agree with the reference: it lands in
the theme matched to its reference theme in fewer than half of them.

K is the finest that comes back: the largest K whose stability reaches `min_stability` (if none
does, the most stable). Themes are read by people, and the finest partition that refits
reproduce says the most; the NPMI of the themes' terms is reported beside it but does not choose,
since on single sentences it favours a few broad themes (docs/themes.md, section 4).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from threadpoolctl import threadpool_limits

from ..topics.fit import choose_k
from ..topics.metrics import topic_overlaps

N_INIT = 10


@dataclass(frozen=True)
class ThemeSettings:
    """`themes` in config/config.yaml."""

    ks: tuple[int, ...]
    seeds: int
    random_state: int
    min_stability: float
    components: int = 20
    k: int | None = None  # pinned K
    debias: str = "nullspace"
    iterations: int = 10
    terms: int = 10  # listed per theme and language
    coherence_terms: int = 10  # the top terms whose NPMI is the coherence, as for the topic models
    representatives: int = 3
    replicates: int = 1000
    min_articles: int = 5


def finest_stable(selection: pd.DataFrame, settings: ThemeSettings) -> int:
    """The pinned K, else the largest K whose stability reaches `min_stability`, else the most
    stable: the topic models' rule with the finest stable K in place of the most coherent."""
    return choose_k(selection, settings, among_stable=lambda stable: int(stable["k"].max()))


def reduce(vectors: np.ndarray, settings: ThemeSettings) -> np.ndarray:
    components = min(settings.components, *vectors.shape)
    reduced = PCA(components, svd_solver="full").fit_transform(vectors.astype(np.float64))
    return reduced / np.maximum(np.linalg.norm(reduced, axis=1, keepdims=True), 1e-12)


def kmeans(points: np.ndarray, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(labels, centres); one thread, so that the sums come out the same whatever the machine."""
    with threadpool_limits(1):
        model = KMeans(k, n_init=N_INIT, random_state=seed).fit(points)
    return model.labels_, model.cluster_centers_


def members(labels: np.ndarray, k: int) -> list[list[int]]:
    return [np.flatnonzero(labels == c).tolist() for c in range(k)]


@dataclass
class ThemeFit:
    k: int
    labels: np.ndarray  # reference labels, 0..k-1; -1 for outliers
    centres: np.ndarray
    theme_stability: np.ndarray

    @property
    def stability(self) -> float:
        return float(self.theme_stability.mean())


def fit_themes(points: np.ndarray, k: int, settings: ThemeSettings) -> ThemeFit:
    labels, centres = kmeans(points, k, settings.random_state)
    reference = members(labels, k)
    overlaps, agreement = [], np.zeros(len(points))
    for seed in range(settings.random_state + 1, settings.random_state + settings.seeds):
        other_labels, _ = kmeans(points, k, seed)
        other = members(other_labels, k)
        overlaps.append(topic_overlaps(reference, other))
        # the refit's theme matched to each reference theme
        overlap = np.array([[len(set(r) & set(o)) for o in other] for r in reference])
        rows, cols = linear_sum_assignment(-overlap)
        matched = np.empty(k, dtype=int)
        matched[rows] = cols
        agreement += other_labels == matched[labels]
    refits = settings.seeds - 1
    stable = agreement >= refits / 2 if refits else np.ones(len(points), dtype=bool)
    stability = np.mean(overlaps, axis=0) if overlaps else np.ones(k)
    return ThemeFit(k, np.where(stable, labels, -1), centres, stability)
