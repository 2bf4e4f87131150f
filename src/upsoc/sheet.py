"""The article sheet: loading it and refusing it, with the row and the fix, when it is wrong."""

from __future__ import annotations

import csv
from pathlib import Path

import jsonschema
import pandas as pd

from .ingest import DEFAULT_MAX_BYTES, check_article_bytes, content_key
from .languages import LANGUAGES
from .sheet_cache import SheetCheckCache
from .tsv import read_tsv
from .yamlfile import read_yaml


class SheetError(ValueError):
    """The sheet or a file it names is unusable; the message lists every problem found."""


def load_schema(path: str | Path) -> dict:
    """A JSON schema of this project; its `$defs/language`, when it has one, accepts exactly the
    languages of `upsoc.languages`, so that the registry is the only list of them."""
    schema = read_yaml(path)
    if "language" in schema.get("$defs", {}):
        schema["$defs"]["language"]["enum"] = list(LANGUAGES)
    return schema


def load_sheet(path: str | Path, schema: dict, raw_dir: str | Path, max_bytes: int = DEFAULT_MAX_BYTES,
               cache: str | Path | None = None) -> pd.DataFrame:
    """Read and check the sheet and every file it names; raise SheetError naming each bad
    row or file and what to do. `attrs["content_keys"]` maps each article's content key
    (`ingest.content_key`) to its id, for duplicate checks of articles to be added.
    `cache`: a file where passing checks are remembered between calls (`upsoc.sheet_cache`)."""
    path = Path(path)
    if not path.is_file():
        raise SheetError(f"{path}: article sheet not found; create it or set `articles` in config/config.yaml")
    problems = check_field_counts(path)
    if problems:
        raise SheetError(f"{path} is not valid:\n" + "\n".join(f"  - {p}" for p in problems))
    sheet = read_tsv(path)
    content_keys: dict[str, str] = {}
    checks = SheetCheckCache(cache, schema, max_bytes) if cache else None
    problems = check_columns(sheet, schema) or check_rows(sheet, schema, Path(raw_dir), max_bytes, content_keys, checks)
    if checks:
        checks.save()
    if problems:
        raise SheetError(f"{path} is not valid:\n" + "\n".join(f"  - {p}" for p in problems))
    sheet = sheet.set_index("id", drop=False)
    sheet.attrs["content_keys"] = content_keys
    return sheet


def check_field_counts(path: Path) -> list[str]:
    """A row with a missing or extra tab shifts its values into the wrong columns."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    if not rows:
        return ["the sheet is empty: it needs a header row and one row per article"]
    width = len(rows[0])
    return [
        f"row {line} has {len(row)} fields, the header has {width}: every row needs one tab between "
        "each pair of columns, also around empty cells"
        for line, row in enumerate(rows[1:], start=2)
        if row and len(row) != width
    ]


def check_columns(sheet: pd.DataFrame, schema: dict) -> list[str]:
    expected = schema["required"]
    missing = [c for c in expected if c not in sheet.columns]
    extra = [c for c in sheet.columns if c not in schema["properties"]]
    problems = []
    if missing:
        problems.append(f"missing column(s) {', '.join(missing)}: add them to the header (cells may stay empty)")
    if extra:
        problems.append(f"unknown column(s) {', '.join(extra)}: remove them or add them to the schema")
    return problems


def check_rows(sheet: pd.DataFrame, schema: dict, raw_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES,
               seen_content: dict[str, str] | None = None, cache: SheetCheckCache | None = None) -> list[str]:
    """Problems of every row and its file; `seen_content` collects content key -> id;
    `cache` skips the checks an unchanged row or file passed before."""
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    seen_content = {} if seen_content is None else seen_content
    resolved_raw_dir = raw_dir.resolve()
    for line, row in zip(range(2, len(sheet) + 2), sheet.to_dict(orient="records")):
        where = f"row {line} (id {row.get('id')!r})"
        errors = [] if cache and cache.row_passed(row) else schema_problems(row, validator, where)
        problems += errors
        if cache and not errors:
            cache.remember_row(row)
        file_problems = _check_file(where, row.get("file", ""), raw_dir, resolved_raw_dir)
        problems += file_problems
        if errors or file_problems:
            continue
        key, content_problems = _checked_content(raw_dir / row["file"], where, row["language"], max_bytes, cache)
        problems += content_problems
        if not content_problems:
            if key in seen_content:
                problems.append(f"{where}: same text as article {seen_content[key]!r}: remove the duplicate row")
            seen_content.setdefault(key, row["id"])
    problems += check_parallels(sheet)
    duplicated = sheet["id"][sheet["id"].duplicated()].unique()
    for article_id in duplicated:
        lines = [str(i + 2) for i in sheet.index[sheet["id"] == article_id]]
        problems.append(f"id {article_id!r} is used by rows {', '.join(lines)}: ids must be unique")
    return problems


def _checked_content(file: Path, where: str, language: str, max_bytes: int,
                     cache: SheetCheckCache | None) -> tuple[str, list[str]]:
    """(content key, problems) of an article file, from the cache when it passed unchanged."""
    key = cache.content_key(file, language) if cache else None
    if key is not None:
        return key, []
    data = file.read_bytes()
    problems, body = check_article_bytes(data, f"{where}: {file}", language, max_bytes)
    if problems:
        return "", problems
    key = content_key(body)
    if cache:
        cache.remember_file(file, language, data, key)
    return key, []


def check_parallels(sheet: pd.DataFrame) -> list[str]:
    """`parallel_of` names another article of the sheet, written in another language."""
    language = dict(zip(sheet["id"], sheet["language"]))
    problems = []
    for line, row in zip(range(2, len(sheet) + 2), sheet.to_dict(orient="records")):
        other = row.get("parallel_of", "")
        if not other:
            continue
        where = f"row {line} (id {row['id']!r}): parallel_of {other!r}"
        if other not in language:
            problems.append(f"{where} is not an id of the sheet: add that article first, or fix the id")
        elif other == row["id"] or language[other] == row["language"]:
            problems.append(f"{where} must be the same text in another language: fix or empty the cell")
    return problems


def schema_problems(row: dict, validator: jsonschema.protocols.Validator, where: str) -> list[str]:
    """One message per value of the row that its schema refuses."""
    return [
        f"{where}: {'.'.join(str(p) for p in error.path) or 'row'}: {error.message}"
        for error in sorted(validator.iter_errors(row), key=lambda e: list(e.path))
    ]


def _check_file(where: str, file: str, raw_dir: Path, resolved_raw_dir: Path) -> list[str]:
    if not file:
        return []
    path = (raw_dir / file).resolve()
    if not path.is_relative_to(resolved_raw_dir):
        return [f"{where}: file {file!r} points outside {raw_dir}/: copy the article into {raw_dir}/"]
    if not path.is_file():
        return [f"{where}: file {raw_dir / file} does not exist: fix the path or add the file"]
    return []
