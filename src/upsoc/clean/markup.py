"""Markdown syntax and link targets: the words stay, the markup and the addresses go.

HTML-looking text is left alone: a plain-text article that quotes a tag keeps it, and the
report escapes it. Saved HTML pages are converted to text before they reach the pipeline.
"""

from __future__ import annotations

import re

from .document import Document

# (rule, pattern, group to remove or None for the whole match)
INLINE_RULES: list[tuple[str, re.Pattern[str], int | None]] = [
    ("markdown_image", re.compile(r"!\[[^\]]*\]\([^)]*\)"), None),
    # a link whose text is itself an address is all address
    ("link_target", re.compile(r"\[\s*https?://[^\]]*\]\([^)]*\)"), None),
    ("markdown_syntax", re.compile(r"(\[)[^\]\n]+\]\([^)\s]+(?:\s+\"[^\"]*\")?\)"), 1),
    ("link_target", re.compile(r"\[[^\]\n]+(\]\([^)\s]+(?:\s+\"[^\"]*\")?\))"), 1),
    ("url", re.compile(r"<?https?://[^\s)\]>]+>?"), None),
    ("markdown_syntax", re.compile(r"^\s{0,3}(#{1,6}\s+)"), 1),
    ("markdown_syntax", re.compile(r"^(\s*>\s?)"), 1),
    ("list_marker", re.compile(r"^(\s*[*+\-•⁃◦▪●]\s+)"), 1),
    ("markdown_syntax", re.compile(r"(\*\*|`+)"), 1),
    ("markdown_syntax", re.compile(r"(?:(?<![\w*])(\*)(?=[^\s*])|(?<=[^\s*])(\*)(?![\w*]))"), None),
]


def mark_markup(doc: Document) -> None:
    for line in doc.lines:
        text = doc.line_text(line)
        for rule, pattern, group in INLINE_RULES:
            for match in pattern.finditer(text):
                start, end = match.span(group) if group is not None else match.span()
                doc.remove(line.start + start, line.start + end, rule)
