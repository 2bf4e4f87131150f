"""A topic model seeded with the codebook: one topic per concept, plus free topics.

In the spirit of seeded LDA and keyATM: LDA (tomotopy's collapsed Gibbs sampler) in which each
concept's topic gets a larger prior weight (`seed_weight` instead of the symmetric 0.01) on the
terms of that concept's cues in the language, so the sampler puts the cues' occurrences in that
topic and, with them, the words the corpus uses alongside; the free topics have no seeds and
take up what the codebook does not name. A topic's terms are the words the sampler assigned to
it. A concept gets a topic when at least one of its cue terms is in the model's
vocabulary.

Same interface as `upsoc.topics.models.TopicModel` (fit, transform, topic_term_, top_terms).
Deterministic: one worker, no parallel scheme, a fixed seed; the unit mixtures come from
tomotopy's inference on every unit (as for units outside a fitting sample), with the same
settings.
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix

from .models import TopTerms, unit_mixtures

ALPHA = 0.1
ETA = 0.01
INFER_ITERATIONS = 100


def seed_topics(cue_terms: dict[str, list[str]], vocabulary: np.ndarray) -> dict[str, list[int]]:
    """concept -> vocabulary indices of its cue terms, for the concepts with at least one."""
    index = {term: i for i, term in enumerate(vocabulary)}
    topics = {concept: [index[t] for t in terms if t in index] for concept, terms in cue_terms.items()}
    return {concept: indices for concept, indices in topics.items() if indices}


class SeededLDA(TopTerms):
    def __init__(self, seeds: dict[str, list[int]], vocabulary: np.ndarray, n_free: int, random_state: int,
                 iterations: int = 500, seed_weight: float = 1.0):
        self.seeds = seeds
        self.vocabulary = vocabulary
        self.n_free = n_free
        self.n_topics = len(seeds) + n_free
        self.random_state = random_state
        self.iterations = iterations
        self.seed_weight = seed_weight

    def _words(self, counts: csr_matrix) -> list[list[str]]:
        """Each unit's words, each as often as it occurs, in the order of the unit's columns."""
        counts = csr_matrix(counts)
        repeats = counts.data.astype(int)
        words = np.repeat(self.vocabulary[counts.indices], repeats)
        ends = np.cumsum(repeats)[counts.indptr[1:] - 1] * (np.diff(counts.indptr) > 0)
        ends = np.maximum.accumulate(np.concatenate([[0], ends]))
        return [list(words[start:end]) for start, end in zip(ends[:-1], ends[1:])]

    def fit(self, counts: csr_matrix) -> "SeededLDA":
        import tomotopy

        model = tomotopy.LDAModel(k=self.n_topics, alpha=ALPHA, eta=ETA, seed=self.random_state)
        for words in self._words(counts):
            if words:
                model.add_doc(words)
        priors: dict[int, dict[int, float]] = {}
        for topic, indices in enumerate(self.seeds.values()):
            for term in indices:
                priors.setdefault(term, {})[topic] = self.seed_weight
        for term in sorted(priors):
            model.set_word_prior(self.vocabulary[term], priors[term])
        model.train(self.iterations, workers=1, parallel=tomotopy.ParallelScheme.NONE)
        self.model_ = model
        # A topic's terms are the words the sampler assigned to it: tomotopy's own distribution
        # smooths every topic over the whole vocabulary, so that a topic the sampler left empty
        # would list the first words of the alphabet. tomotopy numbers the words its own way;
        # the columns here follow `vocabulary`.
        columns = {term: i for i, term in enumerate(self.vocabulary)}
        column_of = np.array([columns[word] for word in model.vocabs])
        assigned = np.zeros((self.n_topics, len(self.vocabulary)))
        for document in model.docs:
            np.add.at(assigned, (np.asarray(document.topics), column_of[np.asarray(document.words)]), 1)
        self.topic_term_ = assigned / np.maximum(assigned.sum(axis=1, keepdims=True), 1)
        return self

    def transform(self, counts: csr_matrix) -> np.ndarray:
        import tomotopy

        documents = [self.model_.make_doc(words) for words in self._words(counts)]
        theta, _ = self.model_.infer(documents, iterations=INFER_ITERATIONS, workers=1,
                                     parallel=tomotopy.ParallelScheme.NONE)
        return unit_mixtures(np.asarray(theta, dtype=float).reshape(len(documents), self.n_topics))
