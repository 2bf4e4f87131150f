"""Batches ("shards") of articles for the per-article stages: clean, segment and code.

One job per shard pays interpreter start-up and the tokenizers' model loading once for many
articles. Each language's articles are spread over a number of shards by a hash of their id,
so a shard's members do not depend on the rest of the corpus and adding an article reruns the
one shard it falls into.

The number of shards of a language is the smallest power of two that keeps shards at about
`articles_per_shard` articles. Bounded shards matter: Snakemake records, for every output of
a job, the checksum of every input, which is quadratic in a job's number of files. When a
language's corpus doubles past a threshold, its shard count doubles and its per-article jobs
rerun once (a new shard is half of an old one).
"""

from __future__ import annotations

import hashlib
import math

import pandas as pd


def shard_index(article_id: str, shards: int) -> int:
    digest = hashlib.sha256(article_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % shards


def shard_count(articles: int, articles_per_shard: int) -> int:
    """The smallest power of two with at most about `articles_per_shard` articles per shard."""
    return 2 ** max(0, math.ceil(math.log2(max(articles, 1) / articles_per_shard)))


def shard_articles(sheet: pd.DataFrame, articles_per_shard: int) -> dict[str, list[str]]:
    """{"zh-03": [article ids, sorted], ...} for every non-empty shard, in sorted order.

    sheet: indexed by article id, with a `language` column.
    """
    counts = sheet["language"].value_counts()
    shards: dict[str, list[str]] = {}
    for article_id in sorted(sheet.index):
        language = sheet.loc[article_id, "language"]
        index = shard_index(article_id, shard_count(counts[language], articles_per_shard))
        shards.setdefault(f"{language}-{index:02d}", []).append(article_id)
    return dict(sorted(shards.items()))
