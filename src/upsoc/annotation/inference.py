"""The split of a design sample for inference (`sample.draw_stratified_sample`, drawn by
`upsoc annotate --stratify frame language --per-stratum N`).

The sentences of articles the cues were tuned on stay in the population and can be drawn like
any other: the coding is a fixed function once its cues are frozen, and the rectifier of PPI
measures its errors on a random sample of the population it is applied to, overfitting
included. The sample's `split` keeps them apart for the instrument's scores only: `tuned` for
sentences of articles the cues were tuned on (any study's non-test split), `test` for the
others, so that accuracy is never claimed on data tuned on. Neither split is ever used for
tuning (`annotation.instrument.cue_precision` leaves both out).
"""

from __future__ import annotations

import pandas as pd

from .sample import TEST_SPLIT, TUNED_SPLIT


def tuned_articles(samples: list[pd.DataFrame]) -> set[str]:
    """Articles with a sentence outside the test split of any existing study: the cues were tuned on them."""
    return {a for s in samples for a in s.loc[s["split"] != TEST_SPLIT, "article_id"]}


def split_by_tuning(sample: pd.DataFrame, tuned: set[str]) -> dict[str, str]:
    """{article_id: "tuned" | "test"}."""
    return {a: TUNED_SPLIT if a in tuned else TEST_SPLIT for a in sorted(sample["article_id"].unique())}
