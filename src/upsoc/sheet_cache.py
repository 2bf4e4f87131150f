"""What earlier sheet checks found, so that a run does not read every article again.

Every Snakemake start checks the sheet and every file it names (`upsoc.sheet`); reading and
extracting a thousand articles takes seconds. The cache remembers the rows that passed the
schema and, per file and language, the content key of a file that passed, with the file's
size, modification time and sha256:

* same size and modification time: the file is taken as checked;
* otherwise its bytes are hashed; the same hash (a copy, a checkout) is still checked;
* anything else is checked again.

Only passing checks are remembered, so problems are always reported from a fresh check. The
cache holds the digest of the checking code, the schema and the size limit, and is dropped
when any of them changes; an unreadable or malformed cache file is ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .provenance import module_digest
from .tsv import write_text


def row_digest(row: dict) -> str:
    return hashlib.sha256(json.dumps(row, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


class SheetCheckCache:
    def __init__(self, path: str | Path, schema: dict, max_bytes: int):
        self.path = Path(path)
        settings = json.dumps({"schema": schema, "max_bytes": max_bytes}, sort_keys=True).encode("utf-8")
        self.version = f"{module_digest('upsoc.sheet')}-{hashlib.sha256(settings).hexdigest()[:16]}"
        self.rows, self.files = self._read()
        self._changed = False

    def _read(self) -> tuple[set[str], dict[str, dict]]:
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
            if stored["version"] != self.version:
                return set(), {}
            rows = {str(digest) for digest in stored["rows"]}
            files = {str(key): _file_entry(entry) for key, entry in stored["files"].items()}
            return rows, files
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return set(), {}

    def row_passed(self, row: dict) -> bool:
        return row_digest(row) in self.rows

    def remember_row(self, row: dict) -> None:
        digest = row_digest(row)
        if digest not in self.rows:
            self.rows.add(digest)
            self._changed = True

    def content_key(self, file: Path, language: str) -> str | None:
        """The remembered content key of a file that passed, if it is unchanged; else None."""
        entry = self.files.get(_file_key(file, language))
        if entry is None:
            return None
        stat = file.stat()
        if (stat.st_size, stat.st_mtime_ns) == (entry["size"], entry["mtime_ns"]):
            return entry["content_key"]
        if stat.st_size != entry["size"] or _sha256(file.read_bytes()) != entry["sha256"]:
            return None
        self._remember(file, language, entry["sha256"], entry["content_key"])
        return entry["content_key"]

    def remember_file(self, file: Path, language: str, data: bytes, content_key: str) -> None:
        """A file that passed its checks, with the bytes that were checked."""
        self._remember(file, language, _sha256(data), content_key)

    def _remember(self, file: Path, language: str, sha256: str, content_key: str) -> None:
        stat = file.stat()
        self.files[_file_key(file, language)] = {
            "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": sha256, "content_key": content_key,
        }
        self._changed = True

    def save(self) -> None:
        """Write the cache if it learnt something; atomically, so that a concurrent run never
        reads half a file."""
        if not self._changed:
            return
        stored = {"version": self.version, "rows": sorted(self.rows), "files": self.files}
        write_text(json.dumps(stored, ensure_ascii=False), self.path)
        self._changed = False


def _file_key(file: Path, language: str) -> str:
    return f"{language}\t{file.absolute()}"


def _file_entry(entry: dict) -> dict:
    """A stored entry with the expected types, or TypeError."""
    checked = {"size": int, "mtime_ns": int, "sha256": str, "content_key": str}
    if set(entry) != set(checked) or not all(isinstance(entry[k], kind) for k, kind in checked.items()):
        raise TypeError("malformed cache entry")
    return dict(entry)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
