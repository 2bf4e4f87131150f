"""The findings the report opens with, selected from the result tables as plain records.

Nothing here is written about the results by hand: every statement the overview makes is a
row (or a count of rows) of `frame_effects.tsv`, `frame_prevalence.tsv`, the validation tables
or the topic tables, and the quotes are sentences of the coding.

A finding is a contrast of two frames within one language (or of two languages within one
frame), or its standardised average over the strata, whose prediction-powered (`ppi`) 95%
interval excludes zero: that interval holds whatever the coding's errors. The coded share's
contrast is given beside it only as a secondary figure: its interval ignores the coding's
errors. No finding pools languages (`upsoc.compare.frames` never computes such a pool).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import layout
from ..annotation.sample import TEST_SPLIT
from ..compare.bootstrap import ARTICLES
from ..compare.frames import CODED, PPI, STANDARDISED
from ..compare.groups import group_labels
from ..compare.prevalence import indicator_matrix
from ..compare.tactics import most_representative

QUOTES_PER_SIDE = 2
# A topic is named by the codebook when the units carrying some concept weigh it at least
# this many times as much as the average unit does (`lift` of concepts.tsv).
NAMED_LIFT = 2.0
TOP_TERMS = 5


@dataclass(frozen=True)
class Quote:
    article_id: str
    sentence_id: str
    language: str
    text: str


@dataclass(frozen=True)
class Interval:
    value: float
    low: float  # nan: no interval
    high: float

    @property
    def width(self) -> float:
        return self.high - self.low

    @property
    def excludes_zero(self) -> bool:
        return bool(self.low > 0 or self.high < 0)


@dataclass(frozen=True)
class Contrast:
    """Side a's share of sentences carrying `concept` minus side b's, in one stratum of
    `frame_effects.tsv`: prediction-powered, with the coded share's contrast beside it."""

    concept: str
    a: str
    b: str
    stratum: str  # a language (frame contrasts), a frame (language contrasts) or STANDARDISED
    strata: tuple[tuple[str, float], ...]  # the strata the row rests on, with their weights
    labelled: int  # the inference study's sentences the ppi row rests on
    articles_a: int
    articles_b: int
    ppi: Interval
    coded: Interval
    # sides whose cell has too few articles to resample by article: the interval speaks only
    # for these articles
    narrow: tuple[str, ...]
    quotes_a: tuple[Quote, ...]
    quotes_b: tuple[Quote, ...]


@dataclass(frozen=True)
class ContrastFindings:
    """One contrast (`a-b` of frame_effects.tsv) in all its strata, strata in table order."""

    across: str  # "frame" or "language": what the contrast compares
    a: str
    b: str
    strata: tuple[str, ...]
    weights: tuple[tuple[str, float], ...]  # the standardised stratum's weights (none: no such stratum)
    estimated: int  # ppi rows: concept × stratum
    found: list[Contrast]  # ppi interval excludes zero; by stratum, largest first
    undetermined: list[Contrast]  # a ppi row without an interval (too few labelled positives)
    # the median width of the ppi intervals and of the coded ones, over the rows with both
    widths: tuple[float, float] | None


@dataclass(frozen=True)
class Cell:
    frame: str
    language: str
    articles: int
    sentences: int
    labelled: int
    resampling: str


@dataclass(frozen=True)
class Score:
    """A micro-averaged F1 of a coding against a study's reference, or an alpha between codings."""

    study: str
    split: str
    coding: str
    value: float
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Limits:
    """What the data cannot say: cell sizes, how sure the coding is."""

    cells: list[Cell]
    instrument: list[Score]  # micro F1 of the instrument, each study and split, test first
    coders: list[Score]  # micro F1 of each coder against the same reference
    coder_alpha: list[Score]  # Krippendorff's alpha between the two coders, pooled over concepts


def _number(cell) -> float:
    return float(cell) if str(cell) != "" else np.nan


def excludes_zero(low, high):
    """Whether an interval given as table cells (empty: undefined) lies on one side of zero;
    for a pair of cells or, element-wise, for two columns."""
    low, high = pd.to_numeric(low, errors="coerce"), pd.to_numeric(high, errors="coerce")
    return (low > 0) | (high < 0)


class Quotes:
    """The most representative sentences of a group carrying a concept (all its evidence, as
    the frame effects count it), from different articles where the group has them."""

    def __init__(self, coded: pd.DataFrame, sheet: pd.DataFrame, concepts: list[str]):
        self.coded = coded.reset_index(drop=True)
        self.sheet = sheet.set_index("id", drop=False)
        self.concepts = concepts
        self.evidence = indicator_matrix(self.coded, concepts)
        self._labels: dict[str, np.ndarray] = {}
        self._ranked: dict[str, pd.DataFrame] = {}

    def _group_of_sentences(self, grouping: str) -> np.ndarray:
        """Each sentence's group in `grouping`, computed once per grouping for all its findings."""
        if grouping not in self._labels:
            self._labels[grouping] = self.coded["article_id"].map(group_labels(self.sheet, grouping)).to_numpy()
        return self._labels[grouping]

    def _carriers_ranked(self, concept: str) -> pd.DataFrame:
        """The sentences carrying `concept`, most representative first, ranked once for every
        group: the ranking is a total order, so a group's sentences keep it."""
        if concept not in self._ranked:
            self._ranked[concept] = most_representative(self.coded[self.evidence[:, self.concepts.index(concept)] > 0], concept)
        return self._ranked[concept]

    def of(self, grouping: str, group: str, concept: str, within: tuple[str, Iterable[str]] | None = None,
           n: int = QUOTES_PER_SIDE) -> tuple[Quote, ...]:
        """within: (grouping, groups) the sentences must also belong to, e.g. ("language", ["zh"])."""
        carriers = self._carriers_ranked(concept)
        keep = self._group_of_sentences(grouping)[carriers.index.to_numpy()] == group
        if within is not None:
            keep &= np.isin(self._group_of_sentences(within[0])[carriers.index.to_numpy()], list(within[1]))
        ranked = carriers[keep]
        chosen = pd.concat([ranked.drop_duplicates("article_id"), ranked]).drop_duplicates(["article_id", "sentence_id"]).head(n)
        return tuple(Quote(r.article_id, str(r.sentence_id), r.language, r.text) for r in chosen.itertuples())


def _strata(weights: str) -> tuple[tuple[str, float], ...]:
    """`en=0.179|zh=0.821` -> (("en", 0.179), ("zh", 0.821))."""
    return tuple((name, float(w)) for name, w in (part.split("=") for part in weights.split("|")))


def contrast_findings(effects: pd.DataFrame, prevalence: pd.DataFrame, quotes: Quotes,
                      frame_contrasts: Iterable[tuple[str, str]]) -> list[ContrastFindings]:
    """Per contrast of `frame_effects.tsv`, the frame contrasts first (in `frame_contrasts`
    order), then the language contrasts: the `ppi` rows whose interval excludes zero, those
    without an interval, and what the coding's accuracy costs in interval width."""
    frame_names = [f"{a}-{b}" for a, b in frame_contrasts]
    present = list(dict.fromkeys(effects["contrast"]))
    order = [c for c in frame_names if c in present] + [c for c in present if c not in frame_names]
    resampling = {(r.frame, r.language): r.resampling for r in prevalence[prevalence["method"] == CODED].itertuples()}
    coded = {(r.contrast, r.stratum, r.concept): r for r in effects[effects["method"] == CODED].itertuples()}
    found = []
    for contrast in order:
        across = "frame" if contrast in frame_names else "language"
        a, b = contrast.split("-")
        rows = effects[effects["contrast"] == contrast]
        strata = tuple(dict.fromkeys(rows["stratum"]))
        cell = (lambda side, s: (side, s)) if across == "frame" else (lambda side, s: (s, side))

        def record(r) -> Contrast:
            c = coded[(contrast, r.stratum, r.concept)]
            rests_on = _strata(r.weights)
            narrow = tuple(side for side in (a, b)
                           if any(resampling.get(cell(side, s)) != ARTICLES for s, _ in rests_on))
            within = ("frame" if across == "language" else "language", [s for s, _ in rests_on])
            return Contrast(r.concept, a, b, r.stratum, rests_on, int(r.labelled), int(r.articles_a), int(r.articles_b),
                            Interval(float(r.estimate), _number(r.low), _number(r.high)),
                            Interval(float(c.estimate), _number(c.low), _number(c.high)), narrow,
                            quotes.of(across, a, r.concept, within), quotes.of(across, b, r.concept, within))

        ppi = rows[rows["method"] == PPI]
        # a standardised row over a single stratum repeats that stratum's row
        ppi = ppi[(ppi["stratum"] != STANDARDISED) | ppi["weights"].str.contains("|", regex=False)]
        beyond = ppi[excludes_zero(ppi["low"], ppi["high"])]
        beyond = beyond.assign(size=-beyond["estimate"].astype(float).abs(), position=beyond["stratum"].map(strata.index))
        beyond = beyond.sort_values(["position", "size"], kind="stable")
        missing = ppi[ppi["low"] == ""]
        with_both = ppi[ppi["low"] != ""].merge(rows[rows["method"] == CODED], on=["stratum", "concept"],
                                                 suffixes=("", "_coded"))
        with_both = with_both[with_both["low_coded"] != ""]
        widths = None
        if len(with_both):
            width = lambda low, high: float(np.median(high.astype(float) - low.astype(float)))
            widths = (width(with_both["low"], with_both["high"]), width(with_both["low_coded"], with_both["high_coded"]))
        standardised = rows.loc[rows["stratum"] == STANDARDISED, "weights"]
        weights = _strata(standardised.iloc[0]) if len(standardised) else ()
        found.append(ContrastFindings(across, a, b, strata, weights, len(ppi), [record(r) for r in beyond.itertuples()],
                                      [record(r) for r in missing.itertuples()], widths))
    return found


def single_frame_languages(contrasts: pd.DataFrame, summary: pd.DataFrame) -> dict[str, list[str]]:
    """Languages in which no two frames can be compared (`corpus/contrasts.tsv`), with the
    frames they have articles of."""
    within = set(contrasts.loc[contrasts["across"] == "frame", "stratum"])
    return {language: sorted(set(rows["frame"])) for language, rows in summary.groupby("language", sort=True)
            if language not in within}


def limits(prevalence: pd.DataFrame, scores: pd.DataFrame, agreement: pd.DataFrame) -> Limits:
    """prevalence: `frame_prevalence.tsv`; its cells' sizes, with the labelled sentences of
    each (0 until the inference study is adjudicated)."""
    labelled = prevalence[prevalence["method"] == PPI].drop_duplicates(["frame", "language"])
    labelled = {(r.frame, r.language): int(r.labelled) for r in labelled.itertuples()}
    sizes = prevalence[prevalence["method"] == CODED].drop_duplicates(["frame", "language"])
    cells = [Cell(r.frame, r.language, int(r.articles), int(r.sentences), labelled.get((r.frame, r.language), 0),
                  r.resampling) for r in sizes.itertuples()]
    micro = scores[(scores["measure"] == "micro") & (scores["language"] == "all")]
    # the test split first: only it measures the instrument on text it was never tuned on
    micro = micro.assign(dev=micro["split"] != TEST_SPLIT).sort_values(["dev", "study", "split"], kind="stable")

    def f1(rows):
        return [Score(r.study, r.split, r.coding, float(r.f1), _number(r.f1_low), _number(r.f1_high)) for r in rows.itertuples()]

    pooled = agreement[(agreement["concept"] == "pooled") & (agreement["language"] == "all")
                       & (agreement["coding_a"] == "coder_a") & (agreement["coding_b"] == "coder_b")]
    pooled = pooled.assign(dev=pooled["split"] != TEST_SPLIT).sort_values(["dev", "study", "split"], kind="stable")
    return Limits(
        cells,
        f1(micro[micro["coding"] == "instrument"]),
        f1(micro[micro["coding"] != "instrument"]),
        [Score(r.study, r.split, "coder_a/coder_b", _number(r.alpha)) for r in pooled.itertuples()],
    )


# --- what the topics add ---------------------------------------------------------------------

@dataclass(frozen=True)
class TopicTheme:
    """A topic of a model, its top terms and the codebook concept most aligned with it."""

    scope: str  # layout.TopicScope.name: "zh-lda", "crosslingual"
    topic: str
    terms: tuple[str, ...]
    concept: str
    lift: float

    @property
    def named(self) -> bool:
        """Whether the codebook has a concept for the theme; if not, the topic adds one."""
        return self.lift >= NAMED_LIFT


@dataclass(frozen=True)
class TopicTables:
    """A fitted model's tables, as the topic stage writes them (docs/outputs.md)."""

    labels: pd.DataFrame
    concepts: pd.DataFrame


def topic_findings(models: Mapping[layout.TopicScope, TopicTables]) -> list[TopicTheme]:
    """Every topic of every model with its best-aligned concept; those the codebook does not
    name are what the topics add. (The topic effects between groups pool languages: they are
    a descriptive table of the comparisons, not findings.)"""
    themes = []
    for scope, tables in models.items():
        best = tables.concepts.astype({"lift": float}).sort_values(["topic", "lift"], ascending=[True, False],
                                                                    kind="stable").drop_duplicates("topic")
        best = best.set_index(best["topic"].astype(str))
        for r in tables.labels.itertuples():
            topic = str(r.topic)
            concept, lift = (best.at[topic, "concept"], float(best.at[topic, "lift"])) if topic in best.index else ("", 0.0)
            themes.append(TopicTheme(scope.name, topic, tuple(r.top_terms.split()[:TOP_TERMS]), concept, lift))
    return themes


# The seeded models are judged on the concepts the coding finds often enough in a language.
SEEDED_MIN_SENTENCES = 20
CANDIDATE_TERMS = 5


@dataclass(frozen=True)
class SeededConcept:
    """How a language's seeded topic for a concept agrees with the coding of that concept, and
    the words the topic gives the concept beyond its cues (candidate cues for the codebook)."""

    language: str
    concept: str
    coded_sentences: int
    correlation: Interval
    candidates: tuple[str, ...]


def seeded_findings(agreement: Mapping[str, pd.DataFrame], seeded_terms: Mapping[str, pd.DataFrame]) -> list[SeededConcept]:
    """Per language, every concept with a seeded topic and at least SEEDED_MIN_SENTENCES coded
    sentences (`agreement.tsv`, the row of the whole corpus), in codebook order."""
    found = []
    for language, table in agreement.items():
        rows = table[(table["grouping"] == "all") & (table["topic"] != "")]
        terms = seeded_terms[language]
        beyond_cues = terms[terms["is_cue"] == "0"].astype({"rank": int}).sort_values(["concept", "rank"], kind="stable")
        for r in rows.itertuples():
            if int(r.coded_sentences) < SEEDED_MIN_SENTENCES:
                continue
            candidates = tuple(beyond_cues.loc[beyond_cues["concept"] == r.concept, "term"][:CANDIDATE_TERMS])
            found.append(SeededConcept(language, r.concept, int(r.coded_sentences),
                                       Interval(float(r.correlation), _number(r.correlation_low), _number(r.correlation_high)),
                                       candidates))
    return found
