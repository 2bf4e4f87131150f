from snakemake.utils import min_version, validate

min_version("9.0")


configfile: "config/config.yaml"


validate(config, "workflow/schemas/config.schema.yaml")


include: "workflow/rules/common.smk"
include: "workflow/rules/clean.smk"
include: "workflow/rules/segment.smk"
include: "workflow/rules/coding.smk"
include: "workflow/rules/embed.smk"
include: "workflow/rules/themes.smk"
include: "workflow/rules/topics.smk"
include: "workflow/rules/compare.smk"
include: "workflow/rules/report.smk"


rule all:
    default_target: True
    input:
        expand(layout.CLEAN_TEXT, article=ARTICLE_IDS),
        expand(layout.REMOVED_SPANS, article=ARTICLE_IDS),
        expand(layout.SENTENCES, article=ARTICLE_IDS),
        expand(layout.EMBEDDINGS, article=ARTICLE_IDS),
        layout.CODED,
        [layout.theme_table(table) for table in layout.THEME_TABLES],
        layout.INTRUSION_SCORES,
        layout.COVERAGE,
        expand(layout.VALIDATION, table=layout.VALIDATION_TABLES),
        [scope.table(table) for scope in layout.language_scopes(CORPUS_LANGUAGES) for table in layout.TOPIC_TABLES],
        expand(layout.TopicScope("{language}", layout.SEEDED).table("seeded_terms"), language=CORPUS_LANGUAGES),
        expand(layout.AGREEMENT, language=CORPUS_LANGUAGES),
        expand(layout.EXCLUDED_NAMES, language=CORPUS_LANGUAGES),
        [layout.CROSSLINGUAL.table(table) for table in layout.CROSSLINGUAL_TABLES],
        expand(layout.COMPARE_TABLE, table=layout.COMPARE_TABLES + layout.FRAME_TABLES),
        layout.INTERVAL_COVERAGE,
        expand(layout.KEYNESS, language=CORPUS_LANGUAGES),
        layout.SUMMARY,
        layout.REPORT_INDEX,
        [layout.REPORT_ARTICLES, layout.REPORT_TOPICS, layout.REPORT_CONCEPTS, layout.REPORT_SEARCH],
        layout.figure_files(GROUPINGS, CORPUS_LANGUAGES),
