"""Group comparisons, each statistic against a small hand-computed example."""

import math

import numpy as np
import pandas as pd
import pytest

from upsoc.compare.bootstrap import ARTICLES, SENTENCES, SINGLE, BootstrapSettings, replicate_weights, resampling_scheme
from upsoc.compare.effects import topic_effects
from upsoc.compare.groups import comparisons, jensen_shannon
from upsoc.compare.keyness import KeynessPlan, benjamini_hochberg, keyness_plans, language_keyness, log_odds
from upsoc.compare.prevalence import ConceptComparison
from upsoc.compare.tactics import tactics_table

SETTINGS = BootstrapSettings(replicates=300, min_articles=3, random_state=7)


def sheet(rows):
    return pd.DataFrame([{"id": i, "frame": f, "origin": o, "language": "en"} for i, f, o in rows])


def coded(rows):
    return pd.DataFrame([{"article_id": a, "sentence_id": s, "language": "en", "is_advice": adv, "concepts": c, "cues": cues, "text": t,
                          "frame_only": ""} for a, s, adv, c, cues, t in rows])


SHEET = sheet([("a1", "up", "CN"), ("a2", "up", "CN"), ("a3", "up", "CN"), ("b1", "net", "US")])
CODED = coded([
    ("a1", 1, 1, "x", "x=k", "Ask."), ("a1", 2, 0, "", "", "Fact."),
    ("a2", 1, 1, "x;y", "x=k|m; y=j", "Ask and join."), ("a2", 2, 0, "y", "y=j", "Joined."),
    ("a3", 1, 0, "", "", "Story."), ("a3", 2, 1, "x", "x=k", "Ask again."),
    ("b1", 1, 1, "y", "y=j", "Join now."), ("b1", 2, 0, "y", "y=j", "A group."), ("b1", 3, 0, "", "", "Done."),
])


def test_resampling_scheme_depends_on_the_number_of_articles():
    five = BootstrapSettings(replicates=100, min_articles=5, random_state=7)
    assert resampling_scheme(5, five) == ARTICLES
    assert resampling_scheme(2, five) == SENTENCES
    assert resampling_scheme(1, five) == SINGLE


def test_replicate_weights_respect_articles():
    rng = np.random.default_rng(0)
    article_of = np.array(["a", "a", "b", "c", "c", "c"])
    weights = replicate_weights(article_of, ARTICLES, 50, rng)
    # an article is drawn whole: its sentences share one weight
    assert (weights[:, 0] == weights[:, 1]).all() and (weights[:, 3] == weights[:, 5]).all()
    assert (weights[:, [0, 2, 3]].sum(axis=1) == 3).all()  # three draws of articles
    within = replicate_weights(article_of, SENTENCES, 50, rng)
    # sentences are resampled inside each article: each article keeps its size
    assert (within[:, :2].sum(axis=1) == 2).all() and (within[:, 3:].sum(axis=1) == 3).all()


def test_prevalence_and_differences_match_hand_computation():
    comparison = ConceptComparison(CODED, SHEET, ["x", "y"], {"x": "theme", "y": "tactic"}, ["frame"], SETTINGS)
    prevalence = comparison.prevalence().set_index(["grouping", "group", "concept"])
    up_x = prevalence.loc[("frame", "up", "x")]
    assert up_x["share"] == pytest.approx(3 / 6)  # x in 3 of 6 sentences
    assert up_x["advice_share"] == pytest.approx(3 / 3)  # in all 3 advice sentences
    assert up_x["resampling"] == ARTICLES and up_x["share_low"] <= 0.5 <= up_x["share_high"]
    net_y = prevalence.loc[("frame", "net", "y")]
    assert net_y["share"] == pytest.approx(2 / 3) and net_y["resampling"] == SINGLE
    assert prevalence.loc[("article", "b1", "y"), "resampling"] == SINGLE
    differences = comparison.differences().set_index(["grouping", "group_a", "group_b", "concept"])
    assert differences.loc[("frame", "net", "up", "y"), "difference"] == pytest.approx(2 / 3 - 2 / 6)
    assert list(comparison.differences()["comparison"].unique()) == ["pairwise"]


def test_a_single_article_group_is_flagged_in_every_comparison():
    comparison = ConceptComparison(CODED, SHEET, ["x", "y"], {"x": "theme", "y": "tactic"}, ["origin"], SETTINGS)
    divergence = comparison.divergence()
    assert divergence.loc[0, "resampling_b"] == SINGLE or divergence.loc[0, "resampling_a"] == SINGLE


def test_jensen_shannon_divergence():
    assert jensen_shannon(np.array([1.0, 0.0]), np.array([0.0, 1.0])) == pytest.approx(1.0)
    assert jensen_shannon(np.array([2.0, 2.0]), np.array([1.0, 1.0])) == pytest.approx(0.0)
    # (1/2, 1/2) vs (1, 0): m = (3/4, 1/4)
    kl_p = 0.5 * math.log2(0.5 / 0.75) + 0.5 * math.log2(0.5 / 0.25)
    kl_q = 1.0 * math.log2(1 / 0.75)
    assert jensen_shannon(np.array([1.0, 1.0]), np.array([1.0, 0.0])) == pytest.approx((kl_p + kl_q) / 2)


def test_comparisons_add_one_vs_rest_beyond_two_groups():
    assert comparisons(["a", "b"]) == [("pairwise", "a", "b")]
    assert comparisons(["a", "b", "c"])[:3] == [("one_vs_rest", "a", "rest"), ("one_vs_rest", "b", "rest"), ("one_vs_rest", "c", "rest")]


def test_log_odds_with_informative_dirichlet_prior_by_hand():
    from collections import Counter

    a, b = Counter({"w": 10, "v": 2}), Counter({"w": 2, "v": 10})
    background = a + b  # w: 12, v: 12 of 24
    table = log_odds(a, b, background, prior_strength=4).set_index("term")
    alpha = 4 * 12 / 24
    delta = math.log((10 + alpha) / (12 + 4 - 10 - alpha)) - math.log((2 + alpha) / (12 + 4 - 2 - alpha))
    se = math.sqrt(1 / (10 + alpha) + 1 / (2 + alpha))
    assert table.loc["w", "log_odds"] == pytest.approx(delta)
    assert table.loc["w", "z"] == pytest.approx(delta / se)
    assert table.loc["v", "z"] == pytest.approx(-delta / se)


def test_benjamini_hochberg_by_hand():
    # sorted p: 0.01, 0.03, 0.04, 0.5 -> p·n/rank: 0.04, 0.06, 0.0533, 0.5 -> running minimum from the top
    q = benjamini_hochberg(np.array([0.01, 0.04, 0.03, 0.5]))
    assert q.tolist() == pytest.approx([0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.5])


def test_topic_effect_is_the_difference_of_group_means():
    doc_topics = pd.DataFrame({
        "unit_id": ["a1:1-1", "a1:1-1", "a2:1-1", "a2:1-1", "b1:1-1", "b1:1-1"],
        "article_id": ["a1", "a1", "a2", "a2", "b1", "b1"], "topic": [1, 2, 1, 2, 1, 2],
        "weight": [0.8, 0.2, 0.6, 0.4, 0.1, 0.9],
    })
    effects = topic_effects(doc_topics, SHEET, ["frame"], SETTINGS).set_index("topic")
    assert effects.loc[1, "group_a"] == "net" and effects.loc[1, "group_b"] == "up"
    assert effects.loc[1, "effect"] == pytest.approx(0.1 - 0.7)
    assert effects.loc[1, "low"] <= effects.loc[1, "effect"] <= effects.loc[1, "high"]


def test_bootstrap_is_reproducible():
    first = ConceptComparison(CODED, SHEET, ["x", "y"], {"x": "theme", "y": "tactic"}, ["frame"], SETTINGS).prevalence()
    second = ConceptComparison(CODED, SHEET, ["x", "y"], {"x": "theme", "y": "tactic"}, ["frame"], SETTINGS).prevalence()
    pd.testing.assert_frame_equal(first, second)


def test_tactics_quote_the_sentence_with_most_cues():
    table = tactics_table(CODED, SHEET, ["x", "y"], ["frame"], quotes=1).set_index(["tactic", "group", "rank"])
    up_x = table.loc[("x", "up", 1)]
    assert (up_x["advice_sentences"], up_x["with_tactic"], up_x["text"]) == (3, 3, "Ask and join.")
    assert table.loc[("y", "net", 1), "text"] == "Join now."


def test_translation_pairs_divergence_and_rank_among_other_articles():
    from upsoc.compare.parallel import parallel_pairs

    pairs_sheet = pd.DataFrame([
        {"id": "zh1", "language": "zh", "parallel_of": "en1"}, {"id": "en1", "language": "en", "parallel_of": ""},
        {"id": "en2", "language": "en", "parallel_of": ""}, {"id": "en3", "language": "en", "parallel_of": ""},
    ])
    pairs_coded = pd.DataFrame(
        [{"article_id": "zh1", "concepts": c} for c in ["x", "x", "y;x", ""]]
        + [{"article_id": "en1", "concepts": c} for c in ["x", "x;y", "x"]]
        + [{"article_id": "en2", "concepts": c} for c in ["y", "y", "z"]]
        + [{"article_id": "en3", "concepts": c} for c in ["x", "y"]]
    )
    mixtures = pd.DataFrame([{"article_id": a, "topic": t, "weight": w} for a, t, w in [
        ("zh1", 1, 0.8), ("zh1", 2, 0.2), ("en1", 1, 0.8), ("en1", 2, 0.2),
        ("en2", 1, 0.1), ("en2", 2, 0.9), ("en3", 1, 0.5), ("en3", 2, 0.5)]])
    row = parallel_pairs(pairs_sheet, pairs_coded, mixtures, ["x", "y", "z"]).iloc[0]
    # the same profile (x: 3, y: 1) on both sides: divergence 0, no other English article closer
    assert (row["article_a"], row["article_b"], row["sentences_a"]) == ("zh1", "en1", 4)
    assert row["concept_jsd"] == 0 and row["concept_rank"] == 0
    assert row["topic_jsd"] == 0 and row["topic_rank"] == 0
    # once the translation drifts further than another article, the rank says so
    drifted = pairs_coded.replace({"concepts": {"x;y": "y", "x": "y"}}).where(pairs_coded["article_id"] == "en1", pairs_coded)
    row = parallel_pairs(pairs_sheet, drifted, mixtures, ["x", "y", "z"]).iloc[0]
    assert row["concept_jsd"] > 0 and row["concept_rank"] == 0.5


# Three languages as in the shipped corpus: English articles from two frames, Chinese articles
# from three origins, Persian articles that are all about networking.
KEYNESS_SHEET = pd.DataFrame([
    {"id": "coffee-chats", "language": "en", "frame": "networking", "origin": "US"},
    {"id": "reach-up", "language": "en", "frame": "upward_socializing", "origin": "US"},
    {"id": "mentor-note", "language": "zh", "frame": "upward_socializing", "origin": "CN"},
    {"id": "circle", "language": "zh", "frame": "upward_socializing", "origin": "TW"},
    {"id": "overseas", "language": "zh", "frame": "networking", "origin": ""},
    {"id": "basics", "language": "fa", "frame": "networking", "origin": "IR"},
    {"id": "events", "language": "fa", "frame": "networking", "origin": "IR"},
])


def test_two_groups_give_one_pairwise_plan():
    plans = keyness_plans(KEYNESS_SHEET.set_index("id", drop=False), ["coffee-chats", "reach-up"], ["frame"])
    assert plans == [KeynessPlan("frame", "pairwise", "networking", "upward_socializing", ["coffee-chats"], ["reach-up"])]


def test_three_groups_add_each_against_the_rest():
    plans = keyness_plans(KEYNESS_SHEET.set_index("id", drop=False), ["circle", "mentor-note", "overseas"], ["origin"])
    assert [(p.comparison, p.group_a, p.group_b) for p in plans] == [
        ("one_vs_rest", "CN", "rest"), ("one_vs_rest", "TW", "rest"), ("one_vs_rest", "unknown", "rest"),
        ("pairwise", "CN", "TW"), ("pairwise", "CN", "unknown"), ("pairwise", "TW", "unknown"),
    ]
    assert (plans[0].articles_a, plans[0].articles_b) == (["mentor-note"], ["circle", "overseas"])
    assert (plans[5].articles_a, plans[5].articles_b) == (["circle"], ["overseas"])


def test_a_language_whose_articles_share_a_value_has_no_comparison_for_it():
    plans = keyness_plans(KEYNESS_SHEET.set_index("id", drop=False), ["basics", "events"], ["frame", "origin", "language"])
    assert plans == []


def test_language_keyness_compares_only_that_languages_articles():
    units = pd.DataFrame({
        "article_id": ["coffee-chats", "coffee-chats", "reach-up", "basics", "events"],
        "language": ["en", "en", "en", "fa", "fa"],
        "terms": ["coffee chat coffee", "chat ask", "senior mentor senior mentor", "شبکه رابطه", "ایونت شبکه"],
    })
    english = language_keyness(units, KEYNESS_SHEET, "en", ["frame", "language"], prior_strength=10, min_count=2)
    assert set(zip(english["grouping"], english["group_a"], english["group_b"])) == {
        ("frame", "networking", "upward_socializing")}
    counts = english.set_index("term")[["count_a", "count_b"]]
    assert counts.loc["coffee"].tolist() == [2, 0] and counts.loc["senior"].tolist() == [0, 2]
    assert "ask" not in counts.index  # below min_count
    persian = language_keyness(units, KEYNESS_SHEET, "fa", ["frame", "language"], prior_strength=10, min_count=2)
    assert persian.empty and list(persian.columns)[:4] == ["grouping", "comparison", "group_a", "group_b"]


def test_frame_comparisons_do_not_count_evidence_from_the_frame_terms_alone():
    # "x" in a1 and a2 comes only from a frame term (say 向上社交); in b1 from a real cue
    circular = CODED.assign(frame_only=CODED["concepts"].where(CODED["article_id"].isin(["a1", "a2"]), ""))
    comparison = ConceptComparison(circular, SHEET, ["x", "y"], {"x": "theme", "y": "tactic"}, ["frame", "origin"], SETTINGS)
    table = comparison.prevalence().set_index(["grouping", "group", "concept"])
    inclusive = ConceptComparison(CODED, SHEET, ["x", "y"], {"x": "theme", "y": "tactic"}, ["frame"], SETTINGS).prevalence()
    inclusive = inclusive.set_index(["grouping", "group", "concept"])
    assert table.loc[("frame_inclusive", "up", "x"), "share"] == inclusive.loc[("frame", "up", "x"), "share"] > 0
    a3_only = (CODED["article_id"] == "a3") & CODED["concepts"].str.contains("x")
    up_sentences = CODED["article_id"].isin(["a1", "a2", "a3"]).sum()
    assert table.loc[("frame", "up", "x"), "share"] == round(a3_only.sum() / up_sentences, 6)
    # other groupings count all evidence
    assert table.loc[("origin", "CN", "x"), "share"] == inclusive.loc[("frame", "up", "x"), "share"]


def simulate(rng, groups, sensitivity, specificity, articles=8, sentences=60):
    """Sentences of articles in groups with known true prevalence, coded with known error rates."""
    rows = []
    for group, truth in groups.items():
        for a in range(articles):
            # articles differ in their own prevalence around the group's
            own = np.clip(truth + rng.normal(0, 0.05), 0, 1)
            true = rng.random(sentences) < own
            coded = np.where(true, rng.random(sentences) < sensitivity, rng.random(sentences) > specificity)
            rows += [{"article_id": f"{group}{a}", "sentence_id": i, "language": "en", "group": group, "true": t,
                      "concepts": "x" if c else "", "is_advice": 0, "frame_only": "", "cues": "", "text": ""}
                     for i, (t, c) in enumerate(zip(true, coded))]
    return pd.DataFrame(rows)


def test_corrected_difference_recovers_the_true_difference_in_simulations():
    from upsoc.compare.correction import error_rates

    settings = BootstrapSettings(replicates=300, min_articles=5, random_state=11)
    truth = {"a": 0.30, "b": 0.15}
    covered, naive_covered = 0, 0
    repetitions = 40
    for seed in range(repetitions):
        rng = np.random.default_rng(seed)
        coded = simulate(rng, truth, sensitivity=0.6, specificity=0.9)
        validation = simulate(rng, {"v": 0.25}, sensitivity=0.6, specificity=0.9, articles=10, sentences=30)
        validation = validation.assign(reference_concepts=np.where(validation["true"], "x", ""))
        rates = error_rates(validation, ["x"], settings.replicates, np.random.default_rng([seed, 1]))
        sheet = pd.DataFrame({"id": coded["article_id"].unique()}).assign(frame=lambda t: t["id"].str[0], origin="", language="en")
        table = ConceptComparison(coded, sheet, ["x"], {"x": "theme"}, ["frame"], settings, rates).differences()
        row = table[(table["grouping"] == "frame")].iloc[0]
        covered += row["corrected_low"] <= truth["a"] - truth["b"] <= row["corrected_high"]
        naive_covered += row["low"] <= truth["a"] - truth["b"] <= row["high"]
    assert covered >= 0.9 * repetitions
    # the uncorrected difference is biased towards zero (0.6 - 0.1 = half the true difference)
    assert naive_covered < 0.5 * repetitions


def test_rogan_gladen_inverts_the_misclassification():
    from upsoc.compare.correction import rogan_gladen

    true = np.array([0.0, 0.2, 0.5, 1.0])
    coded = 0.7 * true + (1 - 0.95) * (1 - true)
    assert np.allclose(rogan_gladen(coded, np.full(4, 0.7), np.full(4, 0.95)), true)
    # a coding no better than chance carries no information
    assert np.isnan(rogan_gladen(np.array([0.3]), np.array([0.4]), np.array([0.5])))[0]


def test_keyness_leaves_out_the_names_of_the_people_in_the_stories(tokenizers):
    from upsoc.topics.names import CapitalisedNames, person_names
    from upsoc.topics.units import build_units

    texts = {
        "coffee-chats": ["Kaikai asked Feng for a coffee chat.", "The coffee chat helped Kaikai and Feng find a mentor."],
        "reach-up": ["Ask a senior mentor for advice.", "A senior mentor often knows the field."],
    }
    rows = [{"article_id": article, "sentence_id": i, "paragraph": i, "text": text,
             "tokens": " ".join(t.text for t in tokens), "lemmas": " ".join(t.lemma for t in tokens),
             "stopword_flags": " ".join("1" if t.stopword else "0" for t in tokens)}
            for article, sentences in texts.items()
            for i, text in enumerate(sentences, start=1) for tokens in [tokenizers["en"](text)]]
    sentences = pd.DataFrame(rows)
    names = person_names(sentences, known=set(), protected=set(), finders=[CapitalisedNames()])
    no_cues = pd.DataFrame(columns=["article_id", "sentence_id", "cues"])
    keyness = {}
    for label, excluded in [("all", frozenset()), ("without names", frozenset(names["term"]))]:
        units = build_units(sentences, no_cues, "en", min_tokens=3, names=excluded)
        keyness[label] = language_keyness(units, KEYNESS_SHEET, "en", ["frame"], prior_strength=10, min_count=2)
    assert {"kaikai", "feng"} <= set(keyness["all"]["term"])
    assert not {"kaikai", "feng"} & set(keyness["without names"]["term"])
    assert {"coffee", "senior", "mentor"} <= set(keyness["without names"]["term"])
