"""A seeded random sample of the corpus' sentences for human coding, stratified by language and article.

Each language gets an equal share of the sample (or what it has), and within a language each
article an equal share of its language's (or all its eligible sentences, when it has fewer),
so that long articles do not dominate and every article is represented. The sentences an
article contributes are a simple random sample of its eligible ones. Eligible: sentences with
at least `min_content_tokens` content tokens, since one- or two-word fragments (a name, a
date) are trivially empty for every coder.

`split_by_article` divides a sample into a development and a test set by article (the two
sides of a translation pair stay together, so that tuning on one side cannot reach the other),
balancing the number of sentences per language. Articles the instrument was already tuned on
can only be development data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SAMPLE_COLUMNS = ["item", "article_id", "sentence_id", "language", "context", "text"]


def eligible_sentences(sentences: pd.DataFrame, min_content_tokens: int = 3) -> pd.DataFrame:
    """sentences: the segmentation's tables (`article_id`, `sentence_id`, `text`, `stopword_flags`),
    with `language`; adds `context`, the sentence before in the same article."""
    table = with_context(sentences)
    content = table["stopword_flags"].map(lambda flags: flags.split().count("0"))
    return table[content >= min_content_tokens].reset_index(drop=True)


def with_context(sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences in article order, each with `context`, the sentence before it."""
    table = sentences.copy()
    table["sentence_id"] = table["sentence_id"].astype(int)
    table = table.sort_values(["article_id", "sentence_id"], kind="stable").reset_index(drop=True)
    table["context"] = table.groupby("article_id")["text"].shift(1, fill_value="")
    return table


def _equal_shares(capacity: pd.Series, total: int, rng: np.random.Generator) -> pd.Series:
    """Split `total` over the index of `capacity` as equally as capacities allow; leftover
    units go to randomly chosen strata."""
    share = pd.Series(0, index=capacity.index)
    remaining = min(total, int(capacity.sum()))
    while remaining > 0:
        open_strata = capacity.index[share < capacity]
        each = max(remaining // len(open_strata), 1)
        order = rng.permutation(len(open_strata))
        for stratum in open_strata[order]:
            add = min(each, capacity[stratum] - share[stratum], remaining)
            share[stratum] += add
            remaining -= add
            if remaining == 0:
                break
    return share


def draw_sample(sentences: pd.DataFrame, n: int, seed: int) -> pd.DataFrame:
    """`n` sentences of `eligible_sentences`' output, stratified by language then article."""
    rng = np.random.default_rng(seed)
    languages = sorted(sentences["language"].unique())
    per_language = _equal_shares(sentences.groupby("language").size().reindex(languages), n, rng)
    drawn = []
    for language in languages:
        pool = sentences[sentences["language"] == language]
        per_article = _equal_shares(pool.groupby("article_id").size().sort_index(), int(per_language[language]), rng)
        for article_id, k in per_article.items():
            rows = pool[pool["article_id"] == article_id]
            drawn.append(rows.iloc[np.sort(rng.choice(len(rows), size=int(k), replace=False))])
    sample = pd.concat(drawn, ignore_index=True)
    # items in random order, so that a coder does not read an article's sentences in a row
    sample = sample.iloc[rng.permutation(len(sample))].reset_index(drop=True)
    sample.insert(0, "item", [f"s{i:04d}" for i in range(1, len(sample) + 1)])
    return sample[SAMPLE_COLUMNS]


def draw_stratified_sample(sentences: pd.DataFrame, strata: list[str], per_stratum: int, seed: int) -> pd.DataFrame:
    """A simple random sample of `per_stratum` sentences (or all it has) from each stratum, the
    strata being the combinations of `strata` columns (e.g. frame × language). Every sentence of
    a stratum has the same chance, n_h / N_h, which design-based estimators need; the sample
    keeps the strata columns and each stratum's `population` N_h beside the items."""
    rng = np.random.default_rng(seed)
    drawn = []
    for _, pool in with_context(sentences).groupby(strata, sort=True):
        k = min(per_stratum, len(pool))
        drawn.append(pool.iloc[np.sort(rng.choice(len(pool), size=k, replace=False))].assign(population=len(pool)))
    sample = pd.concat(drawn, ignore_index=True)
    sample = sample.iloc[rng.permutation(len(sample))].reset_index(drop=True)
    sample.insert(0, "item", [f"s{i:04d}" for i in range(1, len(sample) + 1)])
    return sample[list(dict.fromkeys([*SAMPLE_COLUMNS, *strata, "population"]))]


DEV_SPLIT, TEST_SPLIT = "dev", "test"
# sentences of articles the cues were tuned on, in a study drawn later (annotation.inference):
# scored apart from the test split, and like it never tuned on
TUNED_SPLIT = "tuned"
NEVER_TUNED_ON = (TEST_SPLIT, TUNED_SPLIT)


def split_by_article(sample: pd.DataFrame, pairs: dict[str, str], seed: int, dev_only: set[str] = frozenset()) -> dict[str, str]:
    """{article_id: "dev" | "test"}. `pairs` maps an article to its translation's id.

    Groups of articles (an article with its translations) are taken in a seeded random order,
    those with a `dev_only` article first, which go to the development set; each other group
    goes to the split that has fewer sentences, so far, in the group's languages (on a tie, fewer in
    all languages)."""
    groups: dict[str, set[str]] = {a: {a} for a in sample["article_id"].unique()}
    for a, b in pairs.items():
        if a in groups and b in groups and groups[a] is not groups[b]:
            merged = groups[a] | groups[b]
            for member in merged:
                groups[member] = merged
    unique = sorted({tuple(sorted(g)) for g in groups.values()})
    counts = sample.groupby(["article_id", "language"]).size()
    filled = {DEV_SPLIT: pd.Series(dtype=int), TEST_SPLIT: pd.Series(dtype=int)}
    assignment: dict[str, str] = {}
    rng = np.random.default_rng(seed)
    order = [unique[i] for i in rng.permutation(len(unique))]
    for members in sorted(order, key=lambda group: not set(group) & set(dev_only)):
        sizes = counts[counts.index.get_level_values(0).isin(members)].groupby(level=1).sum()
        load = {split: sum(filled[split].get(lang, 0) for lang in sizes.index) for split in filled}
        # a tie in the group's languages goes to the split with fewer sentences in all, then to dev
        split = DEV_SPLIT if set(members) & set(dev_only) else min(filled, key=lambda s: (load[s], filled[s].sum(), s == TEST_SPLIT))
        filled[split] = filled[split].add(sizes, fill_value=0)
        assignment.update({member: split for member in members})
    return dict(sorted(assignment.items()))
