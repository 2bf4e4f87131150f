"""An article's sentence vectors on disk: `{article}.npy` (float32, one row per sentence, in
the order of the sentence table) and `{article}.tsv` (its rows' `article_id`, `sentence_id`,
the `text_sha256` of the sentence as it was embedded, and the `encoder` that made them).

`.npy` is written by numpy's own format (a fixed header, then the raw array), so the same
vectors give the same bytes; both files are written to a temporary name and moved into place
(`tsv.write_bytes`).
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..layout import EMBEDDINGS_DIR
from ..tables import EMBEDDING_ID_COLUMNS
from ..tsv import read_records, read_tsv, write_bytes, write_records

if TYPE_CHECKING:
    import pandas as pd

# what the stage reads of a sentence table (`layout.SENTENCES`)
SENTENCE_FIELDS = ["article_id", "sentence_id", "text"]


def embed_sentences(sentences: list[dict[str, str]], encoder) -> tuple[np.ndarray, list[dict[str, str]]]:
    """One article's sentences (rows with `SENTENCE_FIELDS`) -> (vectors, ids). Plain rows, not
    a DataFrame: a job per article should not pay for importing pandas."""
    vectors = encoder.encode([row["text"] for row in sentences])
    ids = [{"article_id": row["article_id"], "sentence_id": row["sentence_id"], "text_sha256": text_digest(row["text"]),
            "encoder": encoder.name} for row in sentences]
    return vectors, ids


def text_digest(text: str) -> str:
    """A sentence's `text_sha256`: the first 16 hex digits of the SHA-256 of its UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def stale_articles(ids: pd.DataFrame, sentences: pd.DataFrame) -> list[str]:
    """The articles whose vectors were made from other sentences than their table holds now
    (other ids, or other texts), sorted. `ids` as `read_vectors` gives them; `sentences` with
    `SENTENCE_FIELDS`."""
    embedded = _rows_by_article(ids["article_id"], ids["sentence_id"], ids["text_sha256"])
    current = _rows_by_article(sentences["article_id"], sentences["sentence_id"], sentences["text"].map(text_digest))
    return sorted(article for article in embedded.keys() | current.keys()
                  if embedded.get(article) != current.get(article))


def _rows_by_article(articles, sentence_ids, digests) -> dict[str, list[tuple[int, str]]]:
    rows: dict[str, list[tuple[int, str]]] = {}
    for article, sentence_id, digest in zip(articles, sentence_ids, digests):
        rows.setdefault(article, []).append((int(sentence_id), digest))
    return rows


def read_sentences(path: str | Path) -> list[dict[str, str]]:
    return read_records(path, SENTENCE_FIELDS)


def write_vectors(vectors: np.ndarray, ids: list[dict[str, str]], vectors_path: str | Path, ids_path: str | Path) -> None:
    if len(vectors) != len(ids):
        raise ValueError(f"{len(vectors)} vectors for {len(ids)} sentence ids")
    buffer = io.BytesIO()
    np.save(buffer, np.ascontiguousarray(vectors, dtype=np.float32), allow_pickle=False)
    write_bytes(buffer.getvalue(), vectors_path)
    write_records(ids, EMBEDDING_ID_COLUMNS, ids_path)


def read_vectors(vectors_paths: list[str], ids_paths: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Every article's vectors stacked, and their ids (sentence_id as int). Vectors made by
    different encoders cannot be compared: that is an error naming the files and the fix."""
    import pandas as pd

    arrays, tables = [], []
    for vectors_path, ids_path in zip(vectors_paths, ids_paths):
        vectors = np.load(vectors_path, allow_pickle=False)
        ids = read_tsv(ids_path, EMBEDDING_ID_COLUMNS)
        if len(vectors) != len(ids):
            raise ValueError(f"{vectors_path} has {len(vectors)} rows but {ids_path} {len(ids)}: delete both and rerun")
        arrays.append(vectors)
        tables.append(ids)
    ids = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=EMBEDDING_ID_COLUMNS)
    encoders = sorted(set(ids["encoder"]))
    if len(encoders) > 1:
        raise ValueError(f"sentence vectors of several encoders ({encoders}) cannot be compared: delete "
                         f"{EMBEDDINGS_DIR}/ and rerun, so that every article is embedded by the configured one")
    ids["sentence_id"] = ids["sentence_id"].astype(int)
    dim = arrays[0].shape[1] if arrays else 0
    return (np.vstack(arrays) if arrays else np.zeros((0, dim), dtype=np.float32)), ids
