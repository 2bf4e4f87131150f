"""The inference study's sample: a seeded random sample of eligible sentences stratified by
frame × language (a *cell*), for the prediction-powered estimates of `upsoc.compare.frames`.

Allocation: equal across the populated cells (`sample._equal_shares`: a cell with fewer
eligible sentences than its share gives all of them, a census, and the rest is shared among
the others). The estimates that matter are contrasts of two cells within one language, whose
variance is the sum of the two cells'; with equal sizes that sum is smallest for a given total
when the cells' variances are alike, and no cell is starved because the corpus has few of its
sentences (proportional allocation would give upward socializing in English a handful).

Within a cell the sample is a *simple random sample* of its eligible sentences, not stratified
by article: every sentence of a cell has the same known inclusion probability
(`cell_sample` / `cell_sentences`), so the cell's unweighted estimates are valid for the whole
cell, articles the instrument was tuned on included. Their sentences stay in the population and
can be drawn like any other: the coding is a fixed function once its cues are frozen, and the
rectifier of PPI measures its errors on a random sample of the population it is applied to,
overfitting included. The sample's `split` keeps them apart for the instrument's scores only:
`tuned` for sentences of articles the cues were tuned on (any study's non-test split), `test`
for the others, so that accuracy is never claimed on data tuned on. Neither split is ever used
for tuning (`annotation.instrument.cue_precision` leaves both out).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .sample import SAMPLE_COLUMNS, TEST_SPLIT, TUNED_SPLIT, _equal_shares

CELL_COLUMNS = ["frame", "cell", "cell_sentences", "cell_sample"]


def cell_name(frame: str, language: str) -> str:
    return f"{frame}:{language}"


def draw_cell_sample(sentences: pd.DataFrame, n: int, min_cell: int, seed: int) -> pd.DataFrame:
    """`eligible_sentences`' output with `frame`: at least `n` sentences in all and `min_cell`
    in every cell that has that many (more in all when the cells need it), items in random order."""
    rng = np.random.default_rng(seed)
    cells = sentences.assign(cell=[cell_name(f, lang) for f, lang in zip(sentences["frame"], sentences["language"])])
    capacity = cells.groupby("cell").size().sort_index()
    total = max(n, min_cell * len(capacity))
    per_cell = _equal_shares(capacity, total, rng)
    drawn = []
    for cell, k in per_cell.items():
        pool = cells[cells["cell"] == cell]
        rows = pool.iloc[np.sort(rng.choice(len(pool), size=int(k), replace=False))]
        drawn.append(rows.assign(cell_sentences=len(pool), cell_sample=int(k)))
    sample = pd.concat(drawn, ignore_index=True)
    sample = sample.iloc[rng.permutation(len(sample))].reset_index(drop=True)
    sample.insert(0, "item", [f"s{i:04d}" for i in range(1, len(sample) + 1)])
    return sample[SAMPLE_COLUMNS + CELL_COLUMNS]


def tuned_articles(samples: list[pd.DataFrame]) -> set[str]:
    """Articles with a sentence outside the test split of any existing study: the cues were tuned on them."""
    return {a for s in samples for a in s.loc[s["split"] != TEST_SPLIT, "article_id"]}


def split_by_tuning(sample: pd.DataFrame, tuned: set[str]) -> dict[str, str]:
    """{article_id: "tuned" | "test"}."""
    return {a: TUNED_SPLIT if a in tuned else TEST_SPLIT for a in sorted(sample["article_id"].unique())}
