"""Cleaning: from a raw article to its text, with an audit of everything removed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ..ingest import decode_utf8, extract_html, split_front_matter
from ..languages import profile
from ..tables import AUDIT_COLUMNS
from .boilerplate import mark_boilerplate
from .document import Document
from .embedded import mark_source_code
from .markup import mark_markup
from .records import mark_record_fields
from .repeats import mark_repeats


@dataclass(frozen=True)
class CleanArticle:
    text: str  # paragraphs separated by one blank line, ending with a newline
    removed: pd.DataFrame  # AUDIT_COLUMNS; offsets into the decoded raw text


def decode(raw: bytes, source: str) -> str:
    """UTF-8 text with a single kind of line ending; a clear error otherwise."""
    try:
        text = decode_utf8(raw)
    except UnicodeDecodeError as err:
        raise ValueError(
            f"{source}: not UTF-8 (invalid byte at position {err.start}); "
            "convert it to UTF-8, e.g. with `upsoc add`, which detects the encoding"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_text(
    text: str, language: str, article_id: str, normalizer: Callable[[str], str] | None = None, fmt: str = "text"
) -> CleanArticle:
    """fmt: "text" or "markdown" (front matter removed) or "html" (main text extracted first;
    the page text that extraction dropped is audited without offsets)."""
    normalizer = normalizer or profile(language).make_normalizer()
    extraction = []
    if fmt == "html":
        text, extraction = _extract_main_text(text)
    doc = Document(text)
    if fmt != "html":
        doc.remove(0, split_front_matter(text)[1], "front_matter")
        mark_record_fields(doc)
    mark_source_code(doc, language)
    mark_markup(doc)
    mark_boilerplate(doc, language)
    mark_repeats(doc)
    paragraphs = [normalizer(p) for p in doc.kept_paragraphs(join_wrapped_lines=fmt == "markdown") if p.strip()]
    paragraphs = [p for p in paragraphs if p]
    removed = pd.concat([pd.DataFrame(extraction, columns=["rule", "start", "end", "text"]), doc.audit()], ignore_index=True)
    removed.insert(0, "article_id", article_id)
    return CleanArticle(text="\n\n".join(paragraphs) + "\n", removed=removed[AUDIT_COLUMNS])


def _extract_main_text(html: str) -> tuple[str, list[dict]]:
    """trafilatura's main text, and each line of the page's visible text it left out."""
    import lxml.html

    main = extract_html(html)
    tree = lxml.html.fromstring(html)
    for element in tree.xpath("//script|//style|//noscript|//template"):
        element.drop_tree()
    kept = {" ".join(line.split()) for line in main.splitlines()}
    dropped = []
    for line in tree.text_content().splitlines():
        line = " ".join(line.split())
        if line and line not in kept and not any(line in k for k in kept):
            dropped.append({"rule": "html_extraction", "start": "", "end": "", "text": line})
    return main, dropped
