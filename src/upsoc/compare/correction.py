"""Prevalence corrected for the coding's measured error (Rogan & Gladen 1978).

A share p of sentences *coded* with a concept estimates the true share π only when the coding
is perfect: E[p] = Se·π + (1 − Sp)·(1 − π), with Se the sensitivity (true sentences coded) and
Sp the specificity (other sentences not coded). Hence π = (p + Sp − 1) / (Se + Sp − 1), clipped
to [0, 1]. Se and Sp are measured per concept and language on an annotation study's frozen test
split (the instrument's codes against the reference codes); a group that mixes languages is
corrected language by language and recombined by its sentences in each.

Uncertainty: each replicate pairs a bootstrap replicate of the group (articles, as for the
uncorrected shares) with an independent replicate of the validation sentences (resampling their
articles within each language), so the intervals carry both the sampling of the corpus and the
uncertainty of the error rates. Assumptions: the error rates measured on the test articles hold
in every group (transportability); errors are independent of the group given the true label;
a concept without both true and other sentences of a language in the test split has no
correction there (empty cells). With Se + Sp ≤ 1 the coding carries no information and no
correction exists.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..annotation.instrument import article_draws, article_sums
from ..tables import concept_indicators


@dataclass(frozen=True)
class ErrorRates:
    languages: list[str]
    sensitivity: np.ndarray  # (replicates + 1, languages, concepts); row 0 observed
    specificity: np.ndarray


def error_rates(validation: pd.DataFrame, concepts: list[str], replicates: int, rng: np.random.Generator) -> ErrorRates:
    """validation: one row per validation sentence with `language`, `article_id`,
    `reference_concepts` and `concepts` (the instrument's)."""
    languages = sorted(validation["language"].unique())
    shape = (replicates + 1, len(languages), len(concepts))
    sensitivity, specificity = np.full(shape, np.nan), np.full(shape, np.nan)
    for k, language in enumerate(languages):
        rows = validation[validation["language"] == language]
        truth, coded = concept_indicators(rows["reference_concepts"], concepts), concept_indicators(rows["concepts"], concepts)
        c = len(concepts)
        sums = article_sums(rows["article_id"].to_numpy(), np.hstack([truth * coded, truth, (1 - truth) * (1 - coded), 1 - truth]))
        hits, positives, rejections, negatives = (sums[:, k * c : (k + 1) * c] for k in range(4))
        weights = np.vstack([np.ones(len(sums)), article_draws(len(sums), replicates, rng)])
        with np.errstate(divide="ignore", invalid="ignore"):
            sensitivity[:, k] = (weights @ hits) / (weights @ positives)
            specificity[:, k] = (weights @ rejections) / (weights @ negatives)
    return ErrorRates(languages, sensitivity, specificity)


def rogan_gladen(coded_share: np.ndarray, sensitivity: np.ndarray, specificity: np.ndarray) -> np.ndarray:
    """The true share implied by a coded share; NaN where the coding carries no information."""
    with np.errstate(divide="ignore", invalid="ignore"):
        youden = sensitivity + specificity - 1
        corrected = (coded_share + specificity - 1) / youden
    return np.where(youden > 0, np.clip(corrected, 0.0, 1.0), np.nan)


def corrected_shares(language_totals: np.ndarray, language_sizes: np.ndarray, rates: ErrorRates) -> np.ndarray:
    """Corrected shares of one group, per replicate and concept.

    language_totals: (replicates + 1, languages, concepts) coded sentences; language_sizes:
    (replicates + 1, languages) sentences. A language absent from the group does not count; a
    language present without error rates for a concept makes that concept's share NaN."""
    with np.errstate(divide="ignore", invalid="ignore"):
        coded = language_totals / language_sizes[:, :, None]
    rows = min(len(coded), len(rates.sensitivity))
    corrected = rogan_gladen(coded[:rows], rates.sensitivity[:rows], rates.specificity[:rows])
    weights = language_sizes[:rows, :, None] / language_sizes[:rows].sum(axis=1)[:, None, None]
    # NaN (no error rates) counts where the language is present, and only there
    return np.where(language_sizes[:rows, :, None] > 0, corrected * weights, 0.0).sum(axis=1)
