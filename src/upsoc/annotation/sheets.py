"""The files of an annotation study: the sample with its split, and one blank sheet per coder."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..tsv import write_text, write_tsv
from .form import coding_form

CODERS = ("coder_a", "coder_b")


class StudyError(ValueError):
    """An annotation study cannot be written or read; the message names the file and the fix."""

# What a coder fills in: concept ids joined by ";", 0/1, and an optional note.
CODING_COLUMNS = ["concepts", "is_advice", "note"]
SHEET_COLUMNS = ["item", "language", "context", "text", *CODING_COLUMNS]
GUIDE = "data/validation/guide.md"


def write_study(sample: pd.DataFrame, split: dict[str, str], out: Path, definitions: dict[str, str],
                guide: str) -> list[Path]:
    """sample.tsv (items, their articles and split) and, per coder, a sheet and its HTML form,
    which show only what a coder may see: the sentence and the one before it."""
    if out.exists():
        raise StudyError(f"{out} exists already: choose a new --out, so that no study is overwritten")
    table = sample.assign(split=sample["article_id"].map(split))
    written = [out / "sample.tsv"]
    write_tsv(table, written[0])
    blank = sample.assign(**{column: "" for column in CODING_COLUMNS})[SHEET_COLUMNS]
    for coder in CODERS:
        written += [out / f"{coder}.tsv", out / f"{coder}.html"]
        write_tsv(blank, written[-2])
        write_text(coding_form(blank, definitions, coder, guide), written[-1])
    return written
