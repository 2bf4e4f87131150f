"""The report's findings: selected from the frame effects of a simulated corpus with known
contrasts (the tables `upsoc.compare.frames` writes), and every statement of the rendered
section traced back to a row of the tables."""

import re
from html import unescape

import numpy as np
import pandas as pd
import pytest

from upsoc import layout
from upsoc.compare.bootstrap import BootstrapSettings
from upsoc.compare.frames import CODED, PPI, STANDARDISED, FrameEffects
from upsoc.report import findings
from upsoc.report.overview import Links, findings_section
from upsoc.tables import parse_concepts
from upsoc.tsv import read_tsv, write_tsv

SETTINGS = BootstrapSettings(replicates=200, min_articles=3, random_state=5)
CONTRASTS = [("up", "net")]
# true shares per (frame, language): x differs between frames in en only, y is as common
# everywhere, z is too rare for the labelled sample to hold 5 positives; fa has `net` only
TRUTH = {("up", "en"): (0.45, 0.2, 0.004), ("net", "en"): (0.10, 0.2, 0.004), ("up", "zh"): (0.15, 0.2, 0.004),
         ("net", "zh"): (0.15, 0.2, 0.004), ("net", "fa"): (0.15, 0.2, 0.004)}
ARTICLES = {("up", "en"): 4, ("net", "en"): 6, ("up", "zh"): 8, ("net", "zh"): 4, ("net", "fa"): 3}
CONCEPTS = ["x", "y", "z"]
LINKS = Links(concept=lambda c: f"concepts/{c}.html", sentence=lambda a, s: f"articles/{a}.html#s{s}",
              topic=lambda scope, t: f"topics/{scope}-{t}.html")


def simulated(seed=3):
    """Coded sentences (the coding finds about half of what the coders find, as the real one
    does), the coders' codes of each and the sheet."""
    rng = np.random.default_rng(seed)
    rows, sheet = [], []
    for (frame, language), articles in ARTICLES.items():
        for a in range(articles):
            article = f"{language}-{frame}-{a}"
            sheet.append({"id": article, "frame": frame, "origin": "", "language": language})
            for s in range(1, 81):
                true = [c for c, share in zip(CONCEPTS, TRUTH[(frame, language)]) if rng.random() < share]
                found = [c for c in true if rng.random() < 0.6]
                rows.append({"article_id": article, "sentence_id": str(s), "language": language, "frame": frame,
                             "origin": "", "text": f"Sentence {s} of {article} <b>{' '.join(found)}</b>", "is_advice": "0",
                             "concepts": ";".join(found), "cues": "; ".join(f"{c}=cue{c}" for c in found),
                             "advice_cues": "", "frame_terms": "", "frame_only": "", "reference_concepts": ";".join(true)})
    return pd.DataFrame(rows), pd.DataFrame(sheet)


def tables(folder, labelled: bool):
    """frame_effects.tsv and frame_prevalence.tsv as the pipeline writes them, with the
    inference study's codes of 150 sentences per cell or, before it is adjudicated, without."""
    coded, _ = simulated()
    population = coded.drop(columns="reference_concepts").assign(sentence_id=lambda t: t["sentence_id"].astype(int))
    sample = None
    if labelled:
        rng = np.random.default_rng(9)
        sample = pd.concat([g.iloc[rng.choice(len(g), 150, replace=False)]
                            for _, g in coded.groupby(["frame", "language"])])
    effects = FrameEffects(population, CONCEPTS, SETTINGS, CONTRASTS, sample)
    write_tsv(effects.effects(), folder / "effects.tsv")
    write_tsv(effects.prevalence(), folder / "prevalence.tsv")
    return read_tsv(folder / "effects.tsv"), read_tsv(folder / "prevalence.tsv")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    coded, sheet = simulated()
    effects, prevalence = tables(tmp_path_factory.mktemp("ppi"), labelled=True)
    return coded.drop(columns="reference_concepts"), sheet, effects, prevalence


def found(corpus):
    coded, sheet, effects, prevalence = corpus
    return findings.contrast_findings(effects, prevalence, findings.Quotes(coded, sheet, CONCEPTS), CONTRASTS)


def beyond(low, high):
    return (pd.to_numeric(low, errors="coerce") > 0) | (pd.to_numeric(high, errors="coerce") < 0)


def test_findings_are_the_ppi_rows_whose_interval_excludes_zero_by_stratum_largest_first(corpus):
    effects = corpus[2]
    contrasts = found(corpus)
    # the frame contrast first, then the language contrasts of the table
    assert [(f.across, f.a, f.b) for f in contrasts] == [("frame", "up", "net"), ("language", "en", "fa"),
                                                        ("language", "en", "zh"), ("language", "fa", "zh")]
    for f in contrasts:
        rows = effects[effects["contrast"] == f"{f.a}-{f.b}"]
        ppi = rows[rows["method"] == PPI]
        # a standardised row over one stratum (en-fa: networking only) repeats that stratum's row
        ppi = ppi[(ppi["stratum"] != STANDARDISED) | ppi["weights"].str.contains("|", regex=False)]
        expected = ppi[beyond(ppi["low"], ppi["high"])]
        assert f.estimated == len(ppi)
        assert {(c.stratum, c.concept) for c in f.found} == set(zip(expected["stratum"], expected["concept"]))
        for c in f.found:  # the figures are the ppi row's; the coded row's only beside them
            row = ppi[(ppi["stratum"] == c.stratum) & (ppi["concept"] == c.concept)].iloc[0]
            assert (c.ppi.value, c.ppi.low, c.ppi.high, c.labelled) == (
                float(row["estimate"]), float(row["low"]), float(row["high"]), int(row["labelled"]))
            coded = rows[(rows["method"] == CODED) & (rows["stratum"] == c.stratum) & (rows["concept"] == c.concept)].iloc[0]
            assert c.coded.value == float(coded["estimate"])
        positions = [(f.strata.index(c.stratum), -abs(c.ppi.value)) for c in f.found]
        assert positions == sorted(positions)
    frame = contrasts[0]
    # the true contrast in x within English is found, and the coded share halves it
    x_en = next(c for c in frame.found if (c.stratum, c.concept) == ("en", "x"))
    assert x_en.ppi.value > 0.2 and abs(x_en.coded.value) < x_en.ppi.value
    assert x_en.labelled == 300 and (x_en.articles_a, x_en.articles_b) == (4, 6)


def test_no_finding_pools_languages_and_each_names_the_strata_it_rests_on(corpus):
    coded, sheet, effects, _ = corpus
    frame = found(corpus)[0]
    assert frame.strata == ("en", "zh", STANDARDISED)  # fa has `net` only: no frame contrast within it
    standardised = effects[(effects["contrast"] == "up-net") & (effects["stratum"] == STANDARDISED)]["weights"].iloc[0]
    # Mantel–Haenszel weights on articles: en 4·6/10 = 2.4, zh 8·4/12 = 2.67
    assert standardised == "en=0.474|zh=0.526"
    assert frame.weights == (("en", 0.474), ("zh", 0.526))
    for c in frame.found + frame.undetermined:
        assert c.stratum in {"en", "zh", STANDARDISED}
        assert [s for s, _ in c.strata] == (["en", "zh"] if c.stratum == STANDARDISED else [c.stratum])
    contrasts = pd.DataFrame({"contrast": ["up-net", "up-net"], "across": ["frame", "frame"], "stratum": ["en", "zh"]})
    summary = sheet.rename(columns={"id": "article_id"})
    assert findings.single_frame_languages(contrasts, summary) == {"fa": ["net"]}


def test_a_missing_ppi_interval_is_said_not_replaced_by_the_coded_one(corpus):
    frame = found(corpus)[0]
    missing = {(c.stratum, c.concept) for c in frame.undetermined}
    # z: under 5 labelled positives in a cell, in every stratum
    assert {("en", "z"), ("zh", "z"), (STANDARDISED, "z")} <= missing
    assert all(c.ppi.low != c.ppi.low for c in frame.undetermined)
    assert "z" not in {c.concept for c in frame.found}
    html = unescape(findings_section([frame], {}, "", [], [], findings.Limits([], [], [], []), LINKS))
    assert "have no ppi interval" in html and "z (en)" in html and "z (zh)" in html


def test_quotes_come_from_the_side_and_the_language_of_the_stratum(corpus):
    coded = corpus[0].set_index(["article_id", "sentence_id"])
    frame = found(corpus)[0]
    assert frame.found
    for c in frame.found:
        languages = {s for s, _ in c.strata}
        for side, quotes in ((c.a, c.quotes_a), (c.b, c.quotes_b)):
            assert len(quotes) == findings.QUOTES_PER_SIDE and len({q.article_id for q in quotes}) == len(quotes)
            for quote in quotes:
                row = coded.loc[(quote.article_id, quote.sentence_id)]
                assert row["frame"] == side and row["language"] in languages and quote.text == row["text"]
                assert c.concept in parse_concepts(row["concepts"])


def cards(html: str) -> list[str]:
    """The text of each finding, its heading and paragraphs separated by a space."""
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", card)).split())
            for card in re.findall(r'<article class="finding">(.*?)</article>', html)]


def test_each_rendered_statement_is_a_row_of_the_table(corpus):
    """Reads the findings back from the HTML and recomputes each from frame_effects.tsv
    (points, one decimal)."""
    effects = corpus[2]
    contrasts = found(corpus)
    html = findings_section(contrasts, {"fa": ["net"]}, "", [], [], findings.Limits([], [], [], []), LINKS)
    statement = re.compile(
        r"^(\S+) : (\S+) (?:more|less) than (\S+), (?:within (\S+)|standardised over .*?) Prediction-powered: "
        r"([+−][\d.]+) points \(95% interval ([+−][\d.]+) to ([+−][\d.]+)\), from (\d+) labelled sentences; "
        r"(\d+) vs (\d+) articles; rests on (.+?)\. Coded share, ignores coding errors: ([+−][\d.]+) points.*?"
        r"What the coding's accuracy costs: the ppi interval is ([\d.]+) points wide, where the coded interval claims "
        r"([\d.]+) points\.")
    rendered = cards(html)
    shown = [c for f in contrasts for c in f.found[:6]]
    assert len(rendered) == len(shown) > 0
    number = lambda text: float(text.replace("−", "-"))
    for card, c in zip(rendered, shown):
        (concept, a, b, within, value, low, high, labelled, articles_a, articles_b, rests_on, coded, ppi_width,
         coded_width) = statement.match(card).groups()
        stratum = within or STANDARDISED
        rows = effects[(effects["contrast"] == f"{a}-{b}") & (effects["stratum"] == stratum) & (effects["concept"] == concept)]
        ppi, coded_row = (rows[rows["method"] == m].iloc[0] for m in (PPI, CODED))
        assert (number(value), number(low), number(high)) == tuple(round(float(ppi[k]) * 100, 1) for k in ("estimate", "low", "high"))
        assert number(low) > 0 or number(high) < 0
        assert (int(labelled), int(articles_a), int(articles_b)) == (int(ppi["labelled"]), int(ppi["articles_a"]), int(ppi["articles_b"]))
        assert rests_on.split(" and ") == [part.split("=")[0] for part in ppi["weights"].split("|")]
        assert number(coded) == round(float(coded_row["estimate"]) * 100, 1)
        assert float(ppi_width) == round((float(ppi["high"]) - float(ppi["low"])) * 100, 1)
        assert float(coded_width) == round((float(coded_row["high"]) - float(coded_row["low"])) * 100, 1)
    # the counts in each contrast's summary; Persian's single frame is said
    for f in contrasts:
        assert f"{len(f.found)} of {f.estimated} prediction-powered contrasts" in html
    assert "fa has net articles only, so it enters no frame contrast" in unescape(html)
    assert "&lt;b&gt;" in html and "<b>x" not in html  # quotes are escaped corpus text


def test_before_the_study_is_adjudicated_no_finding_is_stated(tmp_path):
    coded, sheet = simulated()
    effects, prevalence = tables(tmp_path, labelled=False)
    assert set(effects["method"]) == {CODED} and beyond(effects["low"], effects["high"]).any()
    contrasts = findings.contrast_findings(effects, prevalence, findings.Quotes(coded, sheet, CONCEPTS), CONTRASTS)
    assert all(f.estimated == 0 and not f.found and not f.undetermined and f.widths is None for f in contrasts)
    html = findings_section(contrasts, {}, "", [], [], findings.Limits([], [], [], []), LINKS)
    assert "No prediction-powered estimates yet" in html and not cards(html)


def test_limits_list_every_cell_with_its_labelled_sentences_and_the_test_split_first(corpus):
    prevalence = corpus[3]
    scores = pd.DataFrame({"study": ["gold"] * 3, "split": ["dev", "test", "test"], "coding": ["instrument", "instrument", "coder_a"],
                           "measure": ["micro"] * 3, "language": ["all"] * 3, "f1": ["0.7", "0.45", "0.95"],
                           "f1_low": ["0.6", "0.38", "0.9"], "f1_high": ["0.8", "0.51", "0.97"]})
    agreement = pd.DataFrame({"study": ["gold"], "split": ["test"], "coding_a": ["coder_a"], "coding_b": ["coder_b"],
                              "language": ["all"], "concept": ["pooled"], "alpha": ["0.9"]})
    limits = findings.limits(prevalence, scores, agreement)
    assert {(c.frame, c.language): (c.articles, c.sentences, c.labelled) for c in limits.cells} == {
        cell: (articles, articles * 80, 150) for cell, articles in ARTICLES.items()}
    assert {c.resampling for c in limits.cells} == {"articles"}
    assert [(s.split, s.value) for s in limits.instrument] == [("test", 0.45), ("dev", 0.7)]
    assert [s.coding for s in limits.coders] == ["coder_a"] and limits.coder_alpha[0].value == 0.9


def test_topics_the_codebook_does_not_name():
    labels = pd.DataFrame({"topic": ["1", "2"], "top_terms": ["a b c d e f", "g h i"], "frex_terms": ["", ""]})
    concepts = pd.DataFrame({"topic": ["1", "1", "2"], "concept": ["x", "y", "y"], "lift": ["1.2", "3.5", "1.4"]})
    cross = pd.DataFrame({"topic": ["1"], "top_terms": ["x y"], "frex_terms": [""]})
    models = {layout.TopicScope("zh", "lda"): findings.TopicTables(labels, concepts),
              layout.CROSSLINGUAL: findings.TopicTables(cross, pd.DataFrame({"topic": ["1"], "concept": ["x"], "lift": ["4"]}))}
    themes = findings.topic_findings(models)
    assert [(t.scope, t.topic, t.concept, t.named) for t in themes] == [
        ("zh-lda", "1", "y", True), ("zh-lda", "2", "y", False), ("crosslingual", "1", "x", True)]
    assert themes[0].terms == ("a", "b", "c", "d", "e")


def test_seeded_findings_keep_concepts_coded_often_enough_and_words_beside_their_cues():
    columns = ["concept", "topic", "grouping", "group", "coded_sentences", "correlation", "correlation_low", "correlation_high"]
    agreement = pd.DataFrame([
        ["trust_familiarity", "1", "all", "all", "25", "0.41", "0.2", "0.55"],
        ["trust_familiarity", "1", "frame", "networking", "22", "0.9", "0.8", "0.95"],  # a group's row: not the corpus
        ["follow_up", "2", "all", "all", str(findings.SEEDED_MIN_SENTENCES - 1), "0.7", "0.5", "0.8"],  # coded too rarely
        ["offer_value", "", "all", "all", "40", "", "", ""],  # none of its cues in the vocabulary: no topic
    ], columns=columns)
    terms = pd.DataFrame([
        ["trust_familiarity", "3", "rapport", "0.1", "0"], ["trust_familiarity", "1", "trust", "0.4", "1"],
        ["trust_familiarity", "2", "familiar", "0.2", "0"], ["follow_up", "1", "later", "0.3", "0"],
    ], columns=["concept", "rank", "term", "weight", "is_cue"])

    found = findings.seeded_findings({"en": agreement}, {"en": terms})

    assert found == [findings.SeededConcept("en", "trust_familiarity", 25, findings.Interval(0.41, 0.2, 0.55),
                                            ("familiar", "rapport"))]
    html = findings_section([], {}, "", [], found, findings.Limits([], [], [], []), LINKS)
    assert "en: 1 of 1" in unescape(html) and "familiar rapport" in html
