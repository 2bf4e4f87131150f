"""The report's findings: selected from the comparison tables of a simulated corpus with known
differences, and every statement of the rendered section traced back to a row of the tables."""

import re
from html import unescape

import numpy as np
import pandas as pd
import pytest

from upsoc import layout
from upsoc.compare.bootstrap import BootstrapSettings
from upsoc.compare.prevalence import ConceptComparison
from upsoc.report import findings
from upsoc.report.overview import Links, findings_section
from upsoc.tables import parse_concepts
from upsoc.tsv import read_tsv, write_tsv

SETTINGS = BootstrapSettings(replicates=200, min_articles=3, random_state=5)
# true share of concept x per frame; y is as common everywhere
SHARE_X = {"networking": 0.10, "upward_socializing": 0.45, "managing_up": 0.12}
LANGUAGE = {"networking": "en", "upward_socializing": "zh", "managing_up": "en"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Coded sentences, the sheet and the comparison tables as the pipeline writes them."""
    rng = np.random.default_rng(3)
    rows, sheet = [], []
    for frame, share in SHARE_X.items():
        for a in range(5):
            article = f"{frame[:3]}-{a}"
            sheet.append({"id": article, "frame": frame, "origin": "CN" if a % 2 else "US", "language": LANGUAGE[frame]})
            for s in range(1, 41):
                has_x, has_y = rng.random() < share, rng.random() < 0.2
                # in upward_socializing a third of x comes from the frame term alone
                frame_only = "x" if has_x and frame == "upward_socializing" and s % 3 == 0 else ""
                concepts = ";".join(c for c, has in (("x", has_x), ("y", has_y)) if has)
                cues = "; ".join(f"{c}=cue{c}" for c in parse_concepts(concepts))
                rows.append({"article_id": article, "sentence_id": str(s), "language": LANGUAGE[frame], "frame": frame,
                             "origin": sheet[-1]["origin"], "text": f"Sentence {s} of {article} <b>{concepts}</b>",
                             "is_advice": str(s % 2), "concepts": concepts, "cues": cues, "advice_cues": "",
                             "frame_terms": "", "frame_only": frame_only})
    coded, sheet = pd.DataFrame(rows), pd.DataFrame(sheet)
    comparison = ConceptComparison(coded, sheet, ["x", "y"], {"x": "theme", "y": "tactic"}, ["frame", "language"], SETTINGS)
    folder = tmp_path_factory.mktemp("tables")
    for name, table in (("prevalence", comparison.prevalence()), ("differences", comparison.differences())):
        write_tsv(table, folder / f"{name}.tsv")
    return coded, sheet, read_tsv(folder / "prevalence.tsv"), read_tsv(folder / "differences.tsv")


def found(corpus, differences=None):
    coded, sheet, prevalence, table = corpus
    quotes = findings.Quotes(coded, sheet, ["x", "y"])
    return findings.concept_findings(table if differences is None else differences, prevalence, quotes, ["language", "frame"])


def beyond(low, high):
    return (pd.to_numeric(low) > 0) | (pd.to_numeric(high) < 0)


def test_frame_first_and_every_difference_beyond_its_interval_largest_first(corpus):
    table = corpus[3]
    by_grouping = found(corpus)
    assert [g.grouping for g in by_grouping] == ["frame", "language"]
    for grouping in by_grouping:
        rows = table[(table["grouping"] == grouping.grouping) & (table["comparison"] == "pairwise")]
        expected = rows[beyond(rows["low"], rows["high"])]
        assert grouping.compared == len(rows)
        assert {(d.group_a, d.group_b, d.concept) for d in grouping.differences} == set(
            zip(expected["group_a"], expected["group_b"], expected["concept"]))
        sizes = [abs(d.difference.value) for d in grouping.differences]
        assert sizes == sorted(sizes, reverse=True)
    frame = by_grouping[0]
    # the true difference in x between upward_socializing and the other frames is found
    assert {(d.group_a, d.group_b, d.concept) for d in frame.differences} >= {
        ("networking", "upward_socializing", "x"), ("managing_up", "upward_socializing", "x")}
    for d in frame.differences:
        assert d.figure == findings.RAW
        inclusive = table[(table["grouping"] == "frame_inclusive") & (table["group_a"] == d.group_a)
                          & (table["group_b"] == d.group_b) & (table["concept"] == d.concept)
                          & (table["comparison"] == "pairwise")].iloc[0]
        assert d.inclusive == findings.Interval(float(inclusive["difference"]), float(inclusive["low"]), float(inclusive["high"]))
    # without the frame term's evidence the frame difference in x is smaller
    up = next(d for d in frame.differences if (d.group_a, d.group_b, d.concept) == ("networking", "upward_socializing", "x"))
    assert abs(up.difference.value) < abs(up.inclusive.value)


def test_quotes_come_from_the_group_carry_the_concept_beyond_the_frame_terms_and_differ_in_article(corpus):
    coded = corpus[0].set_index(["article_id", "sentence_id"])
    for d in found(corpus)[0].differences:
        for group, quotes in ((d.group_a, d.quotes_a), (d.group_b, d.quotes_b)):
            assert len(quotes) == findings.QUOTES_PER_SIDE
            assert len({q.article_id for q in quotes}) == len(quotes)
            for quote in quotes:
                row = coded.loc[(quote.article_id, quote.sentence_id)]
                assert row["frame"] == group and quote.text == row["text"]
                assert d.concept in parse_concepts(row["concepts"]) and d.concept not in parse_concepts(row["frame_only"])


def test_each_groups_quotes_are_its_most_representative_sentences_from_different_articles(corpus):
    """One cue each here, so the most representative are the shortest (then by article and
    sentence): the first quote is the group's shortest carrier, the second the shortest of
    another article, whichever other groups the same concept's quotes were chosen for first."""
    coded, sheet = corpus[0], corpus[1]
    frame_of = coded["article_id"].map(sheet.set_index("id")["frame"])
    for d in found(corpus)[0].differences:
        carries = coded["concepts"].map(lambda cell: d.concept in parse_concepts(cell)) & ~coded["frame_only"].map(
            lambda cell: d.concept in parse_concepts(cell))
        for group, quotes in ((d.group_a, d.quotes_a), (d.group_b, d.quotes_b)):
            carriers = coded[carries & (frame_of == group)]
            order = carriers.assign(length=carriers["text"].str.len(), sentence=carriers["sentence_id"].astype(int))
            order = order.sort_values(["length", "article_id", "sentence"])
            first = order.iloc[0]
            second = order[order["article_id"] != first["article_id"]].iloc[0]
            assert [(q.article_id, q.sentence_id) for q in quotes] == [
                (first["article_id"], first["sentence_id"]), (second["article_id"], second["sentence_id"])]


def test_the_corrected_figure_is_judged_where_there_is_one(corpus):
    coded, sheet, prevalence, table = corpus
    table = table.copy()
    pairwise = (table["grouping"] == "frame") & (table["comparison"] == "pairwise")
    up_x = pairwise & (table["group_a"] == "networking") & (table["group_b"] == "upward_socializing") & (table["concept"] == "x")
    # a raw difference whose corrected interval includes zero disappears ...
    table.loc[up_x, ["difference_corrected", "corrected_low", "corrected_high"]] = ["-0.2", "-0.5", "0.1"]
    # ... and one that only the corrected figure puts beyond its interval appears
    y = pairwise & (table["group_a"] == "managing_up") & (table["group_b"] == "networking") & (table["concept"] == "y")
    assert not beyond(table.loc[y, "low"], table.loc[y, "high"]).any()
    table.loc[y, ["difference_corrected", "corrected_low", "corrected_high"]] = ["0.3", "0.1", "0.5"]
    prevalence = prevalence.copy()
    prevalence.loc[(prevalence["grouping"] == "frame") & (prevalence["concept"] == "y"), "share_corrected"] = "0.4"
    frame = findings.concept_findings(table, prevalence, findings.Quotes(coded, sheet, ["x", "y"]), ["frame"])[0]
    assert frame.disappearing == [("networking", "upward_socializing", "x")]
    assert ("networking", "upward_socializing", "x") not in {(d.group_a, d.group_b, d.concept) for d in frame.differences}
    corrected = next(d for d in frame.differences if d.concept == "y")
    assert corrected.figure == findings.CORRECTED and corrected.difference == findings.Interval(0.3, 0.1, 0.5)
    assert corrected.share_a == corrected.share_b == 0.4
    assert frame.corrected == 2


def cards(html: str) -> list[str]:
    """The text of each finding, its heading and paragraphs separated by a space."""
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", card)).split())
            for card in re.findall(r'<article class="finding">(.*?)</article>', html)]


def test_each_rendered_statement_is_a_row_of_the_tables(corpus):
    """Reads the findings back from the HTML and recomputes each from the differences and
    prevalence tables (shares in %, differences in points, one decimal)."""
    coded, sheet, prevalence, table = corpus
    by_grouping = found(corpus)
    scores = pd.DataFrame(columns=["study", "split", "coding", "measure", "language", "f1", "f1_low", "f1_high"])
    agreement = pd.DataFrame(columns=["study", "split", "coding_a", "coding_b", "language", "concept", "alpha"])
    limits = findings.limits(prevalence, scores, agreement, ["frame", "language"])
    links = Links(concept=lambda c: f"concepts/{c}.html", sentence=lambda a, s: f"articles/{a}.html#s{s}",
                  topic=lambda scope, t: f"topics/{scope}-{t}.html")
    html = findings_section(by_grouping, [], [], [], limits, links)
    statement = re.compile(r"^(\S+) : (\S+) (?:more|less) than (\S+) (\S+) ([\d.]+)% of sentences, (\S+) ([\d.]+)%: "
                           r"([+−][\d.]+) points \(95% interval ([+−][\d.]+) to ([+−][\d.]+)\)")
    rendered = cards(html)
    assert len(rendered) == sum(len(g.differences) for g in by_grouping) > 0
    grouping_of = [g.grouping for g in by_grouping for _ in g.differences]
    number = lambda text: float(text.replace("−", "-"))
    for grouping, card in zip(grouping_of, rendered):
        concept, a, b, a_again, share_a, b_again, share_b, diff, low, high = statement.match(card).groups()
        assert (a_again, b_again) == (a, b)
        row = table[(table["grouping"] == grouping) & (table["comparison"] == "pairwise") & (table["group_a"] == a)
                    & (table["group_b"] == b) & (table["concept"] == concept)].iloc[0]
        assert number(share_a) == round(float(row["share_a"]) * 100, 1)
        assert number(share_b) == round(float(row["share_b"]) * 100, 1)
        assert (number(diff), number(low), number(high)) == tuple(round(float(row[c]) * 100, 1) for c in ("difference", "low", "high"))
        assert number(low) > 0 or number(high) < 0
    # the counts in each grouping's summary
    for grouping in by_grouping:
        rows = table[(table["grouping"] == grouping.grouping) & (table["comparison"] == "pairwise")]
        assert f"{beyond(rows['low'], rows['high']).sum()} of {len(rows)} pairwise concept differences" in html
    # quotes are escaped corpus text
    assert "&lt;b&gt;" in html and "<b>x" not in html


def test_limits_list_every_group_and_the_test_split_first():
    prevalence = pd.DataFrame({"grouping": ["origin", "frame", "frame", "article"], "group": ["US", "up", "net", "a1"],
                               "articles": ["4", "2", "9", "1"], "sentences": ["40", "30", "90", "9"],
                               "resampling": ["articles", "sentences within articles", "articles", "x"]})
    scores = pd.DataFrame({"study": ["gold"] * 3, "split": ["dev", "test", "test"], "coding": ["instrument", "instrument", "coder_a"],
                           "measure": ["micro"] * 3, "language": ["all"] * 3, "f1": ["0.7", "0.45", "0.95"],
                           "f1_low": ["0.6", "0.38", "0.9"], "f1_high": ["0.8", "0.51", "0.97"]})
    agreement = pd.DataFrame({"study": ["gold"], "split": ["test"], "coding_a": ["coder_a"], "coding_b": ["coder_b"],
                              "language": ["all"], "concept": ["pooled"], "alpha": ["0.9"]})
    limits = findings.limits(prevalence, scores, agreement, ["origin", "frame"])
    assert [(g.grouping, g.group, g.articles) for g in limits.groups] == [("frame", "net", 9), ("frame", "up", 2), ("origin", "US", 4)]
    assert [(s.split, s.value) for s in limits.instrument] == [("test", 0.45), ("dev", 0.7)]
    assert [s.coding for s in limits.coders] == ["coder_a"] and limits.coder_alpha[0].value == 0.9


def test_topics_the_codebook_does_not_name_and_topic_effects_beyond_their_intervals():
    labels = pd.DataFrame({"topic": ["1", "2"], "top_terms": ["a b c d e f", "g h i"], "frex_terms": ["", ""]})
    concepts = pd.DataFrame({"topic": ["1", "1", "2"], "concept": ["x", "y", "y"], "lift": ["1.2", "3.5", "1.4"]})
    cross = pd.DataFrame({"topic": ["1"], "top_terms": ["x y"], "frex_terms": [""]})
    effects = pd.DataFrame({"grouping": ["language", "frame", "frame", "frame"], "comparison": ["pairwise", "pairwise", "pairwise", "one_vs_rest"],
                            "group_a": ["en", "net", "net", "net"], "group_b": ["zh", "up", "up", "rest"], "topic": ["1", "1", "1", "1"],
                            "effect": ["0.1", "-0.2", "0.01", "0.3"], "low": ["0.05", "-0.3", "-0.02", "0.1"],
                            "high": ["0.15", "-0.1", "0.04", "0.5"]})
    models = {layout.TopicScope("zh", "lda"): findings.TopicTables(labels, concepts),
              layout.CROSSLINGUAL: findings.TopicTables(cross, pd.DataFrame({"topic": ["1"], "concept": ["x"], "lift": ["4"]}))}
    themes, found_effects = findings.topic_findings(models, effects, ["language", "frame"])
    assert [(t.scope, t.topic, t.concept, t.named) for t in themes] == [
        ("zh-lda", "1", "y", True), ("zh-lda", "2", "y", False), ("crosslingual", "1", "x", True)]
    assert themes[0].terms == ("a", "b", "c", "d", "e")
    assert [(e.grouping, e.effect.value, e.terms) for e in found_effects] == [("frame", -0.2, ("x", "y")), ("language", 0.1, ("x", "y"))]


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
    html = findings_section([], [], [], found, findings.Limits([], [], [], []), Links(concept=lambda c: f"concepts/{c}.html", sentence=lambda a, s: f"articles/{a}.html#s{s}",
                                                  topic=lambda scope, t: f"topics/{scope}-{t}.html"))
    assert "en: 1 of 1" in unescape(html) and "familiar rapport" in html
