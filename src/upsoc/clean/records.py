"""Field files: a page kept as `key: value` fields between `---` lines (Lektor's contents.lr,
some static-site sources). The article is the body field; the other fields (title, dates,
handles, summary, tags) describe it and are removed as front matter.

    title: The importance of skip-level 1:1s
    ---
    author: Eric J. Ma
    ---
    body:

    Wherever you work, …
"""

from __future__ import annotations

import re

from .document import Document, Line

FIELD_SEPARATOR = re.compile(r"^-{3}\s*$")
FIELD_START = re.compile(r"^([a-z_][a-z0-9_-]*):(?=\s|$)")
BODY_FIELDS = {"body", "content", "text"}


def mark_record_fields(doc: Document) -> None:
    fields = _fields(doc)
    if len(fields) < 2 or not any(_key(doc, field) in BODY_FIELDS for field in fields):
        return
    for field in fields:
        first = field[0]
        if _key(doc, field) in BODY_FIELDS:
            label = FIELD_START.match(doc.line_text(first))
            doc.remove(first.start, first.start + label.end(), "front_matter")
        else:
            doc.remove(first.start, field[-1].end, "front_matter")
    for line in doc.lines:
        if FIELD_SEPARATOR.match(doc.line_text(line)):
            doc.remove_line(line, "front_matter")


def _fields(doc: Document) -> list[list[Line]]:
    """The blocks between separator lines, from their first non-blank line; [] when a block
    does not start with a field name, so an ordinary article is never read as fields."""
    blocks, current = [], []
    for line in [*doc.lines, None]:
        if line is not None and not FIELD_SEPARATOR.match(doc.line_text(line)):
            current.append(line)
            continue
        while current and not doc.line_text(current[0]).strip():
            current.pop(0)
        if current and not FIELD_START.match(doc.line_text(current[0])):
            return []
        if current:
            blocks.append(current)
        current = []
    return blocks


def _key(doc: Document, field: list[Line]) -> str:
    return FIELD_START.match(doc.line_text(field[0])).group(1)
