"""An article kept inside a program's source file (a Java class holding a scraped post in a comment).

When a file starts like source code (`package …;`, `import …`, `#include`, `<?php`, a
`namespace` or `using` line), only the lines that carry running text in the article's
language are the article: every other line is code or data and goes as `source_code`, and so
does the comment marker and field name in front of the text (` * content : `). Short values
in the article's script (an author's bio, the title, already in the sheet) are data too.
"""

from __future__ import annotations

import re

from ..ingest import script_units
from .document import Document

SOURCE_START = re.compile(r"^\s*(package\s+[\w.]+\s*;|import\s+[\w.*]+\s*;?|#include\b|<\?php|namespace\s+\w|using\s+[\w.]+\s*;)")
# A line carries running text when it has at least this many units of writing in the article's script.
MIN_TEXT_UNITS = 50
FIELD_PREFIX = re.compile(r"^\s*(?:/\*+|\*|//+|#)?\s*(?:[\w.$-]+\s*[:=]\s*)?[\"']?")


def is_source_file(doc: Document) -> bool:
    first = next((doc.line_text(line) for line in doc.lines if doc.kept_text(line).strip()), "")
    return bool(SOURCE_START.match(first))


def mark_source_code(doc: Document, language: str) -> None:
    if not is_source_file(doc):
        return
    for line in doc.lines:
        text = doc.line_text(line)
        if script_units(text, language)[0] < MIN_TEXT_UNITS:
            doc.remove_line(line, "source_code")
            continue
        prefix = FIELD_PREFIX.match(text)
        doc.remove(line.start, line.start + prefix.end(), "source_code")
