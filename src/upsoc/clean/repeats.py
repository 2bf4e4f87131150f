"""Repeated blocks: a scrape that holds the body twice, or a summary repeated as the lead.

Paragraphs are compared on a key that ignores white space, zero-width characters, case and
compatibility forms (`ingest.comparable_text`, also behind the sheet's duplicate check), so
that a copy that differs only in spacing still counts. The first occurrence stays. Short
paragraphs that recur on their own ("For example:", a refrain) are ordinary writing and stay;
they only go as part of a longer repeated run.
"""

from __future__ import annotations

from ..ingest import comparable_text
from .document import Document, Line

# A run of repeated paragraphs is a copied block when it is this long …
MIN_RUN_PARAGRAPHS = 3
MIN_RUN_CHARS = 200
# … and a single paragraph is a copy when its key has at least this many characters.
MIN_PARAGRAPH_CHARS = 40


def mark_repeats(doc: Document) -> None:
    paragraphs: list[tuple[Line, str]] = [
        (line, comparable_text(doc.kept_text(line))) for line in doc.lines if not doc.is_removed(line)
    ]
    first_seen: dict[str, int] = {}
    kept_keys: list[str] = []
    i = 0
    while i < len(paragraphs):
        key = paragraphs[i][1]
        j = first_seen.get(key)
        run = _run_length(paragraphs, j, i) if j is not None else 0
        run_chars = sum(len(k) for _, k in paragraphs[i : i + run])
        if run and (run >= MIN_RUN_PARAGRAPHS or run_chars >= MIN_RUN_CHARS):
            for line, _ in paragraphs[i : i + run]:
                doc.remove_line(line, "repeated_block")
            i += run
            continue
        if len(key) >= MIN_PARAGRAPH_CHARS and (j is not None or any(key in earlier for earlier in kept_keys)):
            doc.remove_line(paragraphs[i][0], "duplicate_paragraph")
        else:
            first_seen.setdefault(key, i)
            kept_keys.append(key)
        i += 1


def _run_length(paragraphs: list[tuple[Line, str]], earlier: int, later: int) -> int:
    """How many paragraphs from `later` on repeat those from `earlier` on, in order."""
    n = 0
    while later + n < len(paragraphs) and earlier + n < later and paragraphs[earlier + n][1] == paragraphs[later + n][1]:
        n += 1
    return n
