"""Corpus summary: one row per article, from raw size to tokens; the design of the corpus
(articles and sentences per frame × language × origin × translation) and the frame and language
contrasts it supports."""

from __future__ import annotations

from itertools import combinations

import pandas as pd

COLUMNS = [
    "article_id", "language", "frame", "origin", "translated_from", "title",
    "chars_raw", "chars_clean", "removed_spans", "removed_chars", "paragraphs", "sentences", "tokens",
]


def summary_row(article: dict, raw_text: str, clean_text: str, removed: pd.DataFrame, sentences: pd.DataFrame) -> dict:
    return {
        "article_id": article["id"],
        "language": article["language"],
        "frame": article["frame"],
        "origin": article["origin"],
        "translated_from": article["translated_from"],
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


DESIGN_COLUMNS = ["frame", "language", "origin", "translation", "articles", "sentences"]
ORIGINAL = "original"


def translation_label(translated_from: str) -> str:
    return f"from {translated_from}" if translated_from else ORIGINAL


def design_table(summary: pd.DataFrame) -> pd.DataFrame:
    """Articles and sentences per frame × language × origin × translation (`original`, or the
    language translated from); an unknown origin is `unknown`."""
    cells = summary.assign(
        origin=summary["origin"].replace("", "unknown"),
        translation=summary["translated_from"].map(translation_label),
        sentences=summary["sentences"].astype(int),
    )
    table = cells.groupby(["frame", "language", "origin", "translation"], sort=True).agg(
        articles=("article_id", "size"), sentences=("sentences", "sum")
    )
    return table.reset_index()[DESIGN_COLUMNS]


def supported_contrasts(design: pd.DataFrame, min_articles: int, frame_contrasts: list[tuple[str, str]]) -> pd.DataFrame:
    """Which contrasts the corpus can make without pooling languages: each of `frame_contrasts`
    (a − b) within each language that has articles of both, and each pair of languages within
    each frame, with the articles on each side; `supported` when both sides have at least
    `min_articles` articles (so their intervals can resample articles)."""
    articles = design.groupby(["frame", "language"])["articles"].sum()
    rows = []
    for across, within, pairs in (
        ("frame", "language", lambda present: [(a, b) for a, b in frame_contrasts if {a, b} <= set(present)]),
        ("language", "frame", lambda present: list(combinations(sorted(present), 2))),
    ):
        for stratum in sorted(design[within].unique()):
            counts = articles.xs(stratum, level=within)
            for a, b in pairs(counts.index):
                rows.append({"contrast": f"{a}-{b}", "across": across, "stratum": stratum,
                             "articles_a": int(counts[a]), "articles_b": int(counts[b]),
                             "supported": bool(min(counts[a], counts[b]) >= min_articles)})
    return pd.DataFrame(rows, columns=["contrast", "across", "stratum", "articles_a", "articles_b", "supported"])
