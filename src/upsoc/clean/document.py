"""A raw article as lines with character offsets, and the spans removed from it.

Every cleaning rule marks spans of the *raw* text for removal under its own name. The
document keeps the first rule that claimed each character, so the audit lists every
removed character exactly once, with the reason that removed it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd


# Lines that start a Markdown block of their own: a heading, quote, list item, table row or tag
_BLOCK_START = re.compile(r"^\s*([#>|<]|[*+\-•]\s|\d+[.)]\s)")
# An indented line under a list item continues it
_CONTINUATION = re.compile(r"^\s{2,}[^\s*+\-•>|#<\d]")


@dataclass(frozen=True)
class Line:
    index: int
    start: int
    end: int  # exclusive, newline not included


@dataclass
class Document:
    text: str
    lines: list[Line] = field(init=False)
    _owner: list[str | None] = field(init=False, repr=False)
    _breaks: set[int] = field(init=False, repr=False, default_factory=set)

    def __post_init__(self) -> None:
        self.lines = []
        start = 0
        for index, chunk in enumerate(self.text.split("\n")):
            self.lines.append(Line(index, start, start + len(chunk)))
            start += len(chunk) + 1
        self._owner = [None] * len(self.text)

    def line_text(self, line: Line) -> str:
        return self.text[line.start : line.end]

    def kept_text(self, line: Line) -> str:
        """The line as it stands after the removals made so far."""
        return self._kept(line.start, line.end)

    def _kept(self, start: int, end: int) -> str:
        return "".join(ch for i, ch in enumerate(self.text[start:end], start) if self._owner[i] is None)

    def is_removed(self, line: Line) -> bool:
        """True when nothing but white space is left of the line."""
        return not self.kept_text(line).strip()

    def remove(self, start: int, end: int, rule: str) -> None:
        for i in range(start, end):
            if self._owner[i] is None:
                self._owner[i] = rule

    def remove_line(self, line: Line, rule: str) -> None:
        self.remove(line.start, line.end, rule)

    def break_paragraph(self, position: int) -> None:
        """End a paragraph at this raw offset inside a line (where an HTML block element closed)."""
        self._breaks.add(position)

    def kept_paragraphs(self, join_wrapped_lines: bool = False) -> list[str]:
        """What is left of the text, as paragraphs: one per line, a line split where a break was
        marked inside it. With `join_wrapped_lines` (Markdown), a line that continues a
        paragraph of the line above (no blank line between, no heading, list item, quote or
        table row) joins it, as a Markdown reader shows it: hard-wrapped text is not cut."""
        paragraphs: list[list[str]] = []
        above = ""
        for line in self.lines:
            raw = self.line_text(line)
            cuts = sorted(b for b in self._breaks if line.start < b < line.end)
            segments = [self._kept(start, end) for start, end in zip([line.start, *cuts], [*cuts, line.end])]
            wraps = join_wrapped_lines and paragraphs and above.strip() and segments[0].strip()
            if wraps and not _BLOCK_START.match(raw) and not _BLOCK_START.match(above) or wraps and _CONTINUATION.match(raw):
                paragraphs[-1].append(segments.pop(0))
            paragraphs.extend([segment] for segment in segments)
            # a block element closed at the end of the line ends its paragraph
            above = "" if line.end in self._breaks else self._kept(line.start, line.end) and raw
        return [" ".join(part.strip() for part in parts) for parts in paragraphs]
    def audit(self) -> pd.DataFrame:
        """One row per contiguous removed span: rule, raw offsets and the removed text."""
        rows = []
        i = 0
        n = len(self.text)
        while i < n:
            rule = self._owner[i]
            if rule is None or self.text[i] == "\n":
                i += 1
                continue
            j = i
            while j < n and self._owner[j] == rule and self.text[j] != "\n":
                j += 1
            span = self.text[i:j]
            if span.strip():
                rows.append({"rule": rule, "start": i, "end": j, "text": span.strip()})
            i = j
        return pd.DataFrame(rows, columns=["rule", "start", "end", "text"])
