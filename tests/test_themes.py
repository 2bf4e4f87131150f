"""Cross-lingual themes: fragments, debiasing, clustering stability and outliers, c-TF-IDF terms."""

import numpy as np
import pandas as pd
import pytest

from upsoc.sentences import sentence_table
from upsoc.themes.cluster import ThemeSettings, finest_stable, fit_themes
from upsoc.themes.debias import GroupMeans, NullspaceProjection, variety
from upsoc.themes.fragments import HEADING, LEAD_IN, SHORT, fragment_reasons
from upsoc.themes.terms import class_tfidf, is_term, sentence_terms, top_terms

# lines of the shipped corpus' English articles, one paragraph each
LINES = [
    "What Are Soft Skills?",
    "Tips on interacting with people that I learned from experience:",
    "Act on the feedback you receive",
    "Talking to people calibrates your reality",
    "Almost all of his decisions were based on intuition.",
    "Send a short note within a day to thank them for their time.",
]


@pytest.fixture(scope="module")
def english_sentences(tokenizers):
    tables = [sentence_table("en-lines", line, "en", tokenizers["en"]) for line in LINES]
    for paragraph, table in enumerate(tables, start=1):
        table["paragraph"] = str(paragraph)
        table["sentence_id"] = str(paragraph)
    return pd.concat(tables, ignore_index=True).astype(str)


def test_headings_lead_ins_and_short_lines_are_fragments_but_short_advice_is_not(english_sentences):
    # the coding finds advice in the imperatives
    coded = pd.DataFrame({"article_id": "en-lines", "sentence_id": english_sentences["sentence_id"],
                          "is_advice": ["0", "0", "1", "0", "0", "1"]})
    reasons = fragment_reasons(english_sentences, coded, "en").tolist()
    assert reasons == [SHORT, LEAD_IN, "", HEADING, "", ""]


def test_terms_are_reader_words_without_names_numbers_or_clitics(english_sentences):
    row = sentence_table("x", "Julie's 3 coffee chats with managers in 2024 paid off.", "en",
                         lambda text: __import__("upsoc.languages", fromlist=["profile"]).profile("en").make_tokenizer()(text)).iloc[0]
    terms = sentence_terms(row["lemmas"], row["stopword_flags"], str, frozenset({"julie"})).split()
    assert "coffee" in terms and "manager" in terms
    assert not {"julie", "'s", "3", "2024"} & set(terms)
    assert not is_term("'s") and not is_term("n't") and is_term("喝咖啡")


def test_class_tfidf_ranks_a_themes_own_words_first_and_ignores_one_off_words():
    terms = pd.Series([
        "coffee chat senior ask", "coffee chat listen", "coffee chat ask",  # theme 0
        "event attend card", "event attend conference", "event talk booth",  # theme 1
        "coffee event unique",  # outlier
    ])
    themes = np.array([0, 0, 0, 1, 1, 1, -1])
    weights, vocabulary, counts = class_tfidf(terms, themes, 2)
    top = [[vocabulary[i] for i in row] for row in top_terms(weights, 3)]
    # "chat" is only the theme's, "coffee" also an outlier's: the rarer elsewhere ranks first
    assert set(top[0]) == {"chat", "coffee", "ask"} and top[0].index("chat") < top[0].index("coffee")
    assert set(top[1][:2]) == {"event", "attend"}
    # in one unit of the theme only: no weight
    assert weights[0, list(vocabulary).index("senior")] == 0 and "unique" not in top[0] + top[1]
    assert counts.shape == (7, len(vocabulary))


def test_class_tfidf_puts_a_themes_own_word_above_a_word_frequent_in_every_theme():
    # "work" is the most frequent word of both themes; "boss" and "linkedin" are each one theme's own
    terms = pd.Series(["work work work boss", "work work work boss", "work work work review",
                       "work work work linkedin", "work work work linkedin", "work work work profile"])
    weights, vocabulary, _ = class_tfidf(terms, np.array([0, 0, 0, 1, 1, 1]), 2)
    top = [[vocabulary[i] for i in row] for row in top_terms(weights, 1)]
    assert top == [["boss"], ["linkedin"]]


def test_the_finest_stable_k_is_chosen_and_the_most_stable_when_none_is():
    selection = pd.DataFrame({"k": [4, 6, 8, 10, 12], "stability": [0.99, 0.95, 0.83, 0.91, 0.70]})
    settings = ThemeSettings(ks=(4, 6, 8, 10, 12), seeds=5, random_state=7, min_stability=0.8)
    assert finest_stable(selection, settings) == 10
    assert finest_stable(selection.assign(stability=[0.5, 0.7, 0.7, 0.6, 0.4]), settings) == 6
    assert finest_stable(selection, ThemeSettings(ks=(4,), seeds=5, random_state=7, min_stability=0.8, k=4)) == 4


def test_variety_tells_traditional_chinese_articles_by_their_simplified_lemmas():
    sentences = pd.DataFrame({
        "article_id": ["tw", "tw", "cn", "en"],
        "language": ["zh", "zh", "zh", "en"],
        "tokens": ["提前 計劃", "主要 聯繫人", "提前 计划", "planning ahead"],
        "lemmas": ["提前 计划", "主要 联系人", "提前 计划", "plan ahead"],
    })
    assert variety(sentences).tolist() == ["zh-Hant", "zh-Hant", "zh", "en"]


def two_languages(seed=0, n=60, dim=16):
    """Vectors of two 'languages' with an offset of their own, sharing two meanings."""
    rng = np.random.default_rng(seed)
    meaning = rng.normal(size=(2, dim))
    offset = rng.normal(size=(2, dim)) * 3
    topic = np.tile([0, 1], n // 2)  # both meanings in both languages alike
    group = np.repeat(["zh", "en"], n // 2)
    vectors = meaning[topic] + offset[(group == "en").astype(int)] + rng.normal(scale=0.3, size=(n, dim))
    return vectors, group, topic


@pytest.mark.parametrize("debiaser", [GroupMeans(), NullspaceProjection(iterations=3)])
def test_debiasing_removes_the_language_and_keeps_the_meaning(debiaser):
    vectors, group, topic = two_languages()
    raw_gap = np.linalg.norm(vectors[group == "zh"].mean(0) - vectors[group == "en"].mean(0))
    out = debiaser.fit_transform(vectors, group)
    gap = np.linalg.norm(out[group == "zh"].mean(0) - out[group == "en"].mean(0))
    assert gap < raw_gap / 10
    # a sentence's nearest other sentence is of its own meaning, whatever its language
    similarity = out @ out.T
    np.fill_diagonal(similarity, -np.inf)
    assert (topic[similarity.argmax(axis=1)] == topic).mean() > 0.95


def test_separated_themes_are_stable_and_units_without_a_theme_are_outliers():
    rng = np.random.default_rng(1)
    centres = np.eye(3) * 5
    points = np.vstack([centres[i] + rng.normal(scale=0.3, size=(30, 3)) for i in range(3)])
    settings = ThemeSettings(ks=(3,), seeds=5, random_state=7, min_stability=0.8)
    fit = fit_themes(points, 3, settings)
    assert fit.stability == 1.0 and (fit.labels >= 0).all()
    # a disc has no themes: each seed cuts it at another angle, and the units whose side changes are outliers
    angle, radius = rng.uniform(0, 2 * np.pi, 300), np.sqrt(rng.uniform(0, 1, 300))
    disc = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    fit = fit_themes(disc, 3, ThemeSettings(ks=(3,), seeds=5, random_state=7, min_stability=0.8))
    assert fit.stability < 0.9 and 0 < (fit.labels == -1).mean() < 0.5
