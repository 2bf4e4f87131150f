"""Where the pipeline writes its results: every path under results/, the topic models and the
tables of each stage.

Paths and figure names are templates with Snakemake wildcards ("{article}"): the rules declare
their outputs with them (as they stand, or filled in with `expand`), and the rule scripts and
the report find their inputs by the names `key` gives them in the rule, so that no other module
spells a path under results/. Renaming a result is an edit here.
"""

from __future__ import annotations

from dataclasses import dataclass

RESULTS = "results"
# Topic models fitted per language: upsoc.topics.models implements the unseeded ones,
# upsoc.topics.seeded the model seeded with the codebook's cues.
SEEDED = "seeded"
UNSEEDED_MODELS = ("lda", "nmf")
MODELS = UNSEEDED_MODELS + (SEEDED,)
TOPIC_TABLES = ("topics", "doc_topics", "selection", "representatives", "labels", "concepts")
# The seeded model also has the top terms of each concept's topic.
SEEDED_TABLES = TOPIC_TABLES + ("seeded_terms",)
# The cross-lingual model also has each article's topic mixture.
CROSSLINGUAL_TABLES = TOPIC_TABLES + ("article_topics",)
COMPARE_TABLES = ("concept_prevalence", "concept_differences", "topic_effects", "divergence", "tactics", "parallel_pairs")


def key(*parts: str) -> str:
    """The name of a rule's input or output made of several parts: "keyness_zh", "topics_zh_lda_labels"."""
    return "_".join(parts).replace("-", "_")


# clean and segment: one file per article
CLEAN_TEXT = f"{RESULTS}/clean/{{article}}.txt"
REMOVED_SPANS = f"{RESULTS}/clean/{{article}}.removed.tsv"
SENTENCES = f"{RESULTS}/sentences/{{article}}.tsv"

# code: the codebook compiled per language, then every article's sentences
CUES = f"{RESULTS}/coding/cues/{{language}}.tsv"
ADVICE = f"{RESULTS}/coding/advice/{{language}}.tsv"
CODED_ARTICLE = f"{RESULTS}/coding/articles/{{article}}.tsv"
CODED = f"{RESULTS}/coding/sentences.tsv"
COVERAGE = f"{RESULTS}/coding/codebook_coverage.tsv"
# The instrument against the annotation studies of data/validation/ (upsoc.annotation.study)
VALIDATION_TABLES = ("scores", "agreement", "confusions", "sentences", "cues")
VALIDATION = f"{RESULTS}/validation/{{table}}.tsv"
STUDY_TOKENS = f"{RESULTS}/validation/study_tokens.tsv"
# How often the intervals of the frame estimates cover a known truth (upsoc.compare.coverage)
INTERVAL_COVERAGE = f"{RESULTS}/validation/coverage.tsv"


# embed: each article's sentence vectors (upsoc.embed.store)
EMBEDDINGS_DIR = f"{RESULTS}/embeddings"
EMBEDDINGS = f"{EMBEDDINGS_DIR}/{{article}}.npy"
EMBEDDING_IDS = f"{EMBEDDINGS_DIR}/{{article}}.tsv"

# themes: cross-lingual themes of the sentence vectors (upsoc.themes)
THEMES_DIR = f"{RESULTS}/themes"
THEME_TABLES = ("themes", "terms", "units", "prevalence", "selection", "fragments", "representatives", "debiasing",
                "pairs", "neighbours")
THEME_TABLE = f"{THEMES_DIR}/{{table}}.tsv"
# the intrusion test's answers scored (upsoc.themes.intrusion), or a row saying they are missing
INTRUSION_SCORES = f"{THEMES_DIR}/intrusion.tsv"
THEMES_FIGURE = "themes_prevalence"


def theme_table(table: str) -> str:
    return THEME_TABLE.format(table=table)


# topics
UNITS = f"{RESULTS}/topics/{{language}}/units.tsv"
# the people's names kept out of the units' terms
EXCLUDED_NAMES = f"{RESULTS}/topics/{{language}}/excluded_names.tsv"


@dataclass(frozen=True)
class TopicScope:
    """A fitted topic model: one language's LDA or NMF, or (no language) the cross-lingual model."""

    language: str = ""
    model: str = ""

    @property
    def name(self) -> str:
        """"zh-lda", "crosslingual": names its report pages and its inputs."""
        return f"{self.language}-{self.model}" if self.language else "crosslingual"

    def table(self, table: str) -> str:
        folder = f"{self.language}/{self.model}" if self.language else self.name
        return f"{RESULTS}/topics/{folder}/{table}.tsv"


CROSSLINGUAL = TopicScope()


# The seeded topics against the coding of their concepts, and their prevalence per group.
AGREEMENT = TopicScope("{language}", SEEDED).table("agreement")


def language_scopes(languages: list[str]) -> list[TopicScope]:
    return [TopicScope(language, model) for language in languages for model in MODELS]


def topic_scopes(languages: list[str]) -> list[TopicScope]:
    return language_scopes(languages) + [CROSSLINGUAL]


# compare
COMPARE_TABLE = f"{RESULTS}/compare/{{table}}.tsv"
KEYNESS = f"{RESULTS}/compare/keyness_{{language}}.tsv"
# frame contrasts within language and the cells' prevalences, coded and prediction-powered
FRAME_TABLES = ("frame_effects", "frame_prevalence")


# written by the benchmarks in benchmarks/, not by the workflow
BENCHMARKS = f"{RESULTS}/benchmarks"

# report
SUMMARY = f"{RESULTS}/corpus/summary.tsv"
# articles and sentences per frame × language × origin × translation, and the contrasts they allow
DESIGN = f"{RESULTS}/corpus/design.tsv"
CONTRASTS = f"{RESULTS}/corpus/contrasts.tsv"
REMOVED = f"{RESULTS}/corpus/removed.tsv"
REPORT_INDEX = f"{RESULTS}/report/index.html"
REPORT_ARTICLES = f"{RESULTS}/report/articles"
REPORT_TOPICS = f"{RESULTS}/report/topics"
# a concordance page per concept: every sentence that carries it
REPORT_CONCEPTS = f"{RESULTS}/report/concepts"
REPORT_CONCEPT = f"{REPORT_CONCEPTS}/{{concept}}.html"
# every sentence of the corpus, with a search box
REPORT_SEARCH = f"{RESULTS}/report/search.html"
REPORT_FIGURES = f"{RESULTS}/report/figures"
FIGURE_FILE = f"{REPORT_FIGURES}/{{name}}.{{ext}}"
# every figure is written in each format (`upsoc.report.figures.save` writes them)
FIGURE_FORMATS = ("png", "svg")
# figure names
# the report's lead figure: frame contrasts within each language, ppi and coded
FRAME_EFFECTS_FIGURE = "frame_effects"
PREVALENCE_FIGURE = "prevalence_{grouping}"
DIFFERENCES_FIGURE = "differences_{grouping}"
HEATMAP_FIGURE = "concept_heatmap"
MIXTURES_FIGURE = "crosslingual_mixtures"
KEYNESS_FIGURE = "keyness_{language}"
SELECTION_FIGURE = "selection_{language}"
TOPIC_TERMS_FIGURE = "topic_terms_{language}_{model}"


def compare_figures(groupings: list[str], languages: list[str]) -> list[str]:
    by_grouping = [name.format(grouping=g) for name in (PREVALENCE_FIGURE, DIFFERENCES_FIGURE) for g in groupings]
    return [FRAME_EFFECTS_FIGURE] + by_grouping + [HEATMAP_FIGURE, MIXTURES_FIGURE] + [KEYNESS_FIGURE.format(language=lang) for lang in languages]


def topic_figures(languages: list[str]) -> list[str]:
    return [SELECTION_FIGURE.format(language=lang) for lang in languages] + [
        TOPIC_TERMS_FIGURE.format(language=lang, model=model) for lang in languages for model in MODELS
    ]


def figure_files(groupings: list[str], languages: list[str]) -> list[str]:
    """Every figure of the run, in every format."""
    names = compare_figures(groupings, languages) + topic_figures(languages) + [THEMES_FIGURE]
    return [FIGURE_FILE.format(name=name, ext=ext) for name in names for ext in FIGURE_FORMATS]


# What the report shows, besides the figures; the topic models' unit weights are not shown.
REPORT_COMPARE_TABLES = (*FRAME_TABLES, "concept_prevalence", "concept_differences", "divergence", "topic_effects", "tactics", "parallel_pairs")
REPORT_TOPIC_TABLES = ("topics", "selection", "representatives", "labels", "concepts")
REPORT_THEME_TABLES = ("themes", "terms", "selection", "representatives", "pairs", "debiasing", "fragments")


def report_page_inputs(articles: list[str]) -> dict[str, str | list[str]]:
    """The results the pages of the coded corpus read (`upsoc.report.build.build_pages`), named
    as `ReportInputs` looks them up: no topic model and no comparison, so they are written
    beside them."""
    return {
        "summary": SUMMARY,
        "removed": REMOVED,
        "coded": CODED,
        "sentences": [SENTENCES.format(article=article) for article in articles],
        "coverage": COVERAGE,
        "neighbours": theme_table("neighbours"),
    }


def report_index_inputs(languages: list[str]) -> dict[str, str]:
    """The results the report's overview and topic pages read (`upsoc.report.build.build_index`).

    The figures are not among them: the overview links to them (`REPORT_FIGURES`) and never
    reads them, so it is written while they are drawn."""
    return {
        "summary": SUMMARY,
        "design": DESIGN,
        "contrasts": CONTRASTS,
        "removed": REMOVED,
        "coded": CODED,
        "coverage": COVERAGE,
        **{key("validation", table): VALIDATION.format(table=table) for table in VALIDATION_TABLES},
        "interval_coverage": INTERVAL_COVERAGE,
        **{table: COMPARE_TABLE.format(table=table) for table in REPORT_COMPARE_TABLES},
        **{key("keyness", language): KEYNESS.format(language=language) for language in languages},
        **{
            key("topics", scope.name, table): scope.table(table)
            for scope in topic_scopes(languages)
            for table in REPORT_TOPIC_TABLES
        },
        **{key("seeded", language, "agreement"): AGREEMENT.format(language=language) for language in languages},
        **{key("themes", table): theme_table(table) for table in REPORT_THEME_TABLES},
        "intrusion": INTRUSION_SCORES,
        **{key("seeded", language, "terms"): TopicScope(language, SEEDED).table("seeded_terms") for language in languages},
    }


# Where the report's parts are (`upsoc.report.build.Site`): each of its two jobs links to the other's.
REPORT_SITE = {"index": REPORT_INDEX, "articles": REPORT_ARTICLES, "topics": REPORT_TOPICS, "concepts": REPORT_CONCEPTS,
               "search": REPORT_SEARCH, "figures": REPORT_FIGURES}
