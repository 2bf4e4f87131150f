"""The corpus design: articles and sentences per frame × language × origin × translation, the
contrasts it supports within each language, and the switch that leaves translations out."""

import pandas as pd

from upsoc.compare.groups import compared_articles
from upsoc.corpus import design_table, supported_contrasts


def summary():
    rows = [  # article_id, language, frame, origin, translated_from, sentences
        ("zh-a", "zh", "upward_socializing", "CN", "", 40), ("zh-b", "zh", "upward_socializing", "US", "en", 30),
        ("zh-c", "zh", "networking", "CN", "", 50), ("zh-d", "zh", "networking", "CN", "", 20),
        ("en-a", "en", "upward_socializing", "US", "", 60), ("en-b", "en", "networking", "", "", 10),
        ("fa-a", "fa", "networking", "IR", "", 25),
    ]
    return pd.DataFrame(rows, columns=["article_id", "language", "frame", "origin", "translated_from", "sentences"])


def test_design_counts_articles_and_sentences_per_cell_with_translations_apart():
    design = design_table(summary()).set_index(["frame", "language", "origin", "translation"])
    assert design.loc[("networking", "zh", "CN", "original")].tolist() == [2, 70]
    assert design.loc[("upward_socializing", "zh", "US", "from en")].tolist() == [1, 30]
    assert design.loc[("networking", "en", "unknown", "original")].tolist() == [1, 10]
    assert design["articles"].sum() == 7 and design["sentences"].sum() == 235


def test_frames_are_contrasted_within_languages_that_have_both_and_never_in_a_one_frame_language():
    contrasts = supported_contrasts(design_table(summary()), min_articles=2,
                                    frame_contrasts=[("upward_socializing", "networking"), ("managing_up", "networking")])
    frames = contrasts[contrasts["across"] == "frame"].set_index("stratum")
    assert sorted(frames.index) == ["en", "zh"]  # Persian has one frame: no frame contrast
    assert set(frames["contrast"]) == {"upward_socializing-networking"}  # no managing_up articles here
    assert frames.loc["zh", ["articles_a", "articles_b", "supported"]].tolist() == [2, 2, True]
    assert not frames.loc["en", "supported"]  # one article a side
    languages = contrasts[(contrasts["across"] == "language") & (contrasts["stratum"] == "networking")]
    assert sorted(languages["contrast"]) == ["en-fa", "en-zh", "fa-zh"]


def test_translations_can_be_left_out_of_the_comparisons():
    sheet = summary().rename(columns={"article_id": "id"})
    assert compared_articles(sheet, "include") is sheet
    assert list(compared_articles(sheet, "exclude")["id"]) == ["zh-a", "zh-c", "zh-d", "en-a", "en-b", "fa-a"]
