"""How well the instrument agrees with the adjudicated codes of an annotation study, with intervals.

Point estimates are `coding.validation.score`'s. Intervals are 95% percentile intervals of a
bootstrap that resamples *articles* (each drawn article brings all its sampled sentences), since
sentences of one article share a writer and a topic and are not independent. Every concept's
counts (tp, fp, fn) are summed per article once; a replicate weights the articles by how often
it drew them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..coding.validation import DIGITS, score
from ..tables import concept_indicators, parse_concepts, parse_cues
from .sample import NEVER_TUNED_ON

CUE_PRECISION_COLUMNS = ["study", "split", "language", "concept", "cue", "fires", "right", "precision", "alone", "alone_right"]
INTERVAL_COLUMNS = ["precision_low", "precision_high", "recall_low", "recall_high", "f1_low", "f1_high",
                    "accuracy_low", "accuracy_high"]


def article_sums(article_of: np.ndarray, values: np.ndarray) -> np.ndarray:
    """articles (sorted) × columns: the column sums of each article's rows."""
    articles, inverse = np.unique(article_of, return_inverse=True)
    return np.stack([np.bincount(inverse, weights=values[:, j], minlength=len(articles)) for j in range(values.shape[1])], axis=1)


def article_draws(n_articles: int, replicates: int, rng: np.random.Generator) -> np.ndarray:
    """replicates × articles: how often each replicate draws each article (with replacement)."""
    return rng.multinomial(n_articles, np.full(n_articles, 1 / n_articles), size=replicates).astype(float)


def _prf(tp, fp, fn):
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(tp + fp > 0, tp / (tp + fp), 0.0)
        recall = np.where(tp + fn > 0, tp / (tp + fn), 0.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    return precision, recall, f1


def _interval(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.round(np.percentile(values, 2.5, axis=0), DIGITS), np.round(np.percentile(values, 97.5, axis=0), DIGITS)


def scores_with_intervals(gold: pd.DataFrame, predicted: pd.DataFrame, concept_ids: list[str],
                          replicates: int, random_state: int) -> pd.DataFrame:
    """gold, predicted: aligned rows with `article_id`, `language`, `concepts`, `is_advice`.
    `score`'s table with the intervals of precision, recall, F1 (concept, micro) and accuracy (advice)."""
    table = score(gold, predicted, concept_ids)
    for column in INTERVAL_COLUMNS:
        table[column] = ""
    rng = np.random.default_rng(random_state)
    for language in ["all", *sorted(set(gold["language"]))]:
        mask = (gold["language"] == language).to_numpy() if language != "all" else np.ones(len(gold), bool)
        g, p = concept_indicators(gold.loc[mask, "concepts"], concept_ids), concept_indicators(predicted.loc[mask, "concepts"], concept_ids)
        ga, pa = gold.loc[mask, "is_advice"].astype(int).to_numpy(), predicted.loc[mask, "is_advice"].astype(int).to_numpy()
        sums = article_sums(gold.loc[mask, "article_id"].to_numpy(),
                            np.hstack([g & p, (1 - g) & p, g & (1 - p), (ga == pa)[:, None], np.ones((len(ga), 1))]))
        c = len(concept_ids)
        tp, fp, fn, right, sizes = sums[:, :c], sums[:, c : 2 * c], sums[:, 2 * c : 3 * c], sums[:, -2], sums[:, -1]
        draws = article_draws(len(sums), replicates, rng)
        concept_p, concept_r, concept_f = _prf(draws @ tp, draws @ fp, draws @ fn)
        micro_p, micro_r, micro_f = _prf((draws @ tp).sum(1), (draws @ fp).sum(1), (draws @ fn).sum(1))
        accuracy = (draws @ right) / np.maximum(draws @ sizes, 1)
        rows = table["language"] == language
        for j, concept in enumerate(concept_ids):
            at = rows & (table["measure"] == "concept") & (table["concept"] == concept)
            _fill(table, at, _interval(concept_p[:, j]), _interval(concept_r[:, j]), _interval(concept_f[:, j]))
        _fill(table, rows & (table["measure"] == "micro"), _interval(micro_p), _interval(micro_r), _interval(micro_f))
        low, high = _interval(accuracy)
        table.loc[rows & (table["measure"] == "advice"), ["accuracy_low", "accuracy_high"]] = [low, high]
    return table


def _fill(table, at, precision, recall, f1):
    table.loc[at, INTERVAL_COLUMNS[:6]] = [precision[0], precision[1], recall[0], recall[1], f1[0], f1[1]]


def confusions(gold: pd.DataFrame, predicted: pd.DataFrame, concept_ids: list[str]) -> pd.DataFrame:
    """Pairs (gold concept missed, other concept given instead) in the same sentences, most frequent first."""
    g, p = concept_indicators(gold["concepts"], concept_ids), concept_indicators(predicted["concepts"], concept_ids)
    missed, extra = g & (1 - p), (1 - g) & p
    counts = missed.T @ extra
    rows = [{"gold_concept": concept_ids[i], "coded_as": concept_ids[j], "sentences": int(counts[i, j])}
            for i in range(len(concept_ids)) for j in range(len(concept_ids)) if counts[i, j] > 0]
    table = pd.DataFrame(rows, columns=["gold_concept", "coded_as", "sentences"])
    return table.sort_values(["sentences", "gold_concept", "coded_as"], ascending=[False, True, True], kind="stable").reset_index(drop=True)


def cue_precision(sentences: pd.DataFrame) -> pd.DataFrame:
    """How often each cue fired on the studies' sentences outside the test split, and how often
    the reference has its concept there: what an edit of the codebook is judged on. `alone`
    counts the firings where no other cue gave the concept, i.e. what the cue adds by itself.
    The test split (and a later study's `tuned` split) is left out so that it is never tuned on.

    sentences: one row per study sentence with `study`, `split`, `language`, `cues` (the
    coding's "concept=cue|cue; …") and `reference_concepts`."""
    counts: dict[tuple, list[int]] = {}
    for row in sentences[~sentences["split"].isin(NEVER_TUNED_ON)].to_dict(orient="records"):
        reference = set(parse_concepts(row["reference_concepts"]))
        for concept, cues in parse_cues(row["cues"]).items():
            for cue in cues:
                tally = counts.setdefault((row["study"], row["split"], row["language"], concept, cue), [0, 0, 0, 0])
                right, alone = concept in reference, len(cues) == 1
                tally[0] += 1
                tally[1] += right
                tally[2] += alone
                tally[3] += alone and right
    rows = [(*key, fires, right, round(right / fires, DIGITS), alone, alone_right)
            for key, (fires, right, alone, alone_right) in counts.items()]
    table = pd.DataFrame(rows, columns=CUE_PRECISION_COLUMNS)
    return table.sort_values(["study", "split", "language", "concept", "fires", "cue"],
                             ascending=[True, True, True, True, False, True], kind="stable").reset_index(drop=True)
