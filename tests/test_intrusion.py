"""The intrusion test: items with their intruders, the key kept apart, and the coders' answers scored."""

import pandas as pd
import pytest

from upsoc.themes.intrusion import (
    INSTRUCTIONS_TEXT,
    IntrusionError,
    baseline_tables,
    build_items,
    item_interval,
    read_answers,
    score,
    score_folder,
    write_study,
)

THEME_TERMS = {1: "coffee chat senior ask listen story", 2: "event attend conference card booth badge",
               3: "manager update meeting priority feedback weekly"}
LDA_TERMS = {1: "work people like project time make", 2: "network event linkedin connect meet group"}


def terms_table(topics, column):
    return pd.DataFrame([{column: topic, "rank": rank, "term": term, "language": "en"}
                         for topic, words in topics.items() for rank, term in enumerate(words.split(), start=1)])


def texts_table(column, n_topics):
    return pd.DataFrame([{column: topic, "rank": rank, "text": f"sentence {rank} of topic {topic}", "language": "en"}
                         for topic in range(1, n_topics + 1) for rank in (1, 2, 3)])


@pytest.fixture
def study():
    terms, texts = baseline_tables(terms_table(THEME_TERMS, "theme"), texts_table("theme", 3),
                                   {"en": terms_table(LDA_TERMS, "topic").drop(columns="language")},
                                   {"en": texts_table("topic", 2).drop(columns="language")}, listed_terms=6)
    return build_items(terms, texts, seed=3)


def test_each_item_hides_one_intruder_from_another_topic(study):
    tables, key = study
    assert len(tables["word"]) == 3 + 2 and len(tables["sentence"]) == 3 + 2
    options = tables["word"].set_index("item")
    for row in key[key["test"] == "word"].itertuples():
        shown = options.loc[row.item, [f"option_{i}" for i in range(1, 7)]].tolist()
        assert shown[row.answer - 1] == row.intruder
        own = (THEME_TERMS if row.model == "themes" else LDA_TERMS)[row.topic].split()
        assert row.intruder not in own and set(shown) - {row.intruder} == set(own[:5])
    # the items coders see say nothing of the model or the answer
    assert set(tables["word"].columns) == {"item", "language", *[f"option_{i}" for i in range(1, 7)]}
    assert build_items(*baseline_tables(terms_table(THEME_TERMS, "theme"), texts_table("theme", 3), {}, {}, 6), 3)[1] \
        .equals(build_items(*baseline_tables(terms_table(THEME_TERMS, "theme"), texts_table("theme", 3), {}, {}, 6), 3)[1])


def test_scores_per_coder_and_topic_with_agreement(study, tmp_path):
    tables, key = study
    folder = tmp_path / "intrusion"
    write_study(folder, tables, key, ["a", "b"], INSTRUCTIONS_TEXT)
    assert "answer" in (folder / "coder_a.tsv").read_text() and score_folder(folder)["note"].str.contains("no coder").all()
    template = pd.read_csv(folder / "coder_a.tsv", sep="\t", dtype=str, keep_default_na=False)
    answers = key.set_index("item")["answer"]
    # coder a finds every intruder; coder b always answers 1, and skips the sentence items
    template.assign(answer=template["item"].map(answers).astype(str)).to_csv(folder / "coder_a.tsv", sep="\t", index=False)
    template.assign(answer=["1" if t == "word" else "" for t in template["test"]]).to_csv(
        folder / "coder_b.tsv", sep="\t", index=False)
    scores = score_folder(folder)
    overall = scores[(scores["language"] == "all")].set_index(["model", "test", "coder"])
    assert overall.loc[("themes", "word", "a"), "precision"] == 1.0
    b_right = sum(key.loc[(key["test"] == "word") & (key["model"] == "themes"), "answer"].astype(int) == 1)
    assert overall.loc[("themes", "word", "b"), "correct"] == b_right
    # three items, answered by both coders: precision is over the six answers
    assert overall.loc[("themes", "word", "all"), ["items", "answers"]].tolist() == [3, 6]
    assert overall.loc[("themes", "word", "all"), "precision"] == pytest.approx((3 + b_right) / 6)
    assert overall.loc[("themes", "word", "all"), "agreement"] == pytest.approx(b_right / 3)
    assert overall.loc[("themes", "sentence", "all"), "precision"] == 1.0  # only coder a answered them
    # both tests together: the word answers of both coders and the sentence answers of coder a
    both = overall.loc[("themes", "all", "all")]
    assert both["answers"] == 6 + overall.loc[("themes", "sentence", "all"), "answers"]
    assert overall.loc[("themes", "all", "a"), ["precision", "low", "high"]].tolist() == [1.0, 1.0, 1.0]
    per_topic = scores[(scores["model"] == "lda") & (scores["test"] == "word") & (scores["coder"] == "a")
                       & (scores["language"] == "en")]
    assert sorted(per_topic["theme"].dropna().astype(str)) == ["1", "2", "all"]


def test_an_answer_that_is_not_an_option_number_names_the_file_and_item(study, tmp_path):
    tables, key = study
    sheet = tmp_path / "coder_x.tsv"
    pd.DataFrame({"item": [key["item"][0]], "answer": ["coffee"]}).to_csv(sheet, sep="\t", index=False)
    with pytest.raises(IntrusionError, match=f"coder_x.tsv: item {key['item'][0]}: answer 'coffee'"):
        read_answers(sheet, key)
    with pytest.raises(IntrusionError, match="already holds a study"):
        write_study(tmp_path, tables, key, ["a"], INSTRUCTIONS_TEXT)


def test_no_study_and_no_answers_say_so_instead_of_failing(tmp_path):
    assert "no intrusion study" in score_folder(tmp_path / "none")["note"][0]
    assert "no coder" in score(pd.DataFrame(columns=["item", "answer"]), {})["note"][0]


def test_the_interval_resamples_items_not_answers():
    # ten items answered by two coders who agree: five found by both, five missed by both
    answers = pd.DataFrame({"item": [f"w{i}" for i in range(10) for _ in range(2)],
                            "correct": [int(i < 5) for i in range(10) for _ in range(2)]})
    low, high = item_interval(answers)
    # ten items, not twenty independent answers: about 0.5 ± 0.31 rather than ± 0.22
    assert low <= 0.25 and high >= 0.75
