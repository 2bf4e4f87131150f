"""Plain TSV tables that pandas and R read alike, written byte-identically on every run."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd


def read_tsv(path: str | Path, columns: list[str] | None = None) -> pd.DataFrame:
    """Read a table of this project (only `columns`, in that order, when given): empty cells
    stay empty strings, never NaN."""
    table = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, na_values=[], encoding="utf-8", usecols=columns)
    return table if columns is None else table[columns]


def write_tsv(table: pd.DataFrame, path: str | Path) -> None:
    """UTF-8, tab-separated, "\\n" line ends, standard CSV quoting, no index.

    Written to a temporary file first and moved into place, so a failure never leaves a
    half-written table behind.
    """
    write_text(table.to_csv(sep="\t", index=False, lineterminator="\n"), path)


def write_text(text: str, path: str | Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
