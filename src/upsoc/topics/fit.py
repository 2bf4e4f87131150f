"""Model selection and the tables of a fitted model, for one language or across languages.

K is chosen by a documented rule: among the Ks whose stability is at least `min_stability`,
the one with the highest mean NPMI; if no K is that stable, the most stable one (and the
selection's `note` says that its topics change from seed to seed); ties go to the smaller K.
The configuration can pin K. Ks larger than a fifth of the units are skipped. For the seeded
model, K is the number of free topics, beside one seeded topic per concept.

Every K is fit once (NPMI and diversity need that fit), but only the stability refits that the
rule needs are made (`_make_refits`): a K that cannot be chosen whatever its missing refits
give is not refit further, and its stability is left empty in the selection table. The chosen
K is the one the full sweep (`full_sweep`, every refit of every K) chooses, with the same
tables.

Cost is bounded whatever the corpus size: the sweep and the chosen model are fit on a random
sample of at most `max_fit_units` units (all of them in smaller corpora), and every unit then
gets its topic mixture from the fitted model. The vocabulary comes from all units.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from ..layout import SEEDED
from .labels import (
    ALIGNMENT_COLUMNS,
    REPRESENTATIVE_COLUMNS,
    SEEDED_TERM_COLUMNS,
    TOPIC_TERM_COLUMNS,
    concept_alignment,
    frex_terms,
    representatives,
    seeded_terms,
    topic_terms,
)
from .metrics import diversity, npmi, topic_overlaps
from .models import TopicModel, make_vectorizer
from .seeded import SeededLDA, seed_topics

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
    # every refit of every K, not only those the selection rule needs (the same K is chosen)
    full_sweep: bool = False
    coherence_terms: int = 10
    diversity_terms: int = 25
    label_terms: int = 20
    representatives: int = 3
    min_df: int = 2
    min_reliable_units: int = MIN_RELIABLE_UNITS
    min_reliable_vocabulary: int = MIN_RELIABLE_VOCABULARY
    # the seeded model (`upsoc.topics.seeded`): prior weight of a cue term in its concept's
    # topic, and Gibbs sampling iterations
    seed_weight: float = 100.0
    gibbs_iterations: int = 500


def candidate_ks(settings: TopicSettings, n_units: int, n_terms: int) -> list[int]:
    """The configured Ks a corpus of this size can carry (at most a fifth of the units)."""
    limit = min(max(2, n_units // 5), n_units, n_terms)
    ks = [k for k in settings.ks if k <= limit]
    return ks or ([min(2, limit)] if limit >= 2 else [])


class Candidate:
    """One K of the sweep: its reference fit (seed `random_state`), NPMI and diversity, and the
    matched overlaps of the refits made so far (seeds `random_state` + 1, + 2, …)."""

    def __init__(self, k: int, make_model, counts, settings: TopicSettings):
        self.k, self.make_model, self.counts, self.settings = k, make_model, counts, settings
        self.model = make_model(k, settings.random_state).fit(counts)
        self.top = self.model.top_terms(settings.coherence_terms)
        self.npmi = float(np.mean(npmi(self.top, counts)))
        self.diversity = diversity(self.model.top_terms(settings.diversity_terms))
        self.overlaps: list[np.ndarray] = []

    @property
    def done(self) -> bool:
        return len(self.overlaps) >= self.settings.stability_seeds

    def refit(self) -> None:
        seed = self.settings.random_state + len(self.overlaps) + 1
        other = self.make_model(self.k, seed).fit(self.counts)
        self.overlaps.append(topic_overlaps(self.top, other.top_terms(self.settings.coherence_terms)))

    def finish(self) -> None:
        while not self.done:
            self.refit()

    def topic_stability(self) -> np.ndarray:
        """Each reference topic's stability (all refits made)."""
        return np.mean(self.overlaps, axis=0) if self.overlaps else np.ones(len(self.top))

    def stability(self) -> float:
        """The model's stability, NaN while refits are missing."""
        return float(self.topic_stability().mean()) if self.done else np.nan

    def bounds(self) -> tuple[float, float]:
        """The range the model's stability can still end in: each missing refit's mean
        overlap counted as 0, then as 1."""
        if self.done:
            return self.stability(), self.stability()
        seeds = self.settings.stability_seeds
        made = float(sum(overlap.mean() for overlap in self.overlaps))
        missing = seeds - len(self.overlaps)
        return made / seeds, (made + missing) / seeds


# A stability bound decides against `min_stability` only beyond this margin, so that floating-point
# rounding of a sum of means cannot decide otherwise than the exact mean would.
MARGIN = 1e-9


def _make_refits(candidates: list[Candidate], settings: TopicSettings) -> None:
    """Make the refits that the selection rule needs, and no others (all of them with
    `full_sweep`).

    The rule picks the highest-NPMI K among the stable ones, so the Ks are visited in the order
    in which the rule would prefer them (NPMI descending, then K ascending): the first stable
    one is the choice, and a K before it needs only as many refits as prove it unstable (its
    stability's upper bound, counting each missing refit as a perfect one, below
    `min_stability`). If no K is stable, the rule takes the most stable: the Ks are refit in
    order of the middle of their range, and a K stops being refit as soon as its upper bound
    is below the most stable K finished so far (it can neither win nor tie). The chosen K
    always has all its refits (its topics' stabilities are in labels.tsv)."""
    # the rule's order of preference (NaN last, as in `choose_k`'s sort)
    preferred = sorted(candidates, key=lambda c: (np.isnan(c.npmi), -np.nan_to_num(c.npmi), c.k))
    if settings.full_sweep:
        # the same order of fits as the lazy sweep's, none left out: tomotopy's sampler can
        # come out differently depending on what the process allocated before a fit
        for candidate in preferred:
            candidate.finish()
        return
    if settings.k is not None:
        for candidate in candidates:
            if candidate.k == settings.k:
                candidate.finish()
        return
    threshold = settings.min_stability
    for candidate in preferred:
        while True:
            low, high = candidate.bounds()
            if candidate.done:
                if low >= threshold:
                    return
                break
            if high < threshold - MARGIN:
                break
            if low >= threshold + MARGIN:
                candidate.finish()
                return
            candidate.refit()
    best: Candidate | None = None
    for candidate in sorted(candidates, key=lambda c: (-sum(c.bounds()), c.k)):
        while not candidate.done and (best is None or candidate.bounds()[1] >= best.stability() - MARGIN):
            candidate.refit()
        if candidate.done and (best is None or (candidate.stability(), -candidate.k) > (best.stability(), -best.k)):
            best = candidate


def sweep(make_model, counts, settings: TopicSettings) -> tuple[pd.DataFrame, dict, dict[int, np.ndarray]]:
    """The selection table (a row per candidate K; `stability` empty where the rule did not
    need it); each K's reference fit (seed `random_state`), kept so that the chosen model is
    not fit a second time; and the topic stabilities of the Ks whose refits were all made.

    make_model: (K, seed) -> an unfitted model. With `full_sweep`, every K gets all its refits
    (and the same K is chosen)."""
    candidates = [Candidate(k, make_model, counts, settings) for k in candidate_ks(settings, *counts.shape)]
    _make_refits(candidates, settings)
    rows = [{"k": c.k, "npmi": c.npmi, "diversity": c.diversity, "stability": c.stability()} for c in candidates]
    return (pd.DataFrame(rows, columns=["k", "npmi", "diversity", "stability"]),
            {c.k: c.model for c in candidates},
            {c.k: c.topic_stability() for c in candidates if c.done})


def fitting_sample(n_units: int, settings: TopicSettings) -> np.ndarray:
    """Sorted row indices of the units the models are fit on: all, or a seeded random sample."""
    if n_units <= settings.max_fit_units:
        return np.arange(n_units)
    rng = np.random.default_rng(settings.random_state)
    return np.sort(rng.choice(n_units, settings.max_fit_units, replace=False))


def most_coherent(stable: pd.DataFrame) -> int:
    return int(stable.sort_values(["npmi", "k"], ascending=[False, True]).iloc[0]["k"])


def choose_k(selection: pd.DataFrame, settings, among_stable: Callable[[pd.DataFrame], int] = most_coherent) -> int:
    """The pinned K (`settings.k`), else `among_stable` of the Ks whose stability reaches
    `settings.min_stability`, else the most stable (the smaller K on a tie). selection: one row
    per K, with `k`, `stability` and what `among_stable` reads."""
    if settings.k is not None:
        return settings.k
    stable = selection[selection["stability"] >= settings.min_stability]
    if stable.empty:
        return int(selection.sort_values(["stability", "k"], ascending=[False, True]).iloc[0]["k"])
    return among_stable(stable)


def reliability_note(n_units: int, n_terms: int, settings: TopicSettings) -> str:
    if n_units >= settings.min_reliable_units and n_terms >= settings.min_reliable_vocabulary:
        return ""
    return (f"too little text for a reliable model ({n_units} units, {n_terms} terms; at least "
            f"{settings.min_reliable_units} units and {settings.min_reliable_vocabulary} terms wanted): "
            "read the topics as exploratory")


def stability_note(k: int, stability: np.ndarray, settings: TopicSettings) -> str:
    """Why the chosen model is less stable than `min_stability`, or nothing; stability: its
    topics' stabilities."""
    if stability.mean() >= settings.min_stability:
        return ""
    reason = (f"K = {k} is pinned in the configuration" if settings.k is not None
              else f"no K reaches it in this corpus, so the most stable K ({k}) is chosen")
    stable = int((stability >= settings.min_stability).sum())
    return (f"stability {stability.mean():.2f} is below {settings.min_stability}: {reason}. Refit with other seeds, "
            f"{len(stability) - stable} of its {len(stability)} topics change; only the {stable} that come back "
            "(`stable` in labels.tsv) can be read as findings")


def model_factory(kind: str, vocabulary: np.ndarray, seeds: dict[str, list[int]], settings: TopicSettings):
    """(K, seed) -> an unfitted model of this kind; for the seeded model K counts the free topics."""
    if kind == SEEDED:
        return lambda k, seed: SeededLDA(seeds, vocabulary, k, seed, settings.gibbs_iterations, settings.seed_weight)
    return lambda k, seed: TopicModel(kind, k, seed)


def fit_topics(units: pd.DataFrame, kind: str, settings: TopicSettings, column: str = "terms",
               cue_terms: dict[str, list[str]] | None = None) -> dict[str, pd.DataFrame]:
    """All tables for one model on `units[column]` (space-separated terms). Units whose
    document is empty after the vocabulary filter get no topic weights (listed nowhere else).

    cue_terms: for the seeded model, concept -> its cue terms (`units.cue_terms`)."""
    vectorizer = make_vectorizer(len(units), settings.min_df)
    counts = vectorizer.fit_transform(units[column])
    keep = np.asarray(counts.sum(axis=1)).ravel() > 0
    units, counts = units[keep].reset_index(drop=True), counts[keep]
    vocabulary = vectorizer.get_feature_names_out()
    seeds = seed_topics(cue_terms or {}, vocabulary) if kind == SEEDED else {}
    if not candidate_ks(settings, *counts.shape):
        return _unfitted(counts.shape[0], counts.shape[1], kind)

    make_model = model_factory(kind, vocabulary, seeds, settings)
    sample = counts[fitting_sample(counts.shape[0], settings)]
    selection, models, stabilities = sweep(make_model, sample, settings)
    k = choose_k(selection, settings)
    if k not in models:
        pinned, pinned_models, pinned_stabilities = sweep(make_model, sample, replace(settings, ks=[k]))
        selection = pd.concat([selection, pinned]) if not pinned.empty else selection
        models.update(pinned_models)
        stabilities.update(pinned_stabilities)
    selection = selection.sort_values("k").reset_index(drop=True)
    selection["seeded"] = len(seeds)
    selection["chosen"] = (selection["k"] == k).astype(int)
    selection["units"] = counts.shape[0]
    selection["fit_units"] = sample.shape[0]
    selection["vocabulary"] = counts.shape[1]
    notes = [reliability_note(counts.shape[0], counts.shape[1], settings)]
    if k in stabilities:
        notes.append(stability_note(k, stabilities[k], settings))
    selection["note"] = "; ".join(filter(None, notes))

    model = models[k] if k in models else make_model(k, settings.random_state).fit(sample)
    n_topics = model.topic_term_.shape[0]
    stability = stabilities.get(k, np.full(n_topics, np.nan))
    theta = model.transform(counts)
    doc_topics = pd.DataFrame({
        "unit_id": np.repeat(units["unit_id"].to_numpy(), n_topics),
        "article_id": np.repeat(units["article_id"].to_numpy(), n_topics),
        "topic": np.tile(np.arange(1, n_topics + 1), len(units)),
        "weight": theta.ravel(),
    })
    labels = pd.DataFrame({
        "topic": range(1, n_topics + 1),
        "seeded_with": list(seeds) + [""] * (n_topics - len(seeds)),
        "top_terms": [" ".join(vocabulary[i] for i in terms) for terms in model.top_terms(8)],
        "frex_terms": [" ".join(terms) for terms in frex_terms(model.topic_term_, vocabulary, 8)],
        "stability": stability,
        "stable": (stability >= settings.min_stability).astype(int),
    })
    tables = {
        "topics": topic_terms(model.topic_term_, vocabulary, settings.label_terms),
        "doc_topics": doc_topics,
        "selection": selection,
        "representatives": representatives(theta, units, settings.representatives),
        "labels": labels,
        "concepts": concept_alignment(theta, units, 5),
    }
    if kind == SEEDED:
        tables["seeded_terms"] = seeded_terms(model.topic_term_, vocabulary, seeds, settings.label_terms)
    return {name: table.round(DIGITS) for name, table in tables.items()}


SELECTION_COLUMNS = ["k", "npmi", "diversity", "stability", "seeded", "chosen", "units", "fit_units", "vocabulary", "note"]
TABLE_COLUMNS = {
    "topics": TOPIC_TERM_COLUMNS,
    "doc_topics": ["unit_id", "article_id", "topic", "weight"],
    "representatives": REPRESENTATIVE_COLUMNS,
    "labels": ["topic", "seeded_with", "top_terms", "frex_terms", "stability", "stable"],
    "concepts": ALIGNMENT_COLUMNS,
}


def _unfitted(n_units: int, n_terms: int, kind: str) -> dict[str, pd.DataFrame]:
    """Empty tables, and a selection row that says why no model was fit."""
    columns = {**TABLE_COLUMNS, "seeded_terms": SEEDED_TERM_COLUMNS} if kind == SEEDED else TABLE_COLUMNS
    tables = {name: pd.DataFrame(columns=names) for name, names in columns.items()}
    tables["selection"] = pd.DataFrame([{
        "k": "", "npmi": "", "diversity": "", "stability": "", "seeded": 0, "chosen": 0, "units": n_units,
        "fit_units": 0, "vocabulary": n_terms,
        "note": f"too little text to fit any model ({n_units} units, {n_terms} terms)",
    }], columns=SELECTION_COLUMNS)
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
