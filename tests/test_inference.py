"""Prediction-powered estimates (PPI++) and the within-language frame contrasts."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from upsoc.compare.bootstrap import ARTICLES, SENTENCES, BootstrapSettings
from upsoc.compare.frames import CODED, PPI, STANDARDISED, FrameEffects, InferenceError, labelled_pairs
from upsoc.compare.ppi import combine, interval, ppi_share

# A labelled sample and separate unlabelled predictions, with ppi_py 0.2.3's answers on them
# (ppi_mean_pointestimate and ppi_mean_ci, alpha 0.05), computed with the package itself.
Y = np.array([int(c) for c in "0001001000011000000011011000000111010101"])
YHAT = np.array([int(c) for c in "0100001001011000101011011000100101001001"])
YHAT_UNLABELLED = np.array([int(c) for c in (
    "1001000001100000101100000000000010100100100001101000010000000000001000100000001110010000100001100001"
    "0000011111101010110000010100010110010010010001000000001101000100101000001100100110111101100100001000"
    "0010011000110000000001000000100000000010010001101100010101011100100010111011001010100000011100101000"
    "1101100000000011010000101000100000000001001010000001000100010110100000000000000000000000001000000001")])
PPI_PY = {  # lam: (point estimate, low, high)
    1.0: (0.245, 0.08448101374407588, 0.4055189862559241),
    0.5: (0.2975, 0.16503942797675097, 0.429960572023249),
    None: (0.30053702, 0.16842558678262445, 0.4326484547742968),
}


def iid(lam):
    """Every sentence its own article; labelled sentences apart from the unlabelled: ppi_py's setting."""
    n, big_n = len(Y), len(YHAT_UNLABELLED)
    return ppi_share(YHAT_UNLABELLED[:, None], np.arange(n, n + big_n), Y[:, None], YHAT[:, None], np.arange(n), ARTICLES, lam)


def without_cluster_factor(variance):
    """Our variance as ppi_py's: ours adds the cluster-robust factor A / (A - 1)."""
    articles = len(Y) + len(YHAT_UNLABELLED)
    return variance * (articles - 1) / articles


def ppi_py_variance(lam):
    """The variance behind ppi_py's z interval."""
    _, low, high = PPI_PY[lam]
    return ((high - low) / 2 / stats.norm.ppf(0.975)) ** 2


@pytest.mark.parametrize("lam", [1.0, 0.5])
def test_a_fixed_lambda_gives_ppi_py_s_estimate_and_variance(lam):
    result = iid(lam)
    assert result.estimate[0] == pytest.approx(PPI_PY[lam][0], abs=1e-12)
    assert without_cluster_factor(result.variance[0]) == pytest.approx(ppi_py_variance(lam), rel=1e-10)


def test_power_tuning_gives_ppi_py_s_lambda_and_interval():
    tuned = iid(None)
    assert tuned.estimate[0] == pytest.approx(PPI_PY[None][0], abs=1e-8)
    assert without_cluster_factor(tuned.variance[0]) == pytest.approx(ppi_py_variance(None), rel=1e-6)
    assert 0 < tuned.lam[0] < 1


def test_ppi_py_worked_example_a_shifted_prediction_is_corrected_exactly():
    # ppi_py's test_ppi_mean_pointestimate: predictions off by +2, unlabelled predictions all 2
    y = np.random.default_rng(0).normal(0, 1, 100)
    result = ppi_share(np.full((10000, 1), 2.0), np.arange(100, 10100), y[:, None], (y + 2)[:, None], np.arange(100))
    assert result.lam[0] == 1.0
    assert result.estimate[0] == pytest.approx(0.0, abs=1e-12)


def test_a_useless_coding_gets_lambda_zero_and_the_labelled_share():
    rng = np.random.default_rng(1)
    y = (rng.random((200, 1)) < 0.3).astype(float)
    noise = (rng.random((2000, 1)) < 0.5).astype(float)
    result = ppi_share(noise, np.arange(2000) // 10, y, noise[:200], np.arange(200) // 10, ARTICLES)
    assert result.lam[0] < 0.2
    assert abs(result.estimate[0] - y.mean()) < 0.03


def test_clustered_variance_is_larger_when_articles_differ():
    """Sentences of an article share its prevalence: the cluster-robust variance sees it, a
    sentence-level one does not."""
    rng = np.random.default_rng(2)
    article_share = rng.uniform(0, 0.6, 40)
    article = np.repeat(np.arange(40), 50)
    y = (rng.random(2000) < article_share[article]).astype(float)[:, None]
    f = np.where(rng.random((2000, 1)) < 0.85, y, 1 - y)
    labelled = np.sort(rng.choice(2000, 300, replace=False))
    clustered = ppi_share(f, article, y[labelled], f[labelled], article[labelled], ARTICLES)
    by_sentence = ppi_share(f, np.arange(2000), y[labelled], f[labelled], labelled, ARTICLES)
    assert clustered.variance[0] > 1.5 * by_sentence.variance[0]


def test_a_census_of_the_cell_has_no_sentence_sampling_variance():
    rng = np.random.default_rng(3)
    y = (rng.random((100, 1)) < 0.3).astype(float)
    f = np.where(rng.random((100, 1)) < 0.8, y, 1 - y)
    census = ppi_share(f, np.zeros(100), y, f, np.zeros(100), SENTENCES)
    assert census.estimate[0] == pytest.approx(y.mean())
    assert census.variance[0] == pytest.approx(0.0, abs=1e-15)


def test_combine_adds_variances_with_squared_weights_and_welch_degrees_of_freedom():
    a, b = iid(1.0), iid(0.5)
    difference = combine([a, b], [1.0, -1.0])
    assert difference.estimate[0] == pytest.approx(a.estimate[0] - b.estimate[0])
    assert difference.variance[0] == pytest.approx(a.variance[0] + b.variance[0])
    assert difference.df[0] == pytest.approx((a.variance[0] + b.variance[0]) ** 2 /
                                             (a.variance[0] ** 2 / a.df[0] + b.variance[0] ** 2 / b.df[0]))
    low, high = interval(difference)
    assert low[0] < difference.estimate[0] < high[0]


# --- frame contrasts within language -------------------------------------------------------

SETTINGS = BootstrapSettings(replicates=200, min_articles=3, random_state=5)
CONTRASTS = [("up", "net")]


def population(seed=4):
    """Two frames in two languages: in en, `x` is more common in `up` (0.5 vs 0.2); in zh less
    (0.1 vs 0.3); zh has many more `up` sentences, so a pool of languages reverses the en contrast."""
    rng = np.random.default_rng(seed)
    truth = {("up", "en"): 0.5, ("net", "en"): 0.2, ("up", "zh"): 0.1, ("net", "zh"): 0.3}
    sizes = {("up", "en"): 4, ("net", "en"): 6, ("up", "zh"): 12, ("net", "zh"): 4}
    rows = []
    for (frame, language), articles in sizes.items():
        for a in range(articles):
            for s in range(1, 61):
                true = rng.random() < truth[(frame, language)]
                coded = true and rng.random() < 0.5  # the coding finds half
                rows.append({"article_id": f"{language}-{frame}-{a}", "sentence_id": s, "language": language,
                             "frame": frame, "text": f"{language} {frame} {a} {s}", "concepts": "x" if coded else "",
                             "reference_concepts": "x" if true else ""})
    return pd.DataFrame(rows), truth


def test_contrasts_are_within_language_and_standardised_with_stated_weights():
    table, truth = population()
    rng = np.random.default_rng(9)
    labelled = pd.concat([g.iloc[rng.choice(len(g), 120, replace=False)] for _, g in table.groupby(["frame", "language"])])
    effects = FrameEffects(table.drop(columns="reference_concepts"), ["x"], SETTINGS, CONTRASTS, labelled).effects()
    frame_rows = effects[effects["contrast"] == "up-net"].set_index(["stratum", "method"])
    assert set(frame_rows.index.get_level_values(0)) == {"en", "zh", STANDARDISED}
    # the coded shares halve the true contrasts; PPI's have their signs, opposite in the two
    # languages, which a pool would hide (how often its intervals cover them: the coverage test)
    for language in ("en", "zh"):
        true = truth[("up", language)] - truth[("net", language)]
        row = frame_rows.loc[(language, PPI)]
        assert np.sign(row["estimate"]) == np.sign(true) and row["low"] < row["estimate"] < row["high"]
        assert row["labelled"] == 240
        assert abs(frame_rows.loc[(language, CODED), "estimate"]) < abs(true) - 0.05
    # Mantel–Haenszel weights on articles: en 4·6/10 = 2.4, zh 12·4/16 = 3
    assert frame_rows.loc[(STANDARDISED, PPI), "weights"] == "en=0.444|zh=0.556"
    en, zh = frame_rows.loc[("en", PPI), "estimate"], frame_rows.loc[("zh", PPI), "estimate"]
    assert frame_rows.loc[(STANDARDISED, PPI), "estimate"] == pytest.approx(2.4 / 5.4 * en + 3 / 5.4 * zh, abs=1e-6)
    # language contrasts within each frame
    assert set(effects.loc[effects["contrast"] == "en-zh", "stratum"]) == {"up", "net", STANDARDISED}


def test_without_labelled_sentences_there_are_only_coded_rows():
    table, _ = population()
    comparison = FrameEffects(table.drop(columns="reference_concepts"), ["x"], SETTINGS, CONTRASTS)
    assert set(comparison.effects()["method"]) == {CODED}
    prevalence = comparison.prevalence()
    assert set(prevalence["method"]) == {CODED} and len(prevalence) == 4


def test_a_labelled_sentence_whose_text_changed_is_refused():
    table, _ = population()
    sample = table.iloc[[0, 50]].assign(item=["s0001", "s0002"]).set_index("item")
    sample.loc["s0002", "text"] = "another boundary"
    reference = pd.DataFrame({"concepts": ["", "x"]}, index=["s0001", "s0002"])
    with pytest.raises(InferenceError, match="s0002"):
        labelled_pairs(table.drop(columns="reference_concepts"), sample, reference, "inference")


# --- the inference study's sample and the coverage study -----------------------------------

def test_the_design_samples_split_keeps_articles_the_cues_were_tuned_on_apart():
    from upsoc.annotation.inference import split_by_tuning, tuned_articles

    gold = pd.DataFrame({"article_id": ["a", "b", "c"], "split": ["dev", "test", "test"]})
    development = pd.DataFrame({"article_id": ["d"], "split": ["dev"]})
    sample = pd.DataFrame({"article_id": ["a", "b", "d", "e"]})
    assert split_by_tuning(sample, tuned_articles([gold, development])) == {"a": "tuned", "b": "test", "d": "tuned", "e": "test"}


def test_coverage_of_ppi_is_near_nominal_and_of_coded_shares_far_below():
    from upsoc.compare.bootstrap import BootstrapSettings
    from upsoc.compare.coverage import CellMaterial, coverage_study

    rng = np.random.default_rng(11)

    def articles(share):  # a coding that finds half of what the coders find
        out = []
        for p in rng.uniform(share / 2, share * 1.5, 12):
            y = (rng.random((20, 2)) < [p, p / 2]).astype(float)
            out.append((y, y * (rng.random((20, 2)) < 0.5)))
        return out

    cells = {("up", "en"): CellMaterial(articles(0.3), np.full(10, 40), "articles"),
             ("net", "en"): CellMaterial(articles(0.15), np.full(12, 40), "articles")}
    table = coverage_study(cells, [("up", "net")], 150, 150, BootstrapSettings(100, 5, 2)).set_index(["quantity", "method"])
    for quantity in ("prevalence", "contrast"):
        assert 0.9 <= table.loc[(quantity, "ppi"), "coverage"] <= 0.99
        assert table.loc[(quantity, "coded"), "coverage"] < 0.5
