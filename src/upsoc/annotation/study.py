"""An annotation study on disk (see data/validation/README.md) and the instrument's scores on it.

A study is a folder with `sample.tsv` (items, their articles, language and split) and one or
more codings: `coder_a.tsv`, `coder_b.tsv` and, when their disagreements were decided,
`adjudicated.tsv`. The reference the instrument is scored against is the adjudicated coding;
without one, the codes both coders gave (their intersection, the advice flag where they
agree); with a single coder, that coder's codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..tables import format_concepts, parse_concepts
from ..tsv import read_tsv
from .agreement import agreement, aligned, read_coding
from .instrument import confusions, scores_with_intervals
from .sheets import CODERS, StudyError

ADJUDICATED = "adjudicated"
INSTRUMENT = "instrument"
STUDY_FILES = ("sample.tsv", *(f"{coder}.tsv" for coder in CODERS), f"{ADJUDICATED}.tsv")


@dataclass
class Study:
    name: str
    sample: pd.DataFrame  # indexed by item
    codings: dict[str, pd.DataFrame]  # name -> coding indexed by item, on the sample's items

    @property
    def reference(self) -> pd.DataFrame:
        if ADJUDICATED in self.codings:
            return self.codings[ADJUDICATED]
        coders = [self.codings[c] for c in CODERS if c in self.codings]
        if len(coders) == 1:
            return coders[0]
        a, b = coders
        both = [format_concepts([c for c in parse_concepts(x) if c in set(parse_concepts(y))]) for x, y in zip(a["concepts"], b["concepts"])]
        advice = np.where(a["is_advice"] == b["is_advice"], a["is_advice"], "0")
        return pd.DataFrame({"concepts": both, "is_advice": advice}, index=a.index)


def items_to_code(study: Study) -> pd.DataFrame:
    """The study's sentences as `coding.validation.code_sample` reads them, without any reference codes."""
    return study.sample.reset_index().rename(columns={"item": "id"}).assign(concepts="", is_advice="0")


def study_files(folder: str | Path) -> list[Path]:
    """The files of a study folder that exist."""
    return [Path(folder) / name for name in STUDY_FILES if (Path(folder) / name).is_file()]


def awaiting_codes(folder: str | Path) -> bool:
    """A study drawn but not coded yet: no adjudication, and its coders' sheets still blank."""
    folder = Path(folder)
    sheets = [folder / f"{coder}.tsv" for coder in CODERS if (folder / f"{coder}.tsv").is_file()]
    return not (folder / f"{ADJUDICATED}.tsv").is_file() and all(
        (read_tsv(sheet, ["is_advice"])["is_advice"] == "").all() for sheet in sheets)


def load_sample(folder: str | Path) -> pd.DataFrame:
    """A study's sample.tsv, indexed by item, with a `split` column."""
    sample_path = Path(folder) / "sample.tsv"
    if not sample_path.is_file():
        raise StudyError(f"{folder}: no sample.tsv: a study folder holds sample.tsv and coding sheets (data/validation/README.md)")
    sample = read_tsv(sample_path).set_index("item")
    if "split" not in sample.columns:
        sample["split"] = "all"
    return sample


def load_study(folder: str | Path, concept_ids: list[str]) -> Study:
    folder = Path(folder)
    sample = load_sample(folder)
    names = [c for c in (*CODERS, ADJUDICATED) if (folder / f"{c}.tsv").is_file()]
    if not names:
        raise StudyError(f"{folder}: no coding sheet (coder_a.tsv, coder_b.tsv or adjudicated.tsv)")
    codings = aligned({**{name: read_coding(folder / f"{name}.tsv", concept_ids) for name in names}, "sample": sample})
    return Study(folder.name, codings.pop("sample"), codings)


def validation_tables(study: Study, instrument: pd.DataFrame, concept_ids: list[str], replicates: int,
                      random_state: int) -> dict[str, pd.DataFrame]:
    """The instrument's and each coder's scores against the reference, per split, with article-bootstrap
    intervals; Krippendorff's alpha of every pair of codings; the instrument's confusions."""
    scores, alphas, confused = [], [], []
    reference = study.reference
    for split in sorted(study.sample["split"].unique()):
        items = study.sample.index[study.sample["split"] == split]
        base = study.sample.loc[items, ["article_id", "language"]]
        gold = base.join(reference.loc[items])
        # every coding but the reference itself (a single coder's study has no other)
        others = {INSTRUMENT: instrument, **{n: c for n, c in study.codings.items() if c is not reference and n != ADJUDICATED}}
        for name, coding in others.items():
            table = scores_with_intervals(gold, base.join(coding.loc[items]), concept_ids, replicates, random_state)
            scores.append(table.assign(study=study.name, split=split, coding=name))
        codings = {**study.codings, INSTRUMENT: instrument}
        alphas.append(agreement({n: c.loc[items] for n, c in codings.items()}, study.sample["language"], concept_ids)
                      .assign(study=study.name, split=split))
        confused.append(confusions(gold, base.join(instrument.loc[items]), concept_ids).assign(study=study.name, split=split))
    first = ["study", "split"]
    return {
        "scores": _first(pd.concat(scores, ignore_index=True), [*first, "coding"]),
        "agreement": _first(pd.concat(alphas, ignore_index=True), first),
        "confusions": _first(pd.concat(confused, ignore_index=True), first),
    }


def _first(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return table[columns + [c for c in table.columns if c not in columns]]
