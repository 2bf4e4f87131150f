"""Batches ("shards") of articles for the per-article stages: clean, segment and code.

One job per shard pays interpreter start-up and the tokenizers' model loading once for many
articles. Each language's articles are spread over a fixed number of shards by a hash of
their id, so a shard's members do not depend on the rest of the corpus: adding an article
reruns the one shard it falls into, whatever the corpus size.
"""

from __future__ import annotations

import hashlib

import pandas as pd


def shard_index(article_id: str, shards: int) -> int:
    digest = hashlib.sha256(article_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % shards


def shard_articles(sheet: pd.DataFrame, shards_per_language: int) -> dict[str, list[str]]:
    """{"zh-03": [article ids, sorted], ...} for every non-empty shard, in sorted order.

    sheet: indexed by article id, with a `language` column.
    """
    shards: dict[str, list[str]] = {}
    for article_id in sorted(sheet.index):
        name = f"{sheet.loc[article_id, 'language']}-{shard_index(article_id, shards_per_language):02d}"
        shards.setdefault(name, []).append(article_id)
    return dict(sorted(shards.items()))
