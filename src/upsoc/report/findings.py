"""The findings the report opens with, selected from the result tables as plain records.

Nothing here is written about the results by hand: every statement the overview makes is a
row (or a count of rows) of `concept_differences.tsv`, `concept_prevalence.tsv`, the
validation tables or the topic tables, and the quotes are sentences of the coding.

A difference between two groups is a finding when its 95% interval excludes zero. The figure
judged is the error-corrected one where the table has it (the raw figure is then not used:
a raw difference whose corrected interval includes zero is reported as disappearing), else
the raw one. Frames are judged without the frame terms' own evidence (grouping `frame`), the
figure counting them (`frame_inclusive`) is given beside.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import layout
from ..annotation.sample import TEST_SPLIT
from ..compare.groups import group_labels
from ..compare.prevalence import FRAME, FRAME_INCLUSIVE, indicator_matrix
from ..compare.tactics import most_representative

# The research question first: frames, then languages, then origins; other groupings after.
GROUPING_ORDER = ("frame", "language", "origin")
QUOTES_PER_SIDE = 2
RAW, CORRECTED = "raw", "error-corrected"
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
    low: float
    high: float


@dataclass(frozen=True)
class Difference:
    """Group a's share of sentences carrying `concept` minus group b's, beyond its interval."""

    grouping: str
    group_a: str
    group_b: str
    concept: str
    figure: str  # RAW or CORRECTED
    share_a: float
    share_b: float
    difference: Interval
    resampling_a: str
    resampling_b: str
    # grouping frame: the raw difference counting the frame terms' evidence too
    inclusive: Interval | None
    quotes_a: tuple[Quote, ...]
    quotes_b: tuple[Quote, ...]


@dataclass(frozen=True)
class GroupingFindings:
    grouping: str
    compared: int  # pairwise concept differences in the table
    corrected: int  # of which have an error-corrected figure
    differences: list[Difference]  # beyond their intervals, largest first
    # raw differences beyond their interval whose corrected interval includes zero
    disappearing: list[tuple[str, str, str]]


@dataclass(frozen=True)
class GroupSize:
    grouping: str
    group: str
    articles: int
    sentences: int
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
    """What the data cannot say: group sizes, how sure the coding is."""

    groups: list[GroupSize]
    instrument: list[Score]  # micro F1 of the instrument, each study and split, test first
    coders: list[Score]  # micro F1 of each coder against the same reference
    coder_alpha: list[Score]  # Krippendorff's alpha between the two coders, pooled over concepts


def ordered_groupings(groupings: Iterable[str]) -> list[str]:
    groupings = list(groupings)
    first = [g for g in GROUPING_ORDER if g in groupings]
    return first + [g for g in groupings if g not in first]


def _number(cell) -> float:
    return float(cell) if str(cell) != "" else np.nan


def excludes_zero(low, high):
    """Whether an interval given as table cells (empty: undefined) lies on one side of zero;
    for a pair of cells or, element-wise, for two columns."""
    low, high = pd.to_numeric(low, errors="coerce"), pd.to_numeric(high, errors="coerce")
    return (low > 0) | (high < 0)


class Quotes:
    """The most representative sentences of a group carrying a concept, from different articles
    where the group has them."""

    def __init__(self, coded: pd.DataFrame, sheet: pd.DataFrame, concepts: list[str]):
        self.coded = coded.reset_index(drop=True)
        self.sheet = sheet.set_index("id", drop=False)
        self.concepts = concepts
        # grouping frame counts a concept only where more than a frame term expresses it
        self.beyond_frame_terms = indicator_matrix(self.coded, concepts, without="frame_only")
        self.all_evidence = indicator_matrix(self.coded, concepts)
        self._labels: dict[str, np.ndarray] = {}
        self._ranked: dict[tuple[bool, str], pd.DataFrame] = {}

    def _group_of_sentences(self, grouping: str) -> np.ndarray:
        """Each sentence's group in `grouping`, computed once per grouping for all its findings."""
        if grouping not in self._labels:
            self._labels[grouping] = self.coded["article_id"].map(group_labels(self.sheet, grouping)).to_numpy()
        return self._labels[grouping]

    def _carriers_ranked(self, concept: str, beyond_frame_terms: bool) -> pd.DataFrame:
        """The sentences carrying `concept`, most representative first, ranked once for every
        group: the ranking is a total order, so a group's sentences keep it."""
        key = (beyond_frame_terms, concept)
        if key not in self._ranked:
            evidence = self.beyond_frame_terms if beyond_frame_terms else self.all_evidence
            self._ranked[key] = most_representative(self.coded[evidence[:, self.concepts.index(concept)] > 0], concept)
        return self._ranked[key]

    def of(self, grouping: str, group: str, concept: str, n: int = QUOTES_PER_SIDE) -> tuple[Quote, ...]:
        carriers = self._carriers_ranked(concept, beyond_frame_terms=grouping == FRAME)
        ranked = carriers[self._group_of_sentences(grouping)[carriers.index.to_numpy()] == group]
        chosen = pd.concat([ranked.drop_duplicates("article_id"), ranked]).drop_duplicates(["article_id", "sentence_id"]).head(n)
        return tuple(Quote(r.article_id, str(r.sentence_id), r.language, r.text) for r in chosen.itertuples())


def concept_findings(differences: pd.DataFrame, prevalence: pd.DataFrame, quotes: Quotes,
                     groupings: Iterable[str]) -> list[GroupingFindings]:
    """Per grouping, in `ordered_groupings` order: the pairwise concept differences beyond their
    intervals, largest first."""
    pairwise = differences[differences["comparison"] == "pairwise"]
    corrected_share = {(r.grouping, r.group, r.concept): r.share_corrected for r in prevalence.itertuples()}
    inclusive = {(r.group_a, r.group_b, r.concept): Interval(float(r.difference), float(r.low), float(r.high))
                 for r in pairwise[pairwise["grouping"] == FRAME_INCLUSIVE].itertuples()}
    found = []
    for grouping in ordered_groupings(groupings):
        rows = pairwise[pairwise["grouping"] == grouping]
        kept, disappearing = [], []
        for r in rows.itertuples():
            has_corrected = r.difference_corrected != ""
            if has_corrected and excludes_zero(r.low, r.high) and not excludes_zero(r.corrected_low, r.corrected_high):
                disappearing.append((r.group_a, r.group_b, r.concept))
            low, high = (r.corrected_low, r.corrected_high) if has_corrected else (r.low, r.high)
            if not excludes_zero(low, high):
                continue
            if has_corrected:
                share_a = _number(corrected_share[(grouping, r.group_a, r.concept)])
                share_b = _number(corrected_share[(grouping, r.group_b, r.concept)])
                value = Interval(float(r.difference_corrected), float(low), float(high))
            else:
                share_a, share_b = float(r.share_a), float(r.share_b)
                value = Interval(float(r.difference), float(low), float(high))
            kept.append(Difference(
                grouping, r.group_a, r.group_b, r.concept, CORRECTED if has_corrected else RAW, share_a, share_b, value,
                r.resampling_a, r.resampling_b,
                inclusive.get((r.group_a, r.group_b, r.concept)) if grouping == FRAME else None,
                quotes.of(grouping, r.group_a, r.concept), quotes.of(grouping, r.group_b, r.concept),
            ))
        # largest first; ties in table order, which is stable
        kept.sort(key=lambda d: -abs(d.difference.value))
        found.append(GroupingFindings(grouping, len(rows), int((rows["difference_corrected"] != "").sum()), kept,
                                      disappearing))
    return found


def limits(prevalence: pd.DataFrame, scores: pd.DataFrame, agreement: pd.DataFrame, groupings: Iterable[str]) -> Limits:
    order = ordered_groupings(groupings)
    sizes = prevalence[prevalence["grouping"].isin(order)].drop_duplicates(["grouping", "group"])
    sizes = sizes.assign(position=sizes["grouping"].map(order.index)).sort_values(["position", "group"], kind="stable")
    groups = [GroupSize(r.grouping, r.group, int(r.articles), int(r.sentences), r.resampling) for r in sizes.itertuples()]
    micro = scores[(scores["measure"] == "micro") & (scores["language"] == "all")]
    # the test split first: only it measures the instrument on text it was never tuned on
    micro = micro.assign(dev=micro["split"] != TEST_SPLIT).sort_values(["dev", "study", "split"], kind="stable")

    def f1(rows):
        return [Score(r.study, r.split, r.coding, float(r.f1), _number(r.f1_low), _number(r.f1_high)) for r in rows.itertuples()]

    pooled = agreement[(agreement["concept"] == "pooled") & (agreement["language"] == "all")
                       & (agreement["coding_a"] == "coder_a") & (agreement["coding_b"] == "coder_b")]
    pooled = pooled.assign(dev=pooled["split"] != TEST_SPLIT).sort_values(["dev", "study", "split"], kind="stable")
    return Limits(
        groups,
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
class TopicEffect:
    """A cross-lingual topic whose mean share differs between two groups beyond its interval."""

    grouping: str
    group_a: str
    group_b: str
    topic: str
    terms: tuple[str, ...]
    effect: Interval


@dataclass(frozen=True)
class TopicTables:
    """A fitted model's tables, as the topic stage writes them (docs/outputs.md)."""

    labels: pd.DataFrame
    concepts: pd.DataFrame


def topic_findings(models: Mapping[layout.TopicScope, TopicTables], effects: pd.DataFrame,
                   groupings: Iterable[str]) -> tuple[list[TopicTheme], list[TopicEffect]]:
    """Every topic of every model with its best-aligned concept (those the codebook does not
    name are what the topics add), and the cross-lingual topics that differ between groups."""
    themes, terms = [], {}
    for scope, tables in models.items():
        best = tables.concepts.astype({"lift": float}).sort_values(["topic", "lift"], ascending=[True, False],
                                                                    kind="stable").drop_duplicates("topic")
        best = best.set_index(best["topic"].astype(str))
        for r in tables.labels.itertuples():
            topic = str(r.topic)
            top = tuple(r.top_terms.split()[:TOP_TERMS])
            terms[scope.name, topic] = top
            concept, lift = (best.at[topic, "concept"], float(best.at[topic, "lift"])) if topic in best.index else ("", 0.0)
            themes.append(TopicTheme(scope.name, topic, top, concept, lift))
    found = []
    pairwise = effects[effects["comparison"] == "pairwise"]
    for grouping in ordered_groupings(groupings):
        rows = [r for r in pairwise[pairwise["grouping"] == grouping].itertuples() if excludes_zero(r.low, r.high)]
        rows.sort(key=lambda r: -abs(float(r.effect)))
        found += [TopicEffect(grouping, r.group_a, r.group_b, str(r.topic), terms.get((layout.CROSSLINGUAL.name, str(r.topic)), ()),
                              Interval(float(r.effect), float(r.low), float(r.high))) for r in rows]
    return themes, found


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
