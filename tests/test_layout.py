"""One module owns the result layout: the rules, the scripts and the report take paths from it."""

import re

from conftest import ROOT

from upsoc import layout


def test_no_rule_or_script_spells_a_result_path():
    sources = [ROOT / "Snakefile", *(ROOT / "workflow" / "rules").glob("*.smk"), *(ROOT / "workflow" / "scripts").glob("*.py")]
    offenders = [path.name for path in sources if re.search(r"[\"']results/", path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_topic_scopes_name_their_folders_and_pages():
    scopes = layout.topic_scopes(["zh", "fa"])
    assert [s.name for s in scopes] == ["zh-lda", "zh-nmf", "zh-seeded", "fa-lda", "fa-nmf", "fa-seeded", "crosslingual"]
    assert layout.TopicScope("fa", "nmf").table("labels") == "results/topics/fa/nmf/labels.tsv"
    assert layout.AGREEMENT.format(language="fa") == "results/topics/fa/seeded/agreement.tsv"
    assert layout.CROSSLINGUAL.table("article_topics") == "results/topics/crosslingual/article_topics.tsv"
    # usable as a Snakemake output template
    assert layout.TopicScope("{language}", "{model}").table("topics") == "results/topics/{language}/{model}/topics.tsv"


def test_report_inputs_cover_every_model_under_identifier_names_and_no_figure():
    pages = layout.report_page_inputs(["coffee-chats", "mentor-note"])
    index = layout.report_index_inputs(["en", "zh"])
    assert all(name.isidentifier() for name in {**pages, **index})
    assert pages["sentences"] == ["results/sentences/coffee-chats.tsv", "results/sentences/mentor-note.tsv"]
    assert index["keyness_zh"] == "results/compare/keyness_zh.tsv"
    assert index["topics_zh_nmf_representatives"] == "results/topics/zh/nmf/representatives.tsv"
    assert index["topics_en_seeded_labels"] == "results/topics/en/seeded/labels.tsv"
    assert index["topics_crosslingual_selection"] == "results/topics/crosslingual/selection.tsv"
    # the corpus pages wait for no topic model and no comparison, so they are written beside them
    assert not any(path.startswith(("results/topics/", "results/compare/")) for path in pages.values()
                   if isinstance(path, str))
    # neither waits for the figures: the overview links to them without reading them
    paths = [path for inputs in (pages, index) for value in inputs.values()
             for path in (value if isinstance(value, list) else [value])]
    assert not any(path.startswith(layout.REPORT_FIGURES) for path in paths)


def test_figure_files_are_every_figure_in_both_formats():
    files = layout.figure_files(["frame", "origin"], ["en", "zh"])
    # per grouping: prevalence, differences; the frame effects, heatmap and mixtures; per language: keyness,
    # selection, one per topic model; the themes' prevalence
    assert len(files) == len(set(files)) == 2 * (4 + 3 + 2 + 2 + 2 * len(layout.MODELS) + 1)
    assert "results/report/figures/topic_terms_en_lda.png" in files and "results/report/figures/keyness_zh.svg" in files
    assert "results/report/figures/themes_prevalence.svg" in files


def test_every_model_has_its_figures():
    assert layout.topic_figures(["fa"]) == ["selection_fa"] + [f"topic_terms_fa_{m}" for m in layout.MODELS]


def test_templates_take_snakemake_wildcards():
    assert layout.CLEAN_TEXT == "results/clean/{article}.txt"
    assert layout.KEYNESS.format(language="fa") == "results/compare/keyness_fa.tsv"
    assert layout.FIGURE_FILE.format(name=layout.HEATMAP_FIGURE, ext="svg") == "results/report/figures/concept_heatmap.svg"
    assert layout.REPORT_CONCEPT.format(concept="follow_up") == "results/report/concepts/follow_up.html"
