"""Shards of the per-article stages: stable, complete, bounded and one language each."""

import pandas as pd
import pytest

from upsoc.rulelog import ArticleFailure, for_article
from upsoc.shards import shard_articles, shard_count, shard_index


def sheet(ids_by_language):
    rows = [(i, lang) for lang, ids in ids_by_language.items() for i in ids]
    return pd.DataFrame(rows, columns=["id", "language"]).set_index("id")


def test_every_article_is_in_exactly_one_shard_of_its_language():
    corpus = sheet({"zh": [f"zh-{i}" for i in range(40)], "fa": [f"fa-{i}" for i in range(25)], "en": ["en-0"]})
    shards = shard_articles(corpus, 10)
    members = [a for ids in shards.values() for a in ids]
    assert sorted(members) == sorted(corpus.index)
    for name, ids in shards.items():
        assert {corpus.loc[a, "language"] for a in ids} == {name.split("-")[0]}
        assert ids == sorted(ids)
    assert len([name for name in shards if name.startswith("zh-")]) == 4  # 40 articles, about 10 per shard
    assert [name for name in shards if name.startswith("en-")] == ["en-00"]
    assert list(shards) == sorted(shards)


def test_adding_an_article_changes_only_its_own_shard():
    before = shard_articles(sheet({"zh": [f"zh-{i}" for i in range(30)]}), 10)
    after = shard_articles(sheet({"zh": [f"zh-{i}" for i in range(30)] + ["zh-new"]}), 10)
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {f"zh-{shard_index('zh-new', 4):02d}"}


def test_shard_counts_are_powers_of_two_that_bound_the_shard_size():
    assert [shard_count(n, 100) for n in (0, 1, 100, 101, 333, 1667)] == [1, 1, 1, 2, 4, 32]
    # when the count doubles, every new shard is half of an old one
    ids = [f"a{i}" for i in range(500)]
    for article in ids:
        assert shard_index(article, 8) % 4 == shard_index(article, 4)


def test_assignment_is_a_fixed_function_of_the_id():
    # a golden value: shard membership must not change between releases, or reruns would cascade
    assert [shard_index(f"article-{i}", 8) for i in range(6)] == [3, 0, 5, 3, 4, 6]


def test_a_failure_inside_a_shard_names_its_article():
    with pytest.raises(ArticleFailure, match=r"article 'fa-7': ValueError: not UTF-8") as raised:
        with for_article("fa-7"):
            raise ValueError("not UTF-8")
    assert isinstance(raised.value.__cause__, ValueError)
