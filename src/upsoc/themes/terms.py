"""A theme's words in each language: class-based TF-IDF (c-TF-IDF, as in BERTopic) over the
project's own content terms, and their NPMI coherence.

A sentence's terms are its content lemmas (no stopwords, no punctuation) in the form a reader
knows (the language's `reader_form`), without the people's names found by the topic stage
(`excluded_names.tsv`), and only words: no numbers, no clitics such as `'s` or `n't`.

Within one language, all its units of a theme are one document (a class); a term's weight in
a class is the square root of its frequency there (over the class's terms) times log(1 + A / f),
with A the mean number of terms per class and f the term's count over all classes: frequent in
the theme, rare in the language's other themes. The square root is BERTopic's
`reduce_frequent_words`: without it, words frequent everywhere ("work", "make", "need") lead
several themes' lists. Outliers form no class, but count in f. A term must be in at
least `MIN_UNITS` of the theme's units, so that one sentence's word never speaks for a theme.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import CountVectorizer

from ..topics.labels import ranked
from ..topics.metrics import npmi
from ..topics.units import content_terms

MIN_UNITS = 2


def is_term(term: str) -> bool:
    """A word a reader can take for a theme's: some letter, and not a clitic ('s, n't)."""
    return any(ch.isalpha() for ch in term) and not term.startswith("'") and term != "n't"


def sentence_terms(lemmas: str, flags: str, reader_form: Callable[[str], str], names: frozenset[str]) -> str:
    return " ".join(reader_form(t) for t in content_terms(lemmas, flags) if t not in names and is_term(reader_form(t)))


def _split(text: str) -> list[str]:
    return text.split()


def class_tfidf(terms: pd.Series, themes: np.ndarray, n_themes: int) -> tuple[np.ndarray, np.ndarray, csr_matrix]:
    """(theme × term weights, vocabulary, unit × term counts) for one language's units;
    themes: 0..n_themes-1, or -1 for outliers."""
    vectorizer = CountVectorizer(analyzer=_split)
    try:
        counts = vectorizer.fit_transform(terms).tocsr()
    except ValueError:  # no terms at all
        return np.zeros((n_themes, 0)), np.array([], dtype=object), csr_matrix((len(terms), 0))
    membership = csr_matrix((np.ones(len(themes)), (np.maximum(themes, 0), np.arange(len(themes)))),
                            shape=(n_themes, len(themes)))
    membership = membership.multiply((themes >= 0)[None, :]).tocsr()
    per_class = np.asarray((membership @ counts).todense(), dtype=float)
    units_with = np.asarray((membership @ (counts > 0).astype(float)).todense())
    frequency = np.asarray(counts.sum(axis=0)).ravel()
    mean_terms = max(per_class.sum(axis=1).mean(), 1e-12)
    tf = per_class / np.maximum(per_class.sum(axis=1, keepdims=True), 1e-12)
    weights = np.sqrt(tf) * np.log1p(mean_terms / np.maximum(frequency, 1))
    weights[units_with < MIN_UNITS] = 0.0
    return weights, vectorizer.get_feature_names_out(), counts


def top_terms(weights: np.ndarray, n: int) -> list[list[int]]:
    return [ranked(row, row, n) for row in weights]


def coherence(top: list[list[int]], counts: csr_matrix) -> list[float]:
    """Mean pairwise NPMI of each theme's top terms over the language's units (NaN for a theme
    with fewer than two terms in the language)."""
    scores = npmi(top, counts)
    return [score if len(terms) >= 2 else float("nan") for score, terms in zip(scores, top)]
