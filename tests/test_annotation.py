"""The annotation sample: seeded, stratified by language and article, split by article."""

import numpy as np
import pandas as pd
import pytest

from upsoc.annotation.sample import draw_sample, draw_stratified_sample, eligible_sentences, split_by_article


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


def test_a_design_sample_is_a_simple_random_sample_of_every_sentence_in_each_stratum():
    sentences = corpus(SIZES)
    sentences["frame"] = sentences["article_id"].map(lambda a: "networking" if a.endswith(("long", "a")) else "managing_up")
    sample = draw_stratified_sample(sentences, ["frame", "language"], 20, seed=5)
    cells = sample.groupby(["frame", "language"]).size().to_dict()
    # fa managing_up (fa-b, 12 sentences) gives all it has; fragments are in the population too
    assert cells == {("managing_up", "en"): 20, ("managing_up", "fa"): 12, ("managing_up", "zh"): 20,
                     ("networking", "en"): 20, ("networking", "fa"): 20, ("networking", "zh"): 20}
    population = sample.groupby(["frame", "language"])["population"].first().to_dict()
    assert population[("networking", "zh")] == 400 and population[("managing_up", "zh")] == 46
    assert "1" in set(sample["sentence_id"].astype(str))
    expected = [f"{a} sentence {i - 1}" if i > 1 else "" for a, i in zip(sample["article_id"], sample["sentence_id"])]
    assert list(sample["context"]) == expected
    assert sample.equals(draw_stratified_sample(sentences, ["frame", "language"], 20, seed=5))


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


# --- agreement, study folders and the instrument's scores -----------------------------------

from upsoc.annotation.agreement import agreement, alpha  # noqa: E402
from upsoc.annotation.instrument import confusions, cue_precision, scores_with_intervals  # noqa: E402
from upsoc.annotation.sheets import StudyError  # noqa: E402
from upsoc.annotation.study import load_study, study_folders, validation_tables  # noqa: E402
from upsoc.tsv import read_tsv, write_tsv  # noqa: E402

IDS = ["follow_up", "seek_advice", "status_hierarchy"]


def write_study(folder, a_rows, b_rows, adjudicated=None):
    items = [f"s{i}" for i in range(1, len(a_rows) + 1)]
    sample = pd.DataFrame({"item": items, "article_id": ["x", "x", "y", "y", "z", "z"][: len(items)],
                           "sentence_id": range(1, len(items) + 1), "language": "en", "context": "",
                           "text": [f"sentence {i}" for i in items], "split": ["dev", "dev", "test", "test", "test", "test"][: len(items)]})
    write_tsv(sample, folder / "sample.tsv")
    for name, rows in (("coder_a", a_rows), ("coder_b", b_rows), ("adjudicated", adjudicated)):
        if rows is not None:
            write_tsv(pd.DataFrame({"item": items, "concepts": [r[0] for r in rows], "is_advice": [r[1] for r in rows], "note": ""}),
                      folder / f"{name}.tsv")


A = [("follow_up", "1"), ("", "0"), ("seek_advice", "1"), ("status_hierarchy", "0"), ("follow_up;seek_advice", "1"), ("", "0")]
B = [("follow_up", "1"), ("", "1"), ("seek_advice", "1"), ("", "0"), ("follow_up", "1"), ("", "0")]


def test_alpha_matches_a_hand_computed_value():
    # 6 units, one disagreement: observed 1/6 pairs differ; expected from the pooled 1s (5 of 12)
    a, b = np.array([1, 1, 1, 0, 0, 0]), np.array([1, 1, 0, 0, 0, 0])
    n, ones = 12, 5
    expected = 2 * ones * (n - ones) / (n * (n - 1))
    assert alpha(a, b) == pytest.approx(1 - (2 * 1 / n) / expected)
    assert np.isnan(alpha(np.zeros(4, int), np.zeros(4, int)))


def test_a_study_without_adjudication_is_scored_against_what_both_coders_gave(tmp_path):
    write_study(tmp_path, A, B)
    study = load_study(tmp_path, IDS)
    assert list(study.reference["concepts"]) == ["follow_up", "", "seek_advice", "", "follow_up", ""]
    assert list(study.reference["is_advice"]) == ["1", "0", "1", "0", "1", "0"]
    table = agreement(study.codings, study.sample["language"], IDS)
    pooled = table[(table["concept"] == "pooled") & (table["language"] == "all")].iloc[0]
    assert (pooled["positives_a"], pooled["positives_b"]) == (5, 3) and 0 < pooled["alpha"] < 1


def test_the_instrument_is_scored_per_split_beside_the_coders(tmp_path):
    write_study(tmp_path, A, B, adjudicated=A)
    study = load_study(tmp_path, IDS)
    instrument = pd.DataFrame({"concepts": ["follow_up", "", "", "status_hierarchy", "follow_up", "seek_advice"],
                               "is_advice": ["1", "0", "1", "0", "0", "0"]}, index=study.sample.index)
    tables = validation_tables(study, instrument, IDS, replicates=200, random_state=3)
    scores = tables["scores"].set_index(["split", "coding", "measure", "concept", "language"])
    test_micro = scores.loc[("test", "instrument", "micro", "", "all")]
    # test items s3-s6: gold seek_advice, status_hierarchy, follow_up+seek_advice, none; coded none, status, follow_up, seek_advice
    assert (test_micro["tp"], test_micro["fp"], test_micro["fn"]) == (2, 1, 2)
    assert float(test_micro["f1_low"]) <= float(test_micro["f1"]) <= float(test_micro["f1_high"])
    assert ("test", "coder_b", "micro", "", "all") in scores.index and "adjudicated" not in set(tables["scores"]["coding"])
    assert set(tables["agreement"]["split"]) == {"dev", "test"}
    confused = confusions(study.reference.loc[["s3"]], instrument.loc[["s3"]], IDS)
    assert confused.empty  # s3: seek_advice missed, nothing else coded


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda f: (f / "coder_a.tsv").write_text("item\tconcepts\tis_advice\ns1\tnetworking_magic\t1\n", encoding="utf-8"),
         "unknown concept id(s) networking_magic"),
        (lambda f: (f / "coder_a.tsv").write_text("item\tconcepts\tis_advice\n", encoding="utf-8"), "no coded sentences"),
        (lambda f: (f / "coder_a.tsv").write_text("item\tconcepts\tis_advice\ns1\t\t\n", encoding="utf-8"), "is_advice is ''"),
        (lambda f: (f / "coder_b.tsv").write_text("item\tconcepts\tis_advice\ns9\t\t0\n", encoding="utf-8"), "code different sentences"),
    ],
)
def test_bad_coding_sheets_are_refused_naming_the_problem(tmp_path, edit, message):
    write_study(tmp_path, A, B)
    edit(tmp_path)
    with pytest.raises(StudyError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_study(tmp_path, IDS)


def test_intervals_cover_the_point_estimate_on_real_sized_samples():
    rng = np.random.default_rng(0)
    n = 120
    gold = pd.DataFrame({"article_id": rng.integers(0, 12, n).astype(str), "language": "en",
                         "concepts": rng.choice(["follow_up", "seek_advice", ""], n), "is_advice": rng.choice(["0", "1"], n)})
    predicted = gold.assign(concepts=np.where(rng.random(n) < 0.7, gold["concepts"], "follow_up"),
                            is_advice=np.where(rng.random(n) < 0.8, gold["is_advice"], "1"))
    table = scores_with_intervals(gold, predicted, IDS, 300, 5).set_index(["measure", "language", "concept"])
    micro, advice = table.loc[("micro", "all", "")], table.loc[("advice", "all", "")]
    assert float(micro["f1_low"]) < micro["f1"] < float(micro["f1_high"])
    assert float(advice["accuracy_low"]) < advice["accuracy"] < float(advice["accuracy_high"])


def test_cue_precision_counts_each_cue_against_the_reference_outside_the_test_split():
    rows = [
        # (split, text's cues, reference concepts)
        ("dev", "follow_up=follow up", "follow_up"),
        ("dev", "follow_up=follow up|thank-you note", ""),
        ("dev", "follow_up=thank-you note; seek_advice=ask for advice", "seek_advice"),
        ("dev", "", "follow_up"),
        ("test", "follow_up=follow up", ""),
    ]
    sentences = pd.DataFrame([{"study": "gold", "split": split, "language": "en", "cues": cues, "reference_concepts": reference}
                              for split, cues, reference in rows])
    table = cue_precision(sentences).set_index(["concept", "cue"])
    assert list(table.index) == [("follow_up", "follow up"), ("follow_up", "thank-you note"), ("seek_advice", "ask for advice")]
    follow_up = table.loc[("follow_up", "follow up")]
    # the test sentence, where it fired wrongly, is not counted
    assert (follow_up["fires"], follow_up["right"], follow_up["precision"]) == (2, 1, 0.5)
    # alone: the firings where no other cue gave the concept
    assert (follow_up["alone"], follow_up["alone_right"]) == (1, 1)
    note = table.loc[("follow_up", "thank-you note")]
    assert (note["fires"], note["right"], note["alone"], note["alone_right"]) == (2, 0, 1, 0)
    assert set(cue_precision(sentences[sentences["split"] == "test"]).columns) == set(table.reset_index().columns)


def test_upsoc_annotate_writes_a_study_and_refuses_to_overwrite_one(tmp_path, monkeypatch, capsys):
    import shutil

    from conftest import FIXTURE_CORPUS, ROOT

    from upsoc.cli import main

    shutil.copytree(ROOT / "config", tmp_path / "config")
    shutil.copytree(ROOT / "workflow", tmp_path / "workflow")
    shutil.copytree(FIXTURE_CORPUS, tmp_path / "data")
    shutil.copy(ROOT / "data" / "codebook.yaml", tmp_path / "data" / "codebook.yaml")
    sheet = read_tsv(tmp_path / "data" / "articles.tsv")
    for article in sheet["id"]:
        write_tsv(corpus({article: ("en", 30)}).drop(columns="language"), tmp_path / "results" / "sentences" / f"{article}.tsv")
    monkeypatch.chdir(tmp_path)
    assert main(["annotate", "--n", "30", "--seed", "5", "--out", "study"]) == 0
    assert "30 sentences of 3 articles" in capsys.readouterr().out
    sample, blank = read_tsv(tmp_path / "study" / "sample.tsv"), read_tsv(tmp_path / "study" / "coder_a.tsv")
    assert set(sample["split"]) == {"dev", "test"} and list(blank["item"]) == list(sample["item"])
    # a coder sees the sentence and the one before it, never the instrument's codes
    assert list(blank.columns) == ["item", "language", "context", "text", "concepts", "is_advice", "note"]
    form = (tmp_path / "study" / "coder_b.html").read_text(encoding="utf-8")
    assert "default-src 'none'" in form and form.count('class="item"') == 30 and "http:" not in form and "https:" not in form
    assert main(["annotate", "--n", "30", "--seed", "5", "--out", "study"]) == 1
    assert "exists already" in capsys.readouterr().err


def mini_study(tmp_path):
    """The first twelve sentences of the project's study, with both coders' sheets."""
    from conftest import GOLD_STUDY

    folder = tmp_path / "mini"
    for name in ("sample", "coder_a", "coder_b", "adjudicated"):
        write_tsv(read_tsv(GOLD_STUDY / f"{name}.tsv").head(12), folder / f"{name}.tsv")
    return folder


def test_upsoc_agreement_scores_coders_and_instrument(tmp_path, monkeypatch, capsys):
    from conftest import ROOT

    from upsoc.cli import main

    folder = mini_study(tmp_path)
    monkeypatch.chdir(ROOT)  # the project's codebook and lexicon
    argv = ["agreement", str(folder / "coder_a.tsv"), str(folder / "coder_b.tsv"), "--adjudicated",
            str(folder / "adjudicated.tsv"), "--out", str(tmp_path / "out"), "--replicates", "100"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "coder_a ~ coder_b" in out and "instrument:" in out
    scores = read_tsv(tmp_path / "out" / "scores.tsv")
    assert set(scores["coding"]) == {"instrument", "coder_a", "coder_b"}
    assert {"agreement.tsv", "confusions.tsv"} <= {p.name for p in (tmp_path / "out").iterdir()}


def test_upsoc_agreement_refuses_sheets_of_different_sentences(tmp_path, monkeypatch, capsys):
    from conftest import ROOT

    from upsoc.cli import main

    folder = mini_study(tmp_path)
    write_tsv(read_tsv(folder / "coder_b.tsv").head(10), folder / "coder_b.tsv")
    monkeypatch.chdir(ROOT)
    assert main(["agreement", str(folder / "coder_a.tsv"), str(folder / "coder_b.tsv"), "--out", str(tmp_path / "out")]) == 1
    assert "code different sentences" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_study_drawn_but_not_coded_waits_and_one_coded_in_part_is_a_study(tmp_path):
    for name, rows in (("coded", A), ("blank", [("", "")] * 6), ("partial", [*A[:3], *[("", "")] * 3])):
        (tmp_path / name).mkdir()
        write_study(tmp_path / name, rows, [("", "")] * 6)
    (tmp_path / "notes").mkdir()  # no sample.tsv: not a study
    studies, pending = study_folders(tmp_path)
    assert [s.rsplit("/", 1)[1] for s in studies] == ["coded", "partial"]
    assert [s.rsplit("/", 1)[1] for s in pending] == ["blank"]
    with pytest.raises(StudyError, match="a blank means not coded"):
        load_study(tmp_path / "partial", IDS)
