"""Plain TSV tables that pandas and R read alike, written byte-identically on every run.

pandas is imported when a table is first read or written as a DataFrame: the jobs that start
once per article (`read_records`, `write_records`) do without it, which saves them most of their
start-up time.
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def read_tsv(path: str | Path, columns: list[str] | None = None) -> pd.DataFrame:
    """Read a table of this project (only `columns`, in that order, when given): empty cells
    stay empty strings, never NaN."""
    import pandas as pd

    table = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, na_values=[], encoding="utf-8", usecols=columns)
    return table if columns is None else table[columns]


def write_tsv(table: pd.DataFrame, path: str | Path) -> None:
    """UTF-8, tab-separated, "\\n" line ends, standard CSV quoting, no index.

    Written to a temporary file first and moved into place, so a failure never leaves a
    half-written table behind.
    """
    write_text(table.to_csv(sep="\t", index=False, lineterminator="\n"), path)


def read_records(path: str | Path, columns: list[str]) -> list[dict[str, str]]:
    """The rows of a table of this project, as `read_tsv` reads them, as dicts of `columns`."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [{column: row[column] for column in columns} for row in csv.DictReader(handle, delimiter="\t")]


def write_records(records: list[dict[str, object]], columns: list[str], path: str | Path) -> None:
    """The bytes `write_tsv` writes for the same table, for cells without tabs, quotes or line
    breaks (ids and names)."""
    rows = [columns] + [[str(record[column]) for column in columns] for record in records]
    if any(ch in cell for row in rows for cell in row for ch in '\t"\n\r'):
        raise ValueError(f"{path}: write_records takes plain cells only: write this table with write_tsv")
    write_text("".join("\t".join(row) + "\n" for row in rows), path)


def write_text(text: str, path: str | Path) -> None:
    write_bytes(text.encode("utf-8"), path)


def write_bytes(data: bytes, path: str | Path) -> None:
    """Written to a temporary file first and moved into place, so that a failure never leaves a
    half-written file behind."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
