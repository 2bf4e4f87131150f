"""Cleaning: from a raw article to its text, with an audit of everything removed."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .boilerplate import mark_boilerplate
from .document import Document
from .markup import mark_markup
from .normalize import ParagraphNormalizer
from .repeats import mark_repeats

AUDIT_COLUMNS = ["article_id", "rule", "start", "end", "text"]


@dataclass(frozen=True)
class CleanArticle:
    text: str  # paragraphs separated by one blank line, ending with a newline
    removed: pd.DataFrame  # AUDIT_COLUMNS; offsets into the decoded raw text


def decode(raw: bytes, source: str) -> str:
    """UTF-8 text with a single kind of line ending; a clear error otherwise."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ValueError(
            f"{source}: not UTF-8 (invalid byte at position {err.start}); "
            "convert it to UTF-8, e.g. with `upsoc add`, which detects the encoding"
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def clean_text(text: str, language: str, article_id: str, normalizer: ParagraphNormalizer | None = None) -> CleanArticle:
    normalizer = normalizer or ParagraphNormalizer(language)
    doc = Document(text)
    mark_markup(doc)
    mark_boilerplate(doc, language)
    mark_repeats(doc)
    paragraphs = [normalizer(line) for line in doc.kept_lines() if line.strip()]
    paragraphs = [p for p in paragraphs if p]
    removed = doc.audit()
    removed.insert(0, "article_id", article_id)
    return CleanArticle(text="\n\n".join(paragraphs) + "\n", removed=removed[AUDIT_COLUMNS])
