"""Topic models: units, coherence, diversity, stability, labels, and the cross-lingual model."""

import math
import re
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
import yaml
from sklearn.decomposition import LatentDirichletAllocation
from conftest import FIXTURES, ROOT, USER_DICTIONARY
from scipy.sparse import csr_matrix

from upsoc.coding import code_sentences
from upsoc.sentences import sentence_table
from upsoc.topics.fit import (TopicSettings, article_topics, choose_k, crosslingual_topics, fit_topics, model_factory,
                              stability_note, sweep)
from upsoc.topics.models import VectorizedLDA, _dirichlet_expectation, _phi_weights, _row_products, make_vectorizer
from upsoc.topics.labels import frex, topic_terms
from upsoc.compare.bootstrap import BootstrapSettings
from upsoc.compare.seeded import seeded_agreement
from upsoc.languages import profile
from upsoc.tokenize import persian_reader_form
from upsoc.topics.metrics import diversity, npmi, topic_overlaps
from upsoc.topics.seeded import SeededLDA
from upsoc.topics.names import CapitalisedNames, JiebaNames, name_finders, person_names
from upsoc.topics.units import build_units, cue_terms

CONFIG = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))["topics"]


def settings(**changes) -> TopicSettings:
    """The shipped configuration's topic settings, with `changes`."""
    configured = {name: CONFIG[name] for name in ("ks", "random_state", "stability_seeds", "min_stability", "max_fit_units",
                                                  "seed_weight", "gibbs_iterations")}
    return TopicSettings(**{**configured, **changes})


def sentences(rows):
    return pd.DataFrame(
        [{"article_id": a, "sentence_id": s, "paragraph": p, "text": t, "lemmas": t, "stopword_flags": " ".join("0" for _ in t.split())}
         for a, s, p, t in rows]
    )


def test_short_sentences_merge_within_a_paragraph_only():
    table = sentences([
        ("a", 1, 1, "x y"), ("a", 2, 1, "x y z"), ("a", 3, 1, "w"),
        ("a", 4, 2, "p q r s"), ("b", 5, 1, "m"),
    ])
    coded = pd.DataFrame({"article_id": ["a", "b"], "sentence_id": [1, 5], "cues": ["trust_familiarity=trust|familiar", ""]})
    units = build_units(table, coded, "en", min_tokens=4)
    assert list(units["unit_id"]) == ["a:1-3", "a:4-4", "b:5-5"]
    assert units.loc[0, "terms"] == "x y x y z w"
    assert units.loc[0, "concepts"] == "trust_familiarity trust_familiarity"


def test_npmi_matches_a_hand_computed_example():
    # 4 documents; a in 1,2; b in 1,2; c in 3
    documents = csr_matrix(np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1], [0, 0, 0]]))
    p_ab, p_a, p_b = 0.5, 0.5, 0.5
    expected = math.log(p_ab / (p_a * p_b)) / -math.log(p_ab)
    assert npmi([[0, 1]], documents) == [pytest.approx(expected)]
    assert expected == pytest.approx(1.0)
    assert npmi([[0, 2]], documents) == [-1.0]  # never together


def test_diversity_and_per_topic_matched_overlap():
    assert diversity([[1, 2], [2, 3]]) == 0.75
    # the same topics in another order match perfectly
    assert topic_overlaps([[1, 2], [3, 4]], [[3, 4], [1, 2]]).tolist() == [1.0, 1.0]
    assert topic_overlaps([[1, 2], [3, 4]], [[1, 5], [3, 4]]).tolist() == pytest.approx([1 / 3, 1.0])
    # a topic left empty in both fits is nothing found again
    assert topic_overlaps([[1, 2], []], [[], [1, 2]]).tolist() == [1.0, 0.0]


def test_stability_note_says_why_a_chosen_model_is_unstable():
    assert stability_note(4, np.array([0.7, 0.8]), settings(min_stability=0.6)) == ""
    note = stability_note(4, np.array([0.9, 0.2, 0.1]), settings(min_stability=0.6))
    assert "0.40 is below 0.6" in note and "most stable K (4)" in note and "2 of its 3 topics change" in note
    assert "pinned" in stability_note(4, np.array([0.1]), settings(min_stability=0.6, k=4))


def test_frex_prefers_frequent_and_exclusive_terms():
    topic_term = np.array([[0.5, 0.3, 0.2], [0.1, 0.1, 0.8]])
    scores = frex(topic_term)
    # in topic 1, term 0 is both the most frequent and the most exclusive
    assert np.argmax(scores[0]) == 0
    assert np.argmax(scores[1]) == 2


def test_k_selection_rule():
    selection = pd.DataFrame({"k": [4, 6, 8], "npmi": [0.1, 0.3, 0.2], "stability": [0.9, 0.4, 0.6]})
    assert choose_k(selection, settings(min_stability=0.5)) == 8  # best NPMI among the stable Ks
    assert choose_k(selection.assign(stability=[0.1, 0.3, 0.2]), settings(min_stability=0.5)) == 6  # most stable
    assert choose_k(selection, settings(k=4)) == 4  # pinned


ENGLISH_STOPWORDS = frozenset(
    "the a an and or but of to in on for with at by from as is are was were be been being it its this that these "
    "those you your we our they their he she his her i my me them us not no do does did have has had will would can "
    "could should may might if so than then there here what which who when where how all any more most some such "
    "about into out up down over just also very".split())


def english_article_units(limit=400, words_per_unit=15):
    """Units of real text: the shipped English articles' paragraphs, lower-cased words without
    stopwords, cut into units of about `words_per_unit` words."""
    sheet = pd.read_csv(ROOT / "data" / "articles.tsv", sep="\t", dtype=str, keep_default_na=False)
    rows = []
    for article, file in sheet.loc[sheet["language"] == "en", ["id", "file"]].itertuples(index=False):
        text = (ROOT / "data" / "raw" / file).read_text(encoding="utf-8")
        for paragraph in text.split("\n\n"):
            words = [w for w in re.findall(r"[a-z]+", paragraph.lower()) if len(w) > 2 and w not in ENGLISH_STOPWORDS]
            for start in range(0, len(words) - words_per_unit // 2, words_per_unit):
                terms = " ".join(words[start:start + words_per_unit])
                rows.append({"unit_id": f"{article}:{len(rows) + 1}-{len(rows) + 1}", "article_id": article,
                             "terms": terms, "concepts": "", "text": terms})
    return pd.DataFrame(rows).head(limit)


class CountingFactory:
    """A model factory that fits each (K, seed) once, remembers the fit, and records which
    (K, seed) a sweep asked for."""

    def __init__(self, make_model):
        self.make_model, self.fits, self.asked = make_model, {}, []

    def __call__(self, k, seed):
        factory = self

        class Cached:
            def fit(self, counts):
                factory.asked.append((k, seed))
                if (k, seed) not in factory.fits:
                    factory.fits[(k, seed)] = factory.make_model(k, seed).fit(counts)
                return factory.fits[(k, seed)]

        return Cached()


@pytest.mark.parametrize("kind", ["lda", "nmf"])
def test_lazy_sweep_chooses_what_the_full_sweep_chooses_on_real_text(kind):
    units = english_article_units()
    counts = make_vectorizer(len(units)).fit_transform(units["terms"])
    factory = CountingFactory(model_factory(kind, None, {}, settings()))
    base = settings(ks=[2, 3, 4, 6, 8, 10], stability_seeds=2)
    full, _, full_stabilities = sweep(factory, counts, replace(base, full_sweep=True))
    assert full["stability"].notna().all() and len(factory.asked) == 18
    thresholds = sorted({*np.linspace(0, 1, 21), *full["stability"], *(full["stability"] + 1e-12), 1.01})
    saved = set()
    for threshold in thresholds:
        factory.asked = []
        chosen_settings = replace(base, min_stability=threshold)
        lazy, _, lazy_stabilities = sweep(factory, counts, chosen_settings)
        k = choose_k(full, chosen_settings)
        assert choose_k(lazy, chosen_settings) == k, threshold
        # what the lazy sweep computed is what the full sweep computed; the chosen K has all its refits
        pd.testing.assert_frame_equal(lazy.drop(columns="stability"), full.drop(columns="stability"))
        computed = lazy["stability"].notna()
        assert lazy.loc[computed, "stability"].tolist() == full.loc[computed, "stability"].tolist()
        np.testing.assert_array_equal(lazy_stabilities[k], full_stabilities[k])
        assert set(lazy_stabilities) == set(lazy.loc[computed, "k"])
        saved.add(18 - len(factory.asked))
    # on this text, some thresholds need every refit (no K stable enough, close stabilities), others few
    assert max(saved) >= 6


def test_lazy_sweep_makes_only_the_refits_the_rule_needs(monkeypatch):
    """Models whose topics are given per K and seed (0: the reference fit, 1 and 2: refits)."""
    tops = {
        4: {0: [[1], [2]], 1: [[1], [2]], 2: [[1], [2]]},  # lowest NPMI, stability 1
        6: {0: [[3], [4]], 1: [[5], [6]], 2: [[3], [4]]},  # highest NPMI; its first refit finds nothing again
        8: {0: [[7], [8]], 1: [[7], [8]], 2: [[7], [8]]},  # stability 1
    }
    npmis = {1: -0.5, 3: 0.2, 7: 0.1}  # by the first term of a reference fit's first topic
    monkeypatch.setattr("upsoc.topics.fit.npmi", lambda top, counts: [npmis[top[0][0]]])
    asked = []

    class Model:
        def __init__(self, k, seed):
            self.k, self.seed = k, seed - base.random_state

        def fit(self, counts):
            asked.append((self.k, self.seed))
            return self

        def top_terms(self, n):
            return tops[self.k][self.seed]

    base = settings(ks=[4, 6, 8], stability_seeds=2)
    counts = csr_matrix(np.ones((100, 10)))
    # K=6 is visited first: after one refit its stability is at most 0.5 < 0.6, so it cannot be
    # chosen; K=8 needs both refits to be known stable, and is chosen; K=4 is never refit
    selection, _, stabilities = sweep(Model, counts, replace(base, min_stability=0.6))
    assert choose_k(selection, base) == 8
    assert asked == [(4, 0), (6, 0), (8, 0), (6, 1), (8, 1), (8, 2)]
    assert selection["stability"].isna().tolist() == [True, True, False] and list(stabilities) == [8]
    # nothing reaches 1.01: the most stable K is taken; K=4 ties K=8 at 1 and wins as the smaller,
    # K=6 (at most 0.5 after one refit) cannot compete and keeps its second refit unmade
    asked.clear()
    selection, _, stabilities = sweep(Model, counts, replace(base, min_stability=1.01))
    assert choose_k(selection, replace(base, min_stability=1.01)) == 4
    assert sorted(asked) == [(4, 0), (4, 1), (4, 2), (6, 0), (6, 1), (8, 0), (8, 1), (8, 2)]
    assert selection["stability"].tolist()[0] == 1.0 and np.isnan(selection["stability"].tolist()[1])
    # a pinned K: only its refits
    asked.clear()
    selection, _, stabilities = sweep(Model, counts, replace(base, k=6))
    assert asked == [(4, 0), (6, 0), (8, 0), (6, 1), (6, 2)] and list(stabilities) == [6]
    assert selection["stability"].tolist()[1] == 0.5


def test_seeded_model_reads_each_unit_as_its_words_in_column_order():
    vocabulary = np.array(["a", "b", "c", "d"], dtype=object)
    counts = csr_matrix(np.array([[0, 2, 0, 1], [0, 0, 0, 0], [3, 0, 1, 0], [0, 0, 0, 0]]))
    words = SeededLDA({}, vocabulary, 2, 1)._words(counts)
    assert words == [["b", "b", "d"], [], ["a", "a", "a", "c"], []]
    units = english_article_units(limit=100)
    vectorizer = make_vectorizer(len(units))
    counts = vectorizer.fit_transform(units["terms"])
    model = SeededLDA({}, vectorizer.get_feature_names_out(), 2, 1)
    assert model._words(counts) == [list(np.repeat(model.vocabulary[row.indices], row.data)) for row in counts]


def test_vectorized_lda_e_step_is_the_sparse_matrix_form_to_the_bit():
    units = english_article_units(limit=200)
    counts = csr_matrix(make_vectorizer(len(units)).fit_transform(units["terms"]), dtype=np.float64)
    rng = np.random.default_rng(1)
    dense = np.ascontiguousarray(rng.random((counts.shape[1], 5)))
    weights = counts.copy()
    weights.data = weights.data * rng.random(weights.nnz)
    np.testing.assert_array_equal(_row_products(weights.indptr, weights.indices, weights.data, dense), weights @ dense)

    class SparseMatrixLDA(VectorizedLDA):
        """The E-step written with sparse matrices sliced and built at every update."""

        def _update_block(self, X, gamma, beta, cal_sstats):
            eps = np.finfo(np.float64).eps
            exp_theta = np.exp(_dirichlet_expectation(gamma))
            active = np.arange(X.shape[0])
            for _ in range(self.max_doc_update_iter):
                phi = _phi_weights(X[active], exp_theta[active], beta, eps)
                updated = exp_theta[active] * (phi @ beta.T) + self.doc_topic_prior_
                change = np.abs(updated - gamma[active]).mean(axis=1)
                gamma[active] = updated
                exp_theta[active] = np.exp(_dirichlet_expectation(updated))
                active = active[change >= self.mean_change_tol]
                if not active.size:
                    break
            stats = (_phi_weights(X, exp_theta, beta, eps).T @ exp_theta).T if cal_sstats else None
            return gamma, stats

    for k in (3, 7):
        options = dict(n_components=k, doc_topic_prior=0.1, topic_word_prior=0.01, learning_method="batch",
                       max_iter=50, evaluate_every=5, perp_tol=0.1, random_state=k)
        fast, reference = VectorizedLDA(**options).fit(counts), SparseMatrixLDA(**options).fit(counts)
        assert fast.n_iter_ == reference.n_iter_
        np.testing.assert_array_equal(fast.components_, reference.components_)
        np.testing.assert_array_equal(fast.transform(counts), reference.transform(counts))


def themed_units(n, seed, themes, theme_words, article_of):
    """Units of ten words, each drawn from one theme's words (theme "a": a0, a1, …) in turn."""
    rng = np.random.default_rng(seed)
    groups = [[f"{g}{i}" for i in range(theme_words)] for g in themes]
    rows = []
    for i in range(n):
        words = " ".join(rng.choice(groups[i % len(groups)], size=10))
        article = article_of(i)
        rows.append({"unit_id": f"{article}:{i + 1}-{i + 1}", "article_id": article, "terms": words,
                     "concepts": "", "text": words})
    return pd.DataFrame(rows)


def synthetic_units(n=60, seed=0):
    """Three themes, articles of 20 consecutive units."""
    return themed_units(n, seed, "abc", 12, lambda i: f"x{i // 20}")


@pytest.mark.parametrize("kind", ["lda", "nmf"])
def test_models_recover_planted_topics_deterministically(kind):
    units = synthetic_units()
    chosen = settings(ks=[2, 3, 4], stability_seeds=2, k=3)
    tables = fit_topics(units, kind, chosen)
    again = fit_topics(units, kind, chosen)
    for name in tables:
        pd.testing.assert_frame_equal(tables[name], again[name])
    selection = tables["selection"]
    assert list(selection.columns[:4]) == ["k", "npmi", "diversity", "stability"]
    assert list(selection["k"]) == [2, 3, 4] and selection.loc[selection["chosen"] == 1, "k"].item() == 3
    # the three planted topics are the most coherent and perfectly stable
    assert selection.loc[selection["k"] == 3, ["npmi", "stability"]].values.tolist()[0][0] > 0.4
    labels = tables["labels"]["top_terms"].str.split().map(lambda terms: {t[0] for t in terms[:5]})
    assert sorted(map(tuple, labels)) == [("a",), ("b",), ("c",)]
    sums = tables["doc_topics"].groupby("unit_id")["weight"].sum()
    assert np.allclose(sums, 1.0, atol=1e-5)
    assert "too little text" in selection["note"].iloc[0]


def test_lda_selection_finds_the_planted_number_of_topics():
    selection = fit_topics(synthetic_units(), "lda", settings(ks=[2, 3, 4], stability_seeds=2))["selection"]
    assert selection.loc[selection["chosen"] == 1, "k"].item() == 3



@pytest.mark.parametrize("kind", ["lda", "nmf", "seeded"])
def test_lazy_and_full_sweeps_give_the_same_tables(kind):
    """Every table but `selection` is the same; there, the stabilities the lazy sweep did not
    need are empty and the rest is the same."""
    units = planted_units() if kind == "seeded" else synthetic_units()
    base = settings(ks=[2, 3, 4], stability_seeds=2, gibbs_iterations=50)
    cues = SEEDS if kind == "seeded" else None
    for min_stability in (0.6, 1.01):  # a stable K chosen; none stable enough, the most stable chosen
        lazy = fit_topics(units, kind, replace(base, min_stability=min_stability), cue_terms=cues)
        full = fit_topics(units, kind, replace(base, min_stability=min_stability, full_sweep=True), cue_terms=cues)
        assert lazy.keys() == full.keys()
        for name in lazy:
            if name != "selection":
                pd.testing.assert_frame_equal(lazy[name], full[name])
        computed = lazy["selection"]["stability"].notna()
        pd.testing.assert_frame_equal(lazy["selection"][computed], full["selection"][computed])
        pd.testing.assert_frame_equal(lazy["selection"].drop(columns="stability"), full["selection"].drop(columns="stability"))
        assert full["selection"]["stability"].notna().all()


@pytest.mark.parametrize("kind", ["lda", "nmf"])
def test_a_model_fit_on_a_sample_still_gives_every_unit_its_mixture(kind):
    units = synthetic_units(n=300)
    tables = fit_topics(units, kind, settings(ks=[2, 3, 4], stability_seeds=1, max_fit_units=90))
    selection = tables["selection"]
    assert set(selection["units"]) == {300} and set(selection["fit_units"]) == {90}
    assert selection.loc[selection["chosen"] == 1, "k"].item() == 3
    doc_topics = tables["doc_topics"]
    assert doc_topics["unit_id"].nunique() == 300
    # units outside the sample are assigned to their planted topic too
    dominant = doc_topics.loc[doc_topics.groupby("unit_id")["weight"].idxmax()]
    planted = dominant.set_index("unit_id")["topic"].groupby(lambda u: int(u.split(":")[1].split("-")[0]) % 3)
    assert all(group.nunique() == 1 for _, group in planted)

def test_article_mixtures_sum_to_one():
    units = pd.DataFrame({"unit_id": ["a:1-1", "a:2-2", "b:1-1"], "concepts": ["x x", "y", "x"]})
    doc_topics = pd.DataFrame({
        "unit_id": ["a:1-1", "a:1-1", "a:2-2", "a:2-2", "b:1-1", "b:1-1"],
        "article_id": ["a", "a", "a", "a", "b", "b"], "topic": [1, 2, 1, 2, 1, 2],
        "weight": [1.0, 0.0, 0.0, 1.0, 0.5, 0.5],
    })
    mixtures = article_topics(doc_topics, units)
    a = mixtures[mixtures["article_id"] == "a"]["weight"].tolist()
    assert a == pytest.approx([2 / 3, 1 / 3])
    assert mixtures.groupby("article_id")["weight"].sum().tolist() == pytest.approx([1.0, 1.0])


def jensen_shannon(p, q):
    p, q = np.asarray(p), np.asarray(q)
    m = (p + q) / 2
    kl = lambda x, y: float(np.sum(np.where(x > 0, x * np.log2(x / y), 0.0)))
    return (kl(p, m) + kl(q, m)) / 2


def test_an_article_and_its_translation_get_nearly_the_same_crosslingual_mixture(coders, codebook, tokenizers, cleaned_fixtures):
    texts = {
        "follow-up-zh": ((FIXTURES / "parallel" / "follow-up.zh.txt").read_text(encoding="utf-8"), "zh"),
        "follow-up-en": ((FIXTURES / "parallel" / "follow-up.en.txt").read_text(encoding="utf-8"), "en"),
    }
    for article_id, language in [("mentor-note", "zh"), ("networking-basics", "fa"), ("coffee-chats", "en")]:
        texts[article_id] = (cleaned_fixtures[article_id][1].text, language)
    all_units = []
    for article_id, (text, language) in texts.items():
        _, matcher, detector = coders[language]
        table = sentence_table(article_id, text, language, tokenizers[language])
        coded = code_sentences(table, {"language": language, "frame": "networking", "origin": ""}, matcher, detector, codebook.ids)
        all_units.append(build_units(table, coded, language, min_tokens=6))
    units = pd.concat(all_units, ignore_index=True)
    tables = crosslingual_topics(units, settings(ks=[3], stability_seeds=0))
    mixtures = tables["article_topics"].pivot(index="article_id", columns="topic", values="weight")
    pair = jensen_shannon(mixtures.loc["follow-up-zh"], mixtures.loc["follow-up-en"])
    assert pair < 0.1
    others = [jensen_shannon(mixtures.loc["follow-up-zh"], mixtures.loc[a]) for a in ["networking-basics", "coffee-chats"]]
    assert pair < min(others)


@pytest.mark.parametrize("learning_method", ["batch", "online"])
def test_vectorized_lda_fits_what_scikit_learns_lda_fits(learning_method):
    units = synthetic_units(n=240, seed=3)
    counts = make_vectorizer(len(units)).fit_transform(units["terms"])
    settings = dict(n_components=3, doc_topic_prior=0.1, topic_word_prior=0.01, learning_method=learning_method,
                    batch_size=64, max_iter=30, evaluate_every=5, perp_tol=0.1, random_state=7)
    reference = LatentDirichletAllocation(**settings).fit(counts)
    vectorized = VectorizedLDA(**settings).fit(counts)
    assert vectorized.n_iter_ == reference.n_iter_
    np.testing.assert_allclose(vectorized.components_, reference.components_, rtol=1e-6)
    np.testing.assert_allclose(vectorized.transform(counts), reference.transform(counts), atol=1e-7)
    assert vectorized.perplexity(counts) == pytest.approx(reference.perplexity(counts), rel=1e-9)


def tokenized(tokenizer, article_id, texts):
    """Sentence rows as the pipeline writes them: tokens, lemmas and stopword flags."""
    rows = []
    for i, text in enumerate(texts, start=1):
        tokens = tokenizer(text)
        rows.append({"article_id": article_id, "sentence_id": i, "paragraph": i, "text": text,
                     "tokens": " ".join(t.text for t in tokens), "lemmas": " ".join(t.lemma for t in tokens),
                     "stopword_flags": " ".join("1" if t.stopword else "0" for t in tokens)})
    return pd.DataFrame(rows)


def test_persian_verbs_read_as_infinitives():
    assert persian_reader_form("کرد#کن") == "کردن"
    assert persian_reader_form("خواست#خواه") == "خواستن"
    assert persian_reader_form("باشید#باش") == "بودن"  # hazm's subjunctive stem of "to be"
    assert persian_reader_form("#هست") == "هست"
    assert persian_reader_form("نیازیدن#نیاز") == "نیازیدن"
    assert persian_reader_form("شبکه") == "شبکه"


def test_persian_unit_terms_never_show_the_internal_verb_code(tokenizers):
    sentences = tokenized(tokenizers["fa"], "fa-article", [
        "شما باید در رویدادها شرکت کنید و با افراد جدید آشنا شوید.",
        "اگر می‌خواهید شبکه خود را گسترش دهید، باید صبور باشید و پیگیری کنید.",
    ])
    assert "#" in " ".join(sentences["lemmas"])  # the sentence table keeps hazm's stem pairs
    units = build_units(sentences, pd.DataFrame(columns=["article_id", "sentence_id", "cues"]), "fa", min_tokens=3,
                        reader_form=profile("fa").reader_form)
    terms = " ".join(units["terms"]).split()
    assert not any("#" in term for term in terms)
    assert "بودن" in terms and "خواستن" in terms


def test_english_names_are_capitalised_words_never_written_in_lower_case(tokenizers):
    sentences = tokenized(tokenizers["en"], "story", [
        "Kaikai met Feng at a networking event in Taipei.",
        "After the event, Kaikai sent Feng a short thank-you note.",
        "How to Build a Network That Lasts",  # a heading in title case
        "Trust grows when you follow up and build a network.",
        "Feng says trust matters.",  # first word of the sentence: no evidence either way
    ])
    names = CapitalisedNames()(sentences)
    assert names == {"kaikai", "feng", "taipei"}


def test_chinese_names_need_jiebas_name_tag_and_an_uncommon_word():
    sentences = pd.DataFrame({"lemmas": ["娄艺潇 和 王毅 一起 参加 了 活动 。", "谢谢 你 的 帮助 ， 这 一点 尤为重要 。",
                                         "斯蒂芬 说 ， 冷启动 很 难 。"]})
    names = JiebaNames(USER_DICTIONARY)(sentences)
    assert {"娄艺潇", "王毅", "斯蒂芬"} <= names
    # common words that jieba's dictionary tags as names
    assert not names & {"谢谢", "尤为重要", "冷启动"}


def test_chinese_text_loses_its_latin_script_names_too(tokenizers):
    sentences = tokenized(tokenizers["zh"], "zh-story", ["我在活动上认识了Julie和Zhuo。", "后来Julie给我介绍了LinkedIn上的朋友。"])
    finders = name_finders(profile("zh").name_rules, USER_DICTIONARY)
    names = person_names(sentences, known=set(), protected={"linkedin"}, finders=finders)
    assert set(names["term"]) == {"julie", "zhuo"} and set(names["rule"]) == {"capitalised"}


def test_names_table_counts_names_and_never_excludes_a_cue(tokenizers):
    sentences = tokenized(tokenizers["en"], "story", [
        "Kaikai met Feng on LinkedIn after the event.", "Then Kaikai asked Feng about LinkedIn.",
        "Ali wrote to Kaikai later.",  # first word: only the known names find Ali
    ])
    names = person_names(sentences, known={"ali"}, protected={"linkedin"}, finders=[CapitalisedNames()])
    assert names.to_dict("records") == [
        {"term": "kaikai", "rule": "capitalised", "count": 3, "articles": 1},
        {"term": "feng", "rule": "capitalised", "count": 2, "articles": 1},
        {"term": "ali", "rule": "known_name", "count": 1, "articles": 1},
    ]
    units = build_units(sentences, pd.DataFrame(columns=["article_id", "sentence_id", "cues"]), "en", min_tokens=3,
                        names=frozenset(names["term"]))
    terms = " ".join(units["terms"]).split()
    assert "linkedin" in terms and not {"kaikai", "feng", "ali"} & set(terms)


def test_cue_terms_are_the_one_term_cues_of_each_concept():
    cues = pd.DataFrame({"concept": ["follow_up", "follow_up", "ask_for_help", "networking"],
                         "kind": ["tactic", "tactic", "tactic", "frame"],
                         "lemmas": ["follow-up", "thank you note", "favor", "network"]})
    assert cue_terms(cues) == {"follow_up": ["follow-up"], "ask_for_help": ["favor"]}
    persian = pd.DataFrame({"concept": ["ask_for_help"], "kind": ["tactic"], "lemmas": ["خواست#خواه"]})
    assert cue_terms(persian, profile("fa").reader_form) == {"ask_for_help": ["خواستن"]}


def planted_units(n=120, seed=0):
    """Units of four planted themes a, b, c, d, from three articles; the codebook knows a and b."""
    return themed_units(n, seed, "abcd", 10, lambda i: f"x{i % 3}")


SEEDS = {"concept_a": ["a0", "a1"], "concept_b": ["b0", "b1", "unseen"], "concept_z": ["z9"]}


def test_seeded_model_gives_each_concept_its_topic_and_is_identical_run_after_run():
    units = planted_units()
    chosen = settings(ks=[2, 3], stability_seeds=1, gibbs_iterations=100)
    tables = fit_topics(units, "seeded", chosen, cue_terms=SEEDS)
    again = fit_topics(units, "seeded", chosen, cue_terms=SEEDS)
    for name in tables:
        assert tables[name].to_csv(sep="\t", index=False) == again[name].to_csv(sep="\t", index=False)
    labels = tables["labels"]
    # concept_z has no cue in the vocabulary: no topic; two free topics take up c and d
    assert labels["seeded_with"].tolist()[:2] == ["concept_a", "concept_b"]
    assert tables["selection"]["seeded"].unique().tolist() == [2]
    chosen_k = tables["selection"].loc[tables["selection"]["chosen"] == 1, "k"].item()
    assert len(labels) == 2 + chosen_k
    first_letters = labels["top_terms"].str.split().map(lambda terms: {t[0] for t in terms[:5]})
    assert first_letters.tolist()[:2] == [{"a"}, {"b"}]
    terms = tables["seeded_terms"]
    assert list(terms.columns) == ["concept", "rank", "term", "weight", "is_cue"]
    a_terms = terms[terms["concept"] == "concept_a"]
    assert set(a_terms.loc[a_terms["is_cue"] == 1, "term"]) == {"a0", "a1"}
    assert set(a_terms["term"].str[0]) == {"a"}  # the theme's other words: candidate cues
    assert labels["stability"].between(0, 1).all() and set(labels["stable"]) <= {0, 1}
    sums = tables["doc_topics"].groupby("unit_id")["weight"].sum()
    assert np.allclose(sums, 1.0, atol=1e-5)


def test_seeded_topics_agree_with_the_coding_of_their_concepts():
    units = planted_units()
    tables = fit_topics(units, "seeded", settings(ks=[2], stability_seeds=0, gibbs_iterations=100), cue_terms=SEEDS)
    # the coding marks a unit's sentence with concept_a where the unit is of theme a
    unit_ids = units["unit_id"].map(lambda u: u.split(":"))
    coded = pd.DataFrame({"article_id": [a for a, _ in unit_ids], "sentence_id": [s.split("-")[0] for _, s in unit_ids],
                          "concepts": ["concept_a" if i % 4 == 0 else "" for i in range(len(units))]})
    sheet = pd.DataFrame({"id": ["x0", "x1", "x2"], "frame": ["networking", "networking", "upward_socializing"]})
    agreement = seeded_agreement(tables["doc_topics"].astype(str), tables["labels"].astype(str), coded, sheet,
                                 ["concept_a", "concept_b", "concept_z"], ["frame"], BootstrapSettings(200, 2, 1))
    overall = agreement[agreement["grouping"] == "all"].set_index("concept")
    a = overall.loc["concept_a"]
    assert (a["topic"], a["units"], a["coded_units"], a["coded_sentences"]) == (1, 120, 30, 30)
    assert a["correlation"] > 0.9 and a["correlation_low"] <= a["correlation"] <= a["correlation_high"]
    assert a["prevalence"] == pytest.approx(0.25, abs=0.05) and a["coded_share"] == 0.25
    # concept_b has its topic but is never coded: no correlation to give
    assert overall.loc["concept_b", "coded_units"] == 0 and pd.isna(overall.loc["concept_b", "correlation"])
    assert pd.isna(overall.loc["concept_z", "correlation"]) and overall.loc["concept_z", "topic"] == ""
    by_frame = agreement[agreement["grouping"] == "frame"]
    assert set(by_frame["group"]) == {"networking", "upward_socializing"}
    assert set(by_frame["resampling"]) == {"articles", "sentences within articles (single article)"}


def test_term_ranks_do_not_depend_on_the_last_bits_of_a_weight():
    """Two terms of equal weight rank in vocabulary order, whichever carries a rounding error
    (as different BLAS threads give): the tables are the same on every machine."""
    vocabulary = np.array(["alpha", "beta", "gamma"])
    exact = np.array([[0.3, 0.3, 0.4], [0.5, 0.25, 0.25]])
    noisy = exact.copy()
    noisy[0, 1] += 1e-16
    noisy[1, 2] += 1e-16
    tables = [topic_terms(weights, vocabulary, 3) for weights in (exact, noisy)]
    assert tables[0][["topic", "rank", "term", "frex_rank"]].equals(tables[1][["topic", "rank", "term", "frex_rank"]])
    assert list(tables[1].loc[tables[1]["topic"] == 1, "term"]) == ["gamma", "alpha", "beta"]
