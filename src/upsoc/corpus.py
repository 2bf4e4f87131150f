"""Corpus summary: one row per article, from raw size to tokens."""

from __future__ import annotations

import pandas as pd

COLUMNS = [
    "article_id", "language", "frame", "origin", "title",
    "chars_raw", "chars_clean", "removed_spans", "removed_chars", "paragraphs", "sentences", "tokens",
]


def summary_row(article: dict, raw_text: str, clean_text: str, removed: pd.DataFrame, sentences: pd.DataFrame) -> dict:
    return {
        "article_id": article["id"],
        "language": article["language"],
        "frame": article["frame"],
        "origin": article["origin"],
        "title": article["title"],
        "chars_raw": len(raw_text),
        "chars_clean": len(clean_text.strip()),
        "removed_spans": len(removed),
        "removed_chars": int(removed["text"].str.len().sum()),
        "paragraphs": int(sentences["paragraph"].astype(int).max()) if len(sentences) else 0,
        "sentences": len(sentences),
        "tokens": int(sum(len(t.split()) for t in sentences["tokens"])),
    }


def summary_table(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS).sort_values("article_id", kind="stable").reset_index(drop=True)
