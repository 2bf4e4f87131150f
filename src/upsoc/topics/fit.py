"""Model selection and the tables of a fitted model, for one language or across languages.

K is chosen by a documented rule: among the Ks whose stability is at least `min_stability`,
the one with the highest mean NPMI; if no K is that stable, the most stable one; ties go to
the smaller K. The configuration can pin K. Ks larger than a fifth of the units are skipped.

Cost is bounded whatever the corpus size: the sweep and the chosen model are fit on a random
sample of at most `max_fit_units` units (all of them in smaller corpora, such as the shipped
one), and every unit then gets its topic mixture from the fitted model. The vocabulary comes
from all units.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from .labels import (
    ALIGNMENT_COLUMNS,
    REPRESENTATIVE_COLUMNS,
    TOPIC_TERM_COLUMNS,
    concept_alignment,
    frex_terms,
    representatives,
    topic_terms,
)
from .metrics import diversity, matched_overlap, npmi
from .models import TopicModel, make_vectorizer

DIGITS = 6
# Below these sizes the output says that the model is not reliable.
MIN_RELIABLE_UNITS = 100
MIN_RELIABLE_VOCABULARY = 300


@dataclass
class TopicSettings:
    """The configured settings (`topics` in config/config.yaml) first, then fixed choices."""

    ks: list[int]
    random_state: int
    stability_seeds: int
    min_stability: float
    max_fit_units: int
    k: int | None = None  # pinned K
    coherence_terms: int = 10
    diversity_terms: int = 25
    label_terms: int = 20
    representatives: int = 3
    min_df: int = 2
    min_reliable_units: int = MIN_RELIABLE_UNITS
    min_reliable_vocabulary: int = MIN_RELIABLE_VOCABULARY


def candidate_ks(settings: TopicSettings, n_units: int, n_terms: int) -> list[int]:
    """The configured Ks a corpus of this size can carry (at most a fifth of the units)."""
    limit = min(max(2, n_units // 5), n_units, n_terms)
    ks = [k for k in settings.ks if k <= limit]
    return ks or ([min(2, limit)] if limit >= 2 else [])


def sweep(kind: str, counts, settings: TopicSettings) -> tuple[pd.DataFrame, dict[int, TopicModel]]:
    """The selection table, and each K's reference fit (seed `random_state`), kept so that the
    chosen model is not fit a second time."""
    rows, models = [], {}
    for k in candidate_ks(settings, *counts.shape):
        reference = models[k] = TopicModel(kind, k, settings.random_state).fit(counts)
        top = reference.top_terms(settings.coherence_terms)
        refits = [
            TopicModel(kind, k, settings.random_state + seed).fit(counts).top_terms(settings.coherence_terms)
            for seed in range(1, settings.stability_seeds + 1)
        ]
        rows.append({
            "k": k,
            "npmi": float(np.mean(npmi(top, counts))),
            "diversity": diversity(reference.top_terms(settings.diversity_terms)),
            "stability": float(np.mean([matched_overlap(top, other) for other in refits])) if refits else 1.0,
        })
    return pd.DataFrame(rows, columns=["k", "npmi", "diversity", "stability"]), models


def fitting_sample(n_units: int, settings: TopicSettings) -> np.ndarray:
    """Sorted row indices of the units the models are fit on: all, or a seeded random sample."""
    if n_units <= settings.max_fit_units:
        return np.arange(n_units)
    rng = np.random.default_rng(settings.random_state)
    return np.sort(rng.choice(n_units, settings.max_fit_units, replace=False))


def choose_k(selection: pd.DataFrame, settings: TopicSettings) -> int:
    if settings.k is not None:
        return settings.k
    stable = selection[selection["stability"] >= settings.min_stability]
    if stable.empty:
        return int(selection.sort_values(["stability", "k"], ascending=[False, True]).iloc[0]["k"])
    return int(stable.sort_values(["npmi", "k"], ascending=[False, True]).iloc[0]["k"])


def reliability_note(n_units: int, n_terms: int, settings: TopicSettings) -> str:
    if n_units >= settings.min_reliable_units and n_terms >= settings.min_reliable_vocabulary:
        return ""
    return (f"too little text for a reliable model ({n_units} units, {n_terms} terms; at least "
            f"{settings.min_reliable_units} units and {settings.min_reliable_vocabulary} terms wanted): "
            "read the topics as exploratory")


def fit_topics(units: pd.DataFrame, kind: str, settings: TopicSettings, column: str = "terms") -> dict[str, pd.DataFrame]:
    """All tables for one model on `units[column]` (space-separated terms). Units whose
    document is empty after the vocabulary filter get no topic weights (listed nowhere else)."""
    vectorizer = make_vectorizer(len(units), settings.min_df)
    counts = vectorizer.fit_transform(units[column])
    keep = np.asarray(counts.sum(axis=1)).ravel() > 0
    units, counts = units[keep].reset_index(drop=True), counts[keep]
    vocabulary = vectorizer.get_feature_names_out()
    if not candidate_ks(settings, *counts.shape):
        return _unfitted(counts.shape[0], counts.shape[1])

    sample = counts[fitting_sample(counts.shape[0], settings)]
    selection, models = sweep(kind, sample, settings)
    k = choose_k(selection, settings)
    if k not in models:
        pinned, pinned_models = sweep(kind, sample, replace(settings, ks=[k]))
        selection = pd.concat([selection, pinned]) if not pinned.empty else selection
        models.update(pinned_models)
    selection = selection.sort_values("k").reset_index(drop=True)
    selection["chosen"] = (selection["k"] == k).astype(int)
    selection["units"] = counts.shape[0]
    selection["fit_units"] = sample.shape[0]
    selection["vocabulary"] = counts.shape[1]
    selection["note"] = reliability_note(counts.shape[0], counts.shape[1], settings)

    model = models[k] if k in models else TopicModel(kind, k, settings.random_state).fit(sample)
    theta = model.transform(counts)
    doc_topics = pd.DataFrame({
        "unit_id": np.repeat(units["unit_id"].to_numpy(), k),
        "article_id": np.repeat(units["article_id"].to_numpy(), k),
        "topic": np.tile(np.arange(1, k + 1), len(units)),
        "weight": theta.ravel(),
    })
    labels = pd.DataFrame({
        "topic": range(1, k + 1),
        "top_terms": [" ".join(vocabulary[i] for i in terms) for terms in model.top_terms(8)],
        "frex_terms": [" ".join(terms) for terms in frex_terms(model.topic_term_, vocabulary, 8)],
    })
    tables = {
        "topics": topic_terms(model.topic_term_, vocabulary, settings.label_terms),
        "doc_topics": doc_topics,
        "selection": selection,
        "representatives": representatives(theta, units, settings.representatives),
        "labels": labels,
        "concepts": concept_alignment(theta, units, 5),
    }
    return {name: table.round(DIGITS) for name, table in tables.items()}


TABLE_COLUMNS = {
    "topics": TOPIC_TERM_COLUMNS,
    "doc_topics": ["unit_id", "article_id", "topic", "weight"],
    "representatives": REPRESENTATIVE_COLUMNS,
    "labels": ["topic", "top_terms", "frex_terms"],
    "concepts": ALIGNMENT_COLUMNS,
}


def _unfitted(n_units: int, n_terms: int) -> dict[str, pd.DataFrame]:
    """Empty tables, and a selection row that says why no model was fit."""
    tables = {name: pd.DataFrame(columns=columns) for name, columns in TABLE_COLUMNS.items()}
    tables["selection"] = pd.DataFrame([{
        "k": "", "npmi": "", "diversity": "", "stability": "", "chosen": 0, "units": n_units, "fit_units": 0,
        "vocabulary": n_terms,
        "note": f"too little text to fit any model ({n_units} units, {n_terms} terms)",
    }])
    return tables


def article_topics(doc_topics: pd.DataFrame, units: pd.DataFrame, column: str = "concepts") -> pd.DataFrame:
    """Article mixtures: unit weights averaged with the unit's number of terms as weight,
    normalised to sum to 1 per article."""
    sizes = dict(zip(units["unit_id"], units[column].str.split().str.len()))
    frame = doc_topics.assign(mass=doc_topics["weight"] * doc_topics["unit_id"].map(sizes))
    totals = frame.groupby(["article_id", "topic"], sort=True)["mass"].sum().reset_index()
    totals["weight"] = totals["mass"] / totals.groupby("article_id")["mass"].transform("sum")
    return totals[["article_id", "topic", "weight"]].round(DIGITS)


def crosslingual_topics(units: pd.DataFrame, settings: TopicSettings) -> dict[str, pd.DataFrame]:
    """One LDA over the units of every language, each unit a document of the codebook concepts
    its sentences express: topics over concepts are language-neutral. The vocabulary is the
    codebook, so every concept counts, however rare, and its small size is no warning sign."""
    settings = replace(settings, min_df=1, min_reliable_vocabulary=0)
    tables = fit_topics(units, "lda", settings, column="concepts")
    tables["article_topics"] = article_topics(tables["doc_topics"], units, column="concepts")
    return tables
