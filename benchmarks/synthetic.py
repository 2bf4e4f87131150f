"""Synthetic corpora for the scale benchmark, recombined from the shipped articles' sentences.

Each synthetic article has one of the languages (in turn, so the mix stays balanced),
takes the frame, origin and paragraph layout (sentences per paragraph) of a seed article of
that language picked at random, keeps each of its paragraphs with probability 3/4, and fills
them with cleaned sentences drawn without replacement from all seed articles of the language.
Lengths and vocabulary therefore follow the shipped corpus; the texts are new, so no two
articles are duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from upsoc.clean import clean_text, decode
from upsoc.ingest import detect_format
from upsoc.languages import LANGUAGES
from upsoc.segment import split_sentences

KEEP_PARAGRAPH = 0.75


@dataclass(frozen=True)
class SeedArticle:
    language: str
    frame: str
    origin: str
    layout: tuple[int, ...]  # sentences per paragraph


@dataclass(frozen=True)
class SeedPool:
    articles: dict[str, list[SeedArticle]]  # by language
    sentences: dict[str, list[str]]  # by language


def seed_pool(sheet: pd.DataFrame, raw_dir: Path) -> SeedPool:
    """The seed articles' layouts and cleaned sentences, by language."""
    articles: dict[str, list[SeedArticle]] = {}
    sentences: dict[str, list[str]] = {}
    for row in sheet.sort_values("id").itertuples():
        path = raw_dir / row.file
        text = clean_text(decode(path.read_bytes(), str(path)), row.language, row.id, fmt=detect_format(path)).text
        split = split_sentences(text, row.language)
        layout = tuple(np.bincount([s.paragraph for s in split])[1:].tolist())
        articles.setdefault(row.language, []).append(SeedArticle(row.language, row.frame, row.origin, layout))
        sentences.setdefault(row.language, []).extend(s.text for s in split)
    missing = [lang for lang in LANGUAGES if lang not in articles]
    if missing:
        raise ValueError(f"the seed sheet has no article in {', '.join(missing)}: each language needs one")
    return SeedPool(articles, sentences)


def synthetic_article(pool: SeedPool, index: int, seed: int) -> tuple[dict, str]:
    """(sheet row, text) of synthetic article number `index`; the same for the same seed."""
    language = list(LANGUAGES)[index % len(LANGUAGES)]
    rng = np.random.default_rng([seed, index])
    template = pool.articles[language][rng.integers(len(pool.articles[language]))]
    sentences = pool.sentences[language]
    order = rng.permutation(len(sentences))
    kept = [size for size in template.layout if rng.random() < KEEP_PARAGRAPH] or [template.layout[0]]
    paragraphs, used = [], 0
    for size in kept:
        picked = [sentences[order[(used + i) % len(order)]] for i in range(size)]
        used += size
        paragraphs.append((" " if LANGUAGES[language].spaced else "").join(picked))
    article_id = f"synthetic-{language}-{index:05d}"
    row = {
        "id": article_id,
        "file": f"{article_id}.{language}.txt",
        "language": language,
        "frame": template.frame,
        "origin": template.origin,
        "title": f"Synthetic {language} article {index}",
        "notes": "benchmark article recombined from the seed corpus's sentences",
    }
    return row, "\n\n".join(paragraphs) + "\n"


def write_corpus(pool: SeedPool, indices: range, seed: int, sheet_columns: list[str], raw_dir: Path) -> pd.DataFrame:
    """Write the articles' files into raw_dir and return their sheet rows."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    for index in indices:
        row, text = synthetic_article(pool, index, seed)
        (raw_dir / row["file"]).write_text(text, encoding="utf-8")
        rows.append(row)
    return pd.DataFrame(rows).reindex(columns=sheet_columns).fillna("")
