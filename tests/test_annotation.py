"""The annotation sample: seeded, stratified by language and article, split by article."""

import pandas as pd
import pytest

from upsoc.annotation.sample import draw_sample, eligible_sentences, split_by_article


def corpus(sizes: dict[str, tuple[str, int]]) -> pd.DataFrame:
    """article -> (language, sentences); every sentence has four content tokens but the first, which has one."""
    rows = []
    for article, (language, n) in sizes.items():
        for i in range(1, n + 1):
            rows.append({"article_id": article, "sentence_id": str(i), "language": language,
                         "text": f"{article} sentence {i}", "stopword_flags": "0 1" if i == 1 else "0 0 1 0 0"})
    return pd.DataFrame(rows)


SIZES = {"zh-long": ("zh", 400), "zh-short": ("zh", 6), "zh-mid": ("zh", 40), "en-a": ("en", 50), "en-b": ("en", 50),
         "fa-a": ("fa", 30), "fa-b": ("fa", 12)}


def test_fragments_are_not_eligible_and_context_is_the_sentence_before():
    eligible = eligible_sentences(corpus(SIZES))
    assert "1" not in set(eligible["sentence_id"].astype(str))
    second = eligible[(eligible["article_id"] == "en-a") & (eligible["sentence_id"] == 2)].iloc[0]
    assert second["context"] == "en-a sentence 1"


def test_sample_is_stratified_by_language_then_article_and_seeded():
    eligible = eligible_sentences(corpus(SIZES))
    sample = draw_sample(eligible, 90, seed=3)
    assert sample["language"].value_counts().to_dict() == {"zh": 30, "en": 30, "fa": 30}
    per_article = sample["article_id"].value_counts().to_dict()
    # the short Chinese article gives all it has (5 eligible); the long one does not dominate
    assert per_article["zh-short"] == 5 and per_article["zh-long"] <= 13
    assert per_article["fa-b"] == 11 and per_article["fa-a"] == 19
    assert not sample.duplicated(["article_id", "sentence_id"]).any()
    assert sample.equals(draw_sample(eligible, 90, seed=3))
    assert not sample.equals(draw_sample(eligible, 90, seed=4))


def test_a_language_with_too_few_sentences_gives_what_it_has_and_the_others_fill_in():
    eligible = eligible_sentences(corpus(SIZES))
    sample = draw_sample(eligible, 200, seed=1)
    counts = sample["language"].value_counts().to_dict()
    assert counts["fa"] == 29 + 11 and len(sample) == 200


def test_split_keeps_translations_together_and_tuned_articles_in_development():
    eligible = eligible_sentences(corpus(SIZES))
    sample = draw_sample(eligible, 120, seed=2)
    split = split_by_article(sample, {"en-a": "fa-a"}, seed=2, dev_only={"zh-long"})
    assert split["en-a"] == split["fa-a"]
    assert split["zh-long"] == "dev"
    assert set(split.values()) == {"dev", "test"}
    sizes = sample.assign(split=sample["article_id"].map(split)).groupby("split").size()
    assert abs(sizes["dev"] - sizes["test"]) <= 0.5 * len(sample)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_sampled_article_is_in_exactly_one_split(seed):
    sample = draw_sample(eligible_sentences(corpus(SIZES)), 60, seed=seed)
    split = split_by_article(sample, {}, seed=seed)
    assert set(split) == set(sample["article_id"])
