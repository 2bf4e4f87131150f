"""Agreement between codings of the same sentences: Krippendorff's alpha and F1 against a reference.

A coding is a sheet with `item`, `concepts` (ids joined by ";") and `is_advice` (0/1). Each
concept is a binary variable per sentence; its alpha (nominal, Krippendorff 2004) between two
codings is computed on the sentences both coded. `pooled` treats every (sentence, concept)
pair as one unit, so frequent concepts weigh more; `advice` is the advice flag.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..tables import concept_indicators
from ..tsv import read_tsv
from .sheets import StudyError

POOLED, ADVICE = "pooled", "advice"
AGREEMENT_COLUMNS = ["coding_a", "coding_b", "language", "concept", "items", "positives_a", "positives_b", "alpha"]
DIGITS = 4


def read_coding(path: str | Path, concept_ids: list[str]) -> pd.DataFrame:
    """A coder's sheet, checked: every row has an item, known concept ids and a 0/1 advice flag."""
    path = Path(path)
    if not path.is_file():
        raise StudyError(f"{path}: no such file")
    sheet = read_tsv(path)
    missing = [c for c in ("item", "concepts", "is_advice") if c not in sheet.columns]
    if missing:
        raise StudyError(f"{path}: missing column(s) {', '.join(missing)}: a coding sheet has item, concepts, is_advice")
    if sheet.empty:
        raise StudyError(f"{path}: no coded sentences")
    known, problems = set(concept_ids), []
    for line, row in zip(range(2, len(sheet) + 2), sheet.to_dict(orient="records")):
        unknown = [c for c in row["concepts"].split(";") if c and c not in known]
        if unknown:
            problems.append(f"row {line} (item {row['item']!r}): unknown concept id(s) {', '.join(unknown)}: use the ids of the guide")
        if row["is_advice"] not in ("0", "1"):
            problems.append(f"row {line} (item {row['item']!r}): is_advice is {row['is_advice']!r}: write 0 or 1 (a blank means not coded)")
    duplicated = sorted(set(sheet["item"][sheet["item"].duplicated()]))
    if duplicated:
        problems.append(f"item(s) coded twice: {', '.join(duplicated[:10])}")
    if problems:
        raise StudyError(f"{path} is not a valid coding:\n" + "\n".join(f"  - {p}" for p in problems))
    return sheet[["item", "concepts", "is_advice"]].set_index("item")


def aligned(codings: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The codings on the same items, in the same order; mismatched item sets are an error."""
    names = list(codings)
    reference = codings[names[0]].index
    for name in names[1:]:
        only_here = sorted(set(codings[name].index) - set(reference))
        only_there = sorted(set(reference) - set(codings[name].index))
        if only_here or only_there:
            raise StudyError(
                f"{names[0]} and {name} code different sentences: only in {names[0]}: {only_there[:10]}, "
                f"only in {name}: {only_here[:10]}: code the same sheet"
            )
    order = sorted(reference)
    return {name: coding.loc[order] for name, coding in codings.items()}


def alpha(a: np.ndarray, b: np.ndarray) -> float:
    """Krippendorff's alpha (nominal) of two codings of the same units; NaN when neither varies."""
    import krippendorff

    if len(np.unique(np.concatenate([a, b]))) < 2:
        return float("nan")
    return float(krippendorff.alpha(reliability_data=np.vstack([a, b]), level_of_measurement="nominal"))


def agreement(codings: dict[str, pd.DataFrame], languages: pd.Series, concept_ids: list[str]) -> pd.DataFrame:
    """Alpha of every pair of codings, per concept, pooled and for advice, over all items and per language.

    languages: item -> language."""
    codings = aligned(codings)
    names = list(codings)
    items = next(iter(codings.values())).index
    language_of = languages.reindex(items).to_numpy()
    rows = []
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            xa, xb = concept_indicators(codings[a]["concepts"], concept_ids), concept_indicators(codings[b]["concepts"], concept_ids)
            va, vb = codings[a]["is_advice"].astype(int).to_numpy(), codings[b]["is_advice"].astype(int).to_numpy()
            for language in ["all", *sorted(set(language_of))]:
                m = np.ones(len(items), bool) if language == "all" else language_of == language
                units = [(c, xa[m, j], xb[m, j]) for j, c in enumerate(concept_ids)]
                units += [(POOLED, xa[m].ravel(), xb[m].ravel()), (ADVICE, va[m], vb[m])]
                for concept, ya, yb in units:
                    rows.append({"coding_a": a, "coding_b": b, "language": language, "concept": concept,
                                 "items": int(m.sum()), "positives_a": int(ya.sum()), "positives_b": int(yb.sum()),
                                 "alpha": round(alpha(ya, yb), DIGITS)})
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)
